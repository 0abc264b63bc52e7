"""Answers whose shape follows the question's: a list of conditions quoted whole, each part of a
compound question quoted from its own clause, a reward stated in the passive ("首次被认定为…的，
给予…") found for "新认定…奖励多少". Over a fictional county's documents, indexed for real beside the seeds."""

from __future__ import annotations

import pytest

RULES = """梧桐县专精特新中小企业认定办法

第一章 总则
第一条 为做好本县专精特新中小企业认定工作，制定本办法。
第二章 认定条件
第三条 申报县级专精特新中小企业应同时具备下列条件：
（一）在梧桐县依法注册满3年，具有独立法人资格，财务管理制度健全；
（二）上年度营业收入在800万元以上，或近2年新增股权融资额累计达到1000万元以上；
（三）上年度研发费用占营业收入比重不低于3%，且建有县级以上研发机构；
（四）拥有与主导产品相关的有效知识产权2项以上，主导产品在细分市场具有竞争优势。
第三章 认定奖励
第五条 首次被认定为县级专精特新中小企业的，给予一次性奖励10万元；首次被认定为省级专精特新中小企业的，给予一次性奖励30万元。
第四章 附则
第九条 本办法由县工业和信息化局负责解释，自2026年3月1日起施行。

附件
梧桐县专精特新中小企业评分标准
| 指标 | 分值 | 评分标准 |
|---|---|---|
| 研发投入 | 25分 | 研发费用占营业收入比重6%以上得25分，4%-6%得15分 |
| 发明专利 | 20分 | 拥有发明专利3项以上得20分，1-2项得10分 |
| 营收增长 | 15分 | 近2年营业收入平均增长率15%以上得15分 |
| 市场地位 | 15分 | 主导产品全省市场占有率前5位得15分 |
| 智能制造 | 15分 | 获评县级以上智能工厂得15分 |
| 人才结构 | 10分 | 研发人员占比20%以上得10分 |
"""

NOTICE = """梧桐县工业和信息化局关于开展2026年度专精特新中小企业申报工作的通知

一、申报对象
在梧桐县注册的工业企业。
二、申报时间
网上申报时间为2026年5月10日至2026年6月10日，申报截止后不再受理。
三、申报材料
1. 申报书；
2. 营业执照复印件；
3. 上年度财务审计报告；
4. 知识产权证明材料。
四、联系方式
县工业和信息化局中小企业科。
"""


@pytest.fixture(scope="module")
def county(settings_factory, tmp_path_factory):
    from .conftest import library_with

    return library_with(tmp_path_factory.mktemp("wutong"), settings_factory,
                        {"wutong-rules.txt": RULES, "wutong-notice.txt": NOTICE})


def test_a_list_of_conditions_is_quoted_whole(county):
    answer = county.ask("我们在梧桐县，想认定县级专精特新，要满足哪些条件？")
    assert not answer.refused
    quote = answer.citations[0].quote
    assert all(item in quote for item in ("（一）", "（二）", "（三）", "（四）")) and "800万元以上" in quote


def test_each_part_of_a_compound_question_is_quoted_from_its_clause(county):
    answer = county.ask("梧桐县今年专精特新什么时候截止申报？要交哪些材料？")
    assert not answer.refused
    sections = {c.section_path[-1] for c in answer.citations}
    assert {"二、申报时间", "三、申报材料"} <= sections
    assert "2026年6月10日" in answer.text and "营业执照复印件" in answer.text


def test_a_reward_stated_in_the_passive_answers_a_new_recognition_question(county):
    answer = county.ask("梧桐县对新认定的专精特新企业奖励多少？")
    assert not answer.refused and "10万元" in answer.text and "30万元" in answer.text


@pytest.mark.parametrize("question", ["梧桐县专精特新企业可以申请人才公寓吗？", "梧桐县认定以后每年要交年费吗？"])
def test_a_thing_no_document_names_is_declined(county, question):
    assert county.ask(question).refused


def test_owners_words_for_the_materials_find_the_list(county):
    answer = county.ask("梧桐县申报专精特新要交哪些东西？")
    assert not answer.refused and "营业执照复印件" in answer.text


def test_a_whole_table_asked_for_is_quoted_whole_in_its_order(county):
    answer = county.ask("梧桐县专精特新评分表一共有哪些指标？")
    assert not answer.refused
    items = ["研发投入", "发明专利", "营收增长", "市场地位", "智能制造", "人才结构"]
    text = answer.text.split("来源")[0]
    assert all(f"指标：{item}" in text for item in items)
    assert [text.index(f"指标：{item}") for item in items] == sorted(text.index(f"指标：{item}") for item in items)
