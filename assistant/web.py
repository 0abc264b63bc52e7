"""The web chat (Gradio): questions in Chinese or English, answers with numbered sources."""

from __future__ import annotations

import datetime as dt
import logging
import os

from .service import Assistant, QuestionError
from .types import STATUS_LABELS_ZH, Turn

log = logging.getLogger(__name__)
EXAMPLES = [
    "What do I need for provincial level?",
    "Which bank products apply?",
    "国家级小巨人有多少奖励？",
    "省级专精特新小巨人企业（制造类）的申报条件有哪些？",
    "连云港“特色金融助力工程”的责任单位有哪些？",
]
ALL_REGIONS = "全部地区 / all regions"


def history_turns(history: list) -> list[Turn]:
    """Gradio's message history as typed turns (text messages only)."""
    turns = []
    for message in history or []:
        role, content = (message.get("role"), message.get("content")) if isinstance(message, dict) else (None, None)
        if role in ("user", "assistant") and isinstance(content, str):
            turns.append(Turn(role, content))
    return turns


def knowledge_note(assistant: Assistant, today: dt.date) -> str:
    """The documents the knowledge base holds, with dates and status, and the disclaimer."""
    lines = ["答案只引用下列政策原文，不构成法律意见。Answers quote the policy texts below; they are not legal advice.", ""]
    for doc in sorted(assistant.retriever.docs.values(), key=lambda d: d.doc_id):
        facts = [doc.region or "地区未说明", doc.date_issued or "日期未说明", STATUS_LABELS_ZH[doc.status]]
        if doc.period_ended(today):
            facts.append(f"政策期 {doc.period} 已结束")
        lines.append(f"- {doc.title}（{'；'.join(facts)}）")
    return "\n".join(lines)


def build_app(assistant: Assistant):
    import gradio as gr

    regions = sorted({r.strip() for d in assistant.retriever.docs.values() if d.region for r in d.region.split(",")})

    def respond(message: str, history: list, region: str) -> str:
        try:
            answer = assistant.ask(message, history_turns(history),
                                   region=None if region in (None, "", ALL_REGIONS) else region)
        except QuestionError as exc:
            return f"⚠️ {exc}"
        except Exception:  # the page must keep serving; the error goes to the log
            log.exception("answering %r failed", message)
            return "⚠️ 出错了，请稍后再试。Something went wrong; please try again."
        return answer.text

    with gr.Blocks(title="专精特新政策助手 · Policy assistant") as app:
        gr.Markdown("# 专精特新政策助手 · SME policy assistant")
        gr.ChatInterface(
            respond,
            additional_inputs=[gr.Dropdown([ALL_REGIONS, *regions], value=ALL_REGIONS, label="地区 / Region")],
            examples=[[q, ALL_REGIONS] for q in EXAMPLES],
            api_name="chat",
        )
        gr.Markdown(knowledge_note(assistant, dt.date.today()))
    return app


def launch(assistant: Assistant, host: str = "127.0.0.1", port: int = 7860) -> None:
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    build_app(assistant).queue().launch(server_name=host, server_port=port, show_error=True)
