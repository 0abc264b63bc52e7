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

import numpy as np

from .lexical import normalise
from .words import LIMIT_WORDS

UNSEEN_FACTOR = 0.4


_UNIGRAM = np.uint64(0x1FFFFF)  # above every code point: a single character's code never equals a pair's
VERIFY_LIMIT = 1000  # texts checked one by one for a term of 3+ characters; above it, a sample (±3 %)


def gram_codes(text: str) -> np.ndarray:
    """The distinct codes of ``text``'s characters and character pairs (sorted uint64)."""
    points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if not len(points):
        return np.zeros(0, np.uint64)
    return np.unique(np.concatenate([(points << np.uint64(21)) | _UNIGRAM,
                                     (points[:-1] << np.uint64(21)) | points[1:]]))


class TermWeights:
    """Inverse document frequency of terms over the chunks' texts, by substring.

    A term's texts are found through an index of character pairs (the texts that contain
    every pair of the term), then confirmed by substring; so a term costs its candidate
    texts, not the library. Texts are given normalised (:func:`squash`) by position.
    """

    def __init__(self, texts: list[str], grams: np.ndarray | None = None, gram_text: np.ndarray | None = None,
                 *, normalised: bool = False, index: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None) -> None:
        """``grams``/``gram_text``: each text's character codes (:func:`gram_codes`) and its position,
        computed here when not given; ``index``: the (codes, starts, texts) arrays of :attr:`index`
        saved earlier for the same texts, used as they are (no sorting)."""
        self._texts = list(texts) if normalised else [squash(t) for t in texts]
        if index is not None:
            self._codes, self._starts, self._gram_text = index
        else:
            if grams is None:
                codes = [gram_codes(t) for t in self._texts]
                grams = np.concatenate(codes) if codes else np.zeros(0, np.uint64)
                gram_text = np.repeat(np.arange(len(codes), dtype=np.int32), [len(c) for c in codes])
            order = np.argsort(grams, kind="stable")  # texts stay in ascending order within a gram
            grams, self._gram_text = grams[order], gram_text[order].astype(np.int32)
            del order
            # each distinct gram once, with where its texts start: a third of the memory of a code per entry
            starts = np.flatnonzero(np.concatenate([[True], grams[1:] != grams[:-1]])) if len(grams) else np.zeros(0, int)
            self._codes = grams[starts]
            self._starts = np.append(starts, len(grams))
        self._n = max(len(texts), 1)
        self._cache: dict[str, float] = {}
        self._df: dict[str, int] = {}
        self._groups: dict[tuple[str, ...], float] = {}

    @property
    def index(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The character-pair index (distinct codes, where each code's texts start, the texts)."""
        return self._codes, self._starts, self._gram_text

    def _postings(self, code: np.uint64) -> np.ndarray:
        i = int(np.searchsorted(self._codes, code))
        if i == len(self._codes) or self._codes[i] != code:
            return self._gram_text[:0]
        return self._gram_text[self._starts[i]:self._starts[i + 1]]

    def _count(self, needle: str) -> int:
        if not needle:
            return len(self._texts)
        codes = gram_codes(needle)
        if len(needle) > 1:
            codes = codes[(codes & _UNIGRAM) != _UNIGRAM]  # pairs say more than characters
        postings = sorted((self._postings(code) for code in codes), key=len)
        candidates = postings[0] if postings else np.zeros(0, np.int32)
        for other in postings[1:]:
            if not len(candidates):
                break
            candidates = np.intersect1d(candidates, other, assume_unique=True)
        if len(needle) <= 2:
            return len(candidates)  # a character or a pair is present exactly when its code is
        if len(candidates) <= VERIFY_LIMIT:
            return sum(1 for i in candidates if needle in self._texts[i])
        sample = candidates[np.linspace(0, len(candidates) - 1, VERIFY_LIMIT).astype(int)]
        return round(sum(1 for i in sample if needle in self._texts[i]) * len(candidates) / VERIFY_LIMIT)

    def df(self, term: str) -> int:
        """Number of texts containing ``term`` (cached: a term is counted once per index)."""
        needle = squash_term(term)
        if needle not in self._df:
            self._df[needle] = self._count(needle)
        return self._df[needle]

    def together(self, first: str, second: str) -> bool:
        """Whether some text says both words (two characters or more each)."""
        needles = [squash_term(w) for w in (first, second)]
        pairs = [codes[(codes & _UNIGRAM) != _UNIGRAM] for codes in map(gram_codes, needles)]
        if not all(len(p) for p in pairs):
            return False
        texts = np.intersect1d(self._postings(pairs[0][0]), self._postings(pairs[1][0]))  # (a pair of each)
        return any(all(n in self._texts[i] for n in needles) for i in texts)

    @property
    def size(self) -> int:
        return self._n

    def squashed(self, position: int) -> str:
        """The normalised text at ``position``, as given to the constructor."""
        return self._texts[position]

    def idf(self, term: str) -> float:
        if term not in self._cache:
            self._cache[term] = math.log((self._n + 1) / (self.df(term) + 0.5))
        return self._cache[term]

    def group_weight(self, group: tuple[str, ...]) -> float:
        """A group of alternatives weighs as its rarest alternative present.

        A group no text contains weighs less than a rare one: in an owner's question most
        such words are colloquial context (早点, 吃亏); whether the question is about
        something the knowledge base lacks altogether is told by :func:`known_share`.
        """
        if group not in self._groups:
            present = [self.idf(t) for t in group if self.df(t) > 0]
            self._groups[group] = min(present) if present else UNSEEN_FACTOR * self.idf("\x00unseen")
        return self._groups[group]


def squash(text: str) -> str:
    """NFKC, lower case, no whitespace: the form in which terms are matched."""
    return re.sub(r"\s+", "", normalise(text))


@lru_cache(maxsize=65536)
def squash_term(term: str) -> str:
    """:func:`squash` for the short terms of questions, cached (they recur on every clause)."""
    return squash(term)


@lru_cache(maxsize=4096)
def _bigrams(term: str) -> frozenset[str]:
    return frozenset(term[i:i + 2] for i in range(len(term) - 1))


def term_present(term: str, text: str) -> bool:
    """Whether ``term`` is in ``text``, or (for Chinese terms of 7+ characters) most of its character pairs are.

    Shorter compounds must match whole: 专精特新产品 is not in a clause on 专精特新 and 新产品.
    """
    term = squash_term(term)
    if term in text:
        return True
    if len(term) >= 7 and re.fullmatch(r"[\u4e00-\u9fff]+", term):
        # long compounds jieba did not split the way the text words them
        pairs = _bigrams(term)
        return sum(1 for p in pairs if p in text) / len(pairs) >= 0.85
    if len(term) == 4 and term[:2] in text and term[2:] in text:
        return bool(_coordinated(term).search(text))
    return False


@lru_cache(maxsize=4096)
def _coordinated(term: str) -> re.Pattern:
    """安全事故 said in a coordination: "重大安全、质量或环境污染事故" (安全 …、… 事故)."""
    return re.compile(rf"{term[:2]}[、和及与或][^，,。；;：:]{{0,10}}?{term[2:]}")


def coverage(groups: tuple[tuple[str, ...], ...], unknown: tuple[str, ...], text: str,
             weights: TermWeights, unknown_weight: float = 0.3, *, normalised: bool = False,
             scales: tuple[float, ...] | None = None,
             optional: frozenset[tuple[str, ...]] = frozenset()) -> float:
    """Weighted share of the question's term groups found in ``text`` (0 to 1).

    English words with no known translation count against coverage with a reduced
    weight: the glossary is incomplete, but a question about "visa" is not answered by a
    clause about loans. ``scales`` multiplies each group's weight (context terms count less).
    ``optional`` groups count where found and are not missed where not (the words asking for a
    kind of detail: "要满足哪些条件" is answered by "应同时具备下列条件").
    """
    text = text if normalised else squash(text)
    total = covered = 0.0
    for i, group in enumerate(groups):
        weight = weights.group_weight(group) * (scales[i] if scales else 1.0)
        present = any(term_present(term, text) for term in group)
        if group in optional and not present:
            continue
        total += weight
        if present:
            covered += weight
    total += unknown_weight * weights.idf("\x00unseen") * len(unknown)
    return covered / total if total else 0.0


def known_share(groups: tuple[tuple[str, ...], ...], unknown: tuple[str, ...], weights: TermWeights) -> float:
    """Weighted share of the groups that occur anywhere in the knowledge base (0 to 1).

    Low for a question about something no document mentions (门票, a late-night bus). Words
    no text contains weigh as rare words here: in what is asked, they are the topic.
    """
    total = known = 0.0
    for group in groups:
        weight = weights.group_weight(group) if any(weights.df(t) > 0 for t in group) else weights.idf("\x00unseen")
        total += weight
        if any(weights.df(t) > 0 for t in group):
            known += weight
    total += weights.idf("\x00unseen") * len(unknown)
    return known / total if total else 0.0


def distinctive_coverage(groups: tuple[tuple[str, ...], ...], text: str, weights: TermWeights,
                         nouns: frozenset[str] = frozenset(), common: float = 0.1,
                         scales: tuple[float, ...] | None = None) -> float:
    """Share of a question's distinctive terms in ``text``: groups found in more than ``common``
    of the texts are left out; a noun no text contains weighs twice the rarest (it names the
    topic: 社保 in "招工有社保补贴吗"), other unseen words (降到, 贵) are left out. For
    checking the clause that states an amount. ``scales`` multiplies each group's weight."""
    text = squash(text)
    limit = common * weights.size
    total = covered = 0.0
    for i, group in enumerate(groups):
        counts = [weights.df(t) for t in group]
        if not any(counts) and group[0] not in nouns:
            continue
        if any(0 < c <= limit for c in counts) or not any(counts):
            # a noun no text contains names a subject the knowledge base lacks: it outweighs the rest
            weight = weights.group_weight(group) if any(counts) else 2 * weights.idf("\x00unseen")
            weight *= scales[i] if scales else 1.0
        else:
            continue  # 专精特新, 企业: every clause says it
        total += weight
        if any(term_present(t, text) for t in group):
            covered += weight
    return covered / total if total else 1.0


# an item of an enumerated list: ① …, （一）…, (1)…, 1.…
# (the first may follow the list's heading: "一、融资支持：① …")
LIST_ITEM = re.compile(r"^\s*(?:[^。；;\n]{0,16}[：:]\s*)?([①-⑳]|（[一二三四五六七八九十]+）|[(（]\d+[)）]|\d+[.、．)）])")


def sibling_item_fits_better(part: str, parts: list[str], sub_asks, weights: TermWeights, cues=frozenset()) -> bool:
    """Whether ``part`` is an item of an enumerated list (① …；② …) lacking the most distinctive
    word of the ask that the best-covering item has: sibling items are separate measures, and the
    heading they share ("3)融资支持") makes none of them the one asked about ("担保额度" is ②'s
    subject, not ①'s 30万元 nor ③'s 5万元)."""
    items = [p for p in parts if LIST_ITEM.match(p)]
    if len(items) < 2 or not LIST_ITEM.match(part):
        return False

    # (on the subject's words: the detail's, 最高 or 多少, are in every item)
    asks = [tuple(g for g in groups if g not in cues and g[0] not in LIMIT_WORDS) for groups in sub_asks]
    groups, best = max(((g, p) for g in asks if g for p in items), key=lambda gp: coverage(gp[0], (), gp[1], weights),
                       default=((), ""))
    said = [g for g in groups if coverage((g,), (), best, weights) > 0]
    if part == best or not said:
        return False
    key = max(said, key=weights.group_weight)  # the most distinctive word the best item has (担保)
    return coverage((key,), (), part, weights) == 0
