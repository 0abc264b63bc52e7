"""Cleaning of extraction artefacts, and metadata read from the texts."""

from __future__ import annotations

import pytest

from ingest.catalog import load_catalog
from ingest.cleaning import clean_text, file_name_title
from ingest.metadata import infer_metadata

from .conftest import KNOWLEDGE, seed_text


def test_bookmarks_spaces_in_numbers_and_ocr_digits():
    raw = "[bookmark: _GoBack]一、总体要求\n年度主营业务收入5000 万元 以上，拥有 2 项以上有效专利（发明或 实用新型），培育企业IOOO家。PLM MES 系统\n"
    cleaned = clean_text(raw)
    assert "bookmark" not in cleaned
    assert "5000万元以上" in cleaned and "拥有2项以上有效专利（发明或实用新型）" in cleaned
    assert "培育企业1000家" in cleaned
    assert "PLM MES" in cleaned  # spaces between Latin words stay


def test_full_width_digits_are_read_as_digits():
    # a work plan typed with full-width figures: its rates, dates and amounts are figures like any other
    cleaned = clean_text("２．贷款贴息。按实际支付利息的３０％给予贴息，单个企业年度贴息最高２０万元，４月３０日前申报。\n")
    assert "按实际支付利息的30%给予贴息" in cleaned and "最高20万元" in cleaned and "4月30日前" in cleaned
    assert cleaned.startswith("2．")  # (the item's full-width stop stays)


def test_a_district_plan_implementing_its_city_s_deployment_names_the_city():
    facts = infer_metadata(clean_text("雁渚区2026年专精特新企业梯度培育工作方案\n为落实澜川市关于优质中小企业梯度培育的部署，制定本方案。\n"))
    assert facts["region"] == "雁渚区, 澜川市"


def test_lines_broken_mid_sentence_are_joined_but_headings_and_titles_are_not():
    cleaned = clean_text(seed_text("yancheng-measures-draft.txt"))
    lines = cleaned.splitlines()
    assert "（征求意见稿）" in lines
    assert "一、完善培育机制" in lines
    assert any(line.startswith("为贯彻落实国家、省支持专精特新中小企业高质量发展有关政策措施，") and line.endswith("制定如下措施：")
               for line in lines)


def test_file_name_first_line_is_a_title_hint_not_text():
    raw = seed_text("sme-high-quality-development-plan.txt")
    assert file_name_title(raw) == "“专精特新”中小企业高质量发展方案"
    assert not clean_text(raw).startswith("“专精特新”中小企业高质量发展方案.docx")


DOCS = ["lianyungang-2023-2025-action-plan-draft.txt", "baoying-2023-2025-action-plan.txt",
        "jinhu-2022-2024-little-giant-plan.txt", "yancheng-measures-draft.txt"]


@pytest.mark.parametrize("name", DOCS)
def test_inferred_metadata_agrees_with_the_catalog(name):
    """What the catalog says was read from the texts: inference finds the same facts."""
    entry = load_catalog(KNOWLEDGE)[name]
    facts = infer_metadata(clean_text(seed_text(name)))
    normalise = lambda s: s.replace("(", "（").replace(")", "）")  # noqa: E731
    assert normalise(facts["title"]) == normalise(entry.title)
    assert facts["status"] == entry.status
    for key in ("doc_number", "date_issued", "issuer", "period_start", "period_end"):
        assert facts.get(key) == getattr(entry, key), key


def test_inferred_region_and_level():
    facts = infer_metadata(clean_text(seed_text("baoying-2023-2025-action-plan.txt")))
    # the county's city is named where the text cites the city's policy it implements
    assert facts["region"] == "宝应县, 扬州市" and facts["level"] == "县级"
