"""A case an owner tells before a yes/no ask ("那退市了要退钱吗？"): the clause that answers must be
about that case — one on moving away (迁出本县的，应退回…) says nothing of delisting. Pure functions."""

from __future__ import annotations

import re

from .evidence import squash, term_present
from .query import QueryAnalysis, is_scope
from .subjects import clause_text, topical
from .types import ScoredChunk

# (the ask opens with it: 那/如果/要是 …了 …吗; not 在…: a place is where, no case)
_TOLD_CASE = re.compile(r"^(?:那|如果|要是|万一|假如)?(?!在)([\u4e00-\u9fff]{2,4}?)了(?=[^，,。？?]{0,8}(?:吗|么))")


def told_case_missing(query: QueryAnalysis, hits: list[ScoredChunk]) -> bool:
    """Whether the case a yes/no ask opens with is named by none of the topical clauses."""
    told = _TOLD_CASE.match(query.ask.strip())
    if not told:
        return False
    case = told.group(1)
    groups = [g for g in query.ask_groups if any(t and (t in case or case in t) for t in g)
              and not is_scope(g, query.places) and g not in query.level_groups]
    if not groups:
        return False  # (a word no group holds is the novelty check's)
    texts = [squash(clause_text(h)) for h in topical(hits)[:3]]
    return not any(term_present(t, text) for g in groups for t in g if t for text in texts)
