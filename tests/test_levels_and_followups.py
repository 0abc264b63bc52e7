"""Levels said the way owners say them (区级, 县级, 市级 as titles; 市里 as the government), things
no text names (a fee, housing), a fund's size, and bare follow-ups ("谁负责？"). Over three fictional
places' documents, indexed for real beside the seeds; their names exist nowhere else."""

from __future__ import annotations

import pytest

from .conftest import conversation

DISTRICT_NOTICE = """榆湾区科技和工业局关于组织开展2026年度榆湾区专精特新中小企业申报工作的通知
榆科工〔2026〕9号
各街道、园区，各有关企业：
现将2026年度区级专精特新中小企业申报工作有关事项通知如下。
一、申报对象
在榆湾区注册、具有独立法人资格的制造业中小企业。已被认定为省级及以上专精特新中小企业的，不再申报区级认定。
二、申报时间
网上申报时间为2026年4月1日至2026年5月20日，逾期不予受理。
三、申报材料
企业通过“榆湾企服通”平台在线提交以下材料：
1. 榆湾区专精特新中小企业申报书（加盖公章）；
2. 营业执照复印件；
3. 上年度财务审计报告。
四、支持政策
对新认定的区级专精特新中小企业，给予一次性奖励8万元，奖励资金在认定文件印发后2个月内拨付。
五、联系方式
区科技和工业局企业服务科，联系电话：0571-5550123。
榆湾区科技和工业局
2026年3月10日
"""

COUNTY_MEASURES = """柏溪县支持专精特新企业发展的若干措施
为贯彻落实《岚港市促进专精特新企业高质量发展的若干措施》，结合本县实际，制定以下措施。
一、认定奖励。对首次认定为国家级专精特新“小巨人”企业的，给予一次性奖励60万元；对首次认定为省级专精特新中小企业的，给予一次性奖励15万元；对首次认定为市级专精特新中小企业的，给予一次性奖励3万元。（责任单位：县工信局、县财政局）
二、柏溪专精特新贷。合作银行向入库企业发放信用贷款，单户额度最高300万元，贷款期限不超过2年，贷款利率不高于LPR加30个基点。（责任单位：县金融服务中心、县财政局）
三、培育经费。县财政每年安排专项资金800万元用于专精特新企业培育。（责任单位：县财政局）
四、入库条件。申报柏溪县专精特新培育库的企业应满足附件所列条件。
附件
柏溪县专精特新培育库入库条件
| 指标 | 制造类 | 服务类 |
|---|---|---|
| 营业收入 | 2000万元以上 | 800万元以上 |
| 研发费用占比 | 不低于3% | 不低于4% |

本措施自2025年1月1日起施行，有效期至2027年12月31日。
"""

CITY_MEASURES = """岚港市促进专精特新企业高质量发展的若干措施
1. 认定奖励。对首次认定为国家级专精特新“小巨人”企业的，给予一次性奖励120万元；对首次认定为省级专精特新中小企业的，给予一次性奖励25万元。（责任单位：市工信局、市财政局）
2. 服务专员。为每家专精特新“小巨人”企业配备1名服务专员，每季度走访不少于1次。（责任单位：市工信局）
"""

FUND_RULES = """岚港市专精特新企业培育资金管理办法
第一条 为规范岚港市专精特新企业培育资金（以下简称培育资金）的管理，制定本办法。
第二条 培育资金由市财政预算安排，每年规模不超过3000万元，由市工信局会同市财政局管理。
第三条 对首次认定为国家级专精特新“小巨人”企业的，给予一次性奖励120万元；对首次认定为省级专精特新中小企业的，给予一次性奖励25万元。
附件
岚港市专精特新培育资金支持标准一览表
| 支持事项 | 支持标准 | 上限 |
|---|---|---|
| 国家级“小巨人”认定奖励 | 一次性奖励 | 120万元 |
| 省级专精特新认定奖励 | 一次性奖励 | 25万元 |
| 研发机构建设 | 一次性补助 | 30万元 |
"""


@pytest.fixture(scope="module")
def places(settings_factory, tmp_path_factory):
    from .conftest import library_with

    return library_with(tmp_path_factory.mktemp("levels"), settings_factory, {
        "yuwan-notice.txt": DISTRICT_NOTICE, "baixi-measures.txt": COUNTY_MEASURES,
        "langang-measures.txt": CITY_MEASURES, "langang-fund-rules.txt": FUND_RULES})


def test_a_district_level_question_is_answered_from_the_districts_notice(places):
    # the notice's clauses do not repeat 区级: the notice as a whole is about it
    answer = places.ask("榆湾区级专精特新申报什么时候截止？")
    assert not answer.refused and "2026年5月20日" in answer.text
    answer = places.ask("榆湾区级认定要交哪些材料？")
    assert not answer.refused and "营业执照复印件" in answer.text


def test_the_national_title_is_not_answered_by_a_district_reward(places):
    assert places.ask("榆湾区对小巨人企业奖励多少？").refused
    assert not places.ask("榆湾区级专精特新认定奖励多少？").refused


def test_when_a_reward_is_paid_is_answered_by_a_period_after_recognition(places):
    answer = places.ask("榆湾区认定后的奖励什么时候发？")
    assert not answer.refused and "2个月内" in answer.text


@pytest.mark.parametrize("question", ["榆湾区申报要交多少申报费？", "柏溪县入库的评审费是多少？",
                                      "Does Yuwan reimburse patent application fees?",
                                      "How much is Yuwan's application fee?",
                                      # naming a place does not make an ask about nothing any text names one
                                      "岚港明天会下雨吗？", "柏溪县有什么好玩的景点？"])
def test_a_thing_no_text_names_is_declined(places, question):
    assert places.ask(question).refused


def test_whom_to_ask_is_answered_by_the_contact_section(places):
    answer = places.ask("榆湾申报有问题找谁咨询？")
    assert not answer.refused and "0571-5550123" in answer.text


def test_a_level_title_the_place_never_names_is_declined(places):
    # 柏溪 rewards national, provincial and municipal titles; it has no county-level title
    assert places.ask("柏溪县级专精特新企业认定奖励多少？").refused
    assert "15万" in places.ask("柏溪县对省级专精特新奖励多少？").text
    # 岚港's 市工信局 is in charge of its rewards; that does not make one for 市级专精特新企业
    assert places.ask("岚港市级专精特新企业认定奖励多少？").refused
    answer = places.ask("岚港市里对省级专精特新企业奖励多少？")
    assert not answer.refused and "25万" in answer.text


def test_money_set_aside_is_not_answered_by_a_criteria_threshold(places):
    answer = places.ask("柏溪一年拿出多少钱来培育专精特新企业？")
    assert not answer.refused and "800万元" in answer.citations[0].quote


def test_a_bare_follow_up_asks_its_detail_of_the_earlier_subject(places):
    history = conversation(places, "柏溪专精特新贷额度多少？", "利率呢？")
    answer = places.ask("谁负责？", history=history)
    assert not answer.refused and "县金融服务中心" in answer.text


@pytest.mark.parametrize("question", ["Does Baixi give housing for talents?",
                                      "Does Langang give a subsidy for attending trade fairs?",
                                      "How much does Langang subsidise electricity for specialised SMEs?"])
def test_an_english_question_about_a_thing_the_place_lacks_is_declined(places, question):
    assert places.ask(question).refused


def test_owners_words_for_a_seal_and_a_length_of_time(places):
    answer = places.ask("榆湾申报书要盖章吗？")
    assert not answer.refused and "加盖公章" in answer.text
    answer = places.ask("柏溪专精特新贷期限是多长？")
    assert not answer.refused and "不超过2年" in answer.text


def test_the_size_of_a_fund_is_not_answered_by_one_of_its_rewards(places):
    answer = places.ask("岚港的专精特新培育资金一年有多少？")
    assert not answer.refused and "3000万元" in answer.citations[0].quote


def test_a_citys_question_is_not_answered_by_a_county_within_it(places):
    assert places.retriever.docs["baixi-measures"].region.startswith("柏溪县, 岚港市")
    # 柏溪's loan is the county's own: 岚港 has none, and says so
    answer = places.ask("岚港专精特新贷单户额度最高多少？")
    assert answer.refused and "300万" not in answer.text.split("其他地区")[0]
    # the county's own question is answered from its own document
    assert "300万" in places.ask("柏溪专精特新贷单户额度最高多少？").text


def test_a_yes_no_question_on_a_loan_amount_is_not_answered_by_a_reward(places):
    assert places.ask("岚港对新认定的省级专精特新企业有贷款额度吗？").refused


def test_naming_the_document_type_names_no_subject(places):
    assert places.ask("岚港的管理办法细则对人才引进有什么支持？").refused


def test_how_little_is_enough_is_a_figure_asked_of_the_noun_before_it(places):
    # 起码/至少 say how the figure is asked; the revenue row answers
    answer = places.ask("我们是柏溪做阀门的，想进县里培育库，制造类营收起码要多少？")
    assert not answer.refused and "2000万元" in answer.text


def test_how_long_a_document_is_valid_asked_in_english_reads_its_dates(places):
    answer = places.ask("How long is Baixi's measures document valid?")
    assert not answer.refused and "2027" in answer.text
    assert [c.doc_id for c in answer.citations] == ["baixi-measures"]


def test_an_english_follow_up_opening_with_and_may_take_more_words(places):
    history = conversation(places, "What revenue does a manufacturing firm need for Baixi's pool?")
    answer = places.ask("And what share of revenue must it spend on research and development?", history=history)
    assert not answer.refused and "不低于3%" in answer.text
    assert {c.doc_id for c in answer.citations} == {"baixi-measures"}


def test_a_municipal_title_asked_in_english_is_not_answered_by_other_titles(places):
    assert places.ask("What does Langang give a new municipal specialised firm?").refused
    answer = places.ask("What does Langang give a new provincial specialised firm?")
    assert not answer.refused and "25万" in answer.text


def test_a_subsidy_rate_asked_in_english_needs_the_subsidy(places):
    # 柏溪's loan states its interest rate (LPR+30个基点), not an interest subsidy
    assert places.ask("What is Baixi's loan interest subsidy rate?").refused


def test_an_english_follow_up_after_a_chinese_question(places):
    history = conversation(places, "柏溪专精贷额度多少？")
    answer = places.ask("And the interest rate?", history=history)
    assert not answer.refused and "30个基点" in answer.text


@pytest.mark.parametrize(("question", "fact"), [
    ("柏溪专精贷一家企业顶多能贷多少？", "300万"),  # 顶多 says how the figure is asked
    ("柏溪县对国家级小巨人奖多少？", "60万"),  # 奖, one character, is the reward
    ("柏溪专精贷是哪几个部门负责？", "县金融服务中心"),  # 哪几个 asks which, not how many
    ("岚港给每家小巨人配几个服务专员？", "1名"),  # 几个 at the end asks how many
])
def test_owners_short_words_for_the_detail_asked(places, question, fact):
    answer = places.ask(question)
    assert not answer.refused and fact in answer.text


def test_which_platform_is_answered_by_the_platform_named(places):
    answer = places.ask("榆湾申报材料在哪个平台交？")
    assert not answer.refused and "榆湾企服通" in answer.text
    # a platform to be built is no place to file: 岚港 names none
    assert places.ask("岚港专精特新申报在哪个平台交？").refused


def test_a_question_naming_no_place_is_asked_where_the_conversation_was(places):
    history = conversation(places, "柏溪专精贷额度多少？")
    # 柏溪's documents name no platform; 榆湾's does, and is not 柏溪's
    answer = places.ask("申报材料在哪个平台交？", history=history)
    assert answer.refused and "榆湾企服通" not in answer.text.split("其他地区")[0]
    assert "榆湾企服通" in places.ask("榆湾申报材料在哪个平台交？", history=history).text


def test_a_kind_of_document_named_is_where_the_answer_is(places):
    # 柏溪's 若干措施 sets aside 800万元 a year, 岚港's 管理办法 3000万元: the one named answers
    answer = places.ask("办法里每年安排多少资金培育专精特新企业？")
    assert not answer.refused and "3000万元" in answer.citations[0].quote
    answer = places.ask("措施里每年安排多少资金培育专精特新企业？")
    assert not answer.refused and "800万元" in answer.citations[0].quote
    # owners call any document 方案: a place with no 方案 is answered from its own documents
    assert "60万" in places.ask("柏溪方案里对国家级小巨人奖多少？").text


def test_a_one_character_word_jieba_runs_into_the_word_before_still_counts(places):
    assert any("奖励" in g for g in places.analyse("方案里奖多少？").ask_groups)  # jieba: 方案 / 里奖 / 多少
    answer = places.ask("我们打算明年冲国家级小巨人，柏溪措施里奖多少？")
    assert not answer.refused and "60万" in answer.text


def test_a_product_asked_for_by_its_kind_is_answered_by_the_product(places):
    # "专门的贷款产品": 贷款 is the thing asked about; 产品 and 专门 name no particular one
    answer = places.ask("我们柏溪的企业想找银行贷款，有没有什么专门给专精特新的贷款产品？")
    assert not answer.refused and "柏溪专精特新贷" in answer.text


def test_basis_points_asked_are_a_rate_not_a_count(places):
    # "多少个基点" counts no items: the spread over LPR answers it
    answer = places.ask("柏溪专精特新贷利率最多比LPR高多少个基点？")
    assert not answer.refused and "30个基点" in answer.text


def test_a_term_asked_as_its_period_is_answered_by_a_duration(places):
    history = conversation(places, "柏溪专精特新贷额度多少？")
    answer = places.ask("期限呢？", history=history)
    assert not answer.refused and "不超过2年" in answer.text


def test_a_kind_of_document_named_after_another_place_is_looked_for_everywhere(assistant):
    # 盐城's document is a 若干措施: "方案里…" after a 盐城 question asks about a 方案, not 盐城
    history = conversation(assistant, "盐城对专精特新企业研发投入有什么要求？")
    answer = assistant.ask("方案里国家级小巨人奖多少？", history=history)
    assert not answer.refused and "200万元" in answer.text
