"""The marks of a public account's article (公众号文章, 政策速递) pasted or saved as a policy document.

Accounts number their sections "01｜认定奖励", open items with pictographs (📌 💡 🕘) and set short
questions as headings ("❓怎么申报？"); the credits ("编辑：… 审核：…"), a closing "来源：…" and
"点击阅读原文" are the platform's, not the policy's. Pure functions over cleaned lines.
"""

from __future__ import annotations

import re

from .structure import PICTOGRAPH

_LEADING_PICTOGRAPHS = re.compile(rf"^(?:{PICTOGRAPH}\s*)+")
# "01｜认定奖励", "02 | 研发创新", "三丨融资支持": a numbered section of an article
_NUMBERED_SECTION = re.compile(r"^(?:0?\d{1,2}|[一二三四五六七八九十]{1,2})\s*[｜|丨/／]\s*([^｜|丨。；;，,：:]{2,12})$")
_CREDIT = r"(?:文字|文案|编辑|责任编辑|审核|审校|校对|排版|美编|图片|摄影|撰稿|供稿|初审|复审|终审|监制)"
_CREDITS_LINE = re.compile(rf"^(?:{_CREDIT}\s*[:：|｜丨]\s*[^\s\u3000:：|｜丨]{{1,12}}[\s\u3000|｜丨]*)+$")
_PLATFORM_LINE = re.compile(r"阅读原文|长按识别|扫码关注|识别二维码|点击关注|点亮.{0,4}在看")
_SOURCE_LINE = re.compile(r"^(?:信息)?来源[:：]\s*[\u4e00-\u9fff、]{2,30}$")
_FRONT_LINES = 6  # a 来源 line among the first lines is the byline the front matter reads


def article_lines(lines: list[str]) -> list[str]:
    """``lines`` with an article's section numbers and pictograph questions as 【…】 headings and
    its credits, platform prompts and closing 来源 line left out; other lines as they were."""
    out: list[str] = []
    filled = 0
    for line in lines:
        text = line.strip()
        if line.startswith("\t") or not text:
            out.append(line)
            continue
        filled += 1
        if _CREDITS_LINE.match(text) or (len(text) <= 40 and _PLATFORM_LINE.search(text)) \
                or (filled > _FRONT_LINES and _SOURCE_LINE.match(text)):
            continue
        section = _NUMBERED_SECTION.match(text)
        if section:
            out.append(f"【{section.group(1).strip()}】")
            continue
        out.append(_pictograph_heading(text) or line)
    return out


def _pictograph_heading(text: str) -> str | None:
    """"❓怎么申报？" → "【怎么申报？】": a short question after a pictograph heads what follows."""
    lead = _LEADING_PICTOGRAPHS.match(text)
    if not lead:
        return None
    rest = text[lead.end():].strip()
    if 2 <= len(rest) <= 12 and rest.endswith(("？", "?")) and not re.search(r"[。；;，,：:【】]", rest):
        return f"【{rest}】"
    return None
