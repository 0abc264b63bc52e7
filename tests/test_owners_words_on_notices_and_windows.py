"""Owners' words on a public notice (公示) and on windows of time: "公示到哪天截止" is answered by the
period's last day ("公示期为…9月8日至9月14日"), and an English owner objecting anonymously reaches
"匿名…的异议不予受理". A fictional city (潾川市)."""

from __future__ import annotations

import pytest

from .conftest import library_with

NOTICE = """关于2026年度潾川市专精特新中小企业拟认定名单的公示
根据《潾川市专精特新中小企业认定管理办法》，经企业申报、区县推荐和专家评审，拟认定以下8家企业为2026年度潾川市专精特新中小企业，现予以公示。
公示期为2026年10月12日至10月16日（5个工作日）。公示期内，任何单位或个人对公示企业有异议的，可以书面形式向市工业和信息化局实名反映。匿名或超出公示期限的异议不予受理。
公示期满无异议的，由市工业和信息化局发文认定，认定有效期为3年。
联系电话：0597-6612345
潾川市工业和信息化局
2026年10月10日
"""


@pytest.fixture(scope="module")
def linchuan(tmp_path_factory, settings_factory):
    return library_with(tmp_path_factory.mktemp("linchuan"), settings_factory, {"linchuan-notice.txt": NOTICE})


@pytest.mark.parametrize(("question", "quoted"), [
    # (refused: "没有规定具体时间或截止日期" — a range's end, "至10月16日", is a date it lasts until)
    ("潾川这次公示到哪天截止啊？", "至10月16日"),
    # (refused: objecting and anonymity had no Chinese words: 异议, 匿名)
    ("Can someone object to a firm on Linchuan's list anonymously?", "匿名或超出公示期限的异议不予受理"),
])
def test_owners_words_reach_the_clause_that_says_it(linchuan, question, quoted):
    answer = linchuan.ask(question)
    assert not answer.refused, answer.text
    assert quoted in answer.citations[0].quote, answer.text

