"""A government site's information-disclosure page (政府信息公开): the catalogue grid above the
document (索引号, 发布机构, 成文日期, 文号, 有效性…) says who issued it, its 文号 and date when the
text does not, and whether the publisher still holds it in force; the grid is the page's, never a
clause. And an office with a second name (一个机构两块牌子) signs as "…局（…局）". Fictional
places (潆州市, 沄川市)."""

from __future__ import annotations

import pytest

from ingest.loaders import load_file
from ingest.metadata import catalogue_facts, joint_issuer
from ingest.pipeline import prepare

from .conftest import library_with

_GRID = """<table class="xxgk"><tr><td>索引号：</td><td>11330800MB2261/2025-00087</td><td>主题分类：</td><td>工业、交通</td></tr>
<tr><td>发布机构：</td><td>潆州市经济和信息化局</td><td>成文日期：</td><td>2025年03月18日</td></tr>
<tr><td>名称：</td><td colspan="3">潆州市专精特新中小企业技术改造补助办法</td></tr>
<tr><td>文号：</td><td>潆经信规〔2025〕4号</td><td>发布日期：</td><td>2025-03-21</td></tr>
<tr><td>有效性：</td><td>{validity}</td><td></td><td></td></tr></table>"""

_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>潆州市专精特新中小企业技术改造补助办法_潆州市人民政府</title></head>
<body><div class="nav"><a href="/">首页</a> <a href="/zwgk">政务公开</a></div>
<div class="article">{grid}
<h1>潆州市专精特新中小企业技术改造补助办法</h1>
<div class="content">
<p>第一条 为支持专精特新中小企业开展技术改造，制定本办法。</p>
<p>第二条 对专精特新中小企业设备投资额200万元以上的技术改造项目，按设备投资额的12%给予补助，单个项目最高120万元。</p>
<p>第三条 企业于每年5月通过“潆州企服”平台申报，由市经济和信息化局审核。</p>
<p>第四条 本办法自印发之日起施行，有效期3年。</p>
{extra}
</div></div>
<div class="footer">主办单位：潆州市人民政府办公室 网站标识码：3308000001</div></body></html>"""

_REPEALED_LIST = """<p>附件：同时废止的文件目录</p>
<table><tr><th>序号</th><th>文件名称</th><th>文号</th><th>发文日期</th></tr>
<tr><td>1</td><td>潆州市技术改造专项资金管理办法</td><td>潆经信〔2019〕12号</td><td>2019年6月3日</td></tr>
<tr><td>2</td><td>潆州市工业企业设备更新补助细则</td><td>潆经信〔2021〕7号</td><td>2021年8月9日</td></tr></table>"""


def _page(tmp_path, validity: str = "有效", extra: str = "", name: str = "yingzhou.html"):
    path = tmp_path / name
    path.write_text(_PAGE.format(grid=_GRID.format(validity=validity), extra=extra), encoding="utf-8")
    return path


def test_the_catalogue_grid_states_issuer_number_and_date_the_text_leaves_out(tmp_path):
    prepared = prepare(_page(tmp_path), {}, 320)
    meta = prepared.meta
    assert (meta.title, meta.issuer, meta.doc_number, meta.date_issued) == (
        "潆州市专精特新中小企业技术改造补助办法", "潆州市经济和信息化局", "潆经信规〔2025〕4号", "2025-03-18")
    # (成文日期, not the site's 发布日期; and 自印发之日起施行，有效期3年 reckoned from it)
    assert (meta.valid_from, meta.valid_until, meta.status) == ("2025-03-18", "2028-03-17", "in_force")
    assert meta.region == "潆州市"
    # the grid is the page's: no clause quotes it
    assert not any("索引号" in c.text or "主题分类" in c.text for c in prepared.chunks)
    assert [c.section_path[-1] for c in prepared.chunks if c.kind == "article"][:2] == ["第一条", "第二条"]


@pytest.mark.parametrize("shape", ["list", "definitions"])
def test_a_catalogue_set_out_as_a_list_is_read_too(tmp_path, shape):
    fields = [("索引号", "11330800MB2261/2025-00087"), ("发布机构", "潆州市经济和信息化局"), ("成文日期", "2025-03-18"),
              ("文号", "潆经信规〔2025〕4号"), ("有效性", "失效")]
    grid = ("<ul class=\"xxgk\">" + "".join(f"<li><span>{k}：</span><span>{v}</span></li>" for k, v in fields) + "</ul>"
            if shape == "list" else "<dl>" + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in fields) + "</dl>")
    path = tmp_path / f"{shape}.html"
    path.write_text(_PAGE.format(grid=grid, extra=""), encoding="utf-8")
    prepared = prepare(path, {}, 320)
    assert (prepared.meta.issuer, prepared.meta.doc_number, prepared.meta.date_issued, prepared.meta.status) == (
        "潆州市经济和信息化局", "潆经信规〔2025〕4号", "2025-03-18", "invalid")
    assert not any("索引号" in c.text or "成文日期" in c.text for c in prepared.chunks)


def test_a_page_marked_no_longer_in_force_is_so_whatever_its_dates_say(tmp_path):
    meta = prepare(_page(tmp_path, "失效"), {}, 320).meta
    assert meta.status == "invalid" and meta.valid_until == "2028-03-17"
    assert "invalid" in meta.flags(__import__("datetime").date(2026, 12, 7))
    warnings = prepare(_page(tmp_path, "失效"), {}, 320).report.warnings  # (the ingest report says so too)
    assert any("标注为失效" in w for w in warnings)
    assert prepare(_page(tmp_path, "已废止", name="b.html"), {}, 320).meta.status == "invalid"
    labelled = _PAGE.format(grid=_GRID.format(validity="x").replace("有效性：", "效力：").replace(">x<", ">已失效<"), extra="")
    (tmp_path / "c.html").write_text(labelled, encoding="utf-8")
    assert prepare(tmp_path / "c.html", {}, 320).meta.status == "invalid"


def test_a_table_of_documents_in_the_body_is_no_catalogue(tmp_path):
    page = _PAGE.format(grid="", extra=_REPEALED_LIST)
    path = tmp_path / "bare.html"
    path.write_text(page, encoding="utf-8")
    assert load_file(path).catalogue == ()
    prepared = prepare(path, {}, 320)
    assert prepared.meta.doc_number is None  # (not the 文号 of a document it repeals)
    assert any("潆经信〔2021〕7号" in c.text for c in prepared.chunks)  # the table stays a table


@pytest.mark.parametrize(("grid", "expected"), [
    ({"发布机构": "沄川市科学技术局", "发文字号": "沄科发〔2026〕9号", "成文日期": "2026.04.02"},
     {"issuer": "沄川市科学技术局", "doc_number": "沄科发〔2026〕9号", "date_issued": "2026-04-02"}),
    # a value of another shape is no such fact (a topic in the issuer's cell, a date in the 文号's)
    ({"发布机构": "工业、交通", "文号": "2026-04-02", "成文日期": "不详", "有效性": "有效"}, {}),
])
def test_catalogue_facts_take_a_value_only_in_its_fields_shape(grid, expected):
    assert catalogue_facts(grid) == expected


def test_an_office_with_a_second_name_signs_as_one_issuer(tmp_path):
    text = ("沄川市市场监督管理局关于印发《沄川市知识产权质押融资贴息办法》的通知\n沄市监发〔2026〕5号\n各县（市、区）市场监督管理局：\n"
            "现将《沄川市知识产权质押融资贴息办法》印发给你们，请认真组织实施。\n沄川市市场监督管理局（沄川市知识产权局）\n2026年3月2日\n"
            "沄川市知识产权质押融资贴息办法\n第一条 企业以专利权质押获得贷款的，按贷款利息的40%给予贴息，每家企业每年最高20万元。\n"
            "第二条 本办法自2026年4月1日起施行。\n")
    path = tmp_path / "yunchuan.txt"
    path.write_text(text, encoding="utf-8")
    meta = prepare(path, {}, 320).meta
    assert meta.issuer == "沄川市市场监督管理局（沄川市知识产权局）" and meta.date_issued == "2026-03-02"
    assert joint_issuer("沄川市市场监督管理局（沄川市知识产权局）　沄川市财政局") == \
        "沄川市市场监督管理局（沄川市知识产权局）、沄川市财政局"


@pytest.fixture(scope="module")
def invalid_page_library(tmp_path_factory, settings_factory):
    root = tmp_path_factory.mktemp("infopage")
    return library_with(root, settings_factory, {"yingzhou.html": _PAGE.format(grid=_GRID.format(validity="失效"), extra="")})


def test_an_answer_from_a_page_marked_invalid_says_so(invalid_page_library):
    answer = invalid_page_library.ask("潆州技术改造补助多少？")
    assert not answer.refused and "12%" in answer.text
    assert "已被发布机关标注为失效" in answer.text
    facts = invalid_page_library.ask("潆州的技术改造补助办法现在还有效吗？")
    assert not facts.refused and "已被发布机关标注为失效" in facts.text and "目前在有效期内" not in facts.text


def test_a_document_marked_no_longer_in_force_ranks_after_one_in_force(tmp_path_factory, settings_factory):
    # (two pages of the same city on the same subsidy: the one the site marks 失效 comes second)
    old = _PAGE.format(grid=_GRID.format(validity="失效"), extra="")
    new = (_PAGE.replace("技术改造补助办法", "技术改造补助实施细则").replace("按设备投资额的12%", "按设备投资额的15%")
           .format(grid=_GRID.format(validity="有效").replace("2025-00087", "2026-00012").replace("〔2025〕4号", "〔2026〕2号")
                   .replace("技术改造补助办法", "技术改造补助实施细则"), extra=""))
    library = library_with(tmp_path_factory.mktemp("two-pages"), settings_factory, {"old.html": old, "new.html": new})
    answer = library.ask("潆州技术改造补助多少？")
    assert not answer.refused and "15%" in answer.citations[0].quote, answer.text
    ids = [c.doc_id for c in answer.citations]  # every clause of the page in force before the other's
    assert ids == sorted(ids, key=lambda i: i == "old") and "new" in ids, ids
