"""The workspace's API endpoints: documents and drafts for scripts, with the workspace token.

The token is checked on the server at every call, with the same per-address lockout as the
sign-in (:class:`~assistant.staff.StaffSessions`).
"""

from __future__ import annotations

import gradio as gr

from ..exports import answer_body
from ..limits import QuestionError
from .staff import DENIED, StaffSessions


def client_address(request: gr.Request | None) -> str:
    """The caller's address, for the lockout ("" when unknown)."""
    return getattr(getattr(request, "client", None), "host", "") or ""


def add_workspace_api(assistant, sessions: StaffSessions, documents_table) -> None:
    """Register ``workspace_documents`` and ``workspace_draft`` on the Blocks being built."""

    def api_documents(token: str, request: gr.Request) -> list[dict]:
        """Documents with metadata, chunk counts and flags (workspace token required)."""
        if not sessions.token_ok(token, client_address(request)):
            raise gr.Error(DENIED)
        return [dict(zip(["doc_id", "title", "region", "status", "flags", "chunks", "file"], row))
                for row in documents_table()]

    def api_draft(token: str, question: str, request: gr.Request, region: str | None = None,
                  documents: list[str] | None = None) -> dict:
        """A draft answer with its citations (workspace token required)."""
        if not sessions.token_ok(token, client_address(request)):
            raise gr.Error(DENIED)
        try:
            answer = assistant.ask(question, region=region or None, doc_ids=documents)
        except QuestionError as exc:
            raise gr.Error(str(exc)) from None
        return {"question": answer.question, "draft": answer_body(answer),
                "citations": answer.to_dict()["citations"]}

    gr.api(api_documents, api_name="workspace_documents")
    gr.api(api_draft, api_name="workspace_draft")
