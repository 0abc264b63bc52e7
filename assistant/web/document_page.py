"""The whole document as one page (``GET /doc/{doc_id}``): its facts, then every clause in
reading order under its section path, each with an anchor (``#c-<chunk id>``) that a citation
links to, so a reader can check a quote against everything around it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

from ..types import SECTION_SEPARATOR, Chunk, DocumentMeta
from .card import doc_header
from .texts import LABELS

PAGE_STYLE = """body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:860px;margin:0 auto;padding:1em;
line-height:1.7;color:#1f2937}h1{font-size:1.3em}.pa-doc-head{display:flex;flex-wrap:wrap;gap:.5em;color:#4b5563}
.pa-doc-title{display:none}.pa-status{padding:0 .5em;border-radius:4px;background:#eef2ff}.pa-status-draft,
.pa-status-ended,.pa-status-expired{background:#fde2e1;color:#8a1c1c}h2{font-size:1em;color:#374151;margin:1.4em 0 .3em}
section{padding:.3em .6em;border-left:3px solid transparent;white-space:pre-wrap}section:target{border-color:#c2410c;
background:#fff7ed}.units{color:#4b5563;font-size:.9em}"""


def document_page(doc: DocumentMeta, chunks: Sequence[Chunk], today: dt.date, language: str = "zh") -> str:
    """The page's HTML; every text from the document is escaped."""
    language = language if language in LABELS else "zh"
    body, path = [], None
    for chunk in chunks:
        if chunk.section_path != path:
            path = chunk.section_path
            body.append(f"<h2>{escape(SECTION_SEPARATOR.join(path))}</h2>")
        units = (f"<div class='units'>{escape(LABELS[language]['whom'])}{escape('、'.join(chunk.responsible_units))}</div>"
                 if chunk.responsible_units else "")
        body.append(f"<section id='c-{escape(chunk.chunk_id)}'>{escape(chunk.text)}{units}</section>")
    issuer = f"<p>{escape(doc.issuer)}</p>" if doc.issuer else ""
    return (f"<!doctype html><html lang='{language}'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{escape(doc.title)}</title><style>{PAGE_STYLE}</style></head><body>"
            f"<h1>{escape(doc.title)}</h1>{doc_header(doc, today, language)}{issuer}{''.join(body)}</body></html>")
