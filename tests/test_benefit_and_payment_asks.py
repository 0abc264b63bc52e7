"""Owners asking for a benefit by its verb ("能减免租金吗", "利息政府能出一部分吗") and when money
arrives ("啥时候到账"). A fictional district (芷川区) and its rules."""

from __future__ import annotations

import pytest

from .conftest import library_with

MEASURES = """芷川区支持专精特新企业发展若干措施
芷政发〔2026〕4号
一、融资支持。对专精特新企业获得银行贷款的，按实际支付利息的35%给予贴息，每家企业每年最高25万元。
二、空间保障。专精特新企业租用区属产业园厂房的，前两年租金减半。入驻区创新中心的企业，前两年免收办公用房租金。
三、技术改造。对设备投资300万元以上的技术改造项目，按设备投资额的8%给予补助，最高100万元。
四、本措施自2026年3月1日起施行，有效期至2028年12月31日。
"""


FIRST_LOANS = """芷川区首贷贴息实施细则
第一条 为缓解企业首次融资难题，制定本细则。
第二条 对首次获得银行贷款的专精特新企业，按首贷实际支付利息的50%给予贴息，单户最高15万元。
第三条 企业应在首贷结清后2个月内，通过“芷川惠企通”平台提交申请。
第四条 区财政局于每年7月集中拨付贴息资金。
第五条 申请贴息的企业应按期还本付息，无逾期记录。
第六条 本细则自2026年3月1日起施行。
"""

VOUCHERS = """芷川区科技创新券实施细则
第一条 为降低企业创新成本，制定本细则。
第二条 创新券用于购买研发设计、检验检测等科技服务，单份合同金额5000元以上方可使用。
第三条 创新券每年分两批受理申领，分别在4月和10月。
第四条 创新券自发放之日起12个月内有效，逾期未使用的自动作废。
"""


@pytest.fixture(scope="module")
def zhichuan(settings_factory, tmp_path_factory):
    return library_with(tmp_path_factory.mktemp("zhichuan"), settings_factory,
                        {"zhichuan.txt": MEASURES, "zhichuan-first-loans.txt": FIRST_LOANS,
                         "zhichuan-vouchers.txt": VOUCHERS})


@pytest.mark.parametrize(("question", "fact"), [
    # a benefit asked by its verb before what it is given on: not an act done with the benefit
    ("芷川专精特新企业租区里产业园厂房能减免租金吗？", "租金减半"),
    ("我们是芷川一家做阀门的专精特新，去年贷了500万，利息政府能出一部分吗？", "35%"),
    # when the money arrives: the clause that pays it out, not the deadline to apply
    ("芷川首贷贴息啥时候到账？", "7月集中拨付"),
    ("Does Zhichuan's first-loan subsidy require no overdue record?", "无逾期记录"),  # overdue: 逾期
    ("芷川的创新券一年能领几回？", "两批"),  # (a guard: 每年分两批, not the 12个月 validity; the search hint shows in the eval)
])
def test_benefits_and_payments_asked_in_owners_words(zhichuan, question, fact):
    answer = zhichuan.ask(question)
    assert not answer.refused and fact in answer.citations[0].quote, answer.text


def test_a_waiver_asked_of_what_the_clause_does_not_waive_is_declined(zhichuan):
    # (a guard: only office rent is waived in the 创新中心; "能减免吗" asks the act of the thing named)
    assert zhichuan.ask("芷川创新中心的厂房租金能减免吗？").refused


def test_an_english_yes_no_asks_for_its_object(zhichuan):
    # "cover training costs": the upgrade subsidy's clause (设备投资) never names training
    declined = zhichuan.ask("Does Zhichuan's technical upgrade subsidy cover training costs?")
    assert declined.refused, declined.text
    answered = zhichuan.ask("Does Zhichuan subsidise factory rent for specialised firms?")  # (a guard)
    assert not answered.refused and "租金减半" in answered.text, answered.text
