"""An extractive answer's text split into what the answer card shows apart: points (quotes with
their [n]), notes (注意：…), lines before and after, English glosses; without the plain sources
list and the plain-text suggestions, which the card replaces."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..answer_texts import TEXTS
from ..types import Answer

_MARKER = re.compile(r"\s*\[(\d+)\]")
_COLUMN_HEADING = re.compile(r"[^，,。；;\[\]]{1,40}[：:]")  # "小巨人企业 › 制造类：" (see answer_lines.column_headings)


@dataclass
class Point:
    """One quoted point of the answer, with its citation numbers and its English gloss."""

    text: str
    refs: tuple[int, ...]
    gloss: str = ""


@dataclass
class ParsedAnswer:
    """The answer's text split into what the card shows in different places."""

    lead: list[str] = field(default_factory=list)  # lines before the points (a decline's reason)
    points: list[Point] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)  # lines after the points (the offer of a check)


def prefix(language: str, key: str) -> str:
    return TEXTS[language][key].split("{")[0]


def parse_answer(answer: Answer) -> ParsedAnswer:
    """Points (lines with [n]), notes (注意：…) and other lines, without the sources list and
    without the core's plain-text suggestions (the card offers clickable ones instead)."""
    language = answer.language if answer.language in TEXTS else "zh"
    texts = TEXTS[language]
    dropped = tuple(prefix(language, key) for key in ("covers", "suggest", "related", "related_clauses", "lead",
                                                        "lead_criteria"))
    parsed, in_related, pending = ParsedAnswer(), False, None
    lines = answer.text.split("\n")
    for number, raw in enumerate(lines):
        line = raw.strip()
        following = next((later.strip() for later in lines[number + 1:] if later.strip()), "")
        if _COLUMN_HEADING.fullmatch(line) and following.startswith("- "):
            continue  # a criteria column's heading before its quotes: the card heads its columns itself
        if line == texts["sources"].strip():
            break  # the card shows its own source headers
        if not line:
            continue
        refs = tuple(int(n) for n in _MARKER.findall(line))
        if pending is not None:  # a quote of several lines (an article and its items) ends at its [n]
            pending.append(line)
            if refs:
                parsed.points.append(Point(_MARKER.sub("", "\n".join(pending)).strip(), refs))
                pending = None
            continue
        if raw.startswith(texts["gloss"]) and parsed.points:
            parsed.points[-1].gloss = raw[len(texts["gloss"]):].strip()
        elif line.startswith(texts["note"].strip()):
            parsed.notes.append(line[len(texts["note"].strip()):].strip())
        elif line.startswith(prefix(language, "related")):
            in_related = True
        elif in_related and line.startswith("- ") and not refs:
            continue  # "“加强组织领导”有哪些具体规定？": a heading, not a question; offered as buttons instead
        elif line.startswith("- "):
            if refs:
                parsed.points.append(Point(_MARKER.sub("", line.removeprefix("- ")).strip(), refs))
            else:
                pending = [line.removeprefix("- ")]
        elif line.startswith(dropped):
            continue
        elif parsed.points:
            parsed.after.append(line)
        else:
            parsed.lead.append(line)
    return parsed
