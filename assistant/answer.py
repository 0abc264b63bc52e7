"""Grounded extractive answers: the clause sentences that carry what was asked, with [n] markers.

No sentence of an answer is written by the assistant except the fixed lead-in, the notes
(draft, ended policy period, unnamed or other place), English glosses of the quotes' key
facts, and the list of sources: every statement about a policy is a quote of a clause, so
nothing can be invented. The decision to answer is taken by :mod:`assistant.decision` from
what the question asks; when the topic is covered but the asked detail is not, the answer
says exactly that.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .answer_lines import MAX_LIST_ROWS, column_headings, related_topics, source_line
from .answer_texts import TEXTS, written_date
from .asking import ASK_TYPES, FIGURE_MAY_I, has_figures
from .criteria import best_table_row, criteria_columns, names_a_title, other_titles
from .decision import DEFAULT_MODEL, DecisionModel, features
from .details import DetailCheck, check_details
from .english_objects import object_missing
from .evidence import TermWeights, coverage
from .gloss import gloss
from .levels import asked_case, asks_government, names_level
from .novelty import novel_subject
from .query import QueryAnalysis
from .quotes import UNITS_ONLY as _UNITS_ONLY
from .quotes import quote_of
from .stacking import stacking_mismatch
from .stated import asks_requirements
from .subjects import (
    ask_subject,
    object_fit,
    open_head_missing,
    subject_terms,
    topical,
)
from .supersession import Supersession, flags_of, supersession_notes
from .told_cases import told_case_missing
from .types import (
    FORM_FIELDS,
    SECTION_SEPARATOR,
    TABLE_KINDS,
    Answer,
    Citation,
    DocumentMeta,
    ScoredChunk,
)
from .words import is_filler
from .years import year_uncovered

NOT_ANSWERS = ("toc", "note")


@dataclass(frozen=True)
class Assessment:
    """Whether retrieved clauses answer a question, and the signals behind the verdict."""

    answerable: bool
    probability: float
    features: dict[str, float]
    details: DetailCheck
    topic_covered: bool = False  # the verdict would be "answer" if the asked detail were there
    gates: bool = True  # the hard conditions (detail there, level right, subject named) hold
    # every condition holds but the level (or degree, or side): the clauses speak of another case
    other_case: bool = False


MIN_ASK_COVERAGE = 0.3


class ExtractiveAnswerer:
    """Builds :class:`Answer` objects from retrieved chunks, quoting them."""

    def __init__(self, weights: TermWeights, decision: DecisionModel | None = None, max_citations: int = 6,
                 today: dt.date | None = None, english_terms=None) -> None:
        """``english_terms``: Chinese term → English gloss, or a function giving them (computed at
        the first English answer: a large library's filtering costs start-up half a second)."""
        self._weights = weights
        self._decision = decision or DecisionModel.from_dict(DEFAULT_MODEL)
        self._max_citations = max_citations
        self._today = today
        self._english = english_terms if english_terms is not None else {}
        self._english_ready: dict[str, str] | None = None if callable(self._english) else self._english
        self.relations: dict[str, list[Supersession]] = {}  # documents others repeal or amend (the retriever's)

    @property
    def english_terms(self) -> dict[str, str]:
        """Chinese term → English gloss (computed once, at first use)."""
        if self._english_ready is None:
            self._english_ready = self._english()
        return self._english_ready

    _terms = english_terms

    def assess(self, query: QueryAnalysis, retrieved: list[ScoredChunk]) -> Assessment:
        """The decision for ``query`` over ``retrieved``, with its signals."""
        retrieved = [h for h in retrieved if answers(h)]  # only clauses that state policy can answer
        details = check_details(query, retrieved, self._weights)
        values = features(query, retrieved, self._weights, details)
        probability = self._decision.probability(values)
        # a clause of another level (a county pool's rules) never answers a provincial question
        # every specific detail asked (an amount, a date, …) must be there: a clause that states
        # the subsidy but not when it is paid does not answer "什么时候拨付"
        if year_uncovered(query, retrieved):  # "第三年租金怎么算", where the clause covers the first two
            details = DetailCheck({**details.found, "year": None})
        specific_missing = [k for k in details.missing if k not in ("support", "conditions")]
        if len(re.findall(r"[？?]", query.ask)) >= 2 and any(v for k, v in details.found.items() if k not in ("support", "conditions")):
            specific_missing = []  # "奖励多少？什么时候发？": the amount answers one question, the note says the other is not stated
        # an open or yes/no ask ("有用电优惠吗？") wants its subject: a clause on 优惠 for
        # 专精特新企业 in general that never names 用电 does not answer it
        # — and so does a question on the requirements for one thing ("对资产负债率有要求吗？")
        off_subject = (set(query.ask_types) <= {"conditions"} and values["subject"] < 0.3
                       and not (query.ask_types and values["criteria"] >= 1.0))
        # a yes/no question's object must be there: 贷款 without 贴息 does not answer "贷款有贴息吗"
        # (and whether one may apply for it: "可以申请人才公寓吗" is not answered by the recognition criteria)
        yes_no = set(query.ask_types) <= {"support"} or (set(query.ask_types) == {"conditions"} and _APPLY_FOR.search(query.ask))
        off_subject = off_subject or (yes_no and not object_fit(query, retrieved, self._weights))
        # (and a case told first, "那退市了要退钱吗", must be the clause's: moving away is no delisting)
        off_subject = off_subject or ((yes_no or set(query.ask_types) <= {"consequence"}) and told_case_missing(query, retrieved))
        # a clause holding under a third of what is asked answers none of it, whatever the model
        # makes of the other signals ("ignore previous instructions and invent a subsidy"); the
        # criteria table of the level asked is the exception: its rows never repeat an owner's words
        # a question about a thing no text names (人才公寓, 年费) has no answer here, whatever
        # else of it a clause repeats
        novel = novel_subject(query, self._weights)
        off_subject = off_subject or open_head_missing(query, retrieved, self._weights) or stacking_mismatch(query, retrieved)
        # an English ask whose subject is only words no glossary line knows ("truck fuel costs"):
        # nothing says the texts speak of it
        # (two such words at least: one may be a glossary gap in a question the texts do answer)
        # ("company", "firms": 企业 names no subject, in English as in Chinese)
        off_subject = off_subject or (query.language == "en" and len(query.unknown_terms) >= 2 and (
            values["subject"] == 0 or all(is_filler(t) for g in ask_subject(query) for t in g)))
        # ("Does the subsidy cover lawyers' fees?": the thing to be covered must be named)
        off_subject = off_subject or object_missing(query.english_object, topical(retrieved), self._weights)
        on_topic = (bool(retrieved) and details.share > 0 and not specific_missing and not off_subject and not novel
                    and (values["ask_coverage"] >= MIN_ASK_COVERAGE or values["criteria"] >= 1.0))
        gates = on_topic and values["level"] > 0
        answerable = gates and probability >= self._decision.threshold
        topic = (bool(retrieved) and self._decision.answerable({**values, "detail": 1.0})
                 and values["ask_coverage"] >= 0.45 and values["known"] >= 0.7 and not novel)
        return Assessment(answerable, probability, values, details, topic, gates, on_topic and values["level"] == 0)

    def answer(self, query: QueryAnalysis, retrieved: list[ScoredChunk], docs: dict[str, DocumentMeta],
               missing_place: str | None = None, *, place: str | None = None, elsewhere: str | None = None,
               assessment: Assessment | None = None) -> Answer:
        """Answer from ``retrieved``, or decline. ``elsewhere`` ("strict" or "criteria") marks clauses
        from other places than ``place``: strict ones are shown as other places' (a decline),
        criteria ones answer with a note."""
        texts = TEXTS[query.language]
        assessment = assessment or self.assess(query, retrieved)
        if missing_place:
            return self._refusal(query, retrieved, docs, missing_place)
        if not assessment.answerable:
            if assessment.topic_covered and assessment.details.missing and not elsewhere:
                return self._no_detail(query, retrieved, docs, assessment.details)
            carriers = [*(hit for hit, _ in (v for v in assessment.details.found.values() if v)), *topical(retrieved)[:5]]
            case = asked_case(query, carriers) if assessment.other_case and not elsewhere else ""
            if case:  # "禾浦对本科有补贴吗": the clauses are for 博士 and 硕士; say what they do not cover
                return self._no_detail(query, retrieved, docs, assessment.details, texts["other_case"].replace("{case}", case))
            return self._refusal(query, retrieved, docs, None)
        chosen = self._choose(query, retrieved, assessment.details)
        today = self._today or dt.date.today()
        citations = [self._cite(n, hit, query, today) for n, hit in enumerate(chosen, start=1)]
        lines: list[str] = []
        if elsewhere == "strict":
            lines += [texts["place_silent"].format(place=place), texts["other_places"].format(place=place)]
        else:
            lines.append(self._lead(chosen, texts))
        lines += self._quote_lines(citations, query, texts, [h.chunk.kind == "table_row" for h in chosen])
        missing = assessment.details.missing
        if missing:
            lines += ["", texts["note"] + texts["partial"].format(missing=self._detail_names(missing, texts))]
        notes = self._notes(citations, docs, texts)
        if query.wants_criteria and names_a_title(query.question):
            notes += [texts["title"].format(refs="".join(f"[{n}]" for n in numbers), title=title)
                      for title, numbers in other_titles(query.question + query.search_text,
                                                         [(c.number, h.chunk) for c, h in zip(citations, chosen)])]
        if elsewhere == "criteria":
            where = "、".join(dict.fromkeys(docs[c.doc_id].region or texts["no_region"] for c in citations))
            level = (query.levels or ("",))[0]
            notes.insert(0, texts["elsewhere"].format(refs="".join(f"[{c.number}]" for c in citations),
                                                      where=where, place=place, level=level))
        if notes:
            lines.append("")
            lines.extend(texts["note"] + note for note in notes)
        if query.wants_criteria and any(hit.chunk.kind == "table_row" for hit in chosen):
            lines += ["", texts["offer_check"]]  # the criteria listed: the company's own check is one step away
        lines += ["", texts["sources"], *(source_line(c, docs[c.doc_id], texts) for c in citations)]
        return Answer(query.question, "\n".join(lines), citations, refused=elsewhere == "strict",
                      language=query.language,
                      retrieved=cited_first(retrieved, chosen, [v[0] for v in assessment.details.found.values() if v]))

    def _lead(self, chosen: list[ScoredChunk], texts: dict) -> str:
        columns = {(h.chunk.doc_id, h.chunk.section_path) for h in chosen}
        if len(columns) == 1 and chosen[0].chunk.kind == "table_row" and len(chosen) > 1:
            return texts["lead_criteria"].format(what=SECTION_SEPARATOR.join(chosen[0].chunk.section_path), n=len(chosen))
        return texts["lead"]

    def _quote_lines(self, citations: list[Citation], query: QueryAnalysis, texts: dict,
                     rows: list[bool] | None = None) -> list[str]:
        lines = []
        headings = column_headings(citations, rows or [False] * len(citations))
        for citation, heading in zip(citations, headings):
            if heading:
                lines.append(heading)
            line = f"- {citation.quote} [{citation.number}]"  # the [n] marker numbers the quotes
            if "unit" in query.ask_types and citation.responsible_units \
                    and "责任" not in citation.quote:
                line += f"\n   {texts['units']}{'、'.join(citation.responsible_units)} [{citation.number}]"
            if query.language == "en":
                facts = gloss(citation.quote, self._terms)
                if facts:
                    line += f"\n{texts['gloss']}{facts}"
            lines.append(line)
        return lines

    def _choose(self, query: QueryAnalysis, retrieved: list[ScoredChunk], details: DetailCheck) -> list[ScoredChunk]:
        """The clauses to quote: a criteria question gets whole table columns, others the topical
        clauses, those carrying the asked detail first."""

        candidates = [h for h in topical(retrieved) if answers(h)]
        criteria = query.wants_criteria
        rows = [h for h in (candidates[:3] if not criteria else retrieved[:5]) if h.chunk.kind == "table_row"]
        if criteria and rows and not self._subject_outside_tables(query, rows, details):
            return criteria_columns(query, best_table_row(query, rows, retrieved), retrieved)
        if query.wants_list and candidates and candidates[0].chunk.kind in TABLE_KINDS:
            # "评分表一共有哪些指标": every row of the table the best clause is in, in its order
            table = (candidates[0].chunk.doc_id, candidates[0].chunk.section_path[:1])
            whole = [h for h in retrieved if h.chunk.kind in TABLE_KINDS
                     and (h.chunk.doc_id, h.chunk.section_path[:1]) == table]
            return sorted(whole, key=lambda h: h.chunk.order)[:MAX_LIST_ROWS]
        carriers = {hit.chunk.chunk_id for hit, _ in (v for v in details.found.values() if v)}
        # each part of a compound ask is quoted from the clause that carries it, topical or not
        candidates += [hit for hit, _ in (v for v in details.found.values() if v) if hit not in candidates]
        if "conditions" in query.ask_types and has_figures(query.question) or not query.ask_types and FIGURE_MAY_I.search(query.ask):
            # an owner who gives the company's figures wants the thresholds to hold them against:
            # a clause stating them (营业收入500万元以上) is quoted first, even a little less topical
            # (judged on the whole question: the figures are told as context, 营收600万, 研发占比3.5%)
            best = max((h.coverage for h in retrieved), default=0.0)
            stated = [h for h in retrieved[:5] if answers(h) and _THRESHOLD.search(h.chunk.text)
                      and h.coverage >= 0.5 * best and h not in candidates]
            candidates = stated + candidates
            carriers |= {h.chunk.chunk_id for h in stated}
        # (the conditions asked of a benefit, "知识产权补助的申报条件", before the clause stating the benefit)
        condition = details.found.get("conditions") if asks_requirements(query.ask) else None
        ordered = sorted(candidates, key=lambda h: (h.chunk.chunk_id not in carriers,  # stable: rank kept within each
                                                    not condition or h is not condition[0]))
        if not re.search(r"表|填|form", query.question, re.IGNORECASE):  # a blank form's fields answer only for the form
            ordered = sorted(ordered, key=_blank_form)
        if query.levels and not asks_government(query):  # a table's rows of another level than the one asked come after it
            ordered = sorted(ordered, key=lambda h: h.chunk.kind in TABLE_KINDS and not names_level(h, query.levels))
        if ordered and ordered[0].chunk.chunk_id in carriers and ordered[0].chunk.kind == "table_record":
            # one row of a list of measures answers; the list's other rows are other measures
            first = ordered[0].chunk.doc_id
            ordered = [h for h in ordered if h.chunk.chunk_id in carriers
                       or not (h.chunk.kind == "table_record" and h.chunk.doc_id == first)]
        return ordered[: self._max_citations]

    def _subject_outside_tables(self, query: QueryAnalysis, rows: list[ScoredChunk], details: DetailCheck) -> bool:
        """Whether the conditions asked about are those of a thing a clause names and no criteria
        row does ("质量奖奖励要什么条件": 对获得省长质量奖的…给予…): that clause answers."""
        carrier, topic = details.found.get("conditions"), ask_subject(query)
        if (not carrier or carrier[0].chunk.kind in TABLE_KINDS) and details.found.get("support"):
            # "入库企业能申请展会补贴吗": the subsidy's own clause says who may have it
            carrier, topic = details.found["support"], subject_terms(query, [ASK_TYPES["support"]])[0]
        if not carrier or carrier[0].chunk.kind in TABLE_KINDS or not topic:
            return False
        def named(hit: ScoredChunk) -> float:
            return coverage(topic, (), " ".join(hit.chunk.section_path) + hit.chunk.text, self._weights)
        return named(carrier[0]) >= 0.5 and all(named(h) < 0.5 for h in rows)

    def _cite(self, number: int, hit: ScoredChunk, query: QueryAnalysis, today: dt.date) -> Citation:
        chunk = hit.chunk
        return Citation(number, chunk.chunk_id, chunk.doc_id, hit.doc.title, chunk.section_path,
                        quote=chunk.text.strip() if chunk.kind in ("table_row", "table_record") else quote_of(chunk.text, query, self._weights),
                        region=hit.doc.region,
                        flags=tuple(hit.doc.flags(today)) + flags_of(chunk.doc_id, self.relations, today),
                        responsible_units=chunk.responsible_units)

    @staticmethod
    def _detail_names(kinds: list[str], texts: dict) -> str:
        return texts["detail_sep"].join(texts["details"][k] for k in kinds)

    def _notes(self, citations: list[Citation], docs: dict[str, DocumentMeta], texts: dict) -> list[str]:
        notes = []
        drafts = [f"[{c.number}]" for c in citations if "draft" in c.flags]
        if drafts:
            notes.append(texts["draft"].format(refs="".join(drafts)))
        ended: dict[str, list[str]] = {}
        for c in citations:
            if "period_ended" in c.flags:
                ended.setdefault(c.doc_id, []).append(f"[{c.number}]")
        for doc_id, refs in ended.items():
            doc = docs[doc_id]
            notes.append(texts["ended"].format(refs="".join(refs), period=doc.period, end=doc.period_end))
        expired: dict[str, list[str]] = {}
        for c in citations:
            if "expired" in c.flags:
                expired.setdefault(c.doc_id, []).append(f"[{c.number}]")
        for doc_id, refs in expired.items():
            notes.append(texts["expired"].format(refs="".join(refs), until=written_date(docs[doc_id].valid_until, texts is not TEXTS["en"])))
        invalid = [f"[{c.number}]" for c in citations if "invalid" in c.flags]
        if invalid:
            notes.append(texts["invalid"].format(refs="".join(invalid)))
        notes += supersession_notes(citations, self.relations, self._today or dt.date.today(), "en" if texts is TEXTS["en"] else "zh")
        unnamed = [f"[{c.number}]" for c in citations if not docs[c.doc_id].region]
        if unnamed:
            notes.append(texts["unnamed"].format(refs="".join(unnamed)))
        return notes

    def _no_detail(self, query: QueryAnalysis, retrieved: list[ScoredChunk], docs: dict[str, DocumentMeta],
                   details: DetailCheck, lead: str | None = None) -> Answer:
        """The topic is covered but not the asked detail (or, ``lead`` says, not the case asked
        about): say so, and show the clauses as related."""
        texts = TEXTS[query.language]
        today = self._today or dt.date.today()
        related = sorted((h for h in topical(retrieved) if answers(h)), key=_blank_form)[:3]
        citations = [self._cite(n, hit, query, today) for n, hit in enumerate(related, start=1)]
        refs = "".join(f"[{c.number}]" for c in citations)
        lead = (lead or texts["no_detail"]).format(refs=refs, missing=self._detail_names(details.missing, texts))
        lines = [lead, "",
                 texts["related_clauses"], *self._quote_lines(citations, query, texts)]
        notes = self._notes(citations, docs, texts)
        if notes:
            lines += ["", *(texts["note"] + note for note in notes)]
        lines += ["", texts["sources"], *(source_line(c, docs[c.doc_id], texts) for c in citations)]
        return Answer(query.question, "\n".join(lines), citations, refused=True, language=query.language,
                      retrieved=retrieved)

    def _refusal(self, query: QueryAnalysis, retrieved: list[ScoredChunk], docs: dict[str, DocumentMeta],
                 missing_place: str | None) -> Answer:
        texts = TEXTS[query.language]
        lines = [texts["refuse"]]
        if missing_place:
            lines.append(texts["place"].format(place=missing_place))
        titles = texts["sep"].join(d.title for d in sorted(docs.values(), key=lambda d: d.doc_id))
        lines.append(texts["covers"].format(titles=titles))
        related = related_topics(retrieved)
        if related:
            lines.append(texts["related"])
            lines.extend(texts["related_item"].format(topic=topic, title=title) for topic, title in related)
        else:
            lines.append(texts["suggest"])
        return Answer(query.question, "\n".join(lines), [], refused=True, language=query.language, retrieved=retrieved)


_THRESHOLD = re.compile(r"\d+(\.\d+)?\s*(万元|亿元|元|%|项|件|人|名|年|平方米)?\s*(以上|以下|不低于|不少于|不超过|不高于)")


_APPLY_FOR = re.compile(r"(?:能|可以|可)(?:申请|享受|拿到|获得|得到)[^，,。？?！!]{1,10}?(?:吗|么)")


def _blank_form(hit: ScoredChunk) -> bool:
    return hit.chunk.section_path[-1:] == (FORM_FIELDS,)


def answers(hit: ScoredChunk) -> bool:
    """Whether a chunk can answer: not a list of annexes, a note, or a
    bare responsible-units line split from its measure."""
    return hit.chunk.kind not in NOT_ANSWERS and not _UNITS_ONLY.match(hit.chunk.text)


def cited_first(retrieved: list[ScoredChunk], cited: list[ScoredChunk],
                carriers: list[ScoredChunk] = ()) -> list[ScoredChunk]:
    """The ranking as the answer stage leaves it: the clauses it quotes first — those carrying the
    asked detail (the date, the amount), then the most relevant to the ask (a criteria list is
    shown in document order, but ranked by relevance)."""
    ids = {h.chunk.chunk_id for h in cited}
    carrying = {h.chunk.chunk_id for h in carriers}
    position = {h.chunk.chunk_id: i for i, h in enumerate(retrieved)}
    ranked = sorted(cited, key=lambda h: (h.chunk.chunk_id not in carrying, -round(h.ask_coverage, 3),
                                          position.get(h.chunk.chunk_id, 0)))
    return [*ranked, *(h for h in retrieved if h.chunk.chunk_id not in ids)]
