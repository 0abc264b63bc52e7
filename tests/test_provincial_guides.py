"""A city's 专精特新中小企业 guide or list that names no local title of its own, only 省级专精特新,
speaks for the provincial recognition in every clause (瑜禾's 申报条件 need not say 省级); a county
plan on its 小巨人 pool does not. Questions over the ``cities`` library, none in an eval set."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("question", "quoted"), [
    ("我们在瑜禾，打算申报省级专精特新，前年出过一次重大安全事故，还能报吗？", "不予受理"),
    ("瑜禾申报省级专精特新研发费用要多少？", "上年度研发费用总额不低于100万元"),
    # who sent the asker (老板问) names no topic
    ("我们公司在栖沅，做新材料，去年研发费用多了三百万，老板问市里研发补助按什么比例？", "研发费用增量部分的8%"),
    # a threshold of recognition: the 申报条件 state it without repeating 认定 or the level
    ("瑜禾省级认定研发费用要多少？", "上年度研发费用总额不低于100万元"),
    ("What revenue does Chengling require for municipal recognition?", "上年度营业收入在1000万元以上"),
    ("What R&D spending does Yuhe require for provincial recognition?", "上年度研发费用总额不低于100万元"),
])
def test_a_city_guide_speaks_for_the_provincial_title(cities, question, quoted):
    answer = cities.ask(question)
    assert not answer.refused and quoted in answer.text, answer.text


def test_a_county_plan_on_its_own_pool_does_not(cities):
    # 云溪's 小巨人 plan rewards 校企共建研发平台, not provincial recognition
    answer = cities.ask("云溪县对省级专精特新有现金奖励吗？")
    assert answer.refused, answer.text


@pytest.mark.parametrize(("question", "said"), [
    ("瑜禾申报有没有营收门槛？", "企业上年度营业收入不低于1000万元"),  # 有没有 asks whether, it does not say "none"
    # the document's standing asked in English; of 澄岭's documents and its county 禾浦's, its own
    ("Is Chengling's measures still in force?", "valid until 2030-02-28"),
    ("Is Bochuan's fund rules document still a draft?", "draft for comments (征求意见稿)"),
    ("泊川的细则正式发布了吗？", "是征求意见稿，并非正式印发的政策"),  # 正式发布了吗: the document's standing
    ("Is Qiyuan's policy list still valid?", "valid until 2026-12-31"),
])
def test_yes_no_on_a_threshold_and_on_a_document(cities, question, said):
    answer = cities.ask(question)
    assert not answer.refused and said in answer.text, answer.text
