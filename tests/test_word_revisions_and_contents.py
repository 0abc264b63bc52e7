"""What a Word file holds but a reader does not see, a Markdown text's YAML front matter, and a
table of contents: a passage that tracked changes moved (w:moveFrom keeps its old place as text,
where a deletion's is w:delText), a text box (its text twice: mc:AlternateContent's new and old
versions), 目录 with page numbers (its entries are no clauses; the headings stand again in the text);
a document framed by a table of one cell (pasted from a web page's layout, or set in a box), which
ran into one empty table row; a web page embedded whole in a Word file (w:altChunk). Fictional 汀溪市."""

from __future__ import annotations

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from ingest.pipeline import prepare

_TITLE = "汀溪市专精特新企业奖励办法"
_ARTICLES = ["第一章 总则", "第一条 为支持企业发展，制定本办法。", "第二章 支持内容",
             "第二条 对新认定的省级专精特新中小企业，给予一次性奖励30万元。",
             "第三条 对新认定的国家级专精特新“小巨人”企业，给予一次性奖励80万元。",
             "第三章 附则", "第四条 本办法自2026年3月1日起施行。"]


def _run(xml: str):
    return parse_xml(f'<w:r {nsdecls("w")}>{xml}</w:r>')


def _articles(path) -> list[str]:
    return [c.text for c in prepare(path, {}, 400).chunks]


def test_a_passage_moved_with_tracked_changes_is_read_once(tmp_path):
    document = docx.Document()
    document.add_paragraph(_TITLE)
    for line in _ARTICLES[:3]:
        document.add_paragraph(line)
    moved = document.add_paragraph()._p
    moved.append(parse_xml(f'<w:moveTo {nsdecls("w")} w:id="1" w:author="审核人"><w:r><w:t>{_ARTICLES[4]}</w:t></w:r></w:moveTo>'))
    document.add_paragraph(_ARTICLES[3])
    source = document.add_paragraph()._p  # (where it stood: still w:t, inside w:moveFrom)
    source.append(parse_xml(f'<w:moveFrom {nsdecls("w")} w:id="2" w:author="审核人"><w:r><w:t>{_ARTICLES[4]}</w:t></w:r></w:moveFrom>'))
    for line in _ARTICLES[5:]:
        document.add_paragraph(line)
    deleted = document.add_paragraph()._p
    deleted.append(parse_xml(f'<w:del {nsdecls("w")} w:id="3" w:author="审核人"><w:r><w:delText>第五条 本条已删除。</w:delText></w:r></w:del>'))
    document.save(tmp_path / "moved.docx")
    texts = _articles(tmp_path / "moved.docx")
    assert sum("给予一次性奖励80万元" in t for t in texts) == 1, texts
    assert not any("本条已删除" in t for t in texts)  # (a guard: deletions were never read)


def test_a_text_box_is_read_once(tmp_path):
    document = docx.Document()
    document.add_paragraph(_TITLE)
    for line in _ARTICLES:
        document.add_paragraph(line)
    box = ('<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
           '<mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>咨询电话：0591-1234567</w:t></w:r></w:p>'
           '</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>咨询电话：0591-1234567'
           '</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent>')
    document.add_paragraph()._p.append(_run(box))
    document.save(tmp_path / "box.docx")
    joined = "\n".join(_articles(tmp_path / "box.docx"))
    assert joined.count("0591-1234567") == 1, joined


def test_a_table_of_contents_is_no_clause(tmp_path):
    document = docx.Document()
    document.add_paragraph(_TITLE)
    document.add_paragraph("目  录")
    for heading, page in [("第一章 总则", 1), ("第二章 支持内容", 1), ("第三章 附则", 2)]:
        paragraph = document.add_paragraph()._p  # Word's TOC field: the heading, a tab, its page
        for xml in (f"<w:t>{heading}</w:t>", "<w:tab/>", f"<w:t>{page}</w:t>"):
            paragraph.append(_run(xml))
    for line in _ARTICLES:
        document.add_paragraph(line)
    document.save(tmp_path / "toc.docx")
    chunks = prepare(tmp_path / "toc.docx", {}, 400).chunks
    assert [c.section_path for c in chunks] == [("第一章 总则", "第一条"), ("第二章 支持内容", "第二条"),
                                               ("第二章 支持内容", "第三条"), ("第三章 附则", "第四条")]
    # (the same in a text with dot leaders, as a PDF prints them)
    text = tmp_path / "toc.txt"
    text.write_text("\n".join([_TITLE, "目录", "第一章 总则……………………1", "第二章 支持内容………………1", "第三章 附则……………………2",
                               *_ARTICLES]), encoding="utf-8")
    assert [c.section_path for c in prepare(text, {}, 400).chunks] == [c.section_path for c in chunks]


def test_a_contents_list_without_pages_stays(tmp_path):
    # a guard: a compilation's 目录 names its policies without pages; it is read as before
    text = tmp_path / "compilation.txt"
    text.write_text("汀溪市惠企政策汇编\n目录\n一、汀溪市专精特新企业奖励办法\n二、汀溪市技术改造补助细则\n"
                    "一、汀溪市专精特新企业奖励办法\n第一条 对新认定的省级专精特新中小企业，给予一次性奖励30万元。\n"
                    "二、汀溪市技术改造补助细则\n第一条 按设备投资额的8%给予补助。\n", encoding="utf-8")
    texts = _articles(text)
    assert any("一次性奖励30万元" in t for t in texts) and any("设备投资额的8%" in t for t in texts)


def test_a_document_framed_by_a_table_of_one_cell_is_read_as_its_paragraphs(tmp_path):
    document = docx.Document()
    frame = document.add_table(rows=1, cols=2).rows[0].cells
    frame[1].paragraphs[0].text = _TITLE  # (and an empty margin cell beside it)
    for line in _ARTICLES:
        frame[1].add_paragraph(line)
    document.save(tmp_path / "framed.docx")
    prepared = prepare(tmp_path / "framed.docx", {}, 400)
    assert prepared.meta.title == _TITLE
    assert [(c.kind, c.section_path[-1]) for c in prepared.chunks] == [
        ("article", "第一条"), ("article", "第二条"), ("article", "第三条"), ("article", "第四条")]
    assert "给予一次性奖励80万元" in prepared.chunks[2].text


def test_a_short_table_of_one_cell_stays_a_table(tmp_path):
    # a guard: a box of one or two lines (a note) is no frame
    document = docx.Document()
    document.add_paragraph(_TITLE)
    for line in _ARTICLES:
        document.add_paragraph(line)
    box = document.add_table(rows=1, cols=1).cell(0, 0)
    box.paragraphs[0].text = "温馨提示：申报材料一律通过“汀溪惠企通”平台在线提交。"
    document.save(tmp_path / "box.docx")
    chunks = prepare(tmp_path / "box.docx", {}, 400).chunks
    assert any("汀溪惠企通" in c.text or "汀溪惠企通" in " ".join(c.section_path) for c in chunks)


def test_a_markdown_texts_front_matter_is_no_part_of_it(tmp_path):
    # (YAML fields that note and site tools put above a text ran into its title)
    path = tmp_path / "notes.md"
    path.write_text("---\ntitle: \"汀溪市专精特新企业奖励办法\"\ndate: 2026-03-01\ntags: [政策]\n---\n"
                    + "\n\n".join(_ARTICLES[1::3] + [_ARTICLES[3]]) + "\n", encoding="utf-8")
    prepared = prepare(path, {}, 400)
    assert prepared.meta.title == _TITLE  # (its title: field, the text having no heading)
    assert not any("tags" in c.text or "---" in c.text for c in prepared.chunks)
    assert any("一次性奖励30万元" in c.text for c in prepared.chunks)


def _embedded(path, blob: bytes, content_type: str, name: str) -> None:
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    document = docx.Document()
    part = Part(PackURI(f"/word/{name}"), content_type, blob, document.part.package)
    rid = document.part.relate_to(part, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk")
    document.element.body.insert(0, parse_xml(f'<w:altChunk {nsdecls("w", "r")} r:id="{rid}"/>'))
    document.save(path)


def test_a_web_page_embedded_whole_in_word_is_read(tmp_path):
    # (w:altChunk: tools that turn a page into Word store the page where the paragraphs would be —
    # "no text could be extracted")
    page = (f"<html><head><meta charset='utf-8'></head><body><h1>{_TITLE}</h1>"
            + "".join(f"<p>{line}</p>" for line in _ARTICLES) + "</body></html>")
    _embedded(tmp_path / "page.docx", page.encode("utf-8"), "application/xhtml+xml", "afchunk.htm")
    prepared = prepare(tmp_path / "page.docx", {}, 400)
    assert prepared.meta.title == _TITLE
    assert [c.section_path[-1] for c in prepared.chunks] == ["第一条", "第二条", "第三条", "第四条"]


def test_a_word_file_whose_text_is_embedded_in_another_kind_says_so(tmp_path):
    from ingest.loaders import LoadError

    _embedded(tmp_path / "rtf.docx", b"{\\rtf1 ...}", "application/rtf", "afchunk.rtf")
    with pytest.raises(LoadError, match="save it as .docx again"):
        prepare(tmp_path / "rtf.docx", {}, 400)
