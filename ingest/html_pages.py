"""A policy page saved from a government website, as text: the article only.

The page's navigation, breadcrumbs, search box, share buttons, related links and footer are
left behind by readability-lxml (the article container is found by its text density); the
article heading (<h1>, or the page <title> without the site name) is put back on top as
the document's own title line. Tables become tab-indented cell lines with rowspan/colspan
expanded into empty cells, as the other loaders give them.
"""

from __future__ import annotations

import re

from .structure import TITLE_KINDS, styled_heading

_SITE_SUFFIX = re.compile(r"\s*[_|｜\-—–]\s*[^_|｜\-—–]{2,30}$")


def load_html(page: str) -> tuple[str, str | None]:
    """The article text of ``page`` and its heading."""
    text, heading, _ = read_page(page)
    return text, heading


def read_page(page: str) -> tuple[str, str | None, dict[str, str]]:
    """The article text of ``page``, its heading, and the catalogue a government site's
    information-disclosure page (政府信息公开) sets above the document, label → value
    ({"发文字号": "…〔2026〕33号"}): a table of label and value cells ("发布机构：" | "…局", or
    "发布机构：…局" in one cell), or a list of "发布机构：…" items (<li>, <p>, <dt>/<dd>); empty when the
    page has none (fewer than three of its labels). The catalogue is the page's, no part of the text."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "nav", "footer", "aside", "form", "input",
                     "button", "select", "iframe"]):
        tag.decompose()
    catalogue, elements = _catalogue(soup)
    for element in elements:
        element.decompose()
    for table in soup.find_all("table"):
        if _layout(table):  # an old site's page laid out in tables: its cells are blocks, not data
            for tag in [table, *table.find_all(["tbody", "thead", "tfoot", "tr", "td", "th"])]:
                if tag is table or tag.find_parent("table") is table:
                    tag.name = "div"
    heading = _heading(soup)
    byline = _account_byline(soup)
    for tag in soup.find_all("section"):  # (a public account's blocks, which readability drops whole)
        tag.name = "div"
    for item in soup.find_all("li"):  # (items of <ul>/<ol>, which readability drops whole as link lists)
        if item.find_parent(_page_furniture) is None and not item.find("a"):
            item.insert(0, "● " if item.parent is None or item.parent.name != "ol" else f"{len(item.find_previous_siblings('li')) + 1}. ")
            item.name = "p"
    for tag in soup.find_all(_page_furniture):  # readability needs help on short pages
        tag.decompose()
    article = _article(str(soup))
    body = BeautifulSoup(article, "html.parser") if article else soup
    if body.title:
        body.title.decompose()
    # sub-headings marked only by their tag (<h3>支持内容</h3>) as section lines, below the title
    tags = [t for t in body.find_all(["h2", "h3", "h4", "h5"]) if t.get_text(strip=True) and t.get_text(strip=True) != heading]
    top = min((int(t.name[1]) for t in tags), default=2)
    for tag in tags:
        tag.string = styled_heading(tag.get_text(strip=True), int(tag.name[1]) - top + 1)
    for tag in body.find_all(["a", "span", "strong", "b", "em", "i", "u", "font", "sup", "sub", "label"]):
        if tag.find_parent("table") is None:
            tag.unwrap()  # inline text stays on its line ("附件：" and the linked file's name were split)
    body.smooth()
    for table in body.find_all("table"):
        table.replace_with("\n" + "\n".join(table_cell_lines(table)) + "\n")
    # (an old site's byline in one cell: "发布时间：…　来源：…　浏览次数：865" keeps its date and source)
    text = "\n".join(_VIEW_COUNT.sub("", line) for line in _keep_cells(body.get_text("\n")) if not _FURNITURE_LINE.search(line))
    if byline and byline not in text[:300]:
        text = f"{byline}\n{text}"
    if heading and heading not in text[:300]:
        text = f"{heading}\n{text}"
    return text, heading, catalogue


# labels of the catalogue grid a government site's information-disclosure page (政府信息公开) sets
# above a document: 索引号, 发布机构, 成文日期, 文号, 有效性…
_CATALOGUE_LABEL = re.compile(r"(索引号|主题分类|发布机构|发文机关|发文单位|发布单位|成文日期|发文日期|发布日期|"
                              r"文号|发文字号|有效性|时效性|效力状态|效力|名称|标题|文件名称|主题词)[:：]?")


def _catalogue(soup) -> tuple[dict[str, str], list]:
    """The catalogue's fields and the elements that hold them."""
    for table in soup.find_all("table"):
        pairs = _catalogue_pairs(table)
        if len(pairs) >= 3:
            return pairs, [table]
    pairs, elements = {}, []
    for element in soup.find_all(["li", "p", "div", "dd", "dt"]):
        if element.find(["li", "p", "div", "dd", "dt", "table", "ul", "ol"]):
            continue  # (the innermost block holds one field)
        text = re.sub(r"\s+", " ", element.get_text("", strip=True))
        field = re.fullmatch(rf"{_CATALOGUE_LABEL.pattern}\s*(.{{1,120}})", text)
        value = element.find_next_sibling("dd") if element.name == "dt" and _CATALOGUE_LABEL.fullmatch(text) else None
        if field and field.group(0)[len(field.group(1))] in ":：":
            pairs.setdefault(field.group(1), field.group(2).strip())
            elements.append(element)
        elif value is not None:
            pairs.setdefault(_CATALOGUE_LABEL.fullmatch(text).group(1), value.get_text(" ", strip=True))
            elements += [element, value]
    return (pairs, elements) if len(pairs) >= 3 else ({}, [])


def _catalogue_pairs(table) -> dict[str, str]:
    cells = [re.sub(r"\s+", " ", cell.get_text(" ", strip=True)) for cell in table.find_all(["td", "th"])]
    pairs: dict[str, str] = {}
    for index, cell in enumerate(cells):
        label = _CATALOGUE_LABEL.match(cell)
        if not label or not (cell == label.group(0) or label.group(0)[-1] in ":："):
            continue  # ("名称解释…" is no label)
        value = cell[label.end():].strip()
        if not value and index + 1 < len(cells) and not _CATALOGUE_LABEL.fullmatch(cells[index + 1]):
            value = cells[index + 1]  # the value in the next cell
        if value:
            pairs.setdefault(label.group(1), value)
    return pairs


def _account_byline(soup) -> str | None:
    """A public account's article (公众号文章) names its account and time above the content, outside
    the article: "璟川区工业和信息化局　2026-05-12 18:06", the byline the front matter reads."""
    account, when = soup.find(id="js_name"), soup.find(id="publish_time")
    if account is None or when is None:
        return None
    names = account.get_text(" ", strip=True), when.get_text(" ", strip=True)
    return "\u3000".join(names) if all(names) else None


# class or id of a website's navigation, breadcrumbs, sharing and footer blocks
_FURNITURE_NAME = re.compile(r"(^|[-_\s])(nav|navbar|menu|crumbs?|breadcrumbs?|bread|position|location|footer|foot|"
                             r"header|top|toolbar|tools|share|search|related|sidebar|copyright|print|pagination|pager|paging|pagebar|fenye)([-_\s\d]|$)",
                             re.IGNORECASE)
# a line of page furniture readability may leave inside the article container
# (a byline "发布时间：…　来源：…" in the article stays: it tells the front matter who published it and when)
_FURNITURE_LINE = re.compile(r"^(当前位置|您的位置|所在位置|分享到|【?打印本页|【?关闭窗口|网站标识码|浏览次数|字体[:：])"
                             r"|^(?!\t)[\d \u3000]*(?:共\s*\d+\s*页|上一页|下一页|尾页|末页)(?:[\d \u3000]|共\s*\d+\s*页|首页|上一页|下一页|尾页|末页)*$")
# (and a pager: 共2页 上一页 1 2 下一页; never a table's cell line)
_VIEW_COUNT = re.compile(r"[\s\u3000]*(浏览次数|浏览量|点击数|点击量|阅读次数|访问量|访问次数)[:：]\s*\d+次?")


def _page_furniture(tag) -> bool:
    if tag.name in ("html", "body", "table", "tr", "td", "th", "tbody", "thead"):
        return False
    names = " ".join([*(tag.get("class") or []), tag.get("id") or ""])
    return bool(names.strip()) and bool(_FURNITURE_NAME.search(names))


def _keep_cells(text: str) -> list[str]:
    """Lines stripped of layout whitespace; table cell lines keep their leading tab."""
    out = []
    for line in text.split("\n"):
        if line.startswith("\t"):
            out.append("\t" + line.strip())
        else:
            out.append(line.strip())
    return out


def _heading(soup) -> str | None:
    for tag in soup.find_all(["h1", "h2"]):
        text = tag.get_text("", strip=True)
        if 6 <= len(text) <= 120:
            return text
    title = soup.title.get_text("", strip=True) if soup.title else ""
    title = _SITE_SUFFIX.sub("", title) or title
    if title and re.search(TITLE_KINDS, title):
        return title
    # an old site's layout sets the title in bold in a table cell, its <title> only the site's name
    # ("槿川县人民政府"): the first bold or centred line that names a kind of document
    for tag in soup.find_all(["b", "strong", "font", "td", "p", "div", "span"]):
        text = tag.get_text("", strip=True)
        if 6 <= len(text) <= 80 and re.search(rf"({TITLE_KINDS})》?(（[^（）]{{1,12}}）)?$", text) \
                and (tag.name in ("b", "strong", "font") or _centred(tag)) and tag.find_parent(_page_furniture) is None:
            return text
    return title or None


def _layout(table) -> bool:
    """Whether a table lays out a page rather than holding data: a cell holds another table, or a
    long text in lines of its own (a notice's paragraphs split by <br>), where a data cell is short."""
    for cell in table.find_all(["td", "th"]):
        if cell.find_parent("table") is not table:
            continue
        if cell.find("table"):
            return True
        text = cell.get_text("", strip=True)
        breaks = len(cell.find_all(["br", "p", "div"]))
        if len(text) >= 300 or (breaks >= 3 and len(text) >= 100):
            return True
    return False


def _centred(tag) -> bool:
    return (tag.get("align") or "").lower() == "center" or "center" in (tag.get("style") or "").replace(" ", "")


def _article(page: str) -> str | None:
    """The main content as HTML, or None when no article container stands out."""
    from readability import Document

    try:
        summary = Document(page).summary(html_partial=True)
    except Exception:  # readability raises on pages without a body; the whole page is used then
        return None
    from bs4 import BeautifulSoup

    text = BeautifulSoup(summary, "html.parser").get_text("", strip=True)
    return summary if len(text) >= 50 else None


def table_cell_lines(table) -> list[str]:
    """Rows of an HTML table as tab-indented cells, a row ended by a blank line; spans expanded."""
    grid: dict[tuple[int, int], str] = {}
    rows = [row for row in table.find_all("tr") if row.find_parent("table") is table]
    width = 0
    for r, row in enumerate(rows):
        c = 0
        for cell in row.find_all(["td", "th"], recursive=False):
            while (r, c) in grid:
                c += 1
            text = re.sub(r"\s+", " ", cell.get_text(" ", strip=True))  # the cleaner joins CJK across spaces
            span_c, span_r = _span(cell, "colspan"), _span(cell, "rowspan")
            for dr in range(span_r):
                for dc in range(span_c):
                    grid[(r + dr, c + dc)] = text if dr == 0 and dc == 0 else ""
            c += span_c
            width = max(width, c)
    lines: list[str] = []
    for r in range(len(rows)):
        lines.extend("\t" + grid.get((r, c), "") for c in range(width))
        lines.append("")  # a blank line ends a row
    return lines


def _span(cell, name: str) -> int:
    try:
        return max(1, min(int(cell.get(name, 1)), 50))
    except (TypeError, ValueError):
        return 1
