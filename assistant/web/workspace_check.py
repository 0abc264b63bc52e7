"""The workspace's eligibility tabs: 体检批量 (a sheet of companies → a matrix of verdicts) and
条件解析 (every criterion as the machine read it, corrected by a commissioner where it is wrong)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import gradio as gr  # only imported to serve the page

from ..check_batch import batch_workbook, check_batch
from ..conditions import Condition
from ..eligibility_service import CriteriaError, save_correction
from ..profile_files import read_profiles

HEADERS = ["key", "层级 / Level", "条件原文 / Criterion", "解析 / As read", "来源 / Source"]


def criteria_rows(levels) -> list[list[str]]:
    """One row per criterion of every level (a criterion shared by two levels appears once)."""
    rows, seen = [], set()
    for level in levels:
        for c in level.criteria:
            if c.key in seen:
                continue
            seen.add(c.key)
            source = "修正 / corrected" if c.corrected else ("解析 / parsed" if c.condition.parsed else "部分人工 / by hand")
            rows.append([c.key, level.name, c.text, c.condition.describe(), source])
    return rows


def add_check_tabs(assistant, staff, session) -> None:
    """Both tabs, inside the workspace's ``gr.Tabs``; ``staff(session)`` checks the sign-in and
    gives the operator's name."""

    def run(session_value, upload, progress=gr.Progress()):  # noqa: B008 -- Gradio's way to get a progress bar
        staff(session_value)
        if not upload:
            raise gr.Error("请上传企业数据表（XLSX/CSV，列为体检的字段）。Upload a sheet of companies.")
        try:
            profiles = read_profiles(Path(upload))
        except ValueError as exc:  # the message names the file by its upload name and the bad row
            raise gr.Error(str(exc).replace(str(Path(upload)), Path(upload).name)) from None
        results = check_batch(assistant, profiles, lambda done, total: progress(done / total, desc=f"{done}/{total}"))
        path = Path(tempfile.mkdtemp(prefix="check-")) / "eligibility-matrix.xlsx"
        batch_workbook(results, path)
        return str(path)

    def listed(session_value):
        staff(session_value)
        rows = criteria_rows(assistant.checker.levels())
        return rows, gr.update(choices=[r[0] for r in rows], value=None)

    def chosen(session_value, key):
        staff(session_value)
        criterion = _find(key)
        return json.dumps(criterion.condition.to_dict(), ensure_ascii=False, indent=1) if criterion else ""

    def save(session_value, key, body):
        who = staff(session_value)
        criterion = _find(key)
        if criterion is None:
            raise gr.Error("请先选择一条条件。Choose a criterion first.")
        try:
            condition = Condition.from_dict(json.loads(body or ""))
        except json.JSONDecodeError as exc:
            raise gr.Error(f"不是有效的 JSON / not valid JSON: {exc}") from None
        except ValueError as exc:
            raise gr.Error(str(exc)) from None
        save_correction(assistant.settings.knowledge_dir, key, condition, who, _doc_of(key))
        rows, choices = listed(session_value)
        return rows, choices, f"已保存修正 / Correction saved: {condition.describe()}"

    def revert(session_value, key):
        who = staff(session_value)
        if not key:
            raise gr.Error("请先选择一条条件。Choose a criterion first.")
        try:
            save_correction(assistant.settings.knowledge_dir, key, None, who, _doc_of(key))
        except CriteriaError as exc:
            raise gr.Error(str(exc)) from None
        rows, choices = listed(session_value)
        return rows, choices, "已恢复自动解析 / Back to the parse"

    def _find(key):
        return next((c for lv in assistant.checker.levels() for c in lv.criteria if c.key == key), None)

    def _doc_of(key):
        return next((lv.doc.doc_id for lv in assistant.checker.levels() for c in lv.criteria if c.key == key), "")

    private = {"api_visibility": "private"}
    with gr.Tab("体检批量 / Batch check"):
        gr.Markdown("企业数据表（XLSX/CSV，一行一家企业；列名为体检的字段，如 企业名称、地区、类别、营业收入、研发费用占营业收入比重）→ "
                    "企业 × 层级的结论与差距表。")
        upload = gr.File(label="企业数据表 / Companies (XLSX, CSV)", file_types=[".xlsx", ".csv"], type="filepath",
                         elem_id="ws-check-upload")
        go = gr.Button("批量体检 / Check all", elem_id="ws-check-go")
        result = gr.File(label="结果 / Results", elem_id="ws-check-file")
        go.click(run, [session, upload], result, **private)
    with gr.Tab("条件解析 / Criteria") as tab:
        table = gr.Dataframe(headers=HEADERS, interactive=False, wrap=True, elem_id="ws-criteria",
                             column_widths=["12%", "18%", "30%", "30%", "10%"])
        key = gr.Dropdown(label="条件 / Criterion (key)", choices=[], value=None, elem_id="ws-criterion")
        body = gr.Code(label="解析结果，可修改（JSON）/ As read, editable", language="json", elem_id="ws-condition")
        with gr.Row():
            do_save = gr.Button("保存修正 / Save correction", variant="primary", elem_id="ws-criterion-save")
            do_revert = gr.Button("恢复自动解析 / Back to the parse", elem_id="ws-criterion-revert")
        note = gr.Markdown(elem_id="ws-criterion-status")
        tab.select(listed, session, [table, key], **private)
        key.input(chosen, [session, key], body, **private)  # a person's choice, not the list being refreshed
        do_save.click(save, [session, key, body], [table, key, note], **private)
        do_revert.click(revert, [session, key], [table, key, note], **private)
