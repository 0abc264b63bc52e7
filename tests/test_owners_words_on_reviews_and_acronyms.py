"""Owners' words the texts put otherwise: who reviews an application ("报上去谁来审": 初审, 复审),
who pays it out ("钱谁来拨": 拨付), whether a project funded before may apply again ("拿过其他资金
还能再申请吗": 不重复支持), a voucher handed to another firm ("转给": 转让) or past its term ("能延期吗":
逾期…自动作废), an acronym that is all
a follow-up names ("那PCT的呢？"), and English names of IP services (patent navigation, lawsuits,
lawyers); and the conditions asked of a benefit, which a document sets once under its own heading
(六、申报条件). A fictional city (洵川市)."""

from __future__ import annotations

import pytest

from assistant.types import Turn

from .conftest import library_with

PLAN = """洵川市专精特新中小企业知识产权护航若干措施
一、开展专利导航。对专精特新中小企业委托服务机构开展专利导航的，按服务合同金额的40%给予补助，每家企业最高15万元。
二、资助高价值专利。企业新获授权的国内发明专利，每件资助2000元；通过PCT途径获得国外发明专利授权的，每件资助2万元。
三、支持海外维权。企业应对海外知识产权诉讼的，按实际发生律师费用的25%给予补助，每起案件最高10万元。
四、发放知识产权服务券。服务券用于购买知识产权代理、分析评议服务，不得转让、买卖。服务券自发放之日起12个月内有效，逾期未使用的自动作废。
五、申报与兑现。企业每年5月通过“洵川知服”平台申报，由区市场监督管理部门初审，市知识产权局复审后报市财政局拨付。同一事项已获得市级其他财政资金支持的，不重复支持。
六、申报条件。申报企业应在洵川市注册，上年度研发费用不低于100万元。
七、开展知识产权诊断。市知识产权局每年为专精特新中小企业免费提供1次知识产权诊断服务。
七之一、新认定为市级知识产权示范企业的，一次性奖励10万元；省级的，奖励20万元。
八、联系方式。市知识产权局知识产权运用处，联系人：林女士，电话：0591-7654321。
九、本措施自2026年1月1日起施行，有效期至2028年12月31日。
"""


@pytest.fixture(scope="module")
def xunchuan(tmp_path_factory, settings_factory):
    return library_with(tmp_path_factory.mktemp("xunchuan"), settings_factory, {"xunchuan-ip.txt": PLAN})


@pytest.mark.parametrize(("question", "quoted"), [
    ("洵川知识产权奖补报上去以后谁来审？", "市知识产权局复审"),  # (refused: "no reward stated" — 审 asked no unit)
    ("洵川专利导航补助的钱是谁来拨？", "报市财政局拨付"),  # (拨 said for 拨付)
    ("洵川拿过市里其他资金支持的专利导航项目，还能再申请吗？", "不重复支持"),  # (refused: no condition stated)
    # (转给 said for 转让; a guard here, where no clause on related firms competes as in the format sets)
    ("洵川的知识产权服务券能转给别的公司用吗？", "不得转让"),
    ("洵川的服务券过期了还能延期吗？", "逾期未使用的自动作废"),  # (延期: what happens when the time is up)
    ("How much does Xunchuan give for a patent navigation project?", "服务合同金额的40%"),
    ("How much does Xunchuan subsidise overseas IP lawsuits?", "律师费用的25%"),  # (a guard: lawsuit, lawyer glossed)
    ("Is there a free diagnosis for firms in Xunchuan?", "免费提供1次知识产权诊断"),  # (a guard: diagnosis, 诊断)
])
def test_owners_words_reach_the_clause_that_says_it(xunchuan, question, quoted):
    answer = xunchuan.ask(question)
    assert not answer.refused, answer.text
    assert quoted in answer.citations[0].quote, answer.text


@pytest.mark.parametrize("question", ["洵川申请知识产权补助需要满足什么条件？", "洵川知识产权补助的申报条件是什么？"])
def test_the_conditions_asked_of_a_benefit_are_its_documents_own(xunchuan, question):
    # "什么条件" is answered by the document's 申报条件 (its clause never says 条件 or 补助), quoted first;
    # not by 不重复支持 (which a may-I-again ask needs) nor by a grant's "企业应对海外…诉讼的" (who gets it)
    answer = xunchuan.ask(question)
    assert not answer.refused and "上年度研发费用不低于100万元" in answer.citations[0].quote, answer.text
    assert "没有规定具体条件" not in answer.text


def test_an_acronym_that_is_all_a_follow_up_names_is_its_subject(xunchuan):
    history = [Turn("user", "洵川发明专利授权一件资助多少钱？")]
    answer = xunchuan.ask("那PCT的呢？", history=history)
    assert not answer.refused, answer.text
    assert "每件资助2万元" in answer.citations[0].quote


def test_whom_to_ask_with_a_problem_is_answered_by_the_contacts(xunchuan):
    # ("有问题找谁": a contact wanted, not the unit that pays out — 报市财政局拨付 was quoted first)
    answer = xunchuan.ask("洵川知识产权补助申报有问题找谁？")
    assert not answer.refused and "0591-7654321" in answer.citations[0].quote, answer.text


def test_whether_a_policy_is_formally_in_force_is_a_question_on_the_document(xunchuan):
    answer = xunchuan.ask("洵川这个知识产权护航措施已经正式实施了吗？")
    assert not answer.refused
    assert answer.text.startswith("《洵川市专精特新中小企业知识产权护航若干措施》自2026年1月1日起施行"), answer.text


def test_a_level_of_a_thing_the_clause_gives_only_at_other_levels_is_another_case(xunchuan):
    # ("县级示范企业奖多少": the thing was read as 示范企业奖 and found nowhere, so no level was checked)
    answer = xunchuan.ask("洵川对县级知识产权示范企业奖多少？")
    assert answer.refused and "讲的是其他情形" in answer.text and "县级" in answer.text


def test_a_level_named_with_its_thing_left_out_is_that_things(xunchuan):
    # ("…市级知识产权示范企业…；省级的，奖励20万元": 省级 is the 示范企业's too)
    answer = xunchuan.ask("那省级的呢？", history=[Turn("user", "洵川市级知识产权示范企业奖多少？")])
    assert not answer.refused and "省级的，奖励20万元" in answer.citations[0].quote, answer.text


def test_which_provider_does_a_service_asks_for_a_name_the_clause_must_give(xunchuan):
    # ("由哪家服务机构来做": the clause says the bureau provides the diagnosis, naming no provider)
    assert xunchuan.ask("洵川知识产权诊断由哪家服务机构来做？").refused


@pytest.fixture(scope="module")
def tongxu(tmp_path_factory, settings_factory):
    # every fictional document of the format sets beside the seeds: how rare a told word (齿轮) is
    # across a library of many places is what made it count
    from eval.format_corpus import DOCUMENTS, rounds

    chosen = rounds()[0]

    def render(folder):
        for doc in DOCUMENTS:
            doc.render(chosen[doc.stem], folder)

    return library_with(tmp_path_factory.mktemp("tongxu"), settings_factory, render=render)


def test_what_the_company_makes_is_who_asks_not_what_the_clause_must_name(tongxu):
    # ("做精密齿轮": no clause on the reward names 齿轮; the story was declined for it)
    answer = tongxu.ask("我们在桐溆，做精密齿轮，刚评上省级智能制造示范工厂，县里给奖励吗？")
    assert not answer.refused and "给予一次性奖励50万元" in answer.citations[0].quote, answer.text
    # (a thing the company wants to do is what it asks about: "想做跨境电商" is no account of itself)
    assert tongxu.ask("我们在桐溆，想做跨境电商，县里有补贴吗？").refused


def test_a_place_no_document_names_said_without_its_suffix_is_still_a_place(tongxu):
    # ("滇川这个行动方案现在还执行吗？" was answered with other places' 施行 clauses: 滇川 was no place)
    answer = tongxu.ask("滇川这个行动方案现在还执行吗？")
    assert answer.refused and "没有关于“滇川”的政策文件" in answer.text, answer.text
    # (a guard: a place the documents name, and a word the texts use, are read as before)
    assert not tongxu.ask("泊川那个细则现在生效了吗？").refused
