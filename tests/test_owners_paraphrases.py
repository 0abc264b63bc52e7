"""Owners' own paraphrases of questions the sets answer (session 46): 还债 for 抵偿债务, an investment
told with 投资 against a threshold stated as 投入, "不到"/"拿来" as fillers, "能便宜吗" as a benefit asked of what was told, "over the bar" as a threshold. Fictional places (苈川县)."""

from __future__ import annotations

import pytest

from .conftest import library_with

MEASURES = """苈川县中小企业数字化转型和创新券实施细则
一、数字化改造。企业实施数字化改造，软硬件投入200万元以上的，按投入额的15%给予补助，最高150万元。
二、创新券。创新券用于购买检验检测、研发设计等科技服务，创新券不得转让、买卖或用于抵偿债务。
三、上云用云。企业购买云服务的，按年度服务费的30%给予补贴，每家企业最高5万元。
四、空间保障。专精特新企业租用县属产业园厂房的，前两年租金减半。
五、培育入库。申报县级培育库的企业，上年度营业收入500万元以上，且近2年营业收入平均增长率不低于8%。
"""


@pytest.fixture(scope="module")
def lichuan(tmp_path_factory, settings_factory):
    return library_with(tmp_path_factory.mktemp("lichuan"), settings_factory, {"lichuan-rules.txt": MEASURES})


@pytest.mark.parametrize(("question", "quoted"), [
    # (refused: 还债 was a thing no text names — 抵偿债务 is how the texts say it — and 拿来 a subject)
    ("苈川创新券可以拿来还债吗？", "抵偿债务"),
    # (refused: 投资 was a subject the clause, which says 投入, does not name, and 不到 another)
    ("苈川数字化改造投资不到200万能申请补助吗？", "200万元以上"),
    # (refused: 能便宜吗 was read as asking whether 便宜 may be done, which no clause names)
    ("我们在苈川的县属产业园租了厂房，房租能便宜吗？", "租金减半"),
])
def test_an_owners_paraphrase_reaches_the_clause(lichuan, question, quoted):
    answer = lichuan.ask(question)
    assert not answer.refused, answer.text
    assert quoted in answer.text, answer.text


@pytest.mark.parametrize(("ask", "threshold"), [
    # (declined in the format sets: "over the revenue bar" asked for no threshold, so the criteria answered nothing asked)
    ("Are we over the district's revenue bar?", True), ("Do we clear the bar for the county pool?", True),  # (a guard: "bar for" was read before)
    ("Is there a bar near the office?", False),
])
def test_over_the_bar_asks_for_a_threshold(ask, threshold):
    from assistant.asking import ask_types

    assert ("conditions" in ask_types(ask.lower())) is threshold
