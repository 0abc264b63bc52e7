"""One year of a period asked by its ordinal ("第四年呢？"), a degree said with its student noun
(硕士研究生 is 硕士), and "at the county level" meaning the county's departments, over a
fictional district's incubator rules and the unseen documents of the ``cities`` library."""

from __future__ import annotations

import pytest

from assistant.words import numeral_forms, ordinal_forms

from .conftest import conversation, library_with

SONGCEN = """松岑区科技企业孵化器入驻扶持办法
松岑区科学技术局
2026年3月9日
一、入驻孵化器的专精特新企业，前两年免收办公用房租金，第三至五年租金减半，第六年起按市场价收取。
二、入驻企业引进的博士，给予每人每月3000元租房补贴，最长24个月。
三、本办法由区科学技术局负责解释，自2026年4月1日起施行。
"""


@pytest.fixture(scope="module")
def songcen(settings_factory, tmp_path_factory):
    return library_with(tmp_path_factory.mktemp("songcen"), settings_factory, {"songcen-incubator.txt": SONGCEN})


def test_ordinal_year_forms():
    assert {"第4年", "第四、", "第四至"} <= set(ordinal_forms("第四年"))
    assert "第三年" in ordinal_forms("第3年")
    assert ordinal_forms("第一线") == () and ordinal_forms("孵化器") == ()


@pytest.mark.parametrize(("follow", "quoted"), [
    ("第四年呢？", "第三至五年租金减半"),  # the span's first year is not the one asked
    ("那第6年呢？", "第六年起按市场价收取"),
])
def test_a_year_of_the_period_is_answered_from_the_span_stating_it(songcen, follow, quoted):
    history = conversation(songcen, "松岑孵化器房租免几年？")
    answer = songcen.ask(follow, history=history)
    assert not answer.refused and quoted in answer.citations[0].quote, answer.text


def test_a_year_no_span_reaches_is_declined(settings_factory, tmp_path_factory):
    text = SONGCEN.replace("，第六年起按市场价收取", "")
    library = library_with(tmp_path_factory.mktemp("songcen-short"), settings_factory, {"songcen-incubator.txt": text})
    answer = library.ask("第七年呢？", history=conversation(library, "松岑孵化器房租免几年？"))
    assert answer.refused, answer.text


@pytest.mark.parametrize(("question", "quoted"), [
    ("我们公司在禾浦，打算引进一名博士研究生，县里给什么补贴？", "3万元"),
    ("松岑的企业引进博士生有租房补贴吗？", "每人每月3000元租房补贴"),
])
def test_a_degree_said_with_its_student_noun(cities, songcen, question, quoted):
    library = songcen if "松岑" in question else cities
    answer = library.ask(question)
    assert not answer.refused and quoted in answer.text, answer.text


@pytest.mark.parametrize(("question", "quoted"), [
    ("Which department handles applications at the county level in Chengling?", "县（区）工业和信息化主管部门"),
    ("Who reviews the applications at the county level in Chengling?", "县（区）工业和信息化主管部门对申报材料进行初审"),
])
def test_at_the_county_level_names_the_county_departments(cities, question, quoted):
    answer = cities.ask(question)
    assert not answer.refused and quoted in answer.citations[0].quote, answer.text


def test_recognised_at_a_level_still_names_the_title(cities):
    # 瑜禾 rewards provincial and national recognition only
    assert cities.ask("Does Yuhe reward firms recognised at the municipal level?").refused


@pytest.mark.parametrize(("question", "answered"), [
    ("栖沅对硕士有租房补贴吗？", False),  # 栖沅's rent subsidy is for 博士研究生
    ("Does Qiyuan give a rent subsidy to master's graduates it hires?", False),
    ("栖沅引进博士有租房补贴吗？", True),
    ("桐溆引进博士买房有补贴吗？", True),  # 硕士以上学历人才 covers 博士
    ("桐溆引进本科生买房有补贴吗？", False),  # …but not 本科
    ("禾浦对本科有补贴吗？", False),  # 本科 said alone (jieba's dictionary tags it a pronoun) is still who is asked about
    ("禾浦对硕士有补贴吗？", True),
])
def test_a_benefit_for_one_degree_is_not_one_for_another(cities, question, answered):
    answer = cities.ask(question)
    assert answer.refused != answered, answer.text


def test_a_follow_up_asks_of_its_own_degree(cities):
    from .conftest import conversation

    history = conversation(cities, "禾浦新引进的硕士每年补多少？")
    assert cities.ask("那本科呢？", history=history).refused  # 禾浦 subsidises 博士 and 硕士 only
    history = conversation(cities, "禾浦新引进的博士每年补多少？")
    answer = cities.ask("那硕士呢？", history=history)
    assert not answer.refused and "1万元" in answer.text, answer.text
    # a third turn asks of the degree the second named: no cap stated for 本科, none of another's quoted
    history = conversation(cities, "禾浦人才生活补贴博士每年多少？", "那本科呢？")
    assert cities.ask("有没有上限？", history=history).refused


@pytest.mark.parametrize(("question", "case", "shown"), [
    ("栖沅对硕士有租房补贴吗？", "“硕士”", "博士研究生，给予每月2000元租房补贴"),
    ("Does Tongxu reward a national smart manufacturing demonstration factory?", "“the national level”", "获评省级智能制造示范工厂"),
    # (the level with the thing it is asked of: the clause gives the 省级 one)
    ("桐溆刚获评国家级智能制造示范工厂，县里有奖励吗？", "“国家级智能制造示范工厂”", "获评省级智能制造示范工厂"),
    ("瑜禾对新认定的市级专精特新企业奖励多少？", "“市级”", "对新认定的省级专精特新中小企业"),
])
def test_a_decline_for_another_case_names_it_and_shows_the_clause(cities, question, case, shown):
    # the clause of the right topic is there, for another degree or level: say which case it lacks
    answer = cities.ask(question)
    assert answer.refused and case in answer.text.splitlines()[0], answer.text
    assert answer.citations and shown in answer.text, answer.text


def test_numeral_forms():
    assert numeral_forms("近三年") == ("近3年",) and numeral_forms("3个月") == ("三个月",)
    assert numeral_forms("两项") == ("2项",) and numeral_forms("一次性") == () and numeral_forms("孵化器") == ()


def test_a_count_in_chinese_numerals_matches_one_in_digits(cities):
    answer = cities.ask("瑜禾申报需要近三年没有什么记录？")  # 近3年 written
    assert not answer.refused and "近3年发生重大安全、质量、环境污染事故" in answer.citations[0].quote, answer.text
