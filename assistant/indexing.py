"""Ingest policy files into the store: read (:mod:`ingest.pipeline`), embed, upsert —
idempotently. A change becomes visible only when complete (see :class:`~assistant.store.ChunkStore`)."""

from __future__ import annotations

from pathlib import Path

from ingest.catalog import load_catalog, slug
from ingest.loaders import DEFAULT_LIMITS, FileLimits, LoadError
from ingest.pipeline import (
    ContentHashes,
    IngestReport,
    PreparedDocument,
    collect_files,
    prepare,
    source_digest,
)

from .criteria_book import with_criteria
from .segments import build_segment, index_text
from .store import IndexedDocument, PendingChange


def ingest(paths: list[Path], *, store, embeddings, knowledge_dir: Path, max_tokens: int,
           sync: bool = False, progress: bool = True, activate: bool = True,
           limits: FileLimits = DEFAULT_LIMITS, segments=None, reread: bool = False) -> IngestReport:
    """Bring the store up to date with ``paths``; with ``sync``, also drop documents no longer there.

    A file whose digest the index's manifest already lists is not read again (``reread`` reads
    every file, for a report on each). ``segments`` (a :class:`~assistant.segments.SegmentFolder`)
    receives the lexical segments of new and changed documents. With ``activate=False`` the
    change is written but not committed: it is returned as ``report.staged`` for the caller to
    activate once its own changes are committed.
    """
    from tqdm import tqdm

    report = IngestReport()
    catalog = load_catalog(knowledge_dir)
    files, report.errors = collect_files(paths)
    existing = store.manifest()
    # files recognised by size and time, not read, when the index folder remembers their hashes
    hashes = ContentHashes(store.index_dir / "file-hashes.json" if getattr(store, "index_dir", None) else None)
    by_file = {d.source_file: d for d in existing.values() if d.digest}
    prepared: list[PreparedDocument] = []
    digests: dict[str, str] = {}
    known: list[IndexedDocument] = []  # unchanged files, recognised by their digest
    failed_ids: set[str] = set()
    for path in files:
        try:
            digest = source_digest(path, catalog, max_tokens, hashes)
        except OSError as exc:
            report.errors.append(f"{path.name}: cannot be read ({exc.strerror or exc})")
            failed_ids.add(catalog[path.name].doc_id if path.name in catalog else slug(path.stem))
            continue
        if not reread and path.name in by_file and by_file[path.name].digest == digest:
            known.append(by_file[path.name])
            continue
        try:
            prepared.append(prepare(path, catalog, max_tokens, limits))
            digests[prepared[-1].meta.doc_id] = digest
        except LoadError as exc:
            report.errors.append(str(exc))
            failed_ids.add(catalog[path.name].doc_id if path.name in catalog else slug(path.stem))
    try:
        hashes.save()
    except OSError:  # a read-only or full disk: the next start reads the files again, nothing else
        pass
    seen: dict[str, str] = {d.doc_id: d.source_file for d in known}
    for doc in prepared:
        if doc.meta.doc_id in seen and seen[doc.meta.doc_id] != doc.meta.source_file:
            report.errors.append(f"{doc.meta.source_file}: doc_id {doc.meta.doc_id!r} already used by {seen[doc.meta.doc_id]}")
    prepared = [d for d in prepared if seen.setdefault(d.meta.doc_id, d.meta.source_file) == d.meta.source_file]
    report.documents = [with_criteria(d.report, d.chunks) for d in prepared if d.report]

    todo = [d for d in prepared if (d.meta.doc_id not in existing or existing[d.meta.doc_id].fingerprint != d.fingerprint)]
    report.unchanged = [d.doc_id for d in known] + [d.meta.doc_id for d in prepared if d not in todo]
    present = {d.meta.doc_id for d in prepared} | {d.doc_id for d in known} | failed_ids
    gone = [doc_id for doc_id in existing if sync and doc_id not in present]
    manifest = {doc_id: entry for doc_id, entry in existing.items() if doc_id not in gone}
    for doc in prepared:  # digests of files read again (a first read, or a new ingest code) are kept
        manifest[doc.meta.doc_id] = IndexedDocument(doc.meta.doc_id, doc.fingerprint, doc.meta.source_file,
                                                    digests[doc.meta.doc_id], len(doc.chunks))
    if not todo and not gone:
        if manifest != existing:
            store.write_manifest(manifest)  # nothing changed but the digests: the next start reads no file
        return report  # nothing changed: the index is not touched
    # the changed documents' records are written into the live collection, where readers ignore
    # them until the manifest that lists them is committed (see ChunkStore): a change costs its own chunks
    retired: set[str] = set()
    written: list[str] = []
    bar = tqdm(total=sum(len(d.chunks) for d in todo), unit="chunk", desc="ingest", disable=not progress or not todo)
    try:
        for doc in todo:
            old_ids = set(store.document_chunk_ids(doc.meta.doc_id)) if doc.meta.doc_id in existing else set()
            new_ids = {c.chunk_id for c in doc.chunks}
            texts = [index_text(c, doc.meta) for c in doc.chunks]
            vectors: list[list[float]] = []
            for start in range(0, len(texts), 32):
                vectors.extend(embeddings.embed_documents(texts[start:start + 32]))
                bar.update(len(texts[start:start + 32]))
            written.extend(new_ids - old_ids)
            store.upsert(doc.chunks, doc.meta, doc.fingerprint, vectors)
            if segments is not None:
                segments.save(build_segment(doc.chunks, doc.meta, doc.fingerprint))
            (report.updated if doc.meta.doc_id in existing else report.added).append(doc.meta.doc_id)
            report.chunks_written += len(doc.chunks)
            report.chunks_deleted += len(old_ids - new_ids)
            retired |= old_ids - new_ids
    except BaseException:
        store.delete(written)  # nothing of a failed change stays behind (a kill leaves strays, ignored)
        raise
    finally:
        bar.close()
    for doc_id in gone:
        report.removed.append(doc_id)
        report.chunks_deleted += existing[doc_id].chunks
        retired |= set(store.document_chunk_ids(doc_id))
    change = PendingChange(manifest, retired, set(written))
    if activate:
        store.activate(change)
    else:
        report.staged = change
    return report
