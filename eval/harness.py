"""Run a question set through the assistant and score it (FORMAT.md)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from .metrics import QuestionResult, evidence_rank, missing_key_facts, summarise
from .questions import Question

HERE = Path(__file__).resolve().parent


def default_questions() -> Path:
    return HERE / "dev.jsonl"


@dataclass
class EvalReport:
    summary: dict[str, float | int]
    results: list[QuestionResult]

    def to_json(self) -> dict:
        return {"summary": self.summary, "results": [
            {"id": r.id, "refused": r.refused, "evidence_rank": r.evidence_rank, "cited_evidence": r.cited_evidence,
             "key_facts_missing": r.key_facts_missing, "latency_ms": round(r.latency_ms, 2), "answer": r.answer,
             "citations": list(r.citations)} for r in self.results]}

    def table(self) -> str:
        width = max(len(k) for k in self.summary)
        return "\n".join(f"{key:<{width}}  {value}" for key, value in self.summary.items())


def score(question: Question, answer, retrieved_texts: list[str], latency_ms: float) -> QuestionResult:
    """Score one answer. What counts as "the answer": its text plus its citation labels."""
    labels = [citation.label for citation in answer.citations]
    cited_texts = [hit.chunk.text for hit in answer.retrieved if hit.chunk.chunk_id in
                   {c.chunk_id for c in answer.citations}]
    cited = evidence_rank(cited_texts, question.evidence) is not None if question.evidence else False
    return QuestionResult(
        id=question.id, answerable=question.answerable, refused=answer.refused,
        evidence_rank=evidence_rank(retrieved_texts, question.evidence) if question.evidence else None,
        cited_evidence=cited,
        key_facts_missing=missing_key_facts(answer.text + "\n" + "\n".join(labels), question.key_facts),
        latency_ms=latency_ms, answer=answer.text, citations=tuple(labels),
        flagged=_flagged(answer))


def _flagged(answer) -> bool | None:
    """For LLM answers: whether verification flagged something (a fallback counts); None otherwise."""
    if answer.answerer == "extractive-fallback":
        return True
    if answer.answerer == "llm":
        return bool(answer.verification and answer.verification["flagged"])
    return None


def run_eval(assistant, questions: list[Question], top_k: int = 10, progress: bool = True) -> EvalReport:
    from tqdm import tqdm

    results = []
    for question in tqdm(questions, desc="eval", unit="q", disable=not progress):
        started = time.perf_counter()
        answer = assistant.ask(question.question, question.history, top_k=top_k)
        latency = (time.perf_counter() - started) * 1000
        results.append(score(question, answer, [hit.chunk.text for hit in answer.retrieved], latency))
    return EvalReport(summarise(results), results)
