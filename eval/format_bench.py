"""Documents the project never indexed, in every format: ``python -m eval.format_bench``.

For each format round (every fictional document of ``eval/formats`` rendered in one of its
formats: GBK text, Word, PDF, a saved web page, Markdown …) a fresh index of the seeds,
``eval/corpus`` and the rendered files is built and the questions of
``sets/formats-{tune,check}.jsonl`` are asked. Prints, per round and half: recall@5, key
facts, false refusals, declined; per file: the metadata inferred against what the document
states; and the time to prepare (load, clean, split) a 10-page PDF.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from .format_corpus import DOCUMENTS, rounds
from .harness import run_eval
from .library import evaluation_settings
from .questions import load_questions

SETS = Path(__file__).resolve().parent / "sets"
FIELDS = ("title", "issuer", "region", "doc_number", "date_issued", "valid_from", "valid_until",
          "period_start", "period_end")


def metadata_mismatches(meta, expected: dict[str, object]) -> list[str]:
    """Fields whose inferred value differs from what the document states."""
    got = meta.to_dict()
    return [f"{name}: {got.get(name)!r} ≠ {expected.get(name)!r}" for name in FIELDS
            if name in got and got.get(name) != expected.get(name)]


def pdf_prepare_seconds(workdir: Path, pages: int = 10) -> tuple[int, float]:
    """Pages and seconds to load, clean and split a PDF of about ``pages`` pages."""
    import pdfplumber

    from ingest.pipeline import prepare

    from .formats_office import render_pdf

    doc = DOCUMENTS[0]
    target = workdir / "ten-pages.pdf"
    repeat = 1
    while True:
        render_pdf(doc.blocks(), target, "页眉", repeat=repeat)
        with pdfplumber.open(target) as pdf:
            count = len(pdf.pages)
        if count >= pages:
            break
        repeat += 1
    started = time.perf_counter()
    prepare(target, {}, 320)
    return count, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--round", type=int, help="only this round (0-based)")
    args = parser.parse_args()

    from assistant.service import Assistant
    from ingest.pipeline import prepare

    halves = {name: load_questions(SETS / f"formats-{name}.jsonl").questions for name in ("tune", "check")}
    figures: dict[str, object] = {"rounds": []}
    chosen_rounds = rounds() if args.round is None else [rounds()[args.round]]
    with tempfile.TemporaryDirectory() as tmp:
        for number, chosen in enumerate(chosen_rounds):
            workdir = Path(tmp) / f"round{number}"
            settings = evaluation_settings(workdir)
            files = [doc.render(chosen[doc.stem], settings.documents_dir) for doc in DOCUMENTS]
            metadata = {}
            for doc, path in zip(DOCUMENTS, files, strict=True):
                prepared = prepare(path, {}, settings.chunk_max_tokens)
                metadata[f"{doc.stem}.{chosen[doc.stem]}"] = metadata_mismatches(prepared.meta, doc.expected)
            assistant = Assistant.from_settings(settings, progress=False)
            result = {"formats": chosen, "metadata_mismatches": metadata}
            for name, questions in halves.items():
                summary = run_eval(assistant, questions, progress=False).summary
                result[name] = {k: summary[k] for k in ("questions", "recall@5", "key_fact_accuracy",
                                                        "false_refusal_rate", "refusal_accuracy")}
            figures["rounds"].append(result)
            if not args.json:
                print(f"round {number}: " + ", ".join(f"{stem}={fmt}" for stem, fmt in chosen.items()))
                for name in halves:
                    print(f"  {name:5}: " + "  ".join(f"{k}={v}" for k, v in result[name].items()))
                for name, problems in metadata.items():
                    print(f"  metadata {name}: " + ("ok" if not problems else "; ".join(problems)))
        pages, seconds = pdf_prepare_seconds(Path(tmp))
        figures["pdf_prepare"] = {"pages": pages, "seconds": round(seconds, 2)}
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=1))
    else:
        print(f"prepare a {pages}-page PDF (load, clean, split): {seconds:.2f} s")


if __name__ == "__main__":
    main()
