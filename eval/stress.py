"""Hostile-input benchmark: how long a rejection takes and what it costs in memory.

    python -m eval.stress [--bomb-mib 2048]

Builds (in a scratch folder) a .docx zip bomb that inflates to ``--bomb-mib`` MiB, a 10 MB
text on one line and a 1 MB history turn; feeds each to the same code the workspace and
the API use (upload preview, ``Assistant.ask``), then starts ``policy-assistant serve``, times
it until it answers, deletes its index folder and times the rebuild (asking once a second); then
starts it again after 50 documents were added to its folder by hand: first answer (from the
index it has) and the time until every document is listed. Prints JSON: seconds to reject, RSS
before/after (MB), messages.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path

import psutil


def _rss_mb() -> float:
    return psutil.Process().memory_info().rss / 2**20


def _timed(name: str, action) -> dict:
    before = _rss_mb()
    started = time.perf_counter()
    try:
        action()
        outcome = "accepted"
    except Exception as exc:  # the rejection is what is measured
        outcome = f"{type(exc).__name__}: {str(exc)[:160]}"
    return {"case": name, "seconds": round(time.perf_counter() - started, 2), "rss_before_mb": round(before),
            "rss_after_mb": round(_rss_mb()), "outcome": outcome}


def _index_deleted_while_serving(client, index_dir: Path, limit: float = 120) -> dict:
    """Delete the served index folder; ask once a second until the rebuilt folder is read back."""
    shutil.rmtree(index_dir)
    started, answered, failures = time.perf_counter(), 0, []
    while time.perf_counter() - started < limit:
        try:
            reply = client.predict("国家级小巨人有多少奖励？", None, [], api_name="/ask")
            answered += not reply["refused"]
            if reply["refused"]:
                failures.append(f"refused: {reply.get('answer', '')[:120]}")
        except Exception as error:  # counted: a question that fails while the index is rebuilt
            failures.append(f"{type(error).__name__}: {str(error)[:120]}")
        if (index_dir / "chroma.sqlite3").is_file() and _readable(index_dir):
            break
        time.sleep(1)
    return {"case": "index folder deleted while serving", "rebuilt_after_s": round(time.perf_counter() - started, 1),
            "answered_meanwhile": answered, "failed_meanwhile": len(failures), "failures": failures[:3]}


def _serve_while_catching_up(scratch: Path, replicas: int = 11, limit: float = 600) -> dict:
    """Start `serve` on an index of the seeds after ``replicas - 1`` copies of them were added to
    its knowledge folder by hand: time to its first answer, and until it lists every document."""
    import httpx

    from assistant.service import Assistant
    from assistant.settings import load_settings

    from .load import start_server
    from .scale_library import write_library

    knowledge = write_library(scratch / "library", replicas, load_settings(knowledge_dir=scratch / "knowledge"))
    expected = len(json.loads((knowledge / "metadata.json").read_text(encoding="utf-8"))["documents"])
    # the seeds' index, built here (the served one was just deleted and rebuilt)
    Assistant.from_settings(load_settings(knowledge_dir=scratch / "knowledge", index_dir=scratch / "library-index"),
                            progress=False)
    started = time.perf_counter()
    url, server = start_server(POLICY_ASSISTANT_KNOWLEDGE_DIR=str(knowledge),
                               POLICY_ASSISTANT_INDEX_DIR=str(scratch / "library-index"))
    try:
        answered = not httpx.post(f"{url}api/ask", json={"question": "国家级小巨人有多少奖励？"}, timeout=60).json()["refused"]
        first = time.perf_counter() - started
        listed = 0
        while time.perf_counter() - started < limit:
            listed = len(httpx.get(f"{url}api/documents", timeout=60).json())
            if listed >= expected:
                break
            time.sleep(1)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"case": f"serve after {expected - 5} documents were added by hand", "first_answer_s": round(first, 1),
            "first_answered": answered, "all_documents_listed_s": round(time.perf_counter() - started, 1),
            "documents_listed": listed, "documents_expected": expected}


def _readable(index_dir: Path) -> bool:
    """Whether another process reads a complete index in ``index_dir``."""
    import subprocess
    import sys

    code = ("import sys; from pathlib import Path; from assistant.store import ChunkStore; "
            "from assistant.embeddings import model_slug; from assistant.settings import load_settings; "
            "print(ChunkStore(Path(sys.argv[1]), model_slug(load_settings().embedding_model)).count())")
    out = subprocess.run([sys.executable, "-c", code, str(index_dir)], capture_output=True, text=True, timeout=120,
                         check=False)
    return out.stdout.strip().isdigit() and int(out.stdout.strip()) > 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bomb-mib", type=int, default=2048)
    args = parser.parse_args()

    from assistant.knowledge import KnowledgeBase
    from assistant.service import Assistant
    from assistant.settings import PROJECT_ROOT, load_settings
    from tests.test_untrusted_input import zip_bomb

    from .load import start_server

    scratch = Path(tempfile.mkdtemp(prefix="stress-"))
    try:
        shutil.copytree(PROJECT_ROOT / "knowledge", scratch / "knowledge")
        settings = load_settings(knowledge_dir=scratch / "knowledge", index_dir=scratch / "index")
        assistant = Assistant.from_settings(settings, progress=False)
        knowledge = KnowledgeBase(settings, assistant.retriever.store, assistant.retriever.embeddings)
        assistant.ask("国家级小巨人有多少奖励？")  # warm
        made = time.perf_counter()
        bomb = zip_bomb(args.bomb_mib)
        results = [{"case": "bomb built", "bytes": len(bomb), "unpacked_mib": args.bomb_mib,
                    "seconds": round(time.perf_counter() - made, 1)}]
        one_line = ("专精特新企业奖励" * 430_000).encode()  # 10.3 MB, no line break
        results.append(_timed("zip bomb upload (preview)", lambda: knowledge.preview(bomb, "bomb.docx")))
        results.append(_timed("zip bomb upload (index)", lambda: knowledge.add(bomb, "bomb.docx", who="stress")))
        results.append(_timed("10 MB one-line upload", lambda: knowledge.preview(one_line, "line.txt")))
        history = [{"role": "user", "content": "省级专精特新企业的申报条件是什么？" + "很" * 1_000_000}]
        results.append(_timed("1 MB history turn (ask)", lambda: assistant.ask("那市级的呢？", history)))
        results.append(_timed("answer afterwards", lambda: assistant.ask("国家级小巨人有多少奖励？")))
        started = time.perf_counter()
        url, server = start_server(POLICY_ASSISTANT_KNOWLEDGE_DIR=str(scratch / "knowledge"),
                                   POLICY_ASSISTANT_INDEX_DIR=str(scratch / "index"))
        try:
            from gradio_client import Client

            client = Client(url, verbose=False)
            client.predict("国家级小巨人有多少奖励？", None, [], api_name="/ask")
            results.append({"case": "serve: start to first answer", "seconds": round(time.perf_counter() - started, 1)})
            results.append(_index_deleted_while_serving(client, scratch / "index"))
        finally:
            server.terminate()
            server.wait(timeout=30)
        results.append(_serve_while_catching_up(scratch))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(json.dumps(results, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
