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


_TAUGHT_FREQ = 20000


def add_words(words: list[str]) -> None:
    """Teach the segmenter domain terms (专精特新, 小巨人, …) so they stay whole."""
    jieba = _jieba()
    for word in words:
        # once only: jieba adds the frequency to its total on every call, and a larger total
        # favours fewer, longer words, so teaching a word again (a rebuilt index, an upload)
        # would change how later questions are split — answers would depend on the process's history
        if jieba.dt.FREQ.get(word) != _TAUGHT_FREQ:
            jieba.add_word(word, freq=_TAUGHT_FREQ)


# a name a policy gives in quotes (“青澜专精贷”, “云溪惠企通”): a product or platform users ask about
_QUOTED = re.compile(r"[“\"「『]([\u4e00-\u9fff]{3,10})[”\"」』]")


def quoted_names(texts: list[str]) -> list[str]:
    """Chinese names the texts put in quotation marks, to be segmented whole (专精 贷单户 otherwise)."""
    return sorted({m for text in texts for m in _QUOTED.findall(text)})


def dictionary_word(word: str) -> bool:
    """Whether ``word`` is in jieba's dictionary (or was added to it), not a segment it guessed."""
    return bool(_jieba().dt.FREQ.get(word))


def common_word(word: str, floor: int = 1000) -> bool:
    """Whether ``word`` is a common word of jieba's dictionary (知道, 了解), not a rare one (家计)."""
    return (_jieba().dt.FREQ.get(word) or 0) >= floor


def normalise(text: str) -> str:
    if len(text) <= 32:  # terms are normalised over and over while clauses are checked
        return _normalise_term(text)
    return unicodedata.normalize("NFKC", text).lower()


@lru_cache(maxsize=65536)
def _normalise_term(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


# a figure's unit ends a word: "投资200万能补吗" is 200万 | 能补吗, not 200 | 万能 | 补吗 (in Chinese
# numerals too: "两百五十万能申请吗")
_FIGURE_UNIT = re.compile(r"((?:\d|[一二两三四五六七八九十百千])(?:万|亿)元?)(?=[\u4e00-\u9fff])")


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


_QUOTED_SPAN = re.compile(r"[“「『\"]([^”」』\"]{1,40})[”」』\"]")


def places(text: str, known: tuple[str, ...] = (), vocabulary: frozenset[str] | None = None) -> list[str]:
    """Place names in Chinese text: ``known`` ones, and words jieba tags as places ('ns')
    that end in an administrative suffix (jieba alone also tags words such as 上市); with the
    texts' ``vocabulary``, also one said without its suffix where a question names its place."""
    import jieba.posseg as posseg

    _jieba()
    # a place inside a quoted name is no place asked about: “江苏精品” is a brand of products,
    # not Jiangsu's policy (a quoted place alone, “盐城”, still is one)
    text = _QUOTED_SPAN.sub(lambda m: m.group(0) if m.group(1).strip() in known else " ", text)
    found = [name for name in known if name in text]
    words = posseg.lcut(text)
    for index, (word, flag) in enumerate(words):
        if flag == "ns" and len(word) >= 3 and word[-1] in "省市县区州" and not any(word.startswith(k) for k in found):
            found.append(word)
        # (a place no document names, said without its suffix where a question names its place —
        # "滇川小巨人奖励多少？", "我们在滇川，…": a name jieba guessed, in no dictionary nor text, is that place)
        elif vocabulary is not None and flag == "ns" and 2 <= len(word) <= 4 and not found and word not in vocabulary \
                and not dictionary_word(word) \
                and "".join(w for w, _ in words[:index]) in ("", "在", "我们在", "我在", "公司在", "我们是", "我们是在"):
            found.append(word)
    return found


K1, B = 1.5, 0.75  # bm25s's defaults (Lucene's BM25), kept so that rankings stay what they were


class LexicalIndex:
    """BM25 (Lucene's variant, as bm25s scores it) over postings that are built from per-document
    arrays, so that a library's index is assembled from saved segments without re-tokenising
    and a changed document costs its own tokens. ``scores`` gives one score per text."""

    def __init__(self, texts: list[str] | None = None) -> None:
        self.size = 0
        self._vocab: dict[str, int] = {}
        self._indptr = np.zeros(1, np.int64)
        self._docs = np.zeros(0, np.int32)
        self._scores = np.zeros(0, np.float32)
        if texts:
            from collections import Counter

            pairs = [(t, i, c) for i, text in enumerate(texts) for t, c in Counter(tokenize(text) or ["<empty>"]).items()]
            lengths = [len(tokenize(text) or ["<empty>"]) for text in texts]
            words: dict[str, int] = {}
            ids = np.asarray([words.setdefault(t, len(words)) for t, _, _ in pairs], np.int32)
            self.build([(tuple(words), ids, np.asarray([i for _, i, _ in pairs], np.int32),
                         np.asarray([c for _, _, c in pairs], np.int32), np.asarray(lengths, np.int32))])

    def build(self, parts) -> None:
        """Index ``parts`` in order: (words, pair_word, pair_chunk, pair_tf, lengths) each, positions
        local to the part; the texts of a part follow those of the part before."""
        words, chunks, tfs, lengths = [], [], [], []
        offset = 0
        for part_words, pair_word, pair_chunk, pair_tf, part_lengths in parts:
            mapping = np.asarray([self._vocab.setdefault(w, len(self._vocab)) for w in part_words], np.int64)
            words.append(mapping[pair_word] if len(pair_word) else np.zeros(0, np.int64))
            chunks.append(pair_chunk.astype(np.int32) + offset)
            tfs.append(pair_tf)
            lengths.append(part_lengths)
            offset += len(part_lengths)
        self.size = offset
        if not offset:
            return
        word, doc = np.concatenate(words), np.concatenate(chunks)
        tf, length = np.concatenate(tfs).astype(np.float32), np.concatenate(lengths).astype(np.int64)
        order = np.argsort(word, kind="stable")  # a word's postings in text order
        word, doc, tf = word[order], doc[order], tf[order]
        counts = np.bincount(word, minlength=len(self._vocab))
        self._indptr = np.concatenate([[0], np.cumsum(counts)])
        idf = np.log(1 + (offset - counts + 0.5) / (counts + 0.5)).astype(np.float32)
        # the same float operations as bm25s, so that scores (and so ties) are identical
        denominator = K1 * ((1 - B) + B * length[doc].astype(np.float64) / length.mean()) + tf
        self._scores = (idf[word].astype(np.float64) * (tf / denominator)).astype(np.float32)
        self._docs = doc
        self._present = counts > 0

    ARRAYS = ("words", "indptr", "docs", "scores", "present")

    def to_arrays(self) -> dict[str, np.ndarray]:
        """The built index as arrays (its vocabulary in id order), to be saved and read back."""
        return {"words": np.asarray(list(self._vocab), dtype=str), "indptr": self._indptr, "docs": self._docs,
                "scores": self._scores, "present": getattr(self, "_present", np.zeros(0, bool))}

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray], size: int) -> LexicalIndex:
        """An index over ``size`` texts from :meth:`to_arrays`: no building, no sorting."""
        index = cls()
        words = arrays["words"].tolist()
        index._vocab = dict(zip(words, range(len(words))))
        index._indptr, index._docs, index._scores = arrays["indptr"], arrays["docs"], arrays["scores"]
        index._present = np.asarray(arrays["present"], bool)
        index.size = size
        return index

    def vocabulary(self) -> list[str]:
        """Every token of the indexed texts (search-mode jieba: compounds and their sub-words)."""
        return [w for w, i in self._vocab.items() if self._present[i]] if self.size else []

    def scores(self, query_tokens: list[str]) -> np.ndarray:
        if not self.size:
            return np.zeros(0)
        ids = [self._vocab[t] for t in query_tokens if t in self._vocab and self._present[self._vocab[t]]]
        scores = np.zeros(self.size, np.float32)
        for i in ids:  # token by token, in the query's order: the same float32 sums as bm25s
            span = slice(self._indptr[i], self._indptr[i + 1])
            scores[self._docs[span]] += self._scores[span]  # a text occurs once in a token's postings
        return scores

    def rank(self, query_tokens: list[str], allowed: np.ndarray | None = None, n: int = 50) -> list[int]:
        """Indices of the best-scoring texts (score > 0), best first, among ``allowed``; ties in text order."""
        scores = self.scores(query_tokens)
        if allowed is not None:
            scores = np.where(allowed, scores, 0.0)
        candidates = np.flatnonzero(scores > 0)
        if len(candidates) > n:  # the n-th best score, then every text scoring at least that (ties kept)
            cut = np.partition(scores[candidates], len(candidates) - n)[len(candidates) - n]
            candidates = candidates[scores[candidates] >= cut]
        order = candidates[np.lexsort((candidates, -scores[candidates]))]
        return [int(i) for i in order[:n]]


def detect_language(text: str) -> str:
    """'zh' when the text has Chinese characters in it, else 'en'."""
    return "zh" if len(re.findall(r"[\u4e00-\u9fff]", text)) >= max(1, len(re.findall(r"[A-Za-z]+", text)) // 4) else "en"
