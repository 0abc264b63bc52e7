"""Whether two benefits may be had together (叠加, 兼得, 重复享受): the rule answering it must be
about the benefit asked. Pure functions."""

from __future__ import annotations

import re

from .query import QueryAnalysis, is_scope
from .subjects import topical
from .types import ScoredChunk

_STACKING = re.compile(r"叠加|兼得|同时享受|重复享受|一起拿|一起享受|同时拿|重复拿|\b(stack|stacked|combine|combined|on top of)\b",
                       re.IGNORECASE)
# the benefits a rule may be about; one that names none ("不重复享受") is about them all
_BENEFIT = re.compile(r"奖励|贴息|补贴|补助|资助|奖补|奖金")


def stacking_mismatch(query: QueryAnalysis, hits: list[ScoredChunk]) -> bool:
    """True when the ask is whether a benefit stacks ("泊川的贴息能和市里其他贴息叠加吗") and every
    nearby rule on stacking is about another benefit (第五条…补足奖励差额, not 贴息)."""
    if not _STACKING.search(query.ask):
        return False
    benefits = [g for g in query.ask_groups if not is_scope(g, query.places) and g not in query.level_groups
                and any(_BENEFIT.fullmatch(t) for t in g)]
    if not benefits:
        return False
    rules = [h for h in topical(hits)[:3] if _STACKING.search(h.chunk.text) or re.search(r"差额|就高|不重复|重复申报", h.chunk.text)]
    if not rules:
        return True  # no nearby clause says anything of stacking: the benefit's own clause does not answer it
    specific = [h for h in rules if _BENEFIT.search(h.chunk.text)]
    return len(specific) == len(rules) and not any(t in h.chunk.text for h in specific for g in benefits for t in g)
