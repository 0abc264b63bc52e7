"""Which sentences of a clause an answer quotes: those carrying the asked detail and the ask's
terms (all of a short clause, all of a list the question asks for)."""

from __future__ import annotations

import re

from .asking import levels
from .evidence import TermWeights, coverage, squash, term_present
from .query import QueryAnalysis
from .stated import detail_present
from .subjects import sentences

_NUMBER = re.compile(r"\d|[一二三四五六七八九十]+[家项个级]")
# a clause that introduces a numbered list ("满足以下条件：（一）…", "提交下列材料：1. …")
_ENUMERATION = re.compile(r"(以下|下列|如下)[^。；]{0,16}[：:]\s*(（[一二三四五六七八九十]）|[(（]?[1１][)）.、]|一、)")
_WHICH = re.compile(r"(哪些|哪几|什么样的|which|what kinds?|\bwhat (?!does\b|is\b|was\b|has\b)[a-z]+s\b)", re.IGNORECASE)
_ENUMERATES = re.compile(r"[^、，,。；]{1,16}、[^、，,。；]{1,16}、")  # three or more items in a row
# the colon that introduces a list's first item, and an item's own number
_LEAD = re.compile(r"[：:]\s*(?=（[一二三四五六七八九十]）|[(（][1１][)）]|[1１][.、．])")
_ITEM_START = re.compile(r"^\s*(（[一二三四五六七八九十]+）|[(（]\d+[)）]|\d+[.、．])")
UNITS_ONLY = re.compile(r"^\s*[（(〔]?(责任单位|责任部门)[:：][^。]*[）)〕]?\s*$")
# a question-and-answer unit ("1. 问：…？\n答：…"): the answer is quoted, not the question it repeats
_ANSWER_LINE = re.compile(r"\n\s*(答|解答|A)\s*[：:]")
# how a clause treats a firm that rises from one level to another (差额, 就高, 不重复)
_RISING = re.compile(r"(晋级|晋升|差额|就高|从高|不重复)")


def quote_of(text: str, query: QueryAnalysis, weights: TermWeights) -> str:
    """The part of clause ``text`` that answers ``query``."""
    answer = _ANSWER_LINE.search(text)
    if answer:
        text = text[answer.end():]  # (its 答： label too: the section path names the question)
    if len(text) <= 120:
        return text.strip()
    if set(query.ask_types) & {"conditions", "materials", "procedure"} and _ENUMERATION.search(text) \
            and len(text) <= 800:
        return text.strip()  # "应同时满足以下条件：（一）…（五）…": the list is the answer, every item of it
    parts = [p for p in sentences(text) if "unit" in query.ask_types or not UNITS_ONLY.match(p)] or sentences(text)
    # places are answered by the document's region, not by a sentence naming them
    groups = tuple(g for g in query.ask_groups if not set(g) & set(query.places))
    # what the company told ("原来是省级，今年升成了国家级") picks, among the sentences on the ask,
    # the one about its case ("同一企业晋级的，按差额补足奖励")
    told = tuple(g for g in query.term_groups[len(query.ask_groups):] if not set(g) & set(query.places))

    rising = len(set(levels(query.question))) >= 2  # (the levels told count: "去年评上省级，今年…国家级")

    def score(sentence: str) -> float:
        value = coverage(groups, (), sentence, weights) + (0.3 * coverage(told, (), sentence, weights) if told else 0.0)
        if any(detail_present(kind, sentence, (), query.ask) for kind in query.ask_types if kind != "conditions"):
            value += 0.5
        elif query.ask_types and _NUMBER.search(sentence):
            value += 0.1
        if "unit" in query.ask_types and "责任" in sentence:
            value += 1.0
        if _WHICH.search(query.ask) and _ENUMERATES.search(sentence):
            value += 0.3  # "有哪些产品": the sentence that names them (“首贷贴息”、“设备担”、“专精特新贷”)
        return value

    ranked = sorted(range(len(parts)), key=lambda i: -score(parts[i]))
    top = score(parts[ranked[0]]) if ranked else 0.0
    keep = [i for i in ranked[:3] if score(parts[i]) >= 0.6 * top]
    # a sentence on a part of the question the kept ones leave out ("还能拿多少" after an award
    # already received: "同一企业按最高标准补齐差额") is quoted too
    said = {g for g in groups if any(term_present(t, squash(parts[i])) for i in keep for t in g)}
    for i in ranked:
        if len(keep) >= 4:
            break
        new = {g for g in groups if g not in said and any(term_present(t, squash(parts[i])) for t in g)}
        if i not in keep and any(weights.group_weight(g) >= 1.5 for g in new):
            keep.append(i)
            said |= new
    if "unit" in query.ask_types:  # the unit of the sentence on the topic is the note after it
        keep = _with_own_unit(parts, groups, weights) or keep
    if rising:  # "去年评上省级，今年评上国家级，能拿多少": what a firm that rose gets is quoted too
        keep += [i for i in range(len(parts)) if _RISING.search(parts[i]) and i not in keep][:1]
    keep = sorted(keep)
    quote = "……".join(parts[i].strip() for i in keep)
    # an item of a list says nothing without the sentence that introduces it: "（四）拒不报送运行监测数据的"
    # is a case of "有下列情形之一的，撤销其认定资格…："
    lead = next((p for p in parts if _LEAD.search(p)), None)
    if quote and lead and parts.index(lead) not in keep and any(_ITEM_START.match(parts[i]) for i in keep):
        quote = lead[:_LEAD.search(lead).start() + 1].strip() + "……" + quote
    return quote or text.strip()


_UNIT_NOTE = re.compile(r"(责任单位|责任部门)[:：]")
_UNIT_ASK = re.compile(r"负责|责任|牵头|主管|部门|单位")


def _with_own_unit(parts: list[str], groups: tuple[tuple[str, ...], ...], weights: TermWeights) -> list[int]:
    """For "谁负责": the sentence on the topic and the first （责任部门：…） note at or after it (a
    measure's notes follow the tasks they are for: "…专利优先审查培训。…〔责任部门:县市场监管局〕"),
    not a note of another task that repeats a word of the question; empty when no note follows
    (the measure's units are then shown with the quote)."""
    # (a group of only unit words asks who; 负责解释 names the topic too: who interprets)
    topic = tuple(g for g in groups if not any(t and not _UNIT_ASK.sub("", t) for t in g))
    if not topic:
        return []
    covered = [coverage(topic, (), p, weights) for p in parts]
    best = max(range(len(parts)), key=lambda i: covered[i])
    if covered[best] <= 0:
        return []
    note = next((i for i in range(best, len(parts)) if _UNIT_NOTE.search(parts[i])), None)
    return [best] if note is None else sorted({best, note})
