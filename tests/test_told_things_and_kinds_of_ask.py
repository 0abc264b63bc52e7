"""Owners' asks over the real knowledge base whose kind hides in a word (总量, 多久…调整, 好处) or
whose thing is told before a bare "is there?" (none is in an eval set)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("question", "fact"), [
    ("创新型中小企业总量目标", "5000家"),  # a keyword ask ending on 总量目标 wants a count
    ("金湖入库企业动态管理是怎么搞的？", "动态管理"),  # jieba's 企业动态 is no topic: 动态管理 is
    ("金湖培育库多久调整一下？", "每年"),  # how often a list is revised, though 一次 is not said
    ("金湖的企业想建培训基地，有什么要求？", "已经获得"),  # who may build it is its condition
    ("我们公司想评企业标准领跑者，评上后有什么好处？", "连续保持一年以上"),  # 好处: what support
])
def test_asks_whose_kind_hides_in_a_word_are_answered(assistant, question, fact):
    answer = assistant.ask(question)
    assert not answer.refused and fact in answer.text, answer.text


def test_a_bare_is_there_about_a_thing_only_other_places_provide_says_so(assistant):
    # 首席质量官 is in the unnamed city's plan, not in Lianyungang's: the talent clause that only
    # shares 培训 and 申请 with the question is no answer, and the other plan is labelled
    answer = assistant.ask("我们是连云港的企业，想申请首席质量官培训，有吗？")
    assert answer.refused
    assert answer.text.startswith("知识库中连云港的文件没有相关规定")
    assert "首席质量官" in answer.text and "并非连云港的政策" in answer.text


def test_a_bare_is_there_without_a_place_still_answers_from_the_clause_that_names_it(assistant):
    answer = assistant.ask("我们想建首席质量官制度，有支持吗？")
    assert not answer.refused and "首席质量官制度" in answer.text
