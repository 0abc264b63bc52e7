"""The answer card, the welcome's statuses, the suggestions under a decline, and the notes that
say whose policy and which title an answer quotes: over real answers of the real assistant."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from assistant.places import english_place
from assistant.types import Answer, Citation, DocumentMeta
from assistant.web.card import answer_card, parse_answer, plain_status
from assistant.web.suggestions import Suggestions

TODAY = dt.date(2026, 12, 4)


def card_of(assistant, question: str, language: str = "zh", **kwargs) -> tuple[Answer, str]:
    answer = assistant.ask(question, language=language, **kwargs)
    html = answer_card(answer, assistant.retriever.docs, assistant.retriever.doc_chunks, language, TODAY,
                       ["专精特新企业的申报条件有哪些？"], list(assistant.retriever.docs.values()))
    return answer, html


def text_of(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_criteria_are_one_document_with_its_sections_and_every_point_cited(assistant):
    answer, html = card_of(assistant, "What do I need for provincial level?")
    assert html.count("class='pa-doc-head'") == 1  # twelve points under one source header
    assert html.count("class='pa-point'") == len(answer.citations) == 12
    assert [g for g in re.findall(r"class='pa-group'>([^<]+)<", html)] == ["制造类", "创新类", "专精特新产品"]
    assert "金湖县的" in text_of(html) and "共" not in re.findall(r"class='pa-summary'>([^<]+)<", html)[0][:3]
    for number in range(1, 13):  # each chip opens its clause, inside the same card
        assert f"href='#cite-{number}'" in html and f"pa-cite pa-n-{number}'" in html
    assert "<strong>5000万元以上</strong>" in html
    assert "政策期已结束（2022–2024）" in text_of(html)
    assert "Sources:" not in html and "来源：" not in html  # the card's headers replace the plain list


def test_a_clause_is_shown_between_its_neighbours_with_a_link_to_the_whole_document(assistant):
    answer, html = card_of(assistant, "国家级小巨人有多少奖励？")
    cited = answer.citations[0]
    chunks = assistant.retriever.doc_chunks(cited.doc_id)
    position = [c.chunk_id for c in chunks].index(cited.chunk_id)
    block = html[html.index(f"pa-n-{cited.number}'"):]
    assert chunks[position - 1].text[:20] in block and chunks[position + 1].text[:20] in block
    assert f"href='/doc/{cited.doc_id}?lang=zh#c-{cited.chunk_id}'" in block
    assert "未写明地区" in text_of(html) and "所在文件没有写明适用的城市或地区" in text_of(html)


def test_a_decline_searches_offers_questions_and_names_whom_to_ask(assistant):
    answer, html = card_of(assistant, "专精特新企业的企业所得税税率是多少？")
    assert answer.refused and "pa-declined" in html
    assert "已在知识库的 5 份文件中检索" in text_of(html)
    assert "<button class='pa-ask' type='button'>专精特新企业的申报条件有哪些？</button>" in html
    assert "知识库目前收录" not in html and "可以询问例如" not in html  # no run-on lists in the card
    units = next(h.chunk.responsible_units for h in answer.retrieved[:5] if h.chunk.responsible_units)
    assert "、".join(units) in text_of(html)
    # a question no clause is near in meaning names no unit: none is the one to ask about it
    answer, html = card_of(assistant, "盐城明天会下雨吗？")
    assert answer.refused and any(h.chunk.responsible_units for h in answer.retrieved[:5])
    assert "pa-whom" not in html


def test_a_partial_decline_keeps_its_reason_and_shows_related_clauses_as_such(assistant):
    answer, html = card_of(assistant, "培养高级技师的补贴什么时候发放？")
    assert answer.refused and answer.citations
    assert "没有规定具体时间" in text_of(html) and "相关条款（供参考，没有回答所问）" in text_of(html)
    assert "有哪些具体规定？" not in text_of(html)  # headings are not offered as questions


def test_the_page_language_decides_the_answer_language(assistant):
    chinese, html_zh = card_of(assistant, "What do I need for provincial level?", "zh")
    english, html_en = card_of(assistant, "省级专精特新小巨人企业的申报条件是什么？", "en")
    assert chinese.language == "zh" and "注意" in chinese.text and "≈" not in html_zh
    assert english.language == "en" and "class='pa-gloss'>≈ " in html_en  # quotes glossed in English
    summary = re.findall(r"class='pa-summary'>([^<]+)<", html_en)[0]
    assert "Jinhu County" in summary and not re.search("[\u4e00-\u9fff]", summary.split("Jinhu County")[0])
    with pytest.raises(Exception, match="language must be"):
        assistant.ask("奖励", language="fr")


def test_the_users_place_is_preferred_when_the_question_names_none(assistant):
    answer = assistant.ask("专精特新企业可以申请哪些融资产品？", place="盐城市")
    assert {c.doc_id for c in answer.citations} == {"yancheng-measures"}
    named = assistant.ask("连云港专精特新企业可以申请哪些融资产品？", place="盐城市")
    assert {c.doc_id for c in named.citations} == {"lianyungang-plan-2023"}  # the question's own place wins


def test_another_titles_criteria_are_said_to_be_so(assistant):
    answer = assistant.ask("申请省级专精特新需要什么条件？")
    assert "与所问的称号不同" in answer.text and "小巨人" in answer.text.split("与所问的称号不同")[0]
    exact = assistant.ask("省级专精特新小巨人企业（制造类）的申报条件有哪些？")
    assert "与所问的称号不同" not in exact.text
    national = assistant.ask("国家级小巨人的申报条件？")  # a table of two titles: the column's title decides
    assert "与所问的称号不同" not in national.text


def test_hostile_text_in_a_question_or_clause_is_escaped():
    doc = DocumentMeta("evil", "<script>alert(1)</script>办法", region="<b>x</b>县")
    citation = Citation(1, "c1", "evil", doc.title, ("<img src=x onerror=alert(2)>",), "奖励<i>50万元</i>")
    answer = Answer("<svg onload=alert(3)>", "- 奖励<i>50万元</i> [1]\n注意：[1] <a href=javascript:x>x</a>",
                    [citation], refused=False, language="zh")
    html = answer_card(answer, {"evil": doc}, lambda doc_id: [], "zh", TODAY)
    assert "<script>" not in html and "<img" not in html and "<i>" not in html and "<a href=javascript" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=alert(2)&gt;" in html


def test_one_status_in_plain_words():
    ended = DocumentMeta("a", "计划", status="in_force", period_start=2022, period_end=2024)
    draft = DocumentMeta("b", "稿", status="draft", period_start=2022, period_end=2024)
    expired = DocumentMeta("c", "办法", status="in_force", valid_until="2025-06-30")
    current = DocumentMeta("d", "措施", status="in_force", period_start=2025, period_end=2027)
    assert plain_status(ended, TODAY, "zh") == ("ended", "政策期已结束（2022–2024）")
    assert plain_status(draft, TODAY, "zh") == ("draft", "征求意见稿")
    assert plain_status(expired, TODAY, "en") == ("expired", "no longer in force (valid until 2025-06-30)")
    assert plain_status(current, TODAY, "zh") == ("in_force", "现行")
    assert [english_place(p) for p in ("金湖县", "连云港市", "江苏省")] == ["Jinhu County", "Lianyungang", "Jiangsu Province"]


def test_parse_keeps_points_notes_and_glosses_apart():
    text = ("Here is what the policy texts in the knowledge base say (quoted in the original Chinese):\n"
            "- 1. 年度主营业务收入5000万元以上 [1]\n   ≈ revenue; RMB 50 million or more\n\n"
            "Note: [1]: from a plan whose policy period (2022–2024) ended at the end of 2024.\n\n"
            "Sources:\n[1] 金湖县… › 附件4")
    parsed = parse_answer(Answer("q", text, [], refused=False, language="en"))
    assert [(p.text, p.refs, p.gloss) for p in parsed.points] == [
        ("1. 年度主营业务收入5000万元以上", (1,), "revenue; RMB 50 million or more")]
    assert parsed.notes == ["[1]: from a plan whose policy period (2022–2024) ended at the end of 2024."]
    assert parsed.lead == [] and parsed.after == []


def test_suggestions_are_answered_questions_nearest_first(assistant):
    from assistant.web.texts import TOPICS

    asked: list[str] = []
    generation = [1]

    def ask(question, language):
        asked.append(question)
        return assistant.ask(question, language=language)

    suggestions = Suggestions({"zh": [t.question["zh"] for t in TOPICS]}, ask,
                              assistant.retriever.embeddings.embed_documents, lambda: generation[0])
    for declined, nearest in (("银行贷款担保费有什么补贴标准？", "专精特新企业可以申请哪些融资产品？"),
                              ("引进博士有没有安家费？", "专精特新企业有哪些人才支持政策？"),
                              # (rent is now answered: a plan asks parks for 三年房租优惠; 搬迁 finds the
                              # clause on firms moving in, 参照新认定补贴标准, which the rewards answer quotes)
                              ("厂房搬迁有补偿吗？", "获评专精特新企业有哪些奖励和补贴？")):
        answer = assistant.ask(declined)
        assert answer.refused
        offered = suggestions.for_answer(answer, "zh")
        assert offered[0] == nearest and len(offered) == 3
        assert all(not assistant.ask(q).refused for q in offered)  # every offer is answered
    assert "什么时候申报？需要准备哪些材料？" not in offered  # declined on these documents: never offered
    assert len(asked) == len(TOPICS)  # each candidate asked once per index generation ...
    generation[0] = 2
    suggestions.for_answer(answer, "zh")
    assert len(asked) == 2 * len(TOPICS)  # ... and again after the index changed
    assert suggestions.for_answer(answer, "en") == []  # no English candidates given


def test_a_quote_of_several_lines_is_one_point_and_related_is_said_once():
    text = ("根据知识库中的政策原文，相关条款如下：\n- 第四条申报市级专精特新企业应同时满足以下条件：\n"
            "（一）在某市注册登记满2年；\n（二）上年度营业收入在1000万元以上。 [1]\n\n来源：\n[1] …")
    parsed = parse_answer(Answer("q", text, [], refused=False, language="zh"))
    assert [(p.text.count("\n"), p.refs) for p in parsed.points] == [(2, (1,))] and parsed.lead == []
    declined = ("知识库中的条款提到了相关内容[1]，但没有规定具体时间，因此无法回答这一点。\n\n相关条款（供参考，不是对问题的回答）：\n"
                "- 对培养高级技师的企业给予每人3000元补贴。 [1]\n\n来源：\n[1] …")
    parsed = parse_answer(Answer("q", declined, [], refused=True, language="zh"))
    assert len(parsed.lead) == 1 and "相关条款" not in "".join(parsed.lead) and len(parsed.points) == 1


def test_column_headings_of_the_text_are_not_repeated_on_the_card(assistant):
    from assistant.web.parsing import parse_answer

    answer = assistant.ask("我们是盐城的，省级需要什么条件？")
    assert "小巨人企业 › 制造类：" in answer.text  # the plain text heads its columns
    parsed = parse_answer(answer)
    assert not any("制造类：" in line for line in parsed.lead + parsed.after)
    assert len(parsed.points) == len(answer.citations)


def test_a_figure_is_marked_with_its_whole_unit():
    from assistant.web.card import _FIGURE

    # "5个工作日" and "50个基点" are the figures, not "5个"; "3个月" is a span, not three of something
    assert _FIGURE.findall("评审结果公示5个工作日，贷款利率不高于LPR加50个基点，3个月内拨付") == ["5个工作日", "50个基点", "3个月"]


def test_one_tables_columns_are_headed_even_with_one_point_each():
    # (补贴标准 › 创新型中小企业 and › 专精特新中小企业: without the headings the two rows read alike)
    doc = DocumentMeta("v", "某市创新券办法", region="某市")
    path = ("附件 服务目录及补贴标准", "补贴标准")
    citations = [Citation(1, "c1", "v", doc.title, (*path, "创新型中小企业"), "检验检测：合同金额的40%"),
                 Citation(2, "c2", "v", doc.title, (*path, "专精特新中小企业"), "检验检测：合同金额的50%")]
    text = "根据知识库中的政策原文，相关条款如下：\n- 检验检测：合同金额的40% [1]\n- 检验检测：合同金额的50% [2]\n\n来源：\n[1] …"
    html = answer_card(Answer("q", text, citations, refused=False, language="zh"), {"v": doc}, lambda doc_id: [], "zh", TODAY)
    shown = text_of(html)
    assert shown.index("创新型中小企业") < shown.index("合同金额的40%") < shown.index("专精特新中小企业") < shown.index("合同金额的50%")
