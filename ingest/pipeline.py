"""Read policy files for the index: collect, load, clean, split, and the digests that tell a
changed file from an unchanged one. Writing to the store is :mod:`assistant.indexing`'s.

A document's chunks carry the fingerprint of what produced them (file bytes, metadata,
splitter version, token cap). An unchanged file is skipped; a changed one replaces only
its own chunks; when the whole knowledge folder is synced, a removed file's chunks go.
A file that fails to load is reported and its chunks already indexed stay as they were.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from assistant.types import Chunk, DocumentMeta

from .catalog import document_meta
from .cleaning import clean_text, file_name_title
from .loaders import (
    DEFAULT_LIMITS,
    SUPPORTED_SUFFIXES,
    FileLimits,
    LoadError,
    load_file,
)
from .report import DocumentReport, document_report
from .splitter import SPLITTER_VERSION, split_document


@dataclass
class PreparedDocument:
    meta: DocumentMeta
    chunks: list[Chunk]
    fingerprint: str
    report: DocumentReport | None = None


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    chunks_written: int = 0
    chunks_deleted: int = 0
    errors: list[str] = field(default_factory=list)
    documents: list[DocumentReport] = field(default_factory=list)  # one per file read, in order
    staged: object = None  # the change written but not committed, when ingest was asked not to commit it

    def summary(self) -> str:
        return (f"{len(self.added)} added, {len(self.updated)} updated, {len(self.unchanged)} unchanged, "
                f"{len(self.removed)} removed; {self.chunks_written} chunks written, "
                f"{self.chunks_deleted} deleted; {len(self.errors)} errors")


def collect_files(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """Files to ingest from files and folders; unsupported explicit files are errors."""
    files: list[Path] = []
    errors: list[str] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES))
        elif path.is_file():
            files.append(path)
        else:
            errors.append(f"{path}: no such file or folder")
    return files, errors


def prepare(path: Path, catalog: dict[str, DocumentMeta], max_tokens: int,
            limits: FileLimits = DEFAULT_LIMITS) -> PreparedDocument:
    """Load, clean and split one file (no I/O beyond reading it)."""
    loaded = load_file(path, limits)
    title_hint = file_name_title(loaded.text) or loaded.title_hint
    cleaned = clean_text(loaded.text)
    meta = document_meta(path, cleaned, title_hint, catalog, dict(loaded.catalogue))
    chunks = split_document(meta.doc_id, cleaned, max_tokens=max_tokens)
    if not chunks:
        raise LoadError(f"{path.name}: no clauses found in the text")
    basis = hashlib.sha256(path.read_bytes())
    basis.update(json.dumps(meta.to_dict(), ensure_ascii=False, sort_keys=True).encode())
    basis.update(f"{SPLITTER_VERSION}/{max_tokens}".encode())
    inferred = path.name not in catalog
    report = document_report(meta, chunks, cleaned, title_found=meta.title != path.stem, inferred=inferred)
    return PreparedDocument(meta, chunks, basis.hexdigest()[:24], report)


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """The ingest package's own source: a change to how files are read re-reads every file."""
    basis = hashlib.sha256(f"{SPLITTER_VERSION}".encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        basis.update(path.read_bytes())
    return basis.hexdigest()


class ContentHashes:
    """The SHA-256 of each file's bytes, remembered with its size and modification time, so that
    an unchanged library is recognised at start-up without reading its files (a province's
    library: thousands). A file whose size or time changed is read and hashed again; the memo is
    derived data in the index folder (``path``: None keeps it in memory only)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._memo: dict[str, list] = {}
        self._used: dict[str, list] = {}
        if path is not None:
            try:
                self._memo = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self._memo = {}

    def of(self, file: Path) -> str:
        stat = file.stat()
        key, known = str(file.resolve()), None
        remembered = self._memo.get(key)
        if isinstance(remembered, list) and remembered[:2] == [stat.st_size, stat.st_mtime_ns]:
            known = remembered[2]
        digest = known or hashlib.sha256(file.read_bytes()).hexdigest()
        self._used[key] = [stat.st_size, stat.st_mtime_ns, digest]
        return digest

    def save(self) -> None:
        """Keep the hashes of the files seen (and of the others still there; written whole, then renamed)."""
        kept = {**{k: v for k, v in self._memo.items() if k not in self._used and Path(k).is_file()}, **self._used}
        if self.path is None or kept == self._memo:
            return
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.part")
        temporary.write_text(json.dumps(kept), encoding="utf-8")
        temporary.replace(self.path)


def source_digest(path: Path, catalog: dict[str, DocumentMeta], max_tokens: int,
                  hashes: ContentHashes | None = None) -> str:
    """What a file's chunks depend on, known without parsing it: its bytes, its catalog entry,
    the token cap and the ingest code."""
    basis = hashlib.sha256((hashes or ContentHashes()).of(path).encode())
    entry = catalog.get(path.name)
    basis.update(json.dumps(entry.to_dict() if entry else None, ensure_ascii=False, sort_keys=True).encode())
    basis.update(f"{max_tokens}/{_code_digest()}".encode())
    return basis.hexdigest()[:24]
