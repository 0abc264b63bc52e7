"""Where and by when one files ("去哪申请？", "交到哪天为止？") and a follow-up asking who takes the
application of the thing just asked ("找哪个部门申请？", "谁受理？"), over the unseen documents of
the ``cities`` library; none of these questions is in an eval set."""

from __future__ import annotations

import pytest

from assistant.conversation import is_followup
from assistant.types import Turn


@pytest.mark.parametrize(("earlier", "question", "row", "other_row"), [
    ("桐溆数字化改造补助有多少？", "向哪个部门申报？", "项目合同、发票、验收报告", "认定文件复印件"),
    ("桐溆担保费补助要什么材料？", "谁受理？", "受理部门：县地方金融服务中心", "认定文件复印件"),
])
def test_who_takes_the_application_is_asked_of_the_row_just_discussed(cities, earlier, question, row, other_row):
    assert is_followup(question)
    answer = cities.ask(question, [Turn("user", earlier), Turn("assistant", cities.ask(earlier).text)])
    assert not answer.refused, answer.text
    assert row in answer.citations[0].quote, answer.text
    assert not any(other_row in c.quote for c in answer.citations), answer.text


def test_a_new_subject_with_an_applying_word_is_no_follow_up():
    assert not is_followup("桐溆的数字化改造补助找哪个部门申请？")


@pytest.mark.parametrize(("question", "quoted"), [
    ("泊川绩效报告交到哪天为止？", "于每年3月底前报送上年度资金使用绩效报告"),  # 交到哪天: a date, no place
    ("瑜禾区县初审做到哪天为止？", "于2026年6月15日前完成初审"),
    # the platform filed through answers "where", though the clause does not repeat what is applied for
    ("澄岭的市级专精特新去哪申请？", "“澄岭企服通”平台在线填报申报书"),
    ("岚汀的奖励去哪申请？", "“岚汀企服通”平台在线申报"),
])
def test_when_and_where_to_file(cities, question, quoted):
    answer = cities.ask(question)
    assert not answer.refused and quoted in answer.text, answer.text


@pytest.mark.parametrize("question", [
    "泊川培育资金去哪申请？",  # only where the results are published (在…网站公示) is said
    "禾浦的人才补贴去哪里申请？",  # the measure names its departments, no place to apply
    "泊川的绩效报告交到哪？",  # by when is said (3月底前), not where
])
def test_no_place_to_apply_stated_is_declined(cities, question):
    answer = cities.ask(question)
    assert answer.refused, answer.text


def test_a_short_question_naming_only_an_act_follows_up():
    # "能买什么？" names nothing but what is done: it asks of the thing just talked about
    assert is_followup("能买什么？") and is_followup("怎么用？")
    assert not is_followup("你好") and not is_followup("研发补助多少？")


@pytest.mark.parametrize(("earlier", "question", "answered", "said"), [
    ("栖沅的上云用云券每年最多多少？", "能买什么？", True, "用于购买云服务"),
    ("栖沅的企业家研修班每年办几期？", "在哪里办？", False, "举办或办理地点"),  # a venue, which the list does not give
])
def test_an_act_asked_after_a_subject(cities, earlier, question, answered, said):
    answer = cities.ask(question, history=[Turn("user", earlier)])
    assert answer.refused != answered and said in answer.text, answer.text


@pytest.mark.parametrize(("question", "row"), [
    # the row of the level asked is quoted first, though every row sits under "市里分别奖励多少"
    ("How long does Lanting take to pay the municipal reward?", "次年第一季度"),  # 多久兑现: a date says it too
    ("岚汀市级专精特新奖励多久兑现？", "次年第一季度"),
    ("岚汀省级奖励多久到账？", "认定文件印发后6个月内"),
])
def test_a_table_row_of_the_level_asked_comes_first(cities, question, row):
    answer = cities.ask(question)
    assert not answer.refused and row in answer.citations[0].quote, answer.text


@pytest.mark.parametrize(("earlier", "question", "answered", "said"), [
    ("Can Yuhe firms apply online?", "Until which day?", True, "于2026年5月31日前在线提交"),  # a date asked, in English
    # no deadline stated: 每年4月发布申报通知 and 申报截止后15个工作日内 are no date to apply by
    ("What does Chengling give a new municipal specialised firm?", "Until when can we apply?", False, "do not state a date"),
])
def test_until_when_asks_a_date_to_file_by(cities, earlier, question, answered, said):
    answer = cities.ask(question, history=[Turn("user", earlier)])
    assert answer.refused != answered and said in answer.text, answer.text


def test_a_leader_as_contact_is_no_phone_number_asked(cities):
    answer = cities.ask("Can Hepu firms get a county leader as contact?")
    assert not answer.refused and "县领导挂钩联系" in answer.citations[0].quote, answer.text


def test_a_place_named_only_to_compare_with_keeps_the_conversation_s_place(cities):
    from assistant.conversation import compared_only

    regions = {"桐溆": ("桐溆", "桐溆县"), "梓陵": ("梓陵", "梓陵市")}
    assert compared_only("能和梓陵市的叠加吗？", regions, "桐溆")
    assert not compared_only("梓陵市呢？", regions, "桐溆") and not compared_only("能叠加吗？", regions, "桐溆")
    answer = cities.ask("能和梓陵市的叠加吗？", history=[Turn("user", "桐溆国家级小巨人奖多少？"), Turn("user", "省级呢？")])
    assert not answer.refused and any("上述奖励与梓陵市奖励可叠加享受" in c.quote for c in answer.citations), answer.text


@pytest.mark.parametrize(("earlier", "question", "standalone", "answered"), [
    # a side swapped like a level: 栖沅 subsidises 境外 fairs only, and 国内 patents are no fair
    ("What does Qiyuan give for overseas fairs?", "And for domestic ones?", "What does Qiyuan give for domestic fairs?", False),
    ("栖沅国内发明专利资助多少？", "国外的呢？", "栖沅境外发明专利资助多少？", False),
    # a place to combine with is no new place to ask about
    ("How much is Tongxu's provincial SRDI reward?", "Can it be combined with Ziling's?",
     "How much is Tongxu's provincial SRDI reward? Can it be combined with Ziling's?", True),
])
def test_a_side_swapped_and_a_place_compared_in_a_follow_up(cities, earlier, question, standalone, answered):
    answer = cities.ask(question, history=[Turn("user", earlier)])
    assert answer.standalone_question == standalone and answer.refused != answered, answer.text
