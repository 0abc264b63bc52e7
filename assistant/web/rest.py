"""A REST API beside the web chat: ``POST /api/ask``, ``POST /api/check``, ``GET /api/documents``.

The routes are FastAPI's, handed to the app Gradio builds (its ``app_kwargs``), so they are
served by the same process and port as the chat, with OpenAPI documentation at ``/docs``.
Questions are checked by the same validation as the chat's; a bad request gets a 400 or
422 with the reason, an internal failure a 500 without details (those go to the log).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from fastapi import APIRouter, HTTPException
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from ..limits import QuestionError, validate_history

log = logging.getLogger(__name__)


class TurnIn(BaseModel):
    role: str = Field(description="'user' or 'assistant'")
    content: str


class AskRequest(BaseModel):
    """A question, optionally after earlier turns, within one place or some documents."""

    question: str = Field(description="the question, in Chinese or English")
    history: list[TurnIn] = Field(default_factory=list, description="earlier turns, oldest first")
    region: str | None = Field(None, description="answer only from this place's documents, e.g. 金湖县")
    doc_ids: list[str] | None = Field(None, description="answer only from these documents")
    top_k: int | None = Field(None, ge=1, le=100, description="clauses passed to the answerer")


class CheckRequest(BaseModel):
    """A company, as a profile object (the keys of a profile file) or as words stating its figures."""

    profile: dict[str, Any] | None = Field(None, description="profile keys: region, category, revenue, main_revenue, "
                                                             "rd_ratio, invention_patents, years, … (see the README)")
    text: str | None = Field(None, description="or the company in words: 我们是金湖的制造企业，去年主营业务收入6000万元…")
    region: str | None = Field(None, description="the company's place, overriding the profile's")


def api_routes(assistant) -> list:
    """The API's routes over ``assistant``, to be given to the FastAPI app."""
    router = APIRouter(prefix="/api", tags=["policy assistant"])

    @router.post("/ask")
    async def ask(request: AskRequest) -> dict[str, Any]:
        """Answer a question with citations to the clauses it rests on; ``refused`` is true when
        the knowledge base has no clause that answers it."""
        try:
            turns = validate_history([t.model_dump() for t in request.history], assistant.limits)
            answer = await run_in_threadpool(assistant.ask, request.question, turns, request.region,
                                              request.doc_ids, request.top_k)
        except (QuestionError, ValueError, TypeError) as exc:
            raise HTTPException(status_code=400, detail=str(exc)) from None
        except Exception:  # the details go to the log, never to the caller
            log.exception("answering %r failed", request.question)
            raise HTTPException(status_code=500, detail="the question could not be answered") from None
        data = answer.to_dict()
        data["retrieved"] = data["retrieved"][:10]
        return data

    @router.post("/check")
    async def check(request: CheckRequest) -> dict[str, Any]:
        """Eligibility self-check (政策体检): for each level in scope, every criterion met, not
        met (with the gap), unknown (with the missing figure) or to check by hand, with its clause."""
        from ..profile import CompanyProfile

        if (request.profile is None) == (request.text is None):
            raise HTTPException(status_code=400, detail="give either 'profile' or 'text'")
        try:
            company = CompanyProfile.from_dict(request.profile) if request.profile is not None else request.text
            report = await run_in_threadpool(assistant.check, company, request.region)
        except (QuestionError, ValueError, TypeError) as exc:
            raise HTTPException(status_code=400, detail=str(exc)) from None
        except Exception:
            log.exception("checking a profile failed")
            raise HTTPException(status_code=500, detail="the check could not be made") from None
        return report.to_dict()

    @router.get("/documents")
    def documents() -> list[dict[str, Any]]:
        """The documents the answers come from: id, title, place, level, 文号, dates, status, and the
        documents that repeal or amend each (``superseded_by``)."""
        assistant.follow_index()
        counts = assistant.retriever.chunk_counts()
        relations = assistant.retriever.relations
        return [{**meta.to_dict(), "chunks": counts.get(doc_id, 0),
                 "superseded_by": [{"doc_id": s.by_doc_id, "title": s.by_title, "kind": s.kind, "from": s.effective}
                                   for s in relations.get(doc_id, ())]}
                for doc_id, meta in sorted(assistant.retriever.docs.items())]

    pages = APIRouter()

    @pages.get("/doc/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document(doc_id: str, lang: str = "zh") -> HTMLResponse:
        """A cited document, whole, for reading a clause in its context."""
        from .document_page import document_page

        doc = assistant.retriever.docs.get(doc_id)
        if doc is None:
            raise HTTPException(status_code=404, detail=f"no document {doc_id!r} in the knowledge base")
        return HTMLResponse(document_page(doc, assistant.retriever.doc_chunks(doc_id), dt.date.today(), lang))

    return [*router.routes, *pages.routes]
