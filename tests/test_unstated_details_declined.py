"""A detail the texts do not state is declined, not answered with a neighbour's: a yearly
report's due date for an application deadline, 分阶段 for one stage's sum, a thing named for
what may be done with it (能延期吗). Owners' questions over the ``cities`` library, none in an eval set."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("question", [
    "泊川的培育资金申报几号截止？",  # only 每年3月底前报送绩效报告 and 以年度申报通知为准
    "栖沅北交所上市第二阶段奖多少？",  # 分阶段给予最高500万元: no stage's own sum
    "栖沅的上云券能延期吗？",
    "泊川的培育资金可以挪用吗？",
])
def test_an_unstated_detail_is_declined(cities, question):
    answer = cities.ask(question)
    assert answer.refused, answer.text


@pytest.mark.parametrize(("question", "quoted"), [
    ("瑜禾的申报截止时间是哪天？", "于2026年5月31日前在线提交"),
    ("栖沅新三板挂牌奖多少？", "给予一次性奖励60万元"),
    ("桐溆的认定奖励和梓陵市的能叠加吗？", "上述奖励与梓陵市奖励可叠加享受"),
    ("澄岭认定过期了能续期吗？", "有效期延续3年"),  # 续期: 延续
    ("岚汀的市级奖励和区县奖励能兼得吗？", "可以叠加"),
])
def test_the_stated_neighbours_are_still_answered(cities, question, quoted):
    answer = cities.ask(question)
    assert not answer.refused and quoted in answer.text, answer.text
