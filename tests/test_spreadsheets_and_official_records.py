"""Two shapes the project had not read: a county's list of benefits published as a spreadsheet
(.xlsx: a merged title row, a byline row, a category merged down its rows, a note row whose
rules are numbered inline, a second sheet), and a joint notice in the official layout (红头: the
offices' letterhead "…文件" and 文号 above the title; 版记 below the policy: 抄送 and the office's
印发 date). Fictional places (蕙川县, 棠州市)."""

from __future__ import annotations

import datetime as dt

import pytest

from eval.formats import read_source
from eval.formats_office import render_docx, render_pdf, render_xlsx
from ingest.cleaning import clean_text
from ingest.loaders import load_file
from ingest.pipeline import prepare

from .conftest import library_with

SHEET = """蕙川县2026年度惠企政策兑现清单
发布单位：蕙川县经济和信息化局　　发布日期：2026年4月8日
| 序号 | 类别 | 兑现事项 | 兑现标准 | 受理科室 |
|---|---|---|---|---|
| 1 | 梯度培育 | 省级专精特新中小企业奖励 | 一次性奖励25万元 | 企业科 |
| 2 | ^ | 创新型中小企业奖励 | 一次性奖励2万元 | 企业科 |
| 3 | 技术改造 | 设备投资补助 | 按设备投资额的6%给予补助，单个项目最高150万元 | 技改科 |
备注：1.同一事项符合县内多项政策的，按就高不重复原则执行；2.申报材料一律通过“蕙川惠企通”平台在线提交，不再收取纸质材料。
# 申报材料
| 序号 | 材料名称 | 适用事项 |
|---|---|---|
| 1 | 设备购置发票及付款凭证 | 第3项 |
"""

REDHEAD = """棠州市工业和信息化局 棠州市商务局文件
棠工信联〔2026〕3号
棠州市工业和信息化局 棠州市商务局关于印发《棠州市支持中小企业参展拓市若干措施》的通知
各县（市、区）工业和信息化局、商务局：
现将《棠州市支持中小企业参展拓市若干措施》印发给你们，请认真贯彻落实。
棠州市工业和信息化局　棠州市商务局
2026年5月6日
棠州市支持中小企业参展拓市若干措施
一、展会补助
（一）企业参加目录内境外展会的，按展位费的70%给予补助，单个展会最高6万元。
（二）每家企业每年享受展会补助累计不超过15万元。同一展位由多家企业联合参展的，只能由一家企业申请补助。
二、标准建设
（三）企业主导制定国家标准的，给予一次性奖励30万元；作为主要起草单位参与制定的，给予一次性奖励8万元。
（四）参展企业名录的审核工作由市商务局牵头，市工业和信息化局配合。
三、附则
（五）本措施自2026年6月1日起施行，有效期至2028年5月31日。
抄送：省工业和信息化厅，市政府办公室。
棠州市工业和信息化局办公室　　2026年5月8日印发
"""


def _source(tmp_path, text: str, stem: str):
    path = tmp_path / f"{stem}.md"
    path.write_text(text, encoding="utf-8")
    return read_source(path)


def test_a_workbook_is_read_as_its_office_published_it(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "清单"
    sheet["A1"] = "蕙川县惠企政策清单"
    sheet.merge_cells("A1:D1")
    sheet.append(["序号", "类别", "补助比例", "受理时间"])
    sheet.append([1, "技术改造", 0.06, dt.datetime(2026, 7, 1)])
    sheet["C3"].number_format = "0%"
    sheet.append([2, None, 0.1, "常年受理"])
    sheet["C4"].number_format = "0%"
    sheet.merge_cells("B3:B4")  # a category merged down two rows
    sheet.append([3, "人才", 0.5, "每季度首月"])
    sheet.row_dimensions[5].hidden = True  # hidden by the office: not published
    sheet.append(["材料", "1.营业执照\n2.审计报告", None, None])  # a cell typed on two lines
    sheet.append([4, "技术改造", 0.07, 1234567.5])  # (7 %, not 7.000000000000001 %; not 1.23457e+06)
    sheet["C7"].number_format = "0%"
    draft = book.create_sheet("草稿")
    draft["A1"] = "未定稿内容"
    draft.sheet_state = "hidden"
    path = tmp_path / "list.xlsx"
    book.save(path)
    text = load_file(path).text
    assert text.startswith("蕙川县惠企政策清单\n"), text
    assert "\t6%\n\t2026年7月1日\n" in text, text  # a rate as its format shows it, a date as a text writes it
    assert "\t2\n\t\n\t10%\n\t常年受理\n" in text, text  # the merged cell empty below its first, as in Word
    assert "\t1.营业执照；2.审计报告\n" in text, text
    assert "\t7%\n\t1234567.5\n" in text, text
    assert "人才" not in text and "未定稿" not in text, text


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_a_benefits_sheet_gives_rows_under_their_category_and_its_notes_as_items(tmp_path, fmt):
    blocks = _source(tmp_path, SHEET, "huichuan")
    path = {"xlsx": render_xlsx, "docx": render_docx}[fmt](blocks, tmp_path / f"huichuan.{fmt}")
    prepared = prepare(path, {}, 400)
    meta = prepared.meta
    assert (meta.title, meta.issuer, meta.date_issued, meta.region) == (
        "蕙川县2026年度惠企政策兑现清单", "蕙川县经济和信息化局", "2026-04-08", "蕙川县"), meta
    row = next(c for c in prepared.chunks if "一次性奖励2万元" in c.text)
    assert row.kind == "table_record" and row.section_path == ("梯度培育", "创新型中小企业奖励"), row
    assert "类别：梯度培育" in row.text, row.text  # (the merged category is the row's too)
    notes = next(c for c in prepared.chunks if "就高不重复" in c.text)
    # (once one run-on line: the second rule under the first's words)
    assert notes.text.splitlines()[1].startswith("2.申报材料一律通过"), notes.text
    material = next(c for c in prepared.chunks if "设备购置发票" in c.text)
    assert material.section_path[0] == "【申报材料】", material.section_path


def test_notes_numbered_inline_stand_apart_but_a_decimal_is_no_number():
    assert clean_text("说明：1.本清单每年更新；2.以原文为准。\n") == "说明：\n1.本清单每年更新；\n2.以原文为准。\n"
    assert clean_text("注：1.5倍计算；2.0版以后适用。\n") == "注：1.5倍计算；2.0版以后适用。\n"


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_an_official_documents_record_is_no_clause(tmp_path, fmt):
    blocks = _source(tmp_path, REDHEAD, "tangzhou")
    path = render_pdf(blocks, tmp_path / "tangzhou.pdf", "") if fmt == "pdf" else render_docx(blocks, tmp_path / "tangzhou.docx")
    prepared = prepare(path, {}, 400)
    meta = prepared.meta
    assert (meta.title, meta.doc_number, meta.date_issued) == (
        "棠州市支持中小企业参展拓市若干措施", "棠工信联〔2026〕3号", "2026-05-06"), meta  # (signed, not printed, that day)
    assert meta.issuer == "棠州市工业和信息化局、棠州市商务局", meta
    # (抄送 and the printing office's line were the last article's clauses)
    assert not any("抄送" in c.text or "印发" in c.text.splitlines()[-1] for c in prepared.chunks if c.kind != "notice"), \
        [c.text for c in prepared.chunks]
    assert prepared.chunks[-1].text.startswith("（五）本措施自2026年6月1日起施行"), prepared.chunks[-1].text


@pytest.fixture(scope="module")
def records(settings_factory, tmp_path_factory):
    root = tmp_path_factory.mktemp("records")

    def render(documents):
        render_xlsx(_source(root, SHEET, "huichuan"), documents / "huichuan.xlsx")
        render_pdf(_source(root, REDHEAD, "tangzhou"), documents / "tangzhou.pdf", "")

    return library_with(root, settings_factory, render=render)


@pytest.mark.parametrize(("question", "quoted"), [
    ("蕙川县创新型中小企业奖励多少？", "一次性奖励2万元"),
    ("在蕙川申请兑现还要交纸质材料吗？", "不再收取纸质材料"),  # (a note row's rule; once run together)
    ("蕙川同一个项目能同时享受县里两个政策吗？", "就高不重复"),
    # an aside in brackets is no object of the ask (牵头 was taken for what the reward is for)
    ("棠州参与起草国家标准（不是牵头）有奖励吗？", "一次性奖励8万元"),
    # who files is how one applies, for the case told (a guard here: see the test below)
    ("我们和另一家公司合租一个展位，棠州的展会补助怎么申请？", "只能由一家企业申请补助"),
    ("棠州参展企业名录审核谁牵头？", "由市商务局牵头"),  # (a guard: who leads is still asked for)
])
def test_answers_from_a_sheet_and_an_official_notice(records, question, quoted):
    answer = records.ask(question)
    assert not answer.refused and quoted in answer.text, answer.text


@pytest.mark.parametrize(("question", "said", "unsaid"), [
    ("棠州参展拓市措施从哪天开始实施？", "自2026年6月1日起施行", "未写明"),  # (declined: "no date stated")
    # a list that states neither says so, and its issue date is not taken for either
    ("蕙川的兑现清单哪天开始执行？", "文中未写明施行日期", "起施行"),
    ("蕙川的兑现清单现在还有效吗？", "文中未写明有效期", "目前在有效期内"),
    ("When does Huichuan's policy list take effect?", "the text states no date it takes effect", "in force from"),
])
def test_when_a_document_takes_effect(records, question, said, unsaid):
    # (the first a guard: its clause answered it before; the 蓁州 one of the sets was declined)
    answer = records.ask(question)
    assert not answer.refused and said in answer.text and unsaid not in answer.text, answer.text


def test_the_words_that_ask_when_and_who_files():
    from assistant.document_facts import asks_about_document
    from assistant.stated import detail_present

    assert asks_about_document("蓁州开拓市场措施从哪天开始实施？") and asks_about_document("这个清单哪天开始执行？")
    assert detail_present("procedure", "同一展位由多家企业联合参展的，只能由一家企业申请补助。")


def test_rules_that_take_effect_on_issue_are_not_said_to_lack_a_date(cities):  # (a guard)
    # 泊川's 细则: "本细则自印发之日起施行，有效期5年" — in words no date field holds
    answer = cities.ask("泊川那个细则什么时候开始施行？")
    assert not answer.refused and "未写明" not in answer.text and "自印发之日起施行" in answer.text, answer.text


def test_a_workbook_upload_is_typed_by_its_content(tmp_path):
    from assistant.uploads import sniff_suffix

    path = render_xlsx(_source(tmp_path, SHEET, "huichuan"), tmp_path / "list.bin")
    assert sniff_suffix(path.read_bytes(), "清单.xls") == ".xlsx"


TWO_HEADINGS = """槿川市惠企政策明白表
| 序号 | 政策类别 | 政策名称 | 支持标准 | < | 责任单位 |
| ^ | ^ | ^ | 市级 | 省级 | ^ |
|---|---|---|---|---|---|
| 1 | 梯度培育 | 专精特新企业认定奖励 | 5万元 | 20万元 | 市工信局 |
| 2 | 梯度培育 | 小巨人企业认定奖励 | — | 100万元 | 市工信局 |
| 3 | 研发创新 | 研发机构奖励 | 10万元 | 30万元 | 市科技局 |
"""


@pytest.mark.parametrize("fmt", ["docx", "txt"])
def test_numbered_rows_under_two_heading_rows_stay_records(tmp_path, fmt):
    from eval.formats import render_txt

    blocks = _source(tmp_path, TWO_HEADINGS, "jinchuan")
    path = render_docx(blocks, tmp_path / "jinchuan.docx") if fmt == "docx" else render_txt(blocks, tmp_path / "jinchuan.txt")
    chunks = prepare(path, {}, 400).chunks
    # (each cell was a chunk of its own, "支持标准 › 省级 || 2. 100万元", without the row's name; and
    # 责任单位, merged down, read as 省级's)
    giant = next(c for c in chunks if "100万元" in c.text)
    assert giant.kind == "table_record" and giant.section_path == ("梯度培育", "小巨人企业认定奖励"), giant
    assert "支持标准（省级）：100万元；责任单位：市工信局" in giant.text, giant.text
    assert len([c for c in chunks if c.kind.startswith("table")]) == 3, [c.text for c in chunks]


def test_a_sheet_that_is_only_its_table_is_named_by_its_file(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["序号", "政策名称", "支持标准"])
    book.active.append([1, "研发机构奖励", "30万元"])
    book.save(tmp_path / "槿川市惠企政策明白表.xlsx")
    meta = prepare(tmp_path / "槿川市惠企政策明白表.xlsx", {}, 400).meta
    assert (meta.title, meta.region) == ("槿川市惠企政策明白表", "槿川市"), meta  # (once "政策", of 政策名称)


def test_which_things_no_clause_names_are_declined(records):
    # (the booth clauses were quoted: none names 贷款贴息)
    declined = records.ask("棠州参展的企业能享受哪些贷款贴息？")
    assert declined.refused, declined.text
    answered = records.ask("蕙川的企业能享受哪些设备投资补助？")  # (a guard: the row names it)
    assert not answered.refused and "按设备投资额的6%" in answered.text, answered.text
