"""The REST API, over real HTTP on the served app (real Gradio server, real index)."""

from __future__ import annotations

import httpx


def test_ask_answers_with_citations_and_follows_up(served):
    url = served[0]
    reply = httpx.post(f"{url}api/ask", json={"question": "国家级小巨人有多少奖励？"}, timeout=30)
    assert reply.status_code == 200
    data = reply.json()
    assert not data["refused"] and "200万" in data["answer"] and data["citations"]
    assert all(c["doc_id"] and c["chunk_id"] for c in data["citations"])
    follow = httpx.post(f"{url}api/ask", timeout=30, json={
        "question": "那省级的呢？", "history": [{"role": "user", "content": "国家级小巨人有多少奖励？"}]})
    assert follow.status_code == 200 and "省级" in follow.json()["standalone_question"]


def test_ask_within_documents_and_a_question_the_texts_do_not_answer(served):
    url = served[0]
    scoped = httpx.post(f"{url}api/ask", json={"question": "有哪些贷款产品？", "doc_ids": ["yancheng-measures"]},
                        timeout=30).json()
    assert scoped["citations"] and {c["doc_id"] for c in scoped["citations"]} == {"yancheng-measures"}
    declined = httpx.post(f"{url}api/ask", json={"question": "景区门票多少钱？"}, timeout=30).json()
    assert declined["refused"] and not declined["citations"]


def test_bad_requests_get_the_reason_and_no_traceback(served):
    url = served[0]
    cases = [({"question": ""}, 400), ({"question": "x" * 5000}, 400), ({"question": 42}, 422), ({}, 422),
             ({"question": "奖励？", "history": [{"role": "robot", "content": "hi"}]}, 400),
             ({"question": "奖励？", "top_k": 0}, 422)]
    for body, status in cases:
        reply = httpx.post(f"{url}api/ask", json=body, timeout=30)
        assert reply.status_code == status, (body, reply.text)
        assert "Traceback" not in reply.text and reply.json()["detail"]
    broken = httpx.post(f"{url}api/ask", content=b"{not json", headers={"content-type": "application/json"}, timeout=30)
    assert broken.status_code == 422


def test_documents_and_the_openapi_description(served):
    url = served[0]
    documents = httpx.get(f"{url}api/documents", timeout=30).json()
    assert {d["doc_id"] for d in documents} >= {"jinhu-plan-2022", "yancheng-measures", "baoying-plan-2023"}
    assert all(d["chunks"] > 0 and d["title"] for d in documents)
    schema = httpx.get(f"{url}openapi.json", timeout=30).json()
    assert "/api/ask" in schema["paths"] and "/api/documents" in schema["paths"]
    assert httpx.get(f"{url}docs", timeout=30).status_code == 200
