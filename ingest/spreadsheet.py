"""The text of a spreadsheet (.xlsx): lists of benefits (惠企政策清单) are often published as one.

A sheet is read row by row. A row holding one text (a title, a byline, a note, usually merged
across the table) is a line of text; rows of several cells are table rows, written as the
tab-indented cell lines the Word loader writes (one line per cell, a blank line after each row),
so that the table splitter makes each row a chunk under its column headings; a merged cell's
text stands in its first cell, as in a Word table, whose merged categories the splitter reads.
Hidden sheets, rows and columns are not part of what the office published and are skipped.
"""

from __future__ import annotations

import datetime as dt

from .structure import styled_heading
from .text_tables import one_cell

_DEFAULT_SHEET = ("sheet", "工作表")


def workbook_lines(book) -> tuple[list[str], str | None]:
    """The lines of every visible sheet of an openpyxl workbook, and its title property."""
    lines: list[str] = []
    sheets = [s for s in book.worksheets if s.sheet_state == "visible"]
    for number, sheet in enumerate(sheets):
        rows = _sheet_rows(sheet)
        if not any(any(cells) for cells in rows):
            continue
        starts_with_text = sum(1 for cell in next(c for c in rows if any(c)) if cell) == 1
        if number and not starts_with_text and not _default_name(sheet.title):
            lines.append(styled_heading(sheet.title.strip(), 1))  # a later sheet's name heads its table
        lines.extend(_lines(rows))
    title = (book.properties.title or "").strip() or None
    return lines, title


def _default_name(name: str) -> bool:
    return name.strip().lower().rstrip("0123456789") in _DEFAULT_SHEET  # Sheet1, 工作表2


def _sheet_rows(sheet) -> list[list[str]]:
    """The visible cells' texts. A merged cell's text stands in its first cell, the cells it covers
    are empty — as a Word table gives them, whose merged categories the table splitter reads."""
    hidden_columns = {key for key, dim in sheet.column_dimensions.items() if dim.hidden}
    rows = []
    for row in sheet.iter_rows():
        if row and sheet.row_dimensions[row[0].row].hidden:
            continue
        rows.append([_text(cell) for cell in row if getattr(cell, "column_letter", None) not in hidden_columns])
    return rows


def _text(cell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):  # dates as a Chinese text writes them
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, float):
        if "%" in (cell.number_format or ""):
            return f"{_number(value * 100)}%"
        return _number(value)
    return "\n".join(line.strip() for line in str(value).splitlines() if line.strip())


def _number(value: float) -> str:
    """A figure as written, every digit kept ("{:g}" once wrote 1234567.5 as 1.23457e+06): no float
    noise (0.07 × 100 is 7, not 7.000000000000001), no ".0" on a whole number."""
    value = round(value, 6)
    return str(int(value)) if value == int(value) else repr(value)


def _lines(rows: list[list[str]]) -> list[str]:
    width = max((_last(cells) for cells in rows), default=0)
    lines: list[str] = []
    in_table = False
    for cells in rows:
        filled = [cell for cell in cells if cell]
        if not filled:
            in_table = False  # (an empty row ends a table)
            continue
        if len(filled) == 1 and not (in_table and _within_table(cells)):
            lines.extend(filled[0].split("\n"))  # a title, byline or note row (merged across, or one cell)
            in_table = False
            continue
        if not in_table:
            lines.append("")
        for cell in (cells + [""] * width)[:width]:
            lines.append("\t" + one_cell(cell.split("\n")))  # (a cell typed on several lines, Alt+Enter)
        lines.append("")
        in_table = True
    return lines


def _within_table(cells: list[str]) -> bool:
    """A row of a table with only one cell filled in (a later cell left blank) stays a row; a note
    row's one text stands in its first column."""
    return not cells[0]


def _last(cells: list[str]) -> int:
    return max((i + 1 for i, cell in enumerate(cells) if cell), default=0)
