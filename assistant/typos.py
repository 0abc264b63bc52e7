"""Pinyin-input typos in questions (贴细 for 贴息, 申抱 for 申报): read as the word they sound like.

Owners type Chinese through pinyin input, so their typos are mostly words that sound like the
intended one. A word of a question is read as a knowledge-base word when it is neither in
jieba's dictionary nor anywhere in the knowledge base, and sounds exactly (tones aside) like
one of the knowledge base's words. Real words are never changed, so a question about
something the texts lack (门票, 社保) keeps its words and is still declined.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import pairwise

from .evidence import TermWeights
from .lexical import EN_STOPWORDS, common_word, dictionary_word, segment
from .words import EN_FILLER

_CJK_WORD = re.compile(r"[\u4e00-\u9fff]{2,4}")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")


def _sound(word: str) -> str:
    from pypinyin import lazy_pinyin

    return " ".join(lazy_pinyin(word))


# "有家企业", "有个项目": 有 and a measure word, no word mistyped (not 优价)
_HAVE_ONE = re.compile(r"[有没][家个位名项件台条笔]")
# a character and the copula or particle the segmenter glued to it ("公示期是几号": 期是, not 起始)
_GLUED_PARTICLE = re.compile(r"[\u4e00-\u9fff][是的了吗呢吧]")
_SPLIT_BY_LE = re.compile(r"[\u4e00-\u9fff]了[\u4e00-\u9fff]")
# a separable word split by the amount asked (贴多少息, 贷多少款): that word, then the ask — not a
# unit counted ("得多少分", "补多少钱": 分 and 钱 measure the amount, they make no word with the verb)
_SPLIT_BY_AMOUNT = re.compile(r"([\u4e00-\u9fff])(多少钱的|多少|几个点的?|几成)"
                              r"([^\W\d_分钱年天月个万元家人次项件倍岁周台名号页份块笔期批轮点成位])")


class TypoReader:
    """Reads a question's mistyped words as the knowledge base's words that sound the same.

    ``vocabulary``: the knowledge base's words (the BM25 index's, sub-words of compounds
    included: 首贷贴息 → 贴息); ``weights`` tells which words occur in it and how often.
    """

    def __init__(self, vocabulary: Iterable[str], weights: TermWeights, english: Iterable[str] = ()) -> None:
        self._weights = weights
        # the glossary's English words: "little gaint" is read as "little giant"
        self._english = sorted({w for phrase in english for w in _LATIN_WORD.findall(phrase.lower()) if len(w) >= 4})
        self._known = frozenset(self._english) | EN_STOPWORDS | EN_FILLER
        self._speller = None
        self._by_sound: dict[str, list[str]] = {}
        for word in vocabulary:
            if _CJK_WORD.fullmatch(word):
                self._by_sound.setdefault(_sound(word), []).append(word)

    def read(self, question: str) -> str:
        """``question`` with each mistyped word replaced (unchanged when none is found)."""
        # a word split by 了 (入了库, 上了市, 贷了款) is that word: what the texts say (入库)
        for match in set(_SPLIT_BY_LE.findall(question)):
            pair = match[0] + match[2]
            if dictionary_word(pair) and self._weights.df(pair):
                question = question.replace(match, pair)
        for whole, first, amount, second in {(m.group(0), *m.groups()) for m in _SPLIT_BY_AMOUNT.finditer(question)}:
            # (each half a word of its own there: 高 of 最高 and 额 of 额度 make no 高额 in "最高多少额度")
            if dictionary_word(first + second) and self._weights.df(first + second) \
                    and _apart(segment(question), first, amount, second):
                question = question.replace(whole, first + second + amount)
        words = segment(question)
        # a real word typed for half of a knowledge-base phrase: 家计扣除 (家计 a word, in no text)
        # is read as 加计扣除 when the sound-alike 加计 makes, with its neighbour, a phrase of the texts
        for first, second in pairwise(words):
            for typed, other, before in ((first, second, True), (second, first, False)):
                # (a common word is meant as typed: 老板想知道企业… is not 指导企业)
                if not _CJK_WORD.fullmatch(typed) or self._weights.df(typed) or not self._weights.df(other) \
                        or common_word(typed):
                    continue
                for candidate in self._by_sound.get(_sound(typed), ()):
                    pair = candidate + other if before else other + candidate
                    if self._weights.df(pair):
                        question = question.replace(typed + other if before else other + typed, pair)
                        break
        for word in dict.fromkeys(segment(question)):
            if _CJK_WORD.fullmatch(word) and not self._weights.df(word) and not dictionary_word(word) \
                    and not _HAVE_ONE.fullmatch(word) and not _GLUED_PARTICLE.fullmatch(word):
                candidates = self._by_sound.get(_sound(word))
                if candidates:  # the commonest word wins a shared sound
                    question = question.replace(word, max(candidates, key=self._weights.df))
        return self._read_english(question)

    def _read_english(self, question: str) -> str:
        """English words that are no English words (pyspellchecker's dictionary) and a slip or
        two from a glossary word (gaint, subsidey, requirment): read as that word. Words of five
        letters or more whose first letter is right; one edit (a swap counts as one) under eight
        letters, two from eight on. Real words ("expect", "customers") are never changed."""
        for word in dict.fromkeys(_LATIN_WORD.findall(question)):
            lower = word.lower()
            stem = re.sub(r"'s$", "", lower)
            if len(stem) < 5 or stem in self._known or stem.rstrip("s") in self._known:
                continue
            if self._english_words().known([stem]):
                continue
            limit = 1 if len(stem) < 8 else 2
            scored = ((edits(stem, c), c) for c in self._english if c[0] == stem[0] and abs(len(c) - len(stem)) <= limit)
            close = sorted(pair for pair in scored if pair[0] <= limit)
            if close:
                question = re.sub(rf"\b{re.escape(word)}\b", close[0][1], question)
        return question

    def warm(self) -> None:
        """Load English's dictionary now (a fifth of a second), not at the first English slip."""
        self._english_words()

    def _english_words(self):
        if self._speller is None:
            from spellchecker import SpellChecker

            self._speller = SpellChecker(language="en")
        return self._speller


def edits(a: str, b: str) -> int:
    """Edits between two words, a swap of neighbours counting as one (optimal string alignment)."""
    rows = [list(range(len(b) + 1))]
    for i, x in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, y in enumerate(b, 1):
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (x != y))
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def _apart(words: list[str], first: str, amount: str, second: str) -> bool:
    """Whether ``words`` hold ``first``, the words of ``amount`` and ``second`` in a row."""
    for i, word in enumerate(words):
        said, j = "", i + 1
        while word == first and j < len(words) and len(said) < len(amount):
            said, j = said + words[j], j + 1
        if word == first and said == amount and j < len(words) and words[j] == second:
            return True
    return False

