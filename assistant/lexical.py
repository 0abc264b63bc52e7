"""BM25 over jieba tokens (bm25s), for the lexical half of hybrid retrieval."""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache

import numpy as np

ZH_STOPWORDS = frozenset(
    "的 了 是 在 有 和 与 或 及 等 对 为 于 要 把 被 给 将 就 都 也 并 而 及其 以及 之 其 该 此 这 那 那么 这个 "
    "什么 哪些 哪个 哪 多少 几 怎么 怎样 如何 吗 呢 吧 啊 呀 请问 请 我 我们 你 你们 他们 它 能 能够 可以 "
    "会 需要 需 应 应该 方面 相关 有关 具体 分别 一下 还 又 再 已 中 上 下 里 个 些 所 拿 到 得".split()
)
EN_STOPWORDS = frozenset(
    "a an the of for to in on at by with from as is are was were be been being do does did i we you "
    "my our your it its this that these those which what who whom whose how much many when where why "
    "can could should would will shall may might must there their they them and or not no any all "
    "about apply applies get got need needs level levels kind kinds type types me us have has had if "
    "then than so such also into up out over under per each some other more most please tell know "
    "use used using working work works give gives given".split()
)
_TOKEN_KEEP = re.compile(r"[\w\u4e00-\u9fff%]")


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def add_words(words: list[str]) -> None:
    """Teach the segmenter domain terms (专精特新, 小巨人, …) so they stay whole."""
    jieba = _jieba()
    for word in words:
        jieba.add_word(word, freq=20000)


# a name a policy gives in quotes (“青澜专精贷”, “云溪惠企通”): a product or platform users ask about
_QUOTED = re.compile(r"[“\"「『]([\u4e00-\u9fff]{3,10})[”\"」』]")


def quoted_names(texts: list[str]) -> list[str]:
    """Chinese names the texts put in quotation marks, to be segmented whole (专精 贷单户 otherwise)."""
    return sorted({m for text in texts for m in _QUOTED.findall(text)})


def dictionary_word(word: str) -> bool:
    """Whether ``word`` is in jieba's dictionary (or was added to it), not a segment it guessed."""
    return bool(_jieba().dt.FREQ.get(word))


def normalise(text: str) -> str:
    if len(text) <= 32:  # terms are normalised over and over while clauses are checked
        return _normalise_term(text)
    return unicodedata.normalize("NFKC", text).lower()


@lru_cache(maxsize=65536)
def _normalise_term(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


# a figure's unit ends a word: "投资200万能补吗" is 200万 | 能补吗, not 200 | 万能 | 补吗
_FIGURE_UNIT = re.compile(r"(\d(?:万|亿)元?)(?=[\u4e00-\u9fff])")


def _split_figures(text: str) -> str:
    return _FIGURE_UNIT.sub(r"\1 ", text)


def segment(text: str) -> list[str]:
    """Plain jieba segmentation (no sub-words) of normalised text."""
    return _jieba().lcut(_split_figures(normalise(text)))


def tokenize(text: str) -> list[str]:
    """Search-mode jieba tokens without stopwords and punctuation."""
    tokens = []
    for token in _jieba().lcut_for_search(_split_figures(normalise(text))):
        token = token.strip()
        if token and _TOKEN_KEEP.search(token) and token not in ZH_STOPWORDS and token not in EN_STOPWORDS:
            tokens.append(token)
    return tokens


def places(text: str, known: tuple[str, ...] = ()) -> list[str]:
    """Place names in Chinese text: ``known`` ones, and words jieba tags as places ('ns')
    that end in an administrative suffix (jieba alone also tags words such as 上市)."""
    import jieba.posseg as posseg

    _jieba()
    found = [name for name in known if name in text]
    for word, flag in posseg.lcut(text):
        if flag == "ns" and len(word) >= 3 and word[-1] in "省市县区州" and not any(word.startswith(k) for k in found):
            found.append(word)
    return found


class LexicalIndex:
    """A BM25 index of texts; ``scores`` gives one score per text for a query."""

    def __init__(self, texts: list[str]) -> None:
        import bm25s

        self.size = len(texts)
        self._bm25 = bm25s.BM25()
        corpus = [tokenize(t) or ["<empty>"] for t in texts]
        if texts:
            self._bm25.index(corpus, show_progress=False)

    def vocabulary(self) -> list[str]:
        """Every token of the indexed texts (search-mode jieba: compounds and their sub-words)."""
        return list(self._bm25.vocab_dict) if self.size else []

    def scores(self, query_tokens: list[str]) -> np.ndarray:
        if not self.size:
            return np.zeros(0)
        vocab = self._bm25.vocab_dict
        known = [t for t in query_tokens if t in vocab]
        if not known:
            return np.zeros(self.size)
        return np.asarray(self._bm25.get_scores(known))

    def rank(self, query_tokens: list[str], allowed: np.ndarray | None = None, n: int = 50) -> list[int]:
        """Indices of the best-scoring texts (score > 0), best first, among ``allowed``."""
        scores = self.scores(query_tokens)
        if allowed is not None:
            scores = np.where(allowed, scores, 0.0)
        order = np.argsort(-scores, kind="stable")[:n]
        return [int(i) for i in order if scores[i] > 0]
