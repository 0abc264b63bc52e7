"""A question that joins what no clause joins (国外 + 发明专利), what follows from an act
(会怎样, 后果), and words said in other ways (起拍价, 多报, "what does it pay for"): owners'
questions over the seeds, seven unseen documents and the two fictional ones, none in an eval set."""

from __future__ import annotations

import pytest

from .conftest import conversation


def test_a_modifier_shared_with_another_record_does_not_answer_for_the_subject(cities):
    # 栖沅 funds 国内 invention patents; its 境外 record is a trade-fair subsidy, no patent funding
    answer = cities.ask("栖沅的国外发明专利资助多少？")
    assert answer.refused, answer.text
    assert not any("境外展会补贴" in c.quote and "5万元" in c.quote for c in answer.citations[:1]), answer.text
    # each subject alone is still answered from its own record
    answer = cities.ask("栖沅的发明专利资助多少？")
    assert not answer.refused and "每件国内发明专利资助5000元" in answer.text, answer.text
    answer = cities.ask("栖沅参加境外展会能补多少？")
    assert not answer.refused and "按展位费的60%给予补贴" in answer.text, answer.text


@pytest.mark.parametrize(("question", "quoted"), [
    ("岚汀的复核申请过期没交会怎样？", "逾期未申请的，视为自动放弃"),  # 会怎样 kept apart: no 交会
    ("我们公司在泊川，被查出来多报了贴息，会有什么后果？", "由市财政局收回已拨付资金"),  # 多报: 虚报
    ("桐溆的工业用地起拍价能打几折？", "最低价标准的70%"),  # 起拍价: 出让底价
])
def test_what_follows_from_an_act_and_other_words_for_its_terms(cities, question, quoted):
    answer = cities.ask(question)
    assert not answer.refused and quoted in answer.text, answer.text


def test_a_consequence_asked_keeps_its_words_apart(cities):
    groups = cities.analyse("岚汀的复核申请过期没交会怎样？").term_groups
    assert not any("交会" in g for g in groups), groups
    assert any("逾期" in g for g in groups), groups


def test_what_a_fund_pays_for_is_its_use_not_an_amount(assistant):
    answer = assistant.ask("What does Jinhu's special fund for little giants pay for?")
    assert not answer.refused and "负责人培训" in answer.text, answer.text
    # "pay for" a thing named still asks how much
    assert "amount" in assistant.analyse("What does the city plan pay for a new national little giant?").ask_types
    assert "amount" not in assistant.analyse("What does Jinhu's special fund pay for?").ask_types


def test_a_rate_asked_of_a_compound_is_the_compounds_rate(cities, assistant):
    # 担保费率 is the guarantee fee's rate: 泊川 states a 贴息 share and no guarantee fee
    answer = cities.ask("泊川培育资金的担保费率是多少？")
    assert answer.refused, answer.text
    # where the guarantee fee's rate is stated, it answers
    answer = cities.ask("桐溆的担保费率是多少？")
    assert not answer.refused and "担保费率不高于1%" in answer.text, answer.text


def test_when_money_arrives_is_a_payment_date_not_when_applications_open(cities):
    # 岚汀 states when each reward is paid (兑现时间); 澄岭 only when applications open (每年4月)
    answer = cities.ask("岚汀市级专精特新的奖励多久能到账？")
    assert not answer.refused and "次年第一季度" in answer.text, answer.text
    answer = cities.ask("澄岭认定奖励多久能到账？")
    assert answer.refused, answer.text


def test_english_loss_and_who_pays(cities):
    answer = cities.ask("What share of the loss does Lanting's pool bear?")
    assert not answer.refused and "由资金池承担40%" in answer.text, answer.text
    assert "unit" in cities.analyse("Who pays the guarantee fee subsidy in Tongxu?").ask_types


def test_a_target_figure_asked_by_its_word_is_the_figure_the_plan_sets(cities):
    # "总数目标多少家": 目标 asks for the target, the clause says 到2026年…达到800家
    answer = cities.ask("青澜入库企业总数目标多少家？")
    assert not answer.refused and "入库企业总数达到800家" in answer.text, answer.text


def test_how_many_firms_share_one_is_a_follow_up(assistant):
    history = conversation(assistant, "连云港给专精特新企业配服务专员吗？")
    answer = assistant.ask("多少家企业配一个？", history=history)
    assert not answer.refused and "力争每两家企业配备1名专员" in answer.text, answer.text


def test_whether_one_may_apply_for_a_thing_needs_a_clause_on_that_thing(cities):
    # no 澄岭 clause names a talent apartment: its recognition criteria do not answer
    answer = cities.ask("澄岭市级专精特新企业可以申请人才公寓吗？")
    assert answer.refused, answer.text
    # a benefit of the pool is answered by its own clause, not by the pool's entry criteria
    answer = cities.ask("云溪入库企业能申请展会补贴吗？")
    assert not answer.refused and "按展位费的50%给予补贴" in answer.citations[0].quote, answer.text
    answer = cities.ask("澄岭市级专精特新企业的高管能享受免费培训吗？")
    assert not answer.refused and "专精特新领航" in answer.text, answer.text


@pytest.mark.parametrize(("question", "quoted"), [
    ("瑜禾有没有股权融资的替代条件？", "2000万元以上"),  # 替代: what stands for the thing named
    ("Bochuan: how many days is the review result published?", "公示7天"),  # a result published: 公示
])
def test_an_alternative_condition_and_a_result_published(cities, question, quoted):
    answer = cities.ask(question)
    assert not answer.refused and quoted in answer.text, answer.text


def test_a_compound_no_text_says_whole_is_its_two_words_where_a_text_says_both(cities):
    # 安全检查: 金湖's 对入库企业环保、安全、消防等方面的首次检查
    answer = cities.ask("我们在金湖，首次安全检查发现问题会停产吗？")
    assert not answer.refused and "慎用停产" in answer.text, answer.text
    # 专用发票: 桐溆's materials list says 发票, no text says 专用 with it: nothing here answers
    groups = cities.analyse("增值税专用发票怎么开").term_groups
    assert ("专用发票",) in groups, groups
    assert cities.ask("增值税专用发票怎么开").refused
    # a benefit is named whole (财政补贴), and 才能 names nothing ("…才能拿补贴")
    assert not any("财政" in g for g in cities.analyse("小巨人企业每年能拿多少财政补贴").term_groups)
    assert not any("才能" in g for g in cities.analyse("搬来的企业要经营多久才能拿补贴？").term_groups)


def test_who_funds_a_pool_is_the_funder_the_text_names(cities):
    # 岚汀: 市财政出资5000万元设立风险补偿资金池 names the funder
    answer = cities.ask("岚汀风险补偿资金池由谁出资？")
    assert not answer.refused and "市财政出资5000万元" in answer.text, answer.text
    # …which is not who manages it; 禾浦 sets up its pool (设立规模2亿元的…资金池) naming no funder
    assert cities.ask("岚汀风险补偿资金池由哪个部门管理？").refused
    assert cities.ask("禾浦风险补偿资金池由谁出资？").refused
    # the responsible unit of a measure still answers who is in charge of it
    answer = cities.ask("青澜的专精贷是哪个部门管的？")
    assert not answer.refused and "市地方金融监管局" in answer.text, answer.text


def test_which_agency_asks_for_a_name_the_text_gives(cities):
    # 泊川 entrusts 第三方机构 with audits but names none
    assert "institution" in cities.analyse("泊川的第三方审计机构是哪家？").ask_types
    assert cities.ask("泊川的第三方审计机构是哪家？").refused


def test_points_asked_in_english_are_the_score_of_the_indicator_named(settings_factory, tmp_path_factory):
    from eval.format_corpus import DOCUMENTS

    from .conftest import library_with

    def render(documents):
        next(d for d in DOCUMENTS if d.stem == "yanzhu-work-plan").render("html", documents)

    library = library_with(tmp_path_factory.mktemp("yanzhu"), settings_factory, render=render)
    # "points" asks for the score; IP is what it is of: the IP row, not the pool's 60-point line
    answer = library.ask("Our Yanzhu firm has 2 invention patents. How many points for IP?")
    assert not answer.refused and "拥有发明专利2项以上得20分" in answer.citations[0].quote, answer.text


def test_which_compounds_are_read_as_their_two_words():
    from assistant.evidence import TermWeights
    from assistant.words import halves

    texts = ["对入库企业环保、安全、消防等方面的首次检查", "专用设备购置", "发票复印件", "贷款额度最高1000万元", "市财政给予补贴"]
    weights, words = TermWeights(texts), frozenset({"安全", "检查", "专用", "发票", "贷款", "额度", "财政", "补贴"})
    assert halves("安全检查", words, weights) == ["安全", "检查"]  # said apart, in one text
    assert halves("专用发票", words, weights) == ["专用发票"]  # never in one text
    assert halves("贷款额度", words, weights) == ["贷款额度"]  # the detail asked of a thing stays with it
    assert halves("财政补贴", words, weights) == ["财政补贴"]  # a benefit is named whole
    assert halves("安全检查", words, None) == ["安全检查"]  # (no knowledge base to ask)


def test_a_level_the_company_already_holds_is_told_not_asked(cities):
    # "已经是省级专精特新了": the question is about 瑜禾's scheme, not about provincial criteria
    assert cities.analyse("我们在瑜禾，已经是省级专精特新了，能进科创贷白名单吗？").levels == ()
    assert cities.analyse("我们去年评上了省级专精特新，想申请国家级小巨人，需要满足什么条件？").levels == ("国家级",)
    # a level the company wants is still the level asked
    assert cities.analyse("我们是盐城一家汽车零部件企业，想申请省级专精特新，需要满足什么条件？").levels == ("省级",)
