"""Which detail a clause carries: for each kind of detail an ask wants (an amount, a date, a unit,
conditions, …), a topical sentence that states it for the subject asked about. Pure functions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.frontmatter import COMPILATION

from .ask_parts import sub_asks
from .asking import ASK_TYPES, DOC_NUMBER_ASKED, held_only, levels
from .criteria_rows import (
    APPLYING,
    ASKS_RECOGNITION_CRITERIA,
    catalogue_lacks,
    conditions_on_subject,
    criterion_asked,
    grant_heading,
    names_criterion,
    own_conditions,
    row_title,
    states_criteria_of,
)
from .evidence import (
    TermWeights,
    coverage,
    distinctive_coverage,
    sibling_item_fits_better,
)
from .figure_fit import FigureAsk, figure_fits
from .figure_words import (
    REQUIREMENT,
    THRESHOLD,
)
from .levels import asks_government, names_level, says_level
from .query import QueryAnalysis
from .stated import (
    MATERIALS_HEADING,
    applied_for,
    detail_present,
    filing_stated,
)
from .subjects import (
    clause_text,
    evidence_text,
    named_above,
    sentences,
    states_key,
    states_measured,
    subject_terms,
    topical,
)
from .types import FORM_FIELDS, TABLE_KINDS, ScoredChunk
from .where_filed import document_contacts
from .words import ONE_GRANT_RULES

# numbers and dates: one stated for another subject is the likeliest wrong answer
STATED = ("amount", "support", "rate", "count", "date", "duration", "measure", "number", "level", "frequency", "time", "consequence")


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


_TOP_UP = re.compile(r"差额|补足|补齐")  # a rule paying the difference between two stated amounts


def check_details(query: QueryAnalysis, hits: list[ScoredChunk], weights: TermWeights) -> DetailCheck:
    """Find, for each kind of detail the question asks for, a topical sentence that carries it.

    A sentence is on topic when it covers the ask about as well as the best sentence of
    its clause does (the clause itself is already among the topical ones). "conditions"
    is met by a criteria row or a topical clause that states a requirement.
    """
    found: dict[str, tuple[ScoredChunk, str] | None] = {}
    asked = FigureAsk.of(query.ask)
    # two details asked ("什么时候截止？要交哪些材料？"); support is no second detail: in "展会补贴要交啥
    # 材料" the subsidy is the subject of the materials asked for
    compound = len(set(query.ask_types) - {"support"}) > 1
    parts_asked = sub_asks(query)
    kinds = list(query.ask_types)
    if "date" in kinds and "duration" not in kinds and "期限" in query.ask:
        kinds.append("duration")  # "期限呢？": a deadline or a term (贴息期限不超过2年)
    for kind in kinds:
        found[kind] = None
        # the subject of the ask, without the words that ask for this detail (截止, 利率, 额度)
        # (and, for an amount, without 奖励/补贴: they say what the number is, not whom it is for)
        cues = [ASK_TYPES[kind]] + ([ASK_TYPES["support"]] if kind in ("amount", "support", "date") else [])
        # in a compound ask the words asking for the other details ("哪些材料") are no subject of this one
        if compound:
            cues += [ASK_TYPES[other] for other in query.ask_types if other != kind and other in ASK_TYPES]
        topic, scales = subject_terms(query, cues)
        own = tuple(g for g, sc in zip(topic, scales) if sc >= 1.0 and g not in query.level_groups  # (the ask's own words,
                    and not held_only(g, query.ask))  # not the company's, nor the title it holds; the level is checked apart)
        # criteria rows rarely repeat an owner's words ("有没有别的路子能报…"): any nearby row counts
        # a compound ask ("什么时候截止？要交哪些材料？") is covered part by part, each by its own clause
        # (a blank form's fields, 实付利息（万元）|申请贴息（万元）, repeat an owner's words and state nothing
        # but what to fill in: they set no bar the clauses must reach, save for the materials asked)
        stating = hits if kind == "materials" else [h for h in hits if h.chunk.section_path[-1:] != (FORM_FIELDS,)]
        candidates = topical(stating, floor=0.1 if kind == "conditions" else 0.25,
                             relative=0.5 if compound else 0.7)
        # (its title: a 省级 row's "市级以上研发机构" is no 市级 criterion)
        title_only = not asks_government(query)
        if kind == "conditions":  # a criteria row answers however few of the owner's words it repeats
            # (one of a table of the title asked: 市级 rows do not answer for 小巨人; a table of the
            # level asked does, even without the category asked: 市级 criteria split no 制造类)
            candidates += [h for h in hits if h.chunk.kind == "table_row" and h.ask_coverage >= 0.1
                           and h not in candidates
                           and (not topic or coverage(topic, (), row_title(h, query), weights, scales=scales) >= 0.5
                                or (query.levels and names_level(h, query.levels, title_only=title_only)))]
            # (and a clause stating a condition on the subject asked: "What revenue does X require for
            # recognition?" is answered by the notice's 申报条件, which never repeats 认定 or 区级)
            candidates += [h for h in hits if h not in candidates and h.chunk.kind != "table_row" and h.ask_coverage >= 0.1
                           and ASKS_RECOGNITION_CRITERIA.search(" ".join(h.chunk.section_path))
                           and conditions_on_subject(own, h, weights, query.ask)]
        if kind != "conditions" and topic and query.own_size < len(query.ask_groups):
            # an ask that took in its context ("…want to join the pool. When do we need to apply
            # by?"): a clause with all of the ask's own words answers, though the context's are
            # not there (the application steps do not repeat 培育库)
            candidates += [h for h in hits if h not in candidates and h.ask_coverage >= 0.5
                           and coverage(topic, (), evidence_text(h), weights, scales=scales) >= 1.0]
        # "Tell me about Yunxi's pool. ⟫ What's the deadline?", "…去哪申请？": the application's own
        # clause (企业于每年5月31日前通过“…”平台提交) need not repeat the pool's name
        candidates += [h for h in hits if h not in candidates and h.ask_coverage >= 0.4
                       and filing_stated(kind, query.ask, h.chunk.text)]
        # "培育库什么时候申报": the filing clause dates it, another of its document says what is applied for
        applying = {h.chunk.chunk_id: said for h in hits if kind == "date" and h.ask_coverage >= 0.4
                    and (said := applied_for(h.chunk.text, query.ask, [o.chunk.text for o in hits if o.chunk.doc_id == h.chunk.doc_id]))}
        candidates += [h for h in hits if h.chunk.chunk_id in applying and h not in candidates]
        if kind == "contact":  # (the contacts a document sets out as fields are its topical clauses' too)
            cited = {h.chunk.doc_id for h in candidates}
            candidates += [h for h in hits if h not in candidates and h.chunk.doc_id in cited and document_contacts(h)]
        if kind != "conditions":
            # the clause that covers most of the ask carries its detail first: "岚汀入库企业能拿奖励吗"
            # is answered by the pool's clause (入库本身不享受资金奖励), not by the rewards table
            candidates = sorted(candidates, key=lambda h: (h.chunk.chunk_id not in applying, h.ask_coverage < 0.99))
        if kind == "conditions" and query.levels:  # the criteria of the level asked, when retrieved
            candidates = sorted(candidates, key=lambda h: not names_level(h, query.levels, title_only=title_only))
        elif query.levels and title_only:  # a table's row of the level asked (not 市里's) before its other levels' rows
            candidates = sorted(candidates, key=lambda h: h.chunk.kind in TABLE_KINDS
                                and not names_level(h, query.levels, title_only=title_only))
        # "what do we need for provincial level?" names nothing but the level: it wants that
        # level's criteria, not a clause that sets a target for firms of that level
        # (nor does "What does X require for recognition?": its only subject is the recognition)
        bare = kind == "conditions" and ((bool(levels(query.ask)) and not topic)
                                         or bool(ASKS_RECOGNITION_CRITERIA.search(query.ask))
                                         or (bool(topic) and all(APPLYING.intersection(g) for g in topic)))
        criterion = criterion_asked(query, weights) if kind == "conditions" else ()
        # (applying is no subject of a reward: "申报国家级小巨人有奖励吗" is answered by 首次认定为…的奖励; nor
        # is recognition of a threshold: "区级认定营收要多少" by the notice's 申报条件)
        named = [(g, sc) for g, sc in zip(topic, scales) if not ({"申报", "申请", "认定", "评定"} if kind not in ("support", "amount")
                                                                 and THRESHOLD.search(query.ask) else {"申报", "申请"}) & set(g)] or list(zip(topic, scales))
        subject, subject_scales = tuple(g for g, _ in named), tuple(sc for _, sc in named)
        for hit in candidates:
            if kind == "conditions":
                # a criteria row, or a clause that states a requirement (not one that merely
                # names the title: "对首次认定为…小巨人的，给予…奖励" says nothing of what it takes)
                # (a row of another title's table does not say what 星级上云企业 must meet)
                row_fits = hit.chunk.kind == "table_row" and (
                    not topic or coverage(topic, (), row_title(hit, query), weights, scales=scales) >= 0.5
                    or bool(query.levels and names_level(hit, query.levels, title_only=title_only))) \
                    and names_criterion(criterion, hit)
                if row_fits or (hit.chunk.kind != "table_row" and detail_present(kind, hit.chunk.text, ask=query.ask) and (
                        states_criteria_of(tuple(g for g in own if g != criterion), hit, weights) and names_criterion(criterion, hit)
                        if bare else conditions_on_subject(own, hit, weights, query.ask))):
                    found[kind] = (hit, hit.chunk.text)
                    break
                continue
            if hit.chunk.section_path[-1:] == (FORM_FIELDS,) and kind != "materials":
                continue  # a blank form's fields (贷款银行, 联系电话) state nothing but what to fill in
            if kind in ("unit", "institution") and hit.chunk.kind == "notice":
                continue  # the addressees of a covering notice (县政府各部门) run none of its measures
            if kind in ("amount", "duration") and hit.chunk.kind == "table_row" and not REQUIREMENT.search(query.ask) \
                    and (kind == "amount" and not grant_heading(hit) or ("条件" in " ".join(hit.chunk.section_path) and not THRESHOLD.search(query.ask))):
                # a criterion's threshold (营业收入2000万元以上) is no amount of support, and its
                # look-back (近三年无不良记录) is not how long something lasts (a cell under 补贴标准 is)
                continue
            # the clause itself must name the subject: a document titled 小巨人培育方案 also grants
            # rewards for other things (校企共建研发平台 20万元)
            # (an English ask has no tagged nouns: its glossary terms name the subject; a figure, the words around it)
            # (the case of a consequence asked may be a word no text has, 上市失败: a case the clauses lack)
            case_words = frozenset(g[0] for g in subject) if kind == "consequence" else frozenset()
            # (rules on one grant, 研发费用补助办法: each article's when and how is that grant's)
            named_in = clause_text(hit) + (f" {hit.doc.title}" if kind not in ("amount", "rate", "support")
                                           and ONE_GRANT_RULES.search(hit.doc.title) else "") + applying.get(hit.chunk.chunk_id, "")
            if kind in STATED and not (kind == "contact" and document_contacts(hit)) and (
                    query.nouns or (query.language == "en" and kind == "support")) and (distinctive_coverage(
                    subject, named_in, weights, query.nouns | case_words, scales=subject_scales) < 0.5
                    or named_above(subject, subject_scales, hit, hits, query.places, weights)):
                continue  # a number on another subject: 技师培养补贴 does not answer 社保补贴
            if kind == "date" and asked.grant_asked and COMPILATION.search(hit.doc.title) and any(
                    not any(t in named_in for t in g) for g in subject if set(g) & query.nouns):
                continue  # a compilation's 奖励办法 pays its reward; when 研发后补助 is paid is another policy's
            if kind in STATED and catalogue_lacks(subject, subject_scales, hit, hits, weights, query):
                continue  # a catalogue's 研发设计 subsidy does not answer for 管理咨询, which no row names
            # (a figure asked in English: its most distinctive subject word must be there at least,
            # "subsidise electricity" is not answered by a recognition reward)
            if kind in STATED and query.language == "en" and not query.nouns and not states_key(topic, hit, weights):
                continue
            if kind in STATED and kind != "support" and not states_measured(query, kind, hit, weights):
                continue  # "认定有效期几年": the 3个月 of a payment is not the period asked for
            # the materials (steps) of the document's own application do not answer for one of
            # its measures: "技改补助要交哪些材料" is not answered by the 小巨人 申报程序
            # (the recognition itself, "认定要交哪些材料", is what a document's application is for)
            measure = tuple((g, sc) for g, sc in zip(topic, scales) if not APPLYING.intersection(g))
            # (what the steps are of may be an act no text names: 注销 in "公司注销需要哪些手续")
            if kind in ("materials", "procedure") and query.nouns and measure and distinctive_coverage(
                    tuple(g for g, _ in measure), evidence_text(hit), weights, query.nouns | {g[0] for g, _ in measure},
                    scales=tuple(sc for _, sc in measure)) < 0.5:
                continue
            if kind == "materials" and asked.paper and measure and not states_key(
                    (max((g for g, _ in measure), key=weights.group_weight),), hit, weights):
                continue  # "技改补助需要提供审计报告吗": the 研发 rules' report is not 技改's
            # (a table record's fields are one statement: 时间：4月30日前；主要任务：公布…名单)
            # (and a consequence set once over an enumeration: "有下列情形之一的，撤销…：（四）拒不报送…")
            parts = [hit.chunk.text] if hit.chunk.kind == "table_record" or kind == "consequence" else sentences(hit.chunk.text)
            path = " ".join(hit.chunk.section_path) + " " + hit.doc.title  # (what the whole document is about)
            # a sentence is on topic for the part of a compound ask it answers ("县里奖多少？能和市里的
            # 叠加吗？": the amount sentence need not name 叠加)
            scores = [max(coverage(groups, (), part + path, weights) for groups in parts_asked) for part in parts]
            best = max(scores, default=0.0)
            # the best-covering sentence first, one naming the level asked ahead of a near tie:
            # "省级单项冠军奖多少" is carried by 单项冠军's, not by 小巨人's or 省级专精特新's
            for part, score in sorted(zip(parts, scores), key=lambda ps: -ps[1] - 0.1 * best * says_level(ps[0], query.levels)):
                on_topic = best > 0 and (score >= 0.2 or score >= 0.6 * best) and not sibling_item_fits_better(part, parts, parts_asked, weights, query.cue_groups)
                granted = figure_fits(asked, kind, part, hit, query, weights)
                # (items under a heading that names them as materials, 【申报材料】 ◆ 项目申报表；…, are materials)
                listed = kind == "materials" and bool(MATERIALS_HEADING.search("".join(hit.chunk.section_path[-1:])))
                stated = f"{path} {part}" if kind == "number" and DOC_NUMBER_ASKED.search(query.ask) else part  # (文号 under a title)
                if on_topic and granted and (listed or detail_present(kind, stated, hit.chunk.responsible_units, query.ask)):
                    found[kind] = (hit, part)
                    break
                if on_topic and granted and kind == "amount" and _TOP_UP.search(part) and detail_present(kind, hit.chunk.text):
                    # "去年省级，今年升了小巨人，能再拿多少": 按差额补足 of the amounts its clause states
                    found[kind] = (hit, hit.chunk.text)
                    break
            if found[kind]:
                break
        if kind == "conditions" and found[kind]:
            found[kind] = own_conditions(found[kind], candidates, own, weights, query.ask)
    when = [k for k in ("date", "duration") if k in found]  # "多久到账": a date or how long (3个月内) answers it
    if len(when) == 2 and any(found[k] for k in when):
        found = {k: v or next(found[o] for o in when if found[o]) if k in when else v for k, v in found.items()}
    return DetailCheck(found)
