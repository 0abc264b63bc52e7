"""Typed data that flows through the assistant: documents, chunks, citations, answers.

Dicts appear only at the edges (Chroma metadata, JSON); the conversions live here, one
place each, so that the rest of the code handles typed values.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SECTION_SEPARATOR = " › "
FORM_FIELDS = "填写项目"  # the section a blank application form's one record stands under (its fields)
TABLE_KINDS = ("table_row", "table_record")  # a criteria row under its column; a record of a table (指标：…；分值：…)
# (invalid: its publisher marks it no longer in force — 有效性：失效 on a government site — whatever its dates say)
Status = Literal["in_force", "draft", "invalid", "unknown"]
STATUS_LABELS_ZH = {"in_force": "现行", "draft": "征求意见稿", "invalid": "已失效", "unknown": "状态未说明"}


@dataclass(frozen=True)
class DocumentMeta:
    """Facts about one policy document; ``None`` where the text does not say."""

    doc_id: str
    title: str
    source_file: str = ""
    issuer: str | None = None
    region: str | None = None
    level: str | None = None
    doc_number: str | None = None
    date_issued: str | None = None  # ISO date
    period_start: int | None = None
    period_end: int | None = None
    status: Status = "unknown"
    valid_from: str | None = None  # ISO date the text says it takes effect (自…起施行)
    valid_until: str | None = None  # ISO date its validity ends (有效期至…)

    def __post_init__(self) -> None:
        # checked field by field, with the bad value named: a correction typed by a person must
        # never reach the index in a shape that breaks every answer citing the document later
        if not isinstance(self.doc_id, str) or not re.fullmatch(r"[\w\u4e00-\u9fff][\w\u4e00-\u9fff.-]{0,99}", self.doc_id):
            raise ValueError(f"doc_id must be 1–100 letters, digits, '-' or '.', got {self.doc_id!r}")
        if not isinstance(self.title, str) or not self.title.strip() or len(self.title) > 300:
            raise ValueError(f"title of {self.doc_id!r} must be non-empty text of at most 300 characters")
        for name in ("source_file", "issuer", "region", "level", "doc_number", "date_issued", "valid_from", "valid_until"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, str) or len(value) > 300):
                raise ValueError(f"{name} of {self.doc_id!r} must be text (at most 300 characters) or null, got {value!r}")
        if self.status not in STATUS_LABELS_ZH:
            raise ValueError(f"status of {self.doc_id!r} must be one of {sorted(STATUS_LABELS_ZH)}, got {self.status!r}")
        for name in ("date_issued", "valid_from", "valid_until"):
            value = getattr(self, name)
            if value is None:
                continue
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise ValueError(f"{name} of {self.doc_id!r} must be an ISO date like 2024-03-01, "
                                 f"got {value!r}") from None
        if self.valid_from and self.valid_until and self.valid_from > self.valid_until:
            raise ValueError(f"the validity of {self.doc_id!r} ends ({self.valid_until}) before it starts "
                             f"({self.valid_from})")
        for name in ("period_start", "period_end"):
            value = getattr(self, name)
            if value is not None and (type(value) is not int or not 1949 <= value <= 2100):
                raise ValueError(f"{name} of {self.doc_id!r} must be a year (a number such as 2025) or null, "
                                 f"got {value!r}")
        if self.period_start and self.period_end and self.period_start > self.period_end:
            raise ValueError(f"the period of {self.doc_id!r} ends ({self.period_end}) before it starts "
                             f"({self.period_start})")

    @property
    def period(self) -> str | None:
        if self.period_start and self.period_end:
            return f"{self.period_start}–{self.period_end}"
        return None

    def period_ended(self, today: dt.date) -> bool:
        return self.period_end is not None and today.year > self.period_end

    def expired(self, today: dt.date) -> bool:
        """The text's own validity (有效期至…) has passed."""
        return self.valid_until is not None and today > dt.date.fromisoformat(self.valid_until)

    def out_of_force(self, today: dt.date) -> bool:
        """Marked no longer in force by its publisher, or past its own validity."""
        return self.status == "invalid" or self.expired(today)

    def flags(self, today: dt.date) -> list[str]:
        """Warnings a reader must see: draft for comments, policy period over."""
        out = []
        if self.status == "draft":
            out.append("draft")
        if self.status == "invalid":
            out.append("invalid")
        elif self.expired(today):
            out.append("expired")
        elif self.period_ended(today):
            out.append("period_ended")
        return out

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentMeta:
        known = {name for name in cls.__dataclass_fields__}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown metadata fields {sorted(unknown)} for {data.get('doc_id')!r}")
        return cls(**data)


@dataclass(frozen=True)
class Chunk:
    """One clause, measure, bullet or criterion row of a document: the unit of retrieval."""

    chunk_id: str
    doc_id: str
    text: str
    section_path: tuple[str, ...]
    # clause | article (第X条) | list (short items under one heading) | table_row (one criterion
    # under its column path) | table_record (a whole row: 指标：…；分值：…) | notice | preamble |
    # note (备注) | toc (list of annexes)
    kind: str = "clause"
    responsible_units: tuple[str, ...] = ()
    order: int = 0

    @property
    def section_label(self) -> str:
        return SECTION_SEPARATOR.join(self.section_path)


def chunk_to_dict(chunk: Chunk) -> dict[str, Any]:
    """A chunk as JSON-ready data (to cross a process boundary)."""
    return {**asdict(chunk), "section_path": list(chunk.section_path), "responsible_units": list(chunk.responsible_units)}


def chunk_from_dict(data: dict[str, Any]) -> Chunk:
    """Inverse of :func:`chunk_to_dict`."""
    return Chunk(**{**data, "section_path": tuple(data["section_path"]),
                    "responsible_units": tuple(data.get("responsible_units", ()))})


def chunk_to_metadata(chunk: Chunk, doc: DocumentMeta, fingerprint: str) -> dict[str, Any]:
    """Flatten a chunk and its document into Chroma metadata (scalars only)."""
    return {
        "doc_id": chunk.doc_id,
        "section_path": "\x1f".join(chunk.section_path),
        "kind": chunk.kind,
        "responsible_units": "\x1f".join(chunk.responsible_units),
        "order": chunk.order,
        "fingerprint": fingerprint,
        "doc_meta": _json_dumps(doc.to_dict()),
    }


def chunk_from_record(chunk_id: str, text: str, metadata: dict[str, Any]) -> tuple[Chunk, DocumentMeta]:
    """Inverse of :func:`chunk_to_metadata`."""
    import json

    def split(value: str) -> tuple[str, ...]:
        return tuple(part for part in value.split("\x1f") if part)

    chunk = Chunk(
        chunk_id=chunk_id,
        doc_id=metadata["doc_id"],
        text=text,
        section_path=split(metadata.get("section_path", "")),
        kind=metadata.get("kind", "clause"),
        responsible_units=split(metadata.get("responsible_units", "")),
        order=int(metadata.get("order", 0)),
    )
    return chunk, DocumentMeta.from_dict(json.loads(metadata["doc_meta"]))


def _json_dumps(data: dict[str, Any]) -> str:
    import json

    return json.dumps(data, ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True)
class ScoredChunk:
    """A retrieved chunk with its fused score and the ranks it had in each retriever."""

    chunk: Chunk
    doc: DocumentMeta
    score: float
    ranks: dict[str, int] = field(default_factory=dict)
    coverage: float = 0.0  # share of the question's terms this clause covers (see evidence.py)
    ask_coverage: float = 0.0  # the same over the ask alone (context terms left out)
    similarity: float = 0.0  # cosine similarity to the question's embedding (0 when not a dense hit)


@dataclass(frozen=True)
class Citation:
    """One numbered source of an answer: which clause, and the sentence quoted from it."""

    number: int
    chunk_id: str
    doc_id: str
    title: str
    section_path: tuple[str, ...]
    quote: str
    region: str | None = None
    flags: tuple[str, ...] = ()
    responsible_units: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """What a reader sees for this source: title and section path."""
        return f"{self.title}{SECTION_SEPARATOR}{SECTION_SEPARATOR.join(self.section_path)}"


@dataclass
class Answer:
    """The assistant's reply: text with [n] markers, its citations, and whether it declined."""

    question: str
    text: str
    citations: list[Citation]
    refused: bool
    language: str
    retrieved: list[ScoredChunk] = field(default_factory=list)
    standalone_question: str = ""
    timings_ms: dict[str, float] = field(default_factory=dict)
    answerer: str = "extractive"  # extractive | llm | extractive-fallback (the model failed)
    verification: dict | None = None  # see assistant/verify.py; None for extractive answers
    notes: list[str] = field(default_factory=list)  # why a fallback happened, for logs and reports

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "standalone_question": self.standalone_question,
            "answer": self.text,
            "refused": self.refused,
            "language": self.language,
            "citations": [
                {**asdict(c), "section_path": list(c.section_path), "flags": list(c.flags),
                 "responsible_units": list(c.responsible_units), "label": c.label}
                for c in self.citations
            ],
            "retrieved": [
                {"chunk_id": s.chunk.chunk_id, "doc_id": s.chunk.doc_id, "score": round(s.score, 6),
                 "section_path": list(s.chunk.section_path), "ranks": s.ranks}
                for s in self.retrieved
            ],
            "timings_ms": {k: round(v, 2) for k, v in self.timings_ms.items()},
            "answerer": self.answerer,
            "verification": self.verification,
            "notes": self.notes,
        }


@dataclass(frozen=True)
class Turn:
    """One earlier message of a conversation."""

    role: Literal["user", "assistant"]
    content: str

    def __post_init__(self) -> None:
        if self.role not in ("user", "assistant"):
            raise ValueError(f"role must be 'user' or 'assistant', got {self.role!r}")
