"""Keeping the knowledge base current: list, upload, correct metadata, replace, remove, restore.

Uploads are checked by content (not by name), size-limited, and stored under a safe file
name inside the documents folder. Every change is a transaction: the new documents folder
and metadata are staged under ``knowledge/.changes/<id>/`` with a journal, the changed
documents' chunks are written into the index (invisible until committed), and only then are
the file, the metadata entry, the index's manifest and the audit line committed. An interrupted change is rolled back (while
building) or completed (while committing) by :meth:`KnowledgeBase.recover` at start-up.
Removed and replaced files are kept under ``knowledge/.removed/`` for :meth:`restore`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
import threading
import uuid
from pathlib import Path

from ingest.catalog import METADATA_FILE, load_catalog, slug
from ingest.isolated import prepare_isolated
from ingest.loaders import LoadError
from ingest.report import DocumentReport

from .criteria_book import with_criteria
from .indexing import ingest
from .supersession import flags_of
from .types import DocumentMeta
from .uploads import KnowledgeError, safe_file_name, sniff_suffix

__all__ = ["KnowledgeBase", "KnowledgeError", "safe_file_name", "sniff_suffix"]

AUDIT_FILE = "audit.jsonl"


class KnowledgeBase:
    """The documents folder, its metadata file and the index, changed together."""

    def __init__(self, settings, store, embeddings, segments=None) -> None:
        from .segments import segment_folder

        self.settings = settings
        self.store = store
        self.embeddings = embeddings
        self.segments = segments or segment_folder(settings)
        self.folder = settings.documents_dir
        self._lock = threading.Lock()  # one change at a time
        self.lock = self._lock  # for others that change the index (the index watch)

    @property
    def _changes(self) -> Path:
        return self.settings.knowledge_dir / ".changes"

    @property
    def _removed(self) -> Path:
        return self.settings.knowledge_dir / ".removed"

    def documents(self, chunk_counts: dict[str, int], relations: dict | None = None) -> list[dict]:
        """A row per file (and per indexed document without one); ``relations``: the retriever's
        documents others repeal or amend, shown among the flags."""
        today = dt.date.today()
        catalog = {meta.doc_id: meta for meta in load_catalog(self.settings.knowledge_dir).values()}
        rows = []
        for path in sorted(p for p in self.folder.iterdir() if p.is_file() and not p.name.startswith(".")):
            meta = next((m for m in catalog.values() if m.source_file == path.name), None)
            doc_id = meta.doc_id if meta else slug(path.stem)
            rows.append({"doc_id": doc_id, "file": path.name, "title": meta.title if meta else "(inferred at ingest)",
                         "region": meta.region if meta else None, "status": meta.status if meta else "unknown",
                         "flags": [*(meta.flags(today) if meta else []), *flags_of(doc_id, relations or {}, today)],
                         "chunks": chunk_counts.get(doc_id, 0)})
        listed = {row["doc_id"] for row in rows}
        for doc_id, count in chunk_counts.items():  # indexed without a file: shown, so that it can be removed
            if doc_id not in listed:
                rows.append({"doc_id": doc_id, "file": "", "title": "(file missing)", "region": None,
                             "status": "unknown", "flags": [], "chunks": count})
        return rows

    def preview(self, data: bytes, name: str) -> DocumentMeta:
        """The metadata inferred for an upload, for a person to check before indexing."""
        return self.inspect(data, name).meta

    def inspect(self, data: bytes, name: str) -> DocumentReport:
        """What ingest would make of an upload: metadata, chunks by kind, warnings to check."""
        suffix = sniff_suffix(data, name, self.settings.max_file_bytes)
        # beside the index actually open (a read-only folder's copy has a writable one)
        scratch_root = (self.store.index_dir or self.settings.index_dir) / "uploads"
        scratch_root.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(dir=scratch_root))  # one folder per upload: no two share a file
        path = scratch / safe_file_name(name, suffix)
        path.write_bytes(data)
        try:
            # parsed in a child with a memory cap and a time limit: a crafted file costs the child only
            prepared = prepare_isolated(path, self.settings.knowledge_dir, self.settings.chunk_max_tokens,
                                        self.settings.file_limits, self.settings.parse_memory_mb * 2**20,
                                        self.settings.parse_seconds)
            return with_criteria(prepared.report, prepared.chunks)
        except LoadError as exc:
            raise KnowledgeError(str(exc).replace(str(scratch) + "/", "")) from None
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

    def add(self, data: bytes, name: str, who: str, corrections: dict | None = None,
            replaces: str | None = None) -> DocumentMeta:
        """Store, describe and index an upload (or a newer version of ``replaces``)."""
        self._require_writable()
        meta = self.preview(data, name)  # validates content and type first: nothing changes on error
        catalog = load_catalog(self.settings.knowledge_dir)
        old = next((m for m in catalog.values() if m.doc_id == replaces), None) if replaces else None
        if replaces and old is None:
            raise KnowledgeError(f"no document with id {replaces!r}")
        file_name = meta.source_file  # the safe name preview gave it, from the sniffed type
        if (self.folder / file_name).exists() and (old is None or old.source_file != file_name):
            raise KnowledgeError(f"{file_name} already exists; replace that document instead")
        corrections = dict(corrections or {})
        if "doc_id" in corrections and corrections["doc_id"] != (old.doc_id if old else meta.doc_id):
            taken = {m.doc_id for m in catalog.values()} | set(self.store.manifest())
            if corrections["doc_id"] in taken:
                raise KnowledgeError(f"doc_id {corrections['doc_id']!r} belongs to another document; "
                                     "choose it under Replaces to replace that document")
        values = {**meta.to_dict(), **corrections, "source_file": file_name}
        if old:
            values["doc_id"] = old.doc_id
        try:
            meta = DocumentMeta.from_dict(values)
        except (TypeError, ValueError) as exc:
            raise KnowledgeError(f"invalid metadata: {exc}") from None
        entries = [m for m in catalog.values() if m.doc_id != meta.doc_id] + [meta]
        self._change("replace" if old else "add", who, meta.doc_id, entries, add=(file_name, data),
                     drop=old.source_file if old else None, dropped=old)
        return meta

    def remove(self, doc_id: str, who: str) -> None:
        """Remove a document (kept under ``.removed/`` for :meth:`restore`)."""
        catalog = load_catalog(self.settings.knowledge_dir)
        meta = next((m for m in catalog.values() if m.doc_id == doc_id), None)
        path = self.folder / meta.source_file if meta else next(
            (p for p in self.folder.iterdir() if p.is_file() and slug(p.stem) == doc_id), None)
        if path is None and doc_id not in self.store.manifest():
            raise KnowledgeError(f"no document with id {doc_id!r}")
        entries = [m for m in catalog.values() if m.doc_id != doc_id]
        self._change("remove", who, doc_id, entries, drop=path.name if path else None, dropped=meta)

    def removed(self) -> list[dict]:
        """Removed or replaced documents that can be restored, newest first."""
        if not self._removed.is_dir():
            return []
        out = []
        for folder in sorted(self._removed.iterdir(), reverse=True):
            record = folder / "removed.json"
            if record.is_file():
                out.append({**json.loads(record.read_text(encoding="utf-8")), "key": folder.name})
        return out

    def restore(self, who: str, key: str | None = None) -> DocumentMeta:
        """Bring back the latest removed document (or the one named by ``key``)."""
        candidates = [r for r in self.removed() if key is None or r["key"] == key]
        if not candidates:
            raise KnowledgeError("nothing to restore" if key is None else f"no removed document {key!r}")
        record = candidates[0]
        folder = self._removed / record["key"]
        data = (folder / record["file"]).read_bytes()
        catalog = load_catalog(self.settings.knowledge_dir)
        meta = DocumentMeta.from_dict(record["meta"]) if record.get("meta") else None
        doc_id = meta.doc_id if meta else slug(Path(record["file"]).stem)
        if any(m.doc_id == doc_id for m in catalog.values()) or (self.folder / record["file"]).exists():
            raise KnowledgeError(f"{doc_id} is in the knowledge base again; remove that version first")
        entries = [*catalog.values(), meta] if meta else list(catalog.values())
        self._change("restore", who, doc_id, entries, add=(record["file"], data))
        shutil.rmtree(folder, ignore_errors=True)
        return meta or DocumentMeta(doc_id=doc_id, title=record["file"], source_file=record["file"])

    def audit_log(self) -> list[dict]:
        path = self.settings.knowledge_dir / AUDIT_FILE
        if not path.is_file():
            return []
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]

    def _change(self, action: str, who: str, doc_id: str, entries: list[DocumentMeta],
                add: tuple[str, bytes] | None = None, drop: str | None = None,
                dropped: DocumentMeta | None = None) -> None:
        """Stage, build, then commit one change (see the module's docstring)."""
        self._require_writable()
        with self._lock:
            change = self._changes / uuid.uuid4().hex
            staged_docs = change / "documents"
            staged_docs.mkdir(parents=True)
            try:
                for path in self.folder.iterdir():
                    if path.is_file() and not path.name.startswith(".") and path.name != drop:
                        _link_or_copy(path, staged_docs / path.name)
                if add:
                    (staged_docs / add[0]).write_bytes(add[1])
                _write_catalog(change, entries)
                journal = {"id": change.name, "action": action, "who": who, "doc_id": doc_id,
                           "file": add[0] if add else drop, "add": add[0] if add else None, "drop": drop,
                           "dropped": dropped.to_dict() if dropped else None, "state": "building"}
                _write_json(change / "change.json", journal)
                report = ingest([staged_docs], store=self.store, embeddings=self.embeddings, knowledge_dir=change,
                                max_tokens=self.settings.chunk_max_tokens, sync=True, progress=False, activate=False,
                                limits=self.settings.file_limits, segments=self.segments)
                if report.errors:
                    if report.staged is not None:
                        self.store.discard(report.staged)
                    raise KnowledgeError("; ".join(e.replace(str(staged_docs) + "/", "") for e in report.errors))
            except BaseException:
                shutil.rmtree(change, ignore_errors=True)  # nothing outside the staging folder was touched
                raise
            _write_json(change / "change.json", {**journal, "state": "commit"})  # the point of no return
            self._commit(change, journal, report.staged)

    def _commit(self, change: Path, journal: dict, staged) -> None:
        """Apply a built change; every step can be repeated, so recovery can call this again."""
        drop, add = journal.get("drop"), journal.get("add")
        if drop and (self.folder / drop).exists():
            keep = self._removed / f"{dt.datetime.now().strftime('%Y%m%d%H%M%S')}-{journal['id'][:8]}"
            keep.mkdir(parents=True, exist_ok=True)
            _write_json(keep / "removed.json", {"file": drop, "meta": journal.get("dropped"), "who": journal["who"],
                                                "action": journal["action"], "time": _now()})
            os.replace(self.folder / drop, keep / drop)
        if add and (change / "documents" / add).exists():
            os.replace(change / "documents" / add, self.folder / add)
        if (change / METADATA_FILE).exists():
            os.replace(change / METADATA_FILE, self.settings.knowledge_dir / METADATA_FILE)
        if staged is not None:
            self.store.activate(staged)
        if not any(line.get("change") == journal["id"] for line in self.audit_log()):
            self._audit(journal["action"], journal["who"], journal["doc_id"], journal.get("file") or "", journal["id"])
        shutil.rmtree(change, ignore_errors=True)

    def recover(self) -> list[str]:
        """Finish or roll back changes a crash interrupted; returns what was done, for the log."""
        done = []
        if not self._changes.is_dir():
            return done
        for change in sorted(self._changes.iterdir()):
            try:
                journal = json.loads((change / "change.json").read_text(encoding="utf-8"))
            except (OSError, ValueError):
                journal = {}
            if journal.get("state") == "commit":
                self._commit(change, journal, None)
                done.append(f"completed {journal['action']} of {journal['doc_id']}")
            else:
                shutil.rmtree(change, ignore_errors=True)
                if journal:
                    self._audit("rolled-back " + journal["action"], journal["who"], journal["doc_id"],
                                journal.get("file") or "", journal["id"])
                done.append(f"rolled back {journal.get('action', 'a change')} of {journal.get('doc_id', '?')}")
        if done:  # the index follows the folder as it now is
            ingest([self.folder], store=self.store, embeddings=self.embeddings, knowledge_dir=self.settings.knowledge_dir,
                   max_tokens=self.settings.chunk_max_tokens, sync=True, progress=False,
                   limits=self.settings.file_limits, segments=self.segments)
        return done

    def _require_writable(self) -> None:
        if self.store.read_only_source is not None:
            raise KnowledgeError(f"the index folder {self.store.read_only_source.name} is read-only: "
                                 "no document can be added, replaced or removed")

    def _audit(self, action: str, who: str, doc_id: str, file_name: str, change: str) -> None:
        append_audit(self.settings.knowledge_dir, action, who, doc_id, file_name, change)


def append_audit(knowledge_dir: Path, action: str, who: str, doc_id: str, file_name: str, change: str) -> None:
    """One line of ``audit.jsonl``: who changed what, when; written through to the disk."""
    line = {"time": _now(), "who": who, "action": action, "doc_id": doc_id, "file": file_name, "change": change}
    with (knowledge_dir / AUDIT_FILE).open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(line, ensure_ascii=False) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)  # cheap, and the original is never written through a link (files are replaced)
    except OSError:
        shutil.copy2(source, target)


def _write_json(path: Path, data) -> None:
    temporary = path.with_name(path.name + ".part")
    with temporary.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)  # readers see the old file or the new one, never half


def _write_catalog(knowledge_dir: Path, entries: list[DocumentMeta]) -> None:
    _write_json(knowledge_dir / METADATA_FILE, {"documents": [m.to_dict() for m in sorted(entries, key=lambda m: m.doc_id)]})
