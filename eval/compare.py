"""Several retrieval configurations on the same questions and index, in one run."""

from __future__ import annotations

import time
from pathlib import Path

from .harness import EvalReport, run_eval
from .metrics import QuestionResult, percentile
from .questions import Question

CONFIGS = ("bm25", "dense", "hybrid", "baseline")
RETRIEVAL_ONLY = ("recall@1", "recall@3", "recall@5", "recall@10", "mrr@10", "latency_ms_p50", "latency_ms_p95")


def parse_configs(value: str) -> list[str]:
    names = [name.strip() for name in value.split(",") if name.strip()]
    unknown = [name for name in names if name not in CONFIGS]
    if not names or unknown:
        raise ValueError(f"--compare takes a comma-separated list of {', '.join(CONFIGS)}; got {value!r}")
    return list(dict.fromkeys(names))


def run_compare(assistant, questions: list[Question], configs: list[str], top_k: int,
                baseline_dir: Path, progress: bool = True) -> dict[str, EvalReport]:
    """An :class:`EvalReport` per configuration; ``baseline`` is scored on retrieval only."""
    from assistant.service import Assistant

    reports: dict[str, EvalReport] = {}
    base = assistant.retriever
    for name in configs:
        if name == "baseline":
            reports[name] = _baseline(assistant, questions, top_k, baseline_dir)
            continue
        variant = Assistant(base.with_mode(name), assistant.glossary, assistant.settings)
        reports[name] = run_eval(variant, questions, top_k=top_k, progress=progress)
    return reports


def _baseline(assistant, questions: list[Question], top_k: int, baseline_dir: Path) -> EvalReport:
    from .baseline import baseline_ranks

    started = time.perf_counter()
    ranks = baseline_ranks(assistant.settings.documents_dir, baseline_dir, assistant.retriever.embeddings,
                           questions, k=top_k)
    per_question = (time.perf_counter() - started) * 1000 / max(len(questions), 1)
    results = [QuestionResult(q.id, q.answerable, False, rank, False, [], per_question)
               for q, rank in zip(questions, ranks)]
    from .metrics import summarise

    full = summarise(results)
    summary = {key: full[key] for key in ("questions", "answerable", *RETRIEVAL_ONLY)}
    summary["latency_ms_p50"] = summary["latency_ms_p95"] = round(percentile([per_question], 50), 2)
    return EvalReport(summary, results)


def comparison_table(reports: dict[str, EvalReport]) -> str:
    """Metrics as rows, configurations as columns; 'n/a' where a metric does not apply."""
    metrics = list(max((r.summary for r in reports.values()), key=len))
    width = max(len(m) for m in metrics)
    lines = [f"{'':<{width}}  " + "  ".join(f"{name:>9}" for name in reports)]
    for metric in metrics:
        cells = [reports[name].summary.get(metric, "n/a") for name in reports]
        lines.append(f"{metric:<{width}}  " + "  ".join(f"{str(cell):>9}" for cell in cells))
    return "\n".join(lines)


def gain_over_baseline(reports: dict[str, EvalReport], metric: str = "recall@5") -> dict[str, float]:
    """For each configuration, its ``metric`` divided by the baseline's, measured in this run."""
    if "baseline" not in reports or not reports["baseline"].summary.get(metric):
        return {}
    base = reports["baseline"].summary[metric]
    return {name: round(r.summary[metric] / base, 2) for name, r in reports.items() if name != "baseline"}


def with_primary(compare: str | None, primary: str) -> list[str]:
    """The configurations named by ``--compare`` (none: only ``primary``), ``primary`` first when missing."""
    if not compare:
        return [primary]
    configs = parse_configs(compare)
    return configs if primary in configs else [primary, *configs]
