"""The assistant: a question (and its conversation) in, a grounded :class:`Answer` out."""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import threading
import time
from contextlib import nullcontext
from dataclasses import replace

from .answer import Assessment, ExtractiveAnswerer
from .conversation import Aliases, Regions, compared_only, resolve
from .criteria_rows import STATES_CRITERIA
from .decision import DecisionModel
from .document_facts import kinds_named
from .gloss import gloss_terms
from .levels import asks_county_government
from .limits import (
    InputLimits,
    QuestionError,
    validate_documents,
    validate_history,
    validate_question,
    validate_region,
)
from .places import with_document_places
from .query import Glossary, QueryAnalysis, analyse
from .retrieval import HybridRetriever
from .segments import segment_folder
from .settings import Settings
from .synonyms import Synonyms
from .types import Answer, ScoredChunk, Turn
from .typos import TypoReader

log = logging.getLogger(__name__)
CRITERIA_K = 40  # a criteria question wants whole criteria tables (up to 16 rows in two columns each)


def _states_own_criteria(answer: Answer, places: tuple[str, ...]) -> bool:
    """Whether the clause answer quotes, first, a clause of a place the question names that sets
    out conditions for applying ("第一部分 申报条件 › 1.2专项条件"): that place's criteria are in
    prose, not in a table the eligibility check reads."""
    if answer.refused or not answer.citations or not places:
        return False
    first = answer.citations[0]
    return (any(p in (first.region or "") for p in places)
            and bool(STATES_CRITERIA.search(" ".join(first.section_path))))


class Assistant:
    """Retrieval plus answering over one index; build it with :meth:`from_settings`."""

    def __init__(self, retriever: HybridRetriever, glossary: Glossary, settings: Settings,
                 synonyms: Synonyms | None = None, decision: DecisionModel | None = None) -> None:
        self.retriever = retriever
        self._base_glossary = glossary
        self.glossary = glossary
        self.settings = settings
        self.synonyms = synonyms or Synonyms.load(settings.knowledge_dir / "synonyms.tsv")
        self.decision = decision or DecisionModel.load(settings.knowledge_dir / "decision.json")
        self._answerer: ExtractiveAnswerer | None = None
        from .eligibility_service import EligibilityChecker

        self.checker = EligibilityChecker(retriever, settings.knowledge_dir)
        self._refresh_lock = threading.RLock()
        # as many questions in the CPU-bound steps as there are cores: more only interleave on the
        # GIL, so every one of them finishes late; the rest wait their turn (an LLM call does not)
        self._cores = threading.BoundedSemaphore(max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                                                     else (os.cpu_count() or 1)))
        self.limits = InputLimits(settings.max_question_chars, settings.max_history_turns,
                                  settings.max_assistant_turn_chars)
        self._prepare()

    def _prepare(self) -> None:
        self._generation = self.retriever.store.generation
        self.glossary = with_document_places(self._base_glossary, self.retriever.docs.values())
        self.checker.english_places = self.glossary.english_places()
        weights, entries, size = self.retriever.weights, self.glossary.entries, max(len(self.retriever.chunks), 1)

        def english() -> dict[str, str]:  # computed at the first English answer (or by the thread below)
            return gloss_terms(entries, weights.df, size)

        self._answerer = ExtractiveAnswerer(self.retriever.weights, self.decision, english_terms=english)
        self._answerer.relations = self.retriever.relations
        self._regions = Aliases(self._region_aliases())
        vocabulary = self.retriever.vocabulary()
        self._typos = TypoReader(vocabulary, self.retriever.weights,
                                 english=[e for entry in self.glossary.entries for e in entry.english])
        self._words = frozenset(vocabulary)
        self._llm = None
        if self.settings.answerer == "llm":
            from .llm import LLMAnswerer, chat_model

            if not self.settings.llm_base_url:
                raise ValueError("the llm answerer needs llm_base_url (POLICY_ASSISTANT_LLM_BASE_URL)")
            model = chat_model(self.settings.llm_base_url, self.settings.llm_model, self.settings.llm_temperature,
                               self.settings.llm_timeout)
            self._llm = LLMAnswerer(model, self._answerer, self.settings.llm_context_tokens)
        # a large library's criteria take a second or two to read, its glosses' terms half a second:
        # now, beside serving, not in the first question. Not daemons: a short command waits for
        # them at exit rather than tearing the interpreter down under them (that aborted in CI)
        threading.Thread(target=self.checker.levels, name="criteria").start()
        threading.Thread(target=lambda: self._answerer.english_terms, name="glosses").start()
        threading.Thread(target=self._typos.warm, name="spelling").start()  # English's dictionary

    def refresh(self) -> None:
        """Re-read the index after documents were added, replaced or removed."""
        with self._refresh_lock:
            self.retriever.refresh()
            self._prepare()

    @classmethod
    def from_settings(cls, settings: Settings, progress: bool = True, defer_catch_up: bool = False) -> Assistant:
        """Open the index named by ``settings``, first bringing it up to date with the knowledge folder.

        ``defer_catch_up``: when the index already answers, leave that (an interrupted change to
        finish, changed files to re-index) to :meth:`catch_up`, so a server answers meanwhile."""
        from .embeddings import load_embeddings, model_slug, opened_while_warming
        from .store import ChunkStore

        embeddings = load_embeddings(settings.embedding_model, settings.threads)
        # the model's weights, then the vector index, load in a thread while the index is read
        store, warming = opened_while_warming(embeddings, lambda: ChunkStore(
            settings.index_dir, model_slug(settings.embedding_model), settings.chroma_url))

        glossary = Glossary.load(settings.knowledge_dir / "glossary.tsv")
        synonyms = Synonyms.load(settings.knowledge_dir / "synonyms.tsv")
        segments = segment_folder(settings, glossary, synonyms)  # teaches jieba the glossary's words first

        if not (defer_catch_up and store.manifest()):
            _catch_up(settings, store, embeddings, segments, progress)
        retriever = HybridRetriever(store, embeddings, settings.retrieval_mode, settings.rrf_k,
                                    weights={"bm25": 1.0, "dense": settings.dense_weight, "coverage": 1.0},
                                    segments=segments)
        warming.join()
        # load jieba's tagger now, not on a user's first question (and without calling any LLM)
        retriever.retrieve(analyse("省级专精特新企业的奖励", glossary, synonyms), 1)
        # segments an earlier version wrote (all read just now) are rewritten beside serving
        threading.Thread(target=segments.upgrade, name="segments").start()
        return cls(retriever, glossary, settings, synonyms)

    def catch_up(self, lock: threading.Lock | None = None) -> None:
        """What :meth:`from_settings` deferred: finish or roll back an interrupted change, index
        changed files. Questions are answered from the last good generation meanwhile and follow
        the new one once it is committed. ``lock``: the knowledge base's (one change at a time)."""
        retriever = self.retriever
        with lock or nullcontext():
            _catch_up(self.settings, retriever.store, retriever.embeddings, retriever.segments, False)
        self.follow_index()  # here, rather than in the next question

    def ask(self, question: object, history: list[Turn] | None = None, region: str | None = None,
            doc_ids: list[str] | None = None, top_k: int | None = None, on_token=None,
            place: str | None = None, language: str | None = None) -> Answer:
        """Answer ``question`` after ``history``, optionally only from one region or some documents.
        ``place``: where the asker is (chosen once in the web chat): its documents are preferred, as
        for a place the question names while describing the company, when the question names none.
        ``language`` ("zh" or "en"): the language to answer in (the page's); by default the question's."""
        started = time.perf_counter()
        text = validate_question(question, self.settings.max_question_chars)
        history = validate_history(history, self.limits)
        region, doc_ids = validate_region(region, self.limits), validate_documents(doc_ids)
        place = validate_region(place, self.limits)
        if language not in (None, "zh", "en"):
            raise QuestionError(f"language must be 'zh' or 'en', got {language!r}")
        self.follow_index()
        with self._cores:
            query = self.analyse(text, history)
            # a question naming no place, after one that did, is asked there ("申报材料去哪里交？"),
            # unless it names a kind of document that place has none of ("方案里…" after 桥川's 实施意见)
            place = self._earlier_place(history, kinds_named(query.question)) or place
            # (or naming one only as what to compare with: "能和梓陵市的叠加吗？" after 桐溆's rewards)
            if place and (not query.places or compared_only(query.question, self._regions, place)) \
                    and self.retriever.doc_ids_for_region(place):
                query = replace(query, places=(place,), context_places=(place,))
            if language:
                query = replace(query, language=language)
            about = self._about_document(query, region, doc_ids)
            if about is not None:  # "那个细则现在生效了吗？": the document's own standing
                return replace(about, standalone_question=query.question,
                               timings_ms={"total": (time.perf_counter() - started) * 1000})
            doc_ids = self._of_kind_named(query, doc_ids)
            k = top_k or self.settings.top_k
            if query.wants_criteria or query.wants_list:
                k = max(k, CRITERIA_K)
            answer_kwargs, retrieved, verdict = self._retrieve_in_scope(query, region, doc_ids, k,
                                                                        k > (top_k or self.settings.top_k))
            retrieval_done = time.perf_counter()
            if self._llm is None or answer_kwargs:
                answer = self._answerer.answer(query, retrieved, self.retriever.docs, assessment=verdict, **answer_kwargs)
            checked = self.checker.answer_question(
                text, [t.content for t in history if t.role == "user"], region,
                # "符合的话，申报材料要准备哪些？" asks for materials: only a question whose ask is
                # whether (or on what conditions, or how far from them) the company qualifies gets the check
                (query.wants_criteria or query.figures) and set(query.ask_types) <= {"conditions", "number"}, query.language,
                [hit.chunk.doc_id for hit in retrieved])
            # (with an LLM answerer no clause answer is written yet: the check stands)
            if checked is not None and (self._llm is None or answer_kwargs) \
                    and _states_own_criteria(answer, query.places) and not any(self.checker.covers(p) for p in query.places):
                checked = None  # the place's own guide states its conditions in prose: they answer
            if checked is not None:  # figures and "can we apply?": the check is the answer
                answer = replace(checked, retrieved=answer.retrieved if self._llm is None or answer_kwargs else retrieved)
        standalone = query.question
        if self._llm is not None and not answer_kwargs and checked is None:
            answer = self._llm.answer(query, retrieved, self.retriever.docs, None, on_token)
        finished = time.perf_counter()
        return replace(answer, question=text, standalone_question=standalone, timings_ms={
            "retrieval": (retrieval_done - started) * 1000,
            "answer": (finished - retrieval_done) * 1000,
            "total": (finished - started) * 1000,
        })

    def _of_kind_named(self, query: QueryAnalysis, doc_ids: list[str] | None) -> list[str] | None:
        """"方案里对新三板挂牌奖多少": only documents of the kind named answer, when there are any
        (another city's 若干措施 is not the plan asked about). Owners call any document 方案: where
        the place named has none of that kind, its documents are meant."""
        kinds = kinds_named(query.question)
        if not kinds:
            return doc_ids
        chosen = [d.doc_id for d in self.retriever.docs.values()
                  if any(k in d.title for k in kinds) and (doc_ids is None or d.doc_id in doc_ids)]
        if any(not set(chosen) & set(self.retriever.doc_ids_for_region(p)) for p in query.places):
            return doc_ids
        return chosen or doc_ids

    def _earlier_place(self, history: list[Turn], kinds: set[str] | frozenset[str] = frozenset()) -> str | None:
        """The place the latest earlier question that named one was about (when ``kinds`` are
        named, only a place with a document of one of those kinds)."""
        # the place names only (the alias table resolve() reads), not a second analysis of each turn
        for turn in reversed([t for t in history if t.role == "user"][-4:]):
            named = self._regions.find(turn.content)
            if named:
                place = min(named, key=lambda found: turn.content.lower().find(found[1]))[0]
                titles = [self.retriever.docs[d].title for d in self.retriever.doc_ids_for_region(place)]
                return place if not kinds or any(k in t for k in kinds for t in titles) else None
        return None

    def follow_index(self) -> None:
        """Re-read the index if it changed (here or in another process) since it was last read."""
        store = self.retriever.store
        if not store.current():  # another process switched the index: follow it
            store.reopen()
        if store.generation != self._generation:  # the index changed since the retriever was built
            with self._refresh_lock:  # concurrent questions: one of them refreshes, the others wait
                if store.generation != self._generation:
                    self.refresh()

    def check(self, profile, region: str | None = None):
        """The eligibility check (政策体检) of a :class:`CompanyProfile` or of a message stating
        the company's figures; see :mod:`assistant.checkup`."""
        from .limits import validate_question

        if isinstance(profile, str):
            profile = validate_question(profile, self.settings.max_question_chars)
        self.follow_index()
        with self._cores:
            return self.checker.check(profile, validate_region(region, self.limits))

    def _about_document(self, query: QueryAnalysis, region: str | None, doc_ids: list[str] | None) -> Answer | None:
        """The answer to a question about a document's standing (in force, draft, issuer), when the
        place it names has exactly one document of the kind it names; else None."""
        from .document_facts import (
            asks_about_document,
            facts_answer,
            source_chunk,
            the_document,
        )

        if not asks_about_document(query.ask):
            return None
        places = [region] if region else list(query.places)
        ids = dict.fromkeys(d for p in places for d in self.retriever.doc_ids_for_region(p)
                            if doc_ids is None or d in doc_ids)
        doc = the_document(query.ask, [self.retriever.docs[d] for d in ids], places[0] if places else None) if ids else None
        if doc is None:
            return None
        source = source_chunk(self.retriever.doc_chunks(doc.doc_id), query.ask)
        superseded = [(s, self.retriever.chunk(s.clause_id)) for s in self.retriever.relations.get(doc.doc_id, ())]
        answer = facts_answer(query.question, doc, source, query.language, dt.date.today(), superseded)
        return replace(answer, retrieved=[ScoredChunk(source, doc, 1.0, {}, 1.0, 1.0)])

    def analyse(self, question: str, history: list[Turn] | None = None) -> QueryAnalysis:
        """The standalone question, what it asks and its context, as :meth:`ask` sees them."""
        standalone, asked = resolve(self._typos.read(question), history or [], self._regions)
        if self._llm is not None and history:  # the model reads the conversation; rules are the fallback
            rewritten = self._llm.rewrite(question, history)
            standalone, asked = (rewritten, None) if rewritten else (standalone, asked)
        return analyse(standalone, self.glossary, self.synonyms, ask=asked, weights=self.retriever.weights,
                       words=self._words)

    def assess(self, query: QueryAnalysis, answer: Answer):
        """The decision's signals for ``answer`` (as :meth:`ask` gave it) to ``query``."""
        return self._answerer.assess(query, answer.retrieved)

    def _retrieve_in_scope(self, query: QueryAnalysis, region: str | None, doc_ids: list[str] | None,
                           k: int, whole_tables: bool = False) -> tuple[dict, list, Assessment | None]:
        """Retrieve from the place the question is about, falling back to other places.

        Returns the answerer's arguments, the clauses and, where it was already taken here,
        the decision over those clauses (so the answerer does not take it twice).

        A place chosen by the user or named in the ask must answer: when its documents say
        nothing, other places' clauses are shown as theirs (a decline). A place named only
        while describing the company steers the search; a place without documents is
        ignored there, and declined when it is what the ask is about.
        """
        ask_places = [p for p in query.places if p not in query.context_places]
        county = [p for p in query.context_places if self._within(p, ask_places)]
        if county and asks_county_government(query.ask):
            ask_places = county  # "我们在桐溆，县里奖多少？能和梓陵市的一起拿吗？": 桐溆's, within 梓陵
        named = [region] if region else ask_places or list(query.context_places)
        local = [p for p in named if self.retriever.doc_ids_for_region(p)]
        if not region and not ask_places:
            named = local  # "我们是浙江的企业": no documents there, so nothing to prefer
        missing = [p for p in named if p not in local and not self.retriever.weights.df(p)]
        if missing:
            return {"missing_place": missing[0]}, self.retriever.retrieve(query, k, doc_ids, whole_tables), None
        if not named:
            return {}, self.retriever.retrieve(query, k, doc_ids, whole_tables), None
        scope = {d for p in local for d in self.retriever.doc_ids_for_region(p)}
        criteria = bool(set(query.levels) & {"省级", "国家级"}) and query.wants_criteria
        if not query.wants_criteria:
            # a county's rewards are its own, not its city's: "澄岭对小巨人奖励多少" is not answered by
            # 禾浦县's 80万元 (a city's criteria tables printed in a county plan still count)
            scope = {d for d in scope if self._own_place(d, local)}
        if doc_ids:
            scope &= set(doc_ids)
        retrieved = self.retriever.retrieve(query, k, sorted(scope), whole_tables) if scope else []
        local_verdict = self._answerer.assess(query, retrieved) if retrieved else None
        # provincial and national criteria are the same wherever they are printed: a place whose
        # documents only mention them ("符合条件的…") is answered from another place's table
        if local_verdict and (local_verdict.answerable or (local_verdict.topic_covered and not criteria)
                              or (local_verdict.other_case and not criteria)):
            # answered here, "mentioned here, but no amount", or "here for another case" (第一笔, not 第二笔)
            return {}, retrieved, local_verdict
        elsewhere = [h for h in self.retriever.retrieve(query, k, doc_ids, whole_tables) if h.chunk.doc_id not in scope]
        other_verdict = self._answerer.assess(query, elsewhere) if elsewhere else None
        if not other_verdict or not other_verdict.answerable:
            # "mentioned here, but no amount" from here, else a decline
            return {}, retrieved or elsewhere, local_verdict if retrieved else other_verdict
        place = "、".join(named)
        carrier = other_verdict.details.found.get("conditions")
        # (another place's criteria table, not a clause that merely sets its firms a target)
        if criteria and elsewhere[0].chunk.kind == "table_row" and (not carrier or carrier[0].chunk.kind == "table_row"):
            return {"place": place, "elsewhere": "criteria"}, elsewhere, other_verdict
        return {"place": place, "elsewhere": "strict"}, elsewhere, other_verdict

    def _within(self, county: str, cities: list[str]) -> bool:
        """Whether ``county``'s documents place it in one of ``cities`` (region "桐溆县, 梓陵市")."""
        return any(city in (self.retriever.docs[d].region or "") and city != county
                   for d in self.retriever.doc_ids_for_region(county) for city in cities)

    def _own_place(self, doc_id: str, places: list[str]) -> bool:
        """Whether the document is one of ``places``' own (its first region or its title names one),
        not one of a county within them."""
        doc = self.retriever.docs[doc_id]
        first = re.split(r"[,，、\s]+", (doc.region or "").strip())[0]
        return any(p.rstrip("市县区省") and (p.rstrip("市县区省") in first or p.rstrip("市县区省") in doc.title)
                   for p in places)

    def _region_aliases(self) -> Regions:
        """Every place the glossary or a document names, with the ways a question may say it."""
        regions: dict[str, list[str]] = {}
        for entry in self.glossary.entries:
            if entry.kind == "place":
                regions.setdefault(entry.chinese[0], []).extend([*entry.chinese, *entry.english])
        for doc in self.retriever.docs.values():
            for name in (doc.region or "").replace("，", ",").split(","):
                name = name.strip()
                if name:
                    regions.setdefault(name.rstrip("市县区省"), []).append(name)
        out: Regions = {}
        for name, aliases in regions.items():
            forms = [*aliases, *(a + s for a in aliases if not a.isascii() for s in "市县区省")]
            out[name] = tuple(dict.fromkeys(a.lower() for a in forms))
        return out


def _catch_up(settings: Settings, store, embeddings, segments, progress: bool) -> None:
    from .indexing import ingest
    from .knowledge import KnowledgeBase

    # a change a crash interrupted is finished or rolled back first (and logged in the audit)
    for line in KnowledgeBase(settings, store, embeddings, segments).recover():
        log.warning("knowledge base: %s", line)
    # bring the index up to date with knowledge/: builds it when missing, re-indexes changed
    # documents (or a new splitter), skips unchanged ones; never removes files added by hand
    ingest([settings.documents_dir], store=store, embeddings=embeddings, knowledge_dir=settings.knowledge_dir,
           max_tokens=settings.chunk_max_tokens, sync=not store.manifest(), progress=progress,
           limits=settings.file_limits, segments=segments)
