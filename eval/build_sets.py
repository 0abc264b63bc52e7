"""Build the project's evaluation sets from ``eval/sets/source.tsv``: ``python -m eval.build_sets``.

Each question is assigned to the tuning half or the checking half by a hash of its id, so
every style lands in both and nobody chooses. Evidence passages are checked against the
documents (seeds in ``knowledge/documents``, fictional ones in ``eval/corpus``) with the
matching rule of FORMAT.md, and a key fact must appear in the question's evidence or in
the same document, so that every fact is one a correct answer can state.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

from .metrics import normalise

ROOT = Path(__file__).resolve().parent
SOURCE = ROOT / "sets" / "source.tsv"
FORMATS_SOURCE = ROOT / "sets" / "formats.tsv"
DOCUMENT_DIRS = (ROOT.parent / "knowledge" / "documents", ROOT / "corpus")


def half(question_id: str) -> str:
    """'tune' or 'check', fixed by the id."""
    return "tune" if hashlib.sha256(question_id.encode()).digest()[0] % 2 == 0 else "check"


def parse(lines: list[str]) -> list[dict]:
    """Questions from the TSV lines (see the header of source.tsv)."""
    out, counts = [], {}
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.rstrip("\n").split("\t") + [""] * 6
        style, answerable, question, evidence, facts = fields[:5]
        history = next((f for f in fields[5:7] if f.strip()), "")  # one or two tabs before it
        if answerable not in ("Y", "N") or not question.strip():
            raise ValueError(f"{SOURCE.name}:{number}: expected style, Y/N, question, … got {line!r}")
        counts[style] = counts.get(style, 0) + 1
        record = {
            "id": f"{style}-{counts[style]:03d}",
            "question": question.strip(),
            "answerable": answerable == "Y",
            "evidence": [e.strip() for e in evidence.split(";;") if e.strip()],
            "key_facts": [[a.strip() for a in f.split("//") if a.strip()] for f in facts.split(";;") if f.strip()],
        }
        turns = [t.strip() for t in history.split("⟫") if t.strip()]
        if turns:
            record["history"] = [{"role": "user", "content": t} for t in turns]
        out.append(record)
    return out


def batches(lines: list[str]) -> dict[str, int]:
    """Question id → the batch it was written in (a ``# batch N`` line starts batch N; the
    questions before the first such line are batch 1). Batches are separate writing sessions:
    holding one out tells how a fit carries over to wording it has not seen."""
    out, batch, counts = {}, 1, {}
    for line in lines:
        marker = re.match(r"#\s*batch\s+(\d+)", line)
        if marker:
            batch = int(marker.group(1))
            continue
        if not line.strip() or line.startswith("#"):
            continue
        style = line.split("\t", 1)[0]
        counts[style] = counts.get(style, 0) + 1
        out[f"{style}-{counts[style]:03d}"] = batch
    return out


def check(questions: list[dict], documents: dict[str, str]) -> list[str]:
    """Problems: evidence not in any document, key facts in neither evidence nor its document."""
    problems = []
    for q in questions:
        if q["answerable"] and not q["evidence"]:
            problems.append(f"{q['id']}: answerable without evidence")
        homes = []
        for passage in q["evidence"]:
            found = [name for name, text in documents.items() if normalise(passage) in text]
            if not found:
                problems.append(f"{q['id']}: evidence not in any document: {passage}")
            homes += found
        for fact in q["key_facts"]:
            texts = [normalise(e) for e in q["evidence"]] + [documents[h] for h in homes]
            if not any(normalise(alt) in t for alt in fact for t in texts):
                problems.append(f"{q['id']}: key fact {fact} not in its evidence or document")
    return problems


def main() -> int:
    problems = []
    # (source, documents its evidence lives in, output prefix): the seed/corpus sets, and the
    # questions about the fictional documents that are rendered into many formats (eval.formats)
    for source, folders, suffix, prefix in ((SOURCE, DOCUMENT_DIRS, "txt", ""),
                                            (FORMATS_SOURCE, (ROOT / "formats",), "md", "formats-")):
        questions = parse(source.read_text(encoding="utf-8").splitlines())
        documents = {p.name: normalise(p.read_text(encoding="utf-8")) for d in folders for p in sorted(d.glob(f"*.{suffix}"))}
        found = check(questions, documents)
        for problem in found:
            print(f"{source.name}: {problem}", file=sys.stderr)
        problems += found
        for name in ("tune", "check"):
            chosen = [q for q in questions if half(q["id"]) == name]
            path = ROOT / "sets" / f"{prefix}{name}.jsonl"
            path.write_text("".join(json.dumps(q, ensure_ascii=False) + "\n" for q in chosen), encoding="utf-8")
            print(f"{path.relative_to(ROOT.parent)}: {len(chosen)} questions, "
                  f"{sum(not q['answerable'] for q in chosen)} unanswerable")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
