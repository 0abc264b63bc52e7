"""Load benchmark of the web chat's API: concurrent conversations against a real server.

    python -m eval.load [--conversations 20] [--turns 5]

Starts `policy-assistant serve` on a free local port, runs the conversations at once
through Gradio's API (`ask`, each turn sending the conversation so far), and prints the
throughput, latency percentiles and errors as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from .harness import default_questions
from .metrics import percentile
from .questions import load_questions

FOLLOW_UPS = ["那市级的呢？", "What about county level?", "这一项的责任单位是谁？"]


def conversation(url: str, questions: list[str]) -> tuple[list[float], list[str]]:
    from gradio_client import Client

    client = Client(url, verbose=False)
    history: list[dict] = []
    latencies, errors = [], []
    for question in questions:
        started = time.perf_counter()
        try:
            data = client.predict(question, None, history, api_name="/ask")
            history += [{"role": "user", "content": question}, {"role": "assistant", "content": data["answer"]}]
        except Exception as exc:  # counted and reported, the run goes on
            errors.append(f"{question!r}: {exc}")
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies, errors


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(**env: str) -> tuple[str, subprocess.Popen]:
    """`policy-assistant serve` on a free local port, answering; (its URL, the process)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen([sys.executable, "-m", "assistant.cli", "serve", "--port", str(port)],
                              env=dict(os.environ, GRADIO_ANALYTICS_ENABLED="False", **env),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(url, server)
    except Exception:
        server.kill()
        raise
    return url, server


def wait_for(url: str, server: subprocess.Popen, timeout: float = 120) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("policy-assistant serve exited")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=20)
    parser.add_argument("--turns", type=int, default=5)
    args = parser.parse_args()
    pool = [q.question for q in load_questions(default_questions()).questions if not q.history]
    scripts = []
    for i in range(args.conversations):  # each conversation: dev questions with a follow-up among them
        turns = [pool[(i * args.turns + j) % len(pool)] for j in range(args.turns)]
        if args.turns > 1:
            turns[1] = FOLLOW_UPS[i % len(FOLLOW_UPS)]
        scripts.append(turns)
    url, server = start_server()
    try:
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.conversations) as executor:
            results = list(executor.map(lambda turns: conversation(url, turns), scripts))
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    latencies = [ms for lat, _ in results for ms in lat]
    errors = [e for _, errs in results for e in errs]
    print(json.dumps({"conversations": args.conversations, "questions": len(latencies), "errors": len(errors),
                      "seconds": round(elapsed, 2), "questions_per_second": round(len(latencies) / elapsed, 2),
                      "latency_ms_p50": round(percentile(latencies, 50), 1),
                      "latency_ms_p95": round(percentile(latencies, 95), 1), "first_errors": errors[:3]},
                     ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
