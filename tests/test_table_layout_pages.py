"""A page from an old government site laid out in tables (the menu in one cell, the notice in
another, its paragraphs split by <br>): the layout's cells are blocks of the page, not a data
table's cells — the notice keeps its measures as clauses and its signature; a data table inside it
stays a table. A fictional county (渼川县)."""

from __future__ import annotations

from ingest.pipeline import prepare

_PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>渼川县人民政府</title></head>
<body><table width="1000" align="center">
<tr><td colspan="2"><a href="/">首页</a> | <a href="/zwgk">政务公开</a> | <a href="/bsfw">办事服务</a></td></tr>
<tr><td width="200"><table><tr><td><a href="/a">通知公告</a></td></tr><tr><td><a href="/b">政策文件</a></td></tr></table></td>
<td width="800"><table width="100%">
<tr><td align="center"><font size="4"><b>渼川县支持专精特新企业发展若干措施</b></font></td></tr>
<tr><td align="center">发布时间：2026-05-06　来源：县经济和信息化局</td></tr>
<tr><td>各乡镇人民政府，县直各单位：<br>
　　为支持我县专精特新企业发展，经县政府同意，制定以下措施。<br>
　　一、对首次认定为省级专精特新中小企业的，给予一次性奖励25万元。<br>
　　二、对首次认定为国家级专精特新“小巨人”企业的，给予一次性奖励90万元；已获省级奖励的，补足差额。<br>
　　三、专精特新企业实施技术改造，设备投资200万元以上的，按设备投资额的12%给予补助，最高150万元。<br>
　　四、本措施自2026年6月1日起施行，有效期三年。<br>
{table}
<p align="right">渼川县经济和信息化局<br>2026年5月6日</p></td></tr></table></td></tr>
<tr><td colspan="2" align="center">版权所有：渼川县人民政府办公室　ICP备12345678号</td></tr>
</table></body></html>"""

_DATA = """附件：奖励标准一览表<br><table border="1"><tr><th>奖励事项</th><th>奖励标准</th><th>申请材料</th></tr>
<tr><td>省级专精特新中小企业</td><td>一次性奖励25万元</td><td>申请表<br>营业执照<br>认定文件</td></tr>
<tr><td>国家级专精特新“小巨人”企业</td><td>一次性奖励90万元</td><td>申请表<br>营业执照<br>认定文件</td></tr></table>"""


def _prepared(tmp_path, table: str = ""):
    path = tmp_path / "meichuan.html"
    path.write_bytes(_PAGE.format(table=table).encode("gbk"))
    return prepare(path, {}, 320)


def test_a_page_laid_out_in_tables_keeps_its_measures_and_signature(tmp_path):
    prepared = _prepared(tmp_path)
    # (read as one table record "渼川县…措施：发布时间…；各乡镇…" and the signature lost)
    clauses = [c.text for c in prepared.chunks if c.kind == "clause"]
    assert [t[:2] for t in clauses] == ["一、", "二、", "三、", "四、"], clauses
    meta = prepared.meta
    assert (meta.title, meta.issuer, meta.date_issued) == ("渼川县支持专精特新企业发展若干措施", "渼川县经济和信息化局", "2026-05-06")
    # the menu and the footer are the site's
    assert not any("政策文件" in c.text or "版权所有" in c.text for c in prepared.chunks)


def test_a_data_table_inside_the_layout_stays_a_table(tmp_path):
    # a guard: a data table's cells are short, its <br>-split cell one cell
    prepared = _prepared(tmp_path, _DATA)
    records = [c for c in prepared.chunks if c.kind == "table_record"]
    assert len(records) == 2, [c.text for c in prepared.chunks]
    assert "奖励标准：一次性奖励90万元" in records[1].text


_NOTICE_PAGE = """<html><head><meta charset="utf-8"><title>渼川县人民政府</title></head><body><table width="1000">
<tr><td><table><tr><td><a>通知公告</a></td></tr></table></td><td><table>
<tr><td align="center"><b>渼川县人民政府办公室关于印发《渼川县人才引进若干措施》的通知</b></td></tr>
<tr><td align="center">发布时间：2026-05-06　来源：县政府办公室　浏览次数：1234</td></tr>
<tr><td>渼政办〔2026〕9号<br>各乡镇人民政府，县直各单位：<br>　　《渼川县人才引进若干措施》已经县政府同意，现印发给你们，请认真贯彻执行。<br>
渼川县人民政府办公室<br>2026年5月5日<br>渼川县人才引进若干措施<br>　　一、对新引进的全职博士，给予每人每月3000元生活补贴。<br>
　　二、对新引进的全职硕士，给予每人每月1500元生活补贴。<br>　　三、本措施自2026年6月1日起施行。<br></td></tr></table></td></tr></table></body></html>"""


def test_an_old_sites_byline_is_no_line_of_the_notice(tmp_path):
    # (the byline in one cell, "发布时间：…　来源：…　浏览次数：1234", was kept in the covering notice's chunk)
    path = tmp_path / "meichuan-talent.html"
    path.write_text(_NOTICE_PAGE, encoding="utf-8")
    prepared = prepare(path, {}, 320)
    assert not any("浏览次数" in c.text or "发布时间" in c.text for c in prepared.chunks), [c.text for c in prepared.chunks]
    assert prepared.chunks[0].kind == "notice" and "渼政办〔2026〕9号" in prepared.chunks[0].text
    assert (prepared.meta.title, prepared.meta.date_issued) == ("渼川县人才引进若干措施", "2026-05-05")
