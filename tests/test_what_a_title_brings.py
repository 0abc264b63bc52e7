"""What a title or a measure brings, asked the way owners ask it ("What does X get?", "Will the
city chip in?", another title in a follow-up), and the near misses beside it: another title's
reward (单项冠军企业 for 单项冠军产品), another act's period (诉求办结 for 走访), a rate or a
subsidy the texts never state. Over the seeds and a fictional city's measures written for this
test (its place name does not exist)."""

from __future__ import annotations

import pytest

from .conftest import conversation, quoted_then_followed

MEASURES = """溯岚市支持专精特新企业发展若干措施
一、认定奖励。对首次认定为国家级专精特新“小巨人”企业的，给予一次性奖励90万元；对首次认定为国家级制造业单项冠军企业的，给予一次性奖励160万元。（责任单位：市工信局）
二、培育入库。市工信局每年遴选不超过120家企业纳入市级专精特新培育库，入库企业可优先参加市里组织的诊断服务，但入库本身不享受资金奖励。（责任单位：市工信局）
三、技术改造。对专精特新企业设备投资额400万元以上的技术改造项目，按设备投资额的9%给予补助，单个项目最高120万元。（责任单位：市工信局）
四、服务保障。为每家专精特新企业配备1名服务专员，企业诉求5个工作日内办结反馈。（责任单位：市政务服务办）
五、研发目标。引导专精特新企业研发费用占营业收入比重达到4%、5%、6%。（责任单位：市科技局）
六、产融对接。每年举办产融对接活动不少于3场。（责任单位：市金融局）
七、监督管理。企业以虚报手段骗取奖补资金的，由市财政局收回已拨付资金。
八、资金管理。奖补资金由市财政预算安排，由市工信局会同市财政局管理。
九、精准画像。市工信局每年上半年对培育库企业开展一次走访。
十、入库申报。企业于每年6月20日前通过“溯岚企服通”平台提交入库申报材料。
十一、科创贷款。合作银行向专精特新企业发放科创贷款，贷款利率不高于同期LPR。
十二、诊断服务。为有需求的专精特新企业配备智能制造顾问，开展免费诊断。
"""


@pytest.fixture(scope="module")
def sulan(settings_factory, tmp_path_factory):
    from .conftest import library_with

    return library_with(tmp_path_factory.mktemp("sulan"), settings_factory, {"sulan-measures.txt": MEASURES})


def _quotes(answer) -> str:
    return " ".join(c.quote for c in answer.citations)


@pytest.mark.parametrize(("question", "fact"), [
    ("What does a national little giant get in Sulan?", "90万元"),  # what a title brings
    ("What does a single champion enterprise get from Sulan?", "160万元"),
    ("We're a Sulan firm buying 5 million of new machines for a digital upgrade. Anything from the city?", "9%"),
    ("We're upgrading our Sulan plant with 6 million of equipment. Will the city chip in?", "9%"),
    ("溯岚入库企业能拿奖励吗？", "不享受资金奖励"),  # the pool's own clause, not the rewards
    ("溯岚产融对接活动次数", "3场"),  # a keyword ask: 次数 asks how many times
    ("溯岚奖补资金谁管？", "会同市财政局管理"),  # the unit that manages it, not the one that recovers it
    ("Who manages Sulan's subsidy funds?", "会同市财政局管理"),
    ("溯岚入库申报截止什么时候？", "6月20日"),  # a date things are due by, not 每年上半年 of a visit
    ("What tech upgrades does Sulan subsidise?", "9%"),  # a glossary phrase in the plural
    ("溯岚技术改造补助对象", "设备投资额400万元以上"),  # a keyword ask ending on what is wanted of it
    ("溯岚入库申报方式", "溯岚企服通"),
    ("Sulan tech upgrade subsidy cap?", "120万元"),  # English keywords
    ("溯岚科创贷款利率最高多少？", "不高于同期LPR"),  # a rate pegged to the benchmark is stated
    ("What does Sulan give for upgrading equipment?", "9%"),  # "give for" a thing the glossary knows
    ("Does Sulan offer smart manufacturing advisers?", "智能制造顾问"),  # advisers: 顾问
    ("We're upgrading our Sulan plant with 5 million of machines. What's covered?", "9%"),  # the support asked
    ("我们在溯岚，想请个智能制造顾问来诊断，有人帮办吗？", "智能制造顾问"),  # help with what the context wants
    ("Is there anything for joining Sulan's cultivation pool?", "不享受资金奖励"),  # "joining" names nothing
    ("Our Sulan firm is upgrading its equipment. What can the city offer?", "9%"),  # "offer" asks the support
])
def test_a_benefit_asked_in_owners_words_is_answered_from_the_clause_that_grants_it(sulan, question, fact):
    answer = sulan.ask(question)
    assert not answer.refused, answer.text
    assert fact in answer.citations[0].quote, answer.text


@pytest.mark.parametrize("question", [
    "溯岚单项冠军产品奖励多少？",  # only 单项冠军企业 is rewarded
    "溯岚服务专员几天走访一次？",  # 5个工作日 is how fast a request is settled, not how often anyone visits
    "溯岚担保费率多少？",  # the 4%/5%/6% are R&D shares
    "溯岚研发费用补助多少？",  # a recognition reward is no R&D subsidy
    "What's Sulan's guarantee fee rate?",
    "Is there an internship subsidy in Sulan?",  # a benefit for a thing no text knows
    "What does Sulan give for ISO 9001?",
    "溯岚技改补助还款方式",  # 还款 is no part of the upgrade subsidy
    "Sulan talent housing allowance?",  # English keywords naming a thing the measures lack
    "溯岚服务专员多久走访一次？",  # how often someone visits: no clause speaks of visits
    "溯岚应收账款能融资吗？",  # the SME plan's receivables financing is not Sulan's; its loans never name them
    "What's covered for patent applications in Sulan?",
    "溯岚专精特新企业招聘补贴多少？",  # a benefit for a thing (招聘) no text speaks of
    "我们在溯岚，想申请出口信用保险补贴，有吗？",  # the same, wished for before a bare "有吗？"
])
def test_a_detail_of_another_title_act_or_measure_is_declined(sulan, question):
    answer = sulan.ask(question)
    assert answer.refused, answer.text


def test_a_bare_follow_up_asks_of_the_earlier_subject_and_names_its_own_thing(sulan):
    history = conversation(sulan, "Tell me about Sulan's cultivation pool.")
    deadline = sulan.ask("What's the deadline?", history=history)
    assert not deadline.refused and "6月20日" in deadline.citations[0].quote, deadline.text
    # "那贷款贴息呢？": 贴息 is what it names; a clause on the pool's loans without it does not answer
    loan = sulan.ask("那贷款贴息呢？", history=conversation(sulan, "溯岚技改补助最高多少？"))
    assert loan.refused, loan.text


def test_another_title_in_a_follow_up_is_asked_what_the_first_question_asked(sulan):
    quoted_then_followed(sulan, "What does the SME plan give a single champion enterprise?",
                         "And for a single champion product?", "500万元", "100万元")
    # another subject, no title named, does not take the earlier ask's kind: a ratio is no sum
    earlier = conversation(sulan, "How much revenue does a national little giant need?")
    assert "amount" in sulan.analyse("How much revenue does a national little giant need?", []).ask_types
    assert "amount" not in sulan.analyse("What about the debt ratio?", earlier).ask_types
    assert "amount" in sulan.analyse("And for a single champion?", earlier).ask_types


def test_a_city_plan_that_names_no_city_answers_for_the_city_not_the_county(sulan):
    city = sulan.ask("市里对绿色工厂有奖励吗？")
    assert not city.refused and city.citations[0].doc_id == "sme-quality-plan", city.text
    county = sulan.ask("县里对绿色工厂有奖励吗？")
    assert county.refused or county.citations[0].doc_id != "sme-quality-plan", county.text
