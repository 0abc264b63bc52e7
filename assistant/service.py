"""The assistant: a question (and its conversation) in, a grounded :class:`Answer` out."""

from __future__ import annotations

import time
from dataclasses import replace

from .answer import ExtractiveAnswerer
from .conversation import standalone_question
from .evidence import squash
from .lexical import add_words
from .query import Glossary, analyse
from .retrieval import HybridRetriever
from .settings import Settings
from .types import Answer, Turn


class QuestionError(ValueError):
    """A question the assistant cannot take (empty, too long, not text)."""


def validate_question(question: object, max_chars: int) -> str:
    if not isinstance(question, str):
        raise QuestionError(f"the question must be text, got {type(question).__name__}")
    text = question.strip()
    if not text:
        raise QuestionError("the question is empty; ask about a policy, e.g. 省级专精特新小巨人企业的申报条件是什么？")
    if len(text) > max_chars:
        raise QuestionError(f"the question is {len(text)} characters long; the limit is {max_chars}")
    return text


class Assistant:
    """Retrieval plus answering over one index; build it with :meth:`from_settings`."""

    def __init__(self, retriever: HybridRetriever, glossary: Glossary, settings: Settings) -> None:
        self.retriever = retriever
        self.glossary = glossary
        self.settings = settings
        self._answerer: ExtractiveAnswerer | None = None
        self._prepare()

    def _prepare(self) -> None:
        self._generation = self.retriever.store.name
        self._answerer = ExtractiveAnswerer(self.retriever.weights, min_coverage=self.settings.min_coverage)
        self._llm = None
        if self.settings.answerer == "llm":
            from .llm import LLMAnswerer, chat_model

            if not self.settings.llm_base_url:
                raise ValueError("the llm answerer needs llm_base_url (POLICY_ASSISTANT_LLM_BASE_URL)")
            model = chat_model(self.settings.llm_base_url, self.settings.llm_model, self.settings.llm_temperature,
                               self.settings.llm_timeout)
            self._llm = LLMAnswerer(model, self._answerer, self.settings.llm_context_tokens)
        self._known_text = squash("".join(self.retriever.texts) + "".join(d.title for d in self.retriever.docs.values()))

    def refresh(self) -> None:
        """Re-read the index after documents were added, replaced or removed."""
        self.retriever.refresh()
        self._prepare()

    @classmethod
    def from_settings(cls, settings: Settings, progress: bool = True) -> Assistant:
        """Open the index named by ``settings``, first bringing it up to date with the knowledge folder."""
        from .embeddings import load_embeddings, model_slug
        from .store import ChunkStore

        embeddings = load_embeddings(settings.embedding_model, settings.threads)
        store = ChunkStore(settings.index_dir, model_slug(settings.embedding_model), settings.chroma_url)
        from ingest.pipeline import ingest

        # bring the index up to date with knowledge/: builds it when missing, re-indexes changed
        # documents (or a new splitter), skips unchanged ones; never removes files added by hand
        ingest([settings.documents_dir], store=store, embeddings=embeddings, knowledge_dir=settings.knowledge_dir,
               max_tokens=settings.chunk_max_tokens, sync=store.count() == 0, progress=progress)
        glossary = Glossary.load(settings.knowledge_dir / "glossary.tsv")
        add_words(glossary.chinese_terms())
        retriever = HybridRetriever(store, embeddings, settings.retrieval_mode, settings.rrf_k,
                                    weights={"bm25": 1.0, "dense": settings.dense_weight, "coverage": 1.0})
        # load jieba's tagger now, not on a user's first question (and without calling any LLM)
        retriever.retrieve(analyse("省级专精特新企业的奖励", glossary), 1)
        return cls(retriever, glossary, settings)

    def ask(self, question: object, history: list[Turn] | None = None, region: str | None = None,
            doc_ids: list[str] | None = None, top_k: int | None = None, on_token=None) -> Answer:
        """Answer ``question`` after ``history``, optionally only from one region or some documents."""
        started = time.perf_counter()
        text = validate_question(question, self.settings.max_question_chars)
        store = self.retriever.store
        if not store.current():  # another process switched the index: follow it
            store.reopen()
        if store.name != self._generation:  # the index changed since the retriever was built
            self.refresh()
        standalone = standalone_question(text, history or [])
        if self._llm is not None and history:  # the model reads the conversation; rules are the fallback
            standalone = self._llm.rewrite(text, history) or standalone
        query = analyse(standalone, self.glossary)
        scope = self._scope(query.places, region, doc_ids)
        missing_place = None
        if region and not self.retriever.doc_ids_for_region(region):
            missing_place = region
        for place in query.places:
            if not self.retriever.doc_ids_for_region(place) and squash(place) not in self._known_text:
                missing_place = place
        retrieved = self.retriever.retrieve(query, top_k or self.settings.top_k, scope)
        retrieval_done = time.perf_counter()
        if self._llm is not None:
            answer = self._llm.answer(query, retrieved, self.retriever.docs, missing_place, on_token)
        else:
            answer = self._answerer.answer(query, retrieved, self.retriever.docs, missing_place)
        finished = time.perf_counter()
        return replace(answer, question=text, standalone_question=standalone, timings_ms={
            "retrieval": (retrieval_done - started) * 1000,
            "answer": (finished - retrieval_done) * 1000,
            "total": (finished - started) * 1000,
        })

    def _scope(self, places: tuple[str, ...], region: str | None, doc_ids: list[str] | None) -> list[str] | None:
        """Documents to search: those asked for, else those of the places the question names."""
        scope: set[str] | None = set(doc_ids) if doc_ids else None
        regions = [region] if region else [p for p in places if self.retriever.doc_ids_for_region(p)]
        if regions:
            in_region = {d for r in regions for d in self.retriever.doc_ids_for_region(r)}
            scope = in_region if scope is None else scope & in_region
        return sorted(scope) if scope is not None else None
