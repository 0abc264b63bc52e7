"""Whether a sentence states a figure the way the ask wants it: a grant when a grant is asked (not a
target's 4.5% or a criterion's 3000万元), a fund's size when the fund is asked (and not when an
amount per use is), the amount per stage when a stage is asked, the total when a total is, the
unit doing the act asked. Pure functions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .asking import ASK_TYPES
from .criteria_rows import grant_heading
from .evidence import LIST_ITEM, TermWeights
from .figure_words import (
    ACT_WORDS,
    COUNTED_IN,
    EACH,
    FEE_ASKED,
    FEE_STATED,
    FUND_STATED,
    GRANTED_TO_ENTERPRISE,
    ITEM_STATED,
    PER_ITEM,
    PER_USE_ASKED,
    PER_USE_STATED,
    PERIOD_OF,
    RECIPIENT,
    TOTAL,
    TOTAL_ASKED,
    UNIT_ACT,
    count_unit,
)
from .query import QueryAnalysis
from .stated import FUND_ASKED, PAPER_ASKED, detail_present
from .subjects import states_measured
from .types import ScoredChunk

# "补多少钱", "给多少": a grant is asked even without 奖励/补贴
_GRANT = re.compile(r"(补|奖|给|发|贴)(多少|几)")


@dataclass(frozen=True)
class FigureAsk:
    """How an ask wants its figure, read once per question."""

    grant_asked: bool
    per_item: re.Match | None
    total_asked: bool
    counted_unit: str | None
    fee_asked: bool
    act_word: str | None
    recipient: bool
    paper: re.Match | None
    fund_asked: bool

    @classmethod
    def of(cls, ask: str) -> FigureAsk:
        per_item = PER_ITEM.search(ask)
        act = UNIT_ACT.search(ask)  # "资金谁管": the unit that manages it, not one that recovers it
        recipient = bool(RECIPIENT.search(ask))
        return cls(grant_asked=bool(ASK_TYPES["support"].search(ask) or _GRANT.search(ask)), per_item=per_item,
                   total_asked=bool(TOTAL_ASKED.search(ask)) and not per_item, counted_unit=count_unit(COUNTED_IN.search(ask)),
                   fee_asked=bool(FEE_ASKED.search(ask)), act_word=ACT_WORDS[next(g for g in act.groups() if g).lower()] if act else None,
                   recipient=recipient, paper=PAPER_ASKED.search(ask),
                   fund_asked=bool(FUND_ASKED.search(ask)) and not recipient and not _GRANT.search(ask))


def figure_fits(asked: FigureAsk, kind: str, part: str, hit: ScoredChunk, query: QueryAnalysis, weights: TermWeights) -> bool:
    """Whether ``part`` (a sentence of ``hit``) states the ``kind`` of figure as ``asked`` wants it."""
    # an amount of support is stated with the grant (给予…奖励, 安排专项资金); a table record's fields
    # are one statement (支持事项：银行贷款贴息；支持标准：…的50%), a table cell's grant its column heading
    if kind in ("amount", "rate") and asked.grant_asked and not (detail_present(
            "support", hit.chunk.text if hit.chunk.kind == "table_record" else part) or grant_heading(hit)):
        return False
    if asked.recipient and kind == "amount" and not GRANTED_TO_ENTERPRISE.search(part):
        return False
    if asked.fund_asked and kind == "amount" and not FUND_STATED.search(part):
        return False  # "培育资金一年有多少": the fund's size, not one of its rewards
    if kind == "amount" and not asked.fund_asked and PER_USE_ASKED.search(query.ask) and FUND_STATED.search(part) \
            and not PER_USE_STATED.search(part):
        return False  # "单笔最多能转多少": the fund's size (设立5000万元转贷资金) is no amount per use
    per_item = asked.per_item
    if per_item and kind in ("amount", "rate", "number") and ((TOTAL.search(part) and not re.search(r"(每|分别)", part))
                                                               or (per_item.group(1) and not re.search(
                                                                   ITEM_STATED.format(per_item.group(1)) if per_item.group(0)[0] == "第"
                                                                   else per_item.group(1), part))):
        return False  # the amount per stage must be stated for the stages (第一阶段: not only 分阶段)
    if asked.fee_asked and kind == "amount" and not FEE_STATED.search(part):
        return False  # "认定要交多少钱": what the firm pays, not a reward it gets
    if asked.act_word and kind == "unit" and not re.search(asked.act_word, part):
        return False
    if asked.total_asked and kind in ("count", "amount", "number") and EACH.search(part) and not TOTAL.search(part):
        return False  # "一共有多少名服务专员": 每家配备1名 is per firm, not the total
    if asked.counted_unit and kind == "count" and not re.search(rf"[\d一二三四五六七八九十百千两]{asked.counted_unit}", part):
        return False
    if kind == "materials" and asked.paper and asked.paper.group(1) not in part:
        return False  # (纳税证明 asked: on the list)
    if kind in ("amount", "rate") and LIST_ITEM.match(part) and not states_measured(query, kind, hit, weights, part):
        return False  # "质押融资的担保费补多少": ③'s 评估费的50% is not of 担保费 (②'s)
    if kind == "duration" and query.language == "zh" and (period := PERIOD_OF.search(part)) \
            and not any(ch in query.question for ch in period.group(1)):  # (贷款期限 is 专精特新贷's; 使用期限 is 用几天's)
        return False  # "能贷几年": 贴息期限最长2年 is the subsidy's period, not the loan's
    return True
