"""Reading criteria into conditions: every criteria row of 金湖's five annexes against conditions
checked by hand, the fictional documents' criteria, and tricky wordings one by one."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from assistant.conditions import Condition
from assistant.criteria_book import levels_from_chunks
from assistant.criteria_parser import parse_criterion
from assistant.types import DocumentMeta
from ingest.cleaning import clean_text
from ingest.loaders import load_file
from ingest.splitter import split_document

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = json.loads((Path(__file__).parent / "data" / "jinhu-criteria-golden.json").read_text(encoding="utf-8"))


def chunks_of(path: Path, doc_id: str = "d"):
    return split_document(doc_id, clean_text(load_file(path).text))


def test_every_criteria_row_of_the_jinhu_annexes_reads_as_checked_by_hand():
    rows = [c for c in chunks_of(ROOT / "knowledge" / "documents" / "jinhu-2022-2024-little-giant-plan.txt")
            if c.kind == "table_row" and re.search("条件|标准", c.section_path[0])]
    assert [r.text for r in rows] == [g["text"] for g in GOLDEN]  # all five annexes, 54 rows
    assert [parse_criterion(r.text).describe() for r in rows] == [g["condition"] for g in GOLDEN]


def test_every_row_with_a_figure_is_read_and_the_rest_is_left_to_a_person():
    conditions = [parse_criterion(g["text"]) for g in GOLDEN]
    with_figures = [c for c, g in zip(conditions, GOLDEN, strict=True) if re.search(r"\d+(\.\d+)?\s*(万元|亿元|%|项|位|年)", g["text"])]
    read = [c for c in with_figures if any(leaf.kind == "compare" for leaf in c.leaves())]
    assert len(read) / len(with_figures) >= 0.9
    for condition, row in zip(conditions, GOLDEN, strict=True):
        if condition.kind == "manual":
            assert condition.text  # its words, for the person who checks it


@pytest.mark.parametrize("path", ["eval/formats/luchuan-little-giant-plan.md", "eval/corpus/yunxi-little-giant-cultivation-plan.txt",
                                  "eval/formats/shanyu-application-notice.md", "eval/formats/chengling-certification-measures.md"])
def test_fictional_documents_criteria_are_read(path):
    levels = levels_from_chunks(chunks_of(ROOT / path), {"d": DocumentMeta("d", "虚构文件")})
    assert levels
    numeric = [c for lv in levels for c in lv.criteria if re.search(r"\d+(\.\d+)?(万元|亿元|%|项|人|年以上)", c.text)]
    assert numeric and all(any(leaf.kind == "compare" for leaf in c.condition.leaves()) for c in numeric), \
        [c.text for c in numeric if c.condition.kind == "manual"]


def test_a_scoring_table_and_the_exclusions_are_not_criteria():
    levels = levels_from_chunks(chunks_of(ROOT / "eval/formats/chengling-certification-measures.md"), {"d": DocumentMeta("d", "x")})
    assert [lv.name for lv in levels] == ["市级专精特新企业"]
    assert not any("不得" in c.text or "得分" in c.text for lv in levels for c in lv.criteria)


def compare(metrics, op, value, years=None) -> dict:
    return {"kind": "compare", "metrics": list(metrics), "op": op, "value": value, "years": years}


def shape(condition: Condition) -> dict:
    """The condition without its words, to compare with what a person wrote down."""
    if condition.kind == "compare":
        return compare(condition.metrics, condition.op, format(condition.value.normalize(), "f"), condition.years)
    if condition.kind == "manual":
        return {"kind": "manual"}
    return {"kind": condition.kind, "parts": [shape(p) for p in condition.parts]}


TRICKY = [
    ("营业收入超过5000万元", compare(["revenue"], ">", "5000")),
    ("营业收入不足5000万元", compare(["revenue"], "<", "5000")),
    ("上年度营业收入1.5亿元以上", compare(["revenue"], ">=", "15000")),
    ("上年度营业收入在 3 000 万元以上（含）", compare(["revenue"], ">=", "3000")),
    ("资产负债率不高于70%", compare(["debt_ratio"], "<=", "70")),
    ("从业人员50人以上", compare(["employees"], ">=", "50")),
    ("主导产品市场占有率省内排名前五", compare(["market_rank_province"], "<=", "5")),
    ("主导产品市场占有率居全国前10名", compare(["market_rank_national"], "<=", "10")),
    ("2014年（包括2014年）后成立的企业", compare(["founded_year"], ">=", "2014")),
    ("上年度研发费用总额不低于80万元，且占营业收入比重不低于2.5%",
     {"kind": "all", "parts": [compare(["rd_spend"], ">=", "80"), compare(["rd_ratio"], ">=", "2.5")]}),
    ("近2年营业收入或净利润平均增长率不低于8%",
     {"kind": "any", "parts": [compare(["revenue_growth"], ">=", "8", 2), compare(["net_profit_growth"], ">=", "8", 2)]}),
    ("上年度研发费用占营业收入比重不低于3%，或研发人员占职工总数比重不低于10%",
     {"kind": "any", "parts": [compare(["rd_ratio"], ">=", "3"), compare(["rd_staff_ratio"], ">=", "10")]}),
    ("拥有发明专利1项或其他知识产权5项以上",
     {"kind": "any", "parts": [compare(["invention_patents"], ">=", "1"),
                               compare(["invention_patents", "utility_patents", "design_patents", "software_copyrights"], ">=", "5")]}),
    ("营业收入5000万元（含）—1亿元（不含）的，研发费用占营业收入比重不低于6%",
     {"kind": "when", "parts": [{"kind": "all", "parts": [compare(["revenue"], ">=", "5000"), compare(["revenue"], "<", "10000")]},
                                compare(["rd_ratio"], ">=", "6")]}),
    ("具有高成长潜力", {"kind": "manual"}),
    ("拥有2项以上有效专利（发明或实用新型）", compare(["invention_patents", "utility_patents"], ">=", "2")),
    ("企业应为高新技术企业", compare(["high_tech"], ">=", "1")),
    ("建立省级以上研发机构", compare(["rd_institution_level"], ">=", "3")),
]


@pytest.mark.parametrize(("text", "expected"), TRICKY, ids=[t for t, _ in TRICKY])
def test_tricky_wordings(text, expected):
    assert shape(parse_criterion(text)) == expected


def test_conditions_round_trip_through_json_and_reject_nonsense():
    condition = parse_criterion(GOLDEN[35]["text"])  # the revenue bands of the national criteria
    assert Condition.from_dict(json.loads(json.dumps(condition.to_dict()))) == condition
    with pytest.raises(ValueError, match="known metrics"):
        Condition.from_dict({"kind": "compare", "metrics": ["turnover"], "op": ">=", "value": 1})
    with pytest.raises(ValueError, match="must be a number"):
        Condition.from_dict({"kind": "compare", "metrics": ["revenue"], "op": ">=", "value": "lots"})
    with pytest.raises(ValueError, match="unknown condition kind"):
        Condition.from_dict({"kind": "maybe"})
    assert Condition("compare", metrics=("revenue",), op=">=", value=Decimal(1)).parsed


def test_the_same_criteria_are_read_from_every_published_format(tmp_path):
    """PDF, Word, web page, GBK or tab text, Markdown: the levels and conditions do not depend on it."""
    from eval.format_corpus import DOCUMENTS

    for document in DOCUMENTS:
        read = []
        for fmt in document.formats:
            (tmp_path / fmt).mkdir(exist_ok=True)
            chunks = chunks_of(document.render(fmt, tmp_path / fmt))
            levels = levels_from_chunks(chunks, {"d": DocumentMeta("d", document.stem)})
            read.append([(lv.name, [c.condition.describe() for c in lv.criteria]) for lv in levels])
        assert all(r == read[0] for r in read), document.stem
        with_criteria = {"chengling-certification-measures": 1, "shanyu-application-notice": 1, "luchuan-little-giant-plan": 4}
        assert len(read[0]) == with_criteria.get(document.stem, 0), document.stem
