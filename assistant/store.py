"""The Chroma collection of clause chunks: a local persistent folder or a Chroma server.

Vectors are always computed by our own embedding model and passed in, so Chroma's
default embedding function (which downloads a model) is never used. Telemetry is off.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .chroma_client import StoreError, client, writable
from .types import Chunk, DocumentMeta, chunk_from_record, chunk_to_metadata

PAGE = 5000  # records per read: well under SQLite's 32,766 variables, a few MB each


@dataclass(frozen=True)
class IndexedDocument:
    """One document of an index generation, as the generation's manifest lists it.

    ``digest`` names the file bytes, catalog entry and ingest code the chunks came from, so an
    unchanged file is recognised without reading it again ("" when not known)."""

    doc_id: str
    fingerprint: str
    source_file: str = ""
    digest: str = ""
    chunks: int = 0


@dataclass
class PendingChange:
    """A change written into the collection but not yet visible: the manifest it commits and
    the ids of the records it retires (deleted once it is committed)."""

    manifest: dict[str, IndexedDocument]
    retired: set[str]
    written: set[str] = field(default_factory=set)  # records it added (discarded if it is abandoned)


class ChunkStore:
    """Chunks with their vectors and metadata, one Chroma collection per embedding model.

    A change costs the changed documents' own chunks, whatever the library's size. Their
    records are written into the live collection first: a chunk's id names its document,
    section and text, so a record rewritten under an existing id holds the same text and
    vector, and a new id is ignored by readers, who only know the chunks of the documents
    the manifest lists. :meth:`activate` then commits the :class:`PendingChange`: the new
    manifest (in the collection's metadata), a new version on the "active" pointer (kept in
    Chroma, so processes sharing a server follow it), and only then deletes the records the
    change retired. An interrupted change leaves the previous manifest answering; its stray
    records are ignored and go with that document's next change.
    """

    def __init__(self, index_dir: Path, collection: str, chroma_url: str | None = None) -> None:
        opened = Path(index_dir) if chroma_url else writable(Path(index_dir))
        # the folder named, when it is read-only and a copy of it is used (nothing can be saved)
        self.read_only_source = None if opened == Path(index_dir) else Path(index_dir)
        self._client = client(opened, chroma_url)
        # a local index's folder, watched for deletion (see missing()); None for a Chroma server
        self.index_dir = None if chroma_url else opened
        self._model = collection
        self.base = f"clauses-{collection}"
        self._pointer = self._client.get_or_create_collection(f"{self.base}-active", embedding_function=None)
        # a collection named by the pointer (indexes built by earlier versions, in generations) or the base
        self.name = (self._pointer.metadata or {}).get("collection") or self.base
        self.version = int((self._pointer.metadata or {}).get("version", 0))
        self._collection = self._open(self.name)
        self._checked: tuple[str, float] | None = None  # (generation, when current() last read the pointer)

    @property
    def generation(self) -> str:
        """Names the state readers see: changes when a change is committed, here or elsewhere."""
        return f"{self.name}#{self.version}"

    def _read_pointer(self) -> tuple[str, int]:
        metadata = self._client.get_collection(f"{self.base}-active").metadata or {}
        return metadata.get("collection") or self.base, int(metadata.get("version", 0))

    def _open(self, name: str):
        return self._client.get_or_create_collection(name, embedding_function=None, metadata={"hnsw:space": "cosine"})

    def current(self, max_age: float = 1.0) -> bool:
        """Whether this store still reads the active generation (another process may have switched it).

        Asked before every question, so the answer is kept for ``max_age`` seconds: another
        process's switch is followed within a second, without a database read per question."""
        now = time.monotonic()
        checked = self._checked
        if checked and checked[0] == self.generation and now - checked[1] < max_age:
            return True
        same = self._read_pointer() == (self.name, self.version)
        self._checked = (self.generation, now) if same else None
        return same

    def require_writable(self) -> None:
        """Raise :class:`StoreError` when changes cannot be saved (a read-only index folder)."""
        if self.read_only_source is not None:
            raise StoreError(f"the index folder {self.read_only_source} is read-only: changes cannot be saved")

    def missing(self) -> bool:
        """Whether the local index folder was deleted under this store. Chroma keeps answering
        from the files it holds open, but nothing new can be written and no other process can
        read it: it must be rebuilt."""
        return self.index_dir is not None and not (self.index_dir / "chroma.sqlite3").is_file()

    def empty_twin(self) -> ChunkStore:
        """A new, empty store in this store's folder, for rebuilding a deleted index while this
        one still answers (Chroma would otherwise hand back its client for the vanished files)."""
        from chromadb.api.shared_system_client import SharedSystemClient

        if self.index_dir is None:
            raise StoreError("only a local index can be rebuilt in place")
        with SharedSystemClient._refcount_lock:
            SharedSystemClient._identifier_to_system.pop(str(self.index_dir), None)
        return ChunkStore(self.index_dir, self._model)

    def adopt(self, other: ChunkStore) -> None:
        """Read and write ``other``'s index from now on (everyone holding this store follows)."""
        self._client, self._pointer, self.name, self._collection = other._client, other._pointer, other.name, other._collection
        self.version = other.version
        self._checked = None

    def reopen(self) -> None:
        """Follow the active pointer to the newest committed state."""
        self._pointer = self._client.get_collection(f"{self.base}-active")
        self.name, self.version = self._read_pointer()
        self._collection = self._open(self.name)

    def _pages(self, include: list[str]):
        """Every record, a page at a time: one ``get`` of all records exceeds SQLite's limit on
        variables above 32,766 records, and would hold them all in memory at once."""
        offset = 0
        while True:
            try:
                page = self._collection.get(include=include, limit=PAGE, offset=offset)
            except Exception as exc:  # chromadb raises its own classes and SQLite's
                raise StoreError(f"cannot read the index {self.name!r}: {exc}") from None
            if not page["ids"]:
                return
            yield page
            offset += len(page["ids"])

    def discard(self, change: PendingChange) -> None:
        """Abandon ``change``: the records it added go; the committed state never saw them."""
        self.delete(change.written)

    def activate(self, change: PendingChange) -> None:
        """Commit ``change``: its manifest, then a new version everyone follows, then the
        retired records go (a reader still on the previous version keeps its chunks' texts in
        memory; it follows within a second)."""
        self.write_manifest(change.manifest)
        self.version += 1
        self._pointer.modify(metadata={"collection": self.name, "version": self.version})
        self._checked = None
        self.delete(change.retired)

    def count(self) -> int:
        return self._collection.count()

    def manifest(self) -> dict[str, IndexedDocument]:
        """The documents of this generation, from the manifest kept in the collection's metadata
        (one small read, whatever the library's size). An index built before manifests existed
        is read once, a page at a time, and given one."""
        try:
            metadata = self._client.get_collection(self.name).metadata or {}
        except Exception as exc:  # chromadb raises its own classes and SQLite's
            raise StoreError(f"cannot read the index {self.name!r}: {exc}") from None
        if "manifest" in metadata:
            return {doc_id: IndexedDocument(doc_id, *values) for doc_id, values in json.loads(metadata["manifest"]).items()}
        entries = {}
        for page in self._pages(["metadatas"]):
            for meta in page["metadatas"]:
                entry = entries.get(meta["doc_id"])
                fingerprint = meta.get("fingerprint", "")
                if entry and entry.fingerprint != fingerprint:
                    fingerprint = ""  # mixed: treated as changed
                source = json.loads(meta["doc_meta"]).get("source_file", "") if "doc_meta" in meta else ""
                entries[meta["doc_id"]] = IndexedDocument(meta["doc_id"], fingerprint, source, "",
                                                          (entry.chunks if entry else 0) + 1)
        if entries:
            self.write_manifest(entries)
        return entries

    def write_manifest(self, entries: dict[str, IndexedDocument]) -> None:
        """Record the documents of this generation (written before it is activated)."""
        manifest = {d.doc_id: [d.fingerprint, d.source_file, d.digest, d.chunks] for d in entries.values()}
        self._collection.modify(metadata={"manifest": json.dumps(manifest, ensure_ascii=False, sort_keys=True)})

    def document_chunks(self, doc_id: str) -> tuple[list[Chunk], DocumentMeta | None]:
        """One document's chunks (reading order) and its metadata: a read the size of the document."""
        try:
            result = self._collection.get(where={"doc_id": doc_id}, include=["documents", "metadatas"])
        except Exception as exc:  # chromadb raises its own classes and SQLite's
            raise StoreError(f"cannot read the index {self.name!r}: {exc}") from None
        records = [chunk_from_record(i, d, m) for i, d, m in zip(result["ids"], result["documents"], result["metadatas"])]
        chunks = sorted((chunk for chunk, _ in records), key=lambda chunk: chunk.order)
        return chunks, records[0][1] if records else None

    def document_chunk_ids(self, doc_id: str) -> list[str]:
        """The ids of one document's chunks."""
        return self._collection.get(where={"doc_id": doc_id}, include=[])["ids"]

    def fingerprints(self) -> dict[str, tuple[str, list[str]]]:
        """For each document: the fingerprint its chunks were built from, and their ids."""
        out: dict[str, tuple[str, list[str]]] = {}
        for chunk_id, meta in ((i, m) for page in self._pages(["metadatas"]) for i, m in zip(page["ids"], page["metadatas"])):
            fingerprint, ids = out.get(meta["doc_id"], (meta.get("fingerprint", ""), []))
            ids.append(chunk_id)
            out[meta["doc_id"]] = (fingerprint if fingerprint == meta.get("fingerprint") else "", ids)
        return out

    def upsert(self, chunks: list[Chunk], doc: DocumentMeta, fingerprint: str, vectors: list[list[float]]) -> None:
        if not chunks:
            return
        self._collection.upsert(
            ids=[c.chunk_id for c in chunks],
            embeddings=vectors,
            documents=[c.text for c in chunks],
            metadatas=[chunk_to_metadata(c, doc, fingerprint) for c in chunks],
        )

    def delete(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        for start in range(0, len(ids), 500):
            self._collection.delete(ids=ids[start:start + 500])

    def all_chunks(self) -> list[tuple[Chunk, DocumentMeta]]:
        """Every chunk with its document, in document reading order."""
        records = [chunk_from_record(i, d, m) for page in self._pages(["documents", "metadatas"])
                   for i, d, m in zip(page["ids"], page["documents"], page["metadatas"])]
        return sorted(records, key=lambda record: (record[0].doc_id, record[0].order))

    def vectors(self, ids: list[str]):
        """The vectors of ``ids``, in that order (a float64 matrix)."""
        import numpy as np

        result = self._collection.get(ids=ids, include=["embeddings"])
        found = dict(zip(result["ids"], result["embeddings"]))
        return np.asarray([found[i] for i in ids], np.float64)

    def query(self, vector: list[float], n: int, doc_ids: list[str] | None = None) -> list[tuple[str, float]]:
        """Ids of the ``n`` nearest chunks with their cosine similarity, best first."""
        if n <= 0:
            return []
        where = {"doc_id": {"$in": doc_ids}} if doc_ids else None
        # Chroma returns what there is when fewer than n chunks match (no count() read per question)
        try:
            result = self._collection.query(query_embeddings=[vector], n_results=n, where=where,
                                            include=["distances"])
        except Exception as exc:  # chromadb raises its own classes and SQLite's
            raise StoreError(f"cannot search the index {self.name!r}: {exc}") from None
        return [(i, 1.0 - d) for i, d in zip(result["ids"][0], result["distances"][0])]
