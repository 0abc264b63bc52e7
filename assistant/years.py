"""One year of a period asked ("第三年租金怎么算？", "第四年呢？") and whether the clauses reach
it: by that year, or by a span (前三年, 3年内, 第四、五年, 每年). Pure functions."""

from __future__ import annotations

import re

from .gloss import numeral_value
from .query import QueryAnalysis
from .subjects import topical
from .types import ScoredChunk
from .words import ORDINAL_YEAR

_YEARS_SPANNED = re.compile(r"(?:前|头|连续(?:补贴|补助|支持|奖励|给予|享受)?)([一二两三四五六七八九十\d]{1,3})(?:个)?年|([一二两三四五六七八九十\d]{1,3})(?:个)?年(?:内|以内|之内)|"
                            r"(?<![近第前头\d一二两三四五六七八九十])([一二两三四五六七八九十\d]{1,2})年(?![\d月底初末度])")  # 给予三年房租优惠


def year_uncovered(query: QueryAnalysis, hits: list[ScoredChunk]) -> bool:
    """("第三年租金怎么算": "前两年租金减半" says nothing of the third.) Whether the ask names one year of a period ("第三年") that no topical clause states, by
    that year or by a span reaching it (前三年, 3年内, 每年)."""
    asked = ORDINAL_YEAR.search(query.ask)
    if not asked:
        return False
    year = numeral_value(asked.group(1))
    for hit in topical(hits)[:3]:
        text = hit.chunk.text
        if ORDINAL_YEAR.search(text) and any(numeral_value(m.group(1)) == year for m in ORDINAL_YEAR.finditer(text)):
            return False
        spans = [numeral_value(next(g for g in m.groups() if g)) for m in _YEARS_SPANNED.finditer(text)]
        # (每年 reaches any year, unless a span ends it: "每人每年3万元，连续3年")
        if any(span >= year for span in spans) or ("每年" in text and not spans):
            return False
    return True
