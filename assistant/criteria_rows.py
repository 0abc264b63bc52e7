"""Which criteria a clause or a table row sets out: for a conditions ask, the rows and clauses
that say what it takes, of the thing asked about. Pure functions (used by :mod:`.details`)."""

from __future__ import annotations

import re
from collections.abc import Callable

from .asking import ASK_TYPES, DETAIL, ask_types, measured_words
from .evidence import TermWeights, distinctive_coverage, squash, term_present
from .query import QueryAnalysis, is_scope, names_place
from .stated import detail_present
from .subjects import clause_text, sentences
from .types import Chunk, ScoredChunk

APPLYING = frozenset({"认定", "申报", "申请", "入库", "评定"})  # the process a notice's 申报材料 are for


def _subject_key(topic: tuple[tuple[str, ...], ...], weights: TermWeights, known_only: bool = False) -> tuple[str, ...]:
    """The ask's most distinctive subject group other than the applying itself (with
    ``known_only``: among the groups the texts name); empty when there is none."""
    named = [g for g in topic if not APPLYING.intersection(g) and (not known_only or any(weights.df(t) for t in g))]
    # (money in general is no subject beside a thing named: "知识产权补助的申报条件" are 知识产权's)
    named = [g for g in named if not _MONEY_GROUP.fullmatch(g[0])] or named
    return max(named, key=weights.group_weight) if named else ()


_MONEY_GROUP = re.compile(r"奖励|补贴|补助|奖补|奖金|资金支持|扶持资金")


def states_criteria_of(topic: tuple[tuple[str, ...], ...], hit: ScoredChunk, weights: TermWeights) -> bool:
    """Whether the clause sets out what it takes to be (or get) the thing the ask names
    (``topic``: its own words, not the company's figures): its criteria sentence or its heading
    names it ("申报市级专精特新企业应同时满足以下条件"), not only the clause at large
    ("制定入库标准…聚焦…高新技术企业" sets the pool's standard, not 高企's)."""
    text = clause_text(hit)
    match = STATES_CRITERIA.search(text)
    # (a clause under a heading of conditions states them without saying so: 六、申报条件 申报企业应在…注册)
    if not match and not STATES_CRITERIA.search(" ".join(hit.chunk.section_path)):
        return False
    key = _subject_key(topic, weights)
    if not key:
        return True
    # (or the document does, when the clause is its own "申报条件": 杉屿's notice on 区级专精特新)
    window = squash(" ".join(hit.chunk.section_path) + " " + (text[max(0, match.start() - 24): match.end()] if match else ""))
    if ASKS_RECOGNITION_CRITERIA.search(" ".join(hit.chunk.section_path)):
        window += squash(hit.doc.title)
    return any(term_present(t, window) for t in key)


_NONE_ASKED = re.compile(r"(?<!有)没有|不需要|不要求|无需|不用|不看|\bno\b|not required|n't (need|require)", re.IGNORECASE)


def criterion_asked(query: QueryAnalysis, weights: TermWeights) -> tuple[str, ...]:
    """The criterion a conditions ask ends on ("制造类资产负债率要求": 资产负债率), when that is a
    distinctive thing the texts know; empty when any criteria row may answer."""
    if _NONE_ASKED.search(query.ask):
        return ()  # "没有营收规模要求吗": a column that never names it is the answer
    chain = measured_words(query.ask, query.ask_groups, ASK_TYPES["conditions"])
    head = chain[-1] if chain else ()
    if not head or head in query.level_groups or head in query.cue_groups or not any(t in query.nouns for t in head) \
            or not 0 < max(weights.df(t) for t in head) <= 0.1 * weights.size:
        return ()
    return head


def names_criterion(criterion: tuple[str, ...], hit: ScoredChunk) -> bool:
    """Whether a criteria row names ``criterion`` (see :func:`criterion_asked`); a column without
    it does not say what is asked."""
    if not criterion:
        return True
    text = squash(f"{hit.doc.title} {' '.join(hit.chunk.section_path)} {hit.chunk.text}")
    return any(term_present(t, text) for t in criterion)


def row_title(hit: ScoredChunk, query: QueryAnalysis) -> str:
    """What a criteria row is judged on: for "X认定要什么条件" its table's title and headings (a
    小巨人 row "企业应为高新技术企业" is no criterion for being recognised as 高新技术企业), else
    the row with them."""
    return " ".join(hit.chunk.section_path) if ASKS_RECOGNITION_CRITERIA.search(query.ask) else clause_text(hit)


# a clause that sets out what it takes to be recognised or admitted
# (or says who may apply: a 申报对象 section)
STATES_CRITERIA = re.compile(r"((申报|认定|入库|评定|评选|申请)(的)?(条件|标准|对象|范围)|应(当)?(同时)?(具备|满足|符合)(以下|下列|如下)?"
                              r"|(需要?|须)(同时)?(具备|满足|符合)[^。；？]{0,6}条件|基本条件)")


# "认定条件是什么": what it takes to be recognised, which a reward for the recognised does not say
ASKS_RECOGNITION_CRITERIA = re.compile(r"(认定|申报|入库|评定|评选|申请)[^，,。？?；;]{0,6}(条件|门槛)|(认定|申报|入库|评定|评选)的?标准")


def conditions_on_subject(topic: tuple[tuple[str, ...], ...], hit: ScoredChunk, weights: TermWeights,
                          ask: str) -> bool:
    """Whether the clause states its requirement of the thing asked about: a sentence that sets a
    condition names the ask's most distinctive subject, or its heading or title does ("应急转贷
    要什么条件" is not answered by the 担保费率不高于1% of the measure's other item)."""
    key = _subject_key(topic, weights, known_only=True)
    if not key:
        return True
    if any(term_present(t, squash(f"{hit.doc.title} {' '.join(hit.chunk.section_path)}")) for t in key):
        return True
    # (an enumeration: "有下列情形之一的企业，不得申报：…（三）存在偷税漏税…" sets its condition once, over its items)
    lead = _ENUMERATION.search(hit.chunk.text)
    if lead and detail_present("conditions", lead.group(0), ask=ask) and any(
            term_present(t, squash(hit.chunk.text[lead.end():])) for t in key):
        return True
    # (an item under a heading of conditions sets one by where it stands: 二、申报条件 …（2）项目于…期间开工建设)
    under = bool(STATES_CRITERIA.search(" ".join(hit.chunk.section_path)))
    return any((under or detail_present("conditions", part, ask=ask)) and any(term_present(t, squash(part)) for t in key)
               for part in sentences(hit.chunk.text))


def own_conditions(found: tuple[ScoredChunk, str], candidates: list[ScoredChunk], topic: tuple[tuple[str, ...], ...],
                   weights: TermWeights, ask: str) -> tuple[ScoredChunk, str]:
    """The conditions a document sets under its own heading (六、申报条件 申报企业应在…注册) rather
    than a grant's "对…的企业给予…" found first, which names who gets it but not what it takes."""
    hit = found[0]
    if hit.chunk.kind == "table_row" or DETAIL["conditions"].search(hit.chunk.text):
        return found  # (a criteria row states its criterion, whatever its words)
    return next(((h, h.chunk.text) for h in candidates if h.chunk.doc_id == hit.chunk.doc_id
                 and STATES_CRITERIA.search(" ".join(h.chunk.section_path))
                 and detail_present("conditions", h.chunk.text, ask=ask)
                 and conditions_on_subject(topic, h, weights, ask)), found)


_ENUMERATION = re.compile(r"[^。；;]*(下列|以下|如下)[^。；;]*[：:]")


def title_only_rows(query: QueryAnalysis, weights: TermWeights) -> Callable[[Chunk], bool] | None:
    """For a question that asks for no detail and no criteria ("入了库能得到啥"): a test of whether
    a criteria row answers it only through its table's title ("入库条件" has 入库), the row and its
    column headings naming none of the ask's distinctive words: what it takes to get in is no
    answer. None for any other question (nor after one that asked a kind of detail: "制造类要干
    几年？" ⟫ "那服务类呢？")."""
    if query.ask_types or query.wants_criteria or query.figures or ask_types(query.question.lower()):
        return None
    named = [t for g in query.ask_groups if not is_scope(g, query.places) and g not in query.cue_groups
             and weights.df(g[0]) < 0.2 * weights.size for t in g]  # (企业 is said of every row)

    def by_title_only(chunk: Chunk) -> bool:
        if chunk.kind != "table_row" or not STATES_CRITERIA.search(" ".join(chunk.section_path)):
            return False
        row = squash(" ".join(chunk.section_path[1:]) + " " + chunk.text)  # (its column headings are its own)
        return not any(term_present(t, row) for t in named)

    return by_title_only


def grant_heading(hit: ScoredChunk) -> bool:
    """Whether a table row's column headings name a grant (补贴标准 › 专精特新中小企业): its cell
    states the support, as "给予…补贴" does in a clause."""
    return hit.chunk.kind == "table_row" and detail_present("support", " ".join(hit.chunk.section_path[1:]))


def catalogue_lacks(subject: tuple[tuple[str, ...], ...], scales: tuple[float, ...], hit: ScoredChunk,
                    hits: list[ScoredChunk], weights: TermWeights, query: QueryAnalysis) -> bool:
    """Whether a row of a table of support, or a rule across all its rows (单项服务补贴最高不超过5万元),
    lacks what the ask names beyond the table's headings: 管理咨询, which no row of a catalogue of
    研发设计 and 检验检测 names."""
    if grant_heading(hit):
        return _row_missing(subject, scales, hit, weights, query)
    if hit.chunk.kind == "table_record" and len(hit.chunk.section_path) == 1:
        rows = [h for h in hits if h.chunk.kind == "table_row" and h.chunk.doc_id == hit.chunk.doc_id
                and h.chunk.section_path[:1] == hit.chunk.section_path]
        return bool(rows) and all(_row_missing(subject, scales, h, weights, query) for h in rows)
    return False


def _row_missing(subject: tuple[tuple[str, ...], ...], scales: tuple[float, ...], hit: ScoredChunk,
                 weights: TermWeights, query: QueryAnalysis) -> bool:
    """The words the table's headings and title do not hold must be the row's own (检验检测 for the
    检验检测 row; 认定 is not the 研发设计 row's)."""
    headings = squash(" ".join(hit.chunk.section_path) + " " + hit.doc.title)
    rest = [(g, sc) for g, sc in zip(subject, scales)
            if not any(term_present(t, headings) for t in g) and not names_place(g, query.places)]
    return bool(rest) and distinctive_coverage(tuple(g for g, _ in rest), hit.chunk.text, weights, query.nouns,
                                               scales=tuple(sc for _, sc in rest)) < 0.5
