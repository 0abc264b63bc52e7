"""A county's compilation (政策汇编): several policies in one file, each under 一、/二、 with its own
文号 in brackets and its articles numbered afresh, a 目录 repeating their titles, the editor's line
under the title. A fictional county (瑭溪县)."""

from __future__ import annotations

import pytest

from eval.formats import read_source
from eval.formats_office import render_docx, render_pdf
from ingest.pipeline import prepare

from .conftest import library_with

SOURCE = """瑭溪县惠企政策汇编（2026年版）
瑭溪县发展和改革局　编
2026年2月
目录
一、瑭溪县专精特新企业奖励办法
二、瑭溪县企业研发后补助细则
三、瑭溪县技术改造补助政策
一、瑭溪县专精特新企业奖励办法
（瑭政办发〔2025〕6号）
第一条 为鼓励企业走专精特新道路，制定本办法。
第二条 对首次认定为省级专精特新中小企业的，给予一次性奖励15万元。
第三条 奖励资金在认定文件公布后3个月内拨付。
第四条 本办法自2025年3月1日起施行。
二、瑭溪县企业研发后补助细则
（瑭科发〔2025〕2号）
第一条 为引导企业加大研发投入，制定本细则。
第二条 按研发投入增量的12%给予后补助，单个企业最高60万元。
第三条 企业应于每年10月31日前提交申请，并附研发费用专项审计报告。
三、瑭溪县技术改造补助政策
（瑭经信发〔2026〕2号）
1.设备投资300万元以上的技术改造项目，按设备投资额的8%给予补助，最高150万元。
2.技术改造补助每年4月申报。
"""


def rendered(tmp_path, fmt):
    source = tmp_path / "tangxi.md"
    source.write_text(SOURCE, encoding="utf-8")
    if fmt == "pdf":
        return render_pdf(read_source(source), tmp_path / "tangxi.pdf", "瑭溪县惠企政策汇编")
    return render_docx(read_source(source), tmp_path / "tangxi.docx", auto_numbering=False)


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_each_policys_articles_stay_under_its_title(tmp_path, fmt):
    prepared = prepare(rendered(tmp_path, fmt), {}, 400)
    second = [c for c in prepared.chunks if c.text.startswith("第二条")]
    assert [c.section_path for c in second] == [("一、瑭溪县专精特新企业奖励办法", "第二条"),
                                               ("二、瑭溪县企业研发后补助细则", "第二条")], [c.section_path for c in second]
    # (an article ends where the next policy begins: its title is no line of the article before)
    last = next(c for c in prepared.chunks if c.text.startswith("第四条本办法"))
    assert "研发后补助细则" not in last.text, last.text


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_a_compilations_metadata_is_its_own(tmp_path, fmt):
    meta = prepare(rendered(tmp_path, fmt), {}, 400).meta
    # the title alone (not the running header, editor, month and 目录 run into it), its editor as
    # issuer, and no one policy's dates as the compilation's
    assert meta.title == "瑭溪县惠企政策汇编（2026年版）", meta
    assert (meta.issuer, meta.valid_from, meta.valid_until) == ("瑭溪县发展和改革局", None, None), meta


@pytest.fixture(scope="module")
def tangxi(settings_factory, tmp_path_factory):
    return library_with(tmp_path_factory.mktemp("tangxi"), settings_factory,
                        render=lambda folder: rendered(tmp_path_factory.mktemp("src"), "docx").replace(folder / "tangxi.docx"))


@pytest.mark.parametrize(("question", "fact"), [
    ("瑭溪研发后补助什么时候申请？", "10月31日"),  # (guards both: answered before too)
    ("瑭溪研发后补助比例是多少？", "12%"),
])
def test_a_compilations_policies_answer(tangxi, question, fact):
    answer = tangxi.ask(question)
    assert not answer.refused and fact in answer.text, answer.text


@pytest.mark.parametrize(("question", "fact"), [
    ("瑭溪技术改造补助政策的文号是什么？", "瑭经信发〔2026〕2号"),  # the 文号 under that policy's title
    ("瑭溪研发后补助细则的文号是多少？", "瑭科发〔2025〕2号"),  # (a guard: its own line)
    ("瑭溪专精特新奖励什么时候拨付？", "3个月"),  # (a guard)
])
def test_a_policys_own_number_and_dates(tangxi, question, fact):
    answer = tangxi.ask(question)
    assert not answer.refused and fact in answer.text, answer.text


def test_one_policys_payment_date_does_not_answer_for_another(tangxi):
    # the 奖励办法's 拨付 article does not say when the 研发 后补助 is paid (补助 says what kind of
    # thing is paid, not which)
    answer = tangxi.ask("瑭溪研发后补助什么时候拨付？")
    assert answer.refused, answer.text


def test_the_card_names_which_policy_of_the_compilation_a_quote_is_from(tangxi):
    import datetime as dt
    import re

    from assistant.web.card import answer_card

    answer = tangxi.ask("瑭溪技术改造补助政策的文号是什么？")
    html = answer_card(answer, tangxi.retriever.docs, tangxi.retriever.doc_chunks, "zh", dt.date(2026, 12, 7))
    groups = re.findall(r"class='pa-group'>([^<]+)<", html)
    # (the card showed only the compilation's title: which of its policies, and its 文号, were hidden)
    assert "三、瑭溪县技术改造补助政策" in groups and "瑭经信发〔2026〕2号" in re.sub(r"<[^>]+>", "", html), (groups, answer.text)
