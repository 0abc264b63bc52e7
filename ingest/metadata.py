"""A document's metadata as its text states it: title, issuer, 文号, date issued, region, status,
policy period and validity, for documents added without an entry in ``knowledge/metadata.json``.
Pure functions over the cleaned text; the front matter (``frontmatter.py``) says where to look."""

from __future__ import annotations

import datetime as dt
import re

from .frontmatter import (
    BYLINE,
    COMPILATION,
    COMPILER,
    DOC_NUMBER,
    ISO_DATE,
    ISSUER,
    NAMED_OFFICE,
    OFFICE,
    PERIOD,
    PLACE_OFFICE,
    REGION,
    TITLE_WORDS,
    closing_signature,
    iso_date,
    split_front_matter,
    web_byline,
)
from .structure import DATE_LINE, _number

_DATE = r"([\d〇零一二三四五六七八九]{4})\s*年\s*([\d一二三四五六七八九十]{1,3})\s*月\s*([\d一二三四五六七八九十]{1,3})\s*日"
_SELF = re.compile(r"本(?:实施)?(?:办法|措施|方案|政策|意见|细则|规定|计划|通知|决定|规则|指引|指南|清单|若干措施|若干政策)")
_FROM = re.compile(rf"自\s*{_DATE}\s*起(?:施行|试行|实施|执行|生效)")
_FROM_ISSUE = re.compile(r"自(?:印发|发布)之日起(?:施行|实施|执行|生效)")
_UNTIL = re.compile(rf"有效期(?:至|到|截至)\s*{_DATE}")
# a trial's period is its validity too (试行期2年, 试行两年)
_YEARS = re.compile(r"(?:有效期|试行期|试行)(?:为)?\s*([一二两三四五六七八九十]|\d{1,2})\s*年")


def validity(text: str, date_issued: str | None, title: str | None = None) -> dict[str, str]:
    """valid_from / valid_until stated for the document itself ("本办法自…起施行，有效期至…")."""
    facts: dict[str, str] = {}
    # (or the short name the text gives itself or the policy it explains: "以下简称《措施》", or
    # the policy its title quotes: "一图读懂丨《…奖补办法》" is about that policy's dates)
    short = [re.escape(n) for n in re.findall(r"以下简称[《“\"]([^》”\"]{1,12})[》”\"]", text[:3000])]
    short += [re.escape(n) for n in re.findall(r"《([^《》]{2,60})》", title or "")]
    named = re.compile(rf"[《“\"]({'|'.join(short)})[》”\"]") if short else None
    for sentence in re.split(r"(?<=[。\n])", text):
        if not (_SELF.search(sentence) or (named and named.search(sentence))) \
                or not re.search(r"施行|试行|实施|执行|生效|有效期", sentence):
            continue  # "认定有效期为3年" is about a certificate, not about the document
        start = _FROM.search(sentence)
        if start:
            facts["valid_from"] = iso_date(start.groups())
        elif _FROM_ISSUE.search(sentence) and date_issued:
            facts["valid_from"] = date_issued
        until = _UNTIL.search(sentence)
        years = _YEARS.search(sentence)
        if until:
            facts["valid_until"] = iso_date(until.groups())
        elif years and facts.get("valid_from"):
            begin = dt.date.fromisoformat(facts["valid_from"])
            count = _number(years.group(1).replace("两", "二")) or 0
            try:
                end = begin.replace(year=begin.year + count) - dt.timedelta(days=1)
            except ValueError:  # 29 February
                end = begin.replace(year=begin.year + count, day=28)
            facts["valid_until"] = end.isoformat()
    facts = {k: v for k, v in facts.items() if _valid_date(v)}
    if facts.get("valid_from") and facts.get("valid_until") and facts["valid_until"] < facts["valid_from"]:
        del facts["valid_until"]  # a misprint (or a misread) must not make the document unreadable
    return facts


def _valid_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def infer_metadata(text: str, title_hint: str | None = None, catalogue: dict[str, str] | None = None) -> dict[str, object]:
    """Facts the cleaned text states about itself; keys are DocumentMeta fields. ``catalogue``: the
    fields a government site's page lists above the document (see ``catalogue_facts``), which
    fill in what the text leaves unsaid."""
    lines = text.split("\n")
    front = split_front_matter(lines)
    title = front.title or title_hint or _first_sentence_title(lines)
    title = re.sub(r"^关于印发《(.*)》的通知$", r"\1", title.strip()) if title else None
    facts: dict[str, object] = {"title": title, "status": "draft" if front.draft else "unknown"}
    notice_text = "\n".join(front.notice)
    for line in front.notice or lines[:3]:  # the header, not numbers of documents it cites
        number = DOC_NUMBER.search(line)
        if number and not re.search(r"[（(《]\s*$", line[: number.start()]):
            facts["doc_number"] = re.sub(r"\s+", "", number.group(1))
            break
    if "doc_number" not in facts:  # a 文号 on a line of its own above the body (a web page's letterhead
        own = next((line for line in lines[:min(front.body_start, 12)] if DOC_NUMBER.fullmatch(line.strip())), None)
        if own:  # under a byline): the document's, not one it cites
            facts["doc_number"] = re.sub(r"\s+", "", DOC_NUMBER.fullmatch(own.strip()).group(1))
    closing = closing_signature(lines, front.body_start)
    signed = [lines[i] for i in closing] if closing else []
    bylined = [front.byline] if front.byline else []
    issuers: list[str] = []
    for line in front.notice + bylined + signed:  # the covering notice, a byline, a closing signature
        byline = BYLINE.match(line.strip())
        if byline:  # "岚汀市工业和信息化局　2025年9月15日": issuer and date on one line
            line = byline.group(2)
            issuers.append(joint_issuer(byline.group(1)))  # (two offices over one date, 工信局　财政局)
        date = DATE_LINE.match(line) or ISO_DATE.match(line)
        if date and "date_issued" not in facts and _valid_date(iso_date(date.groups())):
            facts["date_issued"] = iso_date(date.groups())
        if ISSUER.match(line.strip()):
            issuers.append(joint_issuer(line.strip()))
    if issuers:  # the first, unless another names more offices (a joint notice under one office's header)
        facts["issuer"] = max(issuers, key=lambda found: found.count("、"))
    web = web_byline(front.byline) if front.byline else None
    if web:  # a web page's own byline, after what the document itself says
        if web[0] and "date_issued" not in facts and _valid_date(web[0]):
            facts["date_issued"] = web[0]
        if web[1] and "issuer" not in facts and ISSUER.match(web[1]):
            facts["issuer"] = joint_issuer(web[1])
    compiler = next((m for m in map(COMPILER.fullmatch, (line.strip() for line in lines[:front.body_start])) if m), None)
    if "issuer" not in facts and compiler:  # "琮屿县发展和改革局　编": who compiled it
        facts["issuer"] = compiler.group(1)
    if "issuer" not in facts and title:  # "XX局关于印发…的通知": the issuer opens the title
        opener = re.match(rf"^({OFFICE})关于", title)
        if opener:
            facts["issuer"] = opener.group(1)
    stated = catalogue_facts(catalogue or {})
    for name in ("issuer", "doc_number", "date_issued"):
        if name in stated:
            facts.setdefault(name, stated[name])
    if (notice_text and ("印发" in notice_text or "date_issued" in facts)) or signed or bylined or \
            ("doc_number" in facts and "date_issued" in facts):
        facts["status"] = "draft" if front.draft else "in_force"
    if stated.get("status") == "invalid" and facts["status"] != "draft":  # (the site's 有效性：失效)
        facts["status"] = "invalid"
    period = PERIOD.search(title or "")
    if period and 1949 <= int(period.group(1)) <= int(period.group(2)) <= 2100:
        facts["period_start"], facts["period_end"] = int(period.group(1)), int(period.group(2))
    region = REGION.search(title or "")
    named = PLACE_OFFICE.match(str(facts.get("issuer") or ""))
    if region and named and region.group(1).endswith(named.group(0)):
        region = named  # "…2026年度汶屿县…" in the title: the issuer's 汶屿县, not 年度汶屿县
    if region and not region.group(0).startswith(("关于", "促进")):
        facts["region"] = region.group(0)
        facts["level"] = {"省": "省级", "市": "市级", "县": "县级", "区": "县级"}[region.group(0)[-1]]
        if facts["region"][-1] in "县区":
            parent = _parent_city(text[:4000], facts["region"])
            if parent:
                facts["region"] = f"{facts['region']}, {parent}"
    if not COMPILATION.search(title or ""):  # (a compilation's policies each have their own dates)
        facts.update(validity(text, facts.get("date_issued"), title))  # type: ignore[arg-type]
    return facts


# the catalogue grid of a government site's information-disclosure page (政府信息公开): label → field
_CATALOGUE = {"有效性": "status", "时效性": "status", "效力状态": "status", "效力": "status",
              "发布机构": "issuer", "发文机关": "issuer", "发文单位": "issuer", "发布单位": "issuer",
              "文号": "doc_number", "发文字号": "doc_number", "成文日期": "date_issued", "发文日期": "date_issued"}


def catalogue_facts(catalogue: dict[str, str]) -> dict[str, str]:
    """DocumentMeta fields from a page's catalogue grid ({"发布机构": "…局", "成文日期": "2026-07-09"}),
    each only where its value has the field's shape (the 发布日期 is the site's, not the document's)."""
    facts: dict[str, str] = {}
    for label, value in catalogue.items():
        field, value = _CATALOGUE.get(label), re.sub(r"\s+", "", value)
        if field == "status" and re.fullmatch(r"已?(失效|废止|无效)", value):
            facts.setdefault(field, "invalid")
        elif field == "issuer" and ISSUER.match(value):
            facts.setdefault(field, joint_issuer(value))
        elif field == "doc_number" and DOC_NUMBER.fullmatch(value):
            facts.setdefault(field, value)
        elif field == "date_issued":
            date = re.fullmatch(_DATE, value) or ISO_DATE.match(value) or re.fullmatch(r"(\d{4})[./](\d{1,2})[./](\d{1,2})", value)
            if date and _valid_date(iso_date(date.groups())):
                facts.setdefault(field, iso_date(date.groups()))
    return facts


def joint_issuer(line: str) -> str:
    """Offices signing together ("栖沅市工业和信息化局　栖沅市财政局", run together once the
    spaces between Chinese characters are gone), joined by 、; one office as it stands."""
    bare = re.sub(r"[、，\s]", "", line)
    offices = re.findall(NAMED_OFFICE, bare)
    first = PLACE_OFFICE.match(offices[0]) if offices else None
    # (one place in all of them: 中国人民银行峄桥市分行 names 峄桥市 inside)
    if len(offices) > 1 and first and all(first.group(0) in o for o in offices) and "".join(offices) == bare:
        return "、".join(offices)
    return line


def _parent_city(text: str, county: str) -> str | None:
    """The city a county or district belongs to, where the text names it: "澄岭市禾浦县",
    or a policy of that city it implements ("贯彻落实《澄岭市……》", "为落实澜川市关于…", "为贯彻枫原市…")."""
    named = re.search(rf"([\u4e00-\u9fff]{{2,3}}市){re.escape(county)}", text)
    if named:
        return named.group(1)
    cited = re.search(r"(?:《|落实|贯彻|根据|按照|依据)([\u4e00-\u9fff]{2,3}市)", text)
    return cited.group(1) if cited else None


def _first_sentence_title(lines: list[str]) -> str | None:
    for line in lines:
        match = TITLE_WORDS.search(line[:60])
        if match:
            return line[: match.end()].strip()
    return None
