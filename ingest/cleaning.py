"""Repair the artefacts that text extraction leaves in policy documents.

Pure functions. The artefacts are the ones the real files have: ``[bookmark: …]`` markers,
spaces inside numbers and between Chinese characters ("5000 万元 以上"), lines broken
mid-sentence (often with blank lines between), a whole document on one line, full-width
digits (３０％), OCR confusions in numbering ("(-)" for （一）, "L" for "1、", "IOOO" for 1000)
and a file name left as the first line. Table rows (tab-indented cells) are kept as they are
for the splitter.
"""

from __future__ import annotations

import re
import unicodedata

from .frontmatter import ISSUER, WEB_LABEL, stands_apart
from .structure import (
    ANNEX,
    BRACKET_HEADING,
    CN_NUMERALS,
    FIELD_START,
    TITLE_KINDS,
    ends_with_responsibility,
    is_date_line,
    is_heading_line,
    is_parenthetical,
    starts_with_marker,
)
from .text_tables import to_cell_lines
from .wechat import article_lines

CJK = r"\u3400-\u9fff\uf900-\ufaff"
CJK_PUNCT = r"\u3000-\u303f\uff00-\uffef“”‘’—…"
SENTENCE_END = "。；！？：;:!?"
LONG_LINE = 1500  # a line this long is a whole document or section flattened onto one line

_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
_FILE_NAME_LINE = re.compile(r"^\s*\S.*\.(?:docx?|pdf|wps|txt)\s*$", re.IGNORECASE)
_SPACE_IN_CJK = re.compile(rf"(?<=[{CJK}{CJK_PUNCT}0-9%])[ \u00a0\u3000]+(?=[{CJK}{CJK_PUNCT}])"
                           rf"|(?<=[{CJK}{CJK_PUNCT}])[ \u00a0\u3000]+(?=[0-9%])")
_OCR_NUMBER = re.compile(rf"(?<=[{CJK}])([IlO0-9]{{3,}})(?=[{CJK}])")
_OCR_DASH_MARKER = re.compile(r"[(（]\s*[-－—一]\s*[)）]")
# page furniture left in text extracted from PDFs: "— 3 —", "- 3 -", "第3页 共10页", "3/10"
PAGE_NUMBER_LINE = re.compile(r"^\s*(?:[-—–－]+\s*\d{1,4}\s*[-—–－]+|第\s*\d{1,4}\s*页(?:\s*[，,]?\s*共\s*\d{1,4}\s*页)?"
                              r"|\d{1,4}\s*/\s*\d{1,4})\s*$")
_DOC_NUMBER_END = re.compile(r"[〔\[【(（]\s*\d{4}\s*[〕\]】)）]\s*\d{1,4}\s*号$")
_TITLE_END = re.compile(rf"({TITLE_KINDS}|年[)）]|版[)）])》?$")  # (一图读懂丨《…办法》, …汇编（2026年版） too)
# full-width digits (２０２６年, ３０％) are the digits every figure, date and rate is read in
_FULL_WIDTH_DIGITS = {0xFF10 + i: 0x30 + i for i in range(10)} | {0xFF05: 0x25}


# an official document's record (版记) below its text: who else receives it (抄送/抄报), the office
# that printed it and when (…办公室　2026年8月19日印发), the copies printed, its 主题词 — no clause
RECORD_LINE = re.compile(r"^(抄\s*[送报][:：]|主\s*题\s*词[:：]|[(（]共印\d+份[)）]$"
                         r"|[\u4e00-\u9fff（）()]{2,40}\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印\s*发$)")


def file_name_title(raw: str) -> str | None:
    """The title carried by a file-name first line ("…方案.docx"), if the text starts with one."""
    first = raw.lstrip("\ufeff").split("\n", 1)[0]
    if _FILE_NAME_LINE.match(first) and len(first) < 120:
        return re.sub(r"\.(docx?|pdf|wps|txt)\s*$", "", first.strip(), flags=re.IGNORECASE)
    return None


def clean_text(raw: str) -> str:
    """Clean extracted text; the result keeps one paragraph, heading or table cell per line."""
    text = unicodedata.normalize("NFC", raw.replace("\ufeff", "")).replace("\r\n", "\n").replace("\r", "\n")
    text = _BOOKMARK.sub("", text)
    if file_name_title(text):
        text = text.split("\n", 1)[1] if "\n" in text else ""
    lines = _boxes_as_lines([line for line in to_cell_lines(text.split("\n")) if not PAGE_NUMBER_LINE.match(line)])
    lines = [_clean_inline(line) for line in lines]
    lines = [piece for line in lines for piece in (_unflatten(line) if len(line) > LONG_LINE else [line])]
    lines = [piece for line in article_lines(lines) for piece in _bracket_heading_apart(line)]
    lines = _without_contents([piece for line in lines for piece in _inline_notes_apart(line)])
    return "\n".join(line for line in _join_broken_lines(lines) if not RECORD_LINE.match(line)).strip("\n") + "\n"


def _boxes_as_lines(lines: list[str]) -> list[str]:
    """The lines with a table of one column (a box, 专栏1 …: its title, then its items, one a row)
    written as lines of text: its rows are sentences and items of the text, not cells of a grid."""
    out: list[str] = []
    index = 0
    while index < len(lines):
        if not lines[index].startswith("\t"):
            out.append(lines[index])
            index += 1
            continue
        rows, end = [], index  # (rows: cell lines, each row ended by a blank line)
        while end < len(lines) and lines[end].startswith("\t"):
            row = []
            while end < len(lines) and lines[end].startswith("\t"):
                row.append(lines[end])
                end += 1
            rows.append(row)
            while end < len(lines) and not lines[end].strip() and not lines[end].startswith("\t"):
                end += 1
        if len(rows) >= 2 and all(len(row) == 1 and row[0].strip() for row in rows):
            cells = [row[0].strip() for row in rows]
            if len(cells[0]) <= 30 and cells[0][-1] not in SENTENCE_END + "，,":  # its title leads its items in
                # (one paragraph, the box's: a unit of the text; items without an end of their own kept apart by ；)
                cells = [f"{cells[0]}：" + "".join(c if c[-1] in SENTENCE_END else f"{c}；" for c in cells[1:])]
            out.extend(["", *cells, ""])
        else:
            out.extend(lines[index:end])
        index = end
    return out


# an entry of a table of contents: a heading and its page ("第一章总则……1", Word's TOC field)
_CONTENTS_ENTRY = re.compile(r"^(?!\t).{2,60}?[^\d\s.．…·•\-—。；;，,][\s.．…·•\-—]*\d{1,3}$")


def _without_contents(lines: list[str]) -> list[str]:
    """The lines without a table of contents (目录 and entries ending in their page numbers): the
    headings stand again in the text; their pages are no clause."""
    out, index = [], 0
    while index < len(lines):
        end = index + 1
        if re.fullmatch(r"目\s*录", lines[index].strip()):
            while end < len(lines) and _CONTENTS_ENTRY.match(lines[end].strip()):
                end += 1
            if end > index + 1:
                index = end
                continue
        out.append(lines[index])
        index += 1
    return out


def _bracket_heading_apart(line: str) -> list[str]:
    """"【温馨提示】同一项目…" → the heading, then its text: a line of its own each."""
    match = BRACKET_HEADING.match(line)
    return [f"【{match.group(1)}】", match.group(2)] if match and match.group(2) else [line]


# "备注：1.同一事项…；2.申报材料…；3.本清单…": notes numbered inline (a spreadsheet's note row, one
# cell) are as many rules as numbers, each a line of its own as when they are typed one per line
_NOTE_LABEL = re.compile(r"^((?:备注|说明|注|注意事项|温馨提示|特别提示)[：:])\s*(?=1[.．、](?!\d))")


def _inline_notes_apart(line: str) -> list[str]:
    label = _NOTE_LABEL.match(line)
    if not label:
        return [line]
    rest, parts, number = line[label.end():], [], 1
    while True:
        following = re.search(rf"(?<=[；;。])\s*(?={number + 1}[.．、](?!\d))", rest)
        if not following:
            break
        parts.append(rest[:following.start()].strip())
        rest, number = rest[following.end():], number + 1
    return [label.group(1), *parts, rest.strip()] if parts else [line]


def _clean_inline(line: str) -> str:
    if line.startswith("\t"):  # table cell: keep the tab indentation, clean the content
        depth = len(line) - len(line.lstrip("\t"))
        return "\t" * depth + _clean_inline(line[depth:]).strip()
    line = line.replace("\t", " ").translate(_FULL_WIDTH_DIGITS)
    line = _SPACE_IN_CJK.sub("", line)
    line = _OCR_NUMBER.sub(_fix_ocr_number, line)
    line = _OCR_DASH_MARKER.sub("（一）", line)
    return line.strip()


def _fix_ocr_number(match: re.Match[str]) -> str:
    token = match.group(1)
    if not re.search(r"[IlO]", token):
        return token
    if not re.fullmatch(r"[1-9Il][0-9O]*", token):  # a number starts with a non-zero digit
        return token
    return token.replace("I", "1").replace("l", "1").replace("O", "0")


def _unflatten(line: str) -> list[str]:
    """Split a document flattened onto one line back into headings and paragraphs.

    A numbering marker that follows the end of a sentence, or follows a heading title
    directly (…专项1、…), starts a new line. "L"/"I" between Chinese characters where a
    "1、" belongs is an OCR confusion and is read as "1、".
    """
    line = re.sub(rf"(?<=[{CJK}])[LlI](?=[{CJK}])", "1、", line)
    numerals = CN_NUMERALS
    marker = (rf"[{numerals}]{{1,3}}、"            # 一、
              rf"|[(（][{numerals}A-Z]?[)）]"      # （一） and OCR'd (A), ()
              rf"|\d{{1,2}}、")                    # 1、
    pieces = re.split(rf"(?:(?<=[。；;!?！？])|(?<=[{CJK}]))(?=(?:{marker})[{CJK}“\"'])", line)
    out: list[str] = []
    for piece in pieces:
        # a heading glued to its first sentence ("一、总体要求立足…") stays one line; the
        # splitter takes the heading title from it
        out.extend(part for part in re.split(r"(?<=。)(?=[(（][" + numerals + r"][)）])", piece) if part)
    return out


def _join_broken_lines(lines: list[str]) -> list[str]:
    """Join lines that were broken mid-sentence, across blank lines.

    A line is continued by the next one when it does not end a sentence, is not a
    heading or a standalone parenthetical (（征求意见稿）), is about as long as the
    document's wrapped lines, and the next line does not start a new numbered item.
    """
    width = _wrap_width(lines)
    out: list[str] = []
    pending_blank = False
    for line in lines:
        if not line.strip() and not line.startswith("\t"):  # "\t\t" is an empty table cell
            pending_blank = True
            continue
        if out and _continues(out[-1], line, width):
            out[-1] = _glue(out[-1], line)
        else:
            if pending_blank and out:
                out.append("")
            out.append(line)
        pending_blank = False
    return out


def _continues(previous: str, line: str, width: int) -> bool:
    if previous.startswith("\t") or line.startswith("\t") or not previous:
        return False
    if line.strip().startswith(previous.strip()):
        return False  # a running header over the title it repeats ("…汇编" over "…汇编（2026年版）")
    if _open_parens(previous) > 0 and not starts_with_marker(line):
        return True  # "（责任单位：" broken before its list of units
    if previous.rstrip()[-1] in SENTENCE_END or previous.rstrip().endswith("。）"):
        return False
    if is_heading_line(previous) or is_parenthetical(previous) or is_parenthetical(line):
        return False
    if is_date_line(previous) or is_date_line(line) or ends_with_responsibility(previous):
        return False
    if starts_with_marker(line) or line.startswith(("——", "附件")) or ANNEX.match(previous):
        return False
    if _DOC_NUMBER_END.search(previous) or _DOC_NUMBER_END.search(line) or _TITLE_END.search(previous) \
            or WEB_LABEL.match(line) or stands_apart(line) or stands_apart(previous):  # (a byline, 目录, …局　编)
        return False  # a title or a 文号 is a line of its own, however long
    if any(len(text.strip()) <= 16 and ISSUER.match(text.strip()) for text in (previous, line)):
        return False  # so is an issuing office (a byline, a running header)
    if FIELD_START.match(previous) and FIELD_START.match(line):
        return False  # 受理部门：… over 联系电话：…: one field per line, however short
    return len(previous) >= 0.6 * width


def _open_parens(text: str) -> int:
    return sum(text.count(ch) for ch in "（(〔") - sum(text.count(ch) for ch in "）)〕")


def _wrap_width(lines: list[str]) -> int:
    """The typical length of lines a PDF/Word extraction wrapped (the long unfinished ones)."""
    lengths = sorted(len(line) for line in lines
                     if line.strip() and not line.startswith("\t") and line.rstrip()[-1] not in SENTENCE_END)
    if len(lengths) < 5:
        return 10**6  # too few unfinished lines to call the document wrapped
    width = lengths[int(len(lengths) * 0.75)]
    # wrapped text has many unfinished lines of about the wrap width; a text of whole
    # paragraphs has only headings, of any length, unfinished
    if sum(1 for n in lengths if n >= 0.85 * width) < max(5, 0.3 * len(lengths)):
        return 10**6
    return width


def _glue(left: str, right: str) -> str:
    # Latin words or numbers on both sides of the break were separated by a space
    if re.search(r"[A-Za-z0-9]$", left) and re.match(r"[A-Za-z0-9]", right):
        return f"{left} {right}"
    return left + right
