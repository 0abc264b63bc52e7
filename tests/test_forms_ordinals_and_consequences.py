"""Rules co-issued with a bank's branch, an annex that is a blank application form, a benefit for
the first loan only, and what befalls fraud. The form names what to fill in (and is quoted only
for the form); a second loan is another case, declined with the case named (here, not from
another place's rules); a consequence is asked of the misconduct the clause names. A fictional
city, so that nothing else can answer."""

from __future__ import annotations

import pytest

from ingest.pipeline import prepare
from ingest.tables import parse_table

from .conftest import library_with

RULES = """蔺川市工业和信息化局 中国人民银行蔺川市分行
关于印发《蔺川市专精特新企业首贷奖励细则》的通知
蔺工信发〔2026〕8号
各银行业金融机构：
现将《蔺川市专精特新企业首贷奖励细则》印发给你们，请遵照执行。
蔺川市工业和信息化局　中国人民银行蔺川市分行
2026年4月9日
蔺川市专精特新企业首贷奖励细则
第一条 本细则所称首贷，是指企业获得的第一笔银行经营性贷款。企业此前仅有票据贴现的，其获得的第一笔银行经营性贷款视为首贷。
第二条 对获得首贷的专精特新企业，按首贷金额的1%给予一次性奖励，最高5万元。
第三条 市财政局于每年7月集中拨付奖励资金。
第四条 企业以虚假材料骗取奖励资金的，追回已拨付资金，3年内不得申报市级财政资金支持。
第五条 融资支持：
① 对开展知识产权质押融资的，按评估费的50%给予补助，最高3万元；
② 对获得融资担保的，担保费率不高于1%。
附件
蔺川市首贷奖励申请表
| 企业名称 |  | 统一社会信用代码 |  |
|---|---|---|---|
| 贷款银行 |  | 首贷金额（万元） |  |
| 放款日期 |  | 联系电话 |  |
| 企业承诺 | 以上信息真实有效，如有虚假，愿承担相应责任。 | < | < |
"""


@pytest.fixture(scope="module")
def linchuan(settings_factory, tmp_path_factory):
    return library_with(tmp_path_factory.mktemp("linchuan"), settings_factory, {"linchuan-first-loan.md": RULES})


def test_a_blank_form_is_one_record_of_what_to_fill_in():
    cells = parse_table(["\t企业名称", "\t", "\t统一社会信用代码", "\t", "", "\t贷款银行", "\t", "\t首贷金额（万元）", "\t", "",
                         "\t放款日期", "\t", "\t联系电话", "\t", "", "\t企业承诺", "\t以上信息真实有效，如有虚假，愿承担相应责任。", "\t", "\t", ""])
    assert [(c.text, c.record) for c in cells] == [
        ("填写项目：企业名称、统一社会信用代码、贷款银行、首贷金额（万元）、放款日期、联系电话；"
         "企业承诺：以上信息真实有效，如有虚假，愿承担相应责任。", True)]


def test_a_banks_branch_co_issues(tmp_path):
    path = tmp_path / "rules.md"
    path.write_text(RULES, encoding="utf-8")
    assert prepare(path, {}, 400).meta.issuer == "蔺川市工业和信息化局、中国人民银行蔺川市分行"


def test_the_form_answers_for_the_form_only(linchuan):
    form = linchuan.ask("蔺川首贷奖励申请表要填哪些内容？")
    assert not form.refused and "统一社会信用代码" in form.citations[0].quote, form.text
    reward = linchuan.ask("蔺川首贷有奖励吗？")
    assert not reward.refused and "第二条" in reward.citations[0].quote, reward.text


@pytest.mark.parametrize("question", ["蔺川第二笔贷款有奖励吗？", "Does Linchuan reward a company's second bank loan?"])
def test_a_later_ordinal_than_the_clauses_is_another_case(linchuan, question):
    answer = linchuan.ask(question)
    assert answer.refused and "第二笔" in answer.text, answer.text
    assert "蔺川市专精特新企业首贷奖励细则" in answer.text  # this place's clauses, not another place's
    assert "填写项目" not in answer.citations[0].quote  # (a guard: the blank form is no clause to show first)


@pytest.mark.parametrize(("question", "refused", "fact"), [
    ("蔺川骗取首贷奖励会怎么处理？", False, "追回已拨付资金"),  # (a guard: answered before too)
    # the consequence must be of the misconduct asked: no clause says what follows a late report
    ("蔺川企业晚交首贷奖励申请表会怎么处理？", True, ""),
    ("When does Linchuan pay out the first-loan reward?", False, "7月"),  # (a guard, as is the first)
])
def test_consequences_and_payouts(linchuan, question, refused, fact):
    answer = linchuan.ask(question)
    assert answer.refused is refused and fact in answer.text, answer.text


# (the answerable twins are guards: answered before too)
@pytest.mark.parametrize(("question", "refused", "fact"), [
    # the figure of a list's item is of that item's thing: ①'s 评估费 share is not ②'s 担保费
    ("蔺川知识产权质押融资的担保费补多少？", True, ""),
    ("蔺川知识产权质押融资的评估费补多少？", False, "按评估费的50%"),
    # a thing asked to count as what a clause defines, which no clause names (融资租赁 is no renting)
    ("蔺川融资租赁算不算首贷？", True, "“融资租赁”"),
    ("蔺川票据贴现算不算首贷？", False, "票据贴现"),
    # the title the asker holds, asking what it gets: a reward for 专精特新 firms is not for it
    ("我们是蔺川的创新型中小企业，首贷200万，能奖多少？", True, ""),
    # a bank's name is stated nowhere: not the co-issuing branch of the notice, nor the form's 贷款银行
    ("蔺川首贷奖励由哪家银行负责审核？", True, "银行或机构"),
])
def test_the_thing_asked_must_be_the_clauses(linchuan, question, refused, fact):
    answer = linchuan.ask(question)
    assert answer.refused is refused and fact in answer.text, answer.text
