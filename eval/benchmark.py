"""Benchmark on this machine: ingest time, warm ask latency, memory, accuracy per question set.

    python -m eval.benchmark [--rounds 5] [--questions eval/dev.jsonl]

Prints the figures the README reports. Uses a fresh temporary index so the ingest time
includes loading the embedding model. Accuracy is reported for the development sets
(``dev.jsonl``, ``dev-natural.jsonl``, on the seed documents) and for the project's own
sets (``sets/tune.jsonl``, the half the decision was calibrated on, and ``sets/check.jsonl``,
the half nothing was tuned on), on the seeds plus the fictional documents of ``corpus/``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from .harness import default_questions, run_eval
from .metrics import percentile
from .questions import load_questions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="passes over the questions for latency")
    parser.add_argument("--questions", type=Path, default=default_questions())
    parser.add_argument("--no-baseline", action="store_true", help="skip the LangChain default recipe")
    args = parser.parse_args()

    import psutil

    from assistant.embeddings import load_embeddings, model_slug
    from assistant.service import Assistant
    from assistant.settings import load_settings
    from assistant.store import ChunkStore
    from assistant.indexing import ingest

    questions = load_questions(args.questions).questions
    figures: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(index_dir=Path(tmp) / "index")
        started = time.perf_counter()
        embeddings = load_embeddings(settings.embedding_model, settings.threads)
        store = ChunkStore(settings.index_dir, model_slug(settings.embedding_model))
        report = ingest([settings.documents_dir], store=store, embeddings=embeddings,
                        knowledge_dir=settings.knowledge_dir, max_tokens=settings.chunk_max_tokens, sync=True,
                        progress=False)
        figures["ingest_s_with_model_load"] = round(time.perf_counter() - started, 2)
        figures["chunks"] = store.count()
        started = time.perf_counter()
        again = ingest([settings.documents_dir], store=store, embeddings=embeddings,
                       knowledge_dir=settings.knowledge_dir, max_tokens=settings.chunk_max_tokens, sync=True,
                       progress=False)
        figures["reingest_unchanged_s"] = round(time.perf_counter() - started, 2)
        assert again.chunks_written == 0, report

        assistant = Assistant.from_settings(settings, progress=False)
        evaluation = run_eval(assistant, questions, progress=False)  # also warms every code path
        figures.update({k: evaluation.summary[k] for k in (
            "questions", "recall@1", "recall@5", "recall@10", "mrr@10", "citation_hit", "key_fact_accuracy",
            "refusal_accuracy", "false_refusal_rate")})
        latencies = []
        for _ in range(args.rounds):
            for question in questions:
                t0 = time.perf_counter()
                assistant.ask(question.question, question.history)
                latencies.append((time.perf_counter() - t0) * 1000)
        figures["warm_ask_ms_p50"] = round(percentile(latencies, 50), 2)
        figures["warm_ask_ms_p95"] = round(percentile(latencies, 95), 2)
        figures["asks_timed"] = len(latencies)
        from assistant.exports import answer_batch

        batch = [(q.question, None) for q in questions if not q.history] * 8
        started = time.perf_counter()
        answer_batch(assistant, batch[:200])
        figures["batch_200_questions_s"] = round(time.perf_counter() - started, 2)
        figures["rss_mb_serving"] = round(psutil.Process().memory_info().rss / 2**20, 1)
        figures.update(_serve_figures(settings.index_dir, questions))
        figures["accuracy"], figures["all_sets_latency"] = _set_figures(assistant, Path(tmp), args.rounds)
        if not args.no_baseline:
            from .baseline import baseline_ranks

            ranks = baseline_ranks(settings.documents_dir, Path(tmp) / "baseline", embeddings,
                                   [q for q in questions if q.answerable])
            figures["baseline_recall@5"] = round(sum(1 for r in ranks if r and r <= 5) / len(ranks), 4)
    print(json.dumps(figures, ensure_ascii=False, indent=2))


SUMMARY = ("questions", "recall@5", "citation_hit", "key_fact_accuracy", "refusal_accuracy", "false_refusal_rate",
           "latency_ms_p50", "latency_ms_p95")


def _set_figures(seed_assistant, workdir: Path, rounds: int) -> tuple[dict, dict]:
    """Accuracy of each question set, and warm latency over all their questions."""
    from assistant.service import Assistant

    from .library import evaluation_settings

    here = Path(__file__).resolve().parent
    library = Assistant.from_settings(evaluation_settings(workdir / "library"), progress=False)
    runs = [("dev.jsonl", seed_assistant, here / "dev.jsonl"),
            ("dev-natural.jsonl", seed_assistant, here / "dev-natural.jsonl"),
            ("sets/tune.jsonl", library, here / "sets" / "tune.jsonl"),
            ("sets/check.jsonl", library, here / "sets" / "check.jsonl")]
    accuracy, latencies = {}, []
    for name, assistant, path in runs:
        questions = load_questions(path).questions
        summary = run_eval(assistant, questions, progress=False).summary
        accuracy[name] = {k: summary[k] for k in SUMMARY}
        for _ in range(rounds):
            for question in questions:
                t0 = time.perf_counter()
                assistant.ask(question.question, question.history)
                latencies.append((time.perf_counter() - t0) * 1000)
    return accuracy, {"asks_timed": len(latencies), "warm_ask_ms_p50": round(percentile(latencies, 50), 2),
                      "warm_ask_ms_p95": round(percentile(latencies, 95), 2)}


def _serve_figures(index_dir: Path, questions) -> dict[str, object]:
    """RSS of a real `policy-assistant serve` process after it answered every question once."""
    import psutil
    from gradio_client import Client

    from .load import start_server

    url, server = start_server(POLICY_ASSISTANT_INDEX_DIR=str(index_dir))
    try:
        client = Client(url, verbose=False)
        for question in questions:
            client.predict(question.question, None, [], api_name="/ask")
        return {"rss_mb_serve_process": round(psutil.Process(server.pid).memory_info().rss / 2**20, 1)}
    finally:
        server.terminate()
        server.wait(timeout=30)

if __name__ == "__main__":
    main()
