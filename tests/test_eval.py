"""The evaluation harness: spreadsheets, comparison with the baseline, report and chart."""

from __future__ import annotations

import csv
import json

import pytest

from eval.compare import comparison_table, gain_over_baseline, parse_configs, run_compare
from eval.harness import run_eval
from eval.metrics import QuestionResult
from eval.questions import QuestionFileError, load_questions
from eval.report import failed, render_report

HEADER = ["id", "question", "answerable", "evidence", "key_facts", "history"]
ROWS = [
    ["c1", "盐城要求“小巨人”企业的数字化水平达到几级？", "true", "“小巨人”普遍达到四级水平", "四级", ""],
    ["c2", "那市级的呢？", "yes", "市场占有率居全省前十名", "前十名|5000万", "省级专精特新小巨人企业的申报条件是什么？"],
    ["c3", "金湖县每年新增多少家市级专精特新小巨人企业？", "1", "市级专精特新小巨人企业8—15家", "8—15家/8-15家", ""],
    ["c4", "专精特新企业的企业所得税税率是多少？", "否", "", "", ""],
    ["c5", "broken row", "maybe", "", "", ""],
]


def write_csv(path, rows):
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *rows])


def test_csv_and_xlsx_read_like_jsonl(tmp_path):
    from openpyxl import Workbook

    write_csv(tmp_path / "q.csv", ROWS)
    workbook = Workbook()
    for row in [HEADER, *ROWS]:
        workbook.active.append(row)
    workbook.save(tmp_path / "q.xlsx")
    for name in ("q.csv", "q.xlsx"):
        loaded = load_questions(tmp_path / name)
        assert [q.id for q in loaded.questions] == ["c1", "c2", "c3", "c4"]
        assert loaded.problems == [f"{name}:6: answerable must be true or false, got 'maybe'"]
        c2, c3, c4 = loaded.questions[1:]
        assert c2.key_facts == ["前十名", "5000万"] and c2.history[0].content.startswith("省级")
        assert c3.key_facts == [["8—15家", "8-15家"]] and c4.answerable is False


@pytest.mark.parametrize("name, content, message", [
    ("q.csv", "question,answerable\nx,true\n", r"missing column\(s\) id"),
    ("q.xlsx", "not a workbook", "not a readable spreadsheet"),
    ("q.txt", "{}", "question files are .jsonl"),
    ("q.jsonl", '{"id": "a", "question": " ", "answerable": true}\n', "no valid questions"),
])
def test_unreadable_question_files(tmp_path, name, content, message):
    (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(QuestionFileError, match=message):
        load_questions(tmp_path / name)


def test_parse_configs():
    assert parse_configs("bm25, hybrid,bm25") == ["bm25", "hybrid"]
    with pytest.raises(ValueError, match="--compare takes a comma-separated list"):
        parse_configs("bm25,magic")


def test_compare_on_the_real_index_measures_the_baseline_in_the_same_run(assistant, tmp_path):
    write_csv(tmp_path / "q.csv", ROWS[:4])
    questions = load_questions(tmp_path / "q.csv").questions
    reports = run_compare(assistant, questions, ["bm25", "hybrid", "baseline"], 10, tmp_path / "base", progress=False)
    assert list(reports) == ["bm25", "hybrid", "baseline"]
    hybrid = reports["hybrid"].summary
    assert hybrid["recall@5"] == 1.0 and hybrid["key_fact_accuracy"] == 1.0 and hybrid["refusal_accuracy"] == 1.0
    baseline = reports["baseline"].summary
    assert "key_fact_accuracy" not in baseline and 0.0 <= baseline["recall@5"] <= 1.0
    table = comparison_table(reports)
    assert table.splitlines()[0].split() == ["bm25", "hybrid", "baseline"] and "n/a" in table
    if baseline["recall@5"]:
        assert gain_over_baseline(reports)["hybrid"] == round(1.0 / baseline["recall@5"], 2)


def test_report_lists_failures_first_and_escapes_text(assistant):
    from eval.questions import Question

    questions = [Question("ok", "国家级小巨人有多少奖励？", True, ["200万元"], ["200万"]),
                 Question("bad", "<script>alert('x')</script> 专精特新贷", True, ["不存在的证据"], ["不存在"])]
    report = run_eval(assistant, questions, progress=False)
    html = render_report({"hybrid": report}, "hybrid", questions, chart_png=b"\x89PNG fake", source="set.jsonl")
    assert html.index("bad: ") < html.index("ok: ")
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html
    assert "missing key facts" in html and "data:image/png;base64," in html


def test_failure_reasons():
    assert failed(QuestionResult("a", False, False, None, False, [], 1.0)) == [
        "answered a question the knowledge base does not cover"]
    assert failed(QuestionResult("b", True, False, 2, True, [], 1.0)) == []
    assert "declined an answerable question" in failed(QuestionResult("c", True, True, 1, True, [], 1.0))


def test_chart_is_a_png():
    from eval.chart import comparison_chart

    png = comparison_chart({"hybrid": {"recall@5": 1.0, "mrr@10": 0.8, "citation_hit": 1.0, "key_fact_accuracy": 0.9},
                            "baseline": {"recall@5": 0.6, "mrr@10": 0.5}})
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5000


def test_cli_compare_and_report(tmp_path):
    import os
    import subprocess
    import sys

    from .conftest import ROOT

    write_csv(tmp_path / "q.csv", ROWS[:2])
    env = dict(os.environ, POLICY_ASSISTANT_INDEX_DIR=str(tmp_path / "index"))
    out = subprocess.run([sys.executable, "-m", "assistant.cli", "eval", "--questions", str(tmp_path / "q.csv"),
                          "--compare", "bm25,baseline", "--report", str(tmp_path / "r" / "report.html"),
                          "--json", str(tmp_path / "r" / "out.json")], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0].split() == ["hybrid", "bm25", "baseline"]  # the primary mode comes first
    assert (tmp_path / "r" / "report.png").read_bytes().startswith(b"\x89PNG")
    data = json.loads((tmp_path / "r" / "out.json").read_text(encoding="utf-8"))
    assert set(data) == {"summary", "results"} and len(data["results"]) == 2
