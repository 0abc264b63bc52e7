"""Evaluation metrics exactly as ``FORMAT.md`` defines them. Pure functions.

Matching rule for evidence and key facts alike: both sides NFKC-normalised with all
whitespace removed, then plain substring containment.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

KeyFact = str | Sequence[str]  # a string, or alternatives of which one must appear
RECALL_KS = (1, 3, 5, 10)


def normalise(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def contains(haystack: str, needle: str) -> bool:
    return normalise(needle) in normalise(haystack)


def evidence_rank(chunk_texts: Sequence[str], evidence: Sequence[str]) -> int | None:
    """1-based rank of the first chunk containing any evidence passage, or None."""
    for rank, text in enumerate(chunk_texts, start=1):
        if any(contains(text, passage) for passage in evidence):
            return rank
    return None


def missing_key_facts(answer_text: str, key_facts: Sequence[KeyFact]) -> list[KeyFact]:
    """Key facts (or groups of alternatives) none of whose forms appear in the answer."""
    missing = []
    for fact in key_facts:
        forms = [fact] if isinstance(fact, str) else list(fact)
        if not any(contains(answer_text, form) for form in forms):
            missing.append(fact)
    return missing


@dataclass(frozen=True)
class QuestionResult:
    """What one question scored; the inputs of :func:`summarise`."""

    id: str
    answerable: bool
    refused: bool
    evidence_rank: int | None
    cited_evidence: bool
    key_facts_missing: list[KeyFact]
    latency_ms: float
    answer: str = ""
    citations: tuple[str, ...] = ()
    flagged: bool | None = None  # the LLM answer's verification flagged something; None: not verified


def percentile(values: Sequence[float], q: float) -> float:
    """Linear-interpolated percentile (q in 0..100); 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summarise(results: Sequence[QuestionResult]) -> dict[str, float | int]:
    """The ``summary`` object of FORMAT.md."""
    answerable = [r for r in results if r.answerable]
    unanswerable = [r for r in results if not r.answerable]

    def share(items, predicate) -> float:
        return round(sum(1 for r in items if predicate(r)) / len(items), 4) if items else 0.0

    summary: dict[str, float | int] = {"questions": len(results), "answerable": len(answerable)}
    for k in RECALL_KS:
        summary[f"recall@{k}"] = share(answerable, lambda r, k=k: r.evidence_rank is not None and r.evidence_rank <= k)
    mrr = [1.0 / r.evidence_rank if r.evidence_rank and r.evidence_rank <= 10 else 0.0 for r in answerable]
    summary["mrr@10"] = round(sum(mrr) / len(mrr), 4) if mrr else 0.0
    summary["citation_hit"] = share(answerable, lambda r: r.cited_evidence)
    summary["key_fact_accuracy"] = share(answerable, lambda r: not r.refused and not r.key_facts_missing)
    summary["refusal_accuracy"] = share(unanswerable, lambda r: r.refused)
    summary["false_refusal_rate"] = share(answerable, lambda r: r.refused)
    verified = [r for r in results if r.flagged is not None]
    if verified:  # LLM answers: the share whose verification flagged a marker or a number
        summary["verification_flagged"] = share(verified, lambda r: r.flagged)
    latencies = [r.latency_ms for r in results]
    summary["latency_ms_p50"] = round(percentile(latencies, 50), 2)
    summary["latency_ms_p95"] = round(percentile(latencies, 95), 2)
    return summary
