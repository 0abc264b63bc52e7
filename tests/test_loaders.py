"""Loaders: encodings, Word, PDF, HTML, Markdown, and broken files."""

from __future__ import annotations


import pytest

from ingest.loaders import LoadError, decode_text, load_file

POLICY = "一、总体要求\n1. 加强组织领导。对新认定的企业给予50万元奖励。（责任单位：市工信局）\n"


def test_gbk_utf8_bom_and_utf8_text_read_the_same(tmp_path):
    for name, data in (("gbk.txt", POLICY.encode("gbk")), ("bom.txt", b"\xef\xbb\xbf" + POLICY.encode()),
                       ("utf8.txt", POLICY.encode()), ("gb18030.txt", POLICY.encode("gb18030"))):
        path = tmp_path / name
        path.write_bytes(data)
        assert load_file(path).text.replace("\ufeff", "") == POLICY


def test_undecodable_bytes_are_a_clear_error(tmp_path):
    path = tmp_path / "binary.txt"
    path.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(LoadError, match="binary.txt: the bytes are neither UTF-8, UTF-16, GBK"):
        load_file(path)


def test_docx_paragraphs_and_tables(tmp_path):
    import docx

    document = docx.Document()
    document.core_properties.title = "测试方案"
    document.add_paragraph("一、总体要求")
    document.add_paragraph("1. 加强组织领导。给予200万元奖励。")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "类别", "制造类"
    table.cell(1, 0).text, table.cell(1, 1).text = "1", "年度主营业务收入5000万元以上"
    path = tmp_path / "plan.docx"
    document.save(path)
    loaded = load_file(path)
    assert loaded.title_hint == "测试方案"
    assert "1. 加强组织领导。给予200万元奖励。" in loaded.text
    assert "\t1\n\t年度主营业务收入5000万元以上" in loaded.text


def test_pdf_with_chinese_text(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "plan.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont("STSong-Light", 12)
    pdf.drawString(72, 760, "一、总体要求")
    pdf.drawString(72, 740, "对新认定的企业给予50万元奖励。")
    pdf.save()
    text = load_file(path).text
    assert "总体要求" in text and "50万元奖励" in text.replace(" ", "")


@pytest.mark.parametrize("name, data, message", [
    ("broken.docx", b"PK\x03\x04 not really a zip", "broken.docx: not a readable .docx"),
    ("broken.pdf", b"%PDF-1.4\n garbage without objects", "broken.pdf"),
    ("empty.txt", b"   \n", "empty.txt: the file is empty"),
    ("notes.xlsx", b"whatever", "notes.xlsx: not a readable .xlsx"),
    ("notes.odt", b"whatever", "unsupported file type .odt"),
    # (formats an office still sends: the message says what to save them as)
    ("old.doc", b"\xd0\xcf\x11\xe0 binary", "old.doc: .doc files cannot be read.*save it as .docx"),
    ("old.xls", b"\xd0\xcf\x11\xe0 binary", "save it as .xlsx"),
])
def test_broken_and_unsupported_files(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(LoadError, match=message):
        load_file(path)


def test_html_drops_scripts_and_keeps_tables_as_cells(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<html><head><title>盐城措施</title><script>alert(1)</script></head><body>"
                    "<p>一、完善培育机制</p><table><tr><td>1</td><td>研发费用占比4%</td></tr></table></body></html>",
                    encoding="utf-8")
    loaded = load_file(path)
    assert loaded.title_hint == "盐城措施"
    assert "alert" not in loaded.text
    assert "\t1\n\t研发费用占比4%" in loaded.text


def test_markdown_headings_become_lines(tmp_path):
    path = tmp_path / "plan.md"
    path.write_text("# 测试计划\n\n## 一、总体要求\n\n- 1. 给予**50万元**奖励。\n", encoding="utf-8")
    loaded = load_file(path)
    assert loaded.title_hint == "测试计划"
    assert "一、总体要求" in loaded.text and "1. 给予50万元奖励。" in loaded.text


def test_decode_utf16_with_bom():
    assert decode_text(POLICY.encode("utf-16"), "x.txt") == POLICY
