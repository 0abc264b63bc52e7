"""Recognise the numbering of Chinese policy documents: 一、 / （一） / 1. / （1） / 附件N.

Pure functions shared by the cleaner and the splitter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CN_NUMERALS = "一二三四五六七八九十"
_CN_VALUES = {ch: i for i, ch in enumerate(CN_NUMERALS, start=1)}

_LEVEL_PATTERNS: list[tuple[int, re.Pattern[str]]] = [
    (1, re.compile(rf"^([{CN_NUMERALS}]{{1,3}})\s*(?:、|[.．](?!\d))\s*")),  # 一、 and 一. / 一．
    (2, re.compile(rf"^[（(]\s*([{CN_NUMERALS}]{{1,3}}|[A-Z]?)\s*[)）]\s*")),
    (3, re.compile(r"^(\d{1,2})\s*(?:[、．]|\.(?!\d)|[)）](?!\d))\s*")),  # 1. 1、 1)
    (4, re.compile(r"^[（(]\s*(\d{1,2})\s*[)）]\s*")),
    (5, re.compile(r"^([\u2460-\u2473])\s*")),  # ① … ⑳
]
# decimal outline numbers of guides and 评价指标: "1.1 基本条件", "2.3 市级评审", "3.1.2 …" (the
# last number counts; not a figure "1.5亿元", "3.5%")
_DECIMAL = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,2})(?![\d.．%％万亿元倍个年月日天])\s*")
# 第X章 / 第X节 / 第X条: the parts of article-structured texts (办法, 条例, 细则)
_ORDINAL = r"[一二三四五六七八九十百零〇两\d]{1,5}"
DIVISION = re.compile(rf"^第\s*({_ORDINAL})\s*(部分|篇|章|节)\s*(.*)$")
# an article number at a line start, not a reference to one ("第十六条规定的情形……")
ARTICLE = re.compile(rf"^第\s*({_ORDINAL})\s*条(?:\s+|(?!规定|所|的|中|至|和|及|或|第|[，,、款项]))(.*)$")
ANNEX = re.compile(r"^附件\s*(\d{1,2})\s*[:：]?\s*(.*)$")
# the kinds of policy document a title ends with (…措施, …政策问答, …申报指南)
# (答复 / 复函 / 批复: a reply to a deputy's proposal or to a request, which commissioners upload too)
TITLE_KINDS = "计划|方案|措施|意见|办法|细则|规定|通知|政策|决定|纲要|问答|解读|指南|指引|规划|公告|通告|公示|须知|答记者问|答复|复函|批复"
ANNEX_LIST = re.compile(r"^附件\s*[:：]")
BARE_ANNEX = re.compile(r"^(附件)\s*[:：]?\s*$")  # "附件" alone, its title on the next line
# a signature's date, in digits or as official documents print it (二〇二四年六月三日)
DATE_LINE = re.compile(r"^\s*([\d〇零一二三四五六七八九]{4})\s*年\s*([\d一二三四五六七八九十]{1,3})\s*月"
                       r"\s*([\d一二三四五六七八九十]{1,3})\s*日\s*$")
_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")


def date_number(raw: str) -> int:
    """A year, month or day written in digits or Chinese numerals: 二〇二四 → 2024, 十二 → 12."""
    if raw.isdigit():
        return int(raw)
    if "十" in raw:
        return _number(raw) or 0
    return int(raw.translate(_DIGITS))
RESPONSIBLE = re.compile(r"[（(〔\[]\s*责任(?:单位|部门)\s*[:：]")


@dataclass(frozen=True)
class Marker:
    """A numbering marker at the start of a line."""

    level: int
    number: int | None  # None when the numeral was lost (OCR "()", "(A)")
    label: str  # the marker as written, e.g. "（一）"
    rest: str  # the text after the marker


def parse_marker(line: str) -> Marker | None:
    """The numbering marker that starts ``line``, if any."""
    decimal = _DECIMAL.match(line)
    if decimal:  # 1.1 under 第一部分 (level 2), 1.1.1 under it (level 3)
        parts = decimal.group(1).split(".")
        return Marker(len(parts), int(parts[-1]), decimal.group(1), line[decimal.end():].strip())
    for level, pattern in _LEVEL_PATTERNS:
        match = pattern.match(line)
        if match:
            raw = match.group(1)
            return Marker(level, _number(raw), match.group(0).strip(), line[match.end():].strip())
    return None


def _number(raw: str) -> int | None:
    if len(raw) == 1 and "\u2460" <= raw <= "\u2473":  # ①
        return ord(raw) - 0x2460 + 1
    if raw.isdigit():
        return int(raw)
    if raw and "百" in raw:  # 一百零五
        head, _, tail = raw.partition("百")
        hundreds = _CN_VALUES.get(head, 1) if head else 1
        tail = tail.lstrip("零〇")
        rest = _number(tail) if tail else 0
        return hundreds * 100 + (rest or 0)
    if raw and all(ch in _CN_VALUES for ch in raw):
        if raw == "十":
            return 10
        if raw.startswith("十"):
            return 10 + _CN_VALUES[raw[1]]
        if raw.endswith("十"):
            return _CN_VALUES[raw[0]] * 10
        if "十" in raw:
            return _CN_VALUES[raw[0]] * 10 + _CN_VALUES[raw[-1]]
        return _CN_VALUES[raw]
    return None


def chinese_numeral(number: int) -> str:
    """1 → 一, 12 → 十二 (up to 99)."""
    if number <= 10:
        return "零一二三四五六七八九十"[number]
    tens, ones = divmod(number, 10)
    return ("" if tens == 1 else CN_NUMERALS[tens - 1]) + "十" + ("" if ones == 0 else CN_NUMERALS[ones - 1])


@dataclass(frozen=True)
class Division:
    """A chapter (章), section (节) or article (条) line."""

    kind: str  # "章", "节" or "条"
    number: int | None
    label: str  # "第十六条", "第四章 支持政策"
    rest: str  # for an article, its text after the number


def parse_division(line: str) -> Division | None:
    """The chapter, section or article that ``line`` starts, if any."""
    match = DIVISION.match(line)
    if match:
        number, kind, title = match.groups()
        if len(title) > 30 or re.search(r"[。；;，,]", title):
            return None  # "第二章所列条件……" is a sentence, not a heading
        label = f"第{number}{kind}" + (f" {title.strip()}" if title.strip() else "")
        return Division(kind, _number(number), label, title.strip())
    match = ARTICLE.match(line)
    if match:
        return Division("条", _number(match.group(1)), f"第{match.group(1)}条", match.group(2).strip())
    return None


# the headings and items of a web page's "一图读懂": 【支持对象】 over items marked ● ▶ ◆
BRACKET_HEADING = re.compile(r"^【([^【】。；;，,]{2,12})】\s*(.*)$")
# a heading one level below: the loaders write a Word or Markdown sub-heading with no numeral so
SUB_HEADING = re.compile(r"^〖([^〖〗]{1,40})〗$")


def styled_heading(text: str, level: int) -> str:
    """A heading that a file marks by its style alone (Word's 标题 2, Markdown's ##, HTML's <h3>),
    as a line the splitter reads as a section: 【…】 at the top level, 〖…〗 below it. A heading
    that carries its own numeral ("一、总体要求") needs no mark."""
    text = text.strip()
    if not text or starts_with_marker(text) or len(text) > 40:
        return text
    return f"【{text}】" if level <= 1 and len(text) <= 12 else f"〖{text}〗"
# pictographs used as item marks: emoji and the dingbats/symbols blocks (☎ ✅ ❓), with their
# variation selector, joiner or skin tone
PICTOGRAPH = r"[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u2300-\u23FF][\uFE0F\u200D\U0001F3FB-\U0001F3FF]*"
# ● ▶ ◆ items, and an article's pictographs (📌, ✅) used the same way
BULLET = re.compile(rf"^(?:(?:[●▶◆■□★☆➢►•▪◇○▸◎※·‧∙・]|{PICTOGRAPH})+\s*|[-*](?=\s))\s*")  # (and "- ", "* " of plain text)


# a field line (受理部门：… 联系电话：…): a short label, then its value and nothing after it; and a line
# that merely starts like one (not to be run into the line before)
FIELD_LINE = re.compile(r"^[\u4e00-\u9fff]{2,6}[：:][^。；;]{1,50}$")
FIELD_START = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff]{2,6}[:：]\S")


def starts_with_marker(line: str) -> bool:
    return (parse_marker(line) is not None or bool(ANNEX.match(line)) or parse_division(line) is not None
            or bool(BRACKET_HEADING.match(line)) or bool(BULLET.match(line)) or bool(SUB_HEADING.match(line)))


def heading_title(text: str, limit: int = 30) -> str | None:
    """The title at the start of a clause: "加强组织领导。市产业…" → "加强组织领导"."""
    match = re.match(r"^([^。；;，,：:]{1,%d})(?:[。；;：:]|$)" % limit, text)
    if match:
        return match.group(1).strip()
    return None


def is_heading_line(line: str) -> bool:
    """A short numbered line without a sentence in it: "一、总体要求", "（二）基本原则", "第二章 认定条件"."""
    marker = parse_marker(line)
    if ANNEX.match(line):
        return True
    bracket = BRACKET_HEADING.match(line)
    if bracket:
        return not bracket.group(2)
    if SUB_HEADING.match(line):
        return True
    division = parse_division(line)
    if division is not None:
        return division.kind != "条"
    if marker is None:
        return False
    rest = marker.rest
    if re.search(r"[。；;！？]", rest) or len(rest) > 40:
        return False
    return len(rest) <= 25 or not re.search(r"[，,]", rest)


def is_parenthetical(line: str) -> bool:
    """A whole line in parentheses: （征求意见稿）, (此件公开发布), (2023-2025年)."""
    stripped = line.strip()
    return bool(re.fullmatch(r"[（(][^（()）]{1,30}[)）]", stripped)) and parse_marker(stripped) is None


def ends_with_responsibility(line: str) -> bool:
    """The line closes with a （责任单位：…） note, so the clause is complete."""
    match = None
    for match in RESPONSIBLE.finditer(line):
        pass
    return match is not None and line.rstrip()[-1] in ")）〕]"


def is_date_line(line: str) -> bool:
    return bool(DATE_LINE.match(line))


# a short label over the list it introduces: 说明：, 申报材料：, 注：
_LEAD_IN = re.compile(r"[\u4e00-\u9fff]{1,7}[：:]")


def is_lead_in(text: str) -> bool:
    return bool(_LEAD_IN.fullmatch(text))


def is_orphan_heading(text: str, following: str) -> bool:
    """A short unnumbered line directly above a numbered item (``following``): a heading whose
    numeral was lost, or a lead-in label such as 说明：."""
    bare = text.rstrip("：:") if is_lead_in(text) else text
    if len(text) > 30 or re.search(r"[。；;，,：:]", bare) or text.startswith("\t") or BULLET.match(text) \
            or is_parenthetical(text):
        return False  # (a list's last item above the next heading is an item: ● 食品加工 over 二、; a
        # policy's （琮经信发〔2026〕1号） under its title is its number, not a heading over its items)
    marker = parse_marker(following)
    return marker is not None and marker.level > 1  # (above 二、 a heading would head nothing)


def next_number(lines: list[str], i: int, level: int) -> int | None:
    """The number of the next item at ``level`` from line ``i``, before any item above it."""
    for line in lines[i:]:
        marker = parse_marker(line.strip())
        if marker is not None and marker.level <= level:
            return marker.number if marker.level == level else None
    return None


def next_text(lines: list[str], i: int) -> tuple[str, int]:
    """The next non-blank line from ``i`` (tabs stripped) and the index after it."""
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i >= len(lines):
        return "", i
    return lines[i].strip(), i + 1
