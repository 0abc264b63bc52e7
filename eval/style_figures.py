"""Accuracy of one style (and optionally one batch) of ``eval/sets/source.tsv``, per half.

    python -m eval.style_figures --style elig [--batch 8]

Asks each question of the style on the evaluation library (seeds + ``eval/corpus``) and prints,
for the tuning and the checking half: answerable questions, key-fact accuracy (FORMAT.md's
matching rule), how many were declined, how many the eligibility check answered, and how many
unanswerable ones were declined.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from .metrics import normalise

SETS = Path(__file__).resolve().parent / "sets"


def batch_questions(source: str, batch: int) -> set[str]:
    """The questions written under ``# batch N`` in source.tsv (up to the next batch line)."""
    lines, inside, out = source.splitlines(), False, set()
    for line in lines:
        if line.startswith("# batch "):
            inside = line.startswith(f"# batch {batch} ")
            continue
        if inside and line.strip() and not line.startswith("#"):
            out.add(line.split("\t")[2])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--style", default="elig")
    parser.add_argument("--batch", type=int)
    args = parser.parse_args()

    from assistant.service import Assistant
    from assistant.types import Turn

    from .library import evaluation_settings

    chosen = batch_questions((SETS / "source.tsv").read_text(encoding="utf-8"), args.batch) if args.batch else None
    with tempfile.TemporaryDirectory() as folder:
        assistant = Assistant.from_settings(evaluation_settings(Path(folder)), progress=False)
        for half in ("tune", "check"):
            rows = [json.loads(line) for line in (SETS / f"{half}.jsonl").read_text(encoding="utf-8").splitlines()]
            rows = [q for q in rows if q["id"].startswith(args.style + "-") and (chosen is None or q["question"] in chosen)]
            n = facts = declined = checked = unanswerable = rightly_declined = 0
            for q in rows:
                answer = assistant.ask(q["question"], [Turn(t["role"], t["content"]) for t in q.get("history", [])])
                if not q["answerable"]:
                    unanswerable += 1
                    rightly_declined += answer.refused
                    continue
                seen = normalise(answer.text + " ".join(c.label for c in answer.citations))
                ok = all(any(normalise(x) in seen for x in (f if isinstance(f, list) else [f])) for f in q["key_facts"])
                n += 1
                facts += ok and not answer.refused
                declined += answer.refused
                checked += answer.answerer == "check"
            print(f"{half}: answerable {n}, key facts {facts / max(n, 1):.2f}, declined {declined}, "
                  f"answered by the check {checked}; unanswerable {unanswerable}, declined {rightly_declined}")


if __name__ == "__main__":
    main()
