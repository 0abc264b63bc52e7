"""A policy whose structure lives in heading styles alone — Word's 标题 1 / 标题 2, Markdown's ## and
###, a web page's <h2>/<h3> — with no numerals: each heading is a section of the clauses under it,
the document's first line stays its title. A fictional city (荇洲市)."""

from __future__ import annotations

import pytest

from eval.formats import read_source, render_html, render_markdown
from eval.formats_office import render_docx
from ingest.pipeline import prepare

from .conftest import library_with

SOURCE = """荇洲市专精特新企业扶持政策
荇洲市工业和信息化局
2026年5月20日
# 认定奖励
## 省级专精特新中小企业
首次认定的，给予一次性奖励25万元。
## 国家级专精特新“小巨人”企业
首次认定的，给予一次性奖励90万元。
# 申报方式
每年8月集中申报，企业通过“荇洲惠企通”提交申请，并上传营业执照和认定文件。
"""
RENDER = {"docx": lambda b, p: render_docx(b, p, auto_numbering=False), "md": render_markdown,
          "html": lambda b, p: render_html(b, p, "荇洲市工业和信息化局", "荇洲市", "2026-05-21 09:00")}


def rendered(tmp_path, fmt):
    source = tmp_path / "xingzhou.md"
    source.write_text(SOURCE, encoding="utf-8")
    return RENDER[fmt](read_source(source), tmp_path / f"xingzhou.{fmt}")


@pytest.mark.parametrize("fmt", ["docx", "md", "html"])
def test_styled_headings_are_sections(tmp_path, fmt):
    prepared = prepare(rendered(tmp_path, fmt), {}, 400)
    giant = next(c for c in prepared.chunks if "90万元" in c.text)
    # (before: "首次认定的…" under no heading at all, the level named nowhere)
    assert giant.section_path == ("【认定奖励】", "〖国家级专精特新“小巨人”企业〗"), giant.section_path
    filing = next(c for c in prepared.chunks if "每年8月" in c.text)
    assert filing.section_path == ("【申报方式】",), filing.section_path
    assert prepared.meta.title == "荇洲市专精特新企业扶持政策" and prepared.meta.issuer == "荇洲市工业和信息化局", prepared.meta


@pytest.fixture(scope="module")
def xingzhou(settings_factory, tmp_path_factory):
    return library_with(tmp_path_factory.mktemp("xingzhou"), settings_factory,
                        render=lambda folder: rendered(tmp_path_factory.mktemp("src"), "docx").replace(folder / "xingzhou.docx"))


@pytest.mark.parametrize(("question", "fact"), [
    ("荇洲小巨人认定奖励多少？", "90万元"),  # the level is in the heading only (a guard: its words found it before)
    ("荇洲申请扶持要上传哪些材料？", "营业执照"),  # 上传… names the papers
])
def test_a_styled_sections_clauses_answer(xingzhou, question, fact):
    answer = xingzhou.ask(question)
    assert not answer.refused and fact in answer.text, answer.text
