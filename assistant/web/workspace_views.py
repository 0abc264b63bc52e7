"""What the workspace shows: a cited clause within its section, a document's clause tree.

Pure functions over the retriever's chunks; every text from a document is HTML-escaped.
"""

from __future__ import annotations

from html import escape

from ..types import SECTION_SEPARATOR, Citation
from .render import highlight


def section_context(assistant, citation: Citation) -> str:
    """The clause within its section (the clauses under the same parent heading), cited one marked."""
    chunk = assistant.retriever.chunk(citation.chunk_id)
    parent = chunk.section_path[: max(1, len(chunk.section_path) - 1)]
    siblings = [c for c in assistant.retriever.chunks if c.doc_id == chunk.doc_id and c.section_path[: len(parent)] == parent]
    parts = [f"<h4>[{citation.number}] {escape(citation.title)} › {escape(SECTION_SEPARATOR.join(parent))}</h4>"]
    for sibling in siblings:
        text = highlight(sibling.text, citation.quote) if sibling.chunk_id == chunk.chunk_id else escape(sibling.text)
        style = " class='pa-cited'" if sibling.chunk_id == chunk.chunk_id else ""
        parts.append(f"<p{style}><small>{escape(sibling.chunk_id)} · {escape(sibling.section_path[-1])}</small><br>{text}</p>")
    return "".join(parts)


def clause_tree(assistant, doc_id: str) -> str:
    """A document as nested headings with each chunk's id, as it was split."""
    out, previous = [], ()
    for chunk in (c for c in assistant.retriever.chunks if c.doc_id == doc_id):
        path = chunk.section_path
        common = 0
        while common < min(len(path), len(previous)) and path[common] == previous[common]:
            common += 1
        for depth in range(common, len(path)):
            out.append(f"<div style='margin-left:{depth * 1.2}em'><b>{escape(path[depth])}</b></div>")
        out.append(f"<div style='margin-left:{len(path) * 1.2}em'><code>{escape(chunk.chunk_id)}</code> "
                   f"<small>[{escape(chunk.kind)}]</small> {escape(chunk.text[:160])}</div>")
        previous = path
    return "".join(out) or "<p>—</p>"


def _label(citation: Citation) -> str:
    return f"[{citation.number}] {citation.title}{SECTION_SEPARATOR}{SECTION_SEPARATOR.join(citation.section_path)}"


def citation_label(citation: Citation) -> str:
    """How a draft's source is listed: "[n] title › section path"."""
    return f"[{citation.number}] {citation.title}{SECTION_SEPARATOR}{SECTION_SEPARATOR.join(citation.section_path)}"
