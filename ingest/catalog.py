"""The metadata file of ``knowledge/`` and the fallback for documents it does not list."""

from __future__ import annotations

import json
import re
from pathlib import Path

from assistant.types import DocumentMeta

from .metadata import infer_metadata

METADATA_FILE = "metadata.json"


class CatalogError(ValueError):
    """The metadata file is unreadable or holds an invalid entry."""


def load_catalog(knowledge_dir: Path) -> dict[str, DocumentMeta]:
    """Entries of ``metadata.json`` keyed by source file name; empty when the file is absent."""
    path = knowledge_dir / METADATA_FILE
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = [DocumentMeta.from_dict(entry) for entry in data["documents"]]
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise CatalogError(f"{path}: {exc}") from None
    catalog: dict[str, DocumentMeta] = {}
    ids: set[str] = set()
    for entry in entries:
        if entry.doc_id in ids:
            raise CatalogError(f"{path}: doc_id {entry.doc_id!r} appears twice")
        ids.add(entry.doc_id)
        catalog[entry.source_file] = entry
    return catalog


def document_meta(path: Path, cleaned: str, title_hint: str | None, catalog: dict[str, DocumentMeta],
                  page_catalogue: dict[str, str] | None = None) -> DocumentMeta:
    """The catalog entry for ``path``, or metadata inferred from the text itself (and from the
    catalogue grid of the government page it was saved from, ``page_catalogue``)."""
    if path.name in catalog:
        return catalog[path.name]
    facts = infer_metadata(cleaned, title_hint, page_catalogue)
    facts["title"] = facts.get("title") or path.stem
    taken = {meta.doc_id for meta in catalog.values()}
    doc_id = slug(path.stem)
    if doc_id in taken:
        doc_id = f"{doc_id}-{path.suffix.lstrip('.')}"
    facts["title"] = str(facts["title"])[:300]
    try:
        return DocumentMeta(doc_id=doc_id, source_file=path.name, **facts)  # type: ignore[arg-type]
    except ValueError:  # facts a text states inconsistently: keep the title, leave the rest to a person
        return DocumentMeta(doc_id=doc_id, source_file=path.name, title=facts["title"])  # type: ignore[arg-type]


def slug(name: str) -> str:
    """A stable id from a file name; Chinese characters are kept, separators folded."""
    value = re.sub(r"[^\w\u4e00-\u9fff]+", "-", name.strip().lower()).strip("-")
    return value or "document"
