"""Keeping the knowledge base current: list, upload, correct metadata, replace, remove.

Uploads are checked by content (not by name), size-limited, and stored under a safe file
name inside the documents folder. Every change goes through the atomic ingest (a new index
generation, switched to when complete) and is written to an audit log with who and when.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import zipfile
from pathlib import Path

from ingest.catalog import METADATA_FILE, load_catalog, slug
from ingest.loaders import LoadError, decode_text
from ingest.pipeline import ingest, prepare

from .types import DocumentMeta

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
AUDIT_FILE = "audit.jsonl"


class KnowledgeError(ValueError):
    """An upload or change that cannot be made; nothing was changed."""


def sniff_suffix(data: bytes, name: str) -> str:
    """The real type of an upload, from its bytes: .pdf, .docx, .html, .md or .txt."""
    if not data.strip():
        raise KnowledgeError(f"{name}: the file is empty")
    if len(data) > MAX_UPLOAD_BYTES:
        raise KnowledgeError(f"{name}: {len(data)} bytes is over the {MAX_UPLOAD_BYTES}-byte upload limit")
    if data.startswith(b"%PDF-"):
        return ".pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "word/document.xml" in archive.namelist():
                    return ".docx"
        except zipfile.BadZipFile:
            pass
        raise KnowledgeError(f"{name}: a zip archive that is not a Word .docx document")
    try:
        text = decode_text(data, name)
    except LoadError as exc:
        raise KnowledgeError(str(exc)) from None
    if re.search(r"<(!doctype html|html|body|p|div|table)\b", text[:2000], re.IGNORECASE):
        return ".html"
    return ".md" if name.lower().endswith(".md") else ".txt"


def safe_file_name(name: str, suffix: str) -> str:
    """A file name with no folder parts and no characters that could escape the documents folder."""
    stem = Path(name.replace("\\", "/")).name
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", stem)
    stem = re.sub(r"[^\w\u4e00-\u9fff.-]+", "-", stem).strip(".-") or "document"
    return f"{stem[:80]}{suffix}"


class KnowledgeBase:
    """The documents folder, its metadata file and the index, changed together."""

    def __init__(self, settings, store, embeddings) -> None:
        self.settings = settings
        self.store = store
        self.embeddings = embeddings
        self.folder = settings.documents_dir

    def documents(self, chunk_counts: dict[str, int]) -> list[dict]:
        today = dt.date.today()
        catalog = {meta.doc_id: meta for meta in load_catalog(self.settings.knowledge_dir).values()}
        rows = []
        for path in sorted(p for p in self.folder.iterdir() if p.is_file() and not p.name.startswith(".")):
            meta = next((m for m in catalog.values() if m.source_file == path.name), None)
            doc_id = meta.doc_id if meta else slug(path.stem)
            rows.append({"doc_id": doc_id, "file": path.name, "title": meta.title if meta else "(inferred at ingest)",
                         "region": meta.region if meta else None, "status": meta.status if meta else "unknown",
                         "flags": meta.flags(today) if meta else [], "chunks": chunk_counts.get(doc_id, 0)})
        return rows

    def preview(self, data: bytes, name: str) -> DocumentMeta:
        """The metadata inferred for an upload, for a person to check before indexing."""
        suffix = sniff_suffix(data, name)
        scratch = self.settings.index_dir / "uploads"
        scratch.mkdir(parents=True, exist_ok=True)
        path = scratch / safe_file_name(name, suffix)
        path.write_bytes(data)
        try:
            return prepare(path, load_catalog(self.settings.knowledge_dir), self.settings.chunk_max_tokens).meta
        except LoadError as exc:
            raise KnowledgeError(str(exc)) from None
        finally:
            path.unlink(missing_ok=True)

    def add(self, data: bytes, name: str, who: str, corrections: dict | None = None,
            replaces: str | None = None) -> DocumentMeta:
        """Store, describe and index an upload (or a newer version of ``replaces``)."""
        meta = self.preview(data, name)  # validates content and type first: nothing changes on error
        catalog = load_catalog(self.settings.knowledge_dir)
        old = next((m for m in catalog.values() if m.doc_id == replaces), None) if replaces else None
        if replaces and old is None:
            raise KnowledgeError(f"no document with id {replaces!r}")
        file_name = safe_file_name(name, sniff_suffix(data, name))
        target = self.folder / file_name
        if target.exists() and (old is None or old.source_file != file_name):
            raise KnowledgeError(f"{file_name} already exists; replace that document instead")
        values = {**meta.to_dict(), **(corrections or {}), "source_file": file_name}
        values["doc_id"] = old.doc_id if old else values["doc_id"]
        try:
            meta = DocumentMeta.from_dict(values)
        except (TypeError, ValueError) as exc:
            raise KnowledgeError(f"invalid metadata: {exc}") from None
        entries = [m for m in catalog.values() if m.doc_id != meta.doc_id] + [meta]
        temporary = target.with_name(f".{file_name}.part")
        temporary.write_bytes(data)
        os.replace(temporary, target)
        if old and old.source_file != file_name:
            (self.folder / old.source_file).unlink(missing_ok=True)
        self._write_catalog(entries)
        self._sync()
        self._audit("replace" if old else "add", who, meta.doc_id, file_name)
        return meta

    def remove(self, doc_id: str, who: str) -> None:
        catalog = load_catalog(self.settings.knowledge_dir)
        meta = next((m for m in catalog.values() if m.doc_id == doc_id), None)
        path = self.folder / meta.source_file if meta else next(
            (p for p in self.folder.iterdir() if slug(p.stem) == doc_id), None)
        if path is None:
            raise KnowledgeError(f"no document with id {doc_id!r}")
        path.unlink(missing_ok=True)
        self._write_catalog([m for m in catalog.values() if m.doc_id != doc_id])
        self._sync()
        self._audit("remove", who, doc_id, path.name)

    def audit_log(self) -> list[dict]:
        path = self.settings.knowledge_dir / AUDIT_FILE
        if not path.is_file():
            return []
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]

    def _sync(self) -> None:
        report = ingest([self.folder], store=self.store, embeddings=self.embeddings,
                        knowledge_dir=self.settings.knowledge_dir, max_tokens=self.settings.chunk_max_tokens,
                        sync=True, progress=False)
        if report.errors:
            raise KnowledgeError("; ".join(report.errors))

    def _write_catalog(self, entries: list[DocumentMeta]) -> None:
        path = self.settings.knowledge_dir / METADATA_FILE
        data = {"documents": [m.to_dict() for m in sorted(entries, key=lambda m: m.doc_id)]}
        temporary = path.with_suffix(".json.part")
        temporary.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        os.replace(temporary, path)  # readers see the old file or the new one, never half

    def _audit(self, action: str, who: str, doc_id: str, file_name: str) -> None:
        line = {"time": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "who": who,
                "action": action, "doc_id": doc_id, "file": file_name}
        with (self.settings.knowledge_dir / AUDIT_FILE).open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
