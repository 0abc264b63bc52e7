"""A self-contained HTML report: summary, comparison chart, and every question, failures first."""

from __future__ import annotations

import base64
import datetime as dt
from html import escape

from .harness import EvalReport
from .metrics import QuestionResult
from .questions import Question

STYLE = """body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:2em;max-width:70em;color:#222}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:right}
th:first-child,td:first-child{text-align:left}.q{border:1px solid #ddd;border-radius:6px;padding:.6em 1em;margin:.8em 0}
.fail{border-left:6px solid #c62828}.pass{border-left:6px solid #2e7d32}pre{white-space:pre-wrap;background:#f7f7f7;padding:.6em}
.tag{display:inline-block;padding:0 .5em;border-radius:4px;background:#eee;margin-right:.4em}"""


def failed(result: QuestionResult) -> list[str]:
    """Why a question counts as a failure (empty when it passed)."""
    if not result.answerable:
        return [] if result.refused else ["answered a question the knowledge base does not cover"]
    reasons = []
    if result.refused:
        reasons.append("declined an answerable question")
    if result.evidence_rank is None or result.evidence_rank > 5:
        reasons.append(f"evidence not in the top 5 (rank {result.evidence_rank or '> k'})")
    if not result.cited_evidence:
        reasons.append("no citation contains the evidence")
    if result.key_facts_missing:
        reasons.append("missing key facts")
    return reasons


def render_report(reports: dict[str, EvalReport], primary: str, questions: list[Question],
                  chart_png: bytes | None = None, source: str = "") -> str:
    """The whole page as one HTML string (the chart inlined), every text escaped."""
    by_id = {q.id: q for q in questions}
    report = reports[primary]
    parts = [f"<!doctype html><html lang='zh'><head><meta charset='utf-8'><title>Evaluation report</title>"
             f"<style>{STYLE}</style></head><body>",
             f"<h1>Evaluation report</h1><p>{escape(source)} · {len(questions)} questions · "
             f"{dt.datetime.now().strftime('%Y-%m-%d %H:%M')} · answers from <b>{escape(primary)}</b></p>",
             "<h2>Summary</h2>", _summary_table(reports)]
    if chart_png:
        encoded = base64.b64encode(chart_png).decode()
        parts.append(f"<img alt='comparison chart' src='data:image/png;base64,{encoded}'>")
    ordered = sorted(report.results, key=lambda r: (not failed(r), r.id))
    count = sum(1 for r in ordered if failed(r))
    parts.append(f"<h2>Questions ({count} failing, shown first)</h2>")
    parts.extend(_question(result, by_id.get(result.id)) for result in ordered)
    parts.append("</body></html>")
    return "\n".join(parts)


def _summary_table(reports: dict[str, EvalReport]) -> str:
    metrics = list(max((r.summary for r in reports.values()), key=len))
    head = "".join(f"<th>{escape(name)}</th>" for name in reports)
    rows = "".join(f"<tr><td>{escape(m)}</td>" + "".join(
        f"<td>{escape(str(r.summary.get(m, 'n/a')))}</td>" for r in reports.values()) + "</tr>" for m in metrics)
    return f"<table><tr><th>metric</th>{head}</tr>{rows}</table>"


def _question(result: QuestionResult, question: Question | None) -> str:
    reasons = failed(result)
    text = escape(question.question) if question else ""
    history = ""
    if question and question.history:
        history = "<p>after: " + " / ".join(escape(t.content) for t in question.history) + "</p>"
    tags = [f"<span class='tag'>{'answerable' if result.answerable else 'unanswerable'}</span>",
            f"<span class='tag'>evidence rank {result.evidence_rank if result.evidence_rank else '—'}</span>",
            f"<span class='tag'>{'refused' if result.refused else 'answered'}</span>",
            f"<span class='tag'>{result.latency_ms:.0f} ms</span>"]
    missing = ""
    if result.key_facts_missing:
        missing = "<p>missing key facts: " + ", ".join(escape(str(f)) for f in result.key_facts_missing) + "</p>"
    why = "<p><b>" + "; ".join(escape(r) for r in reasons) + "</b></p>" if reasons else ""
    citations = "".join(f"<li>{escape(c)}</li>" for c in result.citations)
    return (f"<div class='q {'fail' if reasons else 'pass'}'><h3>{escape(result.id)}: {text}</h3>{history}"
            f"{''.join(tags)}{why}{missing}<pre>{escape(result.answer)}</pre>"
            f"{'<ol>' + citations + '</ol>' if citations else ''}</div>")


def write_report(path, reports: dict[str, EvalReport], primary: str, questions: list[Question], source: str) -> str:
    """Write the HTML report (and its comparison chart, when several configurations ran); says what was written."""
    from .chart import comparison_chart

    chart = comparison_chart({name: r.summary for name, r in reports.items()}) if len(reports) > 1 else None
    if chart:
        path.with_suffix(".png").write_bytes(chart)
    path.write_text(render_report(reports, primary, questions, chart, source), encoding="utf-8")
    return f"wrote {path}" + (f" and {path.with_suffix('.png')}" if chart else "")
