"""A joint notice on a special fund: the offices on a letterhead line above a title that starts
with 关于 (and a year before the county's name), lists numbered 1、 and （1）, a paragraph closing
a list, conditions that set no requirement word of their own. A fictional county."""

from __future__ import annotations

import pytest

from ingest.pipeline import prepare

from .conftest import library_with

NOTICE = """茈湖县工业和信息化局 茈湖县财政局
关于组织申报2026年度茈湖县中小企业技术改造专项资金的通知
茈工信联〔2026〕4号
各乡镇人民政府，各有关企业：
为推动中小企业技术改造，现就申报有关事项通知如下。
一、支持方向
1、设备更新项目。企业购置生产设备投资额在200万元以上的，按设备投资额的10%给予补助，最高不超过60万元。
二、申报条件
（1）在茈湖县依法登记注册，具有独立法人资格；
（2）项目于2025年3月1日至2026年5月31日期间竣工投产；
（3）近3年未发生较大安全生产事故。
已享受其他县级财政补助的同一项目，不得重复申报。
三、申报时间
即日起至2026年9月15日。
茈湖县工业和信息化局　茈湖县财政局
2026年6月20日
"""


@pytest.fixture(scope="module")
def cihu(settings_factory, tmp_path_factory):
    return library_with(tmp_path_factory.mktemp("cihu"), settings_factory, {"cihu-upgrade-fund.txt": NOTICE})


@pytest.mark.parametrize("header", ["", "茈湖县工业和信息化局\n"])  # (a PDF's running header names one office)
def test_a_joint_letterhead_gives_both_offices_and_the_county(tmp_path, header):
    path = tmp_path / "notice.txt"
    path.write_text(header + NOTICE, encoding="utf-8")
    meta = prepare(path, {}, 400).meta
    assert meta.issuer == "茈湖县工业和信息化局、茈湖县财政局", meta
    assert meta.region == "茈湖县", meta  # not "年度茈湖县" from "…2026年度茈湖县…" in the title
    assert (meta.doc_number, meta.date_issued) == ("茈工信联〔2026〕4号", "2026-06-20"), meta


def test_a_paragraph_after_a_lists_short_items_is_the_sections(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text(NOTICE, encoding="utf-8")
    closing = next(c for c in prepare(path, {}, 400).chunks if c.text.startswith("已享受"))
    assert closing.section_path == ("二、申报条件",), closing.section_path


@pytest.mark.parametrize(("question", "fact"), [
    # an item under 申报条件 sets a condition by where it stands, with no 须 or 应当 of its own
    ("茈湖技改项目的竣工时间有什么要求？", "竣工投产"),
    ("茈湖设备更新补助最高多少？", "60万元"),  # (a guard: answered before too)
])
def test_a_notices_items_answer(cihu, question, fact):
    answer = cihu.ask(question)
    assert not answer.refused and fact in answer.citations[0].quote, answer.text
