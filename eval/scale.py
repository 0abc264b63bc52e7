"""Scale benchmark: synthetic libraries of growing size, as a province's platform would hold.

    python -m eval.scale [--sizes 2000,20000,40000,100000] [--real-up-to 2000] [--json]
    python -m eval.scale --sizes 2000,20000 --chroma-server

For each size (in chunks): writes a library (``eval.scale_library``), times the cold ingest,
a one-document change, then, in a fresh process, start-up, RSS and ask p50/p95 over the
development questions; then the REST API's throughput on the seed library (``eval.load``, 20
clients, 10 questions each; ``--no-rest`` skips it). Libraries above ``--real-up-to`` chunks get stable pseudo-random
document vectors (a hash of the text) instead of the model's, so the benchmark does not
spend an hour embedding; questions are always embedded by the real model.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from assistant.settings import PROJECT_ROOT, Settings

from .scale_library import write_library

QUESTION_FILES = (PROJECT_ROOT / "eval" / "dev.jsonl", PROJECT_ROOT / "eval" / "dev-natural.jsonl")


class StableRandomEmbeddings:
    """Document vectors from a hash of the text (the same text, the same vector); queries by ``model``."""

    def __init__(self, model, dimension: int) -> None:
        self._model, self._dimension = model, dimension

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        out = []
        for text in texts:
            seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little")
            vector = np.random.default_rng(seed).standard_normal(self._dimension)
            out.append((vector / np.linalg.norm(vector)).tolist())
        return out

    def embed_query(self, text: str) -> list[float]:
        return self._model.embed_query(text)


def _settings(folder: Path, chroma_url: str | None) -> Settings:
    return Settings(knowledge_dir=folder / "knowledge", index_dir=folder / "index", chroma_url=chroma_url)


def _store_and_model(settings: Settings, real: bool):
    from assistant.embeddings import load_embeddings, model_slug
    from assistant.store import ChunkStore

    model = load_embeddings(settings.embedding_model, settings.threads)
    store = ChunkStore(settings.index_dir, model_slug(settings.embedding_model), settings.chroma_url)
    dimension = len(model.embed_query("维度"))
    return store, model if real else StableRandomEmbeddings(model, dimension)


def _ingest(settings: Settings, store, embeddings) -> tuple[float, object]:
    from assistant.indexing import ingest
    from assistant.segments import segment_folder

    started = time.perf_counter()  # as `policy-assistant ingest` does it, lexical segments included
    report = ingest([settings.documents_dir], store=store, embeddings=embeddings, knowledge_dir=settings.knowledge_dir,
                    max_tokens=settings.chunk_max_tokens, sync=True, progress=False, limits=settings.file_limits,
                    segments=segment_folder(settings))
    return time.perf_counter() - started, report


def build(size: int, folder: Path, real_up_to: int, chroma_url: str | None, chunks_per_replica: int) -> dict:
    """Write and index a library of about ``size`` chunks; time the cold ingest and one change."""
    settings = _settings(folder, chroma_url)
    write_library(settings.knowledge_dir, max(1, math.ceil(size / chunks_per_replica)))
    store, embeddings = _store_and_model(settings, size <= real_up_to)
    cold, report = _ingest(settings, store, embeddings)
    if report.errors:
        raise SystemExit(f"ingest failed: {report.errors[:3]}")
    changed = max(settings.documents_dir.iterdir())
    changed.write_text(changed.read_text(encoding="utf-8") + "\n十、其他\n本方案由县工业和信息化局负责解释。\n",
                       encoding="utf-8")
    update, report = _ingest(settings, store, embeddings)
    return {"chunks": store.count(), "documents": len(list(settings.documents_dir.iterdir())),
            "vectors": "model" if size <= real_up_to else "stable random",
            "cold_ingest_s": round(cold, 1), "one_document_changed_s": round(update, 2),
            "changed": report.summary()}


def probe(folder: Path, chroma_url: str | None) -> dict:
    """In this (fresh) process: start-up, RSS and ask latencies over the development questions."""
    import psutil

    from assistant.service import Assistant
    from eval.questions import load_questions

    settings = _settings(folder, chroma_url)
    started = time.perf_counter()
    assistant = Assistant.from_settings(settings, progress=False)
    startup = time.perf_counter() - started
    questions = [q for path in QUESTION_FILES for q in load_questions(path).questions]
    latencies = []
    for question in questions:
        began = time.perf_counter()
        assistant.ask(question.question, question.history or None)
        latencies.append((time.perf_counter() - began) * 1000)
    latencies.sort()
    return {"startup_s": round(startup, 1), "rss_mb": round(psutil.Process().memory_info().rss / 2**20),
            "questions": len(latencies), "ask_p50_ms": round(statistics.median(latencies), 1),
            "ask_p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))], 1)}


def _probe_in_child(folder: Path, chroma_url: str | None) -> dict:
    command = [sys.executable, "-m", "eval.scale", "--probe", str(folder)] + (["--chroma-url", chroma_url] if chroma_url else [])
    done = subprocess.run(command, capture_output=True, text=True, cwd=PROJECT_ROOT, check=False)
    if done.returncode:
        return {"probe_error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _seed_chunks() -> int:
    from ingest.catalog import load_catalog
    from ingest.pipeline import prepare

    settings = Settings()
    catalog = load_catalog(settings.knowledge_dir)
    return sum(len(prepare(path, catalog, settings.chunk_max_tokens).chunks)
               for path in sorted(settings.documents_dir.iterdir()) if path.is_file())


def chroma_server(folder: Path):
    """``chroma run`` on a free port with its data in ``folder``: (its URL, the process)."""
    import socket

    from .load import free_port

    port = free_port()
    process = subprocess.Popen([str(Path(sys.executable).parent / "chroma"), "run", "--path", str(folder),
                                "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return f"http://127.0.0.1:{port}", process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("chroma run did not start listening within 60 s")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,20000,40000,100000", help="library sizes in chunks")
    parser.add_argument("--real-up-to", type=int, default=2000, help="largest library embedded by the model")
    parser.add_argument("--chroma-url", default=None, help="run against this Chroma server")
    parser.add_argument("--chroma-server", action="store_true", help="start a Chroma server (chroma run) and use it")
    parser.add_argument("--keep", type=Path, default=None, help="build the libraries here and keep them")
    parser.add_argument("--probe", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--no-rest", action="store_true", help="skip the REST throughput run")
    args = parser.parse_args(argv)
    if args.probe:
        print(json.dumps(probe(args.probe, args.chroma_url)))
        return
    per_replica = _seed_chunks()
    root = args.keep or Path(tempfile.mkdtemp(prefix="scale-"))
    for size in (int(s) for s in args.sizes.split(",")):
        folder = root / f"lib-{size}{'-server' if args.chroma_server else ''}"
        server = None
        url = args.chroma_url
        if args.chroma_server:
            url, server = chroma_server(folder / "chroma-server")
        try:
            row = {"target": size, "store": "chroma server" if url else "embedded",
                   **build(size, folder, args.real_up_to, url, per_replica)}
            row.update(_probe_in_child(folder, url))
        finally:
            if server:
                server.terminate()
                server.wait(timeout=30)
        print(json.dumps(row, ensure_ascii=False) if args.json else
              "  ".join(f"{k}={v}" for k, v in row.items() if k != "changed"), flush=True)
    if not args.no_rest:
        print(json.dumps(_rest_throughput()) if args.json else
              "  ".join(f"{k}={v}" for k, v in _rest_throughput().items()), flush=True)


def _rest_throughput() -> dict:
    """``POST /api/ask`` from 20 concurrent clients against `serve` on the seed library."""
    done = subprocess.run([sys.executable, "-m", "eval.load", "--conversations", "20", "--turns", "10",
                           "--client", "rest"], capture_output=True, text=True, cwd=PROJECT_ROOT, check=False)
    if done.returncode:
        return {"rest_error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"}
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return {"rest_clients": 20, **{key: result[key] for key in
                                   ("questions", "errors", "questions_per_second", "latency_ms_p50", "latency_ms_p95")}}


if __name__ == "__main__":
    main()
