"""HTML for the web chat's sources panel. Every text from a question or a document is
escaped before any markup is added, so hostile HTML is shown as text, never run."""

from __future__ import annotations

import re
from html import escape

from ..types import SECTION_SEPARATOR, Answer, Chunk

FLAG_LABELS = {
    "zh": {"draft": "征求意见稿", "period_ended": "政策期已结束", "expired": "已过有效期", "invalid": "已失效", "repealed": "已被废止",
           "amended": "部分条款已修改", "units": "责任单位", "none": "暂无来源。"},
    "en": {"draft": "draft for comments", "period_ended": "policy period ended", "expired": "no longer in force", "invalid": "no longer in force",
           "repealed": "repealed", "amended": "partly amended", "units": "Responsible units",
           "none": "No sources yet."},
}


_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]()!|~])")
_AUTOLINK = re.compile(r"(?i)\b(https?|ftp|www)(:|\.)")


def plain_markdown(text: str) -> str:
    """``text`` for a Markdown component, shown exactly as written: HTML escaped, and the
    Markdown that would make a link, an image or emphasis escaped with backslashes (so a
    clause's ``![x](http://…)`` shows as those characters, and nothing is fetched or linked)."""
    text = _MARKDOWN_PUNCTUATION.sub(r"\\\1", escape(text, quote=False))
    return _AUTOLINK.sub(lambda m: m.group(1) + "\\" + m.group(2), text)  # no bare-URL autolinks either


def highlight(clause: str, quote: str) -> str:
    """The clause, escaped, with each quoted passage wrapped in <mark>."""
    spans: list[tuple[int, int]] = []
    for part in (p.strip() for p in quote.split("……")):
        start = clause.find(part) if part else -1
        if start >= 0:
            spans.append((start, start + len(part)))
    out, position = [], 0
    for start, end in sorted(spans):
        if start < position:
            continue
        out.append(escape(clause[position:start]))
        out.append(f"<mark>{escape(clause[start:end])}</mark>")
        position = end
    out.append(escape(clause[position:]))
    return "".join(out)


def sources_html(answer: Answer | None, chunk_of, language: str = "zh") -> str:
    """One collapsible block per citation: title, section path, region, flags, the clause."""
    labels = FLAG_LABELS.get(language, FLAG_LABELS["zh"])
    if answer is None or not answer.citations:
        return f"<div class='pa-sources'><p>{escape(labels['none'])}</p></div>"
    blocks = []
    for citation in answer.citations:
        chunk: Chunk = chunk_of(citation.chunk_id)
        badges = "".join(f"<span class='pa-flag pa-{flag}'>{escape(labels[flag])}</span>" for flag in citation.flags)
        region = f"<span class='pa-region'>{escape(citation.region)}</span>" if citation.region else ""
        units = ""
        if chunk.responsible_units:
            units = f"<p class='pa-units'>{escape(labels['units'])}：{escape('、'.join(chunk.responsible_units))}</p>"
        path = escape(SECTION_SEPARATOR.join(citation.section_path))
        blocks.append(
            f"<details class='pa-source' id='source-{citation.number}'>"
            f"<summary>[{citation.number}] {escape(citation.title)} › {path}</summary>"
            f"<div>{region}{badges}</div><p class='pa-clause'>{highlight(chunk.text, citation.quote)}</p>{units}"
            f"</details>")
    return "<div class='pa-sources'>" + "".join(blocks) + "</div>"
