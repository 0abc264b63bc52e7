"""Owners' words on listing rewards, talent and first loans, over a fictional county's measures
(荻川县) with a blank application form annexed: 券商/律师 for 中介机构, 搬走 and 退钱 for 迁出 and
退回, 招 for 引进, "每个月补多少" (a monthly rate, no item of several), "一年发几次" (how often),
a case told before a yes/no ask ("那退市了…"),
an English object's thing rather than its place ("overseas patent applications"), when money comes
(a voucher's validity is no payment) and how long a review takes (a filing deadline is none)."""

from __future__ import annotations

import pytest

from assistant.asking import ask_types
from assistant.figure_words import PER_ITEM
from eval.formats import read_source
from eval.formats_office import render_docx

from .conftest import library_with

MEASURES = """荻川县支持企业上市和融资若干措施
荻政办发〔2026〕4号
一、上市奖励
（一）对在沪深北交易所首发上市的企业，给予一次性奖励300万元。
（二）对企业上市支付的中介机构费用，按实际支付额的20%给予补助，最高80万元。
（三）企业在享受奖励后5年内将注册地、纳税地迁出本县的，应退回全部奖励资金。
二、人才支持
（四）专精特新“小巨人”企业引进的全职博士，给予每人每月2500元生活补贴，最长3年。
三、融资支持
（五）首贷贴息按首贷实际支付利息的50%给予补贴，单户贴息总额不超过15万元。列入县级专精特新培育库的企业，按前款标准的50%执行。
（六）县财政局于每年6月和12月集中拨付首贷贴息资金。
（七）县财政每年安排1000万元设立应急转贷资金，单笔转贷金额最高2000万元。
（八）企业在境外注册商标的，按实际发生费用的50%给予补助，每家企业每年最高8万元。
附件
荻川县首贷贴息申请表
| 企业名称 |  | 统一社会信用代码 |  |
|---|---|---|---|
| 贷款银行 |  | 贷款金额（万元） |  |
| 实付利息（万元） |  | 申请贴息（万元） |  |
"""


@pytest.fixture(scope="module")
def dichuan(settings_factory, tmp_path_factory):
    root = tmp_path_factory.mktemp("dichuan")
    source = root / "dichuan.md"
    source.write_text(MEASURES, encoding="utf-8")
    return library_with(root, settings_factory, render=lambda folder: render_docx(read_source(source), folder / "dichuan.docx"))


@pytest.mark.parametrize(("question", "quoted"), [
    ("荻川企业上市请券商律师的钱能补吗？", "中介机构费用，按实际支付额的20%"),  # (律师: no word of the texts)
    ("荻川拿了上市奖励以后公司搬走要退钱吗？", "应退回全部奖励资金"),
    ("荻川小巨人招的博士每个月补多少，补几年？", "每人每月2500元"),  # (每个月: no item of several)
    # a story ending "能贴多少": the blank form's 实付利息|申请贴息 set no bar the rules must reach
    ("我们是荻川县级培育库的企业，今年第一次在银行贷了200万，利息付了8万，能贴多少？", "按前款标准的50%执行"),
    ("荻川首贷贴息钱一年发几次？", "每年6月和12月"),
    ("Does Dichuan pay for overseas trademark registration?", "境外注册商标"),  # (a guard)
])
def test_owners_words_are_answered(dichuan, question, quoted):
    answer = dichuan.ask(question)
    assert not answer.refused and quoted in answer.text, answer.text


@pytest.mark.parametrize("question", [
    "荻川的应急转贷资金一年能用几次？",  # (a guard: 每年安排1000万元 is a budget set yearly, no number of uses)
    "Does Dichuan pay for overseas patent applications?",  # (境外注册商标: the place, not the thing)
])
def test_near_misses_are_declined(dichuan, question):
    answer = dichuan.ask(question)
    assert answer.refused, answer.text


def test_a_case_told_before_a_follow_up_must_be_the_clauses(dichuan):
    from assistant.types import Turn

    history = [Turn("user", "荻川企业成功上市奖励多少？")]
    delisted = dichuan.ask("那退市了要退钱吗？", history=history)
    assert delisted.refused, delisted.text  # (the clause on moving away answered)
    moved = dichuan.ask("那搬走了要退钱吗？", history=history)
    assert not moved.refused and "迁出本县" in moved.text, moved.text


def test_the_words_that_ask_how_often_and_per_what():
    assert not PER_ITEM.search("博士每个月补多少") and PER_ITEM.search("每个阶段能拿多少")
    assert ask_types("首贷贴息钱一年发几次？") == ("frequency",)


def test_when_money_comes_and_how_long_a_review_takes():
    from assistant.stated import detail_present

    voucher = "第七条创新券自发放之日起12个月内有效，逾期未使用的自动作废。"
    # (a voucher's validity, 自发放之日起12个月内有效, was taken for when money arrives)
    assert not detail_present("duration", voucher, ask="霁川企业申领创新券后多久能到账？")
    assert not detail_present("date", voucher, ask="霁川企业申领创新券后多久能到账？")
    assert detail_present("date", "奖励资金于认定文件印发后3个月内拨付到企业。", ask="奖励多久能到账？")
    # (when to file, 结清后3个月内提交申请, is not how long a review takes)
    filing = "第五条企业应在首贷结清后3个月内，通过平台提交申请。"
    assert not detail_present("duration", filing, ask="How many days does Yiqiao take to review a first-loan application?")
    assert detail_present("duration", "区工信局在受理后15个工作日内完成审核。", ask="How many days does it take to review an application?")


def test_an_english_degree_is_read(cities):
    # (bachelor's was no word of the glossary: 栖沅's rent subsidy for 博士研究生 answered for it)
    answer = cities.ask("Does Qiyuan give a rent subsidy to bachelor's graduates?")
    assert answer.refused, answer.text
    phd = cities.ask("Does Qiyuan give a rent subsidy to PhD graduates?")  # (a guard)
    assert not phd.refused and "2000元" in phd.text, phd.text
