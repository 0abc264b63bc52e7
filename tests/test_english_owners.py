"""English questions told the way an owner tells them (who they are, what they plan, then the
ask), over a fictional city's measures written for this test (its place name does not exist)."""

from __future__ import annotations

import pytest

MEASURES = """汀屿市促进专精特新中小企业发展的若干措施
一、梯度培育
1.认定奖励。对首次认定为国家级专精特新“小巨人”企业的，给予一次性奖励120万元；对首次认定为省级专精特新中小企业的，给予一次性奖励25万元。同一企业晋级的，按差额补足奖励。（责任单位：市工信局）
2.入库申报。企业于每年6月30日前通过“汀屿企服通”平台提交入库申报材料。市工信局组织专家评审，评审结果在市政府网站公示7个工作日。（责任单位：市工信局）
二、金融支持
3.设立“汀屿专精贷”。合作银行向专精特新中小企业发放信用贷款，单户贷款额度最高800万元，贷款利率不高于贷款市场报价利率（LPR）加30个基点。（责任单位：市金融局）
三、服务保障
4.实行服务专员制度。为每家专精特新“小巨人”企业配备1名服务专员，每月走访不少于1次，企业诉求3个工作日内办结反馈。（责任单位：市工信局）
5.推行包容审慎监管。对专精特新中小企业首次出现的轻微违法行为，依法不予行政处罚。（责任单位：市司法局）
6.支持首购首用。将专精特新企业创新产品优先纳入政府采购支持范围，带动创新产品先试首用。（责任单位：市财政局）
7.引育人才。专精特新企业新引进的全职博士，给予每人每年3万元生活补贴，连续补贴3年。（责任单位：市人社局）
8.开拓市场。对专精特新企业参加市工信局组织的国内外展会，按展位费的50%给予补贴。（责任单位：市商务局）
"""

# a county of another fictional city: a home-buying subsidy the city's measures do not have
COUNTY = """澜口县加快专精特新企业发展若干政策
一、人才保障。专精特新企业引进的硕士以上学历人才，在县内首次购房的，给予最高15万元购房补贴。（责任单位：县人社局）
二、附则。本政策自2025年1月1日起施行。
附件
澜口县专精特新企业评分标准
| 指标 | 分值 | 评分标准 |
|---|---|---|
| 研发投入 | 30分 | 研发费用占营业收入比重5%以上得30分 |
| 知识产权 | 20分 | 拥有发明专利1项以上得20分 |
"""


@pytest.fixture(scope="module")
def tingyu(settings_factory, tmp_path_factory):
    from .conftest import library_with

    return library_with(tmp_path_factory.mktemp("tingyu"), settings_factory,
                        {"tingyu-measures.txt": MEASURES, "lankou-policies.txt": COUNTY})


@pytest.mark.parametrize(("question", "fact"), [
    # who the asker is (a machinery company) is no subject: the application's date answers
    ("We're a Tingyu machinery company and want to join the cultivation pool this year. When do we need to apply by?",
     "6月30日"),
    (("Our Tingyu firm was a provincial specialised SME and is now upgraded to national little giant. "
      "Do we get the full award again or only the difference?"), "差额"),
    ("We're a little giant in Tingyu. Will we get a dedicated contact person from the government?", "服务专员"),
    ("If we borrow under Tingyu's specialised loan, what's the interest rate cap?", "30个基点"),
    ("We got a minor fine for a first-time violation in Tingyu. Will we be penalised?", "不予行政处罚"),
    ("Our Tingyu company has a product that nobody has used before. Will the government buy it first?", "政府采购"),
    ("How long is the public notice period in Tingyu?", "7个工作日"),
    ("How fast does Tingyu answer a company's request?", "3个工作日"),
])
def test_an_owners_english_question_is_answered_from_the_clause_that_says_it(tingyu, question, fact):
    answer = tingyu.ask(question)
    assert not answer.refused, answer.text
    assert fact in answer.citations[0].quote or fact in " ".join(c.quote for c in answer.citations)
    assert {c.doc_id for c in answer.citations} == {"tingyu-measures"}


def test_the_firms_size_told_in_english_is_no_subject_of_the_ask(tingyu):
    # "with 120 staff" describes the firm; the reward asked is for the research centre it names
    answer = tingyu.ask("We're a firm in Tingyu with 120 staff and were just recognised as a national little giant. "
                        "Is there a reward?")
    assert not answer.refused and "120万元" in answer.citations[0].quote


def test_a_quoted_programme_name_is_no_place_asked_about(tingyu):
    # “江苏精品” names a brand programme; the question is not about Jiangsu's own documents
    query = tingyu.analyse("“江苏精品”制造业企业培育几家？", [])
    assert "江苏" not in query.places
    assert "江苏" in tingyu.analyse("“江苏”对小巨人奖励多少？", []).places


def test_support_in_general_asked_after_the_situation_is_about_the_situation(tingyu):
    # "有支持吗" names no subject of its own: the home the new hire buys is what it is about
    answer = tingyu.ask("我们澜口的公司新招了个硕士，他要在县里买房，有支持吗？")
    assert not answer.refused and "15万元" in answer.citations[0].quote
    answer = tingyu.ask("Our Lankou company is hiring a master's graduate who is buying a home. Is there help?")
    assert not answer.refused and "15万元" in answer.citations[0].quote


def test_a_benefit_named_by_what_it_is_for_is_not_answered_by_another_benefit(tingyu):
    # 汀屿 pays PhDs a living allowance; a home-buying subsidy is another thing (澜口's, not 汀屿's)
    answer = tingyu.ask("汀屿博士人才购房补贴多少？")
    assert answer.refused and "没有规定" in answer.text  # the living allowance shown as related only
    assert not tingyu.ask("汀屿博士人才生活补贴多少？").refused


def test_a_fee_no_text_names_is_declined(tingyu):
    assert tingyu.ask("汀屿入库申报需要交申报费吗？").refused
    assert not tingyu.ask("汀屿入库申报需要交什么材料？").refused


def test_what_a_step_looks_at_is_answered_only_by_a_list_of_it(tingyu):
    # 汀屿's clause says experts review, not what they look at; 澜口's scoring table lists it
    assert tingyu.ask("汀屿专家评审看哪些方面？").refused
    answer = tingyu.ask("澜口评分看哪些方面？")
    assert not answer.refused
    quotes = " ".join(c.quote for c in answer.citations)
    assert "研发投入" in quotes and "知识产权" in quotes  # every row, not the best one


def test_a_benefit_asked_for_a_named_activity_needs_that_activity(tingyu):
    # "参加培训有补贴吗": the booth subsidy for 参加展会 is for another activity
    assert tingyu.ask("汀屿对企业参加培训有补贴吗？").refused
    assert not tingyu.ask("汀屿对企业参加展会有补贴吗？").refused


def test_what_share_is_subsidised_asked_in_english_takes_in_the_situation(tingyu):
    answer = tingyu.ask("We're a Tingyu firm exhibiting at a trade fair next month. What share of the booth fee is subsidised?")
    assert not answer.refused and "50%" in answer.citations[0].quote


def test_what_the_firm_pays_is_not_answered_by_what_it_is_paid(tingyu):
    assert tingyu.ask("汀屿认定国家级小巨人要交多少钱？").refused  # a fee, which no clause states
    assert not tingyu.ask("汀屿认定国家级小巨人奖多少钱？").refused


def test_how_often_is_answered_only_by_how_often_the_thing_asked_is_done(tingyu):
    answer = tingyu.ask("How often does the Tingyu service commissioner visit little giants?")
    assert not answer.refused and "每月" in answer.citations[0].quote
    assert tingyu.ask("How often does Tingyu hold matchmaking events with universities?").refused


def test_money_asked_for_in_english_is_the_support_not_a_word_the_clause_must_repeat(tingyu):
    # "Is there money for …?" asks for a grant: 给予一次性奖励 answers it without saying 资金
    answer = tingyu.ask("Is there money for new national little giants in Tingyu?")
    assert not answer.refused and "120万元" in answer.citations[0].quote
