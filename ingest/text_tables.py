"""Tables written as plain text, turned into the tab-indented cell lines the splitter reads.

Policy texts pasted into .txt or Markdown carry their annex tables in four shapes: cells
between full-width "｜" or ASCII "|" pipes (Markdown adds a ``|---|`` rule under the
header), cells separated by tabs, and columns aligned with runs of spaces. A block of such
rows becomes one cell per line ("\\t" + cell) with a blank line ending each row, which is
what the Word, HTML and PDF loaders give for real tables. Pure functions.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .structure import starts_with_marker

_PIPE = re.compile(r"[|｜]")


def one_cell(parts) -> str:
    """A cell typed as several paragraphs or lines ("1. 营业执照" / "2. 审计报告") as one cell line,
    its parts kept apart by "；" where one does not end a clause already (they once ran together)."""
    text = ""
    for part in (p.strip() for p in parts):
        if part:
            text += ("；" if text and text[-1] not in "。；;：:，,、" else "") + part
    return text


_RULE = re.compile(r"^\s*[|｜]?\s*:?-{2,}:?\s*(?:[|｜]\s*:?-{2,}:?\s*)*[|｜]?\s*$")
# a column gap: two or more spaces (a single full-width space follows 第二条 or 第一章 in running text)
_SPACES = re.compile(r"[ \u3000]{2,}")


@dataclass(frozen=True)
class TextTable:
    start: int  # index of the first line of the block
    end: int  # index after the last line
    rows: list[list[str]]
    style: str  # "pipes", "tabs" or "spaces"

    @property
    def ragged(self) -> bool:
        return len({len(row) for row in self.rows}) > 1


def pipe_cells(line: str) -> list[str] | None:
    text = line.strip()
    if len(_PIPE.findall(text)) < 2 and not (_PIPE.search(text) and len(text) > 2):
        return None
    cells = [cell.strip() for cell in _PIPE.split(text)]
    if text[0] in "|｜":
        cells = cells[1:]
    if text[-1] in "|｜":
        cells = cells[:-1]
    return cells if len(cells) >= 2 else None


def tab_cells(line: str) -> list[str] | None:
    if not line.strip() or starts_with_marker(line.strip()):
        return None
    if "\t" not in line.rstrip("\t"):
        # a row of one cell merged across the others keeps their tabs ("单项…最高5万元\t\t\t")
        trailing = len(line.rstrip("\n")) - len(line.rstrip("\n").rstrip("\t"))
        return [line.strip(), *[""] * trailing] if trailing and not line.startswith("\t") else None
    cells = [cell.strip() for cell in line.rstrip("\t").split("\t")]
    return cells if len(cells) >= 2 else None


def space_cells(line: str) -> list[str] | None:
    if line.startswith("\t") or not line.strip() or starts_with_marker(line.strip()):
        return None  # "第二条  本办法所称…" is an article, however it is spaced
    cells = [cell for cell in _SPACES.split(line.strip()) if cell]
    return cells if len(cells) >= 2 and all(len(cell) <= 40 for cell in cells) else None


def find_tables(lines: list[str]) -> list[TextTable]:
    """The table blocks of ``lines``, in order (a block is at least two rows of one shape)."""
    tables: list[TextTable] = []
    i = 0
    while i < len(lines):
        found = None
        for style, cells_of, minimum in (("pipes", pipe_cells, 2), ("tabs", tab_cells, 2), ("spaces", space_cells, 3)):
            rows, j = [], i
            while j < len(lines) and (cells_of(lines[j]) is not None or (style == "pipes" and _RULE.match(lines[j]))):
                if not _RULE.match(lines[j]):
                    rows.append(cells_of(lines[j]))
                j += 1
            if style == "spaces" and len(rows) >= minimum:
                rows = _aligned(lines[i:j]) or rows
            if len(rows) >= minimum and _looks_tabular(rows, style):
                found = TextTable(i, j, rows, style)
                break
        if found:
            tables.append(found)
            i = found.end
        else:
            i += 1
    return tables


def _positioned(line: str) -> list[tuple[int, str]]:
    """The cells of a space-aligned line with the display column each starts at."""
    cells, at = [], 0
    for part in re.split(r"([ \u3000]{2,})", line.rstrip()):
        if part.strip() and not _SPACES.fullmatch(part):
            cells.append((at + _width(part) - _width(part.lstrip()), part.strip()))
        at += _width(part)
    return cells


def _aligned(lines: list[str]) -> list[list[str]] | None:
    """Rows of a space-aligned block read by column position, so that a heading row under
    merged cells ("            创新型中小企业    专精特新中小企业") keeps its columns; None when
    the cells do not line up with the columns of the fullest rows."""
    placed = [_positioned(line) for line in lines]
    full = max(len(row) for row in placed)
    starts = [min(row[k][0] for row in placed if len(row) == full) for k in range(full)]
    rows = []
    for row in placed:
        cells = [""] * full
        for at, text in row:
            column = max((k for k, start in enumerate(starts) if start <= at + 1), default=0)
            if abs(starts[column] - at) > 2 or cells[column]:
                return None  # not aligned: running text with wide gaps, or a ragged table
            cells[column] = text
        rows.append(cells)
    return rows


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _looks_tabular(rows: list[list[str]], style: str) -> bool:
    widths = [len(row) for row in rows]
    if style == "tabs":  # the loaders' own cell lines ("\tcell") never have a first cell
        # (and a row of two filled cells at least: lines that merely end in tabs are no table)
        return any(row[0] for row in rows) and any(sum(1 for cell in row if cell) >= 2 for row in rows)
    if style == "spaces":  # aligned columns: every row has the same number of cells
        return len(set(widths)) == 1
    return max(widths) >= 2


def to_cell_lines(lines: list[str]) -> list[str]:
    """``lines`` with every text table replaced by tab-indented cell lines."""
    out: list[str] = []
    last = 0
    for table in find_tables(lines):
        out.extend(lines[last:table.start])
        out.append("")
        for row in table.rows:  # rows keep their own number of cells: a ragged table is reported
            out.extend("\t" + cell for cell in row)
            out.append("")
        out.append("")
        last = table.end
    out.extend(lines[last:])
    return out
