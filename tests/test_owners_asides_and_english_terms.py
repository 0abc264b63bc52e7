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
四、支持数字化改造。企业实施生产设备联网、工业软件应用等数字化改造，投资额在100万元以上的，按投资额的15%给予补助，最高80万元。
五、设立应急转贷资金。使用县应急转贷资金的，日费率0.1‰，单笔最长10个工作日。
六、推进知识产权质押融资。企业以专利权、商标权质押获得银行贷款的，按贷款合同利率的50%给予贴息；对质押过程中发生的评估费、担保费，按实际发生额的50%给予补助，最高5万元。
七、支持参加境外展会。企业参加境外展会的，按展位费的60%给予补助，单个展会最高8万元。
八、兑现办理。各项奖补在汭屿县政务服务中心三楼8号窗口受理。
九、组织认定。县级专精特新企业认定每年组织一次，原则上于每年5月发布申报通知。
十、申报限制。近3年被列入经营异常名录或严重失信主体名单的，不予受理。
十一、培育高价值专利。企业新获授权的发明专利，每件资助3000元。
十二、支持上市。企业在沪深北交易所首发上市的，给予一次性奖励200万元。
十三、首贷贴息。企业获得的第一笔经营性贷款（首贷），按实际支付利息的50%给予贴息。
十四、认定奖励。对首次认定为国家级专精特新“小巨人”企业的，一次性奖励100万元；对首次认定为省级专精特新中小企业的，一次性奖励30万元。
十五、奖励规则。同一企业按最高级别给予奖励，晋级的补足差额，不重复享受。
十六、优化涉企服务。为每家专精特新企业配备1名服务专员，每季度走访不少于1次。
十七、加强人才培训。专精特新企业的高级管理人员，每年可免费参加县工业和信息化局组织的“领航”培训1次。
十八、本措施自2026年3月1日起施行，有效期3年。
"""


GUIDE = """汭屿县专精特新企业认定奖励兑现办事指南
| 事项名称 | 专精特新企业认定奖励兑现 |
|---|---|
| 实施主体 | 汭屿县工业和信息化局 |
| 办理时限 | 自受理之日起20个工作日内办结 |
| 咨询电话 | 0571-86520888 |
| 监督投诉电话 | 0571-86520999 |
"""


@pytest.fixture(scope="module")
def ruiyu(tmp_path_factory, settings_factory):
    return library_with(tmp_path_factory.mktemp("ruiyu"), settings_factory, {"ruiyu-measures.txt": MEASURES})


@pytest.mark.parametrize(("question", "quoted"), [
    # (refused: 提到 was taken for the subject asked, and no clause says it)
    ("我们研发投入很大，听说研发费用可以加计扣除，汭屿的政策里有提到吗？", "研发费用加计扣除"),
    # (refused: neither "allowance" nor "monthly" had Chinese words, so the ask had no subject)
    ("Our Ruiyu company hired a full-time master's graduate. What monthly allowance is there?", "每人每月1500元"),
    # (refused: "…的厂去年10月开始上工业软件" was read as who the asker is — 开 as in 开了一家厂 — so the
    # project told was no part of the ask)
    ("我们汭屿的厂去年10月开始上工业软件，投了300万，能补多少？", "按投资额的15%"),
    # (refused as no amount stated: a fee per day is a rate in per mille, 日费率0.1‰)
    ("汭屿应急转贷一天多少钱？", "日费率0.1‰"),
    # (answered with a reward clause: "where do we go in person" asks for the counter)
    ("Where do we go in person to claim Ruiyu's subsidies?", "8号窗口"),
    ("汭屿知识产权质押的评估费能补吗？", "评估费、担保费"),
    # (declined in the format sets: 传感器 and 生产线 weighed as subjects no clause names — a sensor is
    # 设备 to the texts; a guard here, where this library's weights let the old code answer it too)
    ("我们是汭屿一家做食品的厂，想给生产线装传感器联网，投了120万，县里能补多少？", "按投资额的15%"),
    # (answered in the format sets with criteria rows: "公司前年被列入过经营异常名录" was read as who the
    # asker is, 经营 as in 经营五金, so the list the firm was on was no part of the ask; a guard here,
    # where no criteria table competes — the reading itself is checked below)
    ("我们在汭屿，想申报县级专精特新，公司前年被列入过经营异常名录，现在已经移出了，还能报吗？", "经营异常名录"),
    # (declined: "pay" is a reward in the glossary; an ask that is only "Do we pay?" asks whether it is free)
    ("We're a Ruiyu firm; our managers want to join the county's training. Do we pay?", "免费参加"),
    # (declined as "no rule for 省级": a rule over every level its document rewards speaks for each)
    ("汭屿省级和国家级的奖励能叠加吗？", "同一企业按最高级别给予奖励"),
    # (refused as no frequency stated: 县工信局 was cut 县工 | 信局, two words no clause has)
    ("汭屿县工信局多久组织一次认定？", "每年组织一次"),  # (a guard: the thing paid for is named)
])
def test_an_owners_aside_or_english_term_reaches_the_clause(ruiyu, question, quoted):
    answer = ruiyu.ask(question)
    assert not answer.refused, answer.text
    assert quoted in answer.citations[0].quote, answer.text


@pytest.mark.parametrize("question", [
    # (answered in the format sets with the pledge clause: 商标 is there, but what is paid for is the
    # registration, 注册费; a guard here, where the old code declined it too)
    "汭屿商标注册费能补吗？",
    # (answered with the booth subsidy: shipping and exhibits had no Chinese words, so no object was read)
    "Does Ruiyu pay for shipping exhibits to overseas fairs?",
    # (answered with the patent, listing and first-loan clauses: annual fees, moving a listing and a
    # financial lease had no Chinese words, 年费, 转板, 融资租赁, so nothing was missing; annual fees is a
    # guard here, declined by the old code too in this library)
    "Does Ruiyu subsidise patent annual fees?",
    "Does Ruiyu reward a company that moves its listing from one exchange to another?",
    "Does a financial lease count as a first loan in Ruiyu?",
])
def test_what_is_paid_for_must_be_named(ruiyu, question):
    assert ruiyu.ask(question).refused


def test_whom_to_complain_to_is_a_contact_the_clause_must_state(ruiyu, tmp_path_factory, settings_factory):
    # (answered with the service clause itself: "找谁投诉" asks for a channel, which it does not state)
    assert ruiyu.ask("青澜这边我们是小巨人，市里给配的服务专员要是不上门，我们该找谁投诉？").refused  # (a seed's clause)
    guide = library_with(tmp_path_factory.mktemp("ruiyu-guide"), settings_factory, {"ruiyu-guide.md": GUIDE})
    answer = guide.ask("汭屿认定奖励办得慢，去哪投诉？")
    assert not answer.refused and "0571-86520999" in answer.text, answer.text


def test_a_thing_no_clause_names_is_still_declined_when_asked_whether_it_is_mentioned(ruiyu):
    # (a guard: with 提到 no topic, the thing told must still be in a clause)
    assert ruiyu.ask("汭屿的政策里有提到出口退税吗？").refused


@pytest.mark.parametrize(("part", "identity"), [
    ("我们是做五金的", True), ("我们公司经营五金配件", True), ("我们在县里开了一家厂", True),
    ("公司前年被列入过经营异常名录", False), ("我们的厂去年10月开始上工业软件", False),
])
def test_who_the_asker_is_is_not_what_happened_to_it(part, identity):
    from assistant.words import is_identity

    assert is_identity(part) is identity


def test_which_experts_review_asks_where_they_come_from(ruiyu):
    # (answered with the application clause, which only says 组织专家评审: who the experts are is
    # their source, which it does not state)
    from assistant.asking import ask_types

    assert "source" in ask_types("专家评审请的都是哪些专家啊")
    assert ruiyu.ask("云溪专家评审请的都是哪些专家啊").refused  # (a seed's clause)


def test_an_office_named_in_the_ask_is_who_acts_not_what_is_asked():
    # (with 工信局 taught whole, "澄岭市工信局多久组织一次认定" weighed the office as a subject that the
    # article holding 每年组织一次 does not name)
    from assistant.query import is_scope

    assert is_scope(("工信局", "工业和信息化局"), ()) and is_scope(("财政局",), ())
    assert not is_scope(("认定",), ()) and not is_scope(("工信部门",), ())


def test_only_an_ask_that_is_whether_we_pay_asks_about_cost():
    from assistant.query import _ASKS_WHO_PAYS

    assert _ASKS_WHO_PAYS.fullmatch("Do we pay?") and _ASKS_WHO_PAYS.fullmatch("Do we have to pay anything?")
    assert not _ASKS_WHO_PAYS.fullmatch("Do we have to pay corporate income tax on it?")
    assert not _ASKS_WHO_PAYS.fullmatch("Do we have to pay back the reward?")
