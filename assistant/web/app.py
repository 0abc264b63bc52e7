"""The public page (Gradio Blocks): the chat and the self-check, and the API endpoints
``ask``, ``feedback`` and ``check``. The staff workspace is a hidden tab, shown only on
``/?staff`` and entered with the token.

Each answer is a card (:mod:`assistant.web.card`); the welcome sets the scope; the asker's place
is chosen once and remembered in the browser. Texts from users and documents are escaped
before they reach the page, so HTML in them is shown, never run.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from html import escape

import gradio as gr  # this module is only imported to serve the page

from ..feedback import AnswerLog, FeedbackStore
from ..limits import QuestionError, validate_history
from ..service import Assistant
from ..types import Turn
from .card import answer_card, place_name, place_of, plain_status
from .check_tab import build_eligibility_tab, check_api
from .page import SCRIPT, STYLE
from .staff import StaffSessions
from .suggestions import Suggestions
from .texts import LABELS, TOPICS

log = logging.getLogger(__name__)
FEEDBACK = ("Like", "Dislike")  # Gradio draws these two as thumbs; the reasons go under a flag


def welcome_html(assistant: Assistant, language: str, today: dt.date) -> str:
    """The empty chat: what the assistant covers (documents by place, status in plain words)."""
    labels = LABELS[language]
    docs = sorted(assistant.retriever.docs.values(), key=lambda d: (place_of(d, language), d.title))
    items = []
    if len(docs) <= 8:
        for doc in docs:
            items.append(f"<li><b>{escape(place_of(doc, language))}</b> · {escape(doc.title)} "
                         f"<span class='pa-small'>{escape(parens(plain_status(doc, today, language)[1], language))}</span></li>")
    else:  # a library: one line per place
        places: dict[str, list[str]] = {}
        for doc in docs:
            places.setdefault(place_of(doc, language), []).append(plain_status(doc, today, language)[1])
        for place, statuses in places.items():
            counts = "、".join(f"{s} {statuses.count(s)}" for s in dict.fromkeys(statuses))
            items.append(f"<li><b>{escape(place)}</b> · {len(statuses)} {escape(parens(counts, language))}</li>")
    return (f"<div class='pa-welcome'><p>{escape(labels['welcome_lead'])}</p>"
            f"<p>{escape(labels['welcome_docs'].format(n=len(docs)))}</p><ul>{''.join(items)}</ul>"
            f"<p>{escape(labels['welcome_check'])}</p><p class='pa-small'>{escape(labels['disclaimer'])}</p></div>")


def parens(text: str, language: str) -> str:
    return f"（{text}）" if language == "zh" else f" ({text})"


def user_html(text: str) -> str:
    return f"<div class='pa-user'>{escape(text)}</div>"


def build_app(assistant: Assistant, feedback: FeedbackStore, knowledge=None, sessions: StaffSessions | None = None):
    """The public tabs and, given a :class:`~assistant.knowledge.KnowledgeBase`, the workspace tab
    (signed in through ``sessions``: by default, in memory with the default expiry and lockout)."""
    # Gradio's queue keeps up to 10,000 events and summarises all of them with pandas after every
    # event: per-event cost and memory that grow for hours. Keep few, summarise rarely.
    os.environ.setdefault("GRADIO_ANALYTICS_MAX_EVENTS", "500")
    os.environ.setdefault("GRADIO_ANALYTICS_CACHE_FREQUENCY", "500")
    answers = AnswerLog()
    sessions = sessions or StaffSessions()
    suggestions = Suggestions({lang: [t.question[lang] for t in TOPICS] for lang in LABELS},
                              lambda q, language: assistant.ask(q, language=language), assistant.retriever.embeddings.embed_documents,
                              lambda: assistant.retriever.store.generation)

    def regions() -> list[str]:  # read at every use: documents come and go while serving
        return sorted({r.strip() for d in assistant.retriever.docs.values() if d.region for r in d.region.split(",")})

    def place_choices(language: str) -> list[tuple[str, str]]:
        return [(LABELS[language]["any_place"], ""),
                *((place_name(r, language), r) for r in regions())]

    def card(answer, language: str) -> str:
        offered = suggestions.for_answer(answer, language) if answer.refused else []
        return answer_card(answer, assistant.retriever.docs, assistant.retriever.doc_chunks, language, dt.date.today(),
                           offered, list(assistant.retriever.docs.values()) if answer.refused else [])

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

    busy, idle = (gr.update(visible=False), gr.update(visible=True)), (gr.update(visible=True), gr.update(visible=False))

    def respond(message, chat, records, place, language, request: gr.Request):
        labels = LABELS[language]
        text = (message or "").strip()
        if not text:
            yield gr.update(), chat, records, labels["empty"], *idle
            return
        limits = assistant.limits  # the conversation kept is bounded: the latest turns, each capped
        history = [Turn(r["role"], r["content"]) for r in records.get("turns", [])][-limits.history_turns:]
        chat = chat + [{"role": "user", "content": user_html(text)}]
        yield gr.update(), chat, records, "", *busy
        try:
            answer = None
            for kind, value in answer_stream(assistant, text, history, None, None, place or None, language):
                if kind == "partial":  # the model's words as they arrive, before verification
                    yield gr.update(), chat + [{"role": "assistant", "content": user_html(value)}], records, "", *busy
                else:
                    answer = value
        except QuestionError as exc:
            yield "", chat + [{"role": "assistant", "content": f"⚠️ {escape(str(exc))}"}], records, "", *idle
            return
        except Exception:  # the page keeps serving; the details go to the log
            log.exception("answering %r failed", text)
            yield "", chat + [{"role": "assistant", "content": escape(labels["error"])}], records, "", *idle
            return
        answer_id = answers.add(text, records.get("turns", []), answer, _owner(request))
        chat = chat + [{"role": "assistant", "content": card(answer, language)}]
        turns = records.get("turns", []) + [{"role": "user", "content": text},
                                            {"role": "assistant", "content": answer.text[:limits.assistant_turn_chars]}]
        ids = {**records.get("ids", {}), str(len(chat) - 1): answer_id}
        records = {"turns": turns[-limits.history_turns:], "ids": dict(list(ids.items())[-limits.history_turns:])}
        # the question box is cleared only with the final answer: a client can tell when it is done
        yield "", chat, records, "", *idle

    def on_like(records, language, data: gr.LikeData, request: gr.Request):
        index = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
        answer_id = records.get("ids", {}).get(str(index))
        if answer_id is None or data.liked in (None, ""):
            return ""
        liked = data.liked
        rating = "up" if liked is True or liked == "Like" else "down"
        reason = liked if isinstance(liked, str) and liked not in FEEDBACK else ""
        answers.rate(feedback, answer_id, rating, reason, _owner(request))
        return LABELS[language]["thanks"]

    def on_language(language, request: gr.Request):
        t = LABELS[language]
        return (language, f"<h1>{escape(t['title'])}</h1>",
                gr.update(choices=place_choices(language), label=t["place"]),
                gr.update(label=t["chat"], placeholder=welcome_html(assistant, language, dt.date.today()),
                          feedback_options=[*FEEDBACK, *t["reasons"]]),
                gr.update(placeholder=t["placeholder"], label=t["question"]), gr.update(value=t["send"]),
                gr.update(value=t["stop"]), gr.update(value=t["new"]), gr.update(value=t["check"]),
                *(gr.update(value=topic.label[language]) for topic in TOPICS),
                gr.update(label=t["chat_tab"]), gr.update(label=t["check_tab"]), "", *check_language(language))

    def on_load(stored_language, stored_place, request: gr.Request):
        language = stored_language if stored_language in LABELS else "zh"
        place = stored_place if stored_place in regions() else ""
        staff = "staff" in getattr(request, "query_params", {}) and knowledge is not None
        return language, gr.update(choices=place_choices(language), value=place), gr.update(visible=staff)

    t = LABELS["zh"]
    # uploads and exports Gradio keeps in its cache are deleted an hour after they were made
    with gr.Blocks(title="专精特新政策助手 · SME policy assistant", delete_cache=(600, 3600)) as app:
        records = gr.State({})
        stored_language = gr.BrowserState("zh", storage_key="pa-language")
        stored_place = gr.BrowserState("", storage_key="pa-place")
        with gr.Row(elem_id="header"):
            heading = gr.HTML(f"<h1>{escape(t['title'])}</h1>", elem_id="title", padding=False)
            language = gr.Radio([("中文", "zh"), ("English", "en")], value="zh", label=t["language"], show_label=False,
                                container=False, elem_id="language")
            place = gr.Dropdown(place_choices("zh"), value="", label=t["place"], show_label=False, container=False,
                                elem_id="place", interactive=True)
        with gr.Tabs(elem_id="tabs") as tabs:
            with gr.Tab(t["chat_tab"], id="chat", elem_id="chat-tab") as chat_tab:
                chatbot = gr.Chatbot(label=t["chat"], show_label=False, elem_id="chat", autoscroll=False,
                                     placeholder=welcome_html(assistant, "zh", dt.date.today()),
                                     feedback_options=[*FEEDBACK, *t["reasons"]], buttons=[], latex_delimiters=[],
                                     render_markdown=False, sanitize_html=True)
                with gr.Row(elem_id="composer"):
                    box = gr.Textbox(label=t["question"], show_label=False, placeholder=t["placeholder"], lines=1,
                                     max_lines=5, elem_id="question", container=False, scale=5)
                    send = gr.Button(t["send"], variant="primary", elem_id="send", scale=0, min_width=64)
                    stop = gr.Button(t["stop"], variant="stop", elem_id="stop", scale=0, min_width=64, visible=False)
                status = gr.Markdown(elem_id="status")
                with gr.Row(elem_id="topics"):
                    to_check = gr.Button(t["check"], size="sm", elem_id="to-check", scale=0)  # first: on a phone too
                    topic_buttons = [gr.Button(topic.label["zh"], size="sm", elem_id=f"topic-{topic.key}", scale=0)
                                     for topic in TOPICS]
                    new = gr.Button(t["new"], size="sm", elem_id="new", scale=0)
            check_tab, check_language = build_eligibility_tab(assistant, regions, language)
            staff_tab, workspace_api = None, None
            if knowledge is not None:
                from .workspace import build_workspace

                workspace_api, staff_tab = build_workspace(assistant, knowledge, feedback, assistant.refresh, sessions)

        private = {"api_visibility": "private"}
        inputs, outputs = [box, chatbot, records, place, language], [box, chatbot, records, status, send, stop]
        events = [send.click(respond, inputs, outputs, **private), box.submit(respond, inputs, outputs, **private)]
        for button, topic in zip(topic_buttons, TOPICS):
            events.append(button.click(lambda lang, q=topic.question: q[lang], language, box, queue=False, **private)
                          .then(respond, inputs, outputs, **private))
        stop.click(lambda: idle, None, [send, stop], cancels=events, queue=False, **private)
        new.click(lambda: ([], {}, "", ""), None, [chatbot, records, status, box], cancels=events, queue=False, **private)
        chatbot.clear(lambda: ({}, ""), None, [records, status], queue=False, **private)
        to_check.click(lambda: gr.Tabs(selected="check"), None, tabs, queue=False, **private)
        chatbot.like(on_like, [records, language], status, **private)
        language.change(on_language, language,
                        [stored_language, heading, place, chatbot, box, send, stop, new, to_check, *topic_buttons,
                         chat_tab, check_tab, status, *check_language.outputs], queue=False, **private)
        # documents come and go while serving: the places are read again when the chat is shown
        chat_tab.select(lambda lang, value: gr.update(choices=place_choices(lang), value=value), [language, place], place,
                        queue=False, **private)
        place.change(lambda value: value or "", place, stored_place, queue=False, **private)
        app.load(on_load, [stored_language, stored_place], [language, place, staff_tab or gr.State()], **private)
        gr.api(ask, api_name="ask", queue=False)  # a quick call: no queue round trips (SSE) for the API
        gr.api(give_feedback, api_name="feedback")
        gr.api(check_api(assistant), api_name="check")  # 政策体检 for other programs
        if workspace_api is not None:
            workspace_api()
    return app


def _owner(request: gr.Request | None) -> str:
    """Who may rate an answer: the Gradio session that received it."""
    return str(getattr(request, "session_hash", "") or "")


def answer_stream(assistant: Assistant, text: str, history, region, doc_ids, place: str | None = None,
                  language: str | None = None):
    """("partial", text so far) while an LLM writes, then ("answer", the verified Answer)."""
    if assistant.settings.answerer != "llm":
        yield "answer", assistant.ask(text, history, region=region, doc_ids=doc_ids, place=place, language=language)
        return
    import queue
    import threading

    pieces: queue.Queue = queue.Queue()
    result: dict = {}

    def run() -> None:
        try:
            result["answer"] = assistant.ask(text, history, region=region, doc_ids=doc_ids, on_token=pieces.put,
                                             place=place, language=language)
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


def page_options() -> dict:
    """What :meth:`gradio.Blocks.launch` needs for this page: its style, its script, no footer."""
    return {"css": STYLE, "head": SCRIPT, "footer_links": []}


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
               state_session_capacity=settings.max_sessions,  # the oldest sessions' state goes first
               **page_options())
    return app
