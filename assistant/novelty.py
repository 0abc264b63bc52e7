"""Whether an ask names a thing no text of the knowledge base speaks of (人才公寓, 招聘补贴, an
internship subsidy): no clause can answer for it, however many other words it shares. Pure functions."""

from __future__ import annotations

import re

from .evidence import TermWeights, squash
from .query import QueryAnalysis, is_scope
from .subjects import ASKED_OBJECT


def novel_noun(query: QueryAnalysis, weights: TermWeights) -> float:
    """1 when the ask names a thing (a noun: 公寓, 房产税) that no text of the knowledge base
    mentions under any of its synonyms: the documents cannot speak of it."""
    return float(any(any(t in query.nouns for t in g) and all(weights.df(t) == 0 for t in g)
                     for g in query.ask_groups))


_NOT_A_THING = re.compile(r"^[能可会要想该这那此本每各别]")  # 能用, 这两项: a modal or a pointer, no name


def novel_subject(query: QueryAnalysis, weights: TermWeights) -> bool:
    """Whether what the ask is about (a noun heading its phrase: 公寓 in 人才公寓, 年费 in 交年费)
    is a thing no text mentions under any of its synonyms: no clause can answer for it."""
    # only where the ask is whether there is such a thing (有没有…, 能申请…吗, 要交…吗, 有贷款额度吗):
    # a question for a detail (多久, 电话多少) is judged by whether the detail is there
    asked = ASKED_OBJECT.search(query.ask)
    span = squash(next(g for g in asked.groups() if g)) if asked else ""
    # the object of "需要…吗", "能用来…吗" is the thing asked, whatever jieba tags it (抵押, 发工资)
    acted = span if asked and (asked["use"] or asked["need"]) else None
    whether = set(query.ask_types) <= {"conditions", "support"}
    # most of what a yes/no ask names is in no text ("劳动合同到期不续签要赔偿吗": 劳动合同, 续签,
    # 赔偿), though jieba tags none of it a noun: the texts do not speak of it
    own = [g for g in (query.ask_groups[:query.own_size] if query.own_size else query.ask_groups)
           if g not in query.cue_groups and not is_scope(g, query.places) and g not in query.level_groups]
    unseen = [g for g in own if all(weights.df(t) == 0 for t in g)]
    if whether and query.language == "zh" and len(unseen) >= 2 and 2 * len(unseen) > len(own):
        return True
    if query.language == "en" and _unknown_benefit(query):
        return True  # "Is there an internship subsidy?", "What does X give for ISO 9001?": a thing no text knows
    if query.language == "zh" and any(all(weights.df(t) == 0 for t in g) and any(  # (also one wished for before "有吗？")
            t and re.search(re.escape(t) + "的?(补贴|补助|奖励|资助|奖补|贴息)", query.question) for t in g) for g in query.ask_groups
            if not is_scope(g, query.places) and g not in query.level_groups and g not in query.cue_groups):
        return True  # "招聘补贴": a benefit for a thing no text speaks of
    return any(g not in query.cue_groups and not is_scope(g, query.places)
               and all(weights.df(t) == 0 for t in g)
               # an English ask's terms are the glossary's names of things: no tagging needed
               # (a fee is a thing to pay, whatever jieba tags it: 交申报费吗)
               and (query.language == "en" or any((t in query.heads or t.endswith("费") or squash(t) == acted)
                                                  and not _NOT_A_THING.match(t) for t in g))
               and (whether or any(squash(t) in span for t in g if t))
               for g in query.ask_groups)


_EN_BENEFIT_WORDS = r"subsid\w*|allowances?|grants?|rewards?|bonus\w*|funding|incentives?"
_EN_BENEFIT = rf"({_EN_BENEFIT_WORDS})\b"
_EN_GIVEN_FOR = re.compile(rf"\b(give|gives|pay|pays|{_EN_BENEFIT_WORDS})\s+(for|towards)\s+(an?\s+|the\s+)?([a-z0-9' -]+?)\s*\??\s*$",
                           re.IGNORECASE)


def _unknown_benefit(query: QueryAnalysis) -> bool:
    """Whether an English ask wants a benefit for a thing named only in words no glossary line
    knows: right before the benefit ("internship subsidy"), or all of what follows "give for"."""
    unknown = {w.lower() for w in query.unknown_terms}
    if any(re.search(rf"\b{re.escape(w)}\s+{_EN_BENEFIT}", query.ask, re.IGNORECASE) for w in unknown):
        return True
    thing = _EN_GIVEN_FOR.search(query.ask)
    words = re.findall(r"[a-z0-9]+", thing.group(4).lower()) if thing else []
    return bool(words) and all(w in unknown or w.isdigit() for w in words)
