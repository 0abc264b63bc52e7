"""Owners' words on a public notice (公示), on windows of time and on a market's measures: "公示到哪天
截止" is answered by the period's last day ("公示期为…10月12日至10月16日"), an English owner objecting
anonymously reaches "匿名…的异议不予受理", "有事找政府，多久能给答复" reaches 企业诉求…办结反馈, two firms
sharing a booth ("合租一个展位") 同一展位由多家企业联合参展, and an English owner insuring equipment its
投保…保费; and how long a subsidy runs ("能贴几年") is not a loan's least term (期限不少于6个月) nor
the window to apply (结清后3个月内提交申请); a missed window (错过了4月) is answered by what becomes of a
late application (逾期顺延至下一年度). Fictional places (潾川市, 潾溪县, 潾屿区)."""

from __future__ import annotations

import pytest

from assistant.asking import ask_types

from .conftest import conversation, library_with

NOTICE = """关于2026年度潾川市专精特新中小企业拟认定名单的公示
根据《潾川市专精特新中小企业认定管理办法》，经企业申报、区县推荐和专家评审，拟认定以下8家企业为2026年度潾川市专精特新中小企业，现予以公示。
公示期为2026年10月12日至10月16日（5个工作日）。公示期内，任何单位或个人对公示企业有异议的，可以书面形式向市工业和信息化局实名反映。匿名或超出公示期限的异议不予受理。
公示期满无异议的，由市工业和信息化局发文认定，认定有效期为3年。
联系电话：0597-6612345
潾川市工业和信息化局
2026年10月10日
"""

MEASURES = """潾川市支持专精特新企业开拓市场若干措施
一、支持参加展会。企业参加市级以上重点展会的，按展位费的50%给予补助，单个展会最高5万元。同一展位由多家企业联合参展的，只能由一家企业申请补助。
二、支持首台（套）推广。对首台（套）产品投保综合保险的，按实际缴纳保费的70%给予补贴，每家企业每年最高40万元。
三、优化涉企服务。为每家专精特新企业配备1名服务专员，企业诉求3个工作日内办结反馈。
四、支持首次贷款。首贷金额不低于100万元、期限不少于6个月的，按实际支付利息的50%给予首贷贴息。企业应在首贷结清后3个月内，通过“潾川惠企”平台提交申请。
五、支持技改贷款。企业技术改造贷款按实际支付利息的40%给予技改贴息，贴息期限不超过2年。
六、资金保障。市财政每年安排专项资金，规模不超过6000万元。已获得其他市级财政资金支持的同一项目，不得重复申报。
七、认定奖励。对首次认定为省级专精特新中小企业的，给予一次性奖励20万元；对首次认定为国家级专精特新“小巨人”企业的，给予一次性奖励80万元。同一企业晋级的，按差额补足奖励。
八、支持首购首用。市属国有企业采购专精特新企业创新产品的，可采用单一来源方式采购。
九、加强海外知识产权维权。企业在境外遭遇知识产权纠纷、应对海外诉讼的，按实际发生律师费用的30%给予补助。
十、推进知识产权质押融资。企业以专利权、商标权质押获得银行贷款的，按贷款合同利率的50%给予贴息。
十一、支持知识产权贯标。企业首次通过知识产权合规管理体系认证的，给予一次性奖励5万元。
十二、培育高价值专利。企业新获授权的发明专利，每件资助3000元；通过《专利合作条约》（PCT）途径获得国外发明专利授权的，每件资助3万元。
十三、设立转贷应急资金。市财政设立3000万元转贷应急资金，为专精特新企业提供转贷服务，单笔使用期限不超过10天。
十四、申报与监督。被列入经营异常名录的企业，不予受理其申请。企业以虚假材料骗取奖补资金的，追回已拨付资金，5年内不得申报。
十五、本措施自2026年1月1日起施行，有效期至2028年12月31日。
附件
潾川市专精特新培育库入库条件
| 指标 | 制造类 | 服务类 |
|---|---|---|
| 营业收入 | 800万元以上 | 400万元以上 |
| 从业人员 | 20人以上 | 8人以上 |
"""

VOUCHERS = """潾川市科技创新券实施细则
第一条 创新券用于购买检验检测、研发设计等科技服务。
第二条 单份服务合同金额在5000元以上的，方可使用创新券抵扣。
第三条 创新券自发放之日起12个月内有效，逾期未使用的自动作废，额度不结转至下一年度。
第四条 服务完成后，市科学技术局审核通过的，由市财政局将资金拨付至服务机构账户。
第五条 在潾川市注册的服务机构，以及与本市高校开展合作的市外机构，均可申请备案。
"""

POOL = """潾溪县专精特新“小巨人”企业培育实施方案
一、培育目标。到2028年，全县培育省级专精特新中小企业20家。
二、入库条件。申报潾溪县“小巨人”培育库的企业应同时满足附件所列条件。
三、申报程序。企业于每年6月30日前通过“潾溪惠企”平台提交申报材料，包括申报书和上年度财务审计报告。
四、动态管理。入库企业认定有效期3年，期满前3个月提出复核申请。
附件
潾溪县“小巨人”培育库入库条件
| 类别 | 制造类 | 服务类 |
|---|---|---|
| 1 | 上年度营业收入3000万元以上 | 上年度营业收入1000万元以上 |
| 2 | 从事细分领域3年以上 | 从事细分领域2年以上 |
"""

DIGEST = """政策速递｜潾屿区支持专精特新企业新政来了
潾屿区工业和信息化局　2026-05-12 18:06
01｜认定奖励
📌 首次认定为国家级专精特新“小巨人”企业的，一次性奖励120万元；
📌 首次认定为省级专精特新中小企业的，一次性奖励40万元。
❓怎么申报？
🕘 申报时间：每年3月和9月各集中受理一次；
☎️有疑问找谁？
区工业和信息化局企业服务科，电话0591-86612345（工作日9:00—17:30）。
"""

GUIDE = """潾川市上市奖励兑现办事指南
| 事项名称 | 上市奖励兑现 |
|---|---|
| 奖励标准 | 企业在境外主要资本市场首发上市的，奖励100万元；企业因股份制改造补缴的税款，市级留成部分按100%给予奖励。 |
| 申报时间 | 每年4月1日至4月30日集中受理，逾期顺延至下一年度 |
| 收费标准 | 不收费 |
| 办理时间 | 工作日上午9:00—12:00，下午13:30—17:00 |
"""


@pytest.fixture(scope="module")
def linchuan(tmp_path_factory, settings_factory):
    return library_with(tmp_path_factory.mktemp("linchuan"), settings_factory,
                        {"linchuan-notice.txt": NOTICE, "linchuan-market-measures.txt": MEASURES,
                         "linchuan-vouchers.txt": VOUCHERS, "linchuan-listing-guide.md": GUIDE,
                         "linchuan-pool-plan.md": POOL,
                         "linchuan-digest.txt": DIGEST})


@pytest.mark.parametrize(("question", "quoted"), [
    # (refused: "没有规定具体时间或截止日期" — a range's end, "至10月16日", is a date it lasts until)
    ("潾川这次公示到哪天截止啊？", "至10月16日"),
    # (refused: objecting and anonymity had no Chinese words: 异议, 匿名)
    ("Can someone object to a firm on Linchuan's list anonymously?", "匿名或超出公示期限的异议不予受理"),
    # (refused: 有事 and 答复 are the clause's 诉求 and 反馈)
    ("潾川企业有事找政府，多久能给答复？", "企业诉求3个工作日内办结反馈"),
    # (refused: 合租 is the clause's 联合参展)
    ("我们和另一家公司合租一个展位参展，潾川两家都能申请补助吗？", "只能由一家企业申请补助"),
    # (refused: insuring and a premium had no Chinese words: 投保, 保费)
    ("Linchuan firm here: we insure our first-of-its-kind equipment. How much of the premium is covered?",
     "实际缴纳保费的70%"),
    # (refused: 盘子 is how big a fund is, 规模)
    ("潾川的专项资金一年有多大盘子？", "规模不超过6000万元"),
    # (refused: "funding" was read as financing, 融资; city funding is 市级财政资金)
    ("Can a Linchuan firm apply if the same project already got city funding?", "不得重复申报"),
    # (answered with the vouchers' other clauses: 没用完 is 未使用)
    ("潾川创新券没用完还能接着用吗？", "逾期未使用的自动作废"),
    # (refused: 外地 is the clause's 市外)
    ("潾川外地的服务机构能备案吗？", "市外机构"),
    # (answered with what a voucher buys: a yes/no with the company's figure wants the bar it must
    # reach, 5000元以上的，方可)
    ("潾川一个检测合同3000块能用创新券吗？", "合同金额在5000元以上的，方可使用"),
    # (打给 is 拨付; a guard here, where no clause on recovered funds competes as in the format sets)
    ("潾川创新券的钱最后打给谁？", "拨付至服务机构账户"),
    # (refused: a window missed, 错过, is answered by what becomes of a late application, 逾期顺延;
    # the Chinese ask is a guard here, where the record is the library's only one on April)
    ("潾川上市奖励错过了4月还能申请吗？", "逾期顺延至下一年度"),
    ("We missed Linchuan's April window for the listing reward. Can we still apply?", "逾期顺延至下一年度"),
    # (refused: the hours a counter is open, 办理时间)
    ("潾川办上市奖励几点上班？", "9:00"),
    # (refused: 改制 is 股份制改造, a tax returned is paid back on the local share, 留成)
    ("潾川改制补缴的税能返还吗？", "市级留成部分按100%"),
    # (refused as "no amount stated": how much more a firm gets on moving up is the difference of the
    # amounts its clause states, 按差额补足)
    ("我们去年是省级，今年升了小巨人，潾川能再拿多少？", "按差额补足奖励"),
    # (refused: 国企 is 国有企业)
    ("潾川国企买我们的新产品能直接采购吗？", "单一来源方式采购"),
    # (refused as no number stated: a table's 制造类 column is what owners call 制造业)
    ("潾川制造业企业进培育库要多少人？", "20人以上"),
    # (the certification reward quoted first: PCT, in capitals in an English question, was no term of it)
    ("We're a Linchuan firm and got two US patents through PCT this year. How much funding?", "（PCT）"),
    # (refused as no period stated: the clause's 使用期限 is the period "用几天" asks for)
    ("潾川转贷资金一次最多能用几天？", "单笔使用期限不超过10天"),
    ("潾川转贷应急资金有多少？", "设立3000万元转贷应急资金"),  # (a guard: the fund's size asked)
    # (English owners' words: sharing a booth, 联合参展, and claiming, 申请; lying, 虚假材料; the list of
    # abnormal operations, 经营异常名录 — each declined or answered with another clause; lying is a guard here)
    ("Linchuan: two of us shared one booth. Can both firms claim?", "只能由一家企业申请补助"),
    ("What happens in Linchuan if a firm lied in its application?", "虚假材料"),
    ("Our Linchuan company was on the list of abnormal operations last year. Can we still apply?", "经营异常名录"),
    # (refused: the filing clause dates it without naming the pool, which another clause of its
    # document says is applied for, 申报…培育库的企业应…)
    ("潾溪培育库什么时候报名？", "每年6月30日前"),
    # (a guard here, answered in the format sets with a clause on no overseas listing: Hong Kong is 境外)
    ("We're a Linchuan company listed on the Hong Kong exchange. Any reward?", "境外主要资本市场"),
])
def test_owners_words_reach_the_clause_that_says_it(linchuan, question, quoted):
    answer = linchuan.ask(question)
    assert not answer.refused, answer.text
    assert quoted in answer.citations[0].quote, answer.text


def test_what_to_do_next_is_answered_by_the_steps_that_follow(linchuan):
    # (refused: "接下来怎么办" asked nothing the rules knew; it asks for the steps that follow,
    # 公示期满无异议的…发文认定)
    answer = linchuan.ask("我们在潾川的名单上，公示期过了没人提意见，接下来怎么办？")
    assert not answer.refused, answer.text
    assert any("公示期满无异议的，由市工业和信息化局发文认定" in c.quote for c in answer.citations), answer.text
    assert {"procedure"} <= set(ask_types("入选名单以后下一步要做什么？"))


def test_how_long_a_benefit_runs_is_not_a_loans_least_term_nor_the_window_to_apply(linchuan):
    # (answered: the loan's 期限不少于6个月, a condition, or 结清后3个月内提交申请, when to file, was taken
    # for how long the subsidy is paid; the clause says neither)
    answer = linchuan.ask("潾川首贷贴息能贴几年？")
    assert answer.refused, answer.text
    # a guard: a span the benefit runs for (贴息期限不超过2年) answers it
    answer = linchuan.ask("潾川技改贴息能贴几年？")
    assert not answer.refused and "贴息期限不超过2年" in answer.citations[0].quote, answer.text


@pytest.mark.parametrize("question", [
    # (answered once 国企 was 国有企业: the clause is on 市属 buyers, the ask on 区属 ones)
    "潾川的首购首用支持适用于区属国企采购吗？",
    # (a guard here; in the format sets it was answered with the clause on lawsuits abroad:
    # "registration" had no Chinese word, 商标注册)
    "Does Linchuan subsidise trademark registration abroad?",
    # (answered with 设立3000万元转贷应急资金: "资金单笔…多少" was read as asking the fund's size)
    "潾川转贷应急资金单笔最多能转多少？",
    # (answered with the booth subsidy: "hotel" had no Chinese word, 住宿)
    "Does Linchuan subsidise hotel costs at trade fairs?",
])
def test_another_case_is_declined(linchuan, question):
    answer = linchuan.ask(question)
    assert answer.refused, answer.text


@pytest.mark.parametrize(("ask", "support"), [
    ("how fast can we get an invention patent granted?", False),  # (a patent granted is no grant of money)
    ("is there a grant for new invention patents?", True),  # (a guard)
    ("what grants are there for patents?", True),  # (a guard)
])
def test_a_patent_granted_asks_for_no_money(ask, support):
    assert ("support" in ask_types(ask)) is support


def test_an_owner_in_the_trade_two_years_gets_the_criteria_without_a_note_of_another_title(linchuan):
    # (refused: 做这一行 is 从事细分领域; and a question naming no title got the note "是…培育库的条件，
    # 与所问的称号不同": the criteria of the document asked about are no other title's)
    answer = linchuan.ask("我们是潾溪的制造企业，做这一行才2年，够条件吗？")
    assert not answer.refused, answer.text
    assert any("3年以上" in c.quote for c in answer.citations), answer.text
    assert "与所问的称号不同" not in answer.text


def test_whom_to_ask_after_a_question_on_a_reward_is_the_contacts(linchuan):
    # (refused: "找谁咨询" was read as asking for the unit in charge, and a clause under 【有疑问找谁？】
    # was not the document's contacts)
    answer = linchuan.ask("那找谁咨询？", history=conversation(linchuan, "潾屿省级专精特新认定奖励多少？"))
    assert not answer.refused and "0591-86612345" in answer.citations[0].quote, answer.text
