"""Validation of everything a caller sends: the question, the conversation, the region.

Pure functions, one place for the API, the web chat and the CLI. Each limit is a setting;
each rejection is a :class:`QuestionError` whose message says what is wrong and what the
limit is, never an internal exception's text.
"""

from __future__ import annotations

from dataclasses import dataclass

from .types import Turn

ROLES = ("user", "assistant")


class QuestionError(ValueError):
    """A question or conversation the assistant cannot take (empty, too long, wrong shape)."""


@dataclass(frozen=True)
class InputLimits:
    """Sizes a caller may send. Answers are long (criteria tables), questions are not."""

    question_chars: int = 1000
    history_turns: int = 20
    assistant_turn_chars: int = 20_000
    region_chars: int = 40

    def __post_init__(self) -> None:
        for name, value in self.__dict__.items():
            if not isinstance(value, int) or value < 1:
                raise ValueError(f"{name} must be a positive integer, got {value!r}")


def validate_question(question: object, max_chars: int) -> str:
    """The question stripped, or a :class:`QuestionError` saying why it cannot be taken."""
    if not isinstance(question, str):
        raise QuestionError(f"the question must be text, got {type(question).__name__}")
    text = question.strip()
    if not text:
        raise QuestionError("the question is empty; ask about a policy, e.g. 省级专精特新小巨人企业的申报条件是什么？")
    if len(text) > max_chars:
        raise QuestionError(f"the question is {len(text)} characters long; the limit is {max_chars}")
    return text


def validate_history(history: object, limits: InputLimits) -> list[Turn]:
    """Earlier turns as :class:`Turn` values: a list of ``{"role", "content"}`` objects (or Turns).

    A user turn is held to the question limit (it was a question), an assistant turn to
    ``assistant_turn_chars``; more than ``history_turns`` turns are refused rather than cut,
    so that the caller knows the conversation it sent was not read whole.
    """
    if history is None:
        return []
    if not isinstance(history, (list, tuple)):
        raise QuestionError(f"history must be a list of {{role, content}} turns, got {type(history).__name__}")
    if len(history) > limits.history_turns:
        raise QuestionError(f"history has {len(history)} turns; the limit is {limits.history_turns} "
                            "(send only the latest turns)")
    turns = []
    for number, item in enumerate(history, 1):
        if isinstance(item, Turn):
            role, content = item.role, item.content
        elif isinstance(item, dict):
            role, content = item.get("role"), item.get("content")
        else:
            raise QuestionError(f"history turn {number} must be an object with role and content, "
                                f"got {type(item).__name__}")
        if role not in ROLES:
            raise QuestionError(f"history turn {number}: role must be 'user' or 'assistant', got {str(role)[:20]!r}")
        if not isinstance(content, str):
            raise QuestionError(f"history turn {number}: content must be text, got {type(content).__name__}")
        limit = limits.question_chars if role == "user" else limits.assistant_turn_chars
        if len(content) > limit:
            raise QuestionError(f"history turn {number} ({role}) is {len(content)} characters long; "
                                f"the limit is {limit}")
        turns.append(Turn(role, content))
    return turns


def validate_region(region: object, limits: InputLimits) -> str | None:
    """A region name, or ``None`` for all regions."""
    if region is None:
        return None
    if not isinstance(region, str):
        raise QuestionError(f"region must be text or null, got {type(region).__name__}")
    region = region.strip()
    if len(region) > limits.region_chars:
        raise QuestionError(f"region is {len(region)} characters long; the limit is {limits.region_chars}")
    return region or None


def validate_documents(doc_ids: object) -> list[str] | None:
    """Document ids to search only, or ``None`` for all documents."""
    if doc_ids is None:
        return None
    if not isinstance(doc_ids, (list, tuple)) or not all(isinstance(d, str) for d in doc_ids):
        raise QuestionError("documents must be a list of document ids (text)")
    if len(doc_ids) > 100:
        raise QuestionError(f"{len(doc_ids)} documents named; the limit is 100")
    return list(doc_ids) or None
