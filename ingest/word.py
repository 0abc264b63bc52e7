"""The text of a Word (.docx) document, with its automatic numbering written out.

A measure typed in Word as a numbered list ("一、" from a list definition) has no numeral
in its text; the structure of the policy lives in those numerals, so they are rendered
from the numbering definitions (format, level text, start, restart of deeper levels).
Tables become tab-indented cell lines, a horizontally merged cell followed by empty cells.
"""

from __future__ import annotations

import re

from .frontmatter import OFFICE
from .structure import chinese_numeral, styled_heading
from .text_tables import one_cell

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def word_lines(document) -> list[str]:
    """Paragraphs and table cells of ``document`` in reading order; a heading marked by its style
    alone (标题 1, Heading 2) as a section line (see ``styled_heading``), after the title."""
    numbering = _Numbering(document)
    levels = _heading_levels(document)
    blocks = list(_blocks(document.element.body))
    styled = [levels.get(_style(b)) for b in blocks if b.tag == f"{W}p" and _text(b).strip()]
    sections = [level for level in styled[1:] if level]  # (the first line, however styled, is the title)
    top = min(sections, default=1)
    lines: list[str] = []
    for block in blocks:
        if block.tag == f"{W}p":
            text = _text(block)
            label = numbering.label(block)
            level = levels.get(_style(block))
            if level and not label and lines and any(line.strip() for line in lines):
                text = styled_heading(text, level - top + 1)
            lines.extend((f"{label}{text}" if label and text.strip() else text).split("\n"))
        elif block.tag == f"{W}tbl":
            head = None if any(line.strip() for line in lines) else _letterhead(block)
            lines.extend([head] if head else _table_lines(block))
        else:
            lines.extend(_embedded_lines(document, block))
    return lines


def _embedded_lines(document, chunk) -> list[str]:
    """The text of a part embedded whole (w:altChunk: tools that turn a web page into Word store the
    page itself, as HTML, where the paragraphs would be); a kind it cannot read gives none."""
    from .html_pages import load_html
    from .loaders import decode_text

    part = document.part.related_parts.get(chunk.get(f"{R}id"))
    if part is None or not any(kind in part.content_type for kind in ("html", "text/plain")):
        return []
    text = decode_text(part.blob, str(part.partname))
    return (load_html(text)[0] if "html" in part.content_type else text).split("\n")


# a letterhead (红头) laid out as a table above everything: the offices stacked in one column, 文件
# merged down beside them ("槿川县工业和信息化局 / 槿川县财政局 | 文件")
_LETTERHEAD_CELL = re.compile(rf"{OFFICE}|[\u4e00-\u9fff]{{0,30}}?(规范性)?文件")


def _letterhead(table) -> str | None:
    """The letterhead a table at the top of a document lays out, as one line; None for a real table."""
    cells = [_cell_text(cell) for row in table.iterchildren(f"{W}tr") for cell in row.iterchildren(f"{W}tc")]
    cells = list(dict.fromkeys(c for c in cells if c.strip()))
    if not cells or len(cells) > 8 or not all(_LETTERHEAD_CELL.fullmatch(c.strip()) for c in cells):
        return None
    offices = [c.strip() for c in cells if not c.strip().endswith("文件")]
    kind = "".join(c.strip() for c in cells if c.strip().endswith("文件"))
    return " ".join(offices) + kind if offices else None


def _style(paragraph) -> str | None:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return style.get(f"{W}val") if style is not None else None


def _heading_levels(document) -> dict[str, int]:
    """styleId → heading level, for Word's heading styles (Heading 1, 标题 2, …)."""
    out = {}
    for style in document.styles.element.iterchildren(f"{W}style"):
        name = style.find(f"{W}name")
        match = re.fullmatch(r"(?:heading|标题)\s*([1-6])", (name.get(f"{W}val") if name is not None else "").strip(),
                             re.IGNORECASE)
        if match:
            out[style.get(f"{W}styleId")] = int(match.group(1))
    return out


def _blocks(parent):
    for child in parent.iterchildren():
        if child.tag == f"{W}sdt":  # a content control wraps paragraphs and tables
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _blocks(content)
        elif child.tag == f"{W}tbl" and (cell := _layout_cell(child)) is not None:
            yield from _blocks(cell)  # a table that only frames the text: its paragraphs are the text
        elif child.tag in (f"{W}p", f"{W}tbl", f"{W}altChunk"):
            yield child


def _layout_cell(table):
    """The one cell holding text of a table of one row that frames a document (a text pasted from
    a web page's layout table, or set in a box), when it holds several paragraphs; else None."""
    rows = list(table.iterchildren(f"{W}tr"))
    if len(rows) != 1:
        return None
    filled = [c for c in rows[0].iterchildren(f"{W}tc") if _text(c).strip()]
    if len(filled) != 1:
        return None
    paragraphs = [p for p in filled[0].iterchildren(f"{W}p") if _text(p).strip()]
    return filled[0] if len(paragraphs) >= 3 else None


# text a reader does not see: where tracked changes moved a passage from (w:moveFrom keeps it as
# w:t, where a deletion's is w:delText), and the fallback copy of a text box (mc:AlternateContent
# holds its text twice, for new and old versions of Word)
_UNSEEN = (f"{W}moveFrom", "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback")


def _text(element) -> str:
    # (a line break typed with Shift+Enter, <w:br/>, ends a line: articles pasted from a web page are
    # often one paragraph broken so, and ran together)
    unseen = {node for hidden in element.iter(*_UNSEEN) for node in hidden.iter()}  # (the nodes, kept alive)
    return "".join("\n" if node.tag in (f"{W}br", f"{W}cr") else node.text or ""
                   for node in element.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr") if node not in unseen)


def _table_lines(table) -> list[str]:
    lines: list[str] = []
    for row in table.iterchildren(f"{W}tr"):
        for cell in row.iterchildren(f"{W}tc"):
            lines.append("\t" + _cell_text(cell))
            span = cell.find(f"{W}tcPr/{W}gridSpan")
            extra = int(span.get(f"{W}val", "1")) - 1 if span is not None else 0
            lines.extend("\t" for _ in range(max(0, min(extra, 50))))
        lines.append("")
    return lines


def _cell_text(cell) -> str:
    """A cell's paragraphs and lines (and a nested table's) as one line (see ``one_cell``)."""
    return one_cell(line for paragraph in cell.iter(f"{W}p") for line in _text(paragraph).split("\n"))


class _Numbering:
    """Counters of Word's list numbering, advanced paragraph by paragraph."""

    def __init__(self, document) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # numId → ilvl → (start, format, text)
        self.restarts: dict[str, dict[int, int]] = {}  # numId → ilvl → the 1-based level whose use restarts it
        self.counters: dict[str, dict[int, int]] = {}
        self.styles: dict[str, tuple[str, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        abstract = {a.get(f"{W}abstractNumId"): a for a in root.iterchildren(f"{W}abstractNum")}
        for num in root.iterchildren(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            definition = abstract.get(ref.get(f"{W}val")) if ref is not None else None
            if definition is None:
                continue
            levels, restarts = {}, {}
            for lvl in definition.iterchildren(f"{W}lvl"):
                ilvl = int(lvl.get(f"{W}ilvl", "0"))
                levels[ilvl] = (_val(lvl, "start", "1"), _val(lvl, "numFmt", "decimal"), _val(lvl, "lvlText", ""))
                restarts[ilvl] = int(_val(lvl, "lvlRestart", str(ilvl)) or ilvl)
            self.levels[num.get(f"{W}numId")] = levels
            self.restarts[num.get(f"{W}numId")] = restarts
        for style in document.styles.element.iterchildren(f"{W}style"):
            num_pr = style.find(f"{W}pPr/{W}numPr")
            if num_pr is not None and num_pr.find(f"{W}numId") is not None:
                ilvl = num_pr.find(f"{W}ilvl")
                self.styles[style.get(f"{W}styleId")] = (num_pr.find(f"{W}numId").get(f"{W}val"),
                                                         int(ilvl.get(f"{W}val")) if ilvl is not None else 0)

    def label(self, paragraph) -> str:
        found = self._num(paragraph)
        if found is None:
            return ""
        num_id, ilvl = found
        levels = self.levels.get(num_id, {})
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, int(levels[ilvl][0]) - 1) + 1
        # a deeper level restarts when a level at or above its lvlRestart is used ("第%2条" with
        # lvlRestart 0 counts on through the chapters: 第二章's first article is 第三条)
        restarts = self.restarts.get(num_id, {})
        for deeper in [lv for lv in counters if lv > ilvl and ilvl < restarts.get(lv, lv)]:
            del counters[deeper]
        _, fmt, text = levels[ilvl]
        if fmt == "bullet":
            return "● "  # (an item of a bulleted list is an item, whatever glyph the font draws)
        if fmt == "none":
            return ""
        for lv in range(ilvl + 1):
            value = counters.get(lv, int(levels.get(lv, ("1",))[0]))
            text = text.replace(f"%{lv + 1}", _format(value, levels.get(lv, ("1", "decimal", ""))[1]))
        return text

    def _num(self, paragraph) -> tuple[str, int] | None:
        num_pr = paragraph.find(f"{W}pPr/{W}numPr")
        if num_pr is not None and num_pr.find(f"{W}numId") is not None:
            ilvl = num_pr.find(f"{W}ilvl")
            num_id = num_pr.find(f"{W}numId").get(f"{W}val")
            return (num_id, int(ilvl.get(f"{W}val")) if ilvl is not None else 0) if num_id != "0" else None
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        return self.styles.get(style.get(f"{W}val")) if style is not None else None


def _val(element, name: str, default: str) -> str:
    child = element.find(f"{W}{name}")
    return child.get(f"{W}val", default) if child is not None else default


def _format(value: int, fmt: str) -> str:
    if fmt.startswith(("chineseCounting", "taiwaneseCounting", "japaneseCounting")) \
            or fmt == "ideographDigital":
        return chinese_numeral(value) if value < 100 else str(value)
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    return str(value)


def _roman(value: int) -> str:
    out = ""
    for number, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while value >= number:
            out += letters
            value -= number
    return out
