"""A county website's "一图读懂" of a policy: 【…】 headings instead of numbers, items marked ● ▶ ◆,
a byline under the heading, the policy it explains cited by title and 文号 with its dates.
A fictional county (菡川县)."""

from __future__ import annotations

import pytest

from eval.formats import read_source, render_html
from eval.formats_office import render_docx
from ingest.cleaning import clean_text
from ingest.pipeline import prepare

from .conftest import library_with

PAGE = """一图读懂丨《菡川县中小企业技术改造奖补办法》
发布时间：2026-05-06　来源：菡川县经济和信息化局
【政策依据】
《菡川县中小企业技术改造奖补办法》（菡经信规〔2026〕3号），自2026年5月1日起施行，有效期2年。
【支持对象】
● 在菡川县注册的工业企业；
● 上年度营业收入300万元以上。
【支持内容】
▶ 设备更新：设备投资200万元以上的项目，按设备投资额的12%给予补助，最高60万元。
▶ 技改示范：获评县级技改示范项目的，一次性奖励8万元。
【申报材料】
◆ 项目申报表；
◆ 设备购置发票及付款凭证。
【温馨提示】同一项目已获得市级以上同类资金支持的，县级不再重复支持。
【咨询电话】
县经济和信息化局技改股，0571-66120456。
"""


def rendered(tmp_path, fmt):
    source = tmp_path / "hanchuan.md"
    source.write_text(PAGE, encoding="utf-8")
    if fmt == "html":
        return render_html(read_source(source), tmp_path / "hanchuan.html", "菡川县经济和信息化局", "菡川县", "2026-05-06 10:00")
    return render_docx(read_source(source), tmp_path / "hanchuan.docx", auto_numbering=False)


@pytest.mark.parametrize("fmt", ["html", "docx"])
def test_bracket_headings_are_sections_and_marked_items_their_items(tmp_path, fmt):
    prepared = prepare(rendered(tmp_path, fmt), {}, 400)
    by_text = {c.text: c for c in prepared.chunks}
    upgrade = next(c for c in prepared.chunks if c.text.startswith("▶ 设备更新"))
    assert upgrade.section_path == ("【支持内容】", "设备更新"), upgrade.section_path
    who = next(c for c in prepared.chunks if "工业企业" in c.text)
    assert who.kind == "list" and who.section_path == ("【支持对象】",) and "300万元" in who.text, who
    tip = next(c for c in prepared.chunks if "不再重复支持" in c.text)
    assert tip.section_path == ("【温馨提示】",) and tip.text.startswith("同一项目"), tip  # (the heading set apart)
    # the heading and its byline stay apart from the first section (once glued into one preamble)
    assert not any("发布时间" in text and "【" in text for text in by_text), list(by_text)
    meta = prepared.meta
    assert meta.title == "一图读懂丨《菡川县中小企业技术改造奖补办法》", meta
    # the dates of the policy the page explains (its title quotes it) are the page's standing
    assert (meta.valid_from, meta.valid_until, meta.issuer) == ("2026-05-01", "2028-04-30", "菡川县经济和信息化局"), meta


def test_an_inline_bracket_heading_gets_a_line_of_its_own():
    assert clean_text("【温馨提示】同一项目不重复支持。\n") == "【温馨提示】\n同一项目不重复支持。\n"


@pytest.fixture(scope="module")
def hanchuan(settings_factory, tmp_path_factory):
    return library_with(tmp_path_factory.mktemp("hanchuan"), settings_factory,
                        render=lambda folder: rendered(tmp_path_factory.mktemp("page"), "html").replace(folder / "hanchuan.html"))


@pytest.mark.parametrize(("question", "fact"), [
    ("菡川设备更新补助要交哪些材料？", "付款凭证"),  # items under 【申报材料】 are materials
    ("菡川的项目已经拿了市里的技改资金，县里还能再补吗？", "不再重复支持"),  # 再补: paid again
    ("菡川设备更新补助最高多少？", "60万元"),  # (a guard)
])
def test_an_explainers_sections_answer(hanchuan, question, fact):
    answer = hanchuan.ask(question)
    assert not answer.refused and fact in answer.text, answer.text


@pytest.mark.parametrize("question", [
    "菡川设备更新项目需要提供审计报告吗？",  # one paper asked, the list lacks it (a guard: declined before too)
    "菡川省级技改示范项目奖励多少？",  # (a guard)
])
def test_what_an_explainer_does_not_say_is_declined(hanchuan, question):
    assert hanchuan.ask(question).refused
