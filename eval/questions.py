"""Question files in the format of FORMAT.md (JSONL). A malformed line is reported with
its line number and skipped; the rest still runs."""

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


def load_questions(path: Path) -> LoadedQuestions:
    if not path.is_file():
        raise QuestionFileError(f"{path}: no such question file")
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError as exc:
        raise QuestionFileError(f"{path}: not UTF-8 text ({exc})") from None
    questions: list[Question] = []
    problems: list[str] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            question = parse_question(json.loads(line))
        except (json.JSONDecodeError, ValueError) as exc:
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
