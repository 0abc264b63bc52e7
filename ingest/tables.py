"""Read the criteria tables of annexes, flattened by extraction to tab-indented cell lines.

A cell is a line indented by the table's cell depth; a shallower line (often blank) ends a
row. Header rows name the columns (a last header cell spans the columns left over, as a
merged cell does); data rows start with their number. Each non-empty data cell becomes
one criterion with the column path it stands under, e.g. 小巨人企业 › 制造类.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class TableCell:
    column_path: tuple[str, ...]  # e.g. ("小巨人企业", "制造类"); ("备注",) for notes
    row_label: str  # "2", or the label of a labelled row such as "共同标准"
    text: str


def depth(line: str) -> int:
    return len(line) - len(line.lstrip("\t"))


def parse_table(lines: list[str]) -> list[TableCell]:
    """Cells of one table block (tab-indented lines and blank separators)."""
    content_depths = [depth(line) for line in lines if line.strip()]
    if not content_depths:
        return []
    cell_depth = max(content_depths)
    rows: list[list[str]] = []
    notes: list[str] = []
    current: list[str] | None = None
    for line in lines:
        if depth(line) >= cell_depth:
            current = current if current is not None else []
            current.append(line.strip())
            continue
        if current:
            rows.append(current)
        current = None
        if line.strip():  # shallower text inside the block: a note such as 备注：…
            notes.append(line.strip())
    if current:
        rows.append(current)
    return _cells(rows) + [TableCell(("备注",), "", note) for note in notes]


def _is_number(cell: str) -> bool:
    return bool(re.fullmatch(r"\d{1,3}", cell.strip()))


def _cells(rows: list[list[str]]) -> list[TableCell]:
    rows = [row for row in rows if any(cell for cell in row)]
    headers: list[list[str]] = []
    cells: list[TableCell] = []
    data_rows: list[list[str]] = []
    for row in rows:
        if _is_number(row[0]):
            data_rows.append(row)
        elif not data_rows and all(len(cell) <= 15 for cell in row):
            headers.append(row)
        else:  # a labelled row ("共同标准 | …") applies to every column
            cells.append(TableCell((row[0],), row[0], "；".join(c for c in row[1:] if c)))
    width = max([len(r) for r in headers + data_rows] or [0])
    columns = _column_paths(headers, width)
    for row in data_rows:
        for index, text in enumerate(row[1:], start=1):
            if not text:
                continue
            spanned = columns[index:] if index == len(row) - 1 else columns[index:index + 1]
            cells.append(TableCell(_common_prefix(spanned), row[0], text))
    return cells


def _column_paths(headers: list[list[str]], width: int) -> list[tuple[str, ...]]:
    """For each leaf column, the header cells above it; a row's last cell spans the rest."""
    paths: list[tuple[str, ...]] = []
    for column in range(width):
        names = []
        for header in headers:
            name = header[min(column, len(header) - 1)].strip()
            if name and (not names or names[-1] != name):
                names.append(name)
        paths.append(tuple(names))
    return paths


def _common_prefix(paths: list[tuple[str, ...]]) -> tuple[str, ...]:
    if not paths:
        return ()
    prefix = list(paths[0])
    for path in paths[1:]:
        keep = 0
        while keep < min(len(prefix), len(path)) and prefix[keep] == path[keep]:
            keep += 1
        prefix = prefix[:keep]
    return tuple(prefix)
