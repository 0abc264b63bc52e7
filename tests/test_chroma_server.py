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


def test_a_change_made_by_another_process_on_the_server_is_followed(settings_factory, chroma_url, knowledge_copy,
                                                                    tmp_path):
    """Two processes, one Chroma server, one knowledge folder, separate index folders: the second
    process's ingest is seen by the first within a second, its segment rebuilt from the store."""
    import os

    from assistant.service import Assistant

    from .test_knowledge import NEW_POLICY

    settings = settings_factory(chroma_url=chroma_url, knowledge_dir=knowledge_copy, index_dir=tmp_path / "first")
    assistant = Assistant.from_settings(settings, progress=False)
    question = "盐都区对新认定的省级专精特新企业奖励多少？"
    assert "30万元" not in assistant.ask(question).text
    (knowledge_copy / "documents" / "yandu.txt").write_text(NEW_POLICY, encoding="utf-8")
    env = dict(os.environ, POLICY_ASSISTANT_CHROMA_URL=chroma_url, POLICY_ASSISTANT_KNOWLEDGE_DIR=str(knowledge_copy),
               POLICY_ASSISTANT_INDEX_DIR=str(tmp_path / "second"))
    done = subprocess.run([sys.executable, "-m", "assistant.cli", "ingest", "--quiet"], env=env, capture_output=True,
                          text=True, timeout=300, cwd=Path(__file__).resolve().parent.parent, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "1 added" in done.stdout
    time.sleep(1.1)  # the active pointer is read at most once a second
    answer = assistant.ask(question)
    assert "30万元" in answer.text and answer.citations[0].doc_id == "yandu"
    # the other process saved the segment in its own folder; this one rebuilt it from the store's records
    assert list((tmp_path / "second" / "segments").glob("*/yandu-*.seg"))
    assert list((tmp_path / "first" / "segments").glob("*/yandu-*.seg"))
