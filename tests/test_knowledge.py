"""Keeping the knowledge base current: upload, correct, replace, remove; bad uploads rejected."""

from __future__ import annotations

import pytest

from assistant.knowledge import KnowledgeBase, KnowledgeError, safe_file_name, sniff_suffix

NEW_POLICY = ("盐都区人民政府\n2024年3月1日\n盐都区专精特新企业奖励办法（2024-2026年）\n一、奖励标准\n"
              "1. 对新认定的省级专精特新企业给予30万元奖励。\n2. 对新认定的国家级专精特新小巨人企业给予80万元奖励。\n")


@pytest.fixture()
def workspace(settings_factory, knowledge_copy, tmp_path):
    from assistant.service import Assistant

    settings = settings_factory(knowledge_dir=knowledge_copy, index_dir=tmp_path / "index")
    assistant = Assistant.from_settings(settings, progress=False)
    return assistant, KnowledgeBase(settings, assistant.retriever.store, assistant.retriever.embeddings)


def test_upload_check_correct_index_and_answer_at_once(workspace):
    assistant, knowledge = workspace
    data = NEW_POLICY.encode("gbk")
    preview = knowledge.preview(data, "盐都奖励办法.txt")
    assert preview.title == "盐都区专精特新企业奖励办法（2024-2026年）" and preview.date_issued == "2024-03-01"
    meta = knowledge.add(data, "盐都奖励办法.txt", who="commissioner-li", corrections={"region": "盐都区, 盐城市"})
    assert meta.region == "盐都区, 盐城市"
    answer = assistant.ask("盐都区对新认定的省级专精特新企业奖励多少？")
    assert answer.citations[0].doc_id == meta.doc_id and "30万元" in answer.text
    log = knowledge.audit_log()[-1]
    assert (log["who"], log["action"], log["doc_id"]) == ("commissioner-li", "add", meta.doc_id) and log["time"]


def test_replace_with_a_newer_version_and_remove(workspace):
    assistant, knowledge = workspace
    meta = knowledge.add(NEW_POLICY.encode(), "yandu.txt", who="li")
    newer = NEW_POLICY.replace("30万元", "40万元")
    knowledge.add(newer.encode(), "yandu-2025.txt", who="wang", replaces=meta.doc_id)
    answer = assistant.ask("盐都区对新认定的省级专精特新企业奖励多少？")
    assert "40万元" in answer.text and "30万元" not in answer.text
    assert not (knowledge.folder / "yandu.txt").exists()
    knowledge.remove(meta.doc_id, who="wang")
    assistant.ask("金湖县每年新增多少家市级专精特新小巨人企业？")  # follows the new generation
    assert meta.doc_id not in assistant.retriever.docs
    assert [e["action"] for e in knowledge.audit_log()] == ["add", "replace", "remove"]


@pytest.mark.parametrize("data, name, message", [
    (b"", "empty.txt", "the file is empty"),
    (b"   \n ", "blank.md", "the file is empty"),
    (b"PK\x03\x04not a docx at all", "fake.docx", "zip archive that is neither a Word .docx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "old.doc", "old binary Word/Excel file.*save it as .docx or .xlsx"),
    (bytes(range(256)) * 10, "binary.txt", "neither UTF-8"),
    # a few bytes after a UTF-16 mark decode to two CJK "characters": no policy document
    (b"\xff\xfe\x00bad", "utf16.txt", "2 characters of text is too little"),
    (b"x" * (20 * 1024 * 1024 + 1), "huge.txt", "over the 20971520-byte upload limit"),
])
def test_bad_uploads_are_rejected_and_nothing_changes(workspace, data, name, message):
    assistant, knowledge = workspace
    files = sorted(p.name for p in knowledge.folder.iterdir())
    generation = assistant.retriever.store.generation
    with pytest.raises(KnowledgeError, match=message):
        knowledge.add(data, name, who="li")
    assert sorted(p.name for p in knowledge.folder.iterdir()) == files
    assert assistant.retriever.store.generation == generation


def test_type_is_read_from_the_content_and_names_cannot_escape_the_folder(workspace):
    _, knowledge = workspace
    assert sniff_suffix(b"%PDF-1.4 ...", "policy.txt") == ".pdf"
    assert sniff_suffix("<html><body><p>一、总则</p></body></html>".encode(), "x.txt") == ".html"
    assert safe_file_name("../../etc/passwd", ".txt") == "passwd.txt"
    assert safe_file_name("..\\..\\win.ini", ".txt") == "win.txt"
    meta = knowledge.add(NEW_POLICY.encode(), "../../outside.txt", who="li")
    assert (knowledge.folder / "outside.txt").is_file() and meta.source_file == "outside.txt"
    assert not (knowledge.folder.parent.parent / "outside.txt").exists()


def test_an_unseen_web_page_is_reported_indexed_answered_by_article_and_flagged_when_expired(workspace, tmp_path):
    from eval.format_corpus import DOCUMENTS
    from eval.formats import render_html

    assistant, knowledge = workspace
    blocks = [b.replace("自2025年3月1日起施行，有效期至2030年2月28日", "自2023年3月1日起施行，有效期至2025年2月28日")
              if isinstance(b, str) else b for b in DOCUMENTS[0].blocks()]  # 澄岭市 认定管理办法, no longer in force
    page = render_html(blocks, tmp_path / "chengling.html", "澄岭市工业和信息化局", "澄岭市", "2025-02-12").read_bytes()
    report = knowledge.inspect(page, "chengling.html")
    assert report.meta.title == "澄岭市专精特新中小企业认定管理办法" and report.meta.valid_until == "2025-02-28"
    assert report.chunks_by_kind["article"] == 18 and any("已失效" in w for w in report.warnings)
    knowledge.add(page, "chengling.html", who="commissioner-li")
    answer = assistant.ask("澄岭市认定管理办法哪一条规定了撤销认定的情形？")
    assert not answer.refused and answer.citations[0].section_path[-1] == "第十六条"
    assert "expired" in answer.citations[0].flags and "有效期至2025年2月28日，现已失效" in answer.text


@pytest.mark.parametrize(("ask", "about"), [
    ("泊川那个细则现在生效了吗？", True), ("这个办法是哪个部门发的？", True), ("措施还有效吗", True),
    ("Is the Bochuan rules document still in force?", True),
    ("区级专精特新认定有效期几年？", False),  # the recognition's validity, not the document's
    ("办法里对研发投入有什么要求？", False),
])
def test_questions_about_a_document_itself(ask, about):
    from assistant.document_facts import asks_about_document

    assert asks_about_document(ask) is about


def test_a_documents_standing_is_answered_from_what_it_states(workspace, tmp_path):
    from eval.format_corpus import DOCUMENTS

    assistant, knowledge = workspace
    draft = DOCUMENTS[4].render("docx", tmp_path)  # 泊川市 实施细则, a draft for comments
    knowledge.add(draft.read_bytes(), draft.name, who="li")
    answer = assistant.ask("泊川那个细则现在生效了吗？")
    assert not answer.refused and "征求意见稿" in answer.text and answer.citations[0].doc_id == "bochuan-fund-rules-draft"
    english = assistant.ask("Is the Pochuan rules document still a draft?")  # 泊 reads bo and po
    assert not english.refused and "draft for comments" in english.text
    # a question on a clause of it is answered from the clause, not from the document's standing
    clause = assistant.ask("泊川的贷款贴息比例是多少？")
    assert "50%" in clause.text and any(c.section_path[-1] == "第七条" for c in clause.citations)
    assert not clause.text.startswith("《")
