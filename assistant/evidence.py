"""How well a clause covers what a question asks. Pure functions.

A question's terms are weighted by their rarity in the knowledge base (inverse document
frequency over chunks): a clause that contains the rare terms of the question answers
it; one that only shares 专精特新 and 企业 does not. This is what lets the assistant say
"the knowledge base has no matching clause" instead of quoting something unrelated.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from .lexical import normalise


class TermWeights:
    """Inverse document frequency of terms over the chunks' texts, by substring."""

    def __init__(self, texts: list[str]) -> None:
        self._texts = [squash(t) for t in texts]  # normalised once; coverage() reuses them by position
        self._n = max(len(texts), 1)
        self._cache: dict[str, float] = {}

    def df(self, term: str) -> int:
        needle = squash(term)
        return sum(1 for t in self._texts if needle in t)

    def squashed(self, position: int) -> str:
        """The normalised text at ``position``, as given to the constructor."""
        return self._texts[position]

    def idf(self, term: str) -> float:
        if term not in self._cache:
            self._cache[term] = math.log((self._n + 1) / (self.df(term) + 0.5))
        return self._cache[term]

    def group_weight(self, group: tuple[str, ...]) -> float:
        """A group of alternatives weighs as its rarest alternative present, else as unseen."""
        present = [self.idf(t) for t in group if self.df(t) > 0]
        return min(present) if present else self.idf("\x00unseen")


def squash(text: str) -> str:
    """NFKC, lower case, no whitespace: the form in which terms are matched."""
    return re.sub(r"\s+", "", normalise(text))


@lru_cache(maxsize=4096)
def _bigrams(term: str) -> frozenset[str]:
    return frozenset(term[i:i + 2] for i in range(len(term) - 1))


def term_present(term: str, text: str) -> bool:
    """Whether ``term`` is in ``text``, or (for Chinese terms of 5+ characters) most of its character pairs are."""
    term = squash(term)
    if term in text:
        return True
    if len(term) >= 5 and re.fullmatch(r"[\u4e00-\u9fff]+", term):
        # long compounds jieba did not split the way the text words them
        pairs = _bigrams(term)
        return sum(1 for p in pairs if p in text) / len(pairs) >= 0.8
    return False


def coverage(groups: tuple[tuple[str, ...], ...], unknown: tuple[str, ...], text: str,
             weights: TermWeights, unknown_weight: float = 0.5, *, normalised: bool = False) -> float:
    """Weighted share of the question's term groups found in ``text`` (0 to 1).

    English words with no known translation count against coverage with a reduced
    weight: the glossary is incomplete, but a question about "visa" is not answered by a
    clause about loans.
    """
    text = text if normalised else squash(text)
    total = covered = 0.0
    for group in groups:
        weight = weights.group_weight(group)
        total += weight
        if any(term_present(term, text) for term in group):
            covered += weight
    total += unknown_weight * weights.idf("\x00unseen") * len(unknown)
    return covered / total if total else 0.0
