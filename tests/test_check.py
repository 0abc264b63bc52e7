"""The eligibility check as users reach it: figures in a sentence, profile files, the CLI, the
REST API and the chat, over the real index of knowledge/."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
import requests

from assistant.profile_files import read_profiles
from assistant.profile_text import profile_from_text

from .test_cli import cli, cli_env  # noqa: F401  (the CLI's index fixture)

PLACES = ("金湖县", "金湖", "盐城市", "盐城")  # most local first, as EligibilityChecker.places gives them


@pytest.mark.parametrize(("text", "expected"), [
    ("我们是金湖的制造企业，去年营收3800万，利润460万，近三年增长6%",
     {"revenue": "3800", "total_profit": "460", "revenue_growth": "6"}),
    ("主营业务收入三千八百万，研发投入占比两个半点", {"main_revenue": "3800", "rd_ratio": "2.5"}),
    ("营收1.2亿元，净利润800万元，资产负债率百分之五十五", {"revenue": "12000", "net_profit": "800", "debt_ratio": "55"}),
    ("有2项发明专利，3项实用新型，员工85人", {"invention_patents": "2", "utility_patents": "3", "employees": "85"}),
    ("We make auto parts: revenue 60 million yuan, growth 9%, R&D at 4.5%, 3 invention patents and 40 employees",
     {"revenue": "6000", "revenue_growth": "9", "rd_ratio": "4.5", "invention_patents": "3", "employees": "40"}),
    ("是高新技术企业，有省级工程技术研究中心，2016年成立，全省排名第4",
     {"high_tech": "1", "rd_institution_level": "3", "founded_year": "2016", "market_rank_province": "4"}),
    # a percentage is a share, a growth rate or a named ratio, never an amount of money
    ("研发投入占营收5%，主营收入占总收入85%，近两年营收增长7%，负债率五成，主导产品占收入75%",
     {"rd_ratio": "5", "main_revenue_share": "85", "revenue_growth": "7", "debt_ratio": "50", "main_product_share": "75"}),
    (("Main-business revenue is about 85% of the total, we're No. 2 in the province, we've been in this niche for "
      "6 years, annual revenue is around RMB 80 million, and R&D spending averaged 4% of revenue. We run a joint lab "
      "with a university and have high-tech status."),
     {"main_revenue_share": "85", "market_rank_province": "2", "years_in_field": "6", "revenue": "8000",
      "rd_ratio": "4", "rd_institution_level": "1", "high_tech": "1"}),
    ("营收6000万，利润率10%，成本三成", {"revenue": "6000", "operating_margin": "10"}),
])
def test_figures_read_from_a_sentence(text, expected):
    profile = profile_from_text(text, PLACES)
    assert {k: format(f.value.normalize(), "f") for k, f in profile.figures.items()} == expected


def test_region_category_and_a_figure_without_unit():
    profile = profile_from_text("我们是金湖县的一家零部件工厂，营收3800", PLACES)
    assert (profile.region, profile.category) == ("金湖县", "制造类")
    assert profile.value("revenue") == Decimal(3800) and "按万元理解" in profile.notes[0]
    assert profile_from_text("我们做软件服务", PLACES).category == "服务类"
    assert profile_from_text("你好", PLACES).figures == {}


def test_profile_files_json_yaml_csv_xlsx(tmp_path):
    from openpyxl import Workbook

    (tmp_path / "a.json").write_text(json.dumps({"region": "金湖县", "营业收入": "3800万", "years": {"2024": {"revenue": 3800}}},
                                                ensure_ascii=False), encoding="utf-8")
    (tmp_path / "b.yaml").write_text("- region: 盐城\n  revenue: 1.2亿\n- name: 乙\n  rd_ratio: 3%\n", encoding="utf-8")
    (tmp_path / "c.csv").write_text("name,revenue,category\n甲,500,制造类\n", encoding="utf-8")
    book = Workbook()
    book.active.append(["企业名称", "营业收入", "发明专利"])
    book.active.append(["丙", 2000, 3])
    book.save(tmp_path / "d.xlsx")
    assert read_profiles(tmp_path / "a.json")[0].value("revenue") == 3800
    assert [p.value("revenue") for p in read_profiles(tmp_path / "b.yaml")] == [12000, None]
    assert read_profiles(tmp_path / "c.csv")[0].category == "制造类"
    xlsx = read_profiles(tmp_path / "d.xlsx")[0]
    assert (xlsx.name, xlsx.value("invention_patents")) == ("丙", 3)


@pytest.mark.parametrize(("name", "content", "message"), [
    ("e.json", b"", "the file is empty"),
    ("f.json", b"{not json", "not valid JSON"),
    ("g.yaml", b"a: [1,", "not valid YAML"),
    ("h.xlsx", b"PK\x03\x04broken", "not a readable XLSX"),
    ("i.json", "营业收入".encode("gbk"), "not UTF-8"),
    ("j.txt", b"revenue: 1", "profiles are read from"),
    ("k.json", b'[{"revenue": 1}, {"revenue": "x"}]', "company 2: revenue must be a number"),
])
def test_bad_profile_files_are_reported(tmp_path, name, content, message):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(ValueError, match=message):
        read_profiles(tmp_path / name)


def test_check_over_the_seed_library(assistant):
    report = assistant.check(_profile({"region": "金湖县", "category": "制造类", "main_revenue": 5000, "total_profit": 100,
                                       "revenue_growth": 8, "rd_ratio": 3, "rd_institution_level": "市级",
                                       "market_rank_national": 5}))
    provincial = next(r for r in report.results if r.level.name == "省级专精特新小巨人企业 › 制造类")
    assert provincial.verdict == "eligible"  # 5000万 exactly: 以上（含5000万元）
    assert [c.status for c in provincial.checks] == ["met", "met", "met", "manual", "met", "met"]
    short = assistant.check(_profile({"region": "金湖县", "category": "制造类", "main_revenue": 4999, "total_profit": "399.99"}))
    first = next(r for r in short.results if r.level.name == "省级专精特新小巨人企业 › 制造类").checks[0]
    assert first.status == "not_met" and first.outcome.gaps == ("主营业务收入差1万元或利润总额差0.01万元",)
    clause = next(c for c in assistant.retriever.doc_chunks("jinhu-plan-2022") if c.chunk_id == first.criterion.chunk_id)
    assert clause.section_path[0] == "附件4 省级专精特新小巨人企业申报条件" and "5000万元" in clause.text


def test_a_city_title_in_a_county_document_applies_across_the_city(assistant):
    names = {r.level.name for r in assistant.check(_profile({"region": "淮安市", "main_revenue": 100})).results}
    assert "市级专精特新小巨人企业" in names and not any("金湖县" in n for n in names)
    assert any("省级" in n for n in names) and any("国家" in n for n in names)


def _profile(data):
    from assistant.profile import CompanyProfile

    return CompanyProfile.from_dict(data)


def test_a_chat_question_with_figures_gets_the_check(assistant):
    answer = assistant.ask("我们是金湖的制造企业，去年主营业务收入6000万元，利润总额300万，能申请省级专精特新小巨人吗？")
    assert answer.answerer == "check" and not answer.refused
    assert "主营业务收入 6000万元" in answer.text and "省级专精特新小巨人企业 › 制造类" in answer.text
    assert answer.text.index("省级专精特新小巨人企业") < answer.text.index("金湖县专精特新小巨人企业培育库")  # the level asked first
    assert all(c.doc_id == "jinhu-plan-2022" for c in answer.citations[:5])
    assert answer.retrieved  # retrieval still ran: the evaluation's recall sees the criteria clauses
    plain = assistant.ask("申请省级专精特新小巨人需要什么条件？")
    assert plain.answerer != "check"  # no figures: the criteria themselves


def test_the_level_asked_comes_first(assistant):
    national = assistant.ask("我们营收八千万，是省专，近两年研发投入占营收5%，发明专利3项，想冲国家级小巨人，研发这块够不够？")
    first = national.text.split("\n\n")[1]
    assert first.startswith("【国家专精特新小巨人和单项冠军") and "差1个百分点" in first  # 5000万–1亿: 6 %
    pool = assistant.ask("我们主导产品占收入75%，有两项实用新型专利，近三年增长率6%，在江苏，能进省千企升级库吗？")
    assert pool.text.split("\n\n")[1].startswith("【省千企升级企业")


def test_cli_check_json_and_text(cli_env, tmp_path):  # noqa: F811
    profile = tmp_path / "company.json"
    profile.write_text(json.dumps({"region": "金湖县", "category": "制造类", "main_revenue": "6000万"}, ensure_ascii=False),
                       encoding="utf-8")
    result = cli(cli_env, "check", str(profile), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {r["verdict"] for r in data["results"]} <= {"eligible", "not_eligible", "incomplete"}
    provincial = next(r for r in data["results"] if r["level"] == "省级专精特新小巨人企业 › 制造类")
    assert provincial["criteria"][0]["status"] == "met" and provincial["document"]["doc_id"] == "jinhu-plan-2022"
    text = cli(cli_env, "check", "--text", "我们是金湖的制造企业，去年主营业务收入4000万元")
    assert text.returncode == 0 and "主营业务收入差1000万元" in text.stdout and "来源：" in text.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["check"], "give either PROFILE_FILE or --text"),
    (["check", "missing.json"], "missing.json: cannot be read"),
    (["check", "--text", " "], "the question is empty"),
])
def test_cli_check_mistakes(cli_env, args, message):  # noqa: F811
    result = cli(cli_env, *args)
    assert result.returncode != 0 and message in result.stderr and "Traceback" not in result.stderr


def test_rest_check(served):
    url = served[0] + "api/check"
    ok = requests.post(url, json={"text": "我们是金湖的制造企业，去年主营业务收入6000万元"}, timeout=60)
    assert ok.status_code == 200
    data = ok.json()
    assert data["profile"]["region"] == "金湖" and data["results"]
    by_profile = requests.post(url, json={"profile": {"main_revenue": 100}, "region": "金湖县"}, timeout=60).json()
    assert by_profile["profile"]["region"] == "金湖县"
    for body, message in (({}, "either"), ({"profile": {"revenue": "x"}}, "must be a number"),
                          ({"text": "x" * 5000}, "characters long")):
        bad = requests.post(url, json=body, timeout=60)
        assert bad.status_code == 400 and message in bad.json()["detail"]


def test_gradio_api_check(api_client):
    result = api_client.predict(profile=json.dumps({"region": "金湖县", "main_revenue": 6000}), api_name="/check")
    assert result["profile"]["figures"][0]["value"] == "6000" and result["results"]
    text = api_client.predict(text="我们是金湖的制造企业，去年主营业务收入6000万元", api_name="/check")
    assert text["profile"]["category"] == "制造类"


def test_batch_workbook_matrix_and_criteria(assistant, tmp_path):
    from openpyxl import load_workbook

    from assistant.check_batch import batch_workbook, check_batch

    companies = [_profile({"name": "甲", "region": "金湖县", "category": "制造类", "main_revenue": 6000}),
                 _profile({"name": "乙", "region": "金湖县", "category": "制造类", "main_revenue": 4999, "total_profit": 100})]
    seen = []
    results = check_batch(assistant, companies, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 2), (2, 2)]
    batch_workbook(results, tmp_path / "m.xlsx")
    book = load_workbook(tmp_path / "m.xlsx")
    rows = list(book["matrix"].iter_rows(values_only=True))
    column = rows[0].index("省级专精特新小巨人企业 › 制造类")
    assert rows[1][0] == "甲" and rows[2][0] == "乙"
    assert "主营业务收入差1万元或利润总额差300万元" in rows[2][column] and rows[2][column].startswith("✗")
    assert not rows[1][column].startswith("✗")
    criteria = list(book["criteria"].iter_rows(values_only=True))
    assert len(criteria) > 20 and all(len(r[7]) >= 8 for r in criteria[1:])  # each with its chunk id


def test_an_english_question_gets_an_english_summary_above_the_quoted_criteria(assistant):
    answer = assistant.ask("We are a manufacturer. Our main-business revenue is RMB 48 million and total profit "
                           "RMB 3.9 million. Do we qualify for the provincial little giant?")
    assert answer.answerer == "check" and answer.language == "en"
    assert answer.text.startswith("Eligibility check") and "main-business revenue 4800 万元" in answer.text
    first = answer.text.splitlines()[1]
    assert first.startswith("- 省级专精特新小巨人企业 › 制造类: not met")
    assert "主营业务收入差200万元或利润总额差10万元" in answer.text


def test_titles_the_company_holds_are_read():
    assert profile_from_text("我们营收八千万，是省专，想冲国家级").titles == ("省级专精特新中小企业",)
    assert profile_from_text("前两年评上了省级专精特新").titles == ("省级专精特新",)
    assert profile_from_text("我们是制造企业").titles == ()


def test_a_series_of_yearly_amounts_in_a_sentence():
    import datetime as dt

    from assistant.eligibility import metric_value

    profile = profile_from_text("主营收入去年四千八百万，前年四千二百万，大前年3900万", today=dt.date(2026, 12, 4))
    assert profile.value("main_revenue") == 4800  # the latest year is the figure
    assert {y: row["main_revenue"] for y, row in profile.yearly.items()} == {2025: 4800, 2024: 4200, 2023: 3900}
    growth, note = metric_value("main_revenue_growth", profile, 2)
    # (4200 - 3900) / 3900 = 7.6923 %, (4800 - 4200) / 4200 = 14.2857 %: their mean
    assert round(growth, 4) == Decimal("10.9890") and "算术平均" in note


@pytest.mark.parametrize(("text", "earlier", "expected"), [
    ("去年我们主营收入2000万，在金湖，县培育库收不收？", [], True),  # the asking clause names the title
    ("营收6500万，国家级小巨人研发这关稳吗？", [], True),
    ("营收5000万，入库研发这条差多少？", [], True),
    ("We have revenue of RMB 50 million. Do we qualify?", [], True),
    ("员工一百多人，前两年评上了省级专精特新，想请教授兼职做技术负责人，市里支持吗？", [], False),  # the title is context
    ("那市级的呢？", ["营收5200万，能报省级小巨人吗？"], True),
    ("那市级的呢？", ["国家级小巨人奖励多少？"], False),
])
def test_which_questions_ask_for_the_check(text, earlier, expected):
    from assistant.eligibility_service import asks_eligibility

    assert asks_eligibility(text, earlier) is expected


def test_a_follow_up_checks_the_level_it_names_with_the_earlier_figures(assistant):
    from assistant.types import Turn

    first = "我们在淮安，主营收入5200万，全省排第九，能报省级小巨人吗？"
    earlier = assistant.ask(first)
    assert earlier.answerer == "check"
    follow = assistant.ask("那市级的呢？", [Turn("user", first), Turn("assistant", earlier.text)])
    assert follow.answerer == "check"
    assert follow.text.split("\n\n")[1].startswith("【市级专精特新小巨人企业")
    assert "主营业务收入 5200万元" in follow.text  # the figures of the earlier turn


def test_a_place_written_in_pinyin_is_the_company_region(assistant):
    profile = assistant.checker.profile("We are a manufacturer in Jinhu with main-business revenue of RMB 21 million.")
    assert profile.region == "金湖" and profile.value("main_revenue") == 2100
    assert assistant.checker.profile("We are in Huai'an, revenue RMB 50 million").region == "淮安"
    assert assistant.checker.profile("We make chinaware, revenue RMB 50 million").region is None


def test_enough_for_a_title_is_an_eligibility_question(assistant):
    # "够省级专精特新吗" / "能评省级吗": whether the company qualifies, with its figures
    for question in ("我们是盐城的企业，去年营收3800万，利润460万，够省级专精特新吗？",
                     "我们在连云港，营收5000万，研发占比4%，能评省级专精特新吗？"):
        answer = assistant.ask(question)
        assert answer.answerer == "check" and "【政策体检】" in answer.text
