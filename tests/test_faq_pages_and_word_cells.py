"""A web FAQ whose numbered questions are followed by unlabelled answers (<dt>/<dd>, no 问/答), and
Word tables whose cells hold several paragraphs or a nested table; a title that names no kind of
document. A fictional county (璘川县)."""

from __future__ import annotations

import pytest

from ingest.pipeline import prepare

FAQ = """<html><head><meta charset="utf-8"><title>璘川县惠企政策问答_璘川县人民政府</title></head><body>
<div class="article"><h1>璘川县惠企政策问答</h1><p>为便于企业了解政策，现将常见问题解答如下。</p>
<dl><dt>1. 技改补助的比例是多少？</dt><dd>按设备投资额的10%给予补助，单个项目最高100万元。</dd>
<dt>2. 技改补助什么时候申报？</dt><dd>每年4月集中申报，逾期不予受理。</dd>
<dt>3. 补助资金多久拨付？</dt><dd>审核通过后3个月内拨付到企业账户。</dd></dl></div></body></html>"""


def test_a_numbered_question_keeps_its_unlabelled_answer(tmp_path):
    path = tmp_path / "faq.html"
    path.write_text(FAQ, encoding="utf-8")
    chunks = prepare(path, {}, 400).chunks
    # (each question and each answer was once a preamble line of its own: "3个月内拨付" said nothing
    # of what is paid)
    paid = next(c for c in chunks if "3个月内拨付" in c.text)
    assert paid.section_path == ("3.补助资金多久拨付？",) and paid.text.startswith("3. 补助资金多久拨付？"), paid
    assert not any(c.text.strip() == "2. 技改补助什么时候申报？" for c in chunks)


def test_word_cells_with_paragraphs_or_a_nested_table_keep_them_apart(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("璘川县技改补助标准")  # (a title naming no kind of document: once the file name)
    document.add_paragraph("一、补助标准")
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "项目", "标准"
    table.cell(1, 0).text = "设备更新"
    inner = table.cell(1, 1).add_table(rows=2, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text, inner.cell(1, 0).text, inner.cell(1, 1).text = "规模", "比例", "200万元以上", "10%"
    table.cell(2, 0).text = "申报材料"
    table.cell(2, 1).text = "1. 营业执照"
    table.cell(2, 1).add_paragraph("2. 审计报告")
    document.add_paragraph("二、申报时间")
    document.add_paragraph("每年4月集中申报。")
    path = tmp_path / "standards.docx"
    document.save(path)
    prepared = prepare(path, {}, 400)
    assert prepared.meta.title == "璘川县技改补助标准", prepared.meta
    texts = [c.text for c in prepared.chunks]
    assert any("1. 营业执照；2. 审计报告" in t for t in texts), texts  # (once "1. 营业执照2. 审计报告")
    assert any("200万元以上；10%" in t for t in texts), texts


PAGED = """<html><head><meta charset="utf-8"><title>璘川县技改补助办法_璘川县人民政府</title></head><body><div class="article">
<h1>璘川县技改补助办法</h1><p>一、支持对象</p><p>在璘川县注册的规模以上工业企业，上年度营业收入2000万元以上，近三年无严重失信记录。</p>
<p>二、补助标准</p><p>对设备投资200万元以上的项目，按投资额的<span>10%</span>给予补助，单个项目最高<b>100万元</b>。</p>
<p>共2页　上一页　1　2　下一页　尾页</p><p>附件：<a href="/f/1.doc">璘川县技改补助申报表.doc</a></p></div></body></html>"""


def test_a_pages_pager_goes_and_its_inline_text_stays_on_its_line(tmp_path):
    path = tmp_path / "paged.html"
    path.write_text(PAGED, encoding="utf-8")
    texts = [c.text for c in prepare(path, {}, 400).chunks]
    assert "对设备投资200万元以上的项目，按投资额的10%给予补助，单个项目最高100万元。" in texts, texts
    assert not any("下一页" in t for t in texts), texts  # (the pager was a clause of 二、)
    # (the annex's name, a link, was a clause of its own after a bare "附件：")
    assert "附件：璘川县技改补助申报表.doc" in texts, texts


def test_a_page_of_images_says_why_it_has_no_text(tmp_path):
    from ingest.loaders import LoadError, load_file

    path = tmp_path / "scan.html"
    path.write_text("<html><head><meta charset='utf-8'><title>璘川县技改补助办法</title></head><body><h1>璘川县技改补助办法</h1>"
                    "<p><img src='/scan/p1.jpg'></p></body></html>", encoding="utf-8")
    with pytest.raises(LoadError, match="scan or a page of images"):
        load_file(path)


def test_a_bylines_fields_run_together_are_still_read():
    from ingest.frontmatter import web_byline

    # (spans joined into one line: the source once ran on into 浏览次数)
    assert web_byline("发布时间：2026-05-21 09:00来源：荇洲市工业和信息化局浏览次数：1523字体：[大中小]") == \
        ("2026-05-21", "荇洲市工业和信息化局")
    assert web_byline("发布时间：2026-03-18　来源：渌汀市地方金融管理局") == ("2026-03-18", "渌汀市地方金融管理局")
