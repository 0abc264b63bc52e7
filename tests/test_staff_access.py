"""Rows 2 and 6 of the hardening issue: feedback and staff tools are staff-only, and staff
sign-in is a server-side session (expiry, logout, lockout), not Gradio's client-chosen id."""

from __future__ import annotations

import json
import re
import uuid

import httpx
import pytest

from assistant.web.staff import AccessDenied, StaffSessions

from .conftest import TOKEN, call_event


def _config(url: str) -> dict:
    return httpx.get(f"{url}config", timeout=30).json()


def _dependency(config: dict, elem_id: str, fn_name: str | None = None) -> int:
    """The fn_index of the event triggered by the component with ``elem_id``."""
    ids = {c["id"] for c in config["components"] if c.get("props", {}).get("elem_id") == elem_id}
    for index, dep in enumerate(config["dependencies"]):
        if any(target[0] in ids for target in dep["targets"]):
            return dep.get("id", index)
    raise AssertionError(f"no event on #{elem_id}")


def _probe_value(component: dict):
    kind = component["type"]
    if kind in ("textbox", "code", "markdown", "html"):
        return "probe"
    if kind in ("chatbot", "checkboxgroup"):
        return []
    if kind == "radio":
        return "zh"
    return None


def _everything(url: str, message: dict) -> str:
    """An event's result as text, with the contents of any file it hands out."""
    text = json.dumps(message, ensure_ascii=False)
    for path in re.findall(r'"url": "([^"]+)"', text):
        if path.startswith("http"):
            text += httpx.get(path, timeout=30).text
    return text


def test_answer_ids_are_random_and_only_the_asking_session_rates(workspace_url):
    from gradio_client import Client

    owner, stranger = Client(workspace_url, verbose=False), Client(workspace_url, verbose=False)
    answer_id = owner.predict("国家级小巨人有多少奖励？", None, [], api_name="/ask")["answer_id"]
    assert len(answer_id) >= 16 and not re.fullmatch(r"a\d+", answer_id)
    with pytest.raises(Exception, match="no recent answer"):
        stranger.predict(answer_id, "down", "fake", api_name="/feedback")
    first = owner.predict(answer_id, "up", "", api_name="/feedback")
    again = owner.predict(answer_id, "down", "changed my mind", api_name="/feedback")
    assert first == again  # rating twice changes the rating, it does not add a second one


def test_no_event_handler_gives_anything_away_without_a_staff_session(workspace_app):
    """Every endpoint and fn_index of the page's config, called from a fresh session with
    probe values: no other user's question or comment, no feedback file, no workspace data."""
    from gradio_client import Client

    url, _ = workspace_app
    marker = f"MARK{uuid.uuid4().hex[:8]}"
    victim = Client(url, verbose=False)
    answer_id = victim.predict(f"我们是{marker}公司，国家级小巨人有多少奖励？", None, [], api_name="/ask")["answer_id"]
    victim.predict(answer_id, "down", f"comment {marker}", api_name="/feedback")

    config = _config(url)
    components = {c["id"]: c for c in config["components"]}
    session_ids = {c["id"] for c in config["components"] if c.get("props", {}).get("elem_id") == "ws-session"}
    staff_events = 0
    for index, dep in enumerate(config["dependencies"]):
        fn_index = dep.get("id", index)
        data = [_probe_value(components[i]) if i in components else None for i in dep["inputs"]]
        result = call_event(url, fn_index, data, uuid.uuid4().hex)
        shown = _everything(url, result)
        assert marker not in shown, f"fn_index {fn_index} leaked another user's feedback"
        if session_ids & set(dep["inputs"]):
            staff_events += 1
            assert "jinhu-plan-2022" not in shown and "feedback-" not in shown, f"fn_index {fn_index} is not staff-only"
    assert staff_events >= 10  # the workspace's handlers were all among those called


def test_a_reused_gradio_session_gets_no_staff_access(workspace_app):
    url, _ = workspace_app
    config = _config(url)
    login, draft, logout = (_dependency(config, e) for e in ("ws-enter", "ws-draft", "ws-logout"))
    shared_hash = uuid.uuid4().hex
    signed_in = call_event(url, login, [TOKEN, "zhang"], shared_hash)
    session = signed_in["output"]["data"][0]
    assert signed_in["success"] and len(session) >= 32
    question = "国家级小巨人有多少奖励？"
    # another client that knows (or reuses) the Gradio session hash, but not the staff session id
    reused = call_event(url, draft, ["", question, "", []], shared_hash)
    assert not reused["success"] and "Unauthorised" in json.dumps(reused, ensure_ascii=False)
    allowed = call_event(url, draft, [session, question, "", []], uuid.uuid4().hex)
    assert allowed["success"] and "200万元" in json.dumps(allowed["output"], ensure_ascii=False)
    call_event(url, logout, [session], uuid.uuid4().hex)
    after = call_event(url, draft, [session, question, "", []], uuid.uuid4().hex)
    assert not after["success"] and "expired or was closed" in json.dumps(after, ensure_ascii=False)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_sessions_expire_when_idle_and_at_their_maximum_age():
    clock = Clock()
    sessions = StaffSessions(idle_seconds=60, max_age_seconds=300, token=lambda: TOKEN, clock=clock)
    session = sessions.login(TOKEN, "zhang")
    assert session != sessions.login(TOKEN, "zhang")  # a new random id each time
    for _ in range(5):  # used every 50 s: idle never reached, but the maximum age is
        clock.now += 50
        assert sessions.check(session) == "zhang"
    clock.now += 51
    with pytest.raises(AccessDenied, match="expired"):
        sessions.check(session)
    idle = sessions.login(TOKEN, "li")
    clock.now += 61
    with pytest.raises(AccessDenied, match="expired"):
        sessions.check(idle)


def test_failed_logins_lock_the_client_out_even_with_the_right_token():
    clock = Clock()
    sessions = StaffSessions(max_failures=5, window=600, lockout=300, token=lambda: TOKEN, clock=clock)
    for attempt in range(5):
        with pytest.raises(AccessDenied):
            sessions.login(f"guess-{attempt}", "x", client="10.0.0.9")
    with pytest.raises(AccessDenied, match="try again in 300 s"):
        sessions.login(TOKEN, "x", client="10.0.0.9")
    assert sessions.login(TOKEN, "x", client="10.0.0.10")  # another client is not affected
    clock.now += 301
    assert sessions.login(TOKEN, "x", client="10.0.0.9")


def test_login_asks_for_the_operators_name():
    sessions = StaffSessions(token=lambda: TOKEN)
    for name in ("", "   ", None, "x" * 61):
        with pytest.raises(AccessDenied, match="Enter your name"):
            sessions.login(TOKEN, name)
