"""Documents that other documents of the knowledge base repeal or amend (废止, 修改为).

A county's new 若干措施 closes with "原《沅岫县鼓励企业上市挂牌奖励办法》（沅政办发〔2021〕9号）同时废止";
a 补充通知 says "将《…》第四条中的“15万元”修改为“20万元”". With both files indexed, an answer
quoting the old one would state a figure no longer in force: its citation is flagged with the
document that replaced it (and the new wording where the quote holds the old), and a repealed
document's clauses are ranked after every other document's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .answer_texts import written_date
from .types import Chunk, Citation, DocumentMeta, ScoredChunk

_NUMBER = r"[\u4e00-\u9fff]{1,12}〔\d{4}〕\d{1,4}号"
# 《title》 (with its 文号 in brackets) … 废止: a repeal of a named document
_REPEAL = re.compile(rf"《(?P<title>[^《》]{{4,80}})》(?:[（(](?P<number>{_NUMBER})[）)])?[^。；;《》]{{0,8}}?"
                     r"(?:同时|予以|即行|一并)?(?:废止|停止执行|不再执行)")
# 《title》 named with a change of its wording: "将《…》第四条中的“…”修改为“…”"
_AMENDED = re.compile(r"《(?P<title>[^《》]{4,80})》[^。《》]{0,60}?(?:修改|调整|修订|变更)")
_CHANGE = re.compile(r"[“\"](?P<old>[^”\"]{1,60})[”\"][^“”\"。]{0,8}?(?:修改|调整|变更|修订)为[“\"](?P<new>[^”\"]{1,80})[”\"]")
_SAYS_CHANGE = re.compile(r"废止|停止执行|不再执行|修改|调整|修订|变更")
_TITLE_AMENDS = re.compile(r"(?:修改|调整|修订)[^《》]{0,6}《(?P<title>[^《》]{4,80})》|《(?P<title2>[^《》]{4,80})》[^《》]{0,12}(?:修改|调整|修订|补充)")


@dataclass(frozen=True)
class Supersession:
    """``doc_id`` repealed or amended by ``by_doc_id`` from ``effective`` (an ISO date, or None)."""

    doc_id: str
    by_doc_id: str
    by_title: str
    by_number: str | None
    kind: str  # "repealed" | "amended"
    effective: str | None
    changes: tuple[tuple[str, str], ...] = ()  # (old wording, new wording)
    clause_id: str = ""  # the later document's clause that says so

    def in_effect(self, today: dt.date) -> bool:
        return self.effective is None or dt.date.fromisoformat(self.effective) <= today


def _key(title: str) -> str:
    return re.sub(r"[\s　“”\"]", "", title)


def find_supersessions(docs: dict[str, DocumentMeta], chunks: Iterable[Chunk]) -> dict[str, list[Supersession]]:
    """For each document another one repeals or amends (named by its title or its 文号), how."""
    by_title = {_key(d.title): d.doc_id for d in docs.values()}
    by_number = {d.doc_number: d.doc_id for d in docs.values() if d.doc_number}

    def target(title: str, number: str | None, source: str) -> str | None:
        found = by_title.get(_key(title)) or (by_number.get(number) if number else None)
        return found if found and found != source else None  # (a text naming itself is no repeal)

    found: dict[tuple[str, str, str], set[tuple[str, str]]] = {}
    clauses: dict[tuple[str, str, str], str] = {}
    headings = {doc_id: _TITLE_AMENDS.search(d.title) for doc_id, d in docs.items()}
    for chunk in chunks:
        source = docs.get(chunk.doc_id)
        # (every clause is read at start-up: most say nothing of another text, and cost one scan)
        if source is None or not _SAYS_CHANGE.search(chunk.text):
            continue
        for match in _REPEAL.finditer(chunk.text):
            old = target(match.group("title"), match.group("number"), source.doc_id)
            if old:
                found.setdefault((old, source.doc_id, "repealed"), set())
                clauses.setdefault((old, source.doc_id, "repealed"), chunk.chunk_id)
        changes = {(m.group("old"), m.group("new")) for m in _CHANGE.finditer(chunk.text)}
        named = [m.group("title") for m in _AMENDED.finditer(chunk.text)]
        # a 补充通知 "关于调整《…》部分条款的通知" changes the document its title names, clause by clause
        heading = headings[source.doc_id]
        if heading and changes:
            named.append(heading.group("title") or heading.group("title2"))
        for title in named:
            old = target(title, None, source.doc_id)
            if old and (changes or "修改为" in chunk.text or "调整为" in chunk.text):
                found.setdefault((old, source.doc_id, "amended"), set()).update(changes)
                clauses.setdefault((old, source.doc_id, "amended"), chunk.chunk_id)
    out: dict[str, list[Supersession]] = {}
    for (old, new, kind), changes in sorted(found.items()):
        if kind == "amended" and (old, new, "repealed") in found:
            continue  # (repealed outright: its amendments say nothing more)
        newer = docs[new]
        out.setdefault(old, []).append(Supersession(old, new, newer.title, newer.doc_number, kind,
                                                    newer.valid_from or newer.date_issued, tuple(sorted(changes)),
                                                    clauses[(old, new, kind)]))
    return out


def flags_of(doc_id: str, relations: dict[str, list[Supersession]], today: dt.date) -> tuple[str, ...]:
    """The citation flags a document's relations give: repealed, amended (when in effect)."""
    return tuple(dict.fromkeys(s.kind for s in relations.get(doc_id, ()) if s.in_effect(today)))


def repealed_last(hits: list[ScoredChunk], relations: dict[str, list[Supersession]], today: dt.date) -> list[ScoredChunk]:
    """``hits`` with a repealed document's clauses — or one its publisher marks no longer in force
    (有效性：失效) — after every other's (the order kept otherwise)."""
    return sorted(hits, key=lambda h: h.doc.status == "invalid"
                  or bool(relations) and "repealed" in flags_of(h.chunk.doc_id, relations, today))


_NOTES = {
    "zh": {"repealed": "{refs} 所在的《{title}》已由《{by}》{number}废止{since}，请以新文件为准。",
           "pending": "{refs} 所在的《{title}》将自{date}起由《{by}》{number}废止。",
           "changed": "{refs} 中“{old}”已由《{by}》{number}修改为“{new}”{since}。",
           "amended": "{refs} 所在的《{title}》部分条款已由《{by}》{number}修改{since}，请核对。",
           "since": "（自{date}起）"},
    "en": {"repealed": "{refs}: 《{title}》 was repealed by 《{by}》{number}{since}; the newer document applies.",
           "pending": "{refs}: 《{title}》 will be repealed by 《{by}》{number} from {date}.",
           "changed": "{refs}: “{old}” was changed to “{new}” by 《{by}》{number}{since}.",
           "amended": "{refs}: parts of 《{title}》 were amended by 《{by}》{number}{since}; check them there.",
           "since": " (from {date})"},
}


_NOTE_PATTERN = re.compile(r"已由《.*》.*(修改|废止)|由《.*》.*废止|(changed|repealed|amended) .*by 《")


def replacement_note(text: str) -> bool:
    """Whether ``text`` is one of the notes below (the card shows them before the quotes)."""
    return bool(_NOTE_PATTERN.search(text))


def supersession_notes(citations: list[Citation], relations: dict[str, list[Supersession]], today: dt.date,
                       language: str) -> list[str]:
    """Notes for the citations whose documents another repeals or amends."""
    texts = _NOTES["en" if language == "en" else "zh"]
    notes: list[str] = []
    for doc_id in dict.fromkeys(c.doc_id for c in citations):
        cited = [c for c in citations if c.doc_id == doc_id]
        refs = "".join(f"[{c.number}]" for c in cited)
        for s in relations.get(doc_id, ()):
            number = f"（{s.by_number}）" if s.by_number else ""
            written = written_date(s.effective, language != "en")
            since = texts["since"].format(date=written) if s.effective else ""
            facts = {"refs": refs, "title": cited[0].title, "by": s.by_title, "number": number, "since": since}
            if not s.in_effect(today):
                if s.kind == "repealed":
                    notes.append(texts["pending"].format(**facts, date=written))
                continue
            if s.kind == "repealed":
                notes.append(texts["repealed"].format(**facts))
                continue
            quoted = [(old, new, "".join(f"[{c.number}]" for c in cited if old in c.quote)) for old, new in s.changes]
            quoted = [q for q in quoted if q[2]]
            if quoted:  # the old wording is in the quote: say what it became
                notes += [texts["changed"].format(**{**facts, "refs": where}, old=old, new=new) for old, new, where in quoted]
            else:
                notes.append(texts["amended"].format(**facts))
    return notes


def standing_facts(relations: list[Supersession], today: dt.date, zh: bool) -> list[str]:
    """What a document's standing answer says of the documents that repeal or amend it."""
    out = []
    for s in relations:
        by = f"《{s.by_title}》" + (f"（{s.by_number}）" if s.by_number else "")
        if s.kind == "repealed" and s.in_effect(today):
            out.append(f"已由{by}废止" + (f"（自{written_date(s.effective)}起）" if s.effective else "") + "，不再有效" if zh
                       else f"was repealed by {by}" + (f" from {s.effective}" if s.effective else "") + "; no longer in force")
        elif s.kind == "repealed":
            out.append(f"将自{written_date(s.effective)}起由{by}废止" if zh else f"will be repealed by {by} from {s.effective}")
        elif s.in_effect(today):
            out.append(f"部分条款已由{by}修改" + (f"（自{written_date(s.effective)}起）" if s.effective else "") if zh
                       else f"parts were amended by {by}" + (f" from {s.effective}" if s.effective else ""))
    return out


def repealed(relations: list[Supersession], today: dt.date) -> bool:
    return any(s.kind == "repealed" and s.in_effect(today) for s in relations)
