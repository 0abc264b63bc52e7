"""Owners' asks over the real knowledge base whose kind hides in a word (总量, 多久…调整, 好处) or
whose thing is told before a bare "is there?" (none is in an eval set)."""

from __future__ import annotations

import pytest

from eval.format_corpus import DOCUMENTS
from eval.library import CORPUS

from .conftest import conversation, quoted_then_followed


@pytest.mark.parametrize(("question", "fact"), [
    ("创新型中小企业总量目标", "5000家"),  # a keyword ask ending on 总量目标 wants a count
    ("金湖入库企业动态管理是怎么搞的？", "动态管理"),  # jieba's 企业动态 is no topic: 动态管理 is
    ("金湖培育库多久调整一下？", "每年"),  # how often a list is revised, though 一次 is not said
    ("金湖的企业想建培训基地，有什么要求？", "已经获得"),  # who may build it is its condition
    ("我们公司想评企业标准领跑者，评上后有什么好处？", "连续保持一年以上"),  # 好处: what support
    ("企业家培训每年有多少家企业参加？", "每年参训企业不少于1000家"),  # firms (家), not the 2场 of events
])
def test_asks_whose_kind_hides_in_a_word_are_answered(assistant, question, fact):
    answer = assistant.ask(question)
    assert not answer.refused and fact in answer.text, answer.text


def test_a_bare_is_there_about_a_thing_only_other_places_provide_says_so(assistant):
    # 首席质量官 is in the unnamed city's plan, not in Lianyungang's: the talent clause that only
    # shares 培训 and 申请 with the question is no answer, and the other plan is labelled
    answer = assistant.ask("我们是连云港的企业，想申请首席质量官培训，有吗？")
    assert answer.refused
    assert answer.text.startswith("知识库中连云港的文件没有相关规定")
    assert "首席质量官" in answer.text and "并非连云港的政策" in answer.text


def test_a_bare_is_there_without_a_place_still_answers_from_the_clause_that_names_it(assistant):
    answer = assistant.ask("我们想建首席质量官制度，有支持吗？")
    assert not answer.refused and "首席质量官制度" in answer.text


@pytest.fixture(scope="module")
def rules(settings_factory, tmp_path_factory):
    """The seeds with 瑜禾's application guide (PDF), 泊川's fund rules (.docx), 栖沅's policy list
    (PDF), 桥川's implementing opinions (.docx), 鹭川's plan (.txt), 禾浦's ten measures (GBK .txt),
    澄岭's 办法 (HTML page) and 杉屿's application notice (Markdown)."""
    from .conftest import library_with

    def render(documents):
        for stem, fmt in (("yuhe-application-guide", "pdf"), ("bochuan-fund-rules-draft", "docx"), ("qiyuan-policy-list", "pdf"),
                           ("qiaochuan-implementing-opinions", "docx"), ("luchuan-little-giant-plan", "txt"),
                           ("hepu-ten-measures", "txt-gbk"), ("chengling-certification-measures", "html"),
                           ("shanyu-application-notice", "md")):
            next(d for d in DOCUMENTS if d.stem == stem).render(fmt, documents)

        for path in CORPUS.glob("*.txt"):  # 青澜's measures and 云溪's plan
            (documents / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")

    return library_with(tmp_path_factory.mktemp("rules"), settings_factory, render=render)


def test_a_keyword_ask_ending_on_days_wants_a_span(rules):
    answer = rules.ask("瑜禾评审结果公示天数")
    assert not answer.refused and "7个工作日" in answer.citations[0].quote, answer.text


def test_how_long_at_most_after_a_question_asks_it_of_the_earlier_topic(rules, assistant):
    # 最长 only bounds the span asked: 栖沅's 最长36个月 (a rent subsidy) is not 泊川's interest subsidy
    quoted_then_followed(rules, "泊川贷款贴息比例多少？", "最长多久？", "50%", "2年")
    followed = assistant.ask("最长多久？", history=conversation(assistant, "入园的专精特新企业房租有优惠吗？"))
    assert not followed.refused and "三年房租优惠" in followed.text, followed.text


def test_a_rent_halved_is_the_discount_asked_for(rules):
    answer = rules.ask("How much rent discount does Qiaochuan give in its industrial park?")
    assert not answer.refused and "前两年租金减半" in answer.citations[0].quote, answer.text


def test_interest_made_up_is_the_subsidy_s_share(rules):
    # "利息能补多少" asks what share of the interest is paid back, not the loan's rate
    answer = rules.ask("我们在桥川，今年拿了银行贷款，利息能补多少？")
    assert not answer.refused and "按实际支付利息的30%给予贴息" in answer.text, answer.text


def test_a_bare_ask_after_a_swapped_subject_asks_of_the_thing_asked_last(rules):
    history = conversation(rules, "栖沅研发费用增量补助最多多少？", "那首台套呢？")
    answer = rules.ask("那谁负责？", history=history)
    assert not answer.refused and "首台（套）装备保险补偿" in answer.citations[0].quote, answer.text
    assert "研发费用增量补助" not in answer.citations[0].quote


def test_english_county_recommendations_after_the_application_deadline(rules):
    history = conversation(rules, "When must Yuhe firms submit applications?")
    answer = rules.ask("And the deadline for county recommendations?", history=history)
    assert not answer.refused and "6月15日" in answer.citations[0].quote, answer.text


def test_a_reward_for_a_programme_named_by_its_document(rules):
    # 培育 is not in the reward clause, but the document is 鹭川's 梯度培育行动计划
    answer = rules.ask("鹭川小巨人培育有什么奖励？")
    assert not answer.refused and "一次性奖励100万元" in answer.citations[0].quote, answer.text


def test_what_an_english_owner_gets_for_a_hire_is_the_subsidy(rules):
    answer = rules.ask("We're a Hepu firm and just hired a full-time PhD. What do we get?")
    assert not answer.refused and "3万元生活补贴" in answer.citations[0].quote, answer.text


@pytest.mark.parametrize(("question", "quoted"), [
    ("杉屿研发人员比例要求", "研发人员占职工总数比重不低于10%"),  # 比例 said, 比重 written
    ("澄岭县区初审多久推荐到市里？", "15个工作日内"),  # 县区 said, 县（区） written
    # "Anything extra?" after moving up a level asks for the reward for it
    ("We're a Chengling firm that moved up to provincial level two years after municipal recognition. Anything extra?",
     "再给予一次性奖励30万元"),
    ("在青澜买工业用地，价格能便宜点吗？", "最低价标准的70%"),  # 价格 said, 起始价 written
    ("Can a Yunxi firm apply online?", "云溪惠企通"),  # online: through a platform (平台提交)
    ("泊川的培育资金一年有多少？", "8000万元"),  # a fund's size is its 规模
    ("澄岭专精特新评分里细分市场占有率多少分？", "20分"),  # the points for a share, not the share
    ("澄岭的企业被认定以后高管有啥福利？", "高级管理人员"),  # 高管 and 福利 said
    ("What is Chengling's score for talent teams?", "人才队伍"),  # talent team: 人才队伍
    ("Qiyuan: we hired a PhD. Rent help?", "每月2000元租房补贴"),  # rent help: 租房补贴
    ("Shanyu: who can't apply?", "不再申报"),
    ("禾浦的措施跟以前的政策冲突怎么办？", "以本措施为准"),  # 冲突: 不一致
    ("Chengling: can our executives attend training for free?", "高级管理人员和核心技术人员，每年可免费参加"),
])
def test_owners_words_for_what_the_text_writes_otherwise(rules, question, quoted):
    answer = rules.ask(question)
    assert not answer.refused and quoted in answer.text, answer.text


def test_steps_of_an_act_no_text_names_are_not_another_act_s(assistant):
    # 注销 is in no text: 简化项目审批手续 is not how to close a company
    assert assistant.ask("公司注销需要哪些手续？").refused


def test_an_interest_subsidy_is_not_a_booth_subsidy(rules):
    # 云溪 pays 50% of booth fees (补贴) but no interest subsidy (贴息)
    assert rules.ask("What is Yunxi's interest subsidy for pool firms?").refused
    answer = rules.ask("我们在桥川，贷款有贴息吗？")
    assert not answer.refused and "给予贴息" in answer.text, answer.text


def test_who_takes_care_of_it_is_the_unit_that_arranges_it(rules):
    answer = rules.ask("青澜引进的人才孩子上学谁管？")
    assert not answer.refused and "由教育部门统筹安排" in answer.text, answer.text


@pytest.mark.parametrize(("question", "quoted"), [
    ("澄岭认定申报通知发布时间", "原则上于每年4月发布申报通知"),  # a date
    ("云溪运营监测时间", "每年上半年"),  # when in the year
    ("禾浦服务专员诉求办结时间", "5个工作日内办结"),  # a span
])
def test_a_keyword_ask_ending_on_time_wants_whichever_time_is_stated(rules, question, quoted):
    answer = rules.ask(question)
    assert not answer.refused and quoted in answer.text, answer.text


def test_english_owners_words_for_partners_and_big_companies(rules, assistant):
    answer = rules.ask("Is there any cash for a Yunxi firm that teams up with a university?")  # not 团队
    assert not answer.refused and "校企共建研发平台" in answer.citations[0].quote, answer.text
    # Yancheng's own clause says 大中小企业融通 where the owner says "big companies"
    answer = assistant.ask("We're a Yancheng firm. Is there help getting into big companies' supply chains?")
    assert not answer.refused and answer.citations[0].doc_id == "yancheng-measures", answer.text


def test_a_firm_that_rose_a_level_is_quoted_the_rule_for_it(assistant):
    # two levels told, no word for rising: the clause's rule for a firm that rose is quoted too
    answer = assistant.ask("我们去年评上省级专精特新，今年评上国家级小巨人，能拿多少奖励？")
    assert not answer.refused and "200万元" in answer.text and "从高、不重复" in answer.text, answer.text


def test_what_is_required_or_paid_for_that_no_text_names_is_declined(rules):
    # 发工资 and 抵押 are in no text: the fund's and the loan's clauses do not say yes or no
    assert rules.ask("泊川培育资金可以用来发工资吗？").refused
    assert rules.ask("澄岭科创贷需要抵押吗？").refused
    stamped = rules.ask("杉屿申报需要盖章吗？")  # 加盖公章 is written: answered
    assert not stamped.refused and "公章" in stamped.text, stamped.text


def test_a_common_word_is_not_read_as_a_typo(assistant):
    # 知道 sounds like 指导 (指导企业 is in the texts), but an owner who types 知道 means it:
    # "老板想知道" reports who asks, and Yancheng's 挂牌绿色通道 answers
    answer = assistant.ask("我们在盐城，老板想知道企业上市有没有绿色通道")
    assert not answer.refused and "绿色通道" in answer.citations[0].quote, answer.text
    assert not assistant.ask("研发费用家计扣除方案里有提到吗").refused  # (a rare 家计 is still 加计)


def test_a_bank_is_one_of_the_financial_institutions_the_text_names(assistant):
    answer = assistant.ask("盐城这边，我们想申请专精特新贷，市里会帮忙对接银行吗？")
    assert not answer.refused and "金融机构" in answer.citations[0].quote, answer.text
    assert "融通对接活动" not in answer.text  # (a matchmaking event is no bank)


def test_a_follow_up_s_title_is_kept_when_the_earlier_question_named_it_otherwise():
    from assistant.conversation import standalone_question
    from assistant.types import Turn

    earlier = [Turn("user", "宝应要新增多少家省级以上专精特新企业？")]
    # 专精特新企业 is the title the follow-up swaps; 小巨人 was lost with the level swapped alone
    assert standalone_question("那国家级小巨人呢？", earlier) == "宝应要新增多少家国家级以上小巨人？"
    # a value the earlier question had no counterpart for is kept beside the swap
    assert standalone_question("那制造类的市级呢？", [Turn("user", "金湖省级小巨人申报条件")]) == "金湖市级小巨人申报条件 制造类"


def test_whether_it_costs_the_firm_needs_a_clause_that_says_who_pays(rules):
    # 青澜's service officers: the clause says what they do, not whether they charge
    assert rules.ask("青澜的服务专员收费吗？").refused
    answer = rules.ask("栖沅企业家研修班要自己掏钱吗？")
    assert not answer.refused and "全额承担" in answer.text, answer.text
    # a clause that is free of charge for something else (培训) says nothing of what 认定 costs
    assert rules.ask("澄岭认定要交钱吗？").refused


def test_how_big_a_fund_is_asks_its_size(rules):
    answer = rules.ask("青澜专精贷的风险补偿资金池有多大？")
    assert not answer.refused and "2亿元" in answer.text, answer.text
    # 栖沅's list subsidises interest; it sets up no risk pool
    assert rules.ask("栖沅的贷款风险补偿资金池有多大？").refused


def test_the_next_level_shows_its_own_places_reward(rules):
    # 杉屿's district title: its own 10万元, not 禾浦县's fair subsidy (县级以上…部门组织的展会)
    answer = rules.ask("杉屿的企业营收400万能申报吗？")
    after = [line for line in answer.text.splitlines() if line.startswith("- 达到后")]
    assert after and "给予一次性奖励10万元" in "".join(after), answer.text
    assert "展位费" not in answer.text and "创新型中小企业的，给予一次性奖励3万元" not in answer.text, answer.text
