"""How an extractive answer's lines are written: the sources, column headings over quoted
criteria rows, and topics suggested with a decline. Pure functions."""

from __future__ import annotations

import re

from .types import SECTION_SEPARATOR, Citation, DocumentMeta, ScoredChunk


def related_topics(retrieved: list[ScoredChunk], limit: int = 3) -> list[tuple[str, str]]:
    """Section titles of the clauses retrieval found nearest, as topics to ask about."""
    topics: list[tuple[str, str]] = []
    for hit in retrieved:
        if hit.coverage < 0.1 or hit.chunk.kind not in ("clause", "article", "list", "table_row", "table_record"):
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
    details = [f"{texts['region']}{doc.region or texts['no_region']}"]
    if doc.doc_number:
        details.append(doc.doc_number)
    if doc.date_issued:
        details.append(doc.date_issued)
    if "draft" in citation.flags:
        details.append("征求意见稿")
    suffix = f"（{texts['sep'].join(details)}）"
    return f"[{citation.number}] {citation.title}{SECTION_SEPARATOR}{SECTION_SEPARATOR.join(citation.section_path)}{suffix}"


MAX_LIST_ROWS = 16  # a whole table asked for; longer ones are cut (the sources name the table)


def column_headings(citations: list[Citation], rows: list[bool]) -> list[str | None]:
    """A heading before each criteria column when rows of several are quoted ("小巨人企业 › 制造类："),
    so that numbered rows of one column are not read as going on from another's."""
    paths = [c.section_path for c, row in zip(citations, rows) if row]
    if len(set(paths)) < 2:
        return [None] * len(citations)
    # the table's own title, common to every column, is in the sources
    shared = 1 if all(len(p) > 1 and p[0] == paths[0][0] for p in paths) else 0
    headings: list[str | None] = []
    previous = None
    for citation, row in zip(citations, rows):
        path = citation.section_path if row else None
        headings.append(f"{SECTION_SEPARATOR.join(path[shared:])}：" if path and path != previous else None)
        previous = path
    return headings
