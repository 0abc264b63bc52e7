"""The eligibility check on fictional criteria (a county pool table, a city's 认定办法 article):
company profiles whose verdicts were computed by hand, at and around every threshold."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from assistant.checkup import run_check
from assistant.criteria_book import levels_from_chunks
from assistant.profile import CompanyProfile
from assistant.types import DocumentMeta
from ingest.cleaning import clean_text
from ingest.loaders import load_file
from ingest.splitter import split_document

DATA = Path(__file__).parent / "data"
POOL = "临川县专精特新企业培育库"
CITY = "市级专精特新中小企业"


@pytest.fixture(scope="module")
def levels():
    docs = {"linchuan": DocumentMeta("linchuan", "临川县专精特新企业培育库管理办法", region="临川县, 江州市, 江东省", level="县级"),
            "jiangzhou": DocumentMeta("jiangzhou", "江州市专精特新中小企业认定办法", region="江州市, 江东省", level="市级")}
    chunks = []
    for doc_id, name in (("linchuan", "linchuan-pool-criteria.md"), ("jiangzhou", "jiangzhou-certification-rules.md")):
        chunks += split_document(doc_id, clean_text(load_file(DATA / name).text))
    return levels_from_chunks(chunks, docs)


def verdicts(levels, profile: dict) -> dict[str, object]:
    report = run_check(CompanyProfile.from_dict({"region": "临川县", **profile}), levels)
    return {r.level.name: r for r in report.results}


MANUFACTURER = {"category": "制造类", "revenue": 3000, "rd_ratio": 3, "invention_patents": 1, "debt_ratio": 65}
SERVICES = {"category": "服务类", "revenue": 1000, "rd_ratio": 5, "software_copyrights": 3, "revenue_growth": "10.01%"}
CITY_OK = {"years_in_field": 2, "revenue": 12000, "rd_ratio": 3, "invention_patents": 1, "employees": 21}

# (why, profile, level, verdict, a words of the gap or missing figure that must be shown)
CASES = [
    ("every threshold exactly met (以上/不低于/不超过 include the number)", MANUFACTURER, f"{POOL} › 制造类", "eligible", None),
    ("revenue one hundred yuan short", {**MANUFACTURER, "revenue": "2999.99"}, f"{POOL} › 制造类", "not_eligible", "差0.01万元"),
    ("revenue in 亿 as text", {**MANUFACTURER, "revenue": "1.2亿"}, f"{POOL} › 制造类", "eligible", None),
    ("revenue in 元", {**MANUFACTURER, "revenue": "30000000元"}, f"{POOL} › 制造类", "eligible", None),
    ("debt ratio just over", {**MANUFACTURER, "debt_ratio": "65.01%"}, f"{POOL} › 制造类", "not_eligible", "超出0.01个百分点"),
    ("R&D share just under", {**MANUFACTURER, "rd_ratio": 2.9}, f"{POOL} › 制造类", "not_eligible", "差0.1个百分点"),
    ("the other alternative: 3 utility + 2 software = 5", {**MANUFACTURER, "invention_patents": 0, "utility_patents": 3,
                                                          "software_copyrights": 2}, f"{POOL} › 制造类", "eligible", None),
    ("neither alternative: 0 inventions, 4 others", {**MANUFACTURER, "invention_patents": 0, "utility_patents": 3,
                                                   "software_copyrights": 1}, f"{POOL} › 制造类", "not_eligible", "发明专利差1项"),
    ("a known part already reaches the sum", {**MANUFACTURER, "invention_patents": None, "utility_patents": 5},
     f"{POOL} › 制造类", "eligible", None),
    ("the sum cannot be decided", {**MANUFACTURER, "invention_patents": None, "utility_patents": 2},
     f"{POOL} › 制造类", "incomplete", "软件著作权"),
    ("R&D share from two amounts: 90 / 3000 = 3 %", {**MANUFACTURER, "rd_ratio": None, "rd_spend": 90},
     f"{POOL} › 制造类", "eligible", None),
    ("R&D share from two amounts: 89.99 / 3000", {**MANUFACTURER, "rd_ratio": None, "rd_spend": "89.99"},
     f"{POOL} › 制造类", "not_eligible", "研发费用占营业收入比重差"),
    ("two years: (100 + 80) / (2800 + 3200) = 3 %", {**MANUFACTURER, "rd_ratio": None, "revenue": None,
     "years": {"2023": {"revenue": 2800, "rd_spend": 100}, "2024": {"revenue": 3200, "rd_spend": 80}}},
     f"{POOL} › 制造类", "eligible", None),
    ("two years: 170 / 6000 is under 3 %", {**MANUFACTURER, "rd_ratio": None, "revenue": None,
     "years": {"2023": {"revenue": 2800, "rd_spend": 70}, "2024": {"revenue": 3200, "rd_spend": 100}}},
     f"{POOL} › 制造类", "not_eligible", "研发费用占营业收入比重差"),
    ("latest year's revenue read from the yearly figures", {**MANUFACTURER, "revenue": None,
     "years": {"2024": {"revenue": 2999}}}, f"{POOL} › 制造类", "not_eligible", "差1万元"),
    ("nothing known", {"category": "制造类"}, f"{POOL} › 制造类", "incomplete", "营业收入"),
    ("only the debt ratio known, and it fails", {"category": "制造类", "debt_ratio": 70}, f"{POOL} › 制造类",
     "not_eligible", "超出5个百分点"),
    ("services: every threshold met", SERVICES, f"{POOL} › 服务类", "eligible", None),
    ("services: growth exactly 10 % is not 超过10%", {**SERVICES, "revenue_growth": 10}, f"{POOL} › 服务类",
     "not_eligible", "需超过10%"),
    ("services: revenue exactly 1000", {**SERVICES, "revenue": 1000}, f"{POOL} › 服务类", "eligible", None),
    ("services: 999", {**SERVICES, "revenue": 999}, f"{POOL} › 服务类", "not_eligible", "差1万元"),
    ("services: invention patents are Ⅰ类 (1 software + 2 inventions)", {**SERVICES, "software_copyrights": 1,
     "invention_patents": 2}, f"{POOL} › 服务类", "eligible", None),
    ("services: 1 software + 1 Ⅰ类", {**SERVICES, "software_copyrights": 1, "class1_ip": 1}, f"{POOL} › 服务类",
     "not_eligible", "差1项"),
    ("services: growth from three years, 10 % and 11.36 %", {**SERVICES, "revenue_growth": None, "revenue": None,
     "years": {"2022": {"revenue": 1000}, "2023": {"revenue": 1100}, "2024": {"revenue": 1250}}},
     f"{POOL} › 服务类", "eligible", None),
    ("services: growth from three years, exactly 10 % twice", {**SERVICES, "revenue_growth": None, "revenue": None,
     "years": {"2022": {"revenue": 1000}, "2023": {"revenue": 1100}, "2024": {"revenue": 1210}}},
     f"{POOL} › 服务类", "not_eligible", "需超过10%"),
    ("services: two years of figures give one growth rate, not two", {**SERVICES, "revenue_growth": None,
     "revenue": None, "years": {"2023": {"revenue": 1000}, "2024": {"revenue": 1500}}},
     f"{POOL} › 服务类", "incomplete", "营业收入平均增长率"),
    ("city: every criterion met", CITY_OK, CITY, "eligible", None),
    ("city: above 1亿 the R&D share must be 3 %", {**CITY_OK, "rd_ratio": 2.9}, CITY, "not_eligible", "差0.1个百分点"),
    ("city: exactly 1亿 is in the upper band", {**CITY_OK, "revenue": "1亿", "rd_ratio": 3}, CITY, "eligible", None),
    ("city: under 1亿 the R&D share must be 5 %", {**CITY_OK, "revenue": 9000, "rd_ratio": 4}, CITY, "not_eligible",
     "差1个百分点"),
    ("city: 9999.99 is under 1亿", {**CITY_OK, "revenue": "9999.99", "rd_ratio": 3}, CITY, "not_eligible", "差2个百分点"),
    ("city: under 1亿 with 5 %", {**CITY_OK, "revenue": 9000, "rd_ratio": 5}, CITY, "eligible", None),
    ("city: revenue unknown but 6 % meets either band", {**CITY_OK, "revenue": None, "rd_ratio": 6}, CITY, "eligible", None),
    ("city: revenue unknown and 4 % meets only the upper band", {**CITY_OK, "revenue": None, "rd_ratio": 4}, CITY,
     "incomplete", "营业收入"),
    ("city: 20 people are not 超过20人", {**CITY_OK, "employees": 20}, CITY, "not_eligible", "需超过20人"),
    ("city: one year and a half in the field", {**CITY_OK, "years_in_field": "1.5"}, CITY, "not_eligible", "差0.5年"),
    ("city: the other alternative of patents", {**CITY_OK, "invention_patents": 0, "utility_patents": 4,
                                                "software_copyrights": 1}, CITY, "eligible", None),
    ("city: employees unknown", {**CITY_OK, "employees": None}, CITY, "incomplete", "从业人员"),
    ("city: fails two criteria at once", {**CITY_OK, "employees": 5, "years_in_field": 1}, CITY, "not_eligible", "差1年"),
    ("city: main business revenue stands in for revenue", {**CITY_OK, "revenue": None, "main_revenue": 12000}, CITY,
     "eligible", None),
]


@pytest.mark.parametrize(("why", "profile", "level", "verdict", "shown"), CASES, ids=[c[0] for c in CASES])
def test_hand_computed_verdicts(levels, why, profile, level, verdict, shown):
    profile = {k: v for k, v in profile.items() if v is not None}
    result = verdicts(levels, profile)[level]
    assert result.verdict == verdict, why
    if shown:
        words = [g for c in result.checks for g in (*c.outcome.gaps, *c.outcome.missing)]
        assert any(shown in w for w in words), (why, words)


def test_there_are_forty_hand_computed_profiles():
    assert len(CASES) >= 40


def test_no_verdict_rests_on_a_criterion_to_check_by_hand(levels):
    # the pool's fifth criterion (具有高成长潜力) is left to a person: eligible means every other one holds
    result = verdicts(levels, MANUFACTURER)[f"{POOL} › 制造类"]
    assert [c.status for c in result.checks] == ["met", "met", "met", "met", "manual"]
    only_manual = verdicts(levels, {"category": "制造类"})[f"{POOL} › 制造类"]
    assert only_manual.verdict == "incomplete"


def test_levels_follow_the_company_region_and_category(levels):
    manufacturer = verdicts(levels, MANUFACTURER)
    assert set(manufacturer) == {f"{POOL} › 制造类", CITY}  # the services column is not its level
    elsewhere = run_check(CompanyProfile.from_dict({"region": "远山县", **MANUFACTURER}), levels)
    assert elsewhere.results == () and "远山县" in elsewhere.notes[0]
    unknown_place = run_check(CompanyProfile.from_dict(MANUFACTURER), levels)
    assert {r.level.name for r in unknown_place.results} == {f"{POOL} › 制造类", CITY}
    city_company = run_check(CompanyProfile.from_dict({"region": "江州市", **MANUFACTURER}), levels)
    assert {r.level.name for r in city_company.results} == {CITY}  # the city's title, not a county's pool
    no_category = run_check(CompanyProfile.from_dict({"region": "临川", "revenue": 10}), levels)
    assert {r.level.name for r in no_category.results} == {f"{POOL} › 制造类", f"{POOL} › 服务类", CITY}


def test_the_nearest_level_and_its_gaps(levels):
    report = run_check(CompanyProfile.from_dict({"region": "临川县", **CITY_OK, "category": "制造类", "employees": 15,
                                                  "debt_ratio": 40}), levels)
    assert report.nearest.level.name == CITY
    assert [g for c in report.nearest.checks for g in c.outcome.gaps] == ["从业人员需超过20人（现为15人）"]


def test_json_of_a_check_names_each_criterion_its_clause_and_status(levels):
    report = run_check(CompanyProfile.from_dict({"region": "临川县", **MANUFACTURER, "revenue": 2800}), levels)
    data = report.to_dict()
    pool = next(r for r in data["results"] if r["level"] == f"{POOL} › 制造类")
    assert pool["verdict"] == "not_eligible" and pool["document"]["doc_id"] == "linchuan"
    first = pool["criteria"][0]
    assert first["status"] == "not_met" and first["gap"] == "营业收入差200万元"
    assert first["text"].endswith("上年度营业收入3000万元以上（含3000万元）") and len(first["chunk_id"]) >= 8
    revenue = next(f for f in data["profile"]["figures"] if f["metric"] == "revenue")
    assert (revenue["value"], revenue["unit"], revenue["label"]) == ("2800", "万元", "营业收入")


def test_profile_values_are_exact_decimals():
    profile = CompanyProfile.from_dict({"revenue": "0.1亿", "rd_ratio": "2.5%", "high_tech": "是", "rd_institution_level": "省级"})
    assert profile.value("revenue") == Decimal("1000.0") and profile.value("rd_ratio") == Decimal("2.5")
    assert profile.value("high_tech") == 1 and profile.value("rd_institution_level") == 3


@pytest.mark.parametrize(("bad", "message"), [
    ({"revenue": "lots"}, "revenue must be a number"),
    ({"revenue": -5}, "cannot be negative"),
    ({"employees": "30万"}, "not money"),
    ({"turnover": 5}, "unknown profile key 'turnover'"),
    ({"category": "农业"}, "category must be one of"),
    ({"high_tech": "maybe"}, "high_tech must be yes or no"),
    ({"years": {"last": {"revenue": 1}}}, "each key must be a year"),
    ([1, 2], "must be an object"),
])
def test_bad_profiles_are_refused_with_the_reason(bad, message):
    with pytest.raises(ValueError, match=message):
        CompanyProfile.from_dict(bad)


def test_a_correction_holds_while_its_clause_is_unchanged():
    chunks = split_document("linchuan", clean_text(load_file(DATA / "linchuan-pool-criteria.md").text))
    docs = {"linchuan": DocumentMeta("linchuan", "临川", region="临川县, 江州市, 江东省")}
    first = levels_from_chunks(chunks, docs)[0].criteria[0]
    fixed = {"kind": "compare", "metrics": ["revenue"], "op": ">=", "value": 2500, "text": "修正"}
    again = levels_from_chunks(chunks, docs, {first.key: fixed})[0].criteria[0]
    assert again.corrected and again.condition.value == Decimal(2500) and again.key == first.key
    changed_text = (DATA / "linchuan-pool-criteria.md").read_text(encoding="utf-8").replace("3000万元以上（含3000万元）",
                                                                                           "3500万元以上")
    changed = split_document("linchuan", clean_text(changed_text))
    after = levels_from_chunks(changed, docs, {first.key: fixed})[0].criteria[0]
    assert not after.corrected and after.condition.value == Decimal(3500)  # the clause changed: parsed anew


def test_a_title_already_held_is_not_the_next_level(levels):
    # meets neither level (revenue too low for both), so without titles the county pool would be nearest
    company = {"region": "临川县", **MANUFACTURER, "revenue": 100, "years_in_field": 2, "employees": 30}
    plain = run_check(CompanyProfile.from_dict(company), levels)
    assert plain.nearest.level.name == f"{POOL} › 制造类"
    holding = run_check(CompanyProfile.from_dict({**company, "titles": ["江州市级专精特新中小企业"]}), levels)
    assert holding.nearest is None  # nothing above the city title in these documents


def test_a_place_in_pinyin_is_found_by_the_messages_words_among_thousands(assistant):
    """A library names thousands of places; the message's words are looked up, not every place tried."""
    checker = assistant.checker
    saved = checker.english_places
    try:
        letters = [a + b + c for a in "bcdfg" for b in "aeiou" for c in "klmnprstvwxz"]  # 300 made-up names
        places = {f"{first}{second}": f"地{n}" for n, (first, second) in enumerate(
            (first, second) for first in letters[:20] for second in letters)}  # 6,000 spellings
        checker.english_places = {**places, **saved}
        profile = checker.profile("We are a manufacturer in Jinhu, main business revenue RMB 60 million last year.")
        assert profile.region and "金湖" in profile.region
        assert checker.profile(f"A maker in {letters[3].title()}{letters[7]}, revenue RMB 10 million.").region \
            == places[letters[3] + letters[7]]
    finally:
        checker.english_places = saved
