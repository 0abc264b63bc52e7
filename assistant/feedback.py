"""Thumbs up/down and comments on answers, in a local SQLite file, exportable as a question
file for the evaluation harness (so a commissioner can turn bad answers into test cases)."""

from __future__ import annotations

import datetime as dt
import hmac
import json
import logging
import secrets
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

SCHEMA = """CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created TEXT NOT NULL,
    question TEXT NOT NULL,
    history TEXT NOT NULL,          -- JSON list of {role, content}
    answer TEXT NOT NULL,
    refused INTEGER NOT NULL,
    chunk_ids TEXT NOT NULL,        -- JSON list of cited chunk ids
    quotes TEXT NOT NULL,           -- JSON list of the quoted passages
    rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
    comment TEXT NOT NULL DEFAULT ''
)"""
MAX_COMMENT = 2000
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FeedbackEntry:
    question: str
    answer: str
    refused: bool
    chunk_ids: list[str]
    quotes: list[str]
    rating: str
    comment: str = ""
    history: tuple[dict, ...] = ()
    id: int | None = None
    created: str = ""

    def __post_init__(self) -> None:
        if self.rating not in ("up", "down"):
            raise ValueError(f"rating must be 'up' or 'down', got {self.rating!r}")
        if len(self.comment) > MAX_COMMENT:
            raise ValueError(f"the comment is {len(self.comment)} characters long; the limit is {MAX_COMMENT}")


class FeedbackStore:
    """One SQLite file; safe to use from the web server's worker threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        with self._lock:
            self._connect().close()

    def _connect(self) -> sqlite3.Connection:
        """A connection to a usable database: a deleted file is created again, a damaged one is
        moved aside (kept, for a person to look at) and replaced, so feedback never stops the app."""
        for attempt in range(2):
            db = sqlite3.connect(self.path, timeout=30)
            try:
                db.execute(SCHEMA)
                db.execute("SELECT count(*) FROM feedback").fetchone()
                return db
            except sqlite3.DatabaseError:
                db.close()
                if attempt:
                    raise
                aside = self.path.with_name(f"{self.path.name}.damaged-{dt.datetime.now():%Y%m%d%H%M%S}")
                self.path.replace(aside)
                log.warning("feedback database %s was damaged; kept as %s, a new one started", self.path, aside)
        raise AssertionError("unreachable")

    def add(self, entry: FeedbackEntry) -> int:
        with self._lock, self._connect() as db:
            cursor = db.execute(
                "INSERT INTO feedback (created, question, history, answer, refused, chunk_ids, quotes, rating, comment)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), entry.question,
                 json.dumps(list(entry.history), ensure_ascii=False), entry.answer, int(entry.refused),
                 json.dumps(entry.chunk_ids), json.dumps(entry.quotes, ensure_ascii=False), entry.rating, entry.comment))
            return int(cursor.lastrowid)

    def comment(self, feedback_id: int, comment: str) -> None:
        if len(comment) > MAX_COMMENT:
            raise ValueError(f"the comment is {len(comment)} characters long; the limit is {MAX_COMMENT}")
        with self._lock, self._connect() as db:
            db.execute("UPDATE feedback SET comment = ? WHERE id = ?", (comment, feedback_id))

    def update(self, feedback_id: int, rating: str, comment: str) -> bool:
        """Change a stored rating (and comment, when one is given); False when the row is gone."""
        FeedbackEntry("", "", False, [], [], rating, comment)  # validates both
        with self._lock, self._connect() as db:
            if comment:
                cursor = db.execute("UPDATE feedback SET rating = ?, comment = ? WHERE id = ?", (rating, comment, feedback_id))
            else:
                cursor = db.execute("UPDATE feedback SET rating = ? WHERE id = ?", (rating, feedback_id))
            return cursor.rowcount > 0

    def all(self) -> list[FeedbackEntry]:
        with self._lock, self._connect() as db:
            rows = db.execute("SELECT id, created, question, history, answer, refused, chunk_ids, quotes, rating, "
                              "comment FROM feedback ORDER BY id").fetchall()
        return [FeedbackEntry(question=r[2], answer=r[4], refused=bool(r[5]), chunk_ids=json.loads(r[6]),
                              quotes=json.loads(r[7]), rating=r[8], comment=r[9], history=tuple(json.loads(r[3])),
                              id=r[0], created=r[1]) for r in rows]


def to_question_records(entries: list[FeedbackEntry], only: str | None = None) -> list[dict]:
    """Feedback as FORMAT.md question records, to be completed by a commissioner.

    A thumbs-up answer's quotes become its evidence (the reader judged them right); a
    thumbs-down answer gets no evidence or key facts yet: those are what the commissioner
    adds. The original answer, rating and comment ride along for reference.
    """
    records = []
    for entry in entries:
        if only and entry.rating != only:
            continue
        record = {"id": f"feedback-{entry.id}", "question": entry.question, "answerable": not entry.refused,
                  "evidence": entry.quotes if entry.rating == "up" else [], "key_facts": [],
                  "feedback": entry.rating, "comment": entry.comment, "answer": entry.answer}
        if entry.history:
            record["history"] = list(entry.history)
        records.append(record)
    return records


class AnswerLog:
    """The latest answers by id, so feedback (from the page or the API) can name the answer
    it is about. Ids are random (not guessable); an answer can be rated only by the session
    that received it, once (rating again changes that rating). Bounded: the oldest go first."""

    def __init__(self, size: int = 2000) -> None:
        from collections import OrderedDict

        self._answers: OrderedDict[str, dict] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def add(self, question: str, history: list[dict], answer, owner: str = "") -> str:
        answer_id = secrets.token_urlsafe(16)
        with self._lock:
            self._answers[answer_id] = {
                "question": question, "history": history, "answer": answer.text, "refused": answer.refused,
                "chunk_ids": [c.chunk_id for c in answer.citations], "quotes": [c.quote for c in answer.citations],
                "owner": owner, "feedback_id": None}
            while len(self._answers) > self._size:
                self._answers.popitem(last=False)
        return answer_id

    def entry(self, answer_id: object, rating: str, comment: str = "", owner: str = "") -> FeedbackEntry:
        """The feedback for ``answer_id``, or ``KeyError`` when there is no such answer for ``owner``."""
        with self._lock:
            record = self._answers.get(answer_id) if isinstance(answer_id, str) else None
        if record is None or not hmac.compare_digest(record["owner"], owner):
            raise KeyError(f"no recent answer with id {str(answer_id)[:40]!r} in this session")
        return FeedbackEntry(question=record["question"], answer=record["answer"], refused=record["refused"],
                             chunk_ids=record["chunk_ids"], quotes=record["quotes"], rating=rating,
                             comment=comment, history=tuple(record["history"]))

    def rate(self, store: FeedbackStore, answer_id: object, rating: str, comment: str = "", owner: str = "") -> int:
        """Store (or change) the rating of an answer; returns the feedback row's id."""
        entry = self.entry(answer_id, rating, comment, owner)
        with self._lock:
            record = self._answers[answer_id]
            if record["feedback_id"] is not None and store.update(record["feedback_id"], rating, comment):
                return record["feedback_id"]
            record["feedback_id"] = store.add(entry)
            return record["feedback_id"]
