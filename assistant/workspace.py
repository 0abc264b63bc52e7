"""The commissioners' workspace (服务专员工作台): a token-protected tab of the web app.

Drafts with each cited clause shown in its section, sources removed or added, the text
edited and exported (.docx, Markdown); batches of questions; the documents of the
knowledge base listed, uploaded (metadata checked and corrected), replaced, removed; and
any document browsed as its clause tree. The token comes from the environment only
(POLICY_ASSISTANT_WORKSPACE_TOKEN); without it the workspace and its API refuse.
"""

from __future__ import annotations

import datetime as dt
import hmac
import json
import os
import tempfile
from html import escape
from pathlib import Path

import gradio as gr

from .exports import answer_batch, answer_body, answer_docx, answer_markdown, batch_docx, batch_xlsx, read_batch
from .knowledge import KnowledgeBase, KnowledgeError
from .render import highlight
from .limits import QuestionError
from .service import Assistant
from .types import SECTION_SEPARATOR, Citation

TOKEN_ENV = "POLICY_ASSISTANT_WORKSPACE_TOKEN"
DENIED = "未授权：请先输入工作台口令。Unauthorised: enter the workspace token first."


def authorised(token: str | None) -> bool:
    expected = os.environ.get(TOKEN_ENV)
    return bool(expected) and hmac.compare_digest((token or "").encode(), expected.encode())


def require(token: str | None) -> None:
    if not authorised(token):
        raise gr.Error(DENIED)


def section_context(assistant: Assistant, citation: Citation) -> str:
    """The clause within its section (the clauses under the same parent heading), cited one marked."""
    chunk = assistant.retriever.chunk(citation.chunk_id)
    parent = chunk.section_path[: max(1, len(chunk.section_path) - 1)]
    siblings = [c for c in assistant.retriever.chunks if c.doc_id == chunk.doc_id and c.section_path[: len(parent)] == parent]
    parts = [f"<h4>[{citation.number}] {escape(citation.title)} › {escape(SECTION_SEPARATOR.join(parent))}</h4>"]
    for sibling in siblings:
        text = highlight(sibling.text, citation.quote) if sibling.chunk_id == chunk.chunk_id else escape(sibling.text)
        style = " class='pa-cited'" if sibling.chunk_id == chunk.chunk_id else ""
        parts.append(f"<p{style}><small>{escape(sibling.chunk_id)} · {escape(sibling.section_path[-1])}</small><br>{text}</p>")
    return "".join(parts)


def clause_tree(assistant: Assistant, doc_id: str) -> str:
    """A document as nested headings with each chunk's id, as it was split."""
    out, previous = [], ()
    for chunk in (c for c in assistant.retriever.chunks if c.doc_id == doc_id):
        path = chunk.section_path
        common = 0
        while common < min(len(path), len(previous)) and path[common] == previous[common]:
            common += 1
        for depth in range(common, len(path)):
            out.append(f"<div style='margin-left:{depth * 1.2}em'><b>{escape(path[depth])}</b></div>")
        out.append(f"<div style='margin-left:{len(path) * 1.2}em'><code>{escape(chunk.chunk_id)}</code> "
                   f"<small>[{escape(chunk.kind)}]</small> {escape(chunk.text[:160])}</div>")
        previous = path
    return "".join(out) or "<p>—</p>"


def _label(citation: Citation) -> str:
    return f"[{citation.number}] {citation.title}{SECTION_SEPARATOR}{SECTION_SEPARATOR.join(citation.section_path)}"


def build_workspace(assistant: Assistant, knowledge: KnowledgeBase, on_change) -> None:
    """Add the workspace tab to the Blocks being built."""
    doc_choices = lambda: [(d.title, d.doc_id) for d in assistant.retriever.docs.values()]  # noqa: E731

    def login(token):
        ok = authorised(token)
        return ok, gr.update(visible=ok), ("已进入工作台。" if ok else DENIED)

    def draft(ok, question, region, documents):
        if not ok:
            raise gr.Error(DENIED)
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

    def add_source(ok, state, option, selected):
        if not ok or not state or not option:
            return state, gr.update(), ""
        hit = next(h for h in state["extra"] if option.endswith(h.chunk.chunk_id))
        number = max([c.number for c in state["citations"]], default=0) + 1
        citation = Citation(number, hit.chunk.chunk_id, hit.chunk.doc_id, hit.doc.title, hit.chunk.section_path,
                            hit.chunk.text.strip(), hit.doc.region, tuple(hit.doc.flags(dt.date.today())))
        state = {**state, "citations": state["citations"] + [citation]}
        labels = [_label(c) for c in state["citations"]]
        return state, gr.update(choices=labels, value=list(selected or []) + [_label(citation)]), \
            f"已添加来源 [{number}]，请在正文中用 [{number}] 引用。"

    def export(ok, state, body, selected, kind):
        if not ok:
            raise gr.Error(DENIED)
        if not state:
            raise gr.Error("请先生成草稿。Make a draft first.")
        chosen = [c for c in state["citations"] if _label(c) in (selected or [])]
        folder = Path(tempfile.mkdtemp(prefix="draft-"))
        if kind == "docx":
            path = folder / "answer.docx"
            answer_docx(state["question"], body, chosen, assistant.retriever.docs, path)
        else:
            path = folder / "answer.md"
            path.write_text(answer_markdown(state["question"], body, chosen, assistant.retriever.docs), encoding="utf-8")
        return str(path)

    def run_batch(ok, upload, progress=gr.Progress()):
        if not ok:
            raise gr.Error(DENIED)
        if not upload:
            raise gr.Error("请上传 CSV 或 XLSX 文件。Upload a CSV or XLSX file.")
        try:
            rows = read_batch(Path(upload))
        except Exception as exc:  # unreadable spreadsheets raise assorted errors
            raise gr.Error(f"无法读取问题文件 / cannot read the file: {exc}") from None
        results = answer_batch(assistant, rows, progress=lambda done, total: progress(done / total, desc=f"{done}/{total}"))
        folder = Path(tempfile.mkdtemp(prefix="batch-"))
        batch_xlsx(results, folder / "answers.xlsx")
        batch_docx(results, assistant.retriever.docs, folder / "answers.docx")
        return [str(folder / "answers.xlsx"), str(folder / "answers.docx")]

    def documents_table():
        counts: dict[str, int] = {}
        for chunk in assistant.retriever.chunks:
            counts[chunk.doc_id] = counts.get(chunk.doc_id, 0) + 1
        return [[d["doc_id"], d["title"], d["region"] or "", d["status"], "、".join(d["flags"]), d["chunks"], d["file"]]
                for d in knowledge.documents(counts)]

    def preview(ok, upload):
        if not ok:
            raise gr.Error(DENIED)
        try:
            meta = knowledge.preview(Path(upload).read_bytes(), Path(upload).name)
        except KnowledgeError as exc:
            raise gr.Error(str(exc)) from None
        return json.dumps({k: v for k, v in meta.to_dict().items() if k not in ("doc_id", "source_file")},
                          ensure_ascii=False, indent=1)

    def index_upload(ok, upload, corrected, replaces, who):
        if not ok:
            raise gr.Error(DENIED)
        try:
            corrections = json.loads(corrected) if corrected and corrected.strip() else {}
            meta = knowledge.add(Path(upload).read_bytes(), Path(upload).name, who or "commissioner", corrections,
                                 replaces=replaces or None)
        except (KnowledgeError, json.JSONDecodeError) as exc:
            raise gr.Error(str(exc)) from None
        on_change()
        return documents_table(), f"已索引 {meta.doc_id}。", gr.update(choices=doc_choices())

    def remove(ok, doc_id, who):
        if not ok:
            raise gr.Error(DENIED)
        try:
            knowledge.remove(doc_id, who or "commissioner")
        except KnowledgeError as exc:
            raise gr.Error(str(exc)) from None
        on_change()
        return documents_table(), f"已删除 {doc_id}。", gr.update(choices=doc_choices(), value=None)

    with gr.Tab("服务专员工作台 / Workspace", elem_id="workspace-tab"):
        ok = gr.State(False)
        with gr.Row():
            token = gr.Textbox(label="口令 / Token", type="password", elem_id="ws-token")
            enter = gr.Button("进入 / Enter", elem_id="ws-enter")
        message = gr.Markdown(elem_id="ws-status")
        with gr.Column(visible=False, elem_id="ws-body") as body_column:
            who = gr.Textbox(label="操作人 / Who", value="commissioner", elem_id="ws-who")
            with gr.Tab("草稿 / Draft"):
                question = gr.Textbox(label="问题 / Question", elem_id="ws-question")
                region = gr.Textbox(label="地区（可选）/ Region (optional)")
                only = gr.Dropdown(label="限定文件（可选）/ Only these documents", choices=doc_choices(),
                                   multiselect=True, value=[])
                make = gr.Button("生成草稿 / Draft", variant="primary", elem_id="ws-draft")
                draft_state = gr.State(None)
                text = gr.Textbox(label="答复（可编辑）/ Answer (editable)", lines=12, elem_id="ws-text")
                sources = gr.CheckboxGroup(label="来源（取消勾选即移除）/ Sources (untick to remove)", elem_id="ws-sources")
                extra = gr.Dropdown(label="添加来源 / Add a source", choices=[], elem_id="ws-extra")
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
            with gr.Tab("知识库 / Knowledge"):
                table = gr.Dataframe(headers=["doc_id", "title", "region", "status", "flags", "chunks", "file"],
                                     interactive=False, elem_id="ws-docs")
                upload = gr.File(label="上传政策文件 / Upload (.docx .pdf .txt .html .md)", type="filepath",
                                 elem_id="ws-upload")
                checked = gr.Code(label="推断的元数据，可修改（JSON）/ Inferred metadata, editable", language="json",
                                  elem_id="ws-meta")
                replaces = gr.Dropdown(label="替换的文件（可选）/ Replaces (optional)", choices=doc_choices())
                do_index = gr.Button("确认并索引 / Index", variant="primary")
                removable = gr.Dropdown(label="删除文件 / Remove", choices=doc_choices())
                do_remove = gr.Button("删除 / Remove", variant="stop")
            with gr.Tab("浏览 / Browse"):
                browse = gr.Dropdown(label="文件 / Document", choices=doc_choices(), elem_id="ws-browse")
                tree = gr.HTML(elem_id="ws-tree")

        private = {"api_visibility": "private"}
        enter.click(login, token, [ok, body_column, message], **private).then(
            lambda allowed: documents_table() if allowed else [], ok, table, **private)
        make.click(draft, [ok, question, region, only], [draft_state, text, sources, context, extra], **private)
        add.click(add_source, [ok, draft_state, extra, sources], [draft_state, sources, message], **private)
        to_docx.click(lambda *a: export(*a, "docx"), [ok, draft_state, text, sources], exported, **private)
        to_md.click(lambda *a: export(*a, "md"), [ok, draft_state, text, sources], exported, **private)
        batch_go.click(run_batch, [ok, batch_file], batch_out, **private)
        upload.upload(preview, [ok, upload], checked, **private)
        do_index.click(index_upload, [ok, upload, checked, replaces, who], [table, message, browse], **private)
        do_remove.click(remove, [ok, removable, who], [table, message, browse], **private)
        browse.change(lambda allowed, doc: clause_tree(assistant, doc) if allowed and doc else "", [ok, browse], tree,
                      **private)

    def api_documents(token: str) -> list[dict]:
        """Documents with metadata, chunk counts and flags (workspace token required)."""
        require(token)
        return [dict(zip(["doc_id", "title", "region", "status", "flags", "chunks", "file"], row))
                for row in documents_table()]

    def api_draft(token: str, question: str, region: str | None = None, documents: list[str] | None = None) -> dict:
        """A draft answer with its citations (workspace token required)."""
        require(token)
        try:
            answer = assistant.ask(question, region=region or None, doc_ids=list(documents or []) or None)
        except QuestionError as exc:
            raise gr.Error(str(exc)) from None
        return {"question": answer.question, "draft": answer_body(answer),
                "citations": answer.to_dict()["citations"]}

    gr.api(api_documents, api_name="workspace_documents")
    gr.api(api_draft, api_name="workspace_draft")
