"""Owners' own words on a fictional county's loan and service rules: a period stated of the
subsidy is not the loan's, a benefit whose rules say nothing of stacking does not answer whether
it stacks, a related party said as the parent company's firm, the electronic copy asked in
English, a cap asked as 最多多少 after a share."""

from __future__ import annotations

import pytest

from assistant.asking import ask_types

from .conftest import conversation, library_with

RULES = """苈溪县科技贷款贴息办法
苈溪县科学技术局
2026年2月6日
一、贷款贴息。对使用“苈溪科技贷”的专精特新企业，按实际支付利息的45%给予贴息，单户年度贴息不超过15万元，贴息期限最长3年。
二、服务采购。企业向其关联方采购科技服务的，不予补助。
三、申报方式。企业将申报材料一式两份报送县科学技术局，同时发送电子版至lxkjj@163.com。
"""


@pytest.fixture(scope="module")
def lixi(settings_factory, tmp_path_factory):
    return library_with(tmp_path_factory.mktemp("lixi"), settings_factory, {"lixi-loan-rules.txt": RULES})


@pytest.mark.parametrize(("question", "refused", "fact"), [
    # the subsidy's period answers for the subsidy, not for how long one may borrow
    ("苈溪科技贷贴息最长能贴几年？", False, "贴息期限最长3年"),  # (a guard: answered before too)
    ("苈溪科技贷最长能贷几年？", True, "期限"),
    # no clause here says anything of stacking: the subsidy's own clause does not answer it
    ("苈溪科技贷贴息可以和其他贴息叠加吗？", True, ""),
    # (a guard here, where no other clause competes; among the format documents it needed 母公司 as 关联方)
    ("我们在苈溪，想找母公司旗下的公司做技术服务，能拿补助吗？", False, "关联方"),
    ("Where should Lixi firms send the electronic copy of their application?", False, "lxkjj@163.com"),
])
def test_owners_words(lixi, question, refused, fact):
    answer = lixi.ask(question)
    assert answer.refused is refused and fact in answer.text, answer.text


@pytest.mark.parametrize(("follow", "fact"), [
    ("最多多少？", "15万元"),  # a cap asked after a share
    ("最多贴几年？", "最长3年"),  # 最多 asks a limit (最长 states one); it names no subject of its own
])
def test_a_limit_asked_after_a_share(lixi, follow, fact):
    answer = lixi.ask(follow, history=conversation(lixi, "苈溪科技贷贴息比例是多少？"))
    assert not answer.refused and fact in answer.citations[0].quote, answer.text


def test_how_often_in_a_year_is_a_frequency():
    assert ask_types("创新券一年能领几回？") == ("frequency",)
    assert "amount" in ask_types("贴息最多多少？") and "amount" not in ask_types("最多多少家企业？")
