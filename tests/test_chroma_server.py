"""The same code against a Chroma server started with `chroma run`."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .test_web import free_port


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory):
    port = free_port()
    chroma = Path(sys.executable).parent / "chroma"
    process = subprocess.Popen([str(chroma), "run", "--path", str(tmp_path_factory.mktemp("chroma-server")),
                                "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("chroma run did not start listening within 60 s")
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=30)


def test_assistant_builds_and_answers_on_a_chroma_server(settings_factory, chroma_url):
    from assistant.service import Assistant

    assistant = Assistant.from_settings(settings_factory(chroma_url=chroma_url), progress=False)
    assert assistant.retriever.store.count() > 150
    answer = assistant.ask("新认定为国家级专精特新小巨人企业能拿到多少奖励？")
    assert "200万元" in answer.text and answer.citations[0].doc_id == "sme-quality-plan"


def test_unreachable_server_is_a_clear_error(settings_factory):
    from assistant.service import Assistant
    from assistant.store import StoreError

    with pytest.raises(StoreError, match="cannot reach the Chroma server at http://127.0.0.1:1"):
        Assistant.from_settings(settings_factory(chroma_url="http://127.0.0.1:1"), progress=False)
