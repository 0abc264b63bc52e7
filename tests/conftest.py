"""Shared fixtures: the real embedding model, a real Chroma index of knowledge/, built once."""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pytest

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # no calls home from the web tests
os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = ROOT / "knowledge"
TOKEN = "s3cret-workspace-token"
# screenshots of browser tests that failed (CI keeps the folder as the run's artefacts)
ARTIFACTS = Path(os.environ.get("POLICY_ASSISTANT_TEST_ARTIFACTS", ROOT / "test-artifacts"))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so that a fixture can tell that its test failed."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


def screenshot_on_failure(request, page) -> None:
    """Save a full-page screenshot of ``page`` when the test using it failed."""
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)


@pytest.fixture(scope="session")
def embeddings():
    from assistant.embeddings import UniversalSentenceEncoderEmbeddings

    return UniversalSentenceEncoderEmbeddings(threads=2)


@pytest.fixture(scope="session")
def settings_factory(tmp_path_factory):
    from assistant.settings import load_settings

    def make(**overrides):
        overrides.setdefault("index_dir", tmp_path_factory.mktemp("index"))
        return load_settings(**overrides)

    return make


@pytest.fixture(scope="session")
def assistant(settings_factory):
    """The assistant over the real knowledge folder, on the embedded default model."""
    from assistant.service import Assistant

    return Assistant.from_settings(settings_factory(), progress=False)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def served(assistant, tmp_path_factory):
    """The app on a free port as `serve` starts it, with its own feedback database:
    (url, path of the database, the Gradio app)."""
    from assistant.feedback import FeedbackStore
    from assistant.web.app import launch

    db = tmp_path_factory.mktemp("feedback") / "feedback.sqlite"
    port = free_port()
    app = launch(assistant, FeedbackStore(db), port=port, block=False)
    yield f"http://127.0.0.1:{port}/", db, app
    app.close()


@pytest.fixture(scope="module")
def api_client(served):
    """A gradio_client session on the served app (one per test module)."""
    from gradio_client import Client

    return Client(served[0], verbose=False)


@pytest.fixture(scope="session")
def workspace_app(tmp_path_factory):
    """The app with the workspace, over a copy of knowledge/: (url, root folder of its files)."""
    import shutil

    from assistant.feedback import FeedbackStore
    from assistant.knowledge import KnowledgeBase
    from assistant.service import Assistant
    from assistant.settings import load_settings
    from assistant.web.app import build_app, page_options
    from assistant.web.staff import StaffSessions

    root = tmp_path_factory.mktemp("ws")
    shutil.copytree(KNOWLEDGE, root / "knowledge")
    previous = os.environ.get("POLICY_ASSISTANT_WORKSPACE_TOKEN")
    os.environ["POLICY_ASSISTANT_WORKSPACE_TOKEN"] = TOKEN
    settings = load_settings(knowledge_dir=root / "knowledge", index_dir=root / "index")
    assistant = Assistant.from_settings(settings, progress=False)
    knowledge = KnowledgeBase(settings, assistant.retriever.store, assistant.retriever.embeddings)
    # the lockout is tested on its own; here wrong tokens are tried on purpose more often than it allows
    app = build_app(assistant, FeedbackStore(root / "fb.sqlite"), knowledge, StaffSessions(max_failures=100)).queue()
    port = free_port()
    app.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True, **page_options())
    yield f"http://127.0.0.1:{port}/", root
    app.close()
    if previous is None:
        os.environ.pop("POLICY_ASSISTANT_WORKSPACE_TOKEN", None)
    else:
        os.environ["POLICY_ASSISTANT_WORKSPACE_TOKEN"] = previous


@pytest.fixture(scope="session")
def workspace_url(workspace_app):
    return workspace_app[0]


def call_event(url: str, fn_index: int, data: list, session_hash: str) -> dict:
    """Call one of the app's event handlers over raw HTTP, as a browser (or an attacker) can:
    join the queue, then read the event stream until this event completes."""
    import json

    import httpx

    joined = httpx.post(f"{url}gradio_api/queue/join", json={"data": data, "fn_index": fn_index,
                                                             "session_hash": session_hash, "event_data": None,
                                                             "trigger_id": None}, timeout=30)
    if joined.status_code != 200:
        return {"success": False, "output": {"error": joined.text}}
    event_id = joined.json()["event_id"]
    with httpx.stream("GET", f"{url}gradio_api/queue/data", params={"session_hash": session_hash}, timeout=60) as stream:
        for line in stream.iter_lines():
            if line.startswith("data:"):
                message = json.loads(line[5:])
                if message.get("event_id") == event_id and message.get("msg") == "process_completed":
                    return message
    raise AssertionError(f"event {fn_index} did not complete")


@pytest.fixture()
def knowledge_copy(tmp_path) -> Path:
    """A writable copy of knowledge/ for tests that add, change or remove documents."""
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, target)
    return target


def library_with(root: Path, settings_factory, documents: dict[str, str] | None = None, render=None):
    """An assistant over a copy of knowledge/ in ``root`` with ``documents`` (file name → text)
    beside the seeds — how common a word is in the knowledge base is part of every decision —
    and whatever ``render(documents_dir)`` writes there."""
    from assistant.service import Assistant

    shutil.copytree(KNOWLEDGE, root / "knowledge", ignore=shutil.ignore_patterns("audit.jsonl"))
    folder = root / "knowledge" / "documents"
    for name, text in (documents or {}).items():
        (folder / name).write_text(text, encoding="utf-8")
    if render:
        render(folder)
    return Assistant.from_settings(settings_factory(knowledge_dir=root / "knowledge", index_dir=root / "index"),
                                   progress=False)


def quoted_then_followed(assistant, first: str, follow: str, first_fact: str, follow_fact: str) -> None:
    """Ask ``first``, then ``follow`` after it: each answered, its first quote with its fact."""
    answer = assistant.ask(first)
    assert not answer.refused and first_fact in answer.citations[0].quote, answer.text
    followed = assistant.ask(follow, history=conversation(assistant, first))
    assert not followed.refused and follow_fact in followed.citations[0].quote, followed.text


def conversation(assistant, *questions: str) -> list:
    """The history after asking ``questions`` in turn: each user turn with the answer it got."""
    from assistant.types import Turn

    history: list = []
    for question in questions:
        history += [Turn("user", question), Turn("assistant", assistant.ask(question, history=list(history)).text)]
    return history


def seed_text(name: str) -> str:
    return (KNOWLEDGE / "documents" / name).read_text(encoding="utf-8")


class ScriptedLLMServer:
    """A local OpenAI-compatible chat endpoint over real HTTP, answering from a script.

    Each request takes the next scripted reply: {"content": str} (streamed when the client
    asks for a stream), {"status": 429}, {"delay": seconds, "content": ...}, or
    {"raw": b"..."} for a malformed body. Requests are kept for assertions.
    """

    def __init__(self) -> None:
        import json
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        server = self
        self.script: list[dict] = []
        self.requests: list[dict] = []

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output quiet
                return

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                server.requests.append(body)
                reply = server.script.pop(0) if server.script else {"status": 500}
                if reply.get("delay"):
                    import time

                    time.sleep(reply["delay"])
                if "status" in reply:
                    self._send(reply["status"], json.dumps({"error": {"message": "scripted error", "type": "x"}}).encode())
                elif "raw" in reply:
                    self._send(200, reply["raw"])
                elif body.get("stream"):
                    self.send_response(200)
                    self.send_header("Content-Type", "text/event-stream")
                    self.end_headers()
                    text = reply["content"]
                    pieces = [text[i:i + 7] for i in range(0, len(text), 7)] or [""]
                    for piece in pieces:
                        self._event({"delta": {"role": "assistant", "content": piece}, "finish_reason": None}, body)
                    self._event({"delta": {}, "finish_reason": "stop"}, body)
                    self.wfile.write(b"data: [DONE]\n\n")
                else:
                    self._send(200, json.dumps({
                        "id": "c1", "object": "chat.completion", "created": 0, "model": body.get("model", "m"),
                        "choices": [{"index": 0, "finish_reason": "stop",
                                     "message": {"role": "assistant", "content": reply["content"]}}],
                        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}).encode())

            def _event(self, choice, body):
                chunk = {"id": "c1", "object": "chat.completion.chunk", "created": 0, "model": body.get("model", "m"),
                         "choices": [{"index": 0, **choice}]}
                self.wfile.write(b"data: " + json.dumps(chunk).encode() + b"\n\n")
                self.wfile.flush()

            def _send(self, status, payload):
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/v1"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self._server.shutdown()


@pytest.fixture(scope="session")
def llm_server():
    server = ScriptedLLMServer()
    yield server
    server.close()


@pytest.fixture()
def llm_assistant(assistant, llm_server, settings_factory):
    """The assistant over the same index, answering with the scripted LLM."""
    from assistant.service import Assistant

    llm_server.script.clear()
    llm_server.requests.clear()
    settings = settings_factory(answerer="llm", llm_base_url=llm_server.url, llm_timeout=2.0, llm_model="scripted")
    return Assistant(assistant.retriever, assistant.glossary, settings)


@pytest.fixture(scope="session")
def cities(settings_factory, tmp_path_factory):
    """The seeds with 栖沅's policy list (web page), 泊川's fund rules (.docx), 岚汀's Q&A (web
    page), 桐溆's policies and 瑜禾's guide (PDF), 澄岭's measures, 禾浦's (GBK), 青澜's measures and
    云溪's plan (text)."""
    from eval.format_corpus import DOCUMENTS
    from eval.library import CORPUS

    def render(documents):
        for stem, fmt in (("qiyuan-policy-list", "html"), ("bochuan-fund-rules-draft", "docx"),
                          ("lanting-policy-qa", "html"), ("tongxu-policies-notice", "pdf"),
                          ("chengling-certification-measures", "txt"), ("yuhe-application-guide", "pdf"),
                          ("hepu-ten-measures", "txt-gbk")):
            next(d for d in DOCUMENTS if d.stem == stem).render(fmt, documents)
        for name in ("qinglan-sme-measures-2024.txt", "yunxi-little-giant-cultivation-plan.txt"):
            shutil.copy(CORPUS / name, documents)

    return library_with(tmp_path_factory.mktemp("cities"), settings_factory, render=render)
