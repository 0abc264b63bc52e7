"""File shapes (and one question shape) found by probing with material of my own (fictional 槿川县),
each a way content was lost or mislabelled: Word's automatic 第X章/第X条 numbering that counts
articles on through the chapters (lvlRestart 0); a one-page PDF whose small running header ran into
its title; a long table's heading row repeated on each PDF page; an old site's title set in bold in
a layout table, its <title> only the site's name; a Word letterhead laid out as a table; Word line
breaks (Shift+Enter) between articles; a table of one short row; a page that only frames its
document; a press conference's 记者：/答： (答记者问); "什么时候兑现？" after a question."""

from __future__ import annotations

from ingest.pipeline import prepare


def _multilevel_rules(path) -> None:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="80"><w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1章"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%2条"/>'
        '<w:lvlRestart w:val="0"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="80"><w:abstractNumId w:val="80"/></w:num>'))
    document.add_paragraph("槿川县科技型中小企业研发费用补助办法")
    for text, level in [("总则", 0), ("为鼓励企业加大研发投入，制定本办法。", 1), ("本办法适用于在槿川县注册的科技型中小企业。", 1),
                        ("补助标准", 0), ("按企业上年度研发费用的10%给予补助，最高50万元。", 1), ("附则", 0),
                        ("本办法自2026年3月1日起施行。", 1)]:
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="80"/></w:numPr>'))
    document.save(path)


def test_word_articles_numbered_on_through_the_chapters(tmp_path):
    _multilevel_rules(tmp_path / "rules.docx")
    chunks = prepare(tmp_path / "rules.docx", {}, 400).chunks
    # (each chapter's articles started again at 第一条: "第二章 › 第一条" could not be asked for by number)
    assert [c.section_path for c in chunks] == [
        ("第一章 总则", "第一条"), ("第一章 总则", "第二条"), ("第二章 补助标准", "第三条"), ("第三章 附则", "第四条")], \
        [c.section_path for c in chunks]


def test_a_one_page_pdfs_running_header_is_no_part_of_its_title(tmp_path):
    from eval.formats import read_source
    from eval.formats_office import render_pdf

    source = tmp_path / "list.md"
    source.write_text("槿川市惠企政策明白表\n| 序号 | 政策名称 | 支持标准 |\n|---|---|---|\n| 1 | 研发机构奖励 | 30万元 |\n", encoding="utf-8")
    render_pdf(read_source(source), tmp_path / "list.pdf", "槿川市工业和信息化局")
    meta = prepare(tmp_path / "list.pdf", {}, 400).meta
    # (the header, set small above the title, ran into it: "槿川市工业和信息化局槿川市惠企政策明白表")
    assert meta.title == "槿川市惠企政策明白表", meta


def test_when_is_asked_of_what_was_just_talked_about():
    from assistant.conversation import standalone_question
    from assistant.types import Turn

    # (时候, tagged a noun, made "什么时候兑现？" a new question: the 市级 row answered for 省级)
    question = standalone_question("什么时候兑现？", [Turn("user", "岚汀省级专精特新奖多少？")])
    assert question.startswith("岚汀省级专精特新奖多少？"), question


def test_a_long_tables_heading_row_repeated_on_each_page_is_no_row(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import (
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    rows = [["序号", "企业名称", "所在区县", "主导产品"]] + [
        [str(i), f"槿川第{i}精密制造有限公司", "东城区" if i % 2 else "西城区", f"精密轴承JC-{i:03d}"] for i in range(1, 61)]
    table = Table(rows, repeatRows=1)  # (as Word's "repeat as header row" prints it)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), "STSong-Light"), ("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    SimpleDocTemplate(str(tmp_path / "list.pdf"), pagesize=A4).build(
        [Paragraph("槿川市2026年专精特新中小企业名单", ParagraphStyle("t", fontName="STSong-Light")), Spacer(1, 12), table])
    chunks = prepare(tmp_path / "list.pdf", {}, 400).chunks
    # (page 2's heading row was a chunk of its own: "序号 || 企业名称；所在区县；主导产品")
    assert [c.kind for c in chunks] == ["table_record"] * 60, [c.text for c in chunks if c.kind != "table_record"]


LAYOUT_PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>槿川县人民政府</title></head>
<body><table width="1000"><tr><td><a href="/">首页</a> | <a href="/xxgk">信息公开</a></td></tr></table>
<table width="1000"><tr><td width="200"><ul><li><a href="#">政策文件</a></li><li><a href="#">政策解读</a></li></ul></td>
<td width="800"><table width="100%"><tr><td align="center" style="font-size:20px"><b>槿川县中小企业贷款贴息实施办法</b></td></tr>
<tr><td class="content"><p>第一条　为缓解中小企业融资难题，制定本办法。</p>
<p>第二条　对在县内银行获得一年期以内流动资金贷款的中小企业，按贷款市场报价利率的30%给予贴息。</p>
<p>第三条　本办法自2026年1月1日起施行，有效期3年。</p><p align="right">槿川县财政局</p><p align="right">2025年11月18日</p>
</td></tr></table></td></tr></table><table width="1000"><tr><td>版权所有：槿川县人民政府</td></tr></table></body></html>"""


def test_an_old_sites_bold_title_in_a_layout_table_is_the_title(tmp_path):
    (tmp_path / "page.html").write_bytes(LAYOUT_PAGE.encode("gb2312"))
    prepared = prepare(tmp_path / "page.html", {}, 400)
    # (the site's name in <title> was the title, and a clause of its own; the bold title was lost)
    assert prepared.meta.title == "槿川县中小企业贷款贴息实施办法", prepared.meta
    assert [c.section_path for c in prepared.chunks] == [("第一条",), ("第二条",), ("第三条",)], \
        [c.text for c in prepared.chunks]


def test_a_letterhead_laid_out_as_a_table_is_the_letterhead(tmp_path):
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=2)  # the offices stacked, 文件 merged down beside them
    table.cell(0, 0).text, table.cell(1, 0).text, table.cell(0, 1).text = "槿川县工业和信息化局", "槿川县财政局", "文件"
    table.cell(0, 1).merge(table.cell(1, 1))
    for text in ("槿工信联〔2026〕2号", "关于印发《槿川县技术改造奖补办法》的通知", "各乡镇人民政府，县直各单位：",
                 "现将《槿川县技术改造奖补办法》印发给你们，请认真执行。", "槿川县工业和信息化局　槿川县财政局", "2026年1月10日",
                 "槿川县技术改造奖补办法", "第一条 对设备投资500万元以上的技改项目，按设备投资额的10%给予奖补，最高200万元。",
                 "第二条 本办法自2026年2月1日起施行。"):
        document.add_paragraph(text)
    document.save(tmp_path / "notice.docx")
    prepared = prepare(tmp_path / "notice.docx", {}, 400)
    meta = prepared.meta
    # (read as a table, it left the notice's lines as clauses and the title cut at 《)
    assert (meta.title, meta.doc_number, meta.issuer, meta.date_issued) == (
        "槿川县技术改造奖补办法", "槿工信联〔2026〕2号", "槿川县工业和信息化局、槿川县财政局", "2026-01-10"), meta
    assert [c.kind for c in prepared.chunks] == ["notice", "article", "article"], [c.text for c in prepared.chunks]


def test_word_line_breaks_inside_a_paragraph_end_lines(tmp_path):
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    document.add_paragraph("槿川县企业上云补贴办法")
    paragraph = document.add_paragraph()  # articles pasted from a page: one paragraph, Shift+Enter between
    for text in ("第一条 为推动企业上云，制定本办法。", "第二条 企业购买云服务的，按服务费的30%给予补贴。"):
        paragraph.add_run(text).add_break(WD_BREAK.LINE)
    paragraph.add_run("第三条 本办法自2026年3月1日起施行。")
    cell = document.add_table(rows=1, cols=2).rows[0].cells
    cell[0].text = "申报材料"
    cell[1].paragraphs[0].add_run("营业执照").add_break(WD_BREAK.LINE)
    cell[1].paragraphs[0].add_run("审计报告")
    document.save(tmp_path / "rules.docx")
    chunks = prepare(tmp_path / "rules.docx", {}, 400).chunks
    # (the three articles were one, 第一条…第二条…第三条…)
    assert [c.section_path[-1] for c in chunks if c.kind == "article"] == ["第一条", "第二条", "第三条"], \
        [c.text for c in chunks]
    assert any("营业执照；审计报告" in c.text for c in chunks), [c.text for c in chunks]  # (a cell stays one line)


def test_a_table_of_one_short_row_is_kept(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("槿川县企业上云补贴办法")
    document.add_paragraph("第一条 本办法自2026年3月1日起施行。")
    cells = document.add_table(rows=1, cols=2).rows[0].cells
    cells[0].text, cells[1].text = "申报材料", "营业执照；审计报告"
    document.save(tmp_path / "rules.docx")
    chunks = prepare(tmp_path / "rules.docx", {}, 400).chunks
    # (read as a row of headings over nothing, it was lost whole)
    assert any(c.section_path == ("申报材料",) and c.text == "营业执照；审计报告" for c in chunks), [c.text for c in chunks]


def test_a_page_that_only_frames_its_document_says_to_upload_the_attachment(tmp_path):
    import pytest

    from ingest.loaders import LoadError

    (tmp_path / "page.html").write_text(
        "<html><head><title>槿川县关于印发专项资金管理办法的通知_槿川县人民政府</title></head><body>"
        "<div class='nav'><a>首页</a><a>政务公开</a></div><h1>槿川县关于印发专项资金管理办法的通知</h1>"
        "<div class='info'>发布时间：2026-01-05 来源：槿川县财政局</div>"
        "<iframe src='/attach/2026/0105.pdf' width='100%'></iframe><div class='footer'>版权所有</div></body></html>",
        encoding="utf-8")
    # (the message was "no clauses found in the text")
    with pytest.raises(LoadError, match=r"attached as /attach/2026/0105\.pdf: download that file"):
        prepare(tmp_path / "page.html", {}, 400)


PRESS_QA = """槿川市工业和信息化局负责人就《槿川市专精特新企业培育若干措施》答记者问
近日，槿川市人民政府办公室印发《槿川市专精特新企业培育若干措施》。市工业和信息化局负责人就有关问题回答了记者提问。
记者：《措施》对认定奖励有哪些规定？
答：对首次认定为国家级专精特新“小巨人”企业的，给予一次性奖励80万元。
记者：企业如何申报？
答：企业每年6月通过“槿川惠企通”平台在线申报。
Q：《措施》什么时候开始施行？
A：自2026年5月1日起施行，有效期3年。
"""


def test_a_press_conferences_questions_and_answers_are_units(tmp_path):
    (tmp_path / "press.txt").write_text(PRESS_QA, encoding="utf-8")
    prepared = prepare(tmp_path / "press.txt", {}, 400)
    # (the title was the last question, "Q：《措施》什么时候开始施行？", and the rest one covering notice)
    assert prepared.meta.title.endswith("答记者问") and prepared.meta.region == "槿川市", prepared.meta
    units = {c.section_path[-1]: c.text for c in prepared.chunks if c.kind == "clause"}
    assert "80万元" in units["《措施》对认定奖励有哪些规定？"] and "2026年5月1日" in units["《措施》什么时候开始施行？"], units
