"""Tables written as plain text, turned into the tab-indented cell lines the splitter reads.

Policy texts pasted into .txt or Markdown carry their annex tables in four shapes: cells
between full-width "｜" or ASCII "|" pipes (Markdown adds a ``|---|`` rule under the
header), cells separated by tabs, and columns aligned with runs of spaces. A block of such
rows becomes one cell per line ("\\t" + cell) with a blank line ending each row, which is
what the Word, HTML and PDF loaders give for real tables. Pure functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .structure import starts_with_marker

_PIPE = re.compile(r"[|｜]")
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
    if "\t" not in line.rstrip("\t") or not line.strip() or starts_with_marker(line.strip()):
        return None
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
            if len(rows) >= minimum and _looks_tabular(rows, style):
                found = TextTable(i, j, rows, style)
                break
        if found:
            tables.append(found)
            i = found.end
        else:
            i += 1
    return tables


def _looks_tabular(rows: list[list[str]], style: str) -> bool:
    widths = [len(row) for row in rows]
    if style == "tabs":  # the loaders' own cell lines ("\tcell") never have a first cell
        return any(row[0] for row in rows) and max(widths) >= 2
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
