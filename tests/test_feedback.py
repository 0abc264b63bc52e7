"""Feedback storage and its export as a question file for the evaluation harness."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from assistant.feedback import FeedbackEntry, FeedbackStore, to_question_records
from eval.questions import load_questions

from .conftest import ROOT


def entry(rating: str, refused: bool = False, **extra) -> FeedbackEntry:
    return FeedbackEntry(question="国家级小巨人有多少奖励？", answer="- 给予200万元 [1]", refused=refused,
                         chunk_ids=["c1"], quotes=["对新认定为国家级专精特新小巨人企业…给予200万元"], rating=rating, **extra)


def test_store_and_export_as_question_file(tmp_path):
    store = FeedbackStore(tmp_path / "db" / "feedback.sqlite")
    up = store.add(entry("up"))
    down = store.add(entry("down", history=({"role": "user", "content": "省级的呢"},)))
    store.comment(down, "缺少省级奖励")
    records = to_question_records(store.all())
    assert [r["id"] for r in records] == [f"feedback-{up}", f"feedback-{down}"]
    assert records[0]["evidence"] == ["对新认定为国家级专精特新小巨人企业…给予200万元"]
    assert records[1]["evidence"] == [] and records[1]["comment"] == "缺少省级奖励"
    assert records[1]["history"] == [{"role": "user", "content": "省级的呢"}]
    assert [r["feedback"] for r in to_question_records(store.all(), only="down")] == ["down"]


def test_invalid_feedback_is_rejected(tmp_path):
    with pytest.raises(ValueError, match="rating must be 'up' or 'down', got 'meh'"):
        entry("meh")
    store = FeedbackStore(tmp_path / "feedback.sqlite")
    with pytest.raises(ValueError, match="the limit is 2000"):
        store.comment(store.add(entry("up")), "长" * 2001)


def test_cli_export_is_a_valid_question_file(tmp_path):
    db = tmp_path / "feedback.sqlite"
    FeedbackStore(db).add(entry("down"))
    out = tmp_path / "exported" / "cases.jsonl"
    env = dict(os.environ, POLICY_ASSISTANT_FEEDBACK_DB=str(db))
    result = subprocess.run([sys.executable, "-m", "assistant.cli", "feedback", "export", "-o", str(out)], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "wrote 1 questions" in result.stdout
    loaded = load_questions(out)
    assert loaded.problems == [] and loaded.questions[0].question == "国家级小巨人有多少奖励？"
    assert json.loads(out.read_text(encoding="utf-8").splitlines()[0])["feedback"] == "down"
