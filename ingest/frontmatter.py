"""The front of a policy document: the covering notice, the title, the preamble.

Also infers a document's metadata (title, issuer, number, date, period, region, status)
from its text, for documents added without an entry in ``knowledge/metadata.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .structure import DATE_LINE, ANNEX, is_date_line, is_parenthetical, parse_marker

TITLE_WORDS = re.compile(r"(计划|方案|措施|意见|办法|细则|规定|通知|政策|决定|纲要)")
DOC_NUMBER = re.compile(r"([\u4e00-\u9fff]{1,8}〔\s*\d{4}\s*〕\s*\d{1,4}\s*号)")
PERIOD = re.compile(r"[（(]\s*(\d{4})\s*[-—–－~～至]\s*(\d{4})\s*年?\s*[)）]")
ISSUER = re.compile(r"^[\u4e00-\u9fff（）()]{2,30}(人民政府办公室|人民政府|办公室|委员会|管委会|局|厅|部)$")
REGION = re.compile(r"([\u4e00-\u9fff]{2,6}?(?:省|市|县|区))")


@dataclass
class FrontMatter:
    notice: list[str] = field(default_factory=list)  # the covering notice (印发通知), if any
    title: str | None = None
    draft: bool = False
    preamble: list[str] = field(default_factory=list)
    body_start: int = 0  # index of the first line of the numbered body


def split_front_matter(lines: list[str]) -> FrontMatter:
    """Find where the numbered body starts and what stands before it."""
    body_start = next((i for i, line in enumerate(lines) if _starts_body(line)), len(lines))
    front = lines[:body_start]
    result = FrontMatter(body_start=body_start)
    result.draft = any("征求意见稿" in line for line in front[:12])
    groups = _short_line_groups(front)
    titled = [g for g in groups if TITLE_WORDS.search("".join(front[i] for i in g))]
    if not titled:
        result.preamble = [line for line in front if line.strip() and not is_parenthetical(line)]
        return result
    title_idx = titled[-1]
    title = "".join(front[i].strip() for i in title_idx)
    after = title_idx[-1] + 1
    while after < len(front) and not front[after].strip():
        after += 1
    if after < len(front) and PERIOD.fullmatch(front[after].strip()):
        title += front[after].strip()  # "(2023-2025年)" on its own line completes the title
        after += 1
    result.title = title
    result.notice = [line for line in front[: title_idx[0]] if line.strip()]
    result.preamble = [line for line in front[after:] if line.strip() and not is_parenthetical(line)]
    return result


def _starts_body(line: str) -> bool:
    marker = parse_marker(line)
    return marker is not None and marker.level == 1


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
            and not text.endswith((":", "：")) and not ISSUER.match(text)
        )
        if candidate:
            current.append(i)
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def infer_metadata(text: str, title_hint: str | None = None) -> dict[str, object]:
    """Facts the cleaned text states about itself; keys are DocumentMeta fields."""
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
    for line in front.notice:
        date = DATE_LINE.match(line)
        if date:
            year, month, day = (int(x) for x in date.groups())
            facts["date_issued"] = f"{year:04d}-{month:02d}-{day:02d}"
        if ISSUER.match(line.strip()) and "issuer" not in facts:
            facts["issuer"] = line.strip()
    if notice_text and ("印发" in notice_text or "date_issued" in facts):
        facts["status"] = "draft" if front.draft else "in_force"
    period = PERIOD.search(title or "")
    if period:
        facts["period_start"], facts["period_end"] = int(period.group(1)), int(period.group(2))
    region = REGION.search(title or "")
    if region and not region.group(1).startswith(("关于", "促进")):
        facts["region"] = region.group(1)
        facts["level"] = {"省": "省级", "市": "市级", "县": "县级", "区": "县级"}[region.group(1)[-1]]
    return facts


def _first_sentence_title(lines: list[str]) -> str | None:
    for line in lines:
        match = TITLE_WORDS.search(line[:60])
        if match:
            return line[: match.end()].strip()
    return None
