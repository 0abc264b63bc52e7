"""Question-and-answer sheets (政策问答, 政策解读): a question and its answer are one unit.

"1. 问：…能叠加吗？" followed by "答：可以叠加。…" is split by the numbered-list rules into a
question alone and an answer that no longer says what it answers; here the answer's lines are
kept with their question, and the question names the unit in its section path.
"""

from __future__ import annotations

import re

from .structure import ANNEX, ANNEX_LIST, parse_division, parse_marker

# (a press conference's 记者： asks too: 答记者问)
QUESTION = re.compile(r"^(?:问题?|Q|记者问?)\s*\d{0,3}\s*[：:]\s*(\S.*)$")
ANSWER = re.compile(r"^(?:答|解答|A)\s*[：:]")
_LABEL_LIMIT = 40  # characters of the question kept in a section path


def question_of(text: str) -> str | None:
    """The question a line asks ("问：…？"), or None; a label-length version for a section path."""
    match = QUESTION.match(text.strip())
    if not match:
        return None
    return _label(match.group(1))


def asked_question(text: str, next_text: str, numbered: bool = False) -> str | None:
    """The question a line asks: "问：…", or a bare question ("2.企业名称变更后还能申请吗？") whose
    next line opens with 答： (an FAQ after a service guide numbers its questions without 问), or,
    ``numbered``, a numbered question whose answer follows unlabelled (a web FAQ's <dt>/<dd>)."""
    question = question_of(text)
    if question or not re.search(r"[？?]$", text.strip()):
        return question
    if ANSWER.match(next_text.strip()) or (numbered and unlabelled_answer(next_text)):
        return _label(text)
    return None


def unlabelled_answer(text: str) -> bool:
    """A line that can answer the numbered question above it: a statement, not another question,
    numbered item, heading, annex or table cell."""
    line = text.strip()
    return bool(line) and not text.startswith("\t") and not re.search(r"[？?]$", line) and not (
        QUESTION.match(line) or parse_marker(line) or parse_division(line) or ANNEX.match(line) or ANNEX_LIST.match(line))


def _label(question: str) -> str:
    question = question.strip()
    return question if len(question) <= _LABEL_LIMIT else question[: _LABEL_LIMIT - 1] + "…"


def answer_lines(lines: list[str], i: int) -> tuple[list[str], int]:
    """The answer's lines from index ``i`` (the first opens with 答：, or states something: see
    :func:`unlabelled_answer`) and the index after them.

    The answer runs to the next question (labelled or ending in ？), numbered item, 第X章/条, annex
    or table.
    """
    body: list[str] = []
    while i < len(lines):
        text = lines[i].strip()
        if not text:
            i += 1
            continue
        if not body and not ANSWER.match(text) and not unlabelled_answer(lines[i]):
            break  # no answer follows: the question stands alone, as the list rules left it
        if (lines[i].startswith("\t") or QUESTION.match(text) or parse_marker(text) or parse_division(text)
                or ANNEX.match(text) or ANNEX_LIST.match(text) or (body and re.search(r"[？?]$", text))):
            break
        body.append(text)
        i += 1
    return body, i
