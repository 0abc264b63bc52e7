"""What a question asks: its language, its terms (English ones mapped to Chinese through
the glossary), the places it names. Pure functions over the question text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from .asking import (
    ASK_TYPES,
    COVERED,
    DETAIL_NOUNS,
    FIGURE_MAY_I,
    LEVELS,
    AskSplit,
    ask_types,
    has_figures,
    levels,
    split_ask,
    wants_whole_list,
)
from .conversation import names_slot_value
from .english_objects import english_object
from .evidence import TermWeights
from .glossary import Glossary, GlossaryEntry
from .lexical import (
    detect_language,
    places,
    tokenize,
)
from .stated import SEARCH_HINTS
from .synonyms import Synonyms
from .term_groups import term_groups
from .words import (
    CJK,
    LIMIT_WORDS,
    context_parts,
    head_nouns,
    is_identity,
    names_benefit_topic,
    nouns,
    ordinal_forms,
)

__all__ = ["Glossary", "GlossaryEntry", "QueryAnalysis", "analyse", "detect_language", "head_nouns", "is_scope", "nouns"]  # (re-exported: callers read a question here)

_REFERS = re.compile(r"\b(that|this|those|these|such|them|it)\b|like ours|类似|上述|上面说的|这种情况|这个情况|这样的情况|"
                     r"(这|那|此)(类|种)(?!情况)", re.IGNORECASE)
_SOLVE = re.compile(r"解决(一下)?(吗|么|不|得了|不了)|这个问题|这(件)?事儿?(吗|呢|怎么|能)")
# the company's own figures (营收3800万; in English too: "with 120 staff", "about 40 million in revenue")
_FIGURES = re.compile(r"\d+(\.\d+)?\s*(万元|亿元|万|亿|元|%|个点|号人|来号人|多人|人|名|家|项|个|年|倍|"
                      r"(million|billion|staff|employees|people|workers|persons)\b)?", re.IGNORECASE)
_THRESHOLD_WORDS = "以上 不低于 方可 达到"
_GRANT_WORDS = "奖励 补助 补贴 给予"  # how the texts say a grant: searched for when a question asks for one without them
_GRANT_TERM = re.compile(r"(奖励|补助|补贴|奖补|奖金|资金)")
_BENEFIT = re.compile(r"支持|扶持|优惠|补贴|补助|奖励")  # a benefit asked for, not a level's criteria
OPEN_DETAIL = re.compile(r"对象|方式|范围|用途|名称|内容|形式|渠道|途径|办法")
CONTEXT_WEIGHT = 0.3
MERGED_WEIGHT = 0.6  # context taken into an ask that names no topic of its own ("县里有奖励吗？")
MIN_ASK_WEIGHT = 4.0  # about two specific terms (idf ~2 each); 市里 + 支持 weigh ~3  # a context term found in a clause helps its rank; a missing one costs little
@dataclass(frozen=True)
class QueryAnalysis:
    """A standalone question prepared for retrieval and for checking the evidence.

    ``term_groups`` lists the ask's groups first (``ask_size`` of them), then the
    context's; ``group_scales`` weighs them (1 for the ask, ``CONTEXT_WEIGHT`` for context).
    """

    question: str
    language: str  # "zh" | "en"
    search_text: str  # the question plus Chinese expansions and synonyms
    term_groups: tuple[tuple[str, ...], ...]  # each group: alternatives, one must be in the evidence
    unknown_terms: tuple[str, ...] = ()  # English content words of the ask with no known translation
    places: tuple[str, ...] = field(default_factory=tuple)
    dense_text: str = ""  # what is embedded: the question (English words with their Chinese terms)
    ask: str = ""
    ask_size: int = -1  # -1: every group belongs to the ask
    ask_types: tuple[str, ...] = ()  # amount, rate, count, date, duration, unit, contact, conditions
    levels: tuple[str, ...] = ()
    figures: bool = False  # the question states the company's own figures
    context_places: tuple[str, ...] = ()  # places named only while describing the asker
    nouns: frozenset[str] = frozenset()  # the ask's nouns: words that name a topic (社保, 门票)
    own_size: int = 0  # how many leading groups are the ask's own words (the rest of the ask: context taken in)
    # groups of words that ask for a kind of detail (满足 in "需要满足什么条件"): a clause that has
    # them covers more of the question, one without them is not the worse for it
    cue_groups: frozenset[tuple[str, ...]] = frozenset()
    # the groups naming a level (区级, 省级): the level check judges them; a clause of a district's
    # own notice ("网上申报时间为…") need not repeat the level to be on topic
    level_groups: frozenset[tuple[str, ...]] = frozenset()
    heads: frozenset[str] = frozenset()  # the ask's nouns that head their phrase (公寓 in 人才公寓)
    english_object: tuple[tuple[str, ...], ...] = ()  # an English yes/no ask's object ("cover software purchases")

    @property
    def tokens(self) -> list[str]:  # (tokenised once: read for every retrieval)
        return list(self._tokens)

    @cached_property
    def _tokens(self) -> tuple[str, ...]:
        return tuple(tokenize(self.search_text))

    @property
    def wants_criteria(self) -> bool:
        """An eligibility question: it asks for conditions, or gives figures about a named level (not
        one that asks what help there is: "we're buying 8 million of machines. Anything from the county?")."""
        figures_on_level = self.figures and bool(self.levels) and not self.ask_types
        return "conditions" in self.ask_types or (figures_on_level and not any(_BENEFIT.fullmatch(g[0]) for g in self.ask_groups))

    @property
    def wants_list(self) -> bool:
        """The ask wants a whole list or table ("评分表一共有哪些指标")."""
        return wants_whole_list(self.ask or self.question, self.figures)

    @cached_property  # read for every clause checked
    def ask_groups(self) -> tuple[tuple[str, ...], ...]:
        return self.term_groups if self.ask_size < 0 else self.term_groups[: self.ask_size]

    @cached_property  # read for every clause checked
    def group_scales(self) -> tuple[float, ...]:
        """Weight of each group: 1 for the ask's own words, less for context taken in, least for the rest."""
        size = len(self.term_groups) if self.ask_size < 0 else self.ask_size
        own = min(self.own_size, size) if self.own_size or self.ask_size >= 0 else 0
        return tuple(1.0 if i < own else MERGED_WEIGHT if i < size else CONTEXT_WEIGHT
                     for i in range(len(self.term_groups)))

    @cached_property  # read for every clause checked
    def ask_scales(self) -> tuple[float, ...]:
        return self.group_scales[: len(self.ask_groups)]


# a county's or district's own level, or a government named (县里, 本市): their own documents do not
# repeat it in every clause; 省级/国家级/市级 tell sibling clauses apart ("国家级…80万元；省级…20万元") and stay
_LEVEL_WORD = re.compile(r"(县|区)级|[县区市]里|本[县区市]|全[县区市]|[县区市]政府")
_EN_LEVEL_WORD = re.compile(r"\b(county|district)[- ]level\b", re.IGNORECASE)


def analyse(question: str, glossary: Glossary, synonyms: Synonyms | None = None, ask: str | None = None,
            weights: TermWeights | None = None, words: frozenset[str] | None = None) -> QueryAnalysis:
    """Split ``question`` into ask and context, and turn each into term groups.

    ``ask``: what a follow-up asks in its own words; the rest of ``question`` is context. ``weights``:
    term rarity; an ask whose terms weigh less than ``MIN_ASK_WEIGHT`` (common words only, or words
    qualifying a figure) takes in the context. ``words``: to tell a new word from a mis-cut.
    """
    synonyms = synonyms or Synonyms([])
    language = detect_language(question)
    split = AskSplit(ask, question.replace(ask, " ").strip()) if ask else split_ask(question)
    ask_groups, unknown, ask_places = term_groups(split.ask, glossary, synonyms, words, weights)
    if _ASKS_WHO_PAYS.fullmatch(split.ask.strip()):  # "Do we pay?" (not "do we pay tax on it"): whether it is free
        free = term_groups("free", glossary, synonyms, words, weights)[0]  # (the glossary's and synonyms' 免费)
        ask_groups = [*free, *(g for g in ask_groups if g not in free and "奖励" not in g)]
    # the company's own figures (营收3800万, 40来号人) describe it; no clause needs to repeat them
    context = _FIGURES.sub(" ", split.context)
    refers = bool(_REFERS.search(split.ask)) and not ask
    if refers:  # "有没有类似的安排？" points back to what was said just before it
        context = ([c for c in re.split(r"[。；;！!？?\n]", context) if c.strip()] or [""])[-1]
    parts = context_parts(context)
    told = [c for c in parts if not is_identity(c)]
    # the problem to solve ("…孩子上学的问题。市里能帮着解决吗？") or the benefit heard of ("…听说县里有补助，能补多少？") is told last: the rest is the asker
    told_before = told[:-1] if (_SOLVE.search(split.ask) or (told and names_benefit_topic(told[-1], synonyms))) and not ask else []
    identity = "，".join(c for c in parts if is_identity(c) or c in told_before)
    situation = "，".join(c for c in told if c not in told_before)
    context_groups, _, context_places = term_groups(situation, glossary, synonyms, words) if situation.strip() else ([], [], [])
    identity_groups, _, identity_places = term_groups(identity, glossary, synonyms, words) if identity.strip() else ([], [], [])
    context_places += [p for p in identity_places if p not in context_places]
    if CJK.search(question):
        ask_places += [p for p in places(split.ask, glossary.place_names(), words) if p not in ask_places]
        context_places += [p for p in places(split.context, glossary.place_names(), words) if p not in context_places]
    if ask:  # a follow-up asks about the place the earlier question asked about (not where its asker is)
        ask_places += [p for p in context_places if p not in ask_places and p not in identity_places]
    ask_size = len(dict.fromkeys(ask_groups))
    own = ask_size
    refers = refers and ask_size < 4
    # "真是这样吗？", "anything about that?": no topic of its own; nor the words asking for a detail
    # ("需要满足什么条件": 满足, 条件), but 奖励/补贴 ("展会补贴要交啥材料" asks about the subsidy)
    types = ask_types(split.ask.lower())
    if _ASKS_WHO_PAYS.fullmatch(split.ask.strip()):  # (whether the firm pays: no grant asked)
        types = tuple(t for t in types if t != "support")
    if ask and not types and names_slot_value(ask):
        # "那单项冠军产品呢？" after "单项冠军企业奖励多少？": another title, asked what the earlier
        # question asked (not "负债率呢？" after "营收要多少？": a ratio is no sum)
        types = ask_types(split_ask(split.context).ask.lower())
    cues = [ASK_TYPES[kind] for kind in types if kind != "support"]
    # English words asking for the detail ("and the cap?", "what documents are needed?") name no topic:
    # they do not keep a follow-up from taking in the earlier one (a task's do: "invent a subsidy")
    asking = {w for kind in types if kind not in ("support", "task")
              for m in ASK_TYPES[kind].finditer(split.ask.lower()) for w in re.findall(r"[a-z][a-z'-]+", m.group(0))}
    # ("What's covered?", "What can the city offer?": the verb asking for support names nothing)
    asking |= {m.group(0).split()[-1].lower() for m in re.finditer(COVERED, split.ask, re.IGNORECASE)} if "support" in types else set()
    unknown = [w for w in unknown if w not in asking]
    # (a term that is such a word, not one that contains it: 贷款额度 names a loan amount, not 额度)
    # (a group whose own word names the detail: 有效期 lists 期限 among its synonyms, and is a subject)
    nouns_of_kind = [DETAIL_NOUNS[kind] for kind in types if kind in DETAIL_NOUNS]
    # (and a noun naming what about the subject is wanted: "研发补助对象", "申报方式", "专项经费用途", or
    # one year of it, "第四年呢？"; a group asks by its head or the word said: 截止 of 有效期's line asks for a date)
    cue_groups = frozenset(g for g in ask_groups if any(p.fullmatch(t) for p in cues for t in g if t == g[0] or t in split.ask)
                           or any(p.fullmatch(g[0]) for p in nouns_of_kind) or OPEN_DETAIL.fullmatch(g[0]) or ordinal_forms(g[0]))
    # (nor a word inside the words that ask: 兑现 in "哪个部门兑现")
    spans = [m.group(0) for p in cues for m in p.finditer(split.ask)]
    subject = [g for g in dict.fromkeys(ask_groups) if not is_scope(g, ask_places) and g not in cue_groups
               and not any(t and t in span for t in g for span in spans) and g[0] not in LIMIT_WORDS]  # (最多: a limit)
    weak = sum(weights.group_weight(g) for g in subject) < MIN_ASK_WEIGHT if weights else len(subject) < 2
    if weak and subject and levels(split.ask) and "conditions" in types:
        weak = False  # "省级的专精特新小巨人我们够得着吗？" names its goal: common words, but the topic
    # (an ask of detail words only, "截止到什么时候？", names no topic either: 截止 is the date asked)
    heads = head_nouns(split.ask) if CJK.search(split.ask) else frozenset()
    if refers or (not unknown and (ask_size < 1 or not subject or (weak and not ask))):
        if not subject and told and CJK.search(told[-1]):  # "想申请人才公寓，县里有吗？": of what was told last
            heads |= head_nouns(told[-1]) or nouns(told[-1])  # (its nouns where an act heads it: 首席质量官培训)
        # the situation told ("今年研发费用800万") is taken in; who the asker is stays context
        # (an earlier question's words for its own detail are not: "什么时候截止？" → "what documents?"
        # asks for the pool's materials, not for a deadline)
        if ask:
            earlier = [ASK_TYPES[k] for k in ask_types(split.context.lower()) if k not in types and k != "support"]
            earlier += [DETAIL_NOUNS[k] for k in ask_types(split.context.lower()) if k not in types and k in DETAIL_NOUNS]
            context_groups = [g for g in context_groups if not any(p.fullmatch(t) for p in earlier for t in g)]
        own = len(dict.fromkeys(ask_groups))
        ask_groups, context_groups = ask_groups + [g for g in context_groups if g not in ask_groups], []
    context_groups += [g for g in identity_groups if g not in context_groups]
    groups = tuple(dict.fromkeys(ask_groups + [g for g in context_groups if g not in ask_groups]))
    ask_size = len(dict.fromkeys(ask_groups))
    # BM25 searches every alternative; the embedding gets only the Chinese for English words
    expansion = " ".join(dict.fromkeys(t for g in groups for t in g if t not in question))
    translated = " ".join(dict.fromkeys(e.chinese[0] for e in glossary.match(question)[0]))
    if "support" in types and not any(_GRANT_TERM.search(t) for g in groups for t in g):
        # "What does a single champion get?" asks for a grant in words no clause uses
        expansion, translated = f"{expansion} {_GRANT_WORDS}", f"{translated} {_GRANT_WORDS}"
    expansion += "".join(f" {words}" for kind, asked, words in SEARCH_HINTS if kind in types and asked.search(split.ask))
    if not types and FIGURE_MAY_I.search(split.ask):
        expansion += f" {_THRESHOLD_WORDS}"  # "3000块的合同能用创新券吗": the bar it must reach (5000元以上的，方可)
    search_text = f"{question} {expansion}".strip()
    dense_text = f"{question} {translated}".strip()
    all_places = tuple(dict.fromkeys(ask_places + context_places))
    return QueryAnalysis(question, language, search_text, groups, tuple(dict.fromkeys(unknown)), all_places,
                         dense_text=dense_text, ask=split.ask, ask_size=ask_size, ask_types=types,
                         # the level asked about; the company's own title ("去年评上国家级") is context,
                         # unless the question is about eligibility and names its goal only there
                         levels=levels(split.ask, held=False) or levels(split.ask) or (levels(question, held=False) if "conditions" in types else ()),
                         figures=has_figures(split.context or question),
                         context_places=tuple(p for p in context_places if p not in ask_places),
                         nouns=nouns(split.ask) if CJK.search(split.ask) else frozenset(),
                         heads=heads,
                         own_size=own, cue_groups=cue_groups,
                         english_object=english_object(split.ask, glossary, synonyms) if language == "en" else (),
                         level_groups=frozenset(g for g in groups if any(
                             _LEVEL_WORD.fullmatch(t) and (t in question or _EN_LEVEL_WORD.search(question)) for t in g)))


# an English ask that is only whether the firm pays: what it costs, not a reward ("pay" in the glossary)
# (or whether firms pay for a service, or whether there is a charge: "Do Yanzhu pool firms pay for the
# diagnosis service?", "Is there a charge?")
_ASKS_WHO_PAYS = re.compile(r"(do|must|should|would|will) (we|i|our (firm|company)|the (firm|company)|([a-z'-]+ ){0,3}(firms|companies|enterprises|smes))"
                            r" (have to |need to )?pay( anything| for (it|this|that|the [a-z -]{1,40}))?\s*\?*|"
                            r"is there (a|any) (charge|fee|cost)( for (it|this|that|the [a-z -]{1,40}))?\s*\?*", re.IGNORECASE)
# a government office by its short name: who acts (市工信局组织认定), not what is asked about
_OFFICE = re.compile(r"(工信|财政|科技|商务|人社|市场监管|发改|经信)(局|委)")


def is_scope(group: tuple[str, ...], places: tuple[str, ...] | list[str]) -> bool:
    """Whether a term group names where, at which level or by which office (盐城, 县里, 省级, 工信局),
    not what is asked."""
    return names_place(group, places) or any(p.search(t) for p in LEVELS.values() for t in group) \
        or bool(_OFFICE.fullmatch(group[0]))


def names_place(group: tuple[str, ...], places: tuple[str, ...] | list[str]) -> bool:
    """Whether a term group names one of ``places`` (宝应县 too: jieba may keep the suffix)."""
    return bool(set(group) & set(places)) or any(t.rstrip("市县区省") in places for t in group)

