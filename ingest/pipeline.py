"""Ingest policy files into the store: load, clean, split, embed, upsert — idempotently.

A document's chunks carry the fingerprint of what produced them (file bytes, metadata,
splitter version, token cap). An unchanged file is skipped; a changed one replaces only
its own chunks; when the whole knowledge folder is synced, a removed file's chunks go.
A file that fails to load is reported and its chunks already indexed stay as they were.
Every change builds a new generation of the index and switches to it only when complete.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from assistant.retrieval import index_text
from assistant.types import Chunk, DocumentMeta

from .catalog import document_meta, load_catalog, slug
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
    staged: object = None  # the built generation, when ingest was asked not to switch to it

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
    meta = document_meta(path, cleaned, title_hint, catalog)
    chunks = split_document(meta.doc_id, cleaned, max_tokens=max_tokens)
    if not chunks:
        raise LoadError(f"{path.name}: no clauses found in the text")
    basis = hashlib.sha256(path.read_bytes())
    basis.update(json.dumps(meta.to_dict(), ensure_ascii=False, sort_keys=True).encode())
    basis.update(f"{SPLITTER_VERSION}/{max_tokens}".encode())
    inferred = path.name not in catalog
    report = document_report(meta, chunks, cleaned, title_found=meta.title != path.stem, inferred=inferred)
    return PreparedDocument(meta, chunks, basis.hexdigest()[:24], report)


def ingest(paths: list[Path], *, store, embeddings, knowledge_dir: Path, max_tokens: int,
           sync: bool = False, progress: bool = True, activate: bool = True,
           limits: FileLimits = DEFAULT_LIMITS) -> IngestReport:
    """Bring the store up to date with ``paths``; with ``sync``, also drop documents no longer there.

    With ``activate=False`` the new generation is built but not switched to: it is returned
    as ``report.staged`` for the caller to activate once its own changes are committed.
    """
    from tqdm import tqdm

    report = IngestReport()
    catalog = load_catalog(knowledge_dir)
    files, report.errors = collect_files(paths)
    prepared: list[PreparedDocument] = []
    failed_ids: set[str] = set()
    for path in files:
        try:
            prepared.append(prepare(path, catalog, max_tokens, limits))
        except LoadError as exc:
            report.errors.append(str(exc))
            failed_ids.add(catalog[path.name].doc_id if path.name in catalog else slug(path.stem))
    seen: dict[str, str] = {}
    for doc in prepared:
        if doc.meta.doc_id in seen:
            report.errors.append(f"{doc.meta.source_file}: doc_id {doc.meta.doc_id!r} already used by {seen[doc.meta.doc_id]}")
    prepared = [d for d in prepared if seen.setdefault(d.meta.doc_id, d.meta.source_file) == d.meta.source_file]
    report.documents = [d.report for d in prepared if d.report]

    existing = store.fingerprints()
    todo = [d for d in prepared if existing.get(d.meta.doc_id, ("", []))[0] != d.fingerprint]
    report.unchanged = [d.meta.doc_id for d in prepared if d not in todo]
    present = {d.meta.doc_id for d in prepared} | failed_ids
    gone = [doc_id for doc_id in existing if sync and doc_id not in present]
    if not todo and not gone:
        return report  # nothing changed: the index is not touched
    # build the next generation completely, then switch to it: an interruption leaves the old one
    staging = store.stage()
    store.copy_into(staging, {d.meta.doc_id for d in todo} | set(gone))
    bar = tqdm(total=sum(len(d.chunks) for d in todo), unit="chunk", desc="ingest", disable=not progress or not todo)
    for doc in todo:
        old_ids = set(existing.get(doc.meta.doc_id, ("", []))[1])
        texts = [index_text(c, doc.meta) for c in doc.chunks]
        vectors: list[list[float]] = []
        for start in range(0, len(texts), 32):
            vectors.extend(embeddings.embed_documents(texts[start:start + 32]))
            bar.update(len(texts[start:start + 32]))
        staging.upsert(doc.chunks, doc.meta, doc.fingerprint, vectors)
        (report.updated if old_ids else report.added).append(doc.meta.doc_id)
        report.chunks_written += len(doc.chunks)
        report.chunks_deleted += len(old_ids - {c.chunk_id for c in doc.chunks})
    bar.close()
    for doc_id in gone:
        report.removed.append(doc_id)
        report.chunks_deleted += len(existing[doc_id][1])
    if activate:
        store.activate(staging)
    else:
        report.staged = staging
    return report
