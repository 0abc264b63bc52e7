"""Same chunks, same order? Saves or compares every question's retrieved chunk ids and answer.

    python -m eval.rankings --save before.json      # on the code before a change
    python -m eval.rankings --compare before.json   # after it: lists the questions that differ

Runs the development sets and the project's own sets on the evaluation library (the seeds
plus ``eval/corpus``), as ``eval.benchmark`` does. A change meant to make the assistant faster
(not different) should report no differences. Exits 1 when there are some.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from assistant.settings import PROJECT_ROOT

SETS = ("dev.jsonl", "dev-natural.jsonl", "sets/tune.jsonl", "sets/check.jsonl")


def rankings() -> dict[str, list]:
    """Question id → [retrieved chunk ids, answer text, refused]."""
    from assistant.service import Assistant
    from eval.library import evaluation_settings
    from eval.questions import load_questions

    assistant = Assistant.from_settings(evaluation_settings(Path(tempfile.mkdtemp())), progress=False)
    out = {}
    for name in SETS:
        for question in load_questions(PROJECT_ROOT / "eval" / name).questions:
            answer = assistant.ask(question.question, question.history or None)
            out[question.id] = [[hit.chunk.chunk_id for hit in answer.retrieved], answer.text, answer.refused]
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", type=Path)
    group.add_argument("--compare", type=Path)
    args = parser.parse_args(argv)
    current = rankings()
    if args.save:
        args.save.write_text(json.dumps(current, ensure_ascii=False), encoding="utf-8")
        print(f"{len(current)} questions saved to {args.save}")
        return
    before = json.loads(args.compare.read_text(encoding="utf-8"))
    differ = sorted(q for q in before.keys() | current.keys() if before.get(q) != current.get(q))
    answers = [q for q in differ if (before.get(q) or [None, None])[1:] != (current.get(q) or [None, None])[1:]]
    print(json.dumps({"questions": len(current), "rankings_differ": len(differ), "answers_differ": len(answers),
                      "which": differ[:50]}, ensure_ascii=False))
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
