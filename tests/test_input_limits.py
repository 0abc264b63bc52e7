"""Rows 1 and 16 of the hardening issue: every input bounded and checked for shape, with a
message that says what is wrong, over the real API and in the assistant itself."""

from __future__ import annotations

import pytest

from assistant.limits import QuestionError

FOLLOW_UP = "那市级的呢？"


def test_a_huge_history_turn_is_refused_not_embedded(assistant):
    """Row 1: the question limit also holds for each turn of the conversation sent with it."""
    history = [{"role": "user", "content": "省级专精特新企业的申报条件是什么？" + "很" * 100_000}]
    with pytest.raises(QuestionError, match=r"history turn 1 \(user\) is 100017 characters long; the limit is 1000"):
        assistant.ask(FOLLOW_UP, history)


def test_too_many_turns_are_refused_with_the_limit(assistant):
    """Row 16: ~990 chained follow-ups get a message, not a recursion error."""
    history = [{"role": "user", "content": FOLLOW_UP}] * 990
    with pytest.raises(QuestionError, match="history has 990 turns; the limit is 20"):
        assistant.ask(FOLLOW_UP, history)


def test_the_latest_turns_of_a_long_conversation_are_read(assistant):
    history = []
    for _ in range(9):
        history += [{"role": "user", "content": "省级专精特新小巨人企业的申报条件是什么？"},
                    {"role": "assistant", "content": "……" * 3000}]
    answer = assistant.ask(FOLLOW_UP, history)
    assert answer.standalone_question == "市级专精特新小巨人企业的申报条件是什么？"


@pytest.mark.parametrize(("history", "message"), [
    ("省级的条件", "history must be a list of {role, content} turns, got str"),
    ([None], "history turn 1 must be an object with role and content, got NoneType"),
    ([5], "history turn 1 must be an object with role and content, got int"),
    (["省级"], "history turn 1 must be an object with role and content, got str"),
    ([{"role": "user"}], "history turn 1: content must be text, got NoneType"),
    ([{"content": "省级"}], "history turn 1: role must be 'user' or 'assistant', got 'None'"),
    ([{"role": "system", "content": "x"}], "history turn 1: role must be 'user' or 'assistant', got 'system'"),
    ([{"role": "user", "content": ["a"]}], "history turn 1: content must be text, got list"),
])
def test_malformed_history_says_what_is_wrong(assistant, history, message):
    with pytest.raises(QuestionError) as error:
        assistant.ask(FOLLOW_UP, history)
    assert str(error.value) == message


@pytest.mark.parametrize(("region", "message"), [
    (5, "region must be text or null, got int"),
    (["盐城"], "region must be text or null, got list"),
    ("盐" * 41, "region is 41 characters long; the limit is 40"),
])
def test_malformed_region_says_what_is_wrong(assistant, region, message):
    with pytest.raises(QuestionError) as error:
        assistant.ask("专精特新企业的人才计划是什么？", region=region)
    assert str(error.value) == message


@pytest.mark.parametrize(("args", "message"), [
    (("那市级的呢？", None, [{"role": "user", "content": "x" * 200_000}]), "history turn 1 (user) is 200000 characters"),
    (("那市级的呢？", None, "not a list"), "history must be a list"),
    (("那市级的呢？", None, [1, 2]), "history turn 1 must be an object"),
    (("那市级的呢？", 12, []), "region must be text or null, got int"),
    ((None, None, []), "the question must be text, got NoneType"),
    ((["问题"], None, []), "the question must be text, got list"),
])
def test_the_api_answers_bad_input_with_a_clear_message(api_client, args, message):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError) as error:
        api_client.predict(*args, api_name="/ask")
    text = str(error.value)
    assert message in text
    assert "Traceback" not in text and "object has no attribute" not in text
