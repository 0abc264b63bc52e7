"""Throughput of ``POST /api/check`` with concurrent clients against a running ``serve``.

    python -m eval.check_load http://127.0.0.1:7860/ [--clients 20] [--per-client 25]

Each client checks seeded random company profiles (金湖县, 制造类, varying revenue, profit and R&D
share) one after another; prints checks/s, errors and latency p50/p95.
"""

from __future__ import annotations

import argparse
import random
import threading
import time


def main() -> None:
    import requests

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--per-client", type=int, default=25)
    args = parser.parse_args()
    endpoint = args.url.rstrip("/") + "/api/check"
    errors: list[int] = []
    times: list[float] = []
    lock = threading.Lock()

    def client(seed: int) -> None:
        rng, session = random.Random(seed), requests.Session()
        for _ in range(args.per_client):
            profile = {"region": "金湖县", "category": "制造类", "main_revenue": rng.randint(1000, 9000),
                       "total_profit": rng.randint(100, 900), "rd_ratio": rng.randint(1, 8)}
            started = time.perf_counter()
            reply = session.post(endpoint, json={"profile": profile}, timeout=60)
            with lock:
                times.append(time.perf_counter() - started)
                if reply.status_code != 200:
                    errors.append(reply.status_code)

    requests.post(endpoint, json={"profile": {"main_revenue": 1}}, timeout=60)  # levels read once first
    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    times.sort()
    print(f"{len(times)} checks, {len(errors)} errors, {len(times) / wall:.1f} checks/s, "
          f"p50 {times[len(times) // 2] * 1000:.0f} ms, p95 {times[int(len(times) * 0.95)] * 1000:.0f} ms")


if __name__ == "__main__":
    main()
