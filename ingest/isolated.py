"""Parse an untrusted file in a child process with a memory cap and a time limit.

Parsers of Word and PDF files are large third-party code; a crafted file can make them
allocate gigabytes or loop. Run in a child, such a file costs the child (killed at the
limit), never the server; the server gets a clear :class:`LoadError` and its memory is
untouched. Usage from code: :func:`prepare_isolated`; the child side is ``python -m
ingest.isolated`` reading a JSON request on stdin.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

from assistant.types import chunk_from_dict, chunk_to_dict

from .loaders import FileLimits, LoadError
from .pipeline import PreparedDocument
from .report import DocumentReport


def prepare_isolated(path: Path, knowledge_dir: Path, max_tokens: int, limits: FileLimits,
                     memory_bytes: int = 1536 * 1024 * 1024, seconds: float = 60) -> PreparedDocument:
    """What :func:`ingest.pipeline.prepare` makes of ``path`` (metadata, chunks, fingerprint,
    report), computed in a child."""
    request = {"path": str(path), "knowledge_dir": str(knowledge_dir), "max_tokens": max_tokens,
               "limits": asdict(limits)}

    def cap_memory() -> None:  # runs in the child before Python starts
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))

    try:
        done = subprocess.run([sys.executable, "-m", "ingest.isolated"], input=json.dumps(request).encode(),
                              capture_output=True, timeout=seconds, preexec_fn=cap_memory, check=False,
                              cwd=Path(__file__).resolve().parent.parent)
    except subprocess.TimeoutExpired:
        raise LoadError(f"{path.name}: reading the file took longer than {seconds:.0f} s (the limit)") from None
    try:
        reply = json.loads(done.stdout.decode("utf-8") or "{}")
    except ValueError:
        reply = {}
    if "error" in reply:
        raise LoadError(reply["error"])
    if done.returncode != 0 or "report" not in reply:
        raise LoadError(f"{path.name}: the file could not be read within {memory_bytes // 2**20} MB of memory "
                        "(the limit); it may be damaged or built to exhaust the reader")
    report = DocumentReport.from_dict(reply["report"])
    return PreparedDocument(report.meta, [chunk_from_dict(c) for c in reply.get("chunks", [])], reply.get("fingerprint", ""),
                            report)


def _main() -> None:
    from .catalog import load_catalog
    from .pipeline import prepare

    request = json.loads(sys.stdin.read())
    path = Path(request["path"])
    try:
        prepared = prepare(path, load_catalog(Path(request["knowledge_dir"])), request["max_tokens"],
                           FileLimits(**request["limits"]))
    except LoadError as exc:
        print(json.dumps({"error": str(exc)}, ensure_ascii=False))
        return
    except MemoryError:
        print(json.dumps({"error": f"{path.name}: reading the file needs more memory than the limit allows"}))
        return
    except Exception as exc:  # noqa: BLE001 — any other failure is this file's, told as such, never a traceback
        print(json.dumps({"error": f"{path.name}: the file could not be read ({exc.__class__.__name__}: {exc})"},
                         ensure_ascii=False))
        return
    print(json.dumps({"report": prepared.report.to_dict(), "fingerprint": prepared.fingerprint,
                      "chunks": [chunk_to_dict(c) for c in prepared.chunks]}, ensure_ascii=False))


if __name__ == "__main__":
    _main()
