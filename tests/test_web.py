"""The web chat's API on a real Gradio server, called over HTTP with gradio_client."""

from __future__ import annotations

import sqlite3
from concurrent.futures import ThreadPoolExecutor

import pytest

from assistant.web.render import highlight, sources_html

from .conftest import free_port  # noqa: F401  (re-exported for the other modules)


@pytest.fixture(scope="module")
def client(served):
    from gradio_client import Client

    return Client(served[0], verbose=False)


def test_ask_endpoint_returns_answer_refusal_and_citations(client):
    data = client.predict("国家级小巨人有多少奖励？", None, [], api_name="/ask")
    assert not data["refused"] and "200万元" in data["answer"]
    assert data["citations"][0]["doc_id"] == "sme-quality-plan" and data["citations"][0]["quote"]
    refused = client.predict("专精特新企业的企业所得税税率是多少？", None, [], api_name="/ask")
    assert refused["refused"] and refused["citations"] == []


def test_ask_endpoint_takes_region_and_history(client):
    data = client.predict("那市级的呢？", None, [{"role": "user", "content": "省级专精特新小巨人企业的申报条件是什么？"}],
                          api_name="/ask")
    assert data["standalone_question"] == "市级专精特新小巨人企业的申报条件是什么？"
    regional = client.predict("专精特新企业的人才计划是什么？", "盐城", [], api_name="/ask")
    assert {c["doc_id"] for c in regional["citations"]} == {"yancheng-measures"}


def test_bad_input_is_a_clear_error_and_the_server_keeps_serving(client):
    for question in ("   ", "x" * 5000):
        with pytest.raises(Exception, match="the question is empty|5000 characters long"):
            client.predict(question, None, [], api_name="/ask")
    assert not client.predict("Which bank products apply?", None, [], api_name="/ask")["refused"]


def test_concurrent_questions(served):
    from gradio_client import Client

    questions = ["Which bank products apply?", "What do I need for provincial level?", "国家级小巨人有多少奖励？",
                 "盐城企业反映的问题通过什么机制处理？"] * 3

    def one(question):
        return Client(served[0], verbose=False).predict(question, None, [], api_name="/ask")

    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(one, questions))
    assert len(results) == 12 and not any(r["refused"] for r in results)


def test_feedback_is_stored_with_question_answer_and_chunks(client, served):
    data = client.predict("培养技师、高级技师有什么补贴标准？", None, [], api_name="/ask")
    feedback_id = client.predict(data["answer_id"], "down", "需要补充2000元的适用情形", api_name="/feedback")
    with sqlite3.connect(served[1]) as db:
        row = db.execute("SELECT question, answer, chunk_ids, rating, comment FROM feedback WHERE id = ?",
                         (feedback_id,)).fetchone()
    assert row[0] == "培养技师、高级技师有什么补贴标准？" and "3000元" in row[1]
    assert data["citations"][0]["chunk_id"] in row[2] and row[3:] == ("down", "需要补充2000元的适用情形")
    with pytest.raises(Exception, match="rating must be 'up' or 'down'"):
        client.predict(data["answer_id"], "meh", "", api_name="/feedback")
    with pytest.raises(Exception, match="no recent answer"):
        client.predict("a999999", "up", "", api_name="/feedback")


def test_hostile_text_is_escaped_in_the_sources_panel():
    clause = "对<script>alert(1)</script>企业给予50万元奖励。"
    marked = highlight(clause, "给予50万元奖励")
    assert "<script>" not in marked and "&lt;script&gt;" in marked and "<mark>给予50万元奖励</mark>" in marked
    assert "暂无来源" in sources_html(None, None)
