"""Opening Chroma: a server, a local folder, or a copy of a read-only folder."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

log = logging.getLogger(__name__)
# SQLite's words for a file that is not, or no longer, a sound database (codes 26 and 11)
_DAMAGED = ("file is not a database", "database disk image is malformed", "(code: 26)", "(code: 11)")


class StoreError(RuntimeError):
    """The vector store cannot be opened, reached or written."""


def client(index_dir: Path, chroma_url: str | None):
    """A Chroma client of the server at ``chroma_url``, else of the folder ``index_dir``."""
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
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the index folder {index_dir}: {exc.strerror}") from None
    try:
        return chromadb.PersistentClient(path=str(index_dir), settings=chroma_settings)
    except Exception as exc:  # chromadb raises its own classes and SQLite's
        if not any(sign in str(exc) for sign in _DAMAGED):
            raise StoreError(f"cannot open the index folder {index_dir}: {exc}") from None
    # the index is derived data: a damaged one is set aside (for a look) and built again
    from chromadb.api.shared_system_client import SharedSystemClient

    aside = index_dir.with_name(f"{index_dir.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    try:
        os.replace(index_dir, aside)
    except OSError as exc:
        raise StoreError(f"the index folder {index_dir} is damaged and cannot be moved aside: {exc.strerror}") from None
    log.warning("the index folder %s is damaged; moved to %s and built again", index_dir, aside)
    with SharedSystemClient._refcount_lock:  # Chroma would hand back the failed client
        SharedSystemClient._identifier_to_system.pop(str(index_dir), None)
    index_dir.mkdir(parents=True)
    return chromadb.PersistentClient(path=str(index_dir), settings=chroma_settings)


def writable(index_dir: Path) -> Path:
    """``index_dir``, or a copy of it in the temporary folder when it cannot be written (a
    read-only mount or permissions): Chroma writes to its database on opening, even to read."""
    import atexit
    import shutil
    import tempfile

    database = index_dir / "chroma.sqlite3"
    if not database.is_file() or (os.access(index_dir, os.W_OK) and os.access(database, os.W_OK)):
        return index_dir
    copy = Path(tempfile.mkdtemp(prefix="policy-assistant-index-"))
    try:  # the caches beside the index are read from where they are
        shutil.copytree(index_dir, copy, dirs_exist_ok=True, copy_function=shutil.copyfile,
                        ignore=shutil.ignore_patterns("segments", "uploads", "lexical-*"))
        for folder, _, _ in os.walk(copy):  # copytree copies the folders' read-only modes too
            os.chmod(folder, 0o700)
    except OSError as exc:
        shutil.rmtree(copy, ignore_errors=True)
        raise StoreError(f"the index folder {index_dir} is read-only and cannot be copied: {exc}") from None
    atexit.register(shutil.rmtree, copy, True)
    log.warning("the index folder %s is read-only: answering from a copy in %s; changes cannot be saved",
                index_dir, copy)
    return copy
