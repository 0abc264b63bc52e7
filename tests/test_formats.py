"""Policy documents the project never indexed, in every format they are published in.

The fictional documents of ``eval/formats`` are rendered as GBK text with space-aligned or
full-width ｜ tables, Markdown, Word (automatic numbering, merged cells), PDF (reportlab's
CJK font: wrapped lines, page numbers, running headers, ruled tables) and web pages
(navigation, breadcrumbs, share buttons, footer). Whatever the format, the same structure
and the metadata the document states must come out.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from eval.format_corpus import DOCUMENTS
from eval.formats import Table, render_txt
from ingest.cleaning import clean_text
from ingest.html_pages import load_html
from ingest.metadata import infer_metadata, validity
from ingest.pipeline import prepare
from ingest.report import ragged_tables
from ingest.splitter import split_document
from ingest.structure import parse_division
from ingest.text_tables import find_tables, to_cell_lines

CASES = [(doc, fmt) for doc in DOCUMENTS for fmt in doc.formats]
FURNITURE = re.compile(r"(— \d+ —|规范性文件$|人民政府文件$|分享到|打印本页|网站标识码|当前位置|备案号|浏览次数|无障碍)")


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    out = {}
    for doc, fmt in CASES:
        folder = tmp_path_factory.mktemp(fmt)
        out[(doc.stem, fmt)] = prepare(doc.render(fmt, folder), {}, 320)
    return out


@pytest.mark.parametrize(("doc", "fmt"), CASES, ids=[f"{d.stem.split('-')[0]}-{f}" for d, f in CASES])
def test_every_format_gives_the_metadata_the_document_states(prepared, doc, fmt):
    meta = prepared[(doc.stem, fmt)].meta.to_dict()
    for name in ("title", "issuer", "region", "doc_number", "date_issued", "valid_from", "valid_until",
                 "period_start", "period_end"):
        assert meta[name] == doc.expected.get(name), (fmt, name)
    assert meta["status"] == doc.expected.get("status", "in_force" if doc.expected.get("date_issued") else "unknown")


@pytest.mark.parametrize(("doc", "fmt"), CASES, ids=[f"{d.stem.split('-')[0]}-{f}" for d, f in CASES])
def test_every_format_gives_the_same_chunks_without_page_furniture(prepared, doc, fmt):
    chunks = prepared[(doc.stem, fmt)].chunks
    reference = prepared[(doc.stem, next(iter(doc.formats)))].chunks
    assert [(c.kind, c.section_path) for c in chunks] == [(c.kind, c.section_path) for c in reference]
    # a web page puts its heading (the notice's title) first: the covering notice has the same lines
    assert [_lines(c) for c in chunks] == [_lines(c) for c in reference]
    for chunk in chunks:
        assert not any(FURNITURE.search(line.strip()) for line in chunk.text.split("\n")), chunk.text
    # only the warnings the document calls for: an ended period, no date at all, a draft
    ended = (doc.expected.get("period_end") or 9999) < dt.date.today().year  # (汧阳's 2026—2028 plan runs on)
    expected = {"政策期" if ended else None,
                "未找到成文日期" if not (doc.expected.get("date_issued") or doc.expected.get("period_end")) else None,
                "征求意见稿" if doc.expected.get("status") == "draft" else None} - {None}
    assert {w.split(" ")[0].split("，")[0][:7] for w in prepared[(doc.stem, fmt)].report.warnings} == {e[:7] for e in expected}


def _lines(chunk):
    lines = [re.sub(r"\s", "", line) for line in chunk.text.split("\n")]
    return sorted(lines) if chunk.kind == "notice" else lines


def test_articles_are_units_that_keep_their_items_and_can_be_asked_for_by_number(prepared):
    chunks = prepared[("chengling-certification-measures", "pdf")].chunks
    articles = {c.section_path[-1]: c for c in chunks if c.kind == "article"}
    assert len(articles) == 18 and set(articles) >= {"第一条", "第十六条", "第十八条"}
    revoke = articles["第十六条"]
    assert revoke.section_path == ("第五章 动态管理", "第十六条")
    assert "（一）在申报、复核过程中提供虚假材料" in revoke.text and "（四）无正当理由拒不报送运行监测数据" in revoke.text
    # a chapter heading is never glued to the article after it
    assert not any(c.text.startswith("第四章") for c in chunks)


def test_table_rows_are_chunks_under_their_column_headings(prepared):
    scoring = [c for c in prepared[("chengling-certification-measures", "html")].chunks if c.kind == "table_record"]
    assert scoring[0].section_path == ("附件 澄岭市专精特新中小企业评分标准", "研发投入强度")
    assert scoring[0].text.startswith("指标：研发投入强度；分值：20分；评分标准：研发费用占营业收入比重5%以上得20分")
    criteria = [c for c in prepared[("luchuan-little-giant-plan", "pdf")].chunks if c.kind == "table_row"]
    row = next(c for c in criteria if c.text == "营业收入：300万元以上")  # the merged heading reaches 服务类
    assert row.section_path == ("附件 鹭川市梯度培育库入库条件", "创新型中小企业", "服务类")
    records = [c for c in prepared[("hepu-ten-measures", "txt-gbk")].chunks if c.kind == "table_record"]
    assert records[2].section_path[-1] == "北京证券交易所上市" and "兑现部门：县金融发展服务中心" in records[2].text


@pytest.mark.parametrize("fmt", ["html", "pdf", "docx"])
def test_a_policy_list_row_is_a_measure_under_its_merged_category(prepared, fmt):
    chunks = prepared[("qiyuan-policy-list", fmt)].chunks
    records = [c for c in chunks if c.kind == "table_record"]
    assert len(records) == 14
    # the category is merged down three rows: the rows below the first take it, in path and text
    second = records[1]
    assert second.section_path == ("梯度培育", "省级专精特新中小企业认定奖励")
    assert second.text.startswith("2. 政策类别：梯度培育；政策事项：省级专精特新中小企业认定奖励；支持标准：")
    assert "咨询电话：0731-5520101" in second.text
    assert records[5].section_path == ("创新研发", "发明专利授权资助")
    # "说明：" heads the numbered remarks under it rather than standing as a clause of its own
    remarks = [c for c in chunks if "就高原则" in c.text]
    assert [c.section_path[0] for c in remarks] == ["说明"] and not any(c.text == "说明：" for c in chunks)


def test_fill_down_reaches_only_the_cells_before_a_rows_own_text():
    from ingest.tables import parse_table
    lines = ["\t序号", "\t类别", "\t事项", "\t备注", "",
             "\t1", "\t融资", "\t贴息", "\t按年申报", "",
             "\t2", "\t", "\t担保", "\t", ""]
    cells = parse_table(lines)
    assert [c.column_path for c in cells] == [("融资", "贴息"), ("融资", "担保")]
    assert cells[1].text == "类别：融资；事项：担保"  # an empty 备注 stays empty


def test_word_automatic_numbering_is_kept_as_text(prepared):
    clauses = [c for c in prepared[("hepu-ten-measures", "docx")].chunks if c.kind == "clause"]
    assert [c.section_path[0] for c in clauses[:3]] == ["一、建立梯度培育库", "二、实施认定奖励", "三、支持技术改造"]
    assert clauses[9].text.startswith("十、优化涉企服务")


def test_a_short_list_under_one_heading_is_one_chunk(prepared):
    lists = [c for c in prepared[("shanyu-application-notice", "md")].chunks if c.kind == "list"]
    materials = next(c for c in lists if c.section_path == ("四、申报材料",))
    assert materials.text.count("\n") == 4 and "2. 企业营业执照副本复印件" in materials.text


@pytest.mark.parametrize(("line", "label"), [
    ("第十六条 市级专精特新企业有下列情形之一的", "第十六条"), ("第一百零五条本办法自发布之日起施行", "第一百零五条"),
    ("第四章 支持政策", "第四章 支持政策"), ("第二节　资金管理", "第二节 资金管理"),
    ("第十六条规定的情形，不予受理。", None), ("第五条至第八条所列材料", None), ("第二章所列条件，应当同时满足。", None),
])
def test_articles_chapters_and_references_to_them(line, label):
    division = parse_division(line)
    assert (division.label if division else None) == label


def test_text_tables_in_every_shape_become_cell_lines():
    rows = [["指标", "分值"], ["研发投入", "20分"], ["知识产权", "15分"]]
    shapes = {"pipes": ["| 指标 | 分值 |", "|---|---|", "| 研发投入 | 20分 |", "| 知识产权 | 15分 |"],
              "fullwidth": ["｜指标｜分值｜", "｜研发投入｜20分｜", "｜知识产权｜15分｜"],
              "tabs": ["指标\t分值", "研发投入\t20分", "知识产权\t15分"],
              "spaces": ["指标        分值", "研发投入    20分", "知识产权    15分"]}
    for name, lines in shapes.items():
        tables = find_tables(["前文一段。", *lines, "后文一段。"])
        assert len(tables) == 1 and tables[0].rows == rows, name
        assert to_cell_lines(lines)[1:4] == ["\t指标", "\t分值", ""], name
    # prose with a stray bar or double space is no table, nor are articles after a full-width space
    assert find_tables(["企业应当按照A|B两类申报。", "第二段  正文。"]) == []
    assert find_tables(["第二章　奖励标准", "第三条　对首次认定的企业奖励60万元。", "第四条　应于认定后六个月内申请。",
                        "第五条  本办法自2025年1月1日起施行。"]) == []
    assert find_tables(["第三条\t对首次认定的企业奖励60万元。", "第四条\t应于认定后六个月内申请。"]) == []


def test_ragged_text_tables_are_reported():
    cells = to_cell_lines(["｜项目｜金额｜", "｜A｜1万元｜", "｜B｜2万元｜备注｜", "正文。"])
    assert ragged_tables(cells) == 1
    assert ragged_tables(to_cell_lines(["｜项目｜金额｜", "｜A｜1万元｜"])) == 0


def test_html_spans_become_empty_cells_and_boilerplate_is_dropped():
    page = ("<html><head><title>某某通知_某某市人民政府</title></head><body><div class='nav'>首页 政务公开 政务服务 "
            "互动交流</div><div class='crumb'>当前位置：首页 &gt; 政策文件</div><h1>某某市专精特新企业奖励办法</h1>"
            "<div id='zoom'><p>一、总体要求。为推动中小企业走专精特新发展道路，加快培育一批专注细分市场的企业，制定本办法。</p>"
            "<p>二、奖励标准。对新认定的市级专精特新企业给予一次性奖励10万元，对国家级专精特新小巨人企业给予50万元。</p>"
            "<table><tr><th rowspan='2'>指标</th><th colspan='2'>市级</th></tr><tr><th>制造类</th><th>服务类</th></tr>"
            "<tr><td>营业收入</td><td>2000万元以上</td><td>1000万元以上</td></tr></table></div>"
            "<div class='footer'>网站标识码：123 分享到：微信</div></body></html>")
    text, title = load_html(page)
    assert title == "某某市专精特新企业奖励办法" and text.startswith("某某市专精特新企业奖励办法\n")
    assert "当前位置" not in text and "网站标识码" not in text and "政务服务" not in text
    cells = [line for line in text.split("\n") if line.startswith("\t")]
    assert cells == ["\t指标", "\t市级", "\t", "\t", "\t制造类", "\t服务类", "\t营业收入", "\t2000万元以上", "\t1000万元以上"]


@pytest.mark.parametrize("line, issuer", [
    ("栖沅市工业和信息化局栖沅市财政局", "栖沅市工业和信息化局、栖沅市财政局"),  # run together by cleaning
    ("澄岭市工业和信息化局、澄岭市财政局", "澄岭市工业和信息化局、澄岭市财政局"),
    ("禾浦县人民政府办公室", "禾浦县人民政府办公室"),
    ("澄岭市发展和改革委员会", "澄岭市发展和改革委员会"),
    ("国家税务总局澄岭市税务局", "国家税务总局澄岭市税务局"),  # not two places' offices: left as it is
])
def test_offices_signing_together_are_named_apart(line, issuer):
    from ingest.metadata import joint_issuer
    assert joint_issuer(line) == issuer


def test_validity_is_the_documents_own_not_a_certificates():
    text = ("第十四条 认定有效期为3年。\n第十八条 本办法自2025年3月1日起施行，有效期三年。")
    assert validity(text, None) == {"valid_from": "2025-03-01", "valid_until": "2028-02-29"}
    assert validity("本措施自印发之日起施行，有效期至2025年12月31日。", "2024-06-03") == {
        "valid_from": "2024-06-03", "valid_until": "2025-12-31"}
    assert validity("专精特新企业认定有效期为3年。", "2024-06-03") == {}
    assert validity("本措施自二〇二四年七月一日起施行，有效期至二〇二六年十二月三十一日。", None) == {
        "valid_from": "2024-07-01", "valid_until": "2026-12-31"}  # dates as official documents print them
    # a misprinted end before the start is dropped, never a document that cannot be read
    assert validity("本办法自2025年3月1日起施行，有效期至2025年2月28日。", None) == {"valid_from": "2025-03-01"}


def test_county_region_names_its_city_and_a_closing_signature_dates_the_notice():
    blocks = DOCUMENTS[2].blocks()  # 杉屿区 notice: signature at the end, not in a covering notice
    facts = infer_metadata(clean_text(render_text_of(blocks)))
    assert facts["issuer"] == "杉屿区工业和信息化局" and facts["date_issued"] == "2026-04-20"
    county = "禾川县人民政府关于印发《禾川县专精特新扶持办法》的通知\n为贯彻落实《梧州市专精特新企业培育方案》，制定本办法。\n一、总则。略。"
    assert infer_metadata(clean_text(county))["region"] == "禾川县, 梧州市"


def render_text_of(blocks) -> str:
    return "\n".join("\n".join("\t".join(r) for r in b.header + b.rows) if isinstance(b, Table) else b for b in blocks)


def test_an_expired_document_is_flagged(tmp_path):
    doc = DOCUMENTS[1]  # 禾浦县 measures, valid until 2026-12-31
    path = render_txt(doc.blocks(), tmp_path / "hepu.txt")
    meta = prepare(path, {}, 320).meta
    assert meta.flags(dt.date(2026, 12, 31)) == [] and meta.flags(dt.date(2027, 1, 1)) == ["expired"]
    chunks = split_document("x", clean_text(path.read_text(encoding="utf-8")))
    assert all("有效期至2026年12月31日" not in c.section_label for c in chunks)


def test_a_site_laid_out_with_tables_keeps_the_article_and_its_data_table(tmp_path):
    """Older government sites put the whole page in layout tables; only the data table is a table."""
    import html

    from eval.formats import html_table

    blocks = DOCUMENTS[1].blocks()  # 禾浦县 measures, with their reward table
    body = "".join(f"<p>{html.escape(b)}</p>" if isinstance(b, str) else html_table(b) for b in blocks)
    page = ("<html><head><title>禾浦县人民政府</title></head><body><table width='1000'><tr><td colspan='2'>"
            "禾浦县人民政府门户网站</td></tr><tr><td width='200'><a href='/'>首页</a><br><a href='/zwgk'>政务公开</a>"
            "</td><td width='800'><table width='100%'><tr><td class='title'>禾浦县人民政府办公室关于印发禾浦县促进专精特新"
            f"企业高质量发展十条措施的通知</td></tr><tr><td>{body}</td></tr></table></td></tr><tr><td colspan='2'>"
            "版权所有：禾浦县人民政府 网站标识码：123</td></tr></table></body></html>")
    path = tmp_path / "layout.html"
    path.write_text(page, encoding="utf-8")
    prepared_page = prepare(path, {}, 320)
    assert prepared_page.meta.title == "禾浦县促进专精特新企业高质量发展十条措施"
    assert prepared_page.meta.doc_number == "禾政办发〔2024〕18号"
    assert prepared_page.report.chunks_by_kind == {"notice": 1, "preamble": 1, "clause": 11, "table_record": 5}
    assert not any("网站标识码" in c.text or "政务公开" in c.text for c in prepared_page.chunks)


def test_a_signature_dated_in_chinese_numerals_dates_the_notice():
    text = ("禾浦县人民政府办公室关于印发禾浦县专精特新扶持办法的通知\n禾政办发〔2024〕18号\n各镇人民政府：\n现印发给你们。\n"
            "禾浦县人民政府办公室\n二〇二四年十二月三十一日\n禾浦县专精特新扶持办法\n一、总则。为促进发展，制定本办法。\n")
    assert infer_metadata(clean_text(text))["date_issued"] == "2024-12-31"


@pytest.mark.parametrize("number", ["禾政办发〔2024〕18号", "禾政办发[2024]18号", "禾政办发【2024】18号", "禾政办发（2024）18号"])
def test_a_document_number_is_read_whatever_brackets_it_is_typed_with(number):
    text = (f"禾浦县人民政府办公室关于印发禾浦县专精特新扶持办法的通知\n{number}\n各镇人民政府：\n现印发给你们。\n"
            "禾浦县人民政府办公室\n2024年6月3日\n禾浦县专精特新扶持办法\n一、总则。为促进发展，制定本办法。\n")
    facts = infer_metadata(clean_text(text))
    assert facts["doc_number"] == number and facts["title"] == "禾浦县专精特新扶持办法"
