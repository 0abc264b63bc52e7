"""Question files in the format of FORMAT.md (JSONL), or CSV/XLSX with the same columns
(see tabular.py). A malformed line is reported with its number and skipped; the rest runs."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from assistant.types import Turn


class QuestionFileError(ValueError):
    """The question file is missing or unreadable as a whole."""


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    answerable: bool
    evidence: list[str] = field(default_factory=list)
    key_facts: list = field(default_factory=list)
    history: list[Turn] = field(default_factory=list)


@dataclass
class LoadedQuestions:
    questions: list[Question]
    problems: list[str]


def parse_question(data: object) -> Question:
    """One question from a decoded JSON object; ValueError names what is wrong."""
    if not isinstance(data, dict):
        raise ValueError(f"expected a JSON object, got {type(data).__name__}")
    for name, kind in (("id", str), ("question", str), ("answerable", bool)):
        if not isinstance(data.get(name), kind):
            raise ValueError(f"field {name!r} must be {kind.__name__}, got {data.get(name)!r}")
    if not data["question"].strip():
        raise ValueError("field 'question' is empty")
    evidence = data.get("evidence", [])
    key_facts = data.get("key_facts", [])
    if not isinstance(evidence, list) or not all(isinstance(e, str) for e in evidence):
        raise ValueError("field 'evidence' must be a list of strings")
    if not isinstance(key_facts, list) or not all(
            isinstance(f, str) or (isinstance(f, list) and f and all(isinstance(x, str) for x in f)) for f in key_facts):
        raise ValueError("field 'key_facts' must be a list of strings or lists of strings")
    history = data.get("history") or []
    if not isinstance(history, list):
        raise ValueError("field 'history' must be a list of {role, content} objects")
    try:
        turns = [Turn(role=t["role"], content=str(t["content"])) for t in history]
    except (KeyError, TypeError) as exc:
        raise ValueError(f"field 'history' must hold {{role, content}} objects ({exc})") from None
    return Question(data["id"], data["question"], data["answerable"], evidence, key_facts, turns)


SUFFIXES = (".jsonl", ".json", ".csv", ".xlsx")


def _records(path: Path):
    """(line or row number, decoded record or the exception it raised) for each entry."""
    if path.suffix.lower() in (".csv", ".xlsx"):
        from .tabular import read_rows, row_to_record

        try:
            rows = read_rows(path)
        except (ValueError, UnicodeDecodeError, OSError, KeyError) as exc:
            raise QuestionFileError(f"{path}: {exc}") from None
        except Exception as exc:  # openpyxl raises assorted errors on files that are not workbooks
            raise QuestionFileError(f"{path}: not a readable spreadsheet ({exc.__class__.__name__})") from None
        for number, values in rows:
            try:
                yield number, row_to_record(values)
            except (ValueError, json.JSONDecodeError) as exc:
                yield number, exc
        return
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError as exc:
        raise QuestionFileError(f"{path}: not UTF-8 text ({exc})") from None
    for number, line in enumerate(lines, start=1):
        if line.strip():
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as exc:
                yield number, exc


def load_questions(path: Path) -> LoadedQuestions:
    """Questions of a JSONL, CSV or XLSX file; malformed entries are listed in ``problems``."""
    if not path.is_file():
        raise QuestionFileError(f"{path}: no such question file")
    if path.suffix.lower() not in SUFFIXES:
        raise QuestionFileError(f"{path}: question files are {', '.join(SUFFIXES)}, got {path.suffix or '(none)'}")
    questions: list[Question] = []
    problems: list[str] = []
    seen: set[str] = set()
    for number, record in _records(path):
        try:
            if isinstance(record, Exception):
                raise ValueError(str(record))
            question = parse_question(record)
        except ValueError as exc:
            problems.append(f"{path.name}:{number}: {exc}")
            continue
        if question.id in seen:
            problems.append(f"{path.name}:{number}: duplicate id {question.id!r}")
            continue
        seen.add(question.id)
        questions.append(question)
    if not questions:
        raise QuestionFileError(f"{path}: no valid questions" + (f" ({problems[0]})" if problems else ""))
    return LoadedQuestions(questions, problems)
