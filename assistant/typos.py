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

from .evidence import TermWeights
from .lexical import dictionary_word, segment

_CJK_WORD = re.compile(r"[\u4e00-\u9fff]{2,4}")


def _sound(word: str) -> str:
    from pypinyin import lazy_pinyin

    return " ".join(lazy_pinyin(word))


class TypoReader:
    """Reads a question's mistyped words as the knowledge base's words that sound the same.

    ``vocabulary``: the knowledge base's words (the BM25 index's, sub-words of compounds
    included: 首贷贴息 → 贴息); ``weights`` tells which words occur in it and how often.
    """

    def __init__(self, vocabulary: Iterable[str], weights: TermWeights) -> None:
        self._weights = weights
        self._by_sound: dict[str, list[str]] = {}
        for word in vocabulary:
            if _CJK_WORD.fullmatch(word):
                self._by_sound.setdefault(_sound(word), []).append(word)

    def read(self, question: str) -> str:
        """``question`` with each mistyped word replaced (unchanged when none is found)."""
        words = segment(question)
        # a real word typed for half of a knowledge-base phrase: 家计扣除 (家计 a word, in no text)
        # is read as 加计扣除 when the sound-alike 加计 makes, with its neighbour, a phrase of the texts
        for first, second in zip(words, words[1:], strict=False):
            for typed, other, before in ((first, second, True), (second, first, False)):
                if not _CJK_WORD.fullmatch(typed) or self._weights.df(typed) or not self._weights.df(other):
                    continue
                for candidate in self._by_sound.get(_sound(typed), ()):
                    pair = candidate + other if before else other + candidate
                    if self._weights.df(pair):
                        question = question.replace(typed + other if before else other + typed, pair)
                        break
        for word in dict.fromkeys(segment(question)):
            if _CJK_WORD.fullmatch(word) and not self._weights.df(word) and not dictionary_word(word):
                candidates = self._by_sound.get(_sound(word))
                if candidates:  # the commonest word wins a shared sound
                    question = question.replace(word, max(candidates, key=self._weights.df))
        return question
