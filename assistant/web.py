"""The web chat (Gradio Blocks) and its API endpoints ``ask`` and ``feedback``.

Answers stream in line by line; the sources panel shows each cited clause in full with
the quoted passage highlighted. Texts from users and documents are escaped before they
reach the page, so HTML in them is shown, never run.
"""

from __future__ import annotations

import datetime as dt
import logging
import os

import gradio as gr  # this module is only imported to serve the page

from .eligibility_web import build_eligibility_tab, check_api
from .feedback import AnswerLog, FeedbackStore
from .limits import QuestionError, validate_history
from .render import plain_markdown, sources_html
from .service import Assistant
from .staff import StaffSessions
from .types import STATUS_LABELS_ZH, Turn
from .webtext import ALL, EXAMPLES, LABELS, STYLE

log = logging.getLogger(__name__)


def knowledge_note(assistant: Assistant, today: dt.date) -> str:
    """The documents the knowledge base holds, with dates and status, and the disclaimer."""
    lines = [LABELS["zh"]["disclaimer"] + " " + LABELS["en"]["disclaimer"], ""]
    for doc in sorted(assistant.retriever.docs.values(), key=lambda d: d.doc_id):
        facts = [doc.region or "地区未说明", doc.date_issued or "日期未说明", STATUS_LABELS_ZH[doc.status]]
        if doc.expired(today):
            facts.append(f"有效期至 {doc.valid_until}，已失效")
        elif doc.period_ended(today):
            facts.append(f"政策期 {doc.period} 已结束")
        lines.append(f"- {plain_markdown(doc.title)}（{plain_markdown('；'.join(facts))}）")
    return "\n".join(lines)


def shown(text: str) -> str:
    """Text as the chat shows it: HTML and Markdown escaped, so markup in it is displayed literally."""
    return plain_markdown(text)


def build_app(assistant: Assistant, feedback: FeedbackStore, knowledge=None, sessions: StaffSessions | None = None):
    """The chat tab and, given a :class:`~assistant.knowledge.KnowledgeBase`, the workspace tab
    (signed in through ``sessions``: by default, in memory with the default expiry and lockout)."""
    # Gradio's queue keeps up to 10,000 events and summarises all of them with pandas after every
    # event: per-event cost and memory that grow for hours. Keep few, summarise rarely.
    os.environ.setdefault("GRADIO_ANALYTICS_MAX_EVENTS", "500")
    os.environ.setdefault("GRADIO_ANALYTICS_CACHE_FREQUENCY", "500")
    answers = AnswerLog()
    sessions = sessions or StaffSessions()

    def regions() -> list[str]:  # read at every use: documents come and go while serving
        return sorted({r.strip() for d in assistant.retriever.docs.values() if d.region for r in d.region.split(",")})

    def documents() -> list[tuple[str, str]]:
        return [(d.title, d.doc_id) for d in sorted(assistant.retriever.docs.values(), key=lambda d: d.doc_id)]

    def filters():
        return gr.update(choices=[ALL, *regions()]), gr.update(choices=documents())

    def ask(question: str, request: gr.Request, region: str | None = None, history: list[dict] | None = None) -> dict:
        """Answer a question; returns the answer text, the refused flag and the citations."""
        try:
            turns = validate_history(history, assistant.limits)
            answer = assistant.ask(question, turns, region=region)
        except QuestionError as exc:
            raise gr.Error(str(exc)) from None
        except Exception:  # the details go to the log, never to the caller
            log.exception("answering %r failed", question)
            raise gr.Error(LABELS["en"]["error"]) from None
        data = answer.to_dict()
        data["answer_id"] = answers.add(answer.question, [t.__dict__ for t in turns], answer, _owner(request))
        data.pop("retrieved", None)
        return data

    def give_feedback(answer_id: str, rating: str, request: gr.Request, comment: str = "") -> int:
        """Thumbs up ('up') or down ('down') and an optional comment on an answer this session got."""
        try:
            return answers.rate(feedback, answer_id, rating, comment, _owner(request))
        except (KeyError, ValueError) as exc:
            raise gr.Error(str(exc)) from None

    def respond(message, chat, records, region, chosen_docs, language, request: gr.Request):
        labels = LABELS[language]
        text = (message or "").strip()
        if not text:
            yield gr.update(), chat, records, gr.update(), labels["empty"]
            return
        limits = assistant.limits  # the conversation kept is bounded: the latest turns, each capped
        history = [Turn(r["role"], r["content"]) for r in records.get("turns", [])][-limits.history_turns:]
        chat = chat + [{"role": "user", "content": shown(text)}]
        try:
            answer = None
            for kind, value in answer_stream(assistant, text, history, None if region in (None, ALL) else region,
                                             list(chosen_docs) or None):
                if kind == "partial":  # the model's words as they arrive, before verification
                    yield gr.update(), chat + [{"role": "assistant", "content": shown(value)}], records, gr.update(), ""
                else:
                    answer = value
        except QuestionError as exc:
            yield "", chat + [{"role": "assistant", "content": f"⚠️ {shown(str(exc))}"}], records, gr.update(), ""
            return
        except Exception:  # the page keeps serving; the details go to the log
            log.exception("answering %r failed", text)
            yield "", chat + [{"role": "assistant", "content": labels["error"]}], records, gr.update(), ""
            return
        answer_id = answers.add(text, records.get("turns", []), answer, _owner(request))
        lines, partial = shown(answer.text).split("\n"), []
        for line in lines:  # stream the answer in, line by line
            partial.append(line)
            # the question box is cleared only with the final answer: a client can tell when it is done
            yield gr.update(), chat + [{"role": "assistant", "content": "\n".join(partial)}], records, gr.update(), ""
        chat = chat + [{"role": "assistant", "content": shown(answer.text)}]
        turns = records.get("turns", []) + [{"role": "user", "content": text},
                                            {"role": "assistant", "content": answer.text[:limits.assistant_turn_chars]}]
        ids = {**records.get("ids", {}), str(len(chat) - 1): answer_id}
        records = {"turns": turns[-limits.history_turns:], "ids": dict(list(ids.items())[-limits.history_turns:]),
                   "last": records.get("last")}
        # a decline that shows related clauses ("没有规定具体时间") must not say nothing matched
        status = (labels["refused_related"] if answer.citations else labels["refused"]) if answer.refused else ""
        yield "", chat, records, sources_html(answer, assistant.retriever.chunk, language), status

    def on_like(records, language, data: gr.LikeData, request: gr.Request):
        index = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
        answer_id = records.get("ids", {}).get(str(index))
        if answer_id is None or data.liked is None:
            return records, ""
        feedback_id = answers.rate(feedback, answer_id, "up" if data.liked else "down", "", _owner(request))
        return {**records, "last": feedback_id}, LABELS[language]["thanks"].format(id=feedback_id)

    def on_comment(comment, records, language):
        labels = LABELS[language]
        if not records.get("last"):
            return comment, labels["rate_first"]
        try:
            feedback.comment(records["last"], (comment or "").strip())
        except ValueError as exc:
            return comment, f"⚠️ {exc}"
        return "", labels["commented"].format(id=records["last"])

    def on_language(language):
        t = LABELS[language]
        return (gr.update(label=t["chat"]), gr.update(placeholder=t["placeholder"], label=t["question"]),
                gr.update(value=t["send"]), gr.update(value=t["clear"]), gr.update(label=t["region"]),
                gr.update(label=t["documents"]), gr.update(label=t["comment"]), gr.update(value=t["comment_send"]),
                gr.update(value=f"### {t['sources']}"))

    t = LABELS["zh"]
    # uploads and exports Gradio keeps in its cache are deleted an hour after they were made
    with gr.Blocks(title="专精特新政策助手 · Policy assistant", delete_cache=(600, 3600)) as app:
        gr.HTML(f"<style>{STYLE}</style>")
        records = gr.State({})
        with gr.Tabs():
            with gr.Tab("问答 / Chat", elem_id="chat-tab"):
                with gr.Row():
                    gr.Markdown("# 专精特新政策助手 · SME policy assistant")
                    language = gr.Radio([("中文", "zh"), ("English", "en")], value="zh", label="界面语言 / Language",
                                        elem_id="language")
                with gr.Row():
                    with gr.Column(scale=3):
                        chatbot = gr.Chatbot(label=t["chat"], height=520, buttons=["copy", "copy_all"], elem_id="chat")
                        box = gr.Textbox(label=t["question"], placeholder=t["placeholder"], lines=2, elem_id="question")
                        status = gr.Markdown(elem_id="status")
                        with gr.Row():
                            send = gr.Button(t["send"], variant="primary", elem_id="send")
                            clear = gr.Button(t["clear"], elem_id="clear")
                        with gr.Row(elem_id="examples"):
                            example_buttons = [gr.Button(q, size="sm") for q in EXAMPLES]
                    with gr.Column(scale=2):
                        sources_title = gr.Markdown(f"### {t['sources']}")
                        sources = gr.HTML(sources_html(None, None), elem_id="sources")
                        region = gr.Dropdown([ALL, *regions()], value=ALL, label=t["region"], elem_id="region")
                        chosen = gr.Dropdown(documents(), value=[], multiselect=True, label=t["documents"], elem_id="documents")
                        comment = gr.Textbox(label=t["comment"], lines=2, elem_id="comment")
                        comment_send = gr.Button(t["comment_send"], size="sm", elem_id="comment-send")
                gr.Markdown(knowledge_note(assistant, dt.date.today()), elem_id="knowledge")
            build_eligibility_tab(assistant, regions)
            if knowledge is not None:
                from .workspace import build_workspace

                workspace_api = build_workspace(assistant, knowledge, feedback, assistant.refresh, sessions,
                                                chat_filters=[(region, lambda: filters()[0]),
                                                              (chosen, lambda: filters()[1])])

        inputs = [box, chatbot, records, region, chosen, language]
        outputs = [box, chatbot, records, sources, status]
        send.click(respond, inputs, outputs, api_visibility="private")
        box.submit(respond, inputs, outputs, api_visibility="private")
        for button, question in zip(example_buttons, EXAMPLES):
            button.click(lambda q=question: q, None, box, api_visibility="private").then(
                respond, inputs, outputs, api_visibility="private")
        clear.click(lambda: ([], {}, sources_html(None, None), ""), None, [chatbot, records, sources, status],
                    api_visibility="private")
        chatbot.like(on_like, [records, language], [records, status], api_visibility="private")
        comment_send.click(on_comment, [comment, records, language], [comment, status], api_visibility="private")
        language.change(on_language, language, [chatbot, box, send, clear, region, chosen, comment, comment_send,
                                                sources_title], api_visibility="private")
        app.load(filters, None, [region, chosen], api_visibility="private")
        gr.api(ask, api_name="ask", queue=False)  # a quick call: no queue round trips (SSE) for the API
        gr.api(give_feedback, api_name="feedback")
        gr.api(check_api(assistant), api_name="check")  # 政策体检 for other programs
        if knowledge is not None:
            workspace_api()
    return app


def _owner(request: gr.Request | None) -> str:
    """Who may rate an answer: the Gradio session that received it."""
    return str(getattr(request, "session_hash", "") or "")


def answer_stream(assistant: Assistant, text: str, history, region, doc_ids):
    """("partial", text so far) while an LLM writes, then ("answer", the verified Answer)."""
    if assistant.settings.answerer != "llm":
        yield "answer", assistant.ask(text, history, region=region, doc_ids=doc_ids)
        return
    import queue
    import threading

    pieces: queue.Queue = queue.Queue()
    result: dict = {}

    def run() -> None:
        try:
            result["answer"] = assistant.ask(text, history, region=region, doc_ids=doc_ids, on_token=pieces.put)
        except Exception as exc:  # re-raised in the caller's thread below
            result["error"] = exc
        finally:
            pieces.put(None)

    threading.Thread(target=run, daemon=True).start()
    partial = ""
    while (piece := pieces.get()) is not None:
        partial += piece
        yield "partial", partial
    if "error" in result:
        raise result["error"]
    yield "answer", result["answer"]


def launch(assistant: Assistant, feedback: FeedbackStore, host: str = "127.0.0.1", port: int = 7860,
           knowledge=None, sessions: StaffSessions | None = None, block: bool = True):
    """Serve the app with the limits of ``assistant.settings`` (upload size, sessions kept)."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    settings = assistant.settings
    app = build_app(assistant, feedback, knowledge, sessions).queue(default_concurrency_limit=4)
    from .rest import api_routes

    app.launch(server_name=host, server_port=port, show_error=True, prevent_thread_lock=not block, quiet=not block,
               # the REST API and its OpenAPI documentation, served beside the chat
               app_kwargs={"docs_url": "/docs", "routes": api_routes(assistant), "title": "policy-assistant"},
               max_file_size=settings.max_file_bytes,  # larger uploads are refused before they reach the disk
               state_session_capacity=settings.max_sessions)  # the oldest sessions' state goes first
    return app
