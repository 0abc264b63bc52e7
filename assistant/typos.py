"""Pinyin-input typos in questions (贴细 for 贴息, 申抱 for 申报): read as the word they sound like.

Owners type Chinese through pinyin input, so their typos are mostly words that sound like the
intended one. A word of a question is read as a knowledge-base word when it is neither in
jieba's dictionary nor anywhere in the knowledge base, and sounds exactly (tones aside) like
one of the knowledge base's words. Real words are never changed, so a question about
something the texts lack (门票, 社保) keeps its words and is still declined.
"""

from __future__ import annotations

import re

from .lexical import dictionary_word, segment, tokenize

_CJK_WORD = re.compile(r"[\u4e00-\u9fff]{2,4}")


def _sound(word: str) -> str:
    from pypinyin import lazy_pinyin

    return " ".join(lazy_pinyin(word))


class TypoReader:
    """Reads a question's mistyped words as the knowledge base's words that sound the same."""

    def __init__(self, texts: list[str]) -> None:
        counts: dict[str, int] = {}
        for text in texts:
            for word in tokenize(text):  # with the sub-words of compounds (首贷贴息 → 贴息)
                if _CJK_WORD.fullmatch(word):
                    counts[word] = counts.get(word, 0) + 1
        self._known = "".join(texts)
        self._by_sound: dict[str, str] = {}
        for word, _ in sorted(counts.items(), key=lambda kv: -kv[1]):  # the commonest word wins a shared sound
            self._by_sound.setdefault(_sound(word), word)

    def read(self, question: str) -> str:
        """``question`` with each mistyped word replaced (unchanged when none is found)."""
        for word in dict.fromkeys(segment(question)):
            if _CJK_WORD.fullmatch(word) and word not in self._known and not dictionary_word(word):
                meant = self._by_sound.get(_sound(word))
                if meant:
                    question = question.replace(word, meant)
        return question
