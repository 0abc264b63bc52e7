"""Evaluation metrics (FORMAT.md) on hand-computed cases, and question-file parsing."""

from __future__ import annotations

import json

import pytest

from eval.metrics import QuestionResult, evidence_rank, missing_key_facts, percentile, summarise
from eval.questions import QuestionFileError, load_questions


def test_matching_normalises_nfkc_and_whitespace():
    assert evidence_rank(["无关", "年度收入5000 万元以上，增长率８％"], ["5000万元以上,增长率8%"]) == 2
    assert evidence_rank(["无关"], ["5000万元"]) is None
    assert missing_key_facts("奖励200 万元", ["200万", ["8-15家", "8—15家"]]) == [["8-15家", "8—15家"]]
    assert missing_key_facts("新增8—15家", [["8-15家", "8—15家"]]) == []


def _result(id_, answerable=True, refused=False, rank=None, cited=False, missing=(), latency=10.0):
    return QuestionResult(id_, answerable, refused, rank, cited, list(missing), latency)


def test_summary_by_hand():
    results = [
        _result("a", rank=1, cited=True, latency=10),
        _result("b", rank=4, missing=["x"], latency=20),
        _result("c", rank=None, refused=True, latency=30),
        _result("d", answerable=False, refused=True, latency=40),
        _result("e", answerable=False, refused=False, latency=50),
    ]
    s = summarise(results)
    assert s["questions"] == 5 and s["answerable"] == 3
    assert s["recall@1"] == pytest.approx(1 / 3, abs=1e-4)
    assert s["recall@3"] == pytest.approx(1 / 3, abs=1e-4)
    assert s["recall@5"] == pytest.approx(2 / 3, abs=1e-4)
    assert s["mrr@10"] == pytest.approx((1 + 0.25 + 0) / 3, abs=1e-4)
    assert s["citation_hit"] == pytest.approx(1 / 3, abs=1e-4)
    assert s["key_fact_accuracy"] == pytest.approx(1 / 3, abs=1e-4)  # b misses a fact, c refused
    assert s["refusal_accuracy"] == 0.5 and s["false_refusal_rate"] == pytest.approx(1 / 3, abs=1e-4)
    assert s["latency_ms_p50"] == 30 and s["latency_ms_p95"] == pytest.approx(48)


def test_mrr_ignores_ranks_beyond_ten_and_percentile_edges():
    assert summarise([_result("a", rank=11)])["mrr@10"] == 0.0
    assert percentile([], 50) == 0.0 and percentile([5.0], 95) == 5.0


def test_question_file_with_malformed_lines(tmp_path):
    path = tmp_path / "q.jsonl"
    good = {"id": "q1", "question": "那市级的呢？", "answerable": True, "evidence": ["x"], "key_facts": ["y", ["z", "w"]],
            "history": [{"role": "user", "content": "省级的条件？"}]}
    path.write_text("\n".join([json.dumps(good, ensure_ascii=False), "{not json", json.dumps({"id": "q2"}),
                               json.dumps(good)]), encoding="utf-8")
    loaded = load_questions(path)
    assert [q.id for q in loaded.questions] == ["q1"]
    assert loaded.questions[0].history[0].content == "省级的条件？"
    assert [p.split(":")[1] for p in loaded.problems] == ["2", "3", "4"]
    assert "duplicate id 'q1'" in loaded.problems[2]


def test_missing_question_file(tmp_path):
    with pytest.raises(QuestionFileError, match="no such question file"):
        load_questions(tmp_path / "absent.jsonl")
