"""The questions one message puts ("县里奖多少？能和市里的叠加吗？"): each one's term groups, so that
a detail is looked for in the part of the message that asks it. Pure functions."""

from __future__ import annotations

import re

from .query import QueryAnalysis, names_place


def sub_asks(query: QueryAnalysis) -> list[tuple[tuple[str, ...], ...]]:
    """The ask's term groups per question it puts ("…奖多少？能一起拿吗？" → two), or all of them."""
    parts = [p for p in re.split(r"[？?！!]", query.ask) if p.strip(" ，,")]
    split = [tuple(g for g in query.ask_groups if any(t and t in part for t in g)) for part in parts]
    split = [groups for groups in split if groups]
    # (the place is where, not what: a record of 桐溆's materials list is no clause on its risk pool)
    return [tuple(g for g in groups if not names_place(g, query.places)) or groups
            for groups in (split if len(split) > 1 else [query.ask_groups])]
