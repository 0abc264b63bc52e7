"""The Chroma collection of clause chunks: a local persistent folder or a Chroma server.

Vectors are always computed by our own embedding model and passed in, so Chroma's
default embedding function (which downloads a model) is never used. Telemetry is off.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .types import Chunk, DocumentMeta, chunk_from_record, chunk_to_metadata


class StoreError(RuntimeError):
    """The vector store cannot be opened or reached."""


def _client(index_dir: Path, chroma_url: str | None):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if chroma_url:
        from urllib.parse import urlparse

        url = urlparse(chroma_url)
        try:
            return chromadb.HttpClient(host=url.hostname or "localhost", port=url.port or 8000,
                                       ssl=url.scheme == "https", settings=chroma_settings)
        except Exception as exc:  # connection errors come in many classes
            raise StoreError(f"cannot reach the Chroma server at {chroma_url}: {exc}") from None
    index_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(index_dir), settings=chroma_settings)


class ChunkStore:
    """Chunks with their vectors and metadata in one Chroma collection per embedding model."""

    def __init__(self, index_dir: Path, collection: str, chroma_url: str | None = None) -> None:
        self._client = _client(index_dir, chroma_url)
        self.name = f"clauses-{collection}"
        self._collection = self._client.get_or_create_collection(
            self.name, embedding_function=None, metadata={"hnsw:space": "cosine"}
        )

    def count(self) -> int:
        return self._collection.count()

    def fingerprints(self) -> dict[str, tuple[str, list[str]]]:
        """For each document: the fingerprint its chunks were built from, and their ids."""
        result = self._collection.get(include=["metadatas"])
        out: dict[str, tuple[str, list[str]]] = {}
        for chunk_id, meta in zip(result["ids"], result["metadatas"] or []):
            fingerprint, ids = out.get(meta["doc_id"], (meta.get("fingerprint", ""), []))
            ids.append(chunk_id)
            out[meta["doc_id"]] = (fingerprint if fingerprint == meta.get("fingerprint") else "", ids)
        return out

    def upsert(self, chunks: list[Chunk], doc: DocumentMeta, fingerprint: str,
               index_texts: list[str], vectors: list[list[float]]) -> None:
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
        result = self._collection.get(include=["documents", "metadatas"])
        records = [chunk_from_record(i, d, m) for i, d, m in
                   zip(result["ids"], result["documents"] or [], result["metadatas"] or [])]
        return sorted(records, key=lambda record: (record[0].doc_id, record[0].order))

    def query(self, vector: list[float], n: int, doc_ids: list[str] | None = None) -> list[tuple[str, float]]:
        """Ids of the ``n`` nearest chunks with their cosine similarity, best first."""
        total = self.count()
        if total == 0 or n <= 0:
            return []
        where = {"doc_id": {"$in": doc_ids}} if doc_ids else None
        result = self._collection.query(query_embeddings=[vector], n_results=min(n, total), where=where,
                                        include=["distances"])
        return [(i, 1.0 - d) for i, d in zip(result["ids"][0], result["distances"][0])]
