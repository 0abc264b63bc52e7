"""Segments: one document's chunks as lexical retrieval needs them, built once at ingest.

Tokenising a clause with jieba is the costliest step of building the lexical index (a
province's library: minutes). A segment holds a document's chunks with their BM25 tokens
and the character grams of their evidence text, saved under the index folder and named by
the document's fingerprint; start-up and every change then only concatenate arrays,
re-tokenising nothing but new or changed documents.

Segments are derived data: a missing or unreadable one is rebuilt from the store's records.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .evidence import gram_codes, squash
from .lexical import add_words, quoted_names, tokenize
from .types import Chunk, DocumentMeta

log = logging.getLogger(__name__)
SEGMENT_VERSION = 5  # bump when what a segment holds, or how it is tokenised, changes
_MAGIC = b"policy-assistant segment 3\n"
_MAGIC_2 = b"policy-assistant segment 2\n"  # the words in the JSON header: still read
_ARRAYS = ("pair_word", "pair_chunk", "pair_tf", "lengths", "grams", "gram_chunk", "word_bytes")
_WORD_SEPARATOR = "\x00"  # never inside a token
_MERGED = ("codes", "starts", "texts")


def index_text(chunk: Chunk, meta: DocumentMeta) -> str:
    """What is embedded and BM25-indexed: the clause with its section path.

    The document title is left out: every chunk of a document would share it, so it
    only adds noise (and favours short chunks); documents are told apart by filters.
    """
    return f"{' '.join(chunk.section_path)}\n{chunk.text}"


def evidence_text(chunk: Chunk, meta: DocumentMeta) -> str:
    """What a reader sees of a clause: its document, region, section path and text."""
    return f"{meta.title} {meta.region or ''}\n{' '.join(chunk.section_path)}\n{chunk.text}"


@dataclass(frozen=True)
class Segment:
    """A document's chunks (in reading order) with their lexical data, as flat arrays.

    ``pair_*`` arrays list each (chunk, word) once with its term frequency; ``gram_*`` each
    (chunk, character gram) once. Chunk positions are local to the segment."""

    doc: DocumentMeta
    fingerprint: str
    chunks: tuple[Chunk, ...]
    word_bytes: np.ndarray  # the segment's words, UTF-8, NUL-separated: see ``words``
    pair_word: np.ndarray
    pair_chunk: np.ndarray
    pair_tf: np.ndarray
    lengths: np.ndarray
    grams: np.ndarray
    gram_chunk: np.ndarray
    squashed: tuple[str, ...]
    quoted: tuple[str, ...]

    @property
    def words(self) -> tuple[str, ...]:
        """The words ``pair_word`` numbers. Kept as bytes, decoded only when the lexical index
        is built: a start that reads the saved index makes no string of them (a large
        library's words are a fifth of its segments and a sixth of their decoding time)."""
        return tuple(bytes(self.word_bytes).decode().split(_WORD_SEPARATOR)) if len(self.word_bytes) else ()


_ROW_NAME = re.compile(r"[\u4e00-\u9fff]{2,5}[性度率量额值]")


def build_segment(chunks: list[Chunk], doc: DocumentMeta, fingerprint: str) -> Segment:
    """Tokenise a document's chunks (jieba must already know the glossary's words)."""
    chunks = sorted(chunks, key=lambda c: c.order)
    texts = [index_text(c, doc) for c in chunks]
    # the document's own names stay whole in its tokens and in questions: products in quotes, and
    # table rows named with a suffix the next word may take (成长性: "成长性能得几分" is not
    # 成长/性能; 认定奖励 stays 认定/奖励, as questions say it)
    quoted = sorted(set(quoted_names(texts)) | {c.section_path[-1] for c in chunks if c.kind == "table_record"
                                                and _ROW_NAME.fullmatch(c.section_path[-1])})
    add_words(quoted)
    words: dict[str, int] = {}
    pair_word, pair_chunk, pair_tf, lengths = [], [], [], []
    for position, text in enumerate(texts):
        tokens = tokenize(text) or ["<empty>"]
        lengths.append(len(tokens))
        for token, count in Counter(tokens).items():
            pair_word.append(words.setdefault(token, len(words)))
            pair_chunk.append(position)
            pair_tf.append(count)
    squashed = [squash(evidence_text(c, doc)) for c in chunks]
    grams = [gram_codes(text) for text in squashed]
    return Segment(doc, fingerprint, tuple(chunks), _word_bytes(words), np.asarray(pair_word, np.int32),
                   np.asarray(pair_chunk, np.int32), np.asarray(pair_tf, np.int32), np.asarray(lengths, np.int32),
                   np.concatenate(grams) if grams else np.zeros(0, np.uint64),
                   np.repeat(np.arange(len(grams), dtype=np.int32), [len(g) for g in grams]),
                   tuple(squashed), tuple(quoted))


def _word_bytes(words) -> np.ndarray:
    return np.frombuffer(_WORD_SEPARATOR.join(w.replace(_WORD_SEPARATOR, "") for w in words).encode(), np.uint8)


def lexicon_digest(terms: list[str]) -> str:
    """Names the tokenisation: the words jieba was taught (the glossary's and synonyms')."""
    return hashlib.sha256(("\n".join(sorted(set(terms))) + f"\n{SEGMENT_VERSION}").encode()).hexdigest()[:16]


class SegmentFolder:
    """Segment files of one tokenisation: ``<root>/<lexicon digest>/<doc_id>-<fingerprint>.seg``."""

    def __init__(self, root: Path, lexicon_terms: list[str]) -> None:
        add_words(lexicon_terms)  # before any document is tokenised, here or by a question
        self.folder = Path(root) / lexicon_digest(lexicon_terms)
        self._previous_layout: set[tuple[str, str]] = set()  # read in the previous layout, see upgrade()

    def _path(self, doc_id: str, fingerprint: str) -> Path:
        return self.folder / f"{doc_id}-{fingerprint}.seg"

    def save(self, segment: Segment) -> None:
        """Write ``segment`` as one file: a JSON header, then its arrays' raw bytes (read back
        without copying; a zip of arrays costs a file-system walk per array on every start)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        arrays = {name: np.ascontiguousarray(getattr(segment, name)) for name in _ARRAYS}
        layout, offset = {}, 0
        for name, array in arrays.items():
            layout[name] = [array.dtype.str, len(array), offset]
            offset += array.nbytes
        header = json.dumps({"doc": segment.doc.to_dict(), "fingerprint": segment.fingerprint,
                             "chunks": [[c.chunk_id, c.text, list(c.section_path), c.kind, list(c.responsible_units),
                                         c.order] for c in segment.chunks],
                             "squashed": segment.squashed, "quoted": segment.quoted,
                             "arrays": layout}, ensure_ascii=False).encode()
        header += b" " * (-len(header) % 8)  # arrays start 8-byte aligned
        path = self._path(segment.doc.doc_id, segment.fingerprint)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.part")
        with temporary.open("wb") as handle:  # written whole, then renamed: a reader never sees half
            handle.write(_MAGIC + len(header).to_bytes(8, "little") + header)
            for array in arrays.values():
                handle.write(array.tobytes())
        os.replace(temporary, path)

    def load(self, doc_id: str, fingerprint: str) -> Segment | None:
        """The saved segment, or None when there is none (or it cannot be read)."""
        path = self._path(doc_id, fingerprint)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        try:
            if not data.startswith((_MAGIC, _MAGIC_2)):
                raise ValueError("not a segment file")
            size = int.from_bytes(data[len(_MAGIC):len(_MAGIC) + 8], "little")
            start = len(_MAGIC) + 8 + size
            header = json.loads(data[len(_MAGIC) + 8:start])
            arrays = {name: np.frombuffer(data, dtype, count, start + offset)
                      for name, (dtype, count, offset) in header["arrays"].items()}
            if "words" in header:  # a file of the previous layout
                arrays["word_bytes"] = _word_bytes(header["words"])
                self._previous_layout.add((doc_id, fingerprint))
            chunks = tuple(Chunk(chunk_id=i, doc_id=doc_id, text=t, section_path=tuple(p), kind=k,
                                 responsible_units=tuple(u), order=o) for i, t, p, k, u, o in header["chunks"])
            return Segment(DocumentMeta.from_dict(header["doc"]), fingerprint, chunks,
                           squashed=tuple(header["squashed"]), quoted=tuple(header["quoted"]),
                           **{name: arrays[name] for name in _ARRAYS})
        except (ValueError, KeyError, TypeError) as exc:
            log.warning("segment %s unreadable (%s): rebuilt", path.name, exc)
            return None

    def get(self, doc_id: str, fingerprint: str, records) -> Segment:
        """The saved segment, or one built (and saved) from ``records()``: (chunks, doc) from the store."""
        segment = self.load(doc_id, fingerprint)
        if segment is None:
            chunks, doc = records()
            segment = build_segment(chunks, doc, fingerprint)
            self.save(segment)
        return segment

    def upgrade(self) -> int:
        """Rewrite the segments read in the previous layout in this one (the next start reads
        them faster); returns how many. Run beside serving: a reader sees either file whole."""
        done = 0
        while self._previous_layout:
            key = self._previous_layout.pop()
            segment = self.load(*key)
            self._previous_layout.discard(key)  # (loading it noted it again)
            if segment is not None:
                try:
                    self.save(segment)
                except OSError:  # a read-only or full disk: they are read as they are
                    return done
                done += 1
        return done

    def merged_key(self, entries: list[tuple[str, str]]) -> str:
        """Names the library made of these (doc_id, fingerprint) segments, in this order."""
        return hashlib.sha256(json.dumps(entries).encode()).hexdigest()[:16]

    def load_merged(self, key: str, kind: str = "merged", names: tuple[str, ...] = _MERGED) -> tuple[np.ndarray, ...] | None:
        """Arrays saved for library ``key`` (memory-mapped), or None: the character-pair index,
        or with ``kind="lexical"`` the built BM25 index (:meth:`LexicalIndex.to_arrays`)."""
        folder = self.folder / f"{kind}-{key}"
        try:
            return tuple(np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False) for name in names)
        except (OSError, ValueError):
            self.drop_merged(key, kind)  # damaged: built again and kept afresh
            return None

    def drop_merged(self, key: str, kind: str = "merged") -> None:
        """Forget saved arrays of library ``key`` (they did not load, or did not fit the library)."""
        folder = self.folder / f"{kind}-{key}"
        if folder.is_dir():
            for file in folder.iterdir():
                file.unlink(missing_ok=True)
            folder.rmdir()

    def save_merged(self, key: str, arrays: tuple[np.ndarray, ...], kind: str = "merged",
                    names: tuple[str, ...] = _MERGED) -> None:
        """Keep arrays of library ``key`` for the next start (the last two of a kind kept)."""
        final = self.folder / f"{kind}-{key}"
        if final.is_dir():
            return
        temporary = self.folder / f".{kind}-{key}.{os.getpid()}.part"
        temporary.mkdir(parents=True, exist_ok=True)
        for name, array in zip(names, arrays):
            np.save(temporary / f"{name}.npy", np.asarray(array))
        os.replace(temporary, final)  # a reader sees a complete folder or none
        older = sorted(self.folder.glob(f"{kind}-*"), key=lambda path: path.stat().st_mtime)[:-2]
        for path in older:
            for file in path.iterdir():
                file.unlink(missing_ok=True)
            path.rmdir()

    def prune(self, keep: set[tuple[str, str]]) -> int:
        """Delete segment files of documents no generation uses any more; returns how many."""
        removed = 0
        for path in self.folder.glob("*.seg") if self.folder.is_dir() else []:
            doc_id, _, fingerprint = path.stem.rpartition("-")
            if (doc_id, fingerprint) not in keep:
                path.unlink(missing_ok=True)
                removed += 1
        return removed


def segment_folder(settings, glossary=None, synonyms=None) -> SegmentFolder:
    """The folder of lexical segments for ``settings`` (beside the index), named by the glossary's
    and synonyms' words, which it teaches jieba before anything is tokenised."""
    from .glossary import Glossary
    from .synonyms import Synonyms

    glossary = glossary or Glossary.load(settings.knowledge_dir / "glossary.tsv")
    synonyms = synonyms or Synonyms.load(settings.knowledge_dir / "synonyms.tsv")
    return SegmentFolder(settings.index_dir / "segments", glossary.chinese_terms() + synonyms.terms())
