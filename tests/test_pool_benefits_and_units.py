"""What a firm gets once in a pool (not what it takes to get in), the unit of the task asked
about (not of its neighbour in the same measure), and words said in other ways (入了库, a cash
crunch, technology transfer): owners' questions over the seeds, none in an eval set."""

from __future__ import annotations

import pytest

from .conftest import conversation


def test_what_a_pool_firm_gets_is_answered_by_the_clauses_on_it_not_the_entry_criteria(assistant):
    # 入了库 is 入库; the criteria rows of the 入库条件 table name none of the question's words
    answer = assistant.ask("金湖入了库以后企业能得到啥？")
    assert not answer.refused
    assert "优先向上推荐" in answer.text and "企业具有四新特点" not in answer.text, answer.text


def test_a_word_split_by_le_is_read_as_the_word(assistant):
    groups = assistant.analyse("我们入了库，有什么服务？").term_groups
    assert any("入库" in g for g in groups), groups
    # (为了解决 is no split word: 为解 is none)
    assert "为了解决" in assistant.analyse("为了解决资金问题，能贴息吗？").question


def test_criteria_rows_still_answer_what_it_takes_and_a_follow_up_on_another_category(assistant):
    answer = assistant.ask("金湖入库制造类企业营收要多少？")
    assert not answer.refused and "2000万元" in answer.text, answer.text
    followed = assistant.ask("那创新类呢？", history=conversation(assistant, "金湖入库制造类企业营收要多少？"))
    assert not followed.refused and "四新特点" in followed.text, followed.text


def test_who_is_responsible_is_the_note_after_the_task_not_a_neighbours_note(assistant):
    # measure 3 of 宝应's plan names 县科技局 after its technology-transfer task and 县市场监管局
    # after the patent tasks: the patent training is the latter's
    followed = assistant.ask("谁负责？", history=conversation(assistant, "宝应有没有专利优先审查培训？"))
    assert not followed.refused
    assert "专利优先审查培训" in followed.citations[0].quote and "县市场监管局" in followed.text, followed.text
    assert "促成技术转移合作项目" not in followed.text, followed.text


def test_english_words_for_a_cash_crunch_technology_transfer_and_factory_buildings(assistant):
    answer = assistant.ask("We're a small firm in the city plan's area with a short-term cash crunch. Any emergency help?")
    assert not answer.refused and "应急转贷" in answer.text, answer.text
    answer = assistant.ask("How many technology transfer projects does Baoying aim for in 2023?")
    assert not answer.refused and "促成技术转移合作项目5项左右" in answer.text, answer.text
    answer = assistant.ask("Is there a loan for buying factory buildings in the city plan?")
    assert not answer.refused and "厂房贷" in answer.text, answer.text


@pytest.mark.parametrize(("question", "quoted"), [
    # "才算达标" asks for the threshold of what is named; no clause need say 达标
    ("我们是盐城做新能源电池的，厂子刚评上省专，研发费用要占多少才算达标？", "4%、5%、6%"),
    ("方案里说的白名单是什么意思？", "建立健全白名单制度"),  # the meaning of the thing named
    ("专精特新企业在开发区有没有扎堆的园区？", "专精特新企业园"),  # 扎堆: 集聚
    ("我们厂在宝应，做机械配件的，县里说要帮我们建培育档案，这是啥意思？", "建立培育档案"),
    ("老板问我盐城有没有帮企业打官司维权的，就是知识产权那块", "侵权风险"),  # 维权: 侵权
    # 渠道 names no thing: a way to what was told (高校合作)
    ("我们是宝应的一家新材料企业，想找高校合作搞研发，县里有渠道吗？", "组织高校院所专题拜访对接活动"),
])
def test_owners_words_around_the_thing_asked(assistant, question, quoted):
    answer = assistant.ask(question)
    assert not answer.refused and quoted in answer.text, answer.text


@pytest.fixture(scope="module")
def counties(settings_factory, tmp_path_factory):
    """The seeds with 桐溆's policies (.docx: no risk pool), 岚汀's Q&A (web page: a risk pool) and
    雁渚's work plan (text file: full-width figures, a schedule table, a scoring annex)."""
    from eval.format_corpus import DOCUMENTS

    from .conftest import library_with

    def render(documents):
        for stem, fmt in (("tongxu-policies-notice", "docx"), ("lanting-policy-qa", "html"), ("yanzhu-work-plan", "txt")):
            next(d for d in DOCUMENTS if d.stem == stem).render(fmt, documents)

    return library_with(tmp_path_factory.mktemp("counties"), settings_factory, render=render)


def test_a_record_that_only_shares_the_place_does_not_answer_who_runs_a_thing_there(counties):
    # 桐溆's materials list names 受理部门 (县工信局) but no risk pool: its record is no answer
    answer = counties.ask("Who runs Tongxu's risk pool?")
    assert answer.refused and "受理部门：县工信局" not in answer.text, answer.text
    # what the place does state is still answered from its own clause
    answer = counties.ask("Who handles Tongxu's guarantee fee subsidy?")
    assert not answer.refused and "县地方金融服务中心" in answer.text, answer.text


@pytest.mark.parametrize(("question", "quoted"), [
    ("雁渚入库企业贷款贴息比例", "按实际支付利息的30%给予贴息"),  # typed ３０％
    ("雁渚培育库名单什么时候公布？", "4月30日前"),  # a schedule record's fields are one statement
    ("雁渚考核结果什么时候通报？", "次年1月"),
    ("雁渚2026年要推荐几家省级专精特新？", "不少于8家"),  # 要推荐几家 is the plan's target, no request
    ("How often does Yanzhu's growth partner visit?", "每两个月上门服务一次"),
    ("我们营收增长20%，在雁渚成长性能得几分？", "指标：成长性"),  # 成长性 stays whole before 能
    ("我们是雁渚做精密模具的，研发占比6%，研发投入这项能拿满分吗？", "5%以上得25分"),  # 满分: the points
    ("雁渚区申报国家级小巨人有奖励吗", "60万元"),  # the reward is for being recognised, not for applying
    ("雁渚的方案哪天印发的？", "2026年2月27日"),  # the document's own date
    ("我们在雁渚，主营业务收入占比65%，营收增长8%，这两项能得多少分？", "60%以上得10分"),  # 这两项 names nothing
])
def test_a_work_plan_typed_with_full_width_figures(counties, question, quoted):
    answer = counties.ask(question)
    assert not answer.refused and quoted in answer.text, answer.text


def test_a_score_asked_with_the_company_s_figures_gets_the_whole_scoring_table(counties):
    answer = counties.ask("我们在雁渚，去年营收2500万，研发占比4%，有1项发明专利，评价能拿多少分？")
    assert not answer.refused
    assert all(name in answer.text for name in ("指标：营业收入", "指标：研发投入", "指标：知识产权", "指标：成长性")), answer.text


def test_who_may_have_it_and_whether_it_costs_are_asked_of_the_thing_before(counties):
    followed = counties.ask("谁能享受？", history=conversation(counties, "雁渚科创中心房租怎么优惠？"))
    assert not followed.refused and "入驻区科创中心的入库企业" in followed.text, followed.text
    followed = counties.ask("要交钱吗？", history=conversation(counties, "雁渚申报辅导班几月办？"))
    assert not followed.refused and "入库企业可免费参加" in followed.citations[0].quote, followed.text


@pytest.mark.parametrize(("question", "quoted"), [
    ("Is the Tongxu reward stackable with Ziling city's?", "可叠加享受"),
    ("Tongxu: we went digital with 150万 of software. How much back?", "按投入额的15%给予补助"),
])
def test_english_owners_words_for_stacking_and_money_back(counties, question, quoted):
    answer = counties.ask(question)
    assert not answer.refused and quoted in answer.text, answer.text
