"""The web chat on a real Gradio server, called over HTTP with gradio_client."""

from __future__ import annotations

import socket

import pytest

ALL = "全部地区 / all regions"


@pytest.fixture(scope="module")
def server(assistant):
    from assistant.web import build_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    app = build_app(assistant).queue()
    app.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True)
    yield f"http://127.0.0.1:{port}/"
    app.close()


@pytest.fixture(scope="module")
def client(server):
    from gradio_client import Client

    return Client(server, verbose=False)


def test_chat_answers_with_sources(client):
    text = client.predict("国家级小巨人有多少奖励？", ALL, api_name="/chat")
    assert "200万元" in text and "来源：" in text


def test_region_filter_and_bad_input(client):
    text = client.predict("专精特新企业的人才计划是什么？", "盐城市", api_name="/chat")
    assert "黄海明珠" in text and "花果山英才" not in text
    assert "the question is empty" in client.predict("   ", ALL, api_name="/chat")


def test_page_lists_the_documents_and_disclaimer(server):
    import urllib.request

    page = urllib.request.urlopen(server, timeout=30).read().decode("utf-8")
    assert "不构成法律意见" in page and "金湖县专精特新小巨人企业培育三年行动方案" in page
