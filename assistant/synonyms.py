"""Domain synonyms and paraphrases (同义词): the words business owners use for policy terms.

``knowledge/synonyms.tsv`` holds one concept per line: terms separated by ``|`` that a
question and a clause may use for the same thing (钱|奖励|补助|资金支持, 评职称|职称评审,
能贷多少|额度|最高). A commissioner adds a line without touching code. Retrieval adds a
matched line's terms to the search text; the answerability check accepts any of them in a
clause. Pure data and pure functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .lexical import normalise


@dataclass(frozen=True)
class SynonymSet:
    """Terms that mean the same thing in a question about policies."""

    terms: tuple[str, ...]


class Synonyms:
    """All synonym sets, matched against a question longest phrase first."""

    def __init__(self, sets: list[SynonymSet]) -> None:
        self.sets = sets
        # (a phrase in two sets is matched for the first in file order, whatever the hash seed)
        self._phrases = sorted({(normalise(t), i) for i, s in enumerate(sets) for t in s.terms},
                               key=lambda item: (-len(item[0]), item[0], item[1]))
        self._sets_of: dict[str, list[int]] = {}  # normalised term → the sets it is in, in file order
        for i, synonym_set in enumerate(sets):
            for term in dict.fromkeys(normalise(t) for t in synonym_set.terms):
                self._sets_of.setdefault(term, []).append(i)

    @classmethod
    def load(cls, path: Path) -> Synonyms:
        """Read ``path`` (missing file: no synonyms); a malformed line is an error naming it."""
        sets: list[SynonymSet] = []
        if not path.is_file():
            return cls(sets)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            terms = tuple(dict.fromkeys(t.strip() for t in line.split("|") if t.strip()))
            if len(terms) < 2:
                raise ValueError(f"{path}:{number}: a synonym line needs at least two terms separated by '|', got {line!r}")
            sets.append(SynonymSet(terms))
        return cls(sets)

    def terms(self) -> list[str]:
        """Every Chinese term of two or more characters (taught to the segmenter)."""
        return sorted({t for s in self.sets for t in s.terms if len(t) >= 2 and not t.isascii()})

    def match(self, text: str, words: list[str] | None = None) -> tuple[list[tuple[str, ...]], str]:
        """Synonym sets whose terms occur in ``text`` (longest first, no overlaps) and the text left.

        Each found set is returned as a group of alternatives; the matched phrase is cut
        out of the text so that its words are not counted twice. With ``words`` (the text
        segmented), a phrase counts only where it starts and ends at word boundaries:
        专精特新 is not found in 专精特新贷.
        """
        rest = normalise(text)
        cuts = None
        if words is not None:
            cuts, position = {0}, 0
            for word in words:
                position += len(word)
                cuts.add(position)
        found: list[tuple[str, ...]] = []
        for phrase, index in self._phrases:
            # a one-character term (奖, 贷, 报) only as a whole word of the segmented question
            if (len(phrase) < 2 and cuts is None) or phrase not in rest:
                continue
            spans = [m.start() for m in re.finditer(re.escape(phrase), rest)]
            if cuts is not None:
                spans = [s for s in spans if s in cuts and s + len(phrase) in cuts]
            if not spans:
                continue
            for start in spans:  # blank the phrase in place: positions of the rest stay valid
                rest = rest[:start] + " " * len(phrase) + rest[start + len(phrase):]
            group = self.sets[index].terms
            if group not in found:
                found.append(group)
        return found, rest

    def alternatives(self, term: str) -> tuple[str, ...]:
        """``term`` followed by the other terms of every set it belongs to."""
        out = [term]
        for index in self._sets_of.get(normalise(term), ()):
            out.extend(t for t in self.sets[index].terms if t not in out)
        return tuple(out)
