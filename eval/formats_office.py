"""Word and PDF renderings of the fictional policy documents (see :mod:`eval.formats`).

Word: top-level measures "一、…" use Word's automatic numbering (the numeral is not in the
text, as in files typed in Word), tables are real tables with merged cells. PDF: made with
reportlab's built-in CJK font, lines wrapped at the page width, a running header and a
"— N —" page number on every page, ruled tables.
"""

from __future__ import annotations

import re
from pathlib import Path

from .formats import ABOVE, LEFT, Block, Table, bare, heading, plain

_TOP_LEVEL = re.compile(r"^[一二三四五六七八九十]{1,3}、")


def render_docx(blocks: list[Block], out: Path, auto_numbering: bool = True, title: str | None = None) -> Path:
    import docx

    document = docx.Document()
    if title:
        document.core_properties.title = title
    num_id = _chinese_numbering(document) if auto_numbering else None
    for block in blocks:
        if isinstance(block, Table):
            _docx_table(document, block)
            continue
        if heading(block):  # a heading marked by Word's heading style alone
            document.add_heading(heading(block)[1], level=heading(block)[0])
            continue
        paragraph = document.add_paragraph()
        text = block
        if num_id is not None and _TOP_LEVEL.match(text):
            text = _TOP_LEVEL.sub("", text)
            _number_paragraph(paragraph, num_id)
        paragraph.add_run(text)
    document.save(out)
    return out


def _chinese_numbering(document) -> int:
    """Add a list definition "一、二、三、" (chineseCounting) and return its numId."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>')
    numbering.insert(0, abstract)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return 90


def _number_paragraph(paragraph, num_id: int) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    properties = paragraph._p.get_or_add_pPr()
    properties.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))


def _docx_table(document, table: Table) -> None:
    grid = table.header + table.rows
    word_table = document.add_table(rows=len(grid), cols=len(grid[0]))
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            if cell not in (LEFT, ABOVE):
                word_table.cell(r, c).text = cell
    for r, row in enumerate(grid):  # merge after writing: a merged cell keeps the first cell's text
        for c, cell in enumerate(row):
            if cell == LEFT:
                start = c
                while row[start] == LEFT:
                    start -= 1
                word_table.cell(r, start).merge(word_table.cell(r, c))
            elif cell == ABOVE:
                start = r
                while grid[start][c] == ABOVE:
                    start -= 1
                word_table.cell(start, c).merge(word_table.cell(r, c))


_FONT = "STSong-Light"
_PAGE_W, _PAGE_H = 595, 842
_MARGIN, _SIZE, _LEADING = 72, 12, 20


def render_pdf(blocks: list[Block], out: Path, running_header: str, title: str | None = None,
               repeat: int = 1) -> Path:
    """A PDF of ``blocks`` (``repeat`` times over, to make long files for benchmarks)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(_FONT))
    pdf = canvas.Canvas(str(out), pagesize=(_PAGE_W, _PAGE_H))
    if title:
        pdf.setTitle(title)
    state = {"page": 1, "y": _PAGE_H - _MARGIN}
    _page_furniture(pdf, state["page"], running_header)

    def need(height: float) -> None:
        if state["y"] - height < _MARGIN:
            pdf.showPage()
            state["page"] += 1
            state["y"] = _PAGE_H - _MARGIN
            _page_furniture(pdf, state["page"], running_header)

    text_width = _PAGE_W - 2 * _MARGIN
    for _ in range(repeat):
        for block in blocks:
            if isinstance(block, Table):
                _pdf_table(pdf, block, state, need, text_width)
                continue
            block = bare(block)
            for index, line in enumerate(_wrap(block, text_width - (0 if len(block) < 30 else 2 * _SIZE))):
                need(_LEADING)
                indent = 2 * _SIZE if index == 0 and len(block) >= 30 else 0
                pdf.setFont(_FONT, _SIZE)
                pdf.drawString(_MARGIN + indent, state["y"], line)
                state["y"] -= _LEADING
    pdf.save()
    return out


def _page_furniture(pdf, page: int, running_header: str) -> None:
    pdf.setFont(_FONT, 9)
    pdf.drawCentredString(_PAGE_W / 2, _PAGE_H - 40, running_header)
    pdf.drawCentredString(_PAGE_W / 2, 36, f"— {page} —")


def _wrap(text: str, limit: float, size: int = _SIZE) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, current = [], ""
    for ch in text:
        if current and stringWidth(current + ch, _FONT, size) > limit:
            lines.append(current)
            current = ""
        current += ch
    return lines + [current] if current else lines or [""]


def _pdf_table(pdf, table: Table, state: dict, need, text_width: float) -> None:
    grid = table.header + table.rows
    columns = len(grid[0])
    first = text_width * (0.22 if columns > 3 else 0.25) if columns > 1 else text_width  # (a box: one column)
    widths = [first] + [(text_width - first) / max(columns - 1, 1)] * (columns - 1)
    size = 10
    for row in grid:
        wrapped = [_wrap(plain(cell), widths[i] - 6, size) for i, cell in enumerate(row)]
        height = max(len(lines) for lines in wrapped) * 14 + 8
        need(height)
        top, x = state["y"] + 10, _MARGIN
        pdf.setFont(_FONT, size)
        for i, lines in enumerate(wrapped):
            pdf.rect(x, top - height, widths[i], height)
            for k, line in enumerate(lines):
                pdf.drawString(x + 3, top - 14 - 14 * k, line)
            x += widths[i]
        state["y"] -= height
    state["y"] -= _LEADING


def render_xlsx(blocks: list[Block], out: Path, title: str | None = None) -> Path:
    """A spreadsheet as offices publish lists (惠企政策清单.xlsx): the paragraphs above a table as
    rows merged across its width (the title, a byline), table cells with merged ranges, the lines
    after it as merged note rows; a heading "# 名称" starts a new sheet of that name."""
    import openpyxl
    from openpyxl.styles import Alignment, Font

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "政策清单"
    if title:
        book.properties.title = title
    width = max((len(b.header[0]) for b in blocks if isinstance(b, Table)), default=1)
    row = 1
    for block in blocks:
        if heading(block):
            sheet, row = book.create_sheet(heading(block)[1][:31]), 1
            continue
        if isinstance(block, str):
            sheet.cell(row, 1, block).alignment = Alignment(wrap_text=True)
            if row == 1 and sheet.title == "政策清单":
                sheet.cell(row, 1).font = Font(bold=True, size=16)
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
            row += 1
            continue
        grid = block.header + block.rows
        for r, cells in enumerate(grid):
            for c, cell in enumerate(cells):
                if cell not in (LEFT, ABOVE):
                    value: object = int(cell) if cell.isdigit() else plain(cell)
                    sheet.cell(row + r, c + 1, value).alignment = Alignment(wrap_text=True, vertical="center")
        for r, cells in enumerate(grid):  # merged ranges: down a column (^) or along a row (<)
            for c, cell in enumerate(cells):
                if cell == ABOVE and (r + 1 == len(grid) or grid[r + 1][c] != ABOVE):
                    start = r
                    while grid[start][c] == ABOVE:
                        start -= 1
                    sheet.merge_cells(start_row=row + start, start_column=c + 1, end_row=row + r, end_column=c + 1)
                elif cell == LEFT and (c + 1 == len(cells) or cells[c + 1] != LEFT):
                    start = c
                    while cells[start] == LEFT:
                        start -= 1
                    sheet.merge_cells(start_row=row + r, start_column=start + 1, end_row=row + r, end_column=c + 1)
        row += len(grid)
    book.save(out)
    return out
