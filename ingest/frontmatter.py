"""The front of a policy document: the covering notice, the title, the preamble, a byline, and
the closing signature; the patterns ``metadata.py`` reads a document's facts with."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .qa import QUESTION
from .structure import (
    ANNEX,
    ANNEX_LIST,
    BARE_ANNEX,
    BRACKET_HEADING,
    SUB_HEADING,
    TITLE_KINDS,
    date_number,
    is_date_line,
    is_parenthetical,
    parse_division,
    parse_marker,
)

TITLE_WORDS = re.compile(rf"({TITLE_KINDS})")
# 文号: 禾政办发〔2024〕18号, also typed with [ ], 【 】 or ( ) around the year
DOC_NUMBER = re.compile(r"([\u4e00-\u9fff]{1,8}[〔\[【(（]\s*\d{4}\s*[〕\]】)）]\s*\d{1,4}\s*号)")
PERIOD = re.compile(r"[（(]\s*(\d{4})\s*[-—–－~～至]\s*(\d{4})\s*年?\s*[)）]")
# an issuing office: 桐溆县人民政府, 岚汀市工业和信息化局
OFFICE = r"[\u4e00-\u9fff（）()]{2,30}?(?:人民政府办公室|人民政府|办公室|委员会|管委会|局|厅|部|分行)"  # (中国人民银行…分行 co-issues)
# (an office with a second name — one body, two nameplates, 一个机构两块牌子 — signs as
# "澹川市市场监督管理局（澹川市知识产权局）")
NAMED_OFFICE = rf"{OFFICE}(?:[（(]{OFFICE}[）)])?"
ISSUER = re.compile(rf"^(?:{NAMED_OFFICE}[、，\s]*)+$")
PLACE_OFFICE = re.compile(r"[\u4e00-\u9fff]{2,6}?(?:省|市|县|区)")
REGION = re.compile(r"(?![年度])([\u4e00-\u9fff]{2,6}?(?:省|市|县|区))")  # (not 年度苒溪市 of "2026年度苒溪市…")


@dataclass
class FrontMatter:
    notice: list[str] = field(default_factory=list)  # the covering notice (印发通知), if any
    title: str | None = None
    draft: bool = False
    preamble: list[str] = field(default_factory=list)
    body_start: int = 0  # index of the first line of the numbered body
    byline: str | None = None  # "岚汀市工业和信息化局　2025年9月15日" under the title


def split_front_matter(lines: list[str]) -> FrontMatter:
    """Find where the numbered body starts and what stands before it."""
    body_start = _annex_start(lines, next((i for i, line in enumerate(lines) if _starts_body(line)), len(lines)))
    front = lines[:body_start]
    result = FrontMatter(body_start=body_start)
    result.draft = any("征求意见稿" in line for line in front[:12])
    groups = _short_line_groups(front)
    titled = [g for g in groups if TITLE_WORDS.search("".join(front[i] for i in g))]
    first = next((i for i, line in enumerate(front) if line.strip()), None)
    if not titled and groups and groups[0] == [first] and body_start < len(lines) and len(front[first].strip()) <= 40:
        titled = [groups[0]]  # a one-line title naming no kind of document ("…技改补助标准") over a numbered body
    if not titled:
        result.preamble = [line for line in front if line.strip() and not is_parenthetical(line)]
        return result
    title_idx = titled[-1]
    # (a running header a one-page PDF keeps, "琮屿县惠企政策汇编" over "琮屿县惠企政策汇编（2026年版）")
    title_idx = [i for n, i in enumerate(title_idx) if not (n + 1 < len(title_idx)
                 and front[title_idx[n + 1]].strip().startswith(front[i].strip()))]
    title = "".join(front[i].strip() for i in title_idx)
    after = title_idx[-1] + 1
    while after < len(front) and not front[after].strip():
        after += 1
    if after < len(front) and PERIOD.fullmatch(front[after].strip()):
        title += front[after].strip()  # "(2023-2025年)" on its own line completes the title
        after += 1
    result.title = title
    # (a letterhead kept by a one-page PDF is page furniture, no line of the notice)
    # (nor is the office's name atop the 文号 in a reply's header — its letterhead — nor a header field, 签发人：…)
    head = [line.strip() for line in front[: title_idx[0]] if line.strip()]
    result.notice = [line for i, line in enumerate(head) if not _LETTERHEAD.fullmatch(line) and not _HEADER_FIELD.match(line)
                     and not (i == 0 and ISSUER.fullmatch(line) and len(head) > 1 and DOC_NUMBER.fullmatch(head[1]))]
    # (an old site's byline under the notice's heading, "发布时间：…　来源：…": metadata, no line of the notice)
    bylines = [line for line in result.notice if web_byline(line)]
    if bylines:
        result.byline = result.byline or bylines[0].strip()
        result.notice = [line for line in result.notice if line not in bylines]
    rest = [line for line in front[after:] if line.strip() and not is_parenthetical(line)]
    # a notice that is itself the document: its 文号 and addressees ("各街道、园区：") are
    # the notice's, not clauses of a preamble
    if len(rest) >= 2 and ISSUER.match(rest[0].strip()) and is_date_line(rest[1]):
        rest[:2] = [f"{rest[0].strip()}　{rest[1].strip()}"]  # a byline set on two lines
    # (and the issuing office's letterhead, which a web page sets under its heading)
    while rest and (DOC_NUMBER.fullmatch(rest[0].strip()) or _ADDRESSEES.match(rest[0].strip())
                    or BYLINE.match(rest[0].strip()) or web_byline(rest[0])
                    or (ISSUER.fullmatch(rest[0].strip()) and len(rest) > 1 and DOC_NUMBER.fullmatch(rest[1].strip()))):
        line = rest.pop(0)
        if BYLINE.match(line.strip()) or web_byline(line):
            result.byline = line.strip()  # metadata, like a closing signature: no clause
        else:
            result.notice.append(line)
    result.preamble = [line for line in rest if not ANNEX_LIST.match(line.strip())]  # (the annexes' list: no clause)
    return result


_ADDRESSEES = re.compile(r"^[^。；]{2,60}[:：]$")
# the fields of an official document's header (版头, GB/T 9704) set above its title: who signed it
# off, secrecy, urgency, how it is published ("签发人：沈国平", "公开方式：主动公开") — never title words
_HEADER_FIELD = re.compile(r"^(?:签发人|签发|密级|紧急程度|缓急|份号|答复类别|办理类别|公开方式|公开属性|公开类别)\s*[:：]")
# a web page's byline: "发布时间：2026-03-18　来源：渌汀市地方金融管理局" (either order, a clock time after the date)
WEB_LABEL = re.compile(r"^(?:发布|发文|成文)?(?:时间|日期)[:：]|^(?:信息)?来源[:：]|^发布(?:机构|单位)[:：]")
_WEB_DATE = re.compile(r"(?:时间|日期)[:：]\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
# (the fields may run together once inline text is joined: "来源：…局浏览次数：1523字体：[大中小]")
_WEB_SOURCE = re.compile(r"(?:来源|机构|单位)[:：]\s*([\u4e00-\u9fff、（）()]{2,40}?)(?=浏览|点击|阅读|字体|作者|编辑|发布|时间|日期|[^\u4e00-\u9fff、（）()]|$)")


def iso_date(parts) -> str:
    year, month, day = (date_number(x) for x in parts)
    return f"{year:04d}-{month:02d}-{day:02d}"


def web_byline(line: str) -> tuple[str | None, str | None] | None:
    """(date, source) of a web page's byline, None when ``line`` is none."""
    text = line.strip()
    if len(text) > 90 or not WEB_LABEL.match(text):
        return None
    date, source = _WEB_DATE.search(text), _WEB_SOURCE.search(text)
    if not date and not source:
        return None
    return (iso_date(date.groups()) if date else None), (source.group(1) if source else None)
# "岚汀市工业和信息化局　2025年9月15日" under a title: who issued it and when, not more title
# (or as an article's account and time: "璟川区工业和信息化局　2026-05-12 18:06")
BYLINE = re.compile(rf"^({NAMED_OFFICE})\s*([\d〇零一二三四五六七八九]{{4}}\s*年.*日|\d{{4}}-\d{{1,2}}-\d{{1,2}})(?:\s*\d{{1,2}}:\d{{2}})?$")
ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})$")


COMPILATION = re.compile(r"汇编|选编|文件集|政策集")  # several policies in one file
# a compilation's editor ("琮屿县发展和改革局　编"), its month and its 目录: no part of a title
COMPILER = re.compile(rf"({OFFICE})\s*(?:编|编印|汇编|编制)")
NOT_TITLE = re.compile(r"目\s*录|\d{4}\s*年\s*\d{1,2}\s*月")


def stands_apart(line: str) -> bool:
    """A compilation's editor, month or 目录: a line of its own, no part of a title."""
    return bool(COMPILER.fullmatch(line.strip()) or NOT_TITLE.fullmatch(line.strip()))
# a red letterhead ("峄桥市人民政府文件", "漪川区工业和信息化局规范性文件"), which a one-page PDF keeps
# at its top (a longer one's running header is dropped as repeated): never part of the title
_LETTERHEAD = re.compile(r"(?!关于)[\u4e00-\u9fff]{2,30}(?:规范性文件|文件)")


def _starts_body(line: str) -> bool:
    marker = parse_marker(line)
    return ((marker is not None and (marker.level == 1 or line.rstrip().endswith(("？", "?"))))  # (an FAQ's "1. …？")
            or parse_division(line) is not None
            or bool(BRACKET_HEADING.fullmatch(line.strip()))  # 【政策依据】 of a web page's 一图读懂
            or bool(SUB_HEADING.fullmatch(line.strip()))
            or bool(QUESTION.match(line.strip()) and line.rstrip().endswith(("？", "?")))  # 答记者问's 记者：…？
            or line.startswith("\t"))  # a table cell: what follows is content, not front matter


def _annex_start(lines: list[str], start: int) -> int:
    """Where a body that opens with a table starts when "附件" and its title stand over the table
    (a 公示 whose only structured part is its annexed list): at "附件", not in the front matter."""
    if start >= len(lines) or not lines[start].startswith("\t"):
        return start
    filled = [i for i in range(start) if lines[i].strip()][-2:]
    if filled and ANNEX.match(lines[filled[-1]].strip()):
        return filled[-1]
    if len(filled) == 2 and (BARE_ANNEX.match(lines[filled[0]].strip()) or ANNEX.fullmatch(lines[filled[0]].strip())) \
            and len(lines[filled[1]].strip()) <= 40 and "。" not in lines[filled[1]]:
        return filled[0]
    return start


def _short_line_groups(front: list[str]) -> list[list[int]]:
    """Runs of consecutive short lines that could form a title."""
    groups: list[list[int]] = []
    current: list[int] = []
    for i, line in enumerate(front):
        text = line.strip()
        if not text:
            continue  # a title broken over lines often has blank lines between
        candidate = (
            text and len(text) <= 40 and "。" not in text and not is_parenthetical(text)
            and not is_date_line(text) and not DOC_NUMBER.fullmatch(text) and not ANNEX.match(text)
            and not text.endswith((":", "：")) and not ISSUER.match(text) and not BYLINE.match(text)
            and not web_byline(text) and not _LETTERHEAD.fullmatch(text)
            and not stands_apart(text) and not _HEADER_FIELD.match(text)
        )
        if candidate:
            current.append(i)
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def signature(lines: list[str], start: int = 0) -> tuple[int, int] | None:
    """The closing signature after the body, "发文机关" then its date, standing at the end of
    the text or just before its annexes: the indices of the issuer line and the date line."""
    filled = [i for i in range(start, len(lines)) if lines[i].strip() and not lines[i].startswith("\t")]
    for k, i in enumerate(filled):
        if not is_date_line(lines[i]) or k == 0:
            continue
        issuer = filled[k - 1]
        # (a note in brackets may close the document under its signature: "（此件公开发布）")
        after = [lines[j] for j in filled[k + 1:]]
        following = "" if all(is_parenthetical(line) for line in after) else after[0].strip()
        ends = not following or ANNEX.match(following) or ANNEX_LIST.match(following) or following == "附件"
        if ends and ISSUER.match(lines[issuer].strip()):
            return issuer, i
    return None


def closing_signature(lines: list[str], body_start: int) -> tuple[int, int] | None:
    """The closing signature: after the body, or (when the body is an annex) just above it."""
    found = signature(lines, body_start)
    if found is None and body_start < len(lines) and (ANNEX.match(lines[body_start].strip())
                                                      or BARE_ANNEX.match(lines[body_start].strip())):
        found = signature(lines[:body_start + 1])
    return found
