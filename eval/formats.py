"""Render the fictional policy documents of ``eval/formats`` into the file formats users upload.

Each document is written once (``eval/formats/*.md``: one paragraph per line, tables as
Markdown pipes, ``<`` for a cell merged with the one to its left, ``^`` with the one above)
and rendered as a government office would publish it: GBK text with full-width ｜ or
space-aligned tables, Markdown, Word (automatic numbering, merged cells), PDF (wrapped
lines, page numbers, a running header, ruled tables) and a page saved from a website
(navigation, breadcrumbs, share buttons and a footer around the article). Extraction,
cleaning and splitting are then judged on what these files give back.
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

SOURCES = Path(__file__).resolve().parent / "formats"
LEFT, ABOVE = "<", "^"  # merged-cell markers of the sources


@dataclass(frozen=True)
class Table:
    header: list[list[str]]
    rows: list[list[str]]


Block = str | Table


def read_source(path: Path) -> list[Block]:
    """The paragraphs and tables of one source file, in order."""
    blocks: list[Block] = []
    pending: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("|"):
            pending.append(line)
            continue
        if pending:
            blocks.append(_table(pending))
            pending = []
        if line.strip():
            blocks.append(line.strip())
    return blocks


def _table(lines: list[str]) -> Table:
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in lines]
    rule = next(i for i, row in enumerate(rows) if all(set(cell) <= {"-", ":"} for cell in row))
    return Table(rows[:rule], rows[rule + 1:])


def heading(block: Block) -> tuple[int, str] | None:
    """(level, text) of a source line "# 支持内容" / "## …": a heading marked by style alone (Word's
    标题 1, Markdown's ##, HTML's <h2>), which plain text and PDF print as a bare line."""
    if isinstance(block, str) and block.startswith("#"):
        marks = len(block) - len(block.lstrip("#"))
        return marks, block[marks:].strip()
    return None


def plain(cell: str) -> str:
    """A merged cell's text as extraction gives it: empty."""
    return "" if cell in (LEFT, ABOVE) else cell


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def table_lines(table: Table, style: str) -> list[str]:
    rows = [[plain(c) for c in row] for row in table.header + table.rows]
    if style == "tab":
        return ["\t".join(row) for row in rows]
    if style == "fullwidth":
        return ["｜" + "｜".join(row) + "｜" for row in rows]
    if style == "markdown":
        header = [" | ".join(row) for row in rows[: len(table.header)]]
        rule = " | ".join("---" for _ in rows[0])
        return [f"| {line} |" for line in header] + [f"| {rule} |"] + [f"| {' | '.join(r)} |" for r in rows[len(table.header):]]
    if style == "spaces":
        widths = [max(width(row[i]) for row in rows) for i in range(len(rows[0]))]
        return ["".join(cell + " " * (widths[i] - width(cell) + 4) for i, cell in enumerate(row)).rstrip() for row in rows]
    raise ValueError(f"unknown table style {style!r}")


def render_text(blocks: list[Block], table_style: str) -> str:
    lines: list[str] = []
    for block in blocks:
        lines.extend(table_lines(block, table_style) if isinstance(block, Table) else [bare(block)])
    return "\n".join(lines) + "\n"


def bare(block: str) -> str:
    marked = heading(block)
    return marked[1] if marked else block


def render_txt(blocks: list[Block], out: Path, encoding: str = "utf-8", table_style: str = "tab") -> Path:
    out.write_bytes(render_text(blocks, table_style).encode(encoding))
    return out


def render_markdown(blocks: list[Block], out: Path) -> Path:
    parts = []  # paragraphs separated by blank lines; a table's rows stay on consecutive lines
    for index, block in enumerate(blocks):
        if isinstance(block, Table):
            parts.append("\n".join(table_lines(block, "markdown")))
        elif index == _title_index(blocks):
            parts.append(f"# {block}")
        elif heading(block):
            parts.append(f"{'#' * (heading(block)[0] + 1)} {heading(block)[1]}")
        else:
            parts.append(block)
    out.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    return out


def _title_index(blocks: list[Block]) -> int:
    """The document's own title: the first short line naming a kind of policy document."""
    for index, block in enumerate(blocks):
        if isinstance(block, str) and len(block) <= 60 and block.endswith(("办法", "措施", "通知", "年）")):
            return index
    return 0


def html_table(table: Table) -> str:
    """A <table> with rowspan/colspan for the merged cells."""
    grid = table.header + table.rows
    out = ["<table class=\"MsoTable\" border=\"1\">"]
    for r, row in enumerate(grid):
        cells = []
        for c, cell in enumerate(row):
            if cell in (LEFT, ABOVE):
                continue
            span = 1
            while c + span < len(row) and row[c + span] == LEFT:
                span += 1
            down = 1
            while r + down < len(grid) and grid[r + down][c] == ABOVE:
                down += 1
            tag = "th" if r < len(table.header) else "td"
            attrs = (f" colspan=\"{span}\"" if span > 1 else "") + (f" rowspan=\"{down}\"" if down > 1 else "")
            cells.append(f"<{tag}{attrs}><p><span>{html.escape(cell)}</span></p></{tag}>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    return "\n".join(out + ["</table>"])


_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}_{site}</title>
<script>var _hmt = _hmt || []; (function() {{ var hm = document.createElement("script"); }})();</script>
<style>.nav li {{ display: inline; }}</style></head>
<body>
<div class="top"><a href="/">{site}</a> <span>无障碍浏览</span> <span>长者模式</span> <a href="/login">登录</a> <a href="/reg">注册</a></div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/zwfw">政务服务</a></li><li><a href="/hdjl">互动交流</a></li><li><a href="/zjxx">走进{place}</a></li></ul>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; <a href="/zcwj">政策文件</a></div>
<div class="search"><input type="text" placeholder="请输入关键词"><button>搜索</button></div>
<div class="article">
<h1 class="title">{title}</h1>
<div class="info"><span>发布时间：{date}</span> <span>来源：{site}</span> <span>浏览次数：1523</span> <span>字体：[大 中 小]</span></div>
<div class="content" id="zoom">
{body}
</div>
<div class="share">分享到：<a>微信</a> <a>微博</a> <a>QQ空间</a></div>
<div class="tools"><a>【打印本页】</a> <a>【关闭窗口】</a></div>
<div class="related"><h3>相关文件</h3><ul><li><a href="/a1">关于开展2025年度中小企业服务月活动的通知</a></li><li><a href="/a2">{place}2025年国民经济和社会发展统计公报</a></li></ul></div>
</div>
<div class="footer"><p>主办单位：{site}　承办单位：{place}大数据中心</p><p>网站标识码：3609000017　备案号：闽ICP备12048763号-1　公安备案号：35090202000123号</p><p>联系电话：0598-6600000　地址：{place}人民路1号</p></div>
</body></html>
"""


def render_html(blocks: list[Block], out: Path, site: str, place: str, date: str) -> Path:
    body = []
    title_index = _title_index(blocks)
    for index, block in enumerate(blocks):
        if isinstance(block, Table):
            body.append(html_table(block))
        elif heading(block):
            level, text = heading(block)
            body.append(f"<h{level + 1}>{html.escape(text)}</h{level + 1}>")
        elif index != title_index:
            align = " style=\"text-align: center\"" if len(block) < 30 and "。" not in block else ""
            body.append(f"<p{align}><span style=\"font-family: 仿宋_GB2312\">{html.escape(block)}</span></p>")
    title = blocks[title_index]
    out.write_text(_PAGE.format(title=html.escape(title), site=site, place=place, date=date, body="\n".join(body)),
                   encoding="utf-8")
    return out


def render_gov_info(blocks: list[Block], out: Path, site: str, place: str, date: str,
                    grid: dict[str, str]) -> Path:
    """A government site's information-disclosure page (政府信息公开): the page of
    :func:`render_html` with the catalogue's grid above the title — 索引号, 发布机构, 成文日期, 文号,
    有效性…, two fields to a row, labels in their own cells."""
    render_html(blocks, out, site, place, date)
    pairs = list(grid.items())
    rows = ["<tr>" + "".join(f"<td class=\"label\">{html.escape(k)}：</td><td>{html.escape(v)}</td>"
                             for k, v in pairs[i:i + 2]) + "</tr>" for i in range(0, len(pairs), 2)]
    table = "<table class=\"xxgk-info\">\n" + "\n".join(rows) + "\n</table>"
    page = out.read_text(encoding="utf-8").replace("<div class=\"article\">", f"<div class=\"article\">\n{table}", 1)
    out.write_text(page, encoding="utf-8")
    return out


def render_old_site(blocks: list[Block], out: Path, site: str, date: str, source: str) -> Path:
    """A notice on an old government site laid out in tables (GBK): the menu in one cell, the title
    in bold in another, the text's paragraphs split by <br> in a third, a data table bordered."""
    title_index = _title_index(blocks)
    body = []
    for index, block in enumerate(blocks):
        if isinstance(block, Table):
            body.append(html_table(block).replace("<table", "<table border=\"1\"", 1))
        elif index != title_index:
            body.append(f"　　{html.escape(block)}<br>")
    page = (f"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"><title>{site}</title></head>"
            f"<body><table width=\"1000\" align=\"center\"><tr><td colspan=\"2\"><a href=\"/\">首页</a> | <a>政务公开</a> | "
            f"<a>办事服务</a> | <a>互动交流</a></td></tr><tr><td width=\"200\" valign=\"top\"><table><tr><td><a>通知公告</a></td></tr>"
            f"<tr><td><a>政策文件</a></td></tr><tr><td><a>政策解读</a></td></tr></table></td><td width=\"800\" valign=\"top\">"
            f"<table width=\"100%\"><tr><td align=\"center\"><font size=\"4\"><b>{html.escape(blocks[title_index])}</b></font></td></tr>"
            f"<tr><td align=\"center\">发布时间：{date}　来源：{source}　浏览次数：865</td></tr><tr><td>\n" + "\n".join(body)
            + f"\n</td></tr></table></td></tr><tr><td colspan=\"2\" align=\"center\">版权所有：{site}　ICP备05012345号</td></tr>"
            "</table></body></html>")
    out.write_bytes(page.encode("gbk"))
    return out


_WECHAT = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><meta property="og:title" content="{title}"><title>{title}</title>
<script>var biz = "MzA5NTQ2"; var msg_title = "{title}";</script></head>
<body id="activity-detail" class="zh_CN">
<div class="rich_media_wrp"><div class="rich_media_inner"><div id="page-content" class="rich_media_area_primary">
<h1 class="rich_media_title" id="activity-name">{title}</h1>
<div id="meta_content" class="rich_media_meta_list"><span class="rich_media_meta rich_media_meta_text">原创</span>
<span class="rich_media_meta rich_media_meta_nickname" id="profileBt"><a id="js_name">{account}</a></span>
<em id="publish_time" class="rich_media_meta rich_media_meta_text">{date}</em> <em id="js_ip_wording">发表于福建</em></div>
<div class="rich_media_content js_underline_content" id="js_content" style="visibility: visible;">
{body}
</div>
<div class="rich_media_tool" id="js_toobar3"><a id="js_view_source">阅读原文</a> <span>阅读 2.1万</span> <span>分享</span> <span>点赞 56</span> <span>在看 18</span></div>
<div class="qr_code_pc"><p>微信扫一扫<br>关注该公众号</p></div>
<div class="rich_media_extra"><p>预览时标签不可点</p><p>继续滑动看下一个</p><p>轻触阅读原文</p></div>
<div class="js_recommend"><h3>喜欢此内容的人还喜欢</h3><ul><li><a>{account}2026年一季度中小企业运行情况</a></li><li><a>关于开展“企业服务月”活动的通知</a></li></ul></div>
</div></div></div></body></html>
"""


def render_wechat(blocks: list[Block], out: Path) -> Path:
    """A public account's article (公众号文章) as WeChat serves it: the title and the account's byline
    (the source's second line: account, date) above the content; a short line that is not a sentence
    is a styled <section> heading; reading counts, QR prompts and recommendations around it."""
    title, byline = blocks[0], blocks[1]
    account, _, date = str(byline).partition("\u3000")
    body = []
    for block in blocks[2:]:
        if isinstance(block, Table):
            body.append(html_table(block))
        elif len(block) < 16 and not block.endswith(("。", "；", "：")):
            body.append(f"<section style=\"text-align: center;\"><span style=\"color: #0052ff;\"><strong>"
                        f"{html.escape(block)}</strong></span></section>")
        else:
            body.append(f"<p style=\"line-height: 1.75em;\"><span style=\"font-size: 15px;\">{html.escape(block)}</span></p>")
    out.write_text(_WECHAT.format(title=html.escape(title), account=html.escape(account), date=html.escape(date),
                                  body="\n".join(body)), encoding="utf-8")
    return out


@dataclass(frozen=True)
class FictionalDocument:
    """One fictional document: its source's stem, the metadata a reader sees in it, its renderers."""

    stem: str
    expected: dict[str, object]
    formats: dict[str, Callable[[list[Block], Path], Path]] = field(default_factory=dict)

    def blocks(self) -> list[Block]:
        return read_source(SOURCES / f"{self.stem}.md")

    def render(self, fmt: str, out_dir: Path) -> Path:
        suffix = fmt.split("-")[0]
        return self.formats[fmt](self.blocks(), out_dir / f"{self.stem}.{suffix}")
