"""A catalogue of services with a subsidy per kind of firm (a two-row heading: 补贴比例 over
创新型中小企业 | 专精特新中小企业) and a rule across all its rows (a cap), in every text form; a
trial's period as its validity; and the questions such a catalogue gets: a row's share for a
title of any level, a service it does not list, the cap, when and on what papers the provider
claims, a month named by the owner, a yearly figure counted per firm. A fictional district's
rules, so that nothing else can answer."""

from __future__ import annotations

import pytest

from ingest.metadata import validity
from ingest.tables import parse_table
from ingest.text_tables import to_cell_lines

from .conftest import library_with

LIWAN = """蓠湾区科技服务补贴实施细则（试行）
蓠湾区科学技术局
2026年4月2日
第一条 为引导中小企业购买科技服务，制定本细则。
第二条 服务机构于每半年首月向区科学技术局申请拨付补贴资金，并凭服务合同、付款凭证和验收报告办理。
第三条 补贴资金由区财政直接拨付至服务机构账户。
第四条 补贴每年受理两次，分别在4月和10月。
第五条 对纳入区“科技贷”的专精特新企业，按贷款市场报价利率的30%给予贴息，单户年度贴息最高10万元。
第六条 区级专精特新中小企业服务补贴额度每年5万元，市级及以上专精特新中小企业每年12万元。
第七条 本细则自2026年5月1日起施行，试行两年。
附件
蓠湾区科技服务目录及补贴比例
| 服务类别 | 服务内容 | 补贴比例 |  |
|  |  | 创新型中小企业 | 专精特新中小企业 |
| --- | --- | --- | --- |
| 检测认证 | 产品检测、体系认证 | 合同金额的35% | 合同金额的45% |
| 工业设计 | 外观设计、结构设计 | 合同金额的25% | 合同金额的40% |
| 每家企业年度补贴总额不超过8万元 |  |  |  |
"""


@pytest.fixture(scope="module")
def liwan(settings_factory, tmp_path_factory):
    return library_with(tmp_path_factory.mktemp("liwan"), settings_factory, {"liwan-service-subsidies.md": LIWAN})


def test_a_rule_across_all_rows_is_kept_and_carried_by_each_row():
    cells = parse_table(["", "\t服务类别", "\t补贴比例", "", "\t检测认证", "\t合同金额的35%", "",
                         "\t工业设计", "\t合同金额的25%", "", "\t每家企业年度补贴总额不超过8万元", "\t", ""])
    assert [c.text for c in cells] == ["服务类别：检测认证；补贴比例：合同金额的35%（每家企业年度补贴总额不超过8万元）",
                                       "服务类别：工业设计；补贴比例：合同金额的25%（每家企业年度补贴总额不超过8万元）",
                                       "每家企业年度补贴总额不超过8万元"]
    assert cells[-1].record and cells[-1].column_path == ()


def test_tab_and_space_aligned_tables_keep_a_merged_rule_row_and_a_heading_under_merged_cells():
    tabbed = ["服务类别\t补贴比例\t", "\t创新型\t专精特新", "检测认证\t35%\t45%", "每家企业年度补贴总额不超过8万元\t\t"]
    assert "\t每家企业年度补贴总额不超过8万元" in to_cell_lines(tabbed)
    paragraphs = ["第一段文字。\t", "第二段文字。\t", "第三段。\t"]  # lines that merely end in tabs
    assert to_cell_lines(paragraphs) == paragraphs
    spaced = ["服务类别    补贴比例",
              "            创新型      专精特新",
              "检测认证    35%         45%",
              "工业设计    25%         40%"]
    lines = to_cell_lines(spaced)
    # the second heading row keeps its place under 补贴比例: its first cell is the empty one
    assert lines[lines.index("\t创新型") - 1] == "\t", lines
    assert "\t40%" in lines


@pytest.mark.parametrize(("text", "until"), [
    ("本细则自2026年5月1日起施行，试行两年。", "2028-04-30"),
    ("本办法自2025年10月1日起施行，试行期2年。", "2027-09-30"),
    ("本细则自2024年1月1日起试行，有效期为两年。", "2025-12-31"),
])
def test_a_trial_period_is_the_documents_validity(text, until):
    assert validity(text, None)["valid_until"] == until


@pytest.mark.parametrize(("question", "fact"), [
    ("蓠湾区专精特新企业做检测认证补贴比例是多少？", "合同金额的45%"),
    # a column for 专精特新中小企业 with no level speaks for every level of the title
    ("蓠湾区省级专精特新企业工业设计补贴比例多少？", "合同金额的40%"),
    ("我们是蓠湾区的创新型中小企业，做了一次产品检测，能补多少？", "合同金额的35%"),
    ("蓠湾区每家企业一年的服务补贴最多多少？", "8万元"),
    # "市级及以上" covers the levels above it, and a 小巨人 is a 专精特新 firm of the national level
    ("蓠湾区省级专精特新企业服务补贴额度每年多少？", "12万元"),
    ("蓠湾区国家级小巨人企业服务补贴额度每年多少？", "12万元"),
])
def test_a_catalogue_row_answers_with_its_column_and_its_rule(liwan, question, fact):
    answer = liwan.ask(question)
    assert not answer.refused and fact in answer.text, answer.text


def test_a_service_the_catalogue_does_not_list_is_declined(liwan):
    answer = liwan.ask("蓠湾区品牌策划服务补贴比例是多少？")
    assert answer.refused, answer.text


@pytest.mark.parametrize(("question", "fact"), [
    ("蓠湾区服务机构什么时候申请拨付补贴？", "每半年首月"),  # a time stated per period
    ("蓠湾区服务机构申请拨付要交什么材料？", "付款凭证"),  # the papers a claim is made on (凭…办理)
    ("蓠湾区的补贴10月份受理吗？", "分别在4月和10月"),  # the owner's month is no term to find
    # (the money's recipient: answered before too, a guard for the ask type 打给谁 added)
    ("蓠湾区补贴的钱打给谁？", "拨付至服务机构账户"),
    ("蓠湾区科技贷单户每年贴息最高多少？", "10万元"),  # 每年 counts the figure, 年度 states it
])
def test_details_said_in_other_words_are_found(liwan, question, fact):
    answer = liwan.ask(question)
    assert not answer.refused and fact in answer.text, answer.text
