"""Owners' asides and English terms (session 45): "政策里有提到吗？" asks whether the texts say
the thing told before it (提到 names no topic), and an English owner's "monthly allowance" is a
生活补贴 paid 每月. Fictional places (汭屿县)."""

from __future__ import annotations

import pytest

from .conftest import library_with

MEASURES = """汭屿县支持专精特新企业发展若干措施
一、落实税收优惠。用足用好研发费用加计扣除、高新技术企业所得税优惠等政策，确保应享尽享。
二、引育专业人才。专精特新企业新引进的全职博士，给予每人每月3000元生活补贴；全职硕士每人每月1500元，补贴期限均为3年。
三、支持技术改造。对设备投资300万元以上的技术改造项目，按设备投资额的10%给予补助，最高200万元。
四、本措施自2026年3月1日起施行，有效期3年。
"""


@pytest.fixture(scope="module")
def ruiyu(tmp_path_factory, settings_factory):
    return library_with(tmp_path_factory.mktemp("ruiyu"), settings_factory, {"ruiyu-measures.txt": MEASURES})


@pytest.mark.parametrize(("question", "quoted"), [
    # (refused: 提到 was taken for the subject asked, and no clause says it)
    ("我们研发投入很大，听说研发费用可以加计扣除，汭屿的政策里有提到吗？", "研发费用加计扣除"),
    # (refused: neither "allowance" nor "monthly" had Chinese words, so the ask had no subject)
    ("Our Ruiyu company hired a full-time master's graduate. What monthly allowance is there?", "每人每月1500元"),
])
def test_an_owners_aside_or_english_term_reaches_the_clause(ruiyu, question, quoted):
    answer = ruiyu.ask(question)
    assert not answer.refused, answer.text
    assert quoted in answer.citations[0].quote, answer.text


def test_a_thing_no_clause_names_is_still_declined_when_asked_whether_it_is_mentioned(ruiyu):
    # (a guard: with 提到 no topic, the thing told must still be in a clause)
    assert ruiyu.ask("汭屿的政策里有提到出口退税吗？").refused
