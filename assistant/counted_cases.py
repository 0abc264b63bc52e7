"""Cases a clause names by a count or a definition: a later ordinal than the clauses speak of
(第二笔贷款 beside 首贷), a thing asked to count as what a clause defines when the clause does not
name it (融资租赁 beside 个人经营性贷款或票据贴现 视为首贷). Pure functions."""

from __future__ import annotations

import re

from .query import QueryAnalysis
from .types import ScoredChunk

_ORDINAL = re.compile(r"第([一二三四五六七八九十两\d]{1,3})(笔|次|批|轮)")
_FIRST = {"笔": "首贷|首笔|第一笔", "次": "首次|第一次", "批": "首批|第一批", "轮": "首轮|第一轮"}
_EN_ORDINAL = re.compile(r"\b(second|third|fourth|fifth) (?:[a-z'-]+ ){0,2}(loan|application|batch|round)s?\b", re.IGNORECASE)
_EN_NUMBERS = {"second": "二", "third": "三", "fourth": "四", "fifth": "五"}
_EN_COUNTERS = {"loan": "笔", "application": "次", "batch": "批", "round": "轮"}


def other_ordinal(query: QueryAnalysis, hits: list[ScoredChunk]) -> str:
    """"第二笔贷款" when the clauses speak of the first (首贷, 第一笔) or another one only: the asked
    ordinal with its counter, "" otherwise."""
    asked = _ORDINAL.search(query.ask)
    english = _EN_ORDINAL.search(query.ask) if not asked else None
    if english:  # "a company's second bank loan"
        number, counter = _EN_NUMBERS[english.group(1).lower()], _EN_COUNTERS[english.group(2).lower()]
        asked = re.search(r"第(.)(.)", f"第{number}{counter}")
    if not asked or asked.group(1) in ("一", "1") or not hits:
        return ""
    counter = asked.group(2)
    named = [re.findall(rf"第([一二三四五六七八九十两\d]{{1,3}}){counter}", h.chunk.text) for h in hits]
    firsts = [re.search(_FIRST[counter], h.chunk.text) for h in hits]
    if any(asked.group(1) in found for found in named) or not any(named) and not any(firsts):
        return ""
    return asked.group(0)


# "融资租赁算不算首贷": whether a thing (after its place) counts as what a clause defines
_COUNTS_AS = re.compile(r"^(?:[\u4e00-\u9fff]{2,3}?(?:市|县|区)?的?)?([\u4e00-\u9fff]{2,8}?)(?:算不算|算是|能不能算|可以算)[\u4e00-\u9fff]{2,8}(?:吗|么)?[？?]?$")


def other_member(query: QueryAnalysis, hits: list[ScoredChunk]) -> str:
    """The thing asked to count as something ("融资租赁" in "融资租赁算不算首贷？") when no clause
    names it, though one defines what counts (个人经营性贷款或票据贴现 视为首贷); "" otherwise."""
    asked = _COUNTS_AS.match(query.ask.strip())
    if not asked or not hits:
        return ""
    thing = asked.group(1)
    for place in query.places:
        thing = thing.removeprefix(place).lstrip("的")
    texts = [h.chunk.text for h in hits]
    # (by its words and their synonyms: 票据贴现 is named where 票据 and 贴现 are)
    words = [g for g in query.ask_groups if any(t and t in thing for t in g)] or [(thing,)]
    missing = [g for g in words if not any(t in text for t in g for text in texts)]
    return thing if len(thing) >= 2 and missing else ""
