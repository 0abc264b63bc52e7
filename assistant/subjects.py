"""What an ask is about, and whether clauses name it: the subject of the ask (without the words that
ask for a detail, its places and levels), the topical clauses, and the checks that the thing asked
about is one the texts speak of. Pure functions."""

from __future__ import annotations

import re

from .asking import ASK_TYPES, DETAIL_NOUNS, measured_after, measured_words
from .evidence import TermWeights, distinctive_coverage, squash, term_present
from .query import OPEN_DETAIL, QueryAnalysis, is_scope
from .types import ScoredChunk
from .words import FIGURE_QUALIFIERS, LIMIT_WORDS, described_only


def evidence_text(hit: ScoredChunk) -> str:
    return f"{hit.doc.title} {' '.join(hit.chunk.section_path)} {hit.chunk.text}"


def clause_text(hit: ScoredChunk) -> str:
    return f"{' '.join(hit.chunk.section_path)} {hit.chunk.text}"


SENTENCE = re.compile(r"[^。；;！？!?]+[。；;！？!?）)]*")


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


# "评分标准是什么", "申报流程是怎样的": an open ask about the thing named right before it
_OPEN_CUE = re.compile(r"(是什么|是啥|有哪些|包括哪些|包含哪些|是怎样的|是怎么样的)")
_PHRASE_END = re.compile(rf"({OPEN_DETAIL.pattern})?[？?！!。\s]*$")  # (a trailing 方式/对象 asks about what precedes it)
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
_WHICH_THING = re.compile(r"(哪些|哪几种|哪几项|哪种|哪类)[\u4e00-\u9fff]{2,8}[？?]?\s*$")
_CAN_DO = re.compile(r"(能|可以|可否|能否|能不能|可不可以)(用来|用于|拿来|拿去)?[\u4e00-\u9fff]{1,6}?(吗|么)?[？?]?\s*$")


_BARE_IS_THERE = re.compile(r"[\u4e00-\u9fff]{0,4}?(有吗|有没有|有么|有不)[？?]?")


def open_head_missing(query: QueryAnalysis, hits: list[ScoredChunk], weights: TermWeights) -> bool:
    """Whether an open ask ("专家评审的评分标准是什么") names a thing the texts know (评分标准)
    that none of the best clauses names: a clause on 专家评审 alone does not say what it is."""
    if query.ask_types:
        return False  # a typed ask (an amount, a date, …) is judged by its detail
    if query.language == "en":
        # "Baoying talent housing allowance?": the most distinctive thing named must be there
        own = query.ask_groups[:query.own_size] if query.own_size else query.ask_groups  # (not context taken in)
        named = [g for g in own if not is_scope(g, query.places) and g not in query.cue_groups
                 and g not in query.level_groups and not set(g) & _GENERIC_BENEFITS and any(weights.df(t) for t in g)]
        if not named:
            return False
        head = max(named, key=weights.group_weight)
        return not any(term_present(t, squash(evidence_text(h))) for h in topical(hits)[:3] for t in head)
    named = tuple(g for g in query.ask_groups if g not in query.cue_groups)  # (内容 in 主要内容是什么 names nothing)
    chain = measured_words(query.ask, named, _OPEN_CUE)
    if not chain and (len(_CJK_CHAR.findall(query.ask)) <= 12 or _WHICH_THING.search(query.ask)):
        # a bare noun phrase ("那贷款贴息呢？"), or one after 哪些 ("能享受哪些贷款贴息？"): its last noun is asked
        chain = measured_words(query.ask, named, _PHRASE_END)
    if not chain:
        # "应收账款能融资吗": whether the thing before the modal can be used so; a clause on
        # 融资 that never names 应收账款 says nothing of it
        chain = measured_words(query.ask, named, _CAN_DO)
    if not chain and query.places and _BARE_IS_THERE.fullmatch(query.ask.strip()):
        # a bare "is there?" ("我们是连云港的企业，想申请首席质量官培训，有吗？") asks of the thing
        # told just before it: the place's clauses must name it
        chain = [g for g in named if any(t in query.heads for t in g) and not is_scope(g, query.places)]
    if not chain:
        return False
    head = chain[-1]
    df = max(weights.df(t) for t in head)
    if df == 0 or df > 0.1 * weights.size or is_scope(head, query.places) or set(head) & _GENERIC_BENEFITS:
        return False  # unseen (the novelty check's), common, a place, or a generic benefit word
    return not any(term_present(t, squash(evidence_text(h))) for h in topical(hits)[:3] for t in head)


# a cost in general names no thing paid for: the 服务费 of 专利导航 is paid for 专利导航
_COSTS = frozenset("费用 服务费 花费 开支 支出 成本 开销 钱 费".split())
# the thing a yes/no question asks whether there is: 有贴息吗, 有没有房租补贴, 能享受X吗
ASKED_OBJECT = re.compile(r"有没有([^，,。？?！!]{1,12})|有([^，,。？?！!有]{1,12}?)(?:吗|么|没有|不)"
                           r"|(?:能|可以|可)(?:享受|拿到|获得|得到|申请)([^，,。？?！!]{1,10}?)(?:吗|么)"
                           r"|(?:需要|要|得)(?:提供|提交|交|出具|缴纳|缴)(?!钱)([^，,。？?！!]{1,12}?)(?:吗|么)"
                           # what the money may be used for (用来发工资吗), what is required (需要抵押吗):
                           # acts, which novelty.py reads as the thing asked
                           r"|(?:能|可以|可)(?:用来|用于|拿来|拿去)(?P<use>[^，,。？?！!]{1,10}?)(?:吗|么)"
                           r"|(?:需要|要|得|必须)(?P<need>[\u4e00-\u9fff]{2,8}?)(?:吗|么)(?=[？?]?\s*$)"
                           # whether it costs the firm (收费吗, 要自己掏钱吗): a clause must say who pays
                           r"|(?P<pay>收费|收钱|要钱|花钱|付费|免费|掏钱|自费|交钱)的?(?:吗|么|不)"
                           # what a subsidy is asked of (商标注册费能补吗): the thing paid for, named before it
                           r"|(?P<paid>[\u4e00-\u9fff]{2,12}?)(?:能|可以|可)(?:补|补贴|补助|报销|资助)(?:吗|么|不)(?=[？?]?\s*$)"
                           # what may be done with it (能转让吗, 可以延期还款吗): the act itself, not getting it (nor 能快点吗: how,
                           # nor a benefit given on something named after it: 能减免租金吗, 能出一部分吗)
                           r"|(?:能|可以|可)(?P<act>(?!便宜|划算|实惠|优惠|享受|申请|申报|拿到|获得|得到|参加|报名|办理|使用|出一|出点|(?:减免|报销)(?![吗么])|[拿领报用去来有])(?!.[点些])[\u4e00-\u9fff]{2,4}?)(?:(?:给|到|至)[\u4e00-\u9fff]{1,8}?)?(?:吗|么)(?=[？?]?\s*$)")


# words for "some benefit" that name no particular thing
_GENERIC_BENEFITS = frozenset("优惠 支持 政策 扶持 帮助 好处 措施 补贴 奖励 补助 资金 服务 规定 待遇 福利 红利 激励 "
                              "产品 专门 特别 专项 便宜 划算 实惠 "  # "专门的贷款产品": 贷款 is the thing
                              "渠道 路子 门路 途径".split())  # "想找高校合作，有渠道吗": a way to what was told


def object_fit(query: QueryAnalysis, hits: list[ScoredChunk], weights: TermWeights) -> float:
    """1 unless a yes/no question's object is missing from the best clauses: in "对专精特新企业
    贷款有贴息吗？" a clause on 贷款 without 贴息 does not answer. The object's most distinctive
    word (under any of its synonyms) must be in one of the topical clauses."""
    # ("能不能提前发？" asks what "能提前发吗？" asks, "需不需要找担保公司？" what "需要找担保公司吗？")
    match = ASKED_OBJECT.search(_A_NOT_A_ASK.sub(lambda m: f"{'需要' if m[1] == '需' else m[1]}{m[2]}吗{m[3]}", query.ask))
    if not match:
        return 1.0
    span = squash(next(g for g in match.groups() if g))
    groups = [g for g in query.ask_groups if any(squash(t) in span for t in g) and not is_scope(g, query.places)]
    if match["paid"]:  # "商标注册费能补吗": what is paid for is the phrase's head, its last word (注册费, not 商标)
        named = [g for g in groups if g not in query.level_groups
                 and any(weights.df(t) for t in g) and not any(t in _GENERIC_BENEFITS or t in _COSTS for t in g)]
        return _names_object(_last_in(named, span), hits, evidence_text) if named else 1.0
    groups = [g for g in groups if match["act"] or any(weights.df(t) for t in g)  # an unseen word is the novelty check's
              and not any(t in _GENERIC_BENEFITS for t in g)]  # "地价上有没有优惠": 地价 is the subject
    if not groups and match.start() > 0 and not match["act"]:
        # the object is a benefit in general (有补贴吗): what it is for is named just before it
        # ("对企业参加培训有补贴吗": 培训; a clause on 参加展会 does not answer)
        # (an aside in brackets is no part of that phrase: "参与起草国家标准（不是牵头）有奖励吗" is about 国家标准)
        before = squash(re.split(r"[，,。；;！!？?]", re.sub(r"[（(][^（()）]{0,12}[）)]", "", query.ask[:match.start()]))[-1][-8:])
        groups = [g for g in query.ask_groups if any(squash(t) in before for t in g if t)
                  and not is_scope(g, query.places) and g not in query.level_groups
                  and any(weights.df(t) for t in g) and not any(t in _GENERIC_BENEFITS for t in g)]
        if groups:  # the head of that phrase is its last word: 参加培训 is about 培训
            # (named by the clause or by its document: "鹭川小巨人培育有什么奖励" by a 培育行动计划)
            return _names_object(_last_in(groups, before), hits, evidence_text)
    if not groups:
        return 1.0
    if match["act"]:  # the whole act: 提前拨付 is not answered by 拨付 alone
        return float(all(_names_object(g, hits) for g in groups))
    # whether it costs is said of the thing asked: 免费 in 澄岭's training clause is no fee for 认定
    of = [g for g in query.ask_groups if g not in groups and not is_scope(g, query.places)
          and any(weights.df(t) for t in g)] if match["pay"] else []
    # (and its head, said last: a clause on 辅导备案 offers no 上市辅导培训, "有上市辅导培训吗")
    head = _last_in(groups, span)
    return _names_object(max(groups, key=weights.group_weight), hits, also=of) * _names_object(head, hits, also=of)


_A_NOT_A_ASK = re.compile(r"(能|可以|可|需要|需|要)不(?:能|可以|可|需要|要)([\u4e00-\u9fff]{2,8})([？?]?)\s*$")


def _last_in(groups: list[tuple[str, ...]], phrase: str) -> tuple[str, ...]:
    """The group said last in ``phrase``: the head of a Chinese noun phrase (参加培训 is about 培训)."""
    return max(groups, key=lambda g: max(phrase.rfind(squash(t)) for t in g if t))


def _names_object(key: tuple[str, ...], hits: list[ScoredChunk], text_of=clause_text, also: list[tuple[str, ...]] | None = None) -> float:
    keys = [squash(t) for t in key]
    # (what it is of, in the clause itself: every title says 认定)
    ofs = [squash(t) for g in also or () for t in g if t]

    def names(hit: ScoredChunk) -> bool:
        text = squash(text_of(hit))
        return any(k in text for k in keys) and (not ofs or any(o in squash(hit.chunk.text) for o in ofs))

    return float(any(names(h) for h in topical(hits)[:3]))


def subject_fit(query: QueryAnalysis, hits: list[ScoredChunk], weights: TermWeights) -> float:
    """How well the best topical clause covers the ask's distinctive words (see
    :func:`~assistant.evidence.distinctive_coverage`): low when a clause shares the ask's
    common words but not its subject (优先 and 小巨人, but 用能 where 用地 was asked)."""
    topic, scales = subject_terms(query, [p for k, p in ASK_TYPES.items() if k in query.ask_types])
    if topic and not any(weights.df(t) for g in topic for t in g):
        return 0.0  # "青澜明天会下雨吗": nothing the ask is about is in any text
    if not topic and query.unknown_terms:
        return 0.0  # "What's the weather in Yuhe tomorrow?": a place, and words no glossary line knows
    best = topical(hits)[:3]

    def fit(groups, group_scales) -> float:
        return max((distinctive_coverage(tuple(groups), evidence_text(h), weights, query.nouns, scales=tuple(group_scales))
                    for h in best), default=0.0)

    fits = [fit(topic, scales)]
    # support in general (有支持吗, "is there help?") may be the kind of answer wanted rather than
    # what the ask is about: "…新招的硕士要买房，有支持吗？" is about the context taken in (购房)
    specific = [(g, sc) for g, sc in zip(query.ask_groups, query.ask_scales)
                if g in topic and not _GENERIC_BENEFITS.intersection(g)]
    if query.own_size < len(query.ask_groups) and len(specific) < len(topic) and not any(sc >= 1.0 for _, sc in specific):
        merged = [(g, sc) for g, sc in zip(query.ask_groups, query.ask_scales) if sc < 1.0
                  and not is_scope(g, query.places) and g not in query.level_groups]
        if merged:
            fits.append(fit(*zip(*merged)))
    return max(fits)


def ask_subject(query: QueryAnalysis) -> tuple[tuple[str, ...], ...]:
    """The term groups naming what the ask is about (see :func:`_subject`)."""
    return subject_terms(query, [p for k, p in ASK_TYPES.items() if k in query.ask_types])[0]


def _modified_cue(term: str, cues: list[re.Pattern], ask: str) -> bool:
    """Whether ``term``, said in the ask, names what the asked detail is of besides the detail
    word: 担保费率 is the guarantee's rate (a subject), 费率 alone only asks for a rate."""
    if term not in ask and re.search(r"[\u4e00-\u9fff]", ask):
        return False  # (an English ask's terms are the glossary's: "guarantee fee rate" → 担保费率)
    rest = term
    for pattern in cues:
        rest = pattern.sub("", rest)
    # (not another detail word: 利率上限 asks a rate's cap, 上限 names no subject)
    return (rest != term and len(re.findall(r"[\u4e00-\u9fff]", rest)) >= 2
            and not any(p.fullmatch(rest) for p in DETAIL_NOUNS.values()))


def subject_terms(query: QueryAnalysis, cues: list[re.Pattern]) -> tuple[tuple[tuple[str, ...], ...], tuple[float, ...]]:
    """The ask's groups that name its subject, with their weights: without the words that ask
    for a kind of detail (截止, 利率, 额度) and without places and levels (the scope)."""
    # a word inside the ask's cue ("奖励标准是多少": 标准) asks for the detail too
    spans = [m.group(0) for p in cues for m in p.finditer(query.ask)]
    # (by the words asked: "loan interest" (利息; its synonyms list 利率) is what a share is of)
    kept = [(g, s) for g, s in zip(query.ask_groups, query.ask_scales)
            if (not any(p.search(t) for p in cues for t in _said(g, query.ask)) or _modified_cue(g[0], cues, query.ask))
            and not any(t in span for t in g for span in spans)
            and g not in query.cue_groups and g[0] not in LIMIT_WORDS  # (最多 asks a limit; it names nothing)
            and not is_scope(g, query.places) and g not in query.level_groups and not (s < 1 and described_only(g, query.question))]
    # context taken into a short ask ("老板想参加…，县里三年培训多少人？") steers the search; the
    # subject is what the ask itself names, when it names anything
    own = [(g, s) for g, s in kept if s >= 1.0]
    kept = own or kept
    return tuple(g for g, _ in kept), tuple(s for _, s in kept)


def _said(group: tuple[str, ...], ask: str) -> list[str]:
    """The terms of ``group`` the ask says; in English its glossary translations, ahead of synonyms."""
    return [t for t in group if t and t in ask] or list(group[:2])


# the figure a detail ask wants must be said of its subject (used by details.check_details)
_MODIFIERS = FIGURE_QUALIFIERS  # (words that qualify a figure: see words.py)


def states_key(topic: tuple[tuple[str, ...], ...], hit: ScoredChunk, weights: TermWeights) -> bool:
    """Whether the clause names the ask's most distinctive subject group (any of its terms)."""
    if any(not any(weights.df(t) for t in g) for g in topic):
        return False  # a thing no text names ("application fee" → 申请费): no clause states its figure
    known = [g for g in topic if not _MODIFIERS.issuperset(g) and g[0] not in _MODIFIERS]
    if not known:
        return True
    key = max(known, key=weights.group_weight)
    text = squash(evidence_text(hit))
    # ("what share of revenue for R&D": 研发费用占比 names R&D, not revenue; most of the subject will do)
    return any(term_present(t, text) for t in key) or (
        len(known) > 1 and distinctive_coverage(tuple(known), text, weights) >= 0.5)


# a benefit named by what it is for (购房补贴, 安家费): the thing a figure is asked of, though jieba
# tags 购房 a verb
_NAMED_BENEFIT = re.compile(r"..+(补贴|补助|奖励|费|资金|贴息)")


# the act in "多久走访一次", "多长时间复核一次" (才/会/要/能 say nothing of it)
_ACT_PER_TIME = re.compile(r"(?:多久|多长时间)(?:才|会|要|能|就|来|去|上门)?([\u4e00-\u9fff]{2,4}?)(?:一次|一回)")


def states_measured(query: QueryAnalysis, kind: str, hit: ScoredChunk, weights: TermWeights, part: str | None = None) -> bool:
    """Whether the clause (or its ``part``, an item of a list) names the noun the asked figure is of
    (see :func:`measured_words`), when distinctive: "认定有效期几年" is not answered by a payment's 3个月."""
    words = measured_words(query.ask, query.ask_groups, ASK_TYPES[kind])
    # the head noun, and a distinctive word qualifying it ("出口业务怎么打分": 出口)
    # (not a word that qualifies the figure: 年度贴息 is 每年's)
    words = [g for i, g in enumerate(words) if not is_scope(g, query.places) and g not in query.cue_groups
             and not _MODIFIERS.intersection(g)
             and (i == len(words) - 1 and any(t in query.heads or t in query.nouns or _NAMED_BENEFIT.fullmatch(t) and t in query.ask
                                               for t in g) or i < len(words) - 1)
             and all(weights.df(t) <= 0.1 * weights.size for t in g)]
    # a thing no text names right after the cue ("交多少申报费"): no clause states its figure
    # (a thing: a noun heading its phrase or a fee, not a verb "多久能批下来")
    words += [g for g in measured_after(query.ask, query.ask_groups, ASK_TYPES[kind])
              if all(weights.df(t) == 0 for t in g) and any(t in query.heads or t.endswith("费") for t in g)]
    text = squash(part if part is not None else evidence_text(hit))
    if kind == "frequency":
        # "几天走访一次", "多久走访一次": how often that act happens; 5个工作日内办结 is another act's
        words += [g for g in measured_after(query.ask, query.ask_groups, ASK_TYPES[kind]) if g not in query.cue_groups]
        act = _ACT_PER_TIME.search(query.ask)
        said = squash(act.group(1)) if act else ""
        # (under any of its synonyms: "多久上门一次" is answered by 每季度走访)
        if act and not any(term_present(t, text) for t in next((g for g in query.ask_groups if said in g), (said,))):
            return False
    return all(any(term_present(t, text) for t in g) for g in words)


def named_above(subject: tuple[tuple[str, ...], ...], scales: tuple[float, ...], hit: ScoredChunk,
                hits: list[ScoredChunk], places: tuple[str, ...], weights: TermWeights) -> bool:
    """Whether the part of the asked subject this clause lacks is named by a better-ranked clause
    of its document: that clause is about the subject, this one shares only a modifier with it.
    ("栖沅的国外发明专利资助多少": the 境外展会 record names 国外 only, the 发明专利 record above it
    the rest; the question combines what no clause of the document combines.)"""
    def names(group: tuple[str, ...], text: str) -> bool:
        return any(term_present(t, text) for t in group)

    if hit.chunk.kind == "table_row":
        return False  # a criteria row is of its column's category (创新类), the one above of another's
    own = squash(clause_text(hit) + hit.doc.title)  # (the document's title is said of all its clauses)
    # (a word most clauses say, 专精特新 or 培育, or the money itself, 钱 of 贴息资金, tells no subject apart)
    asked = [g for g, sc in zip(subject, scales) if sc >= 1.0 and not is_scope(g, places)
             and any(0 < weights.df(t) <= 0.1 * weights.size for t in g) and not _GENERIC_BENEFITS.intersection(g)]
    missing = [g for g in asked if not names(g, own)]
    if not missing or len(missing) == len(asked) or 2 * len(missing) < len(asked):  # (most of it named: it is about it)
        return False
    for other in hits:
        if other is hit:
            return False
        text = squash(clause_text(other))
        if other.chunk.doc_id == hit.chunk.doc_id and all(names(g, text) for g in missing):
            return True
    return False
