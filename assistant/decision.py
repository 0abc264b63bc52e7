"""Whether the retrieved clauses answer a question: signals, a calibrated model, the detail check.

The decision is taken from what the question asks, not from how many of its words a clause
repeats. Signals (pure functions over the analysis and the retrieved clauses):

- ``ask_coverage``: idf-weighted share of the ask's terms (synonyms count) in the best clause;
- ``coverage``: the same over the whole question, context terms weighing less;
- ``similarity``: the best dense cosine similarity;
- ``known``: share of the ask's terms that occur anywhere in the knowledge base;
- ``detail``: share of the asked kinds of detail (amount, date, unit, …) that a topical clause
  sentence carries;
- ``criteria``: an eligibility question found the criteria table of the level it names;
- ``level``: a topical clause names the recognition level the question asks about;
- ``subject``: the best topical clause covers the ask's distinctive words (its subject);
- ``novel``: the ask names a thing no document mentions.

A logistic model over them gives the probability that the question is answerable; its
weights and threshold are fitted by ``eval/calibrate.py`` on the project's labelled questions
and stored in ``knowledge/decision.json``.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from .asking import ASK_TYPES, detail_present, levels, measured_after, measured_words
from .criteria import title_names_level
from .evidence import (
    TermWeights,
    coverage,
    distinctive_coverage,
    known_share,
    squash,
    term_present,
)
from .gloss import numeral_value
from .levels import asks_government, names_level
from .levels import level_fit as levels_fit
from .query import QueryAnalysis, is_scope
from .types import ScoredChunk

FEATURES = ("ask_coverage", "coverage", "similarity", "known", "detail", "criteria", "level", "subject", "novel")
_APPLYING = frozenset({"认定", "申报", "申请", "入库", "评定"})  # the process a notice's 申报材料 are for
# "补多少钱", "给多少": a grant is asked even without 奖励/补贴
_GRANT = re.compile(r"(补|奖|给|发)(多少|几)")
# "每个阶段能拿多少": an amount per item is asked; a total over all of them does not answer it
# ("每年发多少": a yearly sum, which a total paid in stages does not state)
_PER_ITEM = re.compile(r"(?:每个|每一个?|各个|第[一二三四五六七八九十\d]+个?)([\u4e00-\u9fff]{2})|每年(?=[\u4e00-\u9fff]{0,3}多少)|"
                       r"per (stage|item|person|employee|company)|(?:first|second|third|final) (stage|phase|instal?ment)", re.IGNORECASE)
_TOTAL = re.compile(r"(总额|合计|累计|共计|总计|总共)")
# "我们能拿多少": what an enterprise receives; a budget set aside (安排专项资金1500万元) is not that
_RECIPIENT = re.compile(r"(能拿|拿到|能领|领到|能得|可以拿|给我们|我们能|我能|(can|do|would|will) (we|i) (get|receive))", re.IGNORECASE)
# the size of a fund asked ("培育资金一年有多少", "资金池多大"): a sentence that sets one up states it
_FUND_ASKED = re.compile(r"(资金|经费|预算|资金池|基金)[^，,。？?]{0,6}(多少|几|多大)|\b(fund|budget|pool)\b[^?]{0,20}\b(size|how (much|big|large))|how (big|large) is [^?]{0,30}\b(fund|budget|pool)\b", re.IGNORECASE)
_FUND_STATED = re.compile(r"(规模|安排|设立|总额|资金池|预算|统筹|每年.{0,6}(投入|列支))")
_GRANTED_TO_ENTERPRISE = re.compile(r"(给予|奖励|补助|补贴|奖补|贴息|补偿)")
# numbers and dates: one stated for another subject is the likeliest wrong answer
STATED = ("amount", "support", "rate", "count", "date", "duration", "measure", "number", "level")


def _evidence(hit: ScoredChunk) -> str:
    return f"{hit.doc.title} {' '.join(hit.chunk.section_path)} {hit.chunk.text}"


def _clause_text(hit: ScoredChunk) -> str:
    return f"{' '.join(hit.chunk.section_path)} {hit.chunk.text}"


def _states_criteria_of(topic: tuple[tuple[str, ...], ...], hit: ScoredChunk, weights: TermWeights) -> bool:
    """Whether the clause sets out what it takes to be (or get) the thing the ask names
    (``topic``: its own words, not the company's figures): its criteria sentence or its heading
    names it ("申报市级专精特新企业应同时满足以下条件"), not only the clause at large
    ("制定入库标准…聚焦…高新技术企业" sets the pool's standard, not 高企's)."""
    text = _clause_text(hit)
    match = STATES_CRITERIA.search(text)
    if not match:
        return False
    named = [g for g in topic if not _APPLYING.intersection(g)]
    if not named:
        return True
    key = max(named, key=weights.group_weight)
    window = squash(" ".join(hit.chunk.section_path) + " " + text[max(0, match.start() - 24): match.end()])
    return any(term_present(t, window) for t in key)


# "第三年租金怎么算": one year of a span is asked; "前两年租金减半" says nothing of the third
_ORDINAL_YEAR = re.compile(r"第([一二两三四五六七八九十\d]{1,3})(个)?年")
_YEARS_SPANNED = re.compile(r"(?:前|头|连续(?:补贴|补助|支持|奖励|给予|享受)?)([一二两三四五六七八九十\d]{1,3})(?:个)?年|([一二两三四五六七八九十\d]{1,3})(?:个)?年(?:内|以内|之内)|"
                            r"(?<![近第前头\d一二两三四五六七八九十])([一二两三四五六七八九十\d]{1,2})年(?![\d月底初末度])")  # 给予三年房租优惠


def year_uncovered(query: QueryAnalysis, hits: list[ScoredChunk]) -> bool:
    """Whether the ask names one year of a period ("第三年") that no topical clause states, by
    that year or by a span reaching it (前三年, 3年内, 每年)."""
    asked = _ORDINAL_YEAR.search(query.ask)
    if not asked:
        return False
    year = numeral_value(asked.group(1))
    for hit in topical(hits)[:3]:
        text = hit.chunk.text
        if _ORDINAL_YEAR.search(text) and any(numeral_value(m.group(1)) == year for m in _ORDINAL_YEAR.finditer(text)):
            return False
        spans = [numeral_value(next(g for g in m.groups() if g)) for m in _YEARS_SPANNED.finditer(text)]
        # (每年 reaches any year, unless a span ends it: "每人每年3万元，连续3年")
        if any(span >= year for span in spans) or ("每年" in text and not spans):
            return False
    return True


def _row_title(hit: ScoredChunk, query: QueryAnalysis) -> str:
    """What a criteria row is judged on: for "X认定要什么条件" its table's title and headings (a
    小巨人 row "企业应为高新技术企业" is no criterion for being recognised as 高新技术企业), else
    the row with them."""
    return " ".join(hit.chunk.section_path) if _ASKS_RECOGNITION_CRITERIA.search(query.ask) else _clause_text(hit)


# a clause that sets out what it takes to be recognised or admitted
# (or says who may apply: a 申报对象 section)
STATES_CRITERIA = re.compile(r"((申报|认定|入库|评定|评选|申请)(的)?(条件|标准|对象|范围)|应(当)?(同时)?(具备|满足|符合)(以下|下列|如下)?"
                              r"|(需要?|须)(同时)?(具备|满足|符合)[^。；？]{0,6}条件|基本条件)")
# "认定条件是什么": what it takes to be recognised, which a reward for the recognised does not say
_ASKS_RECOGNITION_CRITERIA = re.compile(r"(认定|申报|入库|评定|评选|申请)[^，,。？?；;]{0,6}(条件|门槛)|(认定|申报|入库|评定|评选)的?标准")
# "要从事细分领域几年以上", "must have been … how many years": a period required, which a criterion states
_THRESHOLD = re.compile(r"(以上|至少|起码|不少于|不低于|满|要|须|\bmust\b|at least|minimum|or more)", re.IGNORECASE)
_REQUIREMENT = re.compile(r"(需要|要求|条件|门槛|标准|达到|require|need|criteri|threshold)", re.I)
SENTENCE = re.compile(r"[^。；;！？!?]+[。；;！？!?）)]*")
# until calibrated: answer when the ask is mostly covered and the asked detail is there
DEFAULT_MODEL = {"weights": {"ask_coverage": 6.0, "coverage": 2.0, "similarity": 2.0, "known": 2.0, "detail": 3.0,
                             "criteria": 2.0, "level": 1.0, "subject": 2.0, "novel": -2.0},
                 "bias": -8.0, "threshold": 0.5}


@dataclass(frozen=True)
class DetailCheck:
    """For each asked kind of detail, the clause sentence that carries it (None: no clause does)."""

    found: dict[str, tuple[ScoredChunk, str] | None] = field(default_factory=dict)

    @property
    def share(self) -> float:
        return sum(1 for v in self.found.values() if v) / len(self.found) if self.found else 1.0

    @property
    def missing(self) -> list[str]:
        return [kind for kind, value in self.found.items() if value is None]


def topical(hits: list[ScoredChunk], floor: float = 0.25, relative: float = 0.7) -> list[ScoredChunk]:
    """The retrieved clauses close enough to the ask to be quoted (relative to the best one)."""
    best = max((h.ask_coverage for h in hits), default=0.0)
    # the best clause is always topical: the decision, not this floor, says whether it answers
    chosen = [h for h in hits if h.ask_coverage >= max(min(floor, best), relative * best)]
    # the rows of a table a topical clause introduces ("…给予一次性奖励，标准如下：") are as topical
    # as it: a row names its level and amount, not the reward it is a row of
    heads = {(h.chunk.doc_id, h.chunk.section_path) for h in chosen if not h.chunk.kind.startswith("table")}
    return [h for h in hits if h in chosen or (
        h.chunk.kind.startswith("table") and (h.chunk.doc_id, h.chunk.section_path[:-1]) in heads)]


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE.findall(text) if s.strip()] or [text]


def check_details(query: QueryAnalysis, hits: list[ScoredChunk], weights: TermWeights) -> DetailCheck:
    """Find, for each kind of detail the question asks for, a topical sentence that carries it.

    A sentence is on topic when it covers the ask about as well as the best sentence of
    its clause does (the clause itself is already among the topical ones). "conditions"
    is met by a criteria row or a topical clause that states a requirement.
    """
    found: dict[str, tuple[ScoredChunk, str] | None] = {}
    grant_asked = bool(ASK_TYPES["support"].search(query.ask) or _GRANT.search(query.ask))
    per_item = _PER_ITEM.search(query.ask)
    recipient = bool(_RECIPIENT.search(query.ask))
    fund_asked = bool(_FUND_ASKED.search(query.ask)) and not recipient and not _GRANT.search(query.ask)
    # two details asked ("什么时候截止？要交哪些材料？"); support is no second detail: in "展会补贴要交啥
    # 材料" the subsidy is the subject of the materials asked for
    compound = len(set(query.ask_types) - {"support"}) > 1
    sub_asks = _sub_asks(query)
    kinds = list(query.ask_types)
    if "date" in kinds and "duration" not in kinds and "期限" in query.ask:
        kinds.append("duration")  # "期限呢？": a deadline or a term (贴息期限不超过2年)
    for kind in kinds:
        found[kind] = None
        # the subject of the ask, without the words that ask for this detail (截止, 利率, 额度)
        # (and, for an amount, without 奖励/补贴: they say what the number is, not whom it is for)
        cues = [ASK_TYPES[kind]] + ([ASK_TYPES["support"]] if kind in ("amount", "support") else [])
        # in a compound ask the words asking for the other details ("哪些材料") are no subject of this one
        if compound:
            cues += [ASK_TYPES[other] for other in query.ask_types if other != kind and other in ASK_TYPES]
        topic, scales = _subject(query, cues)
        # criteria rows rarely repeat an owner's words ("有没有别的路子能报…"): any nearby row counts
        # a compound ask ("什么时候截止？要交哪些材料？") is covered part by part, each by its own clause
        candidates = topical(hits, floor=0.1 if kind == "conditions" else 0.25,
                             relative=0.5 if compound else 0.7)
        # (its title: a 省级 row's "市级以上研发机构" is no 市级 criterion)
        title_only = not asks_government(query)
        if kind == "conditions":  # a criteria row answers however few of the owner's words it repeats
            # (one of a table of the title asked: 市级 rows do not answer for 小巨人; a table of the
            # level asked does, even without the category asked: 市级 criteria split no 制造类)
            candidates += [h for h in hits if h.chunk.kind == "table_row" and h.ask_coverage >= 0.1
                           and h not in candidates
                           and (not topic or coverage(topic, (), _row_title(h, query), weights, scales=scales) >= 0.5
                                or (query.levels and names_level(h, query.levels, title_only=title_only)))]
        if kind == "conditions" and query.levels:  # the criteria of the level asked, when retrieved
            candidates = sorted(candidates, key=lambda h: not names_level(h, query.levels, title_only=title_only))
        # "what do we need for provincial level?" names nothing but the level: it wants that
        # level's criteria, not a clause that sets a target for firms of that level
        bare = kind == "conditions" and ((bool(levels(query.ask)) and not topic)
                                         or bool(_ASKS_RECOGNITION_CRITERIA.search(query.ask)))
        for hit in candidates:
            if kind == "conditions":
                # a criteria row, or a clause that states a requirement (not one that merely
                # names the title: "对首次认定为…小巨人的，给予…奖励" says nothing of what it takes)
                # (a row of another title's table does not say what 星级上云企业 must meet)
                row_fits = hit.chunk.kind == "table_row" and (
                    not topic or coverage(topic, (), _row_title(hit, query), weights, scales=scales) >= 0.5
                    or bool(query.levels and names_level(hit, query.levels, title_only=title_only)))
                if row_fits or (hit.chunk.kind != "table_row" and detail_present(kind, hit.chunk.text, ask=query.ask) and (
                        not bare or _states_criteria_of(tuple(g for g, sc in zip(topic, scales) if sc >= 1.0), hit, weights))):
                    found[kind] = (hit, hit.chunk.text)
                    break
                continue
            if kind in ("amount", "duration") and hit.chunk.kind == "table_row" and not _REQUIREMENT.search(query.ask) \
                    and (kind == "amount" or ("条件" in " ".join(hit.chunk.section_path) and not _THRESHOLD.search(query.ask))):
                # a criterion's threshold (营业收入2000万元以上) is no amount of support, and its
                # look-back (近三年无不良记录) is not how long something lasts
                continue
            # the clause itself must name the subject: a document titled 小巨人培育方案 also grants
            # rewards for other things (校企共建研发平台 20万元)
            # (an English ask has no tagged nouns: for "is there a subsidy for X?" its glossary
            # terms name the subject; a figure asked in English is judged by the words around it)
            if kind in STATED and (query.nouns or (query.language == "en" and kind == "support")) and distinctive_coverage(topic, _clause_text(hit), weights, query.nouns,
                                                                         scales=scales) < 0.5:
                continue  # a number on another subject: 技师培养补贴 does not answer 社保补贴
            # (a figure asked in English: its most distinctive subject word must be there at least,
            # "subsidise electricity" is not answered by a recognition reward)
            if kind in STATED and query.language == "en" and not query.nouns and not _states_key(topic, hit, weights):
                continue
            if kind in STATED and kind != "support" and not _states_measured(query, kind, hit, weights):
                continue  # "认定有效期几年": the 3个月 of a payment is not the period asked for
            # the materials (steps) of the document's own application do not answer for one of
            # its measures: "技改补助要交哪些材料" is not answered by the 小巨人 申报程序
            # (the recognition itself, "认定要交哪些材料", is what a document's application is for)
            measure = tuple((g, sc) for g, sc in zip(topic, scales) if not _APPLYING.intersection(g))
            if kind in ("materials", "procedure") and query.nouns and measure and distinctive_coverage(
                    tuple(g for g, _ in measure), _evidence(hit), weights, query.nouns,
                    scales=tuple(sc for _, sc in measure)) < 0.5:
                continue
            parts = sentences(hit.chunk.text)
            path = " ".join(hit.chunk.section_path)
            # a sentence is on topic for the part of a compound ask it answers ("县里奖多少？能和市里的
            # 叠加吗？": the amount sentence need not name 叠加)
            scores = [max(coverage(groups, (), part + path, weights) for groups in sub_asks) for part in parts]
            best = max(scores, default=0.0)
            for part, score in zip(parts, scores):
                on_topic = score >= 0.2 or score >= 0.6 * best
                # an amount of support is stated with the grant (给予…奖励, 安排专项资金): a target's
                # 4.5% or a criterion's 3000万元 is not what a reward question asks for
                granted = kind not in ("amount", "rate") or not grant_asked or detail_present("support", part)
                if recipient and kind == "amount" and not _GRANTED_TO_ENTERPRISE.search(part):
                    granted = False
                if fund_asked and kind == "amount" and not _FUND_STATED.search(part):
                    granted = False  # "培育资金一年有多少": the fund's size, not one of its rewards
                if per_item and kind in ("amount", "rate", "number") and ((_TOTAL.search(part) and not re.search(r"(每|分别)", part))
                                 or (per_item.group(1) and per_item.group(1) not in part)):
                    granted = False  # the amount per stage must be stated for the stages
                if on_topic and granted and detail_present(kind, part, hit.chunk.responsible_units, query.ask):
                    found[kind] = (hit, part)
                    break
            if found[kind]:
                break
    # "多久到账" asks when (a date) or how long (3个月内): either answers it
    when = [k for k in ("date", "duration") if k in found]
    if len(when) == 2 and any(found[k] for k in when):
        found = {k: v or next(found[o] for o in when if found[o]) if k in when else v for k, v in found.items()}
    return DetailCheck(found)


def _sub_asks(query: QueryAnalysis) -> list[tuple[tuple[str, ...], ...]]:
    """The ask's term groups per question it puts ("…奖多少？能一起拿吗？" → two), or all of them."""
    parts = [p for p in re.split(r"[？?！!]", query.ask) if p.strip(" ，,")]
    split = [tuple(g for g in query.ask_groups if any(t and t in part for t in g)) for part in parts]
    split = [groups for groups in split if groups]
    return split if len(split) > 1 else [query.ask_groups]


# words that qualify a figure (per year, at most), never its subject
# (新认定, "newly recognised": which reward of the title, as 首次 says; by its canonical term, so
# the synonyms line may grow)
_MODIFIERS = frozenset("每年 年度 每年度 一年 一次性 最高 最多 上限 累计 首次 单个 每家 每户 单户 新认定".split())


def _states_key(topic: tuple[tuple[str, ...], ...], hit: ScoredChunk, weights: TermWeights) -> bool:
    """Whether the clause names the ask's most distinctive subject group (any of its terms)."""
    if any(not any(weights.df(t) for t in g) for g in topic):
        return False  # a thing no text names ("application fee" → 申请费): no clause states its figure
    known = [g for g in topic if not _MODIFIERS.issuperset(g) and g[0] not in _MODIFIERS]
    if not known:
        return True
    key = max(known, key=weights.group_weight)
    text = squash(_evidence(hit))
    # ("what share of revenue for R&D": 研发费用占比 names R&D, not revenue; most of the subject will do)
    return any(term_present(t, text) for t in key) or (
        len(known) > 1 and distinctive_coverage(tuple(known), text, weights) >= 0.5)


def _states_measured(query: QueryAnalysis, kind: str, hit: ScoredChunk, weights: TermWeights) -> bool:
    """Whether the clause names the noun the asked figure is of (see :func:`measured_words`),
    when that noun is distinctive: "认定有效期几年" is not answered by the 3个月 of a payment."""
    words = measured_words(query.ask, query.ask_groups, ASK_TYPES[kind])
    # the head noun, and a distinctive word qualifying it ("出口业务怎么打分": 出口)
    words = [g for i, g in enumerate(words) if not is_scope(g, query.places) and g not in query.cue_groups
             and (i == len(words) - 1 and any(t in query.heads or t in query.nouns for t in g) or i < len(words) - 1)
             and all(weights.df(t) <= 0.1 * weights.size for t in g)]
    # a thing no text names right after the cue ("交多少申报费"): no clause states its figure
    # (a thing: a noun heading its phrase or a fee, not a verb "多久能批下来")
    words += [g for g in measured_after(query.ask, query.ask_groups, ASK_TYPES[kind])
              if all(weights.df(t) == 0 for t in g) and any(t in query.heads or t.endswith("费") for t in g)]
    text = squash(_evidence(hit))
    return all(any(term_present(t, text) for t in g) for g in words)


def criteria_fit(query: QueryAnalysis, hits: list[ScoredChunk]) -> float:
    """1 when an eligibility question found a criteria table of the level it names (0.5: of
    another level or none named), else 0."""
    if not (query.wants_criteria):
        return 0.0
    rows = [h for h in hits[:12] if h.chunk.kind == "table_row"]
    if not rows:
        return 0.0
    if not query.levels:
        return 0.5
    titles = [h.chunk.section_path[0] for h in rows if h.chunk.section_path]
    return 1.0 if any(title_names_level(t, query.levels) for t in titles) else 0.5


def features(query: QueryAnalysis, hits: list[ScoredChunk], weights: TermWeights,
             details: DetailCheck | None = None) -> dict[str, float]:
    """The signals the decision is taken from, each between 0 and 1."""
    details = details or check_details(query, hits, weights)
    return {
        "ask_coverage": max((h.ask_coverage for h in hits), default=0.0),
        "coverage": max((h.coverage for h in hits), default=0.0),
        "similarity": max((h.similarity for h in hits), default=0.0),
        "known": known_share(query.ask_groups, query.unknown_terms, weights),
        "detail": details.share,
        "criteria": criteria_fit(query, hits),
        "level": level_fit(query, hits, details),
        "subject": subject_fit(query, hits, weights),
        "novel": novel_noun(query, weights),
    }


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
    asked = _ASKED_OBJECT.search(query.ask)
    span = squash(next(g for g in asked.groups() if g)) if asked else ""
    whether = set(query.ask_types) <= {"conditions", "support"}
    # most of what a yes/no ask names is in no text ("劳动合同到期不续签要赔偿吗": 劳动合同, 续签,
    # 赔偿), though jieba tags none of it a noun: the texts do not speak of it
    own = [g for g in (query.ask_groups[:query.own_size] if query.own_size else query.ask_groups)
           if g not in query.cue_groups and not is_scope(g, query.places) and g not in query.level_groups]
    unseen = [g for g in own if all(weights.df(t) == 0 for t in g)]
    if whether and query.language == "zh" and len(unseen) >= 2 and 2 * len(unseen) > len(own):
        return True
    return any(g not in query.cue_groups and not is_scope(g, query.places)
               and all(weights.df(t) == 0 for t in g)
               # an English ask's terms are the glossary's names of things: no tagging needed
               and (query.language == "en" or any(t in query.heads and not _NOT_A_THING.match(t) for t in g))
               and (whether or any(squash(t) in span for t in g if t))
               for g in query.ask_groups)


# "评分标准是什么", "申报流程是怎样的": an open ask about the thing named right before it
_OPEN_CUE = re.compile(r"(是什么|是啥|有哪些|包括哪些|包含哪些|是怎样的|是怎么样的)")


def open_head_missing(query: QueryAnalysis, hits: list[ScoredChunk], weights: TermWeights) -> bool:
    """Whether an open ask ("专家评审的评分标准是什么") names a thing the texts know (评分标准)
    that none of the best clauses names: a clause on 专家评审 alone does not say what it is."""
    if query.ask_types:
        return False  # a typed ask (an amount, a date, …) is judged by its detail
    chain = measured_words(query.ask, query.ask_groups, _OPEN_CUE)
    if not chain:
        return False
    head = chain[-1]
    df = max(weights.df(t) for t in head)
    if df == 0 or df > 0.1 * weights.size or is_scope(head, query.places) or set(head) & _GENERIC_BENEFITS:
        return False  # unseen (the novelty check's), common, a place, or a generic benefit word
    return not any(term_present(t, squash(_evidence(h))) for h in topical(hits)[:3] for t in head)


# the thing a yes/no question asks whether there is: 有贴息吗, 有没有房租补贴, 能享受X吗
_ASKED_OBJECT = re.compile(r"有没有([^，,。？?！!]{1,12})|有([^，,。？?！!有]{1,12}?)(?:吗|么|没有|不)"
                           r"|(?:能|可以|可)(?:享受|拿到|获得|得到|申请)([^，,。？?！!]{1,10}?)(?:吗|么)"
                           r"|(?:需要|要|得)(?:提供|提交|交|出具|缴纳|缴)([^，,。？?！!]{1,12}?)(?:吗|么)")


# words for "some benefit" that name no particular thing
_GENERIC_BENEFITS = frozenset("优惠 支持 政策 扶持 帮助 好处 措施 补贴 奖励 补助 资金 服务 规定 待遇 福利 红利 激励 "
                              "产品 专门 特别 专项 便宜 划算 实惠".split())  # "专门的贷款产品": 贷款 is the thing


def object_fit(query: QueryAnalysis, hits: list[ScoredChunk], weights: TermWeights) -> float:
    """1 unless a yes/no question's object is missing from the best clauses: in "对专精特新企业
    贷款有贴息吗？" a clause on 贷款 without 贴息 does not answer. The object's most distinctive
    word (under any of its synonyms) must be in one of the topical clauses."""
    match = _ASKED_OBJECT.search(query.ask)
    if not match:
        return 1.0
    span = squash(next(g for g in match.groups() if g))
    groups = [g for g in query.ask_groups if any(squash(t) in span for t in g) and not is_scope(g, query.places)]
    groups = [g for g in groups if any(weights.df(t) for t in g)  # an unseen word is the novelty check's
              and not any(t in _GENERIC_BENEFITS for t in g)]  # "地价上有没有优惠": 地价 is the subject
    if not groups:
        return 1.0
    key = max(groups, key=weights.group_weight)
    texts = [squash(_clause_text(h)) for h in topical(hits)[:3]]
    return float(any(squash(t) in text for t in key for text in texts))


def subject_fit(query: QueryAnalysis, hits: list[ScoredChunk], weights: TermWeights) -> float:
    """How well the best topical clause covers the ask's distinctive words (see
    :func:`~assistant.evidence.distinctive_coverage`): low when a clause shares the ask's
    common words but not its subject (优先 and 小巨人, but 用能 where 用地 was asked)."""
    topic, scales = _subject(query, [p for k, p in ASK_TYPES.items() if k in query.ask_types])
    if topic and not any(weights.df(t) for g in topic for t in g):
        return 0.0  # "青澜明天会下雨吗": nothing the ask is about is in any text
    if not topic and query.unknown_terms:
        return 0.0  # "What's the weather in Yuhe tomorrow?": a place, and words no glossary line knows
    return max((distinctive_coverage(topic, _evidence(h), weights, query.nouns, scales=scales)
                for h in topical(hits)[:3]), default=0.0)


def ask_subject(query: QueryAnalysis) -> tuple[tuple[str, ...], ...]:
    """The term groups naming what the ask is about (see :func:`_subject`)."""
    return _subject(query, [p for k, p in ASK_TYPES.items() if k in query.ask_types])[0]


def _subject(query: QueryAnalysis, cues: list[re.Pattern]) -> tuple[tuple[tuple[str, ...], ...], tuple[float, ...]]:
    """The ask's groups that name its subject, with their weights: without the words that ask
    for a kind of detail (截止, 利率, 额度) and without places and levels (the scope)."""
    # a word inside the ask's cue ("奖励标准是多少": 标准) asks for the detail too
    spans = [m.group(0) for p in cues for m in p.finditer(query.ask)]
    kept = [(g, s) for g, s in zip(query.ask_groups, query.ask_scales)
            if not any(p.search(t) for p in cues for t in g) and not any(t in span for t in g for span in spans)
            and g not in query.cue_groups
            and not is_scope(g, query.places) and g not in query.level_groups]
    # context taken into a short ask ("老板想参加…，县里三年培训多少人？") steers the search; the
    # subject is what the ask itself names, when it names anything
    own = [(g, s) for g, s in kept if s >= 1.0]
    kept = own or kept
    return tuple(g for g, _ in kept), tuple(s for _, s in kept)


def level_fit(query: QueryAnalysis, hits: list[ScoredChunk], details: DetailCheck | None = None) -> float:
    """1 when the answering clause (the one carrying the asked detail, else a topical one) names
    the level the question asks about (see :func:`~assistant.levels.level_fit`), else 0."""
    carriers = [v[0] for v in (details.found.values() if details else []) if v]
    return levels_fit(query, hits, carriers, topical(hits)[:5])


@dataclass(frozen=True)
class DecisionModel:
    """Logistic model: P(answerable) = σ(bias + Σ weight · feature); answer when ≥ threshold."""

    weights: dict[str, float]
    bias: float
    threshold: float = 0.5

    def __post_init__(self) -> None:
        unknown = set(self.weights) - set(FEATURES)
        if unknown:
            raise ValueError(f"unknown decision features {sorted(unknown)}; known: {list(FEATURES)}")
        if not 0.0 < self.threshold < 1.0:
            raise ValueError(f"decision threshold must be between 0 and 1, got {self.threshold}")

    def probability(self, values: dict[str, float]) -> float:
        z = self.bias + sum(w * values.get(name, 0.0) for name, w in self.weights.items())
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def answerable(self, values: dict[str, float]) -> bool:
        return self.probability(values) >= self.threshold

    @classmethod
    def from_dict(cls, data: dict) -> DecisionModel:
        return cls({k: float(v) for k, v in data["weights"].items()}, float(data["bias"]),
                   float(data.get("threshold", 0.5)))

    @classmethod
    def load(cls, path: Path) -> DecisionModel:
        """The calibrated model at ``path``, or the default one when there is none yet."""
        if not path.is_file():
            return cls.from_dict(DEFAULT_MODEL)
        try:
            return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}: not a decision model ({exc})") from exc
