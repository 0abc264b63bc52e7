"""The commissioners' workspace (服务专员工作台): a staff-only tab of the web app.

Drafts with each cited clause shown in its section, sources removed or added, the text
edited and exported (.docx, Markdown); batches of questions and of eligibility checks; the feedback
export; documents listed, uploaded (metadata checked), replaced, removed (confirmed, undoable), browsed.

Sign-in exchanges the token (POLICY_ASSISTANT_WORKSPACE_TOKEN, environment only) and the operator's
name for a server-side session (:mod:`assistant.staff`) whose id lives in the page, not in Gradio's
client-chosen session state; every handler checks it.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

import gradio as gr

from ..exports import (
    answer_batch,
    answer_body,
    answer_docx,
    answer_markdown,
    batch_docx,
    batch_xlsx,
    read_batch,
)
from ..feedback import FeedbackStore, to_question_records
from ..knowledge import KnowledgeBase, KnowledgeError
from ..limits import QuestionError
from ..service import Assistant
from ..types import SECTION_SEPARATOR, Citation
from .render import plain_markdown
from .staff import DENIED, AccessDenied, StaffSessions
from .workspace_api import add_workspace_api, client_address
from .workspace_check import add_check_tabs
from .workspace_views import citation_label as _label
from .workspace_views import clause_tree, section_context

__all__ = ["DENIED", "build_workspace", "clause_tree", "section_context"]


def build_workspace(assistant: Assistant, knowledge: KnowledgeBase, feedback: FeedbackStore, on_change,
                    sessions: StaffSessions, chat_filters: list | None = None):
    """Add the (hidden) workspace tab to the Blocks being built; returns the function that registers
    its API endpoints (to be called outside ``gr.Tabs``) and the tab. ``chat_filters``: (component, function
    giving its update) pairs of the chat tab, refreshed with the workspace's own after a change."""
    filter_outputs = [component for component, _ in chat_filters or []]
    filter_updates = [update for _, update in chat_filters or []]
    doc_choices = lambda: [(d.title, d.doc_id) for d in assistant.retriever.docs.values()]

    def staff(session) -> str:
        try:
            return sessions.check(session)
        except AccessDenied as exc:
            raise gr.Error(str(exc)) from None

    def documents_table():
        counts: dict[str, int] = {}
        for chunk in assistant.retriever.chunks:
            counts[chunk.doc_id] = counts.get(chunk.doc_id, 0) + 1
        return [[d["doc_id"], d["title"], d["region"] or "", d["status"], "、".join(d["flags"]), d["chunks"], d["file"]]
                for d in knowledge.documents(counts, assistant.retriever.relations)]

    def lists():
        """Table and every document list, as they are now (after a change, or on entering)."""
        choices = doc_choices()
        return (documents_table(), gr.update(choices=choices, value=None), gr.update(choices=choices, value=None),
                gr.update(choices=choices, value=None), gr.update(choices=choices, value=[]),
                *(f() for f in filter_updates))

    def login(token, name, request: gr.Request):
        try:
            session = sessions.login(token, name, client_address(request))
        except AccessDenied as exc:
            return "", gr.update(visible=False), str(exc), ""
        return session, gr.update(visible=True), f"已进入工作台（{name.strip()}）。", ""

    def logout(session):
        sessions.logout(session)
        return "", gr.update(visible=False), "已退出。Signed out."

    def draft(session, question, region, documents):
        staff(session)
        try:
            answer = assistant.ask(question, region=region or None, doc_ids=list(documents or []) or None)
        except QuestionError as exc:
            raise gr.Error(str(exc)) from None
        cited = {c.chunk_id for c in answer.citations}
        extra = [h for h in answer.retrieved if h.chunk.chunk_id not in cited][:8]
        state = {"question": answer.question, "citations": answer.citations, "extra": extra}
        labels = [_label(c) for c in answer.citations]
        context = "".join(section_context(assistant, c) for c in answer.citations)
        options = [f"{h.doc.title}{SECTION_SEPARATOR}{SECTION_SEPARATOR.join(h.chunk.section_path)} · {h.chunk.chunk_id}"
                   for h in extra]
        return (state, answer_body(answer), gr.update(choices=labels, value=labels), context,
                gr.update(choices=options, value=None))

    def add_source(session, state, option, selected):
        staff(session)
        if not state or not option:
            return state, gr.update(), ""
        hit = next((h for h in state["extra"] if option.endswith(h.chunk.chunk_id)), None)
        if hit is None:
            return state, gr.update(), ""
        number = max([c.number for c in state["citations"]], default=0) + 1
        citation = Citation(number, hit.chunk.chunk_id, hit.chunk.doc_id, hit.doc.title, hit.chunk.section_path,
                            hit.chunk.text.strip(), hit.doc.region, tuple(hit.doc.flags(dt.date.today())))
        state = {**state, "citations": state["citations"] + [citation]}
        labels = [_label(c) for c in state["citations"]]
        return state, gr.update(choices=labels, value=list(selected or []) + [_label(citation)]), \
            f"已添加来源 [{number}]，请在正文中用 [{number}] 引用。"

    def export(session, state, body, selected, kind):
        staff(session)
        if not state:
            raise gr.Error("请先生成草稿。Make a draft first.")
        chosen = [c for c in state["citations"] if _label(c) in (selected or [])]
        folder = Path(tempfile.mkdtemp(prefix="draft-"))
        if kind == "docx":
            path = folder / "answer.docx"
            answer_docx(state["question"], str(body or ""), chosen, assistant.retriever.docs, path)
        else:
            path = folder / "answer.md"
            path.write_text(answer_markdown(state["question"], str(body or ""), chosen, assistant.retriever.docs),
                            encoding="utf-8")
        return str(path)

    def run_batch(session, upload, progress=gr.Progress()):
        staff(session)
        if not upload:
            raise gr.Error("请上传 CSV 或 XLSX 文件。Upload a CSV or XLSX file.")
        try:
            rows = read_batch(Path(upload))
        except Exception:  # unreadable spreadsheets raise assorted errors; their text may name server paths
            raise gr.Error("无法读取问题文件（需 CSV 或 XLSX，列 question, region）。"
                           "Cannot read the file: a CSV or XLSX with columns question, region is needed.") from None
        results = answer_batch(assistant, rows, progress=lambda done, total: progress(done / total, desc=f"{done}/{total}"))
        folder = Path(tempfile.mkdtemp(prefix="batch-"))
        batch_xlsx(results, folder / "answers.xlsx")
        batch_docx(results, assistant.retriever.docs, folder / "answers.docx")
        return [str(folder / "answers.xlsx"), str(folder / "answers.docx")]

    def export_feedback(session):
        staff(session)
        folder = Path(tempfile.mkdtemp(prefix="feedback-"))
        path = folder / "feedback.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in to_question_records(feedback.all())),
                        encoding="utf-8")
        return str(path)

    def preview(session, upload):
        staff(session)
        if not upload:
            return "", ""
        try:
            report = knowledge.inspect(Path(upload).read_bytes(), Path(upload).name)
        except KnowledgeError as exc:
            raise gr.Error(str(exc)) from None
        fields = {k: v for k, v in report.meta.to_dict().items() if k not in ("doc_id", "source_file")}
        # the metadata to check and correct, and what ingest found: chunks by kind and warnings
        head, *facts = report.lines()
        shown = "\n".join([plain_markdown(head), ""] + [f"- {plain_markdown(line.strip())}" for line in facts])
        return json.dumps(fields, ensure_ascii=False, indent=1), shown

    def describe(doc_id) -> str:
        doc = assistant.retriever.docs.get(doc_id)
        count = sum(1 for c in assistant.retriever.chunks if c.doc_id == doc_id)
        return plain_markdown(f"《{doc.title if doc else doc_id}》（{doc_id}，{count} 条）")

    def on_replaces(session, doc_id):
        staff(session)
        return f"⚠️ 索引时将替换 {describe(doc_id)}：旧文件移入回收区，可撤销。" if doc_id else "将作为新文件添加。"

    def index_upload(session, upload, corrected, replaces):
        who = staff(session)
        if not upload:
            raise gr.Error("请先上传文件。Upload a file first.")
        try:
            corrections = json.loads(corrected) if corrected and corrected.strip() else {}
            if not isinstance(corrections, dict):
                raise KnowledgeError("the metadata must be a JSON object of fields")
            meta = knowledge.add(Path(upload).read_bytes(), Path(upload).name, who, corrections,
                                 replaces=replaces or None)
        except json.JSONDecodeError as exc:
            raise gr.Error(f"元数据不是有效的 JSON / the metadata is not valid JSON: {exc.msg} (line {exc.lineno})") from None
        except KnowledgeError as exc:
            raise gr.Error(str(exc)) from None
        on_change()
        action = f"已替换为 {meta.doc_id}" if replaces else f"已添加 {meta.doc_id}"
        return (*lists(), f"{action}：{describe(meta.doc_id)}。")

    def ask_remove(session, doc_id):
        staff(session)
        if not doc_id:
            return gr.update(visible=False), "请先选择要删除的文件。"
        return gr.update(visible=True), f"确认删除 {describe(doc_id)}？再点击“确认删除”。（可撤销）"

    def remove(session, doc_id):
        who = staff(session)
        if not doc_id:
            raise gr.Error("请先选择要删除的文件。Choose a document first.")
        described = describe(doc_id)
        try:
            knowledge.remove(doc_id, who)
        except KnowledgeError as exc:
            raise gr.Error(str(exc)) from None
        on_change()
        return (*lists(), gr.update(visible=False), f"已删除 {described}。可点击“撤销删除”恢复。")

    def undo(session):
        who = staff(session)
        try:
            meta = knowledge.restore(who)
        except KnowledgeError as exc:
            raise gr.Error(str(exc)) from None
        on_change()
        return (*lists(), f"已恢复 {describe(meta.doc_id)}。")

    def entered(session):
        try:
            sessions.check(session)
        except AccessDenied:
            return ([], *(gr.update() for _ in range(4 + len(filter_outputs))))
        return lists()

    # hidden on the public page: shown on /?staff, and usable only after signing in with the token
    with gr.Tab("工作台 / Staff", elem_id="workspace-tab", visible=False) as tab:
        # the staff session id: held by this page only, sent with every call, checked by the server
        session = gr.Textbox(visible=False, elem_id="ws-session")
        with gr.Row():
            token = gr.Textbox(label="口令 / Token", type="password", elem_id="ws-token")
            name = gr.Textbox(label="操作人 / Your name", elem_id="ws-who")
            enter = gr.Button("进入 / Enter", elem_id="ws-enter")
        message = gr.Markdown(elem_id="ws-status")
        with gr.Column(visible=False, elem_id="ws-body") as body_column:
            leave = gr.Button("退出 / Sign out", size="sm", elem_id="ws-logout")
            with gr.Tab("草稿 / Draft"):
                question = gr.Textbox(label="问题 / Question", elem_id="ws-question")
                region = gr.Textbox(label="地区（可选）/ Region (optional)")
                only = gr.Dropdown(label="限定文件（可选）/ Only these documents", choices=[], multiselect=True, value=[])
                make = gr.Button("生成草稿 / Draft", variant="primary", elem_id="ws-draft")
                draft_state = gr.State(None)
                text = gr.Textbox(label="答复（可编辑）/ Answer (editable)", lines=12, elem_id="ws-text")
                sources = gr.CheckboxGroup(label="来源（取消勾选即移除）/ Sources (untick to remove)", elem_id="ws-sources")
                extra = gr.Dropdown(label="添加来源 / Add a source", choices=[], value=None, elem_id="ws-extra")
                add = gr.Button("添加 / Add", size="sm", elem_id="ws-add")
                context = gr.HTML(elem_id="ws-context")
                with gr.Row():
                    to_docx = gr.Button("导出 Word / Export .docx", elem_id="ws-docx")
                    to_md = gr.Button("导出 Markdown", elem_id="ws-md")
                exported = gr.File(label="导出文件 / Export", elem_id="ws-file")
            with gr.Tab("批量 / Batch"):
                batch_file = gr.File(label="问题表 CSV/XLSX（列：question, region）", file_types=[".csv", ".xlsx"])
                batch_go = gr.Button("批量回答 / Answer all")
                batch_out = gr.File(label="答案 / Answers", file_count="multiple")
            add_check_tabs(assistant, staff, session)  # 体检批量 and 条件解析
            with gr.Tab("反馈 / Feedback"):
                feedback_go = gr.Button("导出反馈（评测格式）/ Export feedback as questions", elem_id="ws-feedback")
                feedback_file = gr.File(label="feedback.jsonl", interactive=False, elem_id="ws-feedback-file")
            with gr.Tab("知识库 / Knowledge") as knowledge_tab:
                table = gr.Dataframe(headers=["doc_id", "title", "region", "status", "flags", "chunks", "file"],
                                     interactive=False, elem_id="ws-docs")
                upload = gr.File(label="上传政策文件 / Upload (.docx .pdf .txt .html .md .xlsx)", type="filepath",
                                 elem_id="ws-upload")
                # what ingest found in the upload (chunks by kind, warnings to check), above the metadata
                report_box = gr.Markdown(elem_id="ws-report")
                checked = gr.Code(label="推断的元数据，可修改（JSON）/ Inferred metadata, editable", language="json",
                                  elem_id="ws-meta")
                # empty by default: an upload is a new document unless a person chooses what it replaces
                replaces = gr.Dropdown(label="替换的文件（默认不替换）/ Replaces (none unless chosen)", choices=[],
                                       value=None, elem_id="ws-replaces")
                do_index = gr.Button("确认并索引 / Index", variant="primary", elem_id="ws-index")
                removable = gr.Dropdown(label="删除文件 / Remove", choices=[], value=None, elem_id="ws-removable")
                with gr.Row():
                    do_remove = gr.Button("删除… / Remove…", variant="stop", elem_id="ws-remove")
                    confirm_remove = gr.Button("确认删除 / Confirm removal", variant="stop", visible=False,
                                               elem_id="ws-confirm-remove")
                    do_undo = gr.Button("撤销删除 / Undo removal", elem_id="ws-undo")
            with gr.Tab("浏览 / Browse"):
                browse = gr.Dropdown(label="文件 / Document", choices=[], value=None, elem_id="ws-browse")
                tree = gr.HTML(elem_id="ws-tree")

        listed = [table, replaces, removable, browse, only, *filter_outputs]
        private = {"api_visibility": "private"}
        enter.click(login, [token, name], [session, body_column, message, token], **private).then(
            entered, session, listed, **private)
        leave.click(logout, session, [session, body_column, message], **private)
        knowledge_tab.select(entered, session, listed, **private)
        make.click(draft, [session, question, region, only], [draft_state, text, sources, context, extra], **private)
        add.click(add_source, [session, draft_state, extra, sources], [draft_state, sources, message], **private)
        to_docx.click(lambda *a: export(*a, "docx"), [session, draft_state, text, sources], exported, **private)
        to_md.click(lambda *a: export(*a, "md"), [session, draft_state, text, sources], exported, **private)
        batch_go.click(run_batch, [session, batch_file], batch_out, **private)
        feedback_go.click(export_feedback, session, feedback_file, **private)
        upload.upload(preview, [session, upload], [checked, report_box], **private)
        replaces.input(on_replaces, [session, replaces], message, **private)  # a person chose, not a refresh
        do_index.click(index_upload, [session, upload, checked, replaces], [*listed, message], **private)
        do_remove.click(ask_remove, [session, removable], [confirm_remove, message], **private)
        confirm_remove.click(remove, [session, removable], [*listed, confirm_remove, message], **private)
        do_undo.click(undo, session, [*listed, message], **private)
        browse.change(lambda s, doc: clause_tree(assistant, doc) if doc and staff(s) else "", [session, browse], tree,
                      **private)

    # the API endpoints are registered by the caller outside gr.Tabs (which holds only tabs)
    return (lambda: add_workspace_api(assistant, sessions, documents_table)), tab
