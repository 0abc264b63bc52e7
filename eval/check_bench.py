"""Eligibility check figures: criteria read, time per check and for a batch of companies.

    python -m eval.check_bench [--companies 1000]

Prints the share of criteria rows of every criteria table in the index that were read into
conditions (whole or in part) or left to a person, the time of one check (p50/p95 over the
batch) and of the whole batch, on random but seeded company profiles.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import time


def random_profile(rng: random.Random) -> dict:
    profile = {"region": rng.choice(["金湖县", "盐城市", "连云港", None]), "category": rng.choice(["制造类", "服务类", None])}
    for key, low, high in (("revenue", 500, 20000), ("main_revenue", 400, 18000), ("total_profit", 10, 1500),
                           ("rd_ratio", 0, 8), ("revenue_growth", -5, 20), ("debt_ratio", 20, 90),
                           ("invention_patents", 0, 6), ("utility_patents", 0, 12), ("employees", 5, 500)):
        if rng.random() < 0.8:
            profile[key] = round(rng.uniform(low, high), 2) if key not in ("invention_patents", "utility_patents", "employees") \
                else rng.randint(low, high)
    return {k: v for k, v in profile.items() if v is not None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, default=1000)
    args = parser.parse_args()

    from assistant.profile import CompanyProfile
    from assistant.service import Assistant
    from assistant.settings import load_settings

    assistant = Assistant.from_settings(load_settings(), progress=False)
    started = time.perf_counter()
    levels = assistant.checker.levels()
    built = time.perf_counter() - started
    criteria = [c for lv in levels for c in lv.criteria]
    unique = {c.chunk_id + c.text: c for c in criteria}.values()
    figures = [c for c in unique if re.search(r"\d+(\.\d+)?\s*(万元|亿元|%|项|位|年|人)", c.text)]
    read = [c for c in figures if any(leaf.kind == "compare" for leaf in c.condition.leaves())]
    whole = [c for c in unique if c.condition.parsed]
    print(f"levels {len(levels)}, criteria {len(unique)} (read in {built * 1000:.0f} ms)")
    print(f"criteria stating a figure: {len(figures)}, read into conditions: {len(read)} ({len(read) / max(len(figures), 1):.0%})")
    print(f"criteria read whole: {len(whole)} ({len(whole) / max(len(unique), 1):.0%}); the rest is listed to check by hand")

    rng = random.Random(13)
    profiles = [CompanyProfile.from_dict(random_profile(rng)) for _ in range(args.companies)]
    times = []
    batch_started = time.perf_counter()
    for profile in profiles:
        t = time.perf_counter()
        assistant.check(profile)
        times.append((time.perf_counter() - t) * 1000)
    batch = time.perf_counter() - batch_started
    times.sort()
    print(f"one check: p50 {statistics.median(times):.2f} ms, p95 {times[int(0.95 * len(times)) - 1]:.2f} ms, "
          f"max {times[-1]:.2f} ms")
    print(f"batch of {args.companies} companies: {batch:.2f} s")
    import tempfile
    from pathlib import Path

    from assistant.check_batch import batch_workbook, check_batch

    t = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        batch_workbook(check_batch(assistant, profiles), Path(folder) / "matrix.xlsx")
        size = (Path(folder) / "matrix.xlsx").stat().st_size
    print(f"batch of {args.companies} companies with the workbook written (the workspace's 体检批量): "
          f"{time.perf_counter() - t:.2f} s, {size / 1e6:.1f} MB")
    t = time.perf_counter()
    for _ in range(100):
        assistant.check("我们是金湖的制造企业，去年主营业务收入6000万元，利润总额300万，研发费用占比3.5%，有2项发明专利")
    print(f"one check of a sentence (figures read first): {(time.perf_counter() - t) * 10:.2f} ms")


if __name__ == "__main__":
    main()
