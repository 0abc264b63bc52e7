"""The answer card of the web chat: a summary line, the points grouped by document under one
source header each (title, place, 文号, date, status), citation chips that open the clause in
context, notes, and whom to ask. A decline says what was searched and offers questions that
the knowledge base does answer.

Pure functions over an :class:`~assistant.types.Answer`: every text from a question or a
document is escaped before markup is added, so hostile HTML is shown, never run.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from html import escape

from ingest.frontmatter import COMPILATION

from ..places import english_place
from ..supersession import replacement_note
from ..types import SECTION_SEPARATOR, Answer, Chunk, Citation, DocumentMeta
from .parsing import ParsedAnswer, Point, parse_answer, prefix
from .render import highlight
from .texts import LABELS

# a key figure in a quote: an amount, share, count or duration with its unit
_FIGURE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?\s*(?:个百分点|个基点|个?工作日|万元|亿元|元|万|亿|%|％|倍|个月|个|项|人|名|位|家|件|年|天|级)"
                     r"(?:以上|以下|及以上|（含）)?)")
_ANNEX = re.compile(r"^附件\s*\d+\s*")


def emphasise(text: str) -> str:
    """``text`` escaped, with its key figures in <strong>."""
    return _FIGURE.sub(r"<strong>\1</strong>", escape(text))


def place_of(doc: DocumentMeta, language: str) -> str:
    """The most local place a document names (in pinyin on the English page), or that it names none."""
    first = (doc.region or "").replace("，", ",").split(",")[0].strip()
    if not first:
        return LABELS[language]["no_place"]
    return place_name(first, language)


def place_name(name: str, language: str) -> str:
    """A place as the page names it: in Chinese, or in pinyin on the English page."""
    return english_place(name) if language == "en" else name


def joined(items, language: str) -> str:  # 盐城、金湖 / Yancheng, Jinhu
    return ("、" if language == "zh" else ", ").join(items)


def plain_status(doc: DocumentMeta, today: dt.date, language: str, flags=()) -> tuple[str, str]:
    """(css class, words) of a document's standing: one status, never "现行" beside "已结束";
    ``flags``: its citations' (another document repealed or amended it)."""
    words = LABELS[language]["status"]
    if "repealed" in flags:
        return "expired", words["repealed"]
    if doc.status == "draft":
        return "draft", words["draft"]
    if doc.status == "invalid":
        return "expired", words["invalid"]
    if doc.expired(today):
        return "expired", words["expired"].format(until=doc.valid_until)
    if doc.period_ended(today):
        return "ended", words["ended"].format(period=doc.period)
    if "amended" in flags:
        return "ended", words["amended"]
    return doc.status, words[doc.status]


def doc_header(doc: DocumentMeta, today: dt.date, language: str, flags=()) -> str:
    """One line naming a document: title, then place, 文号, date and status."""
    css, status = plain_status(doc, today, language, flags)
    facts = [place_of(doc, language)]
    if doc.doc_number:
        facts.append(doc.doc_number)
    if doc.date_issued:
        facts.append(doc.date_issued)
    meta = " · ".join(escape(f) for f in facts)
    return (f"<div class='pa-doc-head'><span class='pa-doc-title'>{escape(doc.title)}</span>"
            f"<span class='pa-doc-meta'>{meta}</span><span class='pa-status pa-status-{css}'>{escape(status)}</span></div>")


def chip(number: int) -> str:  # a link to the clause, opened in place by the page's script
    return f"<a class='pa-chip' href='#cite-{number}' title='[{number}]'>{number}</a>"


def clause_in_context(citation: Citation, chunks: Sequence[Chunk], language: str) -> str:
    """The cited clause (quote marked) between its neighbours, its section path, whom it names
    responsible, and a link to the whole document at that clause."""
    labels = LABELS[language]
    position = next((i for i, c in enumerate(chunks) if c.chunk_id == citation.chunk_id), None)
    if position is None:  # the index changed since the answer: show the quote alone
        body, before, after = escape(citation.quote), None, None
    else:
        body = highlight(chunks[position].text, citation.quote)
        before = chunks[position - 1] if position > 0 else None
        after = chunks[position + 1] if position + 1 < len(chunks) else None
    parts = [f"<div class='pa-cite pa-n-{citation.number}'>",
             f"<div class='pa-path'>[{citation.number}] {escape(SECTION_SEPARATOR.join(citation.section_path))}</div>"]
    if before is not None:
        parts.append(f"<div class='pa-ctx'>{escape(labels['before'] + labels['colon'])}{escape(_short(before.text))}</div>")
    parts.append(f"<div class='pa-clause'>{body}</div>")
    if after is not None:
        parts.append(f"<div class='pa-ctx'>{escape(labels['after'] + labels['colon'])}{escape(_short(after.text))}</div>")
    if citation.responsible_units:
        parts.append(f"<div class='pa-units'>{escape(labels['whom'])}{escape('、'.join(citation.responsible_units))}</div>")
    parts.append(f"<a class='pa-whole' href='/doc/{escape(citation.doc_id)}?lang={language}#c-{escape(citation.chunk_id)}'"
                 f" target='_blank' rel='noopener'>{escape(labels['whole'])}</a></div>")
    return "".join(parts)


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def _summary(answer: Answer, parsed: ParsedAnswer, docs: dict[str, DocumentMeta], language: str) -> str:
    labels = LABELS[language]
    cited = list(dict.fromkeys(c.doc_id for c in answer.citations if c.doc_id in docs))
    places = list(dict.fromkeys(place_of(docs[d], language) for d in cited))
    criteria = re.match(re.escape(prefix(language, "lead_criteria")) + r"(.+?)[共,，:]\s*(\d+)", answer.text)
    if criteria and len(places) == 1:
        what = _ANNEX.sub("", criteria.group(1).strip(" ：:,，"))
        place = places[0] + ("的" if language == "zh" else " · ")
        return labels["summary_criteria"].format(place=place, what=what, n=criteria.group(2))
    if len(cited) == 1:
        where = labels["summary_docs_one"].format(place=places[0]) if docs[cited[0]].region else labels["summary_unnamed"]
    else:
        where = labels["summary_docs"].format(n=len(cited), places=joined(places, language))
    return labels["summary"].format(n=len(answer.citations), docs=where)


def answer_card(answer: Answer, docs: dict[str, DocumentMeta], doc_chunks: Callable[[str], Sequence[Chunk]],
                language: str, today: dt.date, suggestions: Sequence[str] = (), searched: Sequence[DocumentMeta] = ()) -> str:
    """The card of ``answer`` in ``language``: see the module's docstring. ``suggestions``: questions
    offered under a decline; ``searched``: the documents a decline searched."""
    labels = LABELS[language]
    parsed = parse_answer(answer)
    by_number = {c.number: c for c in answer.citations}
    out = [f"<div class='pa-card{' pa-declined' if answer.refused else ''}' lang='{language}'>"]
    if answer.refused:
        out += [f"<p class='pa-lead'>{_with_chips(line)}</p>" for line in parsed.lead]
    elif answer.citations:
        out.append(f"<p class='pa-summary'>{escape(_summary(answer, parsed, docs, language))}</p>")
        out += [f"<p class='pa-lead'>{_with_chips(line)}</p>" for line in parsed.lead]
    if answer.refused and answer.citations:
        out.append(f"<p class='pa-related'>{escape(labels['related'])}</p>")
    # what replaced a quoted text comes first: "[2] 中“每年6月”已由《…》修改为“每年9月”" must be read
    # before the old wording is
    replaced = [n for n in parsed.notes if replacement_note(n)]
    if replaced:
        out.append("<div class='pa-notes'>" + "".join(f"<p>⚠ {_with_chips(n)}</p>" for n in replaced) + "</div>")
    out += _documents(parsed.points, by_number, docs, doc_chunks, language, today)
    rest = [n for n in parsed.notes if n not in replaced]
    if rest:
        out.append("<div class='pa-notes'>" + "".join(f"<p>⚠ {_with_chips(n)}</p>" for n in rest) + "</div>")
    units = list(dict.fromkeys(u for c in answer.citations for u in c.responsible_units))
    if units and not answer.refused:
        out.append(f"<p class='pa-whom'>{escape(labels['whom'])}{escape('、'.join(units))}</p>")
    if answer.refused:
        out += _decline_help(answer, searched, suggestions, language)
    out += [f"<p class='pa-after'>{_with_chips(line)}</p>" for line in parsed.after]
    return "".join(out) + "</div>"


def _with_chips(line: str) -> str:
    """A line with its [n] markers as chips."""
    def run(match: re.Match) -> str:  # "[1][2]…[12]" as "[1]–[12]": a run of markers, two chips
        numbers = [int(n) for n in re.findall(r"\d+", match.group(0))]
        if len(numbers) > 3 and numbers == list(range(numbers[0], numbers[-1] + 1)):
            return f"\x00{numbers[0]}\x00–\x00{numbers[-1]}\x00"
        return "".join(f"\x00{n}\x00" for n in numbers)

    parts = re.sub(r"(?:\[\d+\])+", run, line).split("\x00")
    return "".join(chip(int(p)) if i % 2 else emphasise(p) for i, p in enumerate(parts))


def _documents(points: list[Point], by_number: dict[int, Citation], docs: dict[str, DocumentMeta],
               doc_chunks, language: str, today: dt.date) -> list[str]:
    """The points grouped by the document of their first citation, each group under its header,
    sub-grouped by section where a document's points come from more than one."""
    groups: dict[str, list[Point]] = {}
    for point in points:
        first = next((by_number[n] for n in point.refs if n in by_number), None)
        groups.setdefault(first.doc_id if first else "", []).append(point)
    pointed = {n for p in points for n in p.refs}
    unpointed: dict[str, list[Citation]] = {}  # cited in running text (an LLM's), not in a point
    for citation in by_number.values():
        if citation.number not in pointed:
            unpointed.setdefault(citation.doc_id, []).append(citation)
            groups.setdefault(citation.doc_id, [])
    out = []
    for doc_id, group in groups.items():
        doc = docs.get(doc_id)
        flags = {f for c in by_number.values() if c.doc_id == doc_id for f in c.flags}
        html = ["<section class='pa-doc'>", doc_header(doc, today, language, flags) if doc else ""]
        sections = [_section(by_number, p) for p in group]
        # sub-headings help where a section holds several points (制造类 › 6 criteria), not one each,
        # or where the points are one table's columns (补贴标准 › 专精特新中小企业 | 创新型中小企业)
        paths = [next((by_number[n].section_path for n in p.refs if n in by_number), ()) for p in group]
        columns = len({path[:1] for path in paths}) == 1 and all(len(path) > 1 for path in paths)
        grouped = len(set(sections)) > 1 and (len(set(sections)) < len(sections) or columns)
        current = part = None
        compiled = bool(doc and COMPILATION.search(doc.title))  # (several policies in one file: whose is it)
        for point, path in zip(group, paths):
            if compiled and path[:1] and path[0] != part:  # the policy's own title (and 文号) in a 汇编
                html.append(f"<div class='pa-group'>{escape(path[0])}</div>")
                part = path[0]
            section = _section(by_number, point)
            if grouped and section != current and not point.text.startswith(section) and section != part:
                html.append(f"<div class='pa-group'>{escape(section)}</div>")
            current = section
            gloss = f"<div class='pa-gloss'>≈ {escape(point.gloss)}</div>" if point.gloss else ""
            chips = "".join(chip(n) for n in point.refs)
            html.append(f"<div class='pa-point'>{emphasise(point.text)} {chips}{gloss}</div>")
        cited = [by_number[n] for p in group for n in p.refs if n in by_number] + unpointed.get(doc_id, [])
        cited = list({c.number: c for c in cited}.values())
        if cited:
            chunks = doc_chunks(doc_id)
            html.append(f"<details class='pa-original'><summary>{escape(LABELS[language]['original'].format(n=len(cited)))}"
                        "</summary>" + "".join(clause_in_context(c, chunks, language) for c in cited) + "</details>")
        out.append("".join(html) + "</section>")
    return out


def _section(by_number: dict[int, Citation], point: Point) -> str:
    first = next((by_number[n] for n in point.refs if n in by_number), None)
    return first.section_path[-1] if first and first.section_path else ""


NEAR_ENOUGH = 0.25  # dense similarity of a declined question's clause worth naming its unit for


def _decline_help(answer: Answer, searched: Sequence[DocumentMeta], suggestions: Sequence[str], language: str) -> list[str]:
    """What was searched, questions the knowledge base does answer, whom to ask about the nearest topic."""
    labels = LABELS[language]
    out = []
    if searched:
        places = list(dict.fromkeys(place_of(d, language) for d in searched))
        shown = joined(places[:8], language) + ("…" if len(places) > 8 else "")
        out.append(f"<p class='pa-searched'>{escape(labels['searched'].format(n=len(searched), places=shown))}</p>")
    if suggestions:
        buttons = "".join(f"<button class='pa-ask' type='button'>{escape(q)}</button>" for q in suggestions)
        out.append(f"<div class='pa-try'><p>{escape(labels['try'])}</p>{buttons}</div>")
    # (only a clause near the question in meaning: for "青澜明天会下雨吗" no unit is the one to ask)
    nearest = next((hit.chunk for hit in answer.retrieved[:5]
                    if hit.chunk.responsible_units and hit.similarity >= NEAR_ENOUGH), None)
    if nearest is not None:
        topic = nearest.section_path[-1] if nearest.section_path else ""
        text = labels["ask_unit"].format(units="、".join(nearest.responsible_units), topic=topic)
        out.append(f"<p class='pa-whom'>{escape(text)}</p>")
    return out
