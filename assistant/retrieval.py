"""Hybrid retrieval: dense (Chroma) plus BM25 over jieba tokens, fused by reciprocal rank.

All chunks are read from the store once, at start-up, to build the BM25 index; queries
then cost one embedding, one Chroma query and one BM25 scoring.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from functools import lru_cache

import numpy as np

from .criteria import title_names_level
from .criteria_rows import title_only_rows
from .evidence import TermWeights, coverage
from .fusion import reciprocal_rank_fusion
from .lexical import LexicalIndex, add_words
from .query import QueryAnalysis
from .segments import Segment, build_segment, evidence_text, index_text
from .store import StoreError
from .supersession import find_supersessions, repealed_last
from .types import TABLE_KINDS, Chunk, DocumentMeta, ScoredChunk

__all__ = ["MODES", "HybridRetriever", "evidence_text", "expand_table_rows", "index_text", "spread_records"]

log = logging.getLogger(__name__)

MODES = ("hybrid", "dense", "bm25")
SCOPED_EXACT = 4000  # chunks: a search within fewer is exact, over vectors held in memory
MERGED_FROM = 5000  # chunks: from this size on, the character-pair index is kept on disk for the next start
VECTOR_CACHE_DOCS = 512  # documents whose vectors are kept (a few MB each at most)
# kinds of detail a criteria table never states: a question asking for them does not want its rows
_NOT_IN_CRITERIA = frozenset({"date", "frequency", "time", "procedure", "materials", "contact", "unit", "institution"})
# an amount asked of a reward (not of a threshold): the criteria rows do not state it either
_GRANT_ASKED = re.compile(r"(能拿|拿多少|给多少|奖多少|奖励|补贴|补助|奖金|reward|subsid|grant)", re.IGNORECASE)
# money set aside ("一年拿出多少钱", "专项资金多少"), unless a threshold is asked ("营收要达到多少")
_MONEY_ASKED = re.compile(r"(多少钱|资金|经费|预算|budget|fund)", re.IGNORECASE)
_THRESHOLD_ASKED = re.compile(r"(需要|要求|条件|门槛|标准|达到|够|require|need|criteri|threshold|qualif)", re.IGNORECASE)


def _return_freed_memory() -> None:
    """Hand the heap that reading the segments freed back to the system (glibc keeps it otherwise:
    hundreds of MB in a large library). Elsewhere, or without glibc, nothing happens."""
    import ctypes
    import ctypes.util
    import gc

    gc.collect()
    try:
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def spread_records(ranked: list[str], chunks: dict[str, Chunk], per_table: int = 3) -> list[str]:
    """At most ``per_table`` rows of one record table (a scoring or reward list) before the other
    clauses: every row repeats the table's title, so its rows alone would fill the first places
    for any question that names the title's words (培育资金 › 支持标准一览表). Pure function."""
    kept: list[str] = []
    later: list[str] = []
    seen: dict[tuple, int] = {}
    for chunk_id in ranked:
        chunk = chunks[chunk_id]
        if chunk.kind == "table_record":
            key = (chunk.doc_id, chunk.section_path[:1])
            seen[key] = seen.get(key, 0) + 1
            if seen[key] > per_table:
                later.append(chunk_id)
                continue
        kept.append(chunk_id)
    return kept + later


def expand_table_rows(ranked: list[str], chunks: dict[str, Chunk], siblings: dict[tuple, list[str]],
                      relevance: dict[str, float], limit: int = 12, kinds: tuple[str, ...] = ("table_row",)) -> list[str]:
    """After each criterion row, the other rows of its table column.

    A question about criteria wants the whole list (auto-merging retrieval). Within a
    column, rows go by ``relevance``, then in the document's own order; rows already
    listed are not repeated. Pure function over ids.
    """
    out: list[str] = []
    seen: set[str] = set()
    for chunk_id in ranked:
        group = [chunk_id]
        chunk = chunks[chunk_id]
        if chunk.kind in kinds and chunk_id not in seen:
            rows = siblings.get((chunk.doc_id, chunk.section_path), [chunk_id])
            order = {row: i for i, row in enumerate(rows)}
            group = sorted(rows, key=lambda row: (-round(relevance.get(row, 0.0), 3), order[row]))[:limit]
        for member in group:
            if member not in seen:
                seen.add(member)
                out.append(member)
    return out


class HybridRetriever:
    """Ranks the chunks of a :class:`~assistant.store.ChunkStore` for a question."""

    def __init__(self, store, embeddings, mode: str = "hybrid", rrf_k: int = 60, candidates: int = 100,
                 weights: dict[str, float] | None = None, segments=None) -> None:
        if mode not in MODES:
            raise ValueError(f"retrieval mode must be one of {MODES}, got {mode!r}")
        self.mode = mode
        self._store = store
        self._embeddings = embeddings
        self._rrf_k = rrf_k
        self._candidates = candidates
        self._weights = weights
        self._segments = segments  # a SegmentFolder; None: segments are built from the store, not kept
        # a question searched in its place, then everywhere, is embedded once (the model is the
        # costliest step of a question); vectors are kept as tuples so no caller can change them
        self._embed = lru_cache(maxsize=512)(lambda text: tuple(embeddings.embed_query(text)))
        self.refresh()

    @property
    def store(self):
        return self._store

    def with_mode(self, mode: str) -> HybridRetriever:
        """The same store, model and fusion settings, retrieving in another mode."""
        if mode == self.mode:
            return self
        return HybridRetriever(self._store, self._embeddings, mode, self._rrf_k, self._candidates, self._weights,
                               self._segments)

    @property
    def embeddings(self):
        return self._embeddings

    @property
    def segments(self):
        """The folder of per-document segments kept between starts (None: not kept)."""
        return self._segments

    def refresh(self) -> None:
        """Re-read the index after it changed: its manifest, then each document's saved segment
        (only a document without one is read from the store and tokenised)."""
        segments = [self._segment(entry.doc_id, entry.fingerprint) for entry in
                    sorted(self._store.manifest().values(), key=lambda entry: entry.doc_id)]
        self.chunks = [chunk for segment in segments for chunk in segment.chunks]
        self.docs: dict[str, DocumentMeta] = {segment.doc.doc_id: segment.doc for segment in segments}
        self._position = {chunk.chunk_id: i for i, chunk in enumerate(self.chunks)}
        self._by_id = {chunk.chunk_id: chunk for chunk in self.chunks}
        self._ranges: dict[str, tuple[int, int]] = {}  # a document's chunks are consecutive
        start = 0
        for segment in segments:
            self._ranges[segment.doc.doc_id] = (start, start + len(segment.chunks))
            start += len(segment.chunks)
        self._siblings: dict[tuple, list[str]] = {}
        self._tables: dict[tuple, list[str]] = {}  # every row of an annex table, all its columns
        for chunk in self.chunks:  # chunks are in reading order, so rows stay in order
            if chunk.kind == "table_row":
                self._siblings.setdefault((chunk.doc_id, chunk.section_path), []).append(chunk.chunk_id)
            if chunk.kind in TABLE_KINDS:
                self._tables.setdefault((chunk.doc_id, chunk.section_path[:1]), []).append(chunk.chunk_id)
        add_words(sorted({name for segment in segments for name in segment.quoted}))  # questions split them alike
        self.relations = find_supersessions(self.docs, self.chunks)  # (废止, 修改为: see supersession.py)
        key = self._segments.merged_key([(s.doc.doc_id, s.fingerprint) for s in segments]) if self._segments else None
        self._lexical = self._lexical_index(segments, key)
        self.weights = self._term_weights(segments, key)
        self._regions: dict[str, list[str]] = {}
        self._vectors: dict[str, np.ndarray] = {}  # documents' vectors, for exact search within a place
        del segments
        _return_freed_memory()

    def _lexical_index(self, segments: list[Segment], key: str | None) -> LexicalIndex:
        """The BM25 index of the segments: read back when this library's was kept (merging the
        vocabularies and sorting the postings is seconds of a large library's start-up)."""
        size = sum(len(s.chunks) for s in segments)
        names = LexicalIndex.ARRAYS
        saved = self._segments.load_merged(key, "lexical", names) if key else None
        words, indptr, docs, scores, present = saved if saved is not None else (None,) * 5
        if saved is not None and len(indptr) == len(words) + 1 == len(present) + 1 \
                and len(docs) == len(scores) == int(indptr[-1]) and (not len(docs) or int(docs.max()) < size):
            return LexicalIndex.from_arrays(dict(zip(names, saved)), size)
        if saved is not None:
            self._segments.drop_merged(key, "lexical")
        index = LexicalIndex()
        index.build([(s.words, s.pair_word, s.pair_chunk, s.pair_tf, s.lengths) for s in segments])
        if key and size >= MERGED_FROM:
            try:
                arrays = index.to_arrays()
                self._segments.save_merged(key, tuple(arrays[n] for n in names), "lexical", names)
            except OSError:  # a read-only or full disk costs the next start some seconds, nothing else
                pass
        return index

    def _term_weights(self, segments: list[Segment], key: str | None) -> TermWeights:
        """Term frequencies over the segments' texts; the character-pair index (sorting it is most
        of a large library's start-up) is read from disk when this library's was kept."""
        texts = [text for segment in segments for text in segment.squashed]
        saved = self._segments.load_merged(key) if key else None
        if saved is not None and len(saved[1]) and int(saved[1][-1]) == len(saved[2]):
            return TermWeights(texts, normalised=True, index=saved)
        offsets = np.cumsum([0] + [len(s.chunks) for s in segments])
        weights = TermWeights(
            texts, np.concatenate([s.grams for s in segments]) if segments else np.zeros(0, np.uint64),
            np.concatenate([s.gram_chunk + offset for s, offset in zip(segments, offsets)]) if segments
            else np.zeros(0, np.int32), normalised=True)
        if key and len(texts) >= MERGED_FROM:
            try:
                self._segments.save_merged(key, weights.index)
            except OSError:  # a read-only or full disk costs the next start some seconds, nothing else
                pass
        return weights

    def _segment(self, doc_id: str, fingerprint: str) -> Segment:
        if self._segments is not None:
            return self._segments.get(doc_id, fingerprint, lambda: self._store.document_chunks(doc_id))
        return build_segment(*self._store.document_chunks(doc_id), fingerprint)

    def _dense(self, vector: list[float], doc_ids: list[str] | None) -> list[tuple[str, float]]:
        """The nearest chunks by cosine similarity, best first. Within a few documents (a place's),
        exactly, over their vectors kept from earlier questions: the vector store's filtered
        search costs tens of milliseconds in a large library, a product over a few hundred
        vectors a fraction of one."""
        scope = [d for d in doc_ids if d in self._ranges] if doc_ids is not None else None
        if scope is None or sum(self._ranges[d][1] - self._ranges[d][0] for d in scope) > SCOPED_EXACT:
            try:
                return self._store.query(vector, self._candidates, doc_ids)
            except StoreError:
                if not self._store.missing():
                    raise
                # the folder was deleted under the open index: Chroma fails whenever it needs a
                # new connection to it. The lexical ranking answers until the watch has rebuilt it.
                log.warning("the index folder is gone; answering from the lexical index until it is rebuilt")
                return []
        if not scope:
            return []
        ids = [c.chunk_id for d in scope for c in self.doc_chunks(d)]
        matrix = np.concatenate([self._doc_vectors(d) for d in scope])
        query = np.asarray(vector, np.float64)
        similarity = matrix @ query / (np.linalg.norm(matrix, axis=1) * np.linalg.norm(query) + 1e-12)
        order = np.lexsort((np.arange(len(ids)), -similarity))[: self._candidates]
        return [(ids[i], float(similarity[i])) for i in order]

    def _doc_vectors(self, doc_id: str) -> np.ndarray:
        vectors = self._vectors.get(doc_id)
        if vectors is None:
            if len(self._vectors) >= VECTOR_CACHE_DOCS:
                self._vectors.pop(next(iter(self._vectors)))  # the oldest
            vectors = self._vectors[doc_id] = self._store.vectors([c.chunk_id for c in self.doc_chunks(doc_id)])
        return vectors

    def chunk_counts(self) -> dict[str, int]:
        """Chunks per document."""
        return {doc_id: end - start for doc_id, (start, end) in self._ranges.items()}

    def doc_chunks(self, doc_id: str) -> list[Chunk]:
        """One document's chunks in reading order."""
        start, end = self._ranges.get(doc_id, (0, 0))
        return self.chunks[start:end]

    def vocabulary(self) -> list[str]:
        """The words of the indexed texts, as BM25 tokenised them."""
        return self._lexical.vocabulary()

    def chunk(self, chunk_id: str) -> Chunk:
        return self.chunks[self._position[chunk_id]]

    def doc_ids_for_region(self, region: str) -> list[str]:
        """Documents whose region (or title) names ``region``: 盐城 matches 盐城市."""
        needle = region.strip().rstrip("市县区省")
        if needle not in self._regions:  # a question's places recur: each is looked up once per index
            if len(self._regions) > 4096:
                self._regions.clear()  # bounded, whatever questions name
            self._regions[needle] = [d.doc_id for d in self.docs.values()
                                     if needle and (needle in (d.region or "") or needle in d.title)]
        return self._regions[needle]

    def retrieve(self, query: QueryAnalysis, k: int, doc_ids: list[str] | None = None,
                 whole_tables: bool = False) -> list[ScoredChunk]:
        """The ``k`` best chunks for ``query``, optionally only from ``doc_ids``.

        ``whole_tables``: the best criterion row brings every row of its table (all
        categories), for questions about eligibility, where the category is often unsaid.
        """
        if not self.chunks or k <= 0:
            return []
        rankings: dict[str, list[str]] = {}
        similarity: dict[str, float] = {}
        if not query.term_groups and not query.unknown_terms and self.mode != "dense":
            return []
        if self.mode in ("hybrid", "bm25"):
            allowed = None
            if doc_ids is not None:
                allowed = np.zeros(len(self.chunks), bool)
                for doc_id in doc_ids:
                    start, end = self._ranges.get(doc_id, (0, 0))
                    allowed[start:end] = True
            order = self._lexical.rank(query.tokens, allowed, self._candidates)
            rankings["bm25"] = [self.chunks[i].chunk_id for i in order]
        if self.mode in ("hybrid", "dense"):
            vector = list(self._embed(query.dense_text or query.search_text))
            hits = self._dense(vector, doc_ids)
            rankings["dense"] = [chunk_id for chunk_id, _ in hits if chunk_id in self._position]
            similarity = {chunk_id: value for chunk_id, value in hits}
        fused = reciprocal_rank_fusion(rankings, self._rrf_k, self._weights)[: self._candidates]
        covered = {chunk_id: self.coverage(query, self._by_id[chunk_id]) for chunk_id, _, _ in fused}
        if self.mode == "hybrid":  # how much of the question a clause covers is a third ranking
            rankings["coverage"] = sorted(covered, key=lambda chunk_id: -covered[chunk_id])
            fused = reciprocal_rank_fusion(rankings, self._rrf_k, self._weights)[: self._candidates]
        info = {chunk_id: (score, ranks) for chunk_id, score, ranks in fused}
        ordered = [chunk_id for chunk_id, _, _ in fused]
        if whole_tables and query.levels:
            # an eligibility question about one level: that level's criteria tables first, so
            # that another level's long table does not crowd them out
            ordered = sorted(ordered, key=lambda chunk_id: not self._level_table(self._by_id[chunk_id], query.levels))
        if self.mode == "hybrid" and whole_tables:
            # a whole list asked for ("评分表一共有哪些指标") brings every record of a table too
            kinds = TABLE_KINDS if query.wants_list else ("table_row",)
            tables = {(c.doc_id, c.section_path): self._tables[(c.doc_id, c.section_path[:1])]
                      for c in (self._by_id[i] for i in ordered[:k]) if c.kind in kinds}
            ordered = expand_table_rows(ordered, self._by_id, tables, covered, limit=24, kinds=kinds)
        elif self.mode == "hybrid":
            # the rest of a criteria column is wanted with its best row, unless the question asks
            # for a kind of detail no criterion states (a date, a contact): the rows would crowd out the
            # clause that states it
            other = bool(query.ask_types) and set(query.ask_types) <= _NOT_IN_CRITERIA
            # (nor for the amount of a reward: "单项冠军产品能拿多少" is not asked of the criteria)
            other = other or ("amount" in query.ask_types and bool(_GRANT_ASKED.search(query.ask) or (
                _MONEY_ASKED.search(query.ask) and not _THRESHOLD_ASKED.search(query.ask))))
            ordered = expand_table_rows(ordered, self._by_id, self._siblings, covered, limit=1 if other else 12)
        title_only = title_only_rows(query, self.weights) if self.mode == "hybrid" and not whole_tables else None
        if title_only:  # "入了库能得到啥": the rows of what it takes to get in come after the clauses on it
            ordered = sorted(ordered, key=lambda chunk_id: title_only(self._by_id[chunk_id]))
        if not (whole_tables and query.wants_list):  # a whole table asked for keeps its records together
            ordered = spread_records(ordered, self._by_id)
        results = []
        for chunk_id in ordered[:k]:
            score, ranks = info.get(chunk_id, (0.0, {}))
            chunk = self._by_id[chunk_id]
            value = covered.get(chunk_id)
            if value is None:
                value = self.coverage(query, chunk)
            results.append(ScoredChunk(chunk, self.docs[chunk.doc_id], score, ranks, value,
                                       self.coverage(query, chunk, ask_only=True), similarity.get(chunk_id, 0.0)))
        return repealed_last(results, self.relations, dt.date.today())

    @staticmethod
    def _level_table(chunk: Chunk, levels: tuple[str, ...]) -> bool:
        return (chunk.kind == "table_row" and bool(chunk.section_path)
                and title_names_level(chunk.section_path[0], levels))

    def coverage(self, query: QueryAnalysis, chunk: Chunk, ask_only: bool = False) -> float:
        """Weighted share of the question's terms in ``chunk`` (context terms weigh less), or of the ask's."""
        text = self.weights.squashed(self._position[chunk.chunk_id])  # evidence text, normalised at refresh
        if ask_only:
            return coverage(query.ask_groups, query.unknown_terms, text, self.weights, normalised=True,
                            scales=query.ask_scales, optional=query.cue_groups | query.level_groups)
        return coverage(query.term_groups, query.unknown_terms, text, self.weights, normalised=True,
                        scales=query.group_scales, optional=query.cue_groups | query.level_groups)
