"""Split a cleaned policy text along its own structure into clause chunks.

One chunk is one article (第X条, with its items), clause, numbered measure, short list,
dash bullet, table row or criterion cell, and carries its section path (第X章 › 第X条;
一、 › （一） › 1. …; or 附件N › column › sub-column) and the responsible units (责任单位)
its text names. Chunks over the token cap are cut at sentence ends.
Pure functions: text in, chunks out.
"""

from __future__ import annotations

import hashlib
import re

from assistant.types import Chunk

from .frontmatter import DOC_NUMBER, ISSUER, closing_signature, split_front_matter
from .lists import attach_notes, merge_fields, merge_lists
from .qa import answer_lines, asked_question
from .structure import (
    ANNEX,
    ANNEX_LIST,
    BARE_ANNEX,
    BRACKET_HEADING,
    BULLET,
    SUB_HEADING,
    chinese_numeral,
    heading_title,
    is_heading_line,
    is_lead_in,
    is_orphan_heading,
    next_number,
    next_text,
    parse_division,
    parse_marker,
)
from .tables import parse_table
from .tokens import cap_tokens, count_tokens  # noqa: F401  (count_tokens: part of this module's API)
from .units import responsible_units

SPLITTER_VERSION = "23"  # part of every chunk fingerprint: bump when chunking changes
PREAMBLE = "序言"
NOTICE = "印发通知"
# the document's closing provisions (附则): when it takes effect, until when, who interprets it
CLOSING = "附则"
# a note of how the document is published (公开方式), set under its signature
_PUBLICATION_NOTE = re.compile(r"[（(][^（）()]{0,12}(?:公开发布|主动公开|依申请公开|不予公开|不公开)[^（）()]{0,12}[)）]")
# a letter's closing formula (结束语: "感谢您对…的关心和支持", "特此答复。"): courtesy, no policy
_LETTER_CLOSING = re.compile(r"^(?:感谢(?:您|你们|贵)|特此(?:答复|函复|复函|函告)|此复|专此)")
_ABOUT_ITSELF = re.compile(r"^本(措施|办法|方案|细则|通知|计划|意见|规定|政策)[^。\n]{0,40}(施行|实施|有效期|解释)")


def split_document(doc_id: str, cleaned: str, max_tokens: int = 320) -> list[Chunk]:
    """All chunks of one cleaned document, in reading order."""
    if max_tokens < 32:
        raise ValueError(f"max_tokens must be at least 32, got {max_tokens}")
    lines = cleaned.split("\n")
    front = split_front_matter(lines)
    closing = closing_signature(lines, front.body_start)
    for index in closing or ():  # the closing signature is metadata, not a clause
        lines[index] = ""
    # (so is how it is published, noted under the signature: "（此件公开发布）"; a note of a contact stays)
    for index in range(closing[1] + 1 if closing else len(lines), len(lines)):
        if lines[index].strip() and not _PUBLICATION_NOTE.fullmatch(lines[index].strip()):
            break
        lines[index] = ""
    if closing and closing[0] < front.body_start:  # (signed above its annex: out of the preamble too)
        front = split_front_matter(lines)
    units: list[tuple[tuple[str, ...], str, str]] = []  # (path, kind, text)
    notice = "\n".join(front.notice)
    # (a 文号 alone is metadata, no clause)
    if len(notice) >= 10 and not all(DOC_NUMBER.fullmatch(line.strip()) or ISSUER.match(line.strip())
                                     for line in front.notice):
        units.append(((NOTICE,), "notice", notice))
    units.extend(((PREAMBLE,), "preamble", line) for line in front.preamble)
    units = merge_fields(merge_lists(attach_notes(units + list(_body_units(lines[front.body_start:])))))
    # "本措施自…起施行" after the last measure is the document's, not that measure's (nor its 责任单位)
    units = [((CLOSING,), kind, text) if _ABOUT_ITSELF.match(text) and len(path) > 1 else (path, kind, text)
             for path, kind, text in units]
    section_units: dict[tuple[str, ...], tuple[str, ...]] = {}
    for path, _, text in units:  # a measure's units apply to all its paragraphs
        named = responsible_units(text)
        section_units[path] = section_units.get(path, ()) + tuple(n for n in named if n not in section_units.get(path, ()))
    chunks: list[Chunk] = []
    seen: dict[str, int] = {}
    for path, kind, text in units:
        units_named = section_units[path]
        for part in cap_tokens(text, max_tokens):
            chunk_id = _chunk_id(doc_id, path, part, seen)
            chunks.append(Chunk(chunk_id, doc_id, part, path, kind, units_named, len(chunks)))
    return chunks


def _chunk_id(doc_id: str, path: tuple[str, ...], text: str, seen: dict[str, int]) -> str:
    """Derived from content, so unchanged clauses keep their ids across re-ingests.

    Identical text twice under one heading gets its occurrence number in the hash: each id
    costs one hash of its own text, whatever the number of repeats (no growing basis).
    """
    basis = f"{doc_id}\x1f{'/'.join(path)}\x1f{text}"
    chunk_id = hashlib.sha256(basis.encode()).hexdigest()[:20]
    repeat = seen.get(chunk_id)
    seen[chunk_id] = (repeat or 0) + 1
    if repeat:
        chunk_id = hashlib.sha256(f"{basis}\x1f#{repeat}".encode()).hexdigest()[:20]
        seen[chunk_id] = seen.get(chunk_id, 0) + 1
    return chunk_id


def _table_follows(lines: list[str], i: int) -> bool:
    """Whether the next non-blank line from ``i`` is a table's cell line."""
    text, after = next_text(lines, i)
    return bool(text) and lines[after - 1].startswith("\t")


def _body_units(lines: list[str]):
    stack: list[tuple[int, str]] = []  # (level, label) of the open headings
    last_number: dict[int, int] = {}
    i = 0
    annex_list: list[str] | None = None
    item: tuple[int, str] | None = None  # the last list item with text of its own
    short_item = False
    while i < len(lines):
        line = lines[i]
        if line.startswith("\t") and not _is_annex_line(line):
            block, i = _take_table(lines, i)
            # under its headings and the question it answers; a list item ("5. 审计报告") above it is
            # a sibling, not its heading
            annex = _path(stack[:-1] if stack and stack[-1] == item else stack)
            for cell in parse_table(block):
                label = f"{cell.row_label}. " if cell.row_label.isdigit() else ""
                kind = "note" if cell.column_path == ("备注",) else "table_record" if cell.record else "table_row"
                yield annex + cell.column_path, kind, f"{label}{cell.text}"
            continue
        i += 1
        text = line.strip()
        if not text:
            continue
        if annex_list is not None:
            if parse_marker(text) and len(text) <= 40 and "。" not in text:
                annex_list.append(text)
                continue
            yield ("附件",), "toc", "\n".join(annex_list)
            annex_list = None
        if ANNEX_LIST.match(text):
            named = ANNEX_LIST.sub("", text).strip()
            if named and not parse_marker(named) and not parse_marker(next_text(lines, i)[0]) and next_text(lines, i)[0]:
                # "附件：…申报材料清单" over its own content (a table): the annex's heading, not a list
                stack, last_number = [(0, f"附件 {named}")], {}
                continue
            annex_list = [text]
            continue
        annex = ANNEX.match(text) or BARE_ANNEX.match(text)
        if annex:
            title = annex.group(2).strip() if annex.re is ANNEX else ""
            if not title and not _table_follows(lines, i):  # (a table right after "附件" is its content, not its title)
                title, i = next_text(lines, i)
            number = annex.group(1) if annex.re is ANNEX else ""
            stack = [(0, f"附件{number} {title}".strip())]
            last_number = {}
            continue
        division = parse_division(text)
        if division is not None:
            level = _DIVISION_LEVELS[division.kind]
            # (a compilation's policies head their own articles: 一、某某办法 › 第二条)
            stack = [(lv, lb) for lv, lb in stack if lv < level or (lv == 1 and _POLICY_TITLE.search(lb))]
            if division.kind != "条":
                stack.append((level, division.label))
                continue
            # the article is the unit: its items （一）（二）… and paragraphs stay in it
            body, i = _article_body(lines, i)
            yield _path(stack) + (division.label,), "article", "\n".join([text, *body])
            continue
        marker = parse_marker(text)
        if marker is not None:
            number = marker.number or last_number.get(marker.level, 0) + 1  # OCR lost the numeral
            last_number[marker.level] = number
            for level in [lv for lv in last_number if lv > marker.level]:
                del last_number[level]
            label = _label(marker, number)
            stack = [(lv, lb) for lv, lb in stack if lv < marker.level or lv == 0]
            question = asked_question(marker.rest, next_text(lines, i)[0], numbered=True)
            if question:  # "1. 问：…？" (or "1.…吗？") then "答：…": one unit, named by its question
                answer, i = answer_lines(lines, i)
                stack.append((marker.level, f"{label}{question}"))
                yield _path(stack), "clause", "\n".join([text, *answer])
                continue
            if is_heading_line(text):
                stack.append((marker.level, f"{label}{marker.rest}"))
                continue
            title = heading_title(marker.rest) or re.split(r"[，,]", marker.rest)[0][:16]
            item = (marker.level, f"{label}{title}")
            short_item = len(text) <= 60  # a list's item ("（3）近3年未被列入…名单；"), not a measure
            stack.append(item)
            yield _path(stack), "clause", text
            continue
        question = asked_question(text, next_text(lines, i)[0])
        if question:  # an unnumbered "问：…" with its "答：…"
            answer, i = answer_lines(lines, i)
            yield _path(stack) + (question,), "clause", "\n".join([text, *answer])
            continue
        if is_orphan_heading(text, next_text(lines, i)[0]):
            following = parse_marker(next_text(lines, i)[0]) if i < len(lines) else None
            level = max(1, (following.level if following else 2) - 1)
            # a numeral lost from a sequence ((二) follows, or （一） came before) is put back; a
            # heading the level's sequence never reaches (常见问题 above 1. 2.) never had one
            lost = level == 2 and (last_number.get(level, 0) > 0 or next_number(lines, i, level) == 2)
            last_number[level] = last_number.get(level, 0) + 1
            label = f"（{chinese_numeral(last_number[level])}）{text}" if lost else text
            if is_lead_in(text):  # "说明：" names its list; no numeral was lost
                label = text.rstrip("：:")
            stack = [(lv, lb) for lv, lb in stack if lv < level or lv == 0] + [(level, label)]
            continue
        bracket = BRACKET_HEADING.fullmatch(text)
        if bracket or SUB_HEADING.fullmatch(text):  # 【支持内容】: a section, as 一、 is; 〖…〗 one below it
            level = 1 if bracket else 1.5
            stack = [(lv, lb) for lv, lb in stack if lv == 0 or lv < level] + [(level, text)]
            last_number = {}
            continue
        bullet = BULLET.match(text)
        if text.startswith("——") or bullet:  # ——… and ● ▶ ◆ items: named by their first words
            rest = text[bullet.end():] if bullet else text[2:]
            yield _path(stack) + (heading_title(rest) or rest[:12],), "clause", text
            continue
        # (a paragraph after a list's short items closes the list: the section's, not its last item's)
        closing = short_item and stack and stack[-1] == item and not _ABOUT_ITSELF.match(text)  # (附则 below)
        note = text.startswith("备注") or _LETTER_CLOSING.match(text)
        yield _path(stack[:-1] if closing else stack) or (PREAMBLE,), "note" if note else "clause", text
    if annex_list is not None:
        yield ("附件",), "toc", "\n".join(annex_list)


_DIVISION_LEVELS = {"部分": 0.1, "篇": 0.1, "章": 0.2, "节": 0.4, "条": 0.6}  # above 一、 (1), below an annex (0)


def _article_body(lines: list[str], i: int) -> tuple[list[str], int]:
    """The lines after an article's first line that belong to it, and the index after them."""
    body: list[str] = []
    while i < len(lines):
        text = lines[i].strip()
        if lines[i].startswith("\t") or (text and (parse_division(text) or ANNEX.match(text)
                                                   or BARE_ANNEX.match(text) or ANNEX_LIST.match(text)
                                                   or _next_policy(text))):
            break
        if text:
            body.append(text)
        i += 1
    return body, i


# a section titled by a whole policy ("二、琮屿县企业研发投入后补助实施细则"): a compilation's next part
_POLICY_TITLE = re.compile(r"(办法|细则|规定|政策|措施|意见|方案)$")


def _next_policy(text: str) -> bool:
    marker = parse_marker(text)
    return marker is not None and marker.level == 1 and is_heading_line(text) and bool(_POLICY_TITLE.search(text))


def _label(marker, number: int) -> str:
    if marker.level == 2 and marker.number is None:
        return f"（{chinese_numeral(number)}）"
    return marker.label


def _path(stack: list[tuple[int, str]]) -> tuple[str, ...]:
    return tuple(label for _, label in stack)


def _is_annex_line(line: str) -> bool:
    return bool(ANNEX.match(line.strip()))


def _take_table(lines: list[str], start: int) -> tuple[list[str], int]:
    block: list[str] = []
    i = start
    while i < len(lines) and (lines[i].startswith("\t") or not lines[i].strip()):
        if _is_annex_line(lines[i]):
            break
        block.append(lines[i])
        i += 1
    return block, i
