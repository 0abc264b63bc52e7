"""Hybrid retrieval: dense (Chroma) plus BM25 over jieba tokens, fused by reciprocal rank.

All chunks are read from the store once, at start-up, to build the BM25 index; queries
then cost one embedding, one Chroma query and one BM25 scoring.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from .criteria import title_names_level
from .evidence import TermWeights, coverage
from .fusion import reciprocal_rank_fusion
from .lexical import LexicalIndex, add_words, quoted_names
from .query import QueryAnalysis
from .types import Chunk, DocumentMeta, ScoredChunk

MODES = ("hybrid", "dense", "bm25")
# kinds of detail a criteria table never states: a question asking for them does not want its rows
_NOT_IN_CRITERIA = frozenset({"date", "frequency", "procedure", "materials", "contact", "unit", "institution"})


def index_text(chunk: Chunk, meta: DocumentMeta) -> str:
    """What is embedded and BM25-indexed: the clause with its section path.

    The document title is left out: every chunk of a document would share it, so it
    only adds noise (and favours short chunks); documents are told apart by filters.
    """
    return f"{' '.join(chunk.section_path)}\n{chunk.text}"


def evidence_text(chunk: Chunk, meta: DocumentMeta) -> str:
    """What a reader sees of a clause: its document, region, section path and text."""
    return f"{meta.title} {meta.region or ''}\n{' '.join(chunk.section_path)}\n{chunk.text}"


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
                      relevance: dict[str, float], limit: int = 12) -> list[str]:
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
        if chunk.kind == "table_row" and chunk_id not in seen:
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
                 weights: dict[str, float] | None = None) -> None:
        if mode not in MODES:
            raise ValueError(f"retrieval mode must be one of {MODES}, got {mode!r}")
        self.mode = mode
        self._store = store
        self._embeddings = embeddings
        self._rrf_k = rrf_k
        self._candidates = candidates
        self._weights = weights
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
        return HybridRetriever(self._store, self._embeddings, mode, self._rrf_k, self._candidates, self._weights)

    @property
    def embeddings(self):
        return self._embeddings

    def refresh(self) -> None:
        """Re-read the chunks after the index changed."""
        records = self._store.all_chunks()
        self.chunks = [chunk for chunk, _ in records]
        self.docs: dict[str, DocumentMeta] = {meta.doc_id: meta for _, meta in records}
        self.texts = [index_text(chunk, self.docs[chunk.doc_id]) for chunk in self.chunks]
        self._position = {chunk.chunk_id: i for i, chunk in enumerate(self.chunks)}
        self._by_id = {chunk.chunk_id: chunk for chunk in self.chunks}
        self._siblings: dict[tuple, list[str]] = {}
        self._tables: dict[tuple, list[str]] = {}  # every row of an annex table, all its columns
        for chunk in self.chunks:  # chunks are in reading order, so rows stay in order
            if chunk.kind == "table_row":
                self._siblings.setdefault((chunk.doc_id, chunk.section_path), []).append(chunk.chunk_id)
                self._tables.setdefault((chunk.doc_id, chunk.section_path[:1]), []).append(chunk.chunk_id)
        add_words(quoted_names(self.texts))  # before indexing, so questions and clauses split them alike
        self._lexical = LexicalIndex(self.texts)
        self.weights = TermWeights([evidence_text(c, self.docs[c.doc_id]) for c in self.chunks])

    def vocabulary(self) -> list[str]:
        """The words of the indexed texts, as BM25 tokenised them."""
        return self._lexical.vocabulary()

    def chunk(self, chunk_id: str) -> Chunk:
        return self.chunks[self._position[chunk_id]]

    def doc_ids_for_region(self, region: str) -> list[str]:
        """Documents whose region (or title) names ``region``: 盐城 matches 盐城市."""
        needle = region.strip().rstrip("市县区省")
        return [d.doc_id for d in self.docs.values()
                if needle and (needle in (d.region or "") or needle in d.title)]

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
                wanted = set(doc_ids)
                allowed = np.array([c.doc_id in wanted for c in self.chunks])
            order = self._lexical.rank(query.tokens, allowed, self._candidates)
            rankings["bm25"] = [self.chunks[i].chunk_id for i in order]
        if self.mode in ("hybrid", "dense"):
            vector = list(self._embed(query.dense_text or query.search_text))
            hits = self._store.query(vector, self._candidates, doc_ids)
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
            tables = {(c.doc_id, c.section_path): self._tables[(c.doc_id, c.section_path[:1])]
                      for c in (self._by_id[i] for i in ordered[:k]) if c.kind == "table_row"}
            ordered = expand_table_rows(ordered, self._by_id, tables, covered, limit=24)
        elif self.mode == "hybrid":
            # the rest of a criteria column is wanted with its best row, unless the question asks
            # for a kind of detail no criterion states (a date, a contact): the rows would crowd out the
            # clause that states it
            other = bool(query.ask_types) and set(query.ask_types) <= _NOT_IN_CRITERIA
            ordered = expand_table_rows(ordered, self._by_id, self._siblings, covered, limit=1 if other else 12)
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
        return results

    @staticmethod
    def _level_table(chunk: Chunk, levels: tuple[str, ...]) -> bool:
        return (chunk.kind == "table_row" and bool(chunk.section_path)
                and title_names_level(chunk.section_path[0], levels))

    def coverage(self, query: QueryAnalysis, chunk: Chunk, ask_only: bool = False) -> float:
        """Weighted share of the question's terms in ``chunk`` (context terms weigh less), or of the ask's."""
        text = self.weights.squashed(self._position[chunk.chunk_id])  # evidence text, normalised at refresh
        if ask_only:
            return coverage(query.ask_groups, query.unknown_terms, text, self.weights, normalised=True,
                            scales=query.ask_scales)
        return coverage(query.term_groups, query.unknown_terms, text, self.weights, normalised=True,
                        scales=query.group_scales)
