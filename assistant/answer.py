"""Grounded extractive answers: the relevant clause sentences quoted with [n] markers.

No sentence of an answer is written by the assistant except the fixed lead-in, the
notes on drafts and ended policy periods, and the list of sources: every statement about
a policy is a quote of a clause, so nothing can be invented. When no clause covers the
question, the answer says so and suggests what the knowledge base can answer.
"""

from __future__ import annotations

import datetime as dt
import re

from .evidence import TermWeights, coverage
from .query import QueryAnalysis
from .types import SECTION_SEPARATOR, Answer, Citation, DocumentMeta, ScoredChunk

TEXTS = {
    "zh": {
        "lead": "根据知识库中的政策原文，相关条款如下：",
        "units": "责任单位：",
        "draft": "{refs} 出自征求意见稿，并非正式印发的政策，内容可能调整。",
        "ended": "{refs} 所在文件的政策期（{period}）已于{end}年底结束，请以最新政策为准。",
        "note": "注意：",
        "sources": "来源：",
        "region": "地区：",
        "refuse": "抱歉，知识库中没有找到与该问题相符的政策条款，无法据此作答。",
        "place": "知识库中没有关于“{place}”的政策文件。",
        "covers": "知识库目前收录：{titles}。",
        "suggest": "可以询问例如：省级专精特新“小巨人”企业的申报条件、国家级“小巨人”的奖励标准、专精特新企业的融资支持、某项措施的责任单位。",
        "sep": "；",
        "related": "知识库中相近的内容，可以这样问：",
        "related_item": "- “{topic}”有哪些具体规定？（{title}）",
    },
    "en": {
        "lead": "Here is what the policy texts in the knowledge base say (quoted in the original Chinese):",
        "units": "Responsible units (责任单位): ",
        "draft": "{refs} quote a draft for comments (征求意见稿), not an issued policy; it may still change.",
        "ended": "{refs} quote a plan whose policy period ({period}) ended at the end of {end}; check for a newer policy.",
        "note": "Note: ",
        "sources": "Sources:",
        "region": "region: ",
        "refuse": "Sorry, the knowledge base has no policy clause that matches this question, so I cannot answer it.",
        "place": "The knowledge base holds no policy documents for “{place}”.",
        "covers": "It currently holds: {titles}.",
        "suggest": "You can ask, for example: what the criteria for provincial-level little giants are, how large the reward for a national little giant is, which bank products support specialised SMEs, or which units are responsible for a measure.",
        "sep": "; ",
        "related": "Nearby topics the knowledge base does cover, which you could ask about:",
        "related_item": "- What does “{topic}” provide? ({title})",
    },
}
_QUANTITY = re.compile(r"(多少|几|比例|比重|标准|how much|how many|what percentage|rate|amount|\d)", re.IGNORECASE)
_UNITS_QUESTION = re.compile(r"(责任单位|责任部门|负责|responsible|in charge)", re.IGNORECASE)
_SENTENCE = re.compile(r"[^。；;！？!?]+[。；;！？!?）)]*")


class ExtractiveAnswerer:
    """Builds :class:`Answer` objects from retrieved chunks, quoting them."""

    def __init__(self, weights: TermWeights, min_coverage: float = 0.5, max_citations: int = 8,
                 today: dt.date | None = None) -> None:
        if not 0.0 <= min_coverage <= 1.0:
            raise ValueError(f"min_coverage must be between 0 and 1, got {min_coverage}")
        self._weights = weights
        self._min_coverage = min_coverage
        self._max_citations = max_citations
        self._today = today

    def answer(self, query: QueryAnalysis, retrieved: list[ScoredChunk], docs: dict[str, DocumentMeta],
               missing_place: str | None = None) -> Answer:
        texts = TEXTS[query.language]
        scored = [(hit, hit.coverage) for hit in retrieved]
        best = max((c for _, c in scored), default=0.0)
        if missing_place or best < self._min_coverage:
            return self._refusal(query, retrieved, docs, missing_place)
        threshold = max(self._min_coverage, 0.8 * best)
        chosen = [hit for hit, c in scored if c >= threshold]
        substantive = [hit for hit in chosen if hit.chunk.kind not in ("toc", "note")]
        chosen = (substantive or chosen)[: self._max_citations]  # a list of annexes is no answer
        today = self._today or dt.date.today()
        citations = [self._cite(n, hit, query, today) for n, hit in enumerate(chosen, start=1)]
        lines = [texts["lead"]]
        for citation in citations:
            line = f"- {citation.quote} [{citation.number}]"  # the [n] marker numbers the quotes
            if (_UNITS_QUESTION.search(query.question) and citation.responsible_units
                    and "责任" not in citation.quote):
                line += f"\n   {texts['units']}{'、'.join(citation.responsible_units)} [{citation.number}]"
            lines.append(line)
        notes = self._notes(citations, docs, texts)
        if notes:
            lines.append("")
            lines.extend(texts["note"] + note for note in notes)
        lines.append("")
        lines.append(texts["sources"])
        lines.extend(source_line(c, docs[c.doc_id], texts) for c in citations)
        return Answer(query.question, "\n".join(lines), citations, refused=False, language=query.language,
                      retrieved=retrieved)

    def _cite(self, number: int, hit: ScoredChunk, query: QueryAnalysis, today: dt.date) -> Citation:
        chunk = hit.chunk
        return Citation(number, chunk.chunk_id, chunk.doc_id, hit.doc.title, chunk.section_path,
                        quote=chunk.text.strip() if chunk.kind == "table_row" else self._quote(chunk.text, query),
                        region=hit.doc.region,
                        flags=tuple(hit.doc.flags(today)), responsible_units=chunk.responsible_units)

    def _quote(self, text: str, query: QueryAnalysis) -> str:
        """The sentences of a clause that carry the question's terms (all of a short clause)."""
        if len(text) <= 120:
            return text.strip()
        sentences = [s for s in _SENTENCE.findall(text) if s.strip()]
        wants_number = bool(_QUANTITY.search(query.question))
        # places are answered by the document's region, not by a sentence naming them
        groups = tuple(g for g in query.term_groups if not set(g) & set(query.places))

        def score(sentence: str) -> float:
            value = coverage(groups, (), sentence, self._weights)
            if wants_number and re.search(r"\d|[一二三四五六七八九十]+[家项个级]", sentence):
                value += 0.15
            if _UNITS_QUESTION.search(query.question) and "责任" in sentence:
                value += 1.0
            return value

        ranked = sorted(range(len(sentences)), key=lambda i: -score(sentences[i]))
        top = score(sentences[ranked[0]]) if ranked else 0.0
        keep = sorted(i for i in ranked[:3] if score(sentences[i]) >= 0.6 * top)
        quote = "……".join(sentences[i].strip() for i in keep)
        return quote or text.strip()

    def _notes(self, citations: list[Citation], docs: dict[str, DocumentMeta], texts: dict[str, str]) -> list[str]:
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
        return notes

    def _refusal(self, query: QueryAnalysis, retrieved: list[ScoredChunk], docs: dict[str, DocumentMeta],
                 missing_place: str | None) -> Answer:
        texts = TEXTS[query.language]
        lines = [texts["refuse"]]
        if missing_place:
            lines.append(texts["place"].format(place=missing_place))
        titles = texts["sep"].join(d.title for d in sorted(docs.values(), key=lambda d: d.doc_id))
        lines.append(texts["covers"].format(titles=titles))
        related = _related_topics(retrieved)
        if related:
            lines.append(texts["related"])
            lines.extend(texts["related_item"].format(topic=topic, title=title) for topic, title in related)
        else:
            lines.append(texts["suggest"])
        return Answer(query.question, "\n".join(lines), [], refused=True, language=query.language, retrieved=retrieved)


def _related_topics(retrieved: list[ScoredChunk], limit: int = 3) -> list[tuple[str, str]]:
    """Section titles of the clauses retrieval found nearest, as topics to ask about."""
    topics: list[tuple[str, str]] = []
    for hit in retrieved:
        if hit.coverage < 0.1 or hit.chunk.kind not in ("clause", "table_row"):
            continue  # too far from the question to be a useful suggestion
        path = [p for p in hit.chunk.section_path if not re.match(r"^\d+\.\s", p)]
        topic = re.sub(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\(?[一二三四五六七八九十]+\)|\d+[.、．])\s*",
                       "", path[-1] if path else "")
        if topic and topic not in [t for t, _ in topics]:
            topics.append((topic, hit.doc.title))
        if len(topics) == limit:
            break
    return topics


def source_line(citation: Citation, doc: DocumentMeta, texts: dict[str, str]) -> str:
    """A numbered source as the reader sees it: title › section path (region; 文号; date; draft)."""
    details = [f"{texts['region']}{doc.region}"] if doc.region else []
    if doc.doc_number:
        details.append(doc.doc_number)
    if doc.date_issued:
        details.append(doc.date_issued)
    if "draft" in citation.flags:
        details.append("征求意见稿")
    suffix = f"（{texts['sep'].join(details)}）" if details else ""
    return f"[{citation.number}] {citation.title}{SECTION_SEPARATOR}{SECTION_SEPARATOR.join(citation.section_path)}{suffix}"
