"""Load benchmark of the web chat's API: concurrent conversations against a real server.

    python -m eval.load [--conversations 20] [--turns 5]
    python -m eval.load --soak-seconds 600 --rate 5
    python -m eval.load --conversations 50 --client http
    python -m eval.load --conversations 20 --turns 10 --client rest

Starts `policy-assistant serve` on a free local port, warms it with one short conversation
(its first answer's latency is reported apart), runs the conversations at once
through Gradio's API (`ask`, each turn sending the conversation so far), and prints the
throughput, latency percentiles, errors and the server's memory (RSS) over time as JSON.
With ``--soak-seconds``, asks ``--rate`` questions a second instead, each from a new API
session (a new client), for that long: the memory a long-running server keeps, watched after
a warm-up of ``max_sessions`` + 50 sessions has filled the bounded session store.
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


def _http_asker(url: str):
    """``ask`` over plain HTTP (POST /gradio_api/run/ask, JSON in and out): what a non-Python
    client does, without Gradio's Python client's own cost on the same cores."""
    import uuid

    import httpx

    session, session_hash = httpx.Client(timeout=120), uuid.uuid4().hex  # one API session per conversation

    def ask(question: str, region, history: list[dict]) -> dict:
        response = session.post(f"{url}gradio_api/run/ask",
                                json={"data": [question, region, history], "session_hash": session_hash})
        response.raise_for_status()
        return response.json()["data"][0]

    return ask


def _rest_asker(url: str):
    """``POST /api/ask`` of the REST API."""
    import httpx

    session = httpx.Client(timeout=120)

    def ask(question: str, region, history: list[dict]) -> dict:
        response = session.post(f"{url}api/ask", json={"question": question, "region": region, "history": history})
        response.raise_for_status()
        return response.json()

    return ask


def _gradio_asker(url: str):
    from gradio_client import Client

    client = Client(url, verbose=False)
    return lambda question, region, history: client.predict(question, region, history, api_name="/ask")


def conversation(url: str, questions: list[str], client: str = "gradio") -> tuple[list[float], list[str]]:
    ask = {"http": _http_asker, "rest": _rest_asker}.get(client, _gradio_asker)(url)
    history: list[dict] = []
    latencies, errors = [], []
    for question in questions:
        started = time.perf_counter()
        try:
            data = ask(question, None, history)
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


class MemoryWatch:
    """The server's RSS in MB, sampled every ``every`` seconds in a thread."""

    def __init__(self, pid: int, every: float = 1.0) -> None:
        import threading

        import psutil

        self.samples: list[tuple[float, float]] = []
        self._process, self._every, self._stop = psutil.Process(pid), every, threading.Event()
        self._started = time.perf_counter()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.samples.append((time.perf_counter() - self._started, self._process.memory_info().rss / 2**20))
            self._stop.wait(self._every)

    def stop(self) -> dict:
        self._stop.set()
        self._thread.join()
        values = [mb for _, mb in self.samples]
        step = max(1, len(self.samples) // 10)
        return {"rss_mb_start": round(values[0]), "rss_mb_end": round(values[-1]), "rss_mb_max": round(max(values)),
                "rss_mb_over_time": [[round(t), round(mb)] for t, mb in self.samples[::step]]}


def soak(url: str, seconds: float, rate: float, pool: list[str]) -> dict:
    """``rate`` questions a second for ``seconds``, each from a new client (a new session)."""
    from gradio_client import Client

    latencies, errors, sent = [], [], 0
    started = time.perf_counter()

    def one(question: str) -> None:
        began = time.perf_counter()
        try:
            Client(url, verbose=False).predict(question, None, [], api_name="/ask")
            latencies.append((time.perf_counter() - began) * 1000)
        except Exception as exc:  # counted and reported, the run goes on
            errors.append(f"{question!r}: {exc}")

    with ThreadPoolExecutor(max_workers=32) as executor:
        while time.perf_counter() - started < seconds:
            executor.submit(one, pool[sent % len(pool)])
            sent += 1
            time.sleep(max(0.0, started + sent / rate - time.perf_counter()))
    return {"questions": len(latencies), "errors": len(errors), "latency_ms_p50": round(percentile(latencies, 50), 1),
            "latency_ms_p95": round(percentile(latencies, 95), 1), "first_errors": errors[:3]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=20)
    parser.add_argument("--turns", type=int, default=5)
    parser.add_argument("--soak-seconds", type=float, default=0)
    parser.add_argument("--rate", type=float, default=5.0, help="questions a second during a soak")
    parser.add_argument("--client", choices=["gradio", "http", "rest"], default="gradio",
                        help="Gradio's Python client (heavy on the same cores), plain HTTP POSTs to Gradio's "
                             "API, or the REST API (POST /api/ask)")
    args = parser.parse_args()
    pool = [q.question for q in load_questions(default_questions()).questions if not q.history]
    scripts = []
    for i in range(args.conversations):  # each conversation: dev questions with a follow-up among them
        turns = [pool[(i * args.turns + j) % len(pool)] for j in range(args.turns)]
        if args.turns > 1:
            turns[1] = FOLLOW_UPS[i % len(FOLLOW_UPS)]
        scripts.append(turns)
    url, server = start_server()
    import psutil

    fresh_mb = round(psutil.Process(server.pid).memory_info().rss / 2**20)
    if args.soak_seconds:
        # memory is watched from a warm server: the first answers fill its bounded stores once
        # (Gradio's state of the latest `max_sessions` sessions, tens of KB each); a leak shows after that
        from assistant.settings import load_settings

        sessions = load_settings().max_sessions
        soak(url, (sessions + 50) / (2 * args.rate), 2 * args.rate, pool)
    watch = MemoryWatch(server.pid, every=max(1.0, args.soak_seconds / 60))
    if args.soak_seconds:
        try:
            result = soak(url, args.soak_seconds, args.rate, pool)
        finally:
            memory = watch.stop()
            server.terminate()
            server.wait(timeout=30)
        growth = (memory["rss_mb_end"] - memory["rss_mb_start"]) / memory["rss_mb_start"] * 100
        print(json.dumps({"soak_seconds": args.soak_seconds, "rate": args.rate, **result, **memory,
                          "rss_growth_percent": round(growth, 1), "rss_mb_fresh_server": fresh_mb,
                          "warm_up_sessions": sessions + 50}, ensure_ascii=False))
        return
    try:
        # a fresh server's first answer pays for lazy imports (Gradio's, the tagger's) once; it is
        # reported apart, and the timed run measures the server as users meet it after that
        warm_latencies, _ = conversation(url, pool[:3], args.client)
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.conversations) as executor:
            results = list(executor.map(lambda turns: conversation(url, turns, args.client), scripts))
        elapsed = time.perf_counter() - started
    finally:
        memory = watch.stop()
        server.terminate()
        server.wait(timeout=30)
    latencies = [ms for lat, _ in results for ms in lat]
    errors = [e for _, errs in results for e in errs]
    print(json.dumps({"client": args.client, "conversations": args.conversations, "questions": len(latencies), "errors": len(errors),
                      "seconds": round(elapsed, 2), "questions_per_second": round(len(latencies) / elapsed, 2),
                      "latency_ms_p50": round(percentile(latencies, 50), 1),
                      "latency_ms_p95": round(percentile(latencies, 95), 1), "first_errors": errors[:3],
                      "first_answer_ms_fresh_server": round(warm_latencies[0], 1), **memory},
                     ensure_ascii=False))


if __name__ == "__main__":
    main()
