"""The splitter against the real policy texts."""

from __future__ import annotations

import re

import pytest

from ingest.cleaning import clean_text
from ingest.splitter import count_tokens, responsible_units, split_document

from .conftest import seed_text

JINHU = "jinhu-2022-2024-little-giant-plan.txt"
YANCHENG = "yancheng-measures-draft.txt"
LIANYUNGANG = "lianyungang-2023-2025-action-plan-draft.txt"
BAOYING = "baoying-2023-2025-action-plan.txt"
SME = "sme-high-quality-development-plan.txt"


def chunks_of(name: str, max_tokens: int = 320):
    return split_document("doc", clean_text(seed_text(name)), max_tokens=max_tokens)


def test_each_provincial_criterion_row_is_its_own_chunk_with_its_column_path():
    rows = [c for c in chunks_of(JINHU) if c.section_path[0] == "附件4 省级专精特新小巨人企业申报条件"
            and c.kind == "table_row"]
    manufacturing = [c for c in rows if c.section_path[1:] == ("小巨人企业", "制造类")]
    assert [c.text.split(".")[0] for c in manufacturing] == ["1", "2", "3", "4", "5", "6"]
    assert manufacturing[0].text == "1. 年度主营业务收入5000万元以上（含5000万元），或利润总额400万元以上（含400万元）"
    assert manufacturing[1].text == "2. 近3年营业收入平均增长率8%以上或平均营业利润率8%以上"
    innovation = [c.text for c in rows if c.section_path[1:] == ("小巨人企业", "创新类")]
    assert innovation == ["1. 2014年（包括2014年）后成立的创业创新类企业", "2. 拥有原创技术或产品", "3. 具有高成长潜力"]
    products = [c.text for c in rows if c.section_path[1:] == ("专精特新产品",)]
    assert len(products) == 3 and products[0].startswith("1. 产品的销售收入占企业主营业务收入的60%以上")


def test_merged_header_cells_and_labelled_rows_of_other_annexes():
    chunks = chunks_of(JINHU)
    by_text = {c.text: c.section_path for c in chunks}
    assert by_text["6. 从事相关业务领域的时间达到10年或以上，或从事新产品生产经营的时间达到3年或以上"] == (
        "附件3 国家专精特新小巨人和单项冠军申报条件", "国家单项冠军")
    assert by_text["7. 主导产品销售收入占企业全部业务收入的比重在70%以上"][-1] == "企业"
    common = [c for c in chunks if c.section_path == ("附件1 省千企升级企业入库标准条件", "共同标准")]
    assert len(common) == 1 and common[0].text.startswith("企业在江苏境内注册")
    assert by_text["1. 企业年主营业务收入2000万元以上，或利税总额500万元以上"] == (
        "附件2 金湖县专精特新小巨人企业培育库入库条件", "制造类")


def test_yancheng_measures_keep_their_numbers_and_units():
    measures = [c for c in chunks_of(YANCHENG) if c.kind == "clause"]
    numbers = sorted({int(re.match(r"(\d+)\.", c.section_path[-1]).group(1)) for c in measures})
    assert numbers == list(range(1, 13))
    first = next(c for c in measures if c.section_path[-1] == "1.加强组织领导")
    assert first.section_path[0] == "一、完善培育机制"
    assert first.responsible_units == ("市政府办", "市工信局", "市发改委", "市科技局", "市市场监管局")


def test_text_broken_across_lines_is_joined():
    chunks = chunks_of(YANCHENG)
    text = "".join(c.text for c in chunks)
    assert "建立专精特新中小企业反映问题“收集—反馈—解决”闭环管理和办理机制。" in text
    assert "研发费用总额占营业收入总额比重分别达到4%、5%、6%。" in text
    assert "建立600家创新型中小企业" in text  # "建立 600 家" lost its inner spaces
    assert not any("\n" in c.text for c in chunks if c.kind == "clause")


def test_document_on_one_line_is_split_into_its_measures_with_repaired_numbering():
    chunks = chunks_of(SME)
    paths = {c.section_path for c in chunks}
    assert ("三、重点任务", "（一）梯度培育专项", "2、引导专精特新发展") in paths
    assert ("三、重点任务", "（八）绿色发展专项", "1、大力开展节能降碳") in paths  # OCR "(A)"
    assert ("二、主要目标", "（一）总体数量大幅增加") in paths  # OCR "(-)"
    reward = next(c for c in chunks if "200万元、50万元" in c.text)
    assert reward.section_path[-1] == "2、引导专精特新发展"
    assert any("1000家" in c.text for c in chunks)  # OCR "IOOO家"


def test_notice_preamble_and_lost_heading_numeral():
    chunks = chunks_of(BAOYING)
    notice = chunks[0]
    assert notice.kind == "notice" and "宝应县人民政府办公室\n2023年8月22日" in notice.text
    assert chunks[1].kind == "preamble"
    first_task = next(c for c in chunks if c.section_path[-1].startswith("1.扩充完善优质企业培育库"))
    assert first_task.section_path[:2] == ("三、2023年重点任务", "（一）建立完善梯度培育体系")


def test_responsible_units_of_a_measure_and_nested_parentheses():
    chunks = [c for c in chunks_of(LIANYUNGANG) if c.section_path[-1] == "（一）优质企业梯度培育工程"]
    assert chunks and all(c.responsible_units == ("市工信局", "各县（区）人民政府", "功能板块管委会") for c in chunks)
    assert responsible_units("……（责任部门:县工信局、科技局）。〔责任部门:县市场监管局(知识产权局)〕") == (
        "县工信局", "科技局", "县市场监管局(知识产权局)")


@pytest.mark.parametrize("cap", [64, 128, 320])
def test_token_cap_holds_and_nothing_is_lost(cap):
    cleaned = clean_text(seed_text(LIANYUNGANG))
    chunks = split_document("doc", cleaned, max_tokens=cap)
    assert all(count_tokens(c.text) <= cap for c in chunks)
    joined = re.sub(r"\s", "", "".join(c.text for c in chunks))
    for sentence in ("全市专精特新企业上市达5家左右。", "国家专精特新“小巨人”企业25家"):
        assert sentence in joined


def test_chunk_ids_are_stable_and_unique():
    first, second = chunks_of(JINHU), chunks_of(JINHU)
    assert [c.chunk_id for c in first] == [c.chunk_id for c in second]
    assert len({c.chunk_id for c in first}) == len(first)


def test_bad_cap_is_rejected():
    with pytest.raises(ValueError, match="max_tokens must be at least 32, got 8"):
        split_document("doc", "一、总则\n内容。", max_tokens=8)


def test_the_documents_own_closing_provision_is_not_its_last_measures():
    text = ("一、支持研发\n1.研发补助。按新增研发费用的10%给予补助。（责任单位：市科技局）\n"
            "2.包容监管。首次轻微违法不予处罚。（责任单位：市司法局）\n"
            "本措施自2025年1月1日起施行，有效期至2027年12月31日，由市工信局负责解释。\n")
    chunks = split_document("d", clean_text(text))
    closing = chunks[-1]
    assert closing.text.startswith("本措施自") and closing.section_path == ("附则",)
    assert closing.responsible_units == ()
    assert chunks[-2].section_path[-1].startswith("2.包容监管") and chunks[-2].responsible_units == ("市司法局",)
