"""Exports for commissioners: Word and Markdown answers, batches from CSV/XLSX, reopened."""

from __future__ import annotations

import csv
import os
import subprocess
import sys

from assistant.exports import answer_body, answer_docx, answer_markdown, answer_batch, batch_docx, batch_xlsx, read_batch

from .conftest import ROOT


def test_docx_and_markdown_answer_reopen_with_full_references(assistant, tmp_path):
    import docx

    answer = assistant.ask("省级专精特新小巨人企业（制造类）的申报条件有哪些？")
    body = answer_body(answer)
    assert "来源：" not in body and "5000万元" in body
    path = tmp_path / "answer.docx"
    answer_docx(answer.question, body, answer.citations, assistant.retriever.docs, path)
    text = "\n".join(p.text for p in docx.Document(path).paragraphs)
    assert text.startswith(answer.question) and "参考条款" in text
    assert "金湖县人民政府，金政发〔2022〕33号，2022-04-22" in text
    assert "附件4 省级专精特新小巨人企业申报条件 › 小巨人企业 › 制造类" in text
    assert answer.citations[0].quote in text
    markdown = answer_markdown(answer.question, body, answer.citations, assistant.retriever.docs)
    assert markdown.startswith(f"# {answer.question}") and f"   > {answer.citations[0].quote}" in markdown


def test_batch_from_csv_and_xlsx_to_xlsx_and_docx(assistant, tmp_path):
    import docx
    from openpyxl import Workbook, load_workbook

    rows = [["question", "region"], ["国家级小巨人有多少奖励？", ""], ["专精特新企业的人才计划是什么？", "盐城"],
            ["专精特新企业的企业所得税税率是多少？", ""], ["x" * 2000, ""]]
    with (tmp_path / "q.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(tmp_path / "q.xlsx")
    assert read_batch(tmp_path / "q.csv") == read_batch(tmp_path / "q.xlsx")
    results = answer_batch(assistant, read_batch(tmp_path / "q.csv"))
    batch_xlsx(results, tmp_path / "out.xlsx")
    batch_docx(results, assistant.retriever.docs, tmp_path / "out.docx")
    sheet = load_workbook(tmp_path / "out.xlsx").active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == ["question", "region", "answer", "sources", "refused", "error"]
    assert "200万元" in values[1][2] and values[1][4] is False
    assert "黄海明珠" in values[2][2] and "盐城市关于促进" in values[2][3]
    assert values[3][4] is True and "2000 characters long" in values[4][5]
    text = "\n".join(p.text for p in docx.Document(tmp_path / "out.docx").paragraphs)
    assert "1. 国家级小巨人有多少奖励？" in text and "（知识库无相符条款 / declined）" in text


def test_cli_batch(tmp_path):
    (tmp_path / "q.csv").write_text("question\n国家级小巨人有多少奖励？\n", encoding="utf-8")
    env = dict(os.environ, POLICY_ASSISTANT_INDEX_DIR=str(tmp_path / "index"))
    result = subprocess.run([sys.executable, "-m", "assistant.cli", "batch", str(tmp_path / "q.csv"), "-o",
                             str(tmp_path / "a.xlsx")], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and "1 questions: 1 answered" in result.stdout
    bad = subprocess.run([sys.executable, "-m", "assistant.cli", "batch", str(tmp_path / "q.csv"), "-o",
                          str(tmp_path / "a.pdf")], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert bad.returncode == 1 and "outputs are .xlsx or .docx" in bad.stderr
