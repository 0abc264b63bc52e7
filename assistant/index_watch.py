"""A deleted index folder is rebuilt in the background while the open index keeps answering.

Chroma answers from the files it holds open even after its folder is removed, but nothing
can be written there any more and a restart (or another process) would find no index. The
watch notices the missing folder, builds a fresh index from the knowledge folder next to the
running one, then switches every holder of the store to it and refreshes the assistant.
"""

from __future__ import annotations

import logging
import threading

log = logging.getLogger(__name__)


class IndexWatch:
    """Checks every ``every`` seconds (in a daemon thread, see :meth:`start`) that the index
    folder of ``assistant`` still exists, and rebuilds it when it does not."""

    def __init__(self, assistant, lock: threading.Lock | None = None, every: float = 10.0) -> None:
        if every <= 0:
            raise ValueError(f"the index check interval must be positive, got {every!r}")
        self._assistant = assistant
        self._lock = lock or threading.Lock()  # the knowledge base's: no upload while rebuilding
        self._every = every
        self._stop = threading.Event()
        self.rebuilds = 0  # how many times the index was rebuilt

    def check_once(self) -> bool:
        """Rebuild the index when its folder is gone; True when it was rebuilt."""
        from .indexing import ingest

        store = self._assistant.retriever.store
        if not store.missing():
            return False
        with self._lock:
            if not store.missing():
                return False
            settings = self._assistant.settings
            log.warning("the index folder %s is gone; rebuilding it from %s", store.index_dir, settings.documents_dir)
            fresh = store.empty_twin()
            ingest([settings.documents_dir], store=fresh, embeddings=self._assistant.retriever.embeddings,
                   knowledge_dir=settings.knowledge_dir, max_tokens=settings.chunk_max_tokens, sync=True,
                   progress=False, limits=settings.file_limits)
            store.adopt(fresh)
            self._assistant.refresh()
            self.rebuilds += 1
            log.warning("the index was rebuilt: %d chunks", store.count())
        return True

    def start(self) -> IndexWatch:
        def run() -> None:
            while not self._stop.wait(self._every):
                try:
                    self.check_once()
                except Exception:  # the watch must outlive a failed attempt; it tries again later
                    log.exception("rebuilding the index failed")

        threading.Thread(target=run, name="index-watch", daemon=True).start()
        return self

    def stop(self) -> None:
        self._stop.set()
