"""Check an LLM-written answer against the clauses it was given, before anyone sees it.

Pure functions. A [n] marker that points to no provided clause is removed and flagged. A
number (amount, percentage, count, year) stated in a sentence that appears in none of
that sentence's cited clauses is flagged. The caller falls back to the extractive answer
when no valid citation is left.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .evidence import squash

MARKER = re.compile(r"\[(\d{1,3})\]")
_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?(?:\s*\[\d{1,3}\])*")
# a number with what it counts: 200万元, 8%, 25家, 2025年, 1—2家, 3000元; bare list numbers are skipped
NUMBER = re.compile(r"\d+(?:\.\d+)?(?:\s*[—\-~～至到]\s*\d+(?:\.\d+)?)?\s*(?:%|％|万元|亿元|元|万|亿|家|个|项|年|倍|名|件|人|级|场|次|月|日|号)")


@dataclass
class Verification:
    """What the check found; ``flagged`` is what a reader should be warned about."""

    invalid_markers: list[int] = field(default_factory=list)
    unsupported_numbers: list[str] = field(default_factory=list)
    valid_citations: list[int] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        return bool(self.invalid_markers or self.unsupported_numbers)

    def to_dict(self) -> dict:
        return {"invalid_markers": self.invalid_markers, "unsupported_numbers": self.unsupported_numbers,
                "valid_citations": self.valid_citations, "flagged": self.flagged}


def verify(text: str, clauses: dict[int, str]) -> tuple[str, Verification]:
    """The answer with invalid markers removed, and what was found. ``clauses``: number → text."""
    result = Verification()
    for number in sorted({int(n) for n in MARKER.findall(text)}):
        (result.valid_citations if number in clauses else result.invalid_markers).append(number)
    cleaned = MARKER.sub(lambda m: m.group(0) if int(m.group(1)) in clauses else "", text)
    squashed = {n: squash(t) for n, t in clauses.items()}
    for sentence in _SENTENCE.findall(cleaned):
        cited = [int(n) for n in MARKER.findall(sentence) if int(n) in clauses]
        sources = [squashed[n] for n in cited] or list(squashed.values())
        for number in NUMBER.findall(MARKER.sub("", sentence)):
            if not any(_number_in(number, source) for source in sources) or not cited:
                result.unsupported_numbers.append(number.strip())
    result.unsupported_numbers = list(dict.fromkeys(result.unsupported_numbers))
    return re.sub(r"[ \t]+\n", "\n", cleaned), result


def _number_in(number: str, clause: str) -> bool:
    """A stated number is supported when the clause has it, ignoring spacing and dash style."""
    needle = squash(number)
    variants = {needle, re.sub(r"[—\-~～至到]", "—", needle), re.sub(r"[—\-~～至到]", "-", needle)}
    if any(v in clause for v in variants):
        return True
    digits = re.match(r"\d+(?:\.\d+)?", needle)
    unit = needle[digits.end():] if digits else ""
    # "200万元" is supported by "200万元、50万元" and by "分别给予200万元"; "200万" by "200万元"
    return bool(digits) and re.search(rf"(?<![\d.]){re.escape(digits.group(0))}\s*{re.escape(unit[:1])}", clause) is not None
