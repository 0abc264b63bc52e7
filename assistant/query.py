"""What a question asks: its language, its terms (English ones mapped to Chinese through
the glossary), the places it names. Pure functions over the question text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import pairwise
from pathlib import Path

from .asking import (
    ASK_TYPES,
    DETAIL_NOUNS,
    LEVELS,
    AskSplit,
    ask_types,
    has_figures,
    levels,
    split_ask,
    wants_whole_list,
)
from .evidence import TermWeights
from .lexical import (
    EN_STOPWORDS,
    ZH_STOPWORDS,
    dictionary_word,
    normalise,
    places,
    segment,
    tokenize,
)
from .synonyms import Synonyms

CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class GlossaryEntry:
    english: tuple[str, ...]
    chinese: tuple[str, ...]
    kind: str = "term"  # term | place


_WORD = re.compile(r"[a-z0-9&]+")


@lru_cache(maxsize=8192)
def _phrase_pattern(phrase: str) -> re.Pattern:
    """A glossary phrase as a whole word or words, compiled when a question first contains it
    (a library's places add thousands of phrases; compiling them all would slow every start)."""
    return re.compile(rf"(?<![a-z0-9&']){re.escape(phrase)}(?![a-z0-9&])")


class Glossary:
    """Bilingual domain terms from ``knowledge/glossary.tsv``."""

    def __init__(self, entries: list[GlossaryEntry]) -> None:
        self.entries = entries
        phrases = sorted({(p, i) for i, e in enumerate(entries) for p in e.english}, key=lambda x: (-len(x[0]), x[0], x[1]))
        # "smart-manufacturing" is "smart manufacturing": a hyphen and a space are read alike
        self._phrases = [(p.replace("-", " "), i) for p, i in phrases]
        # phrases by their first word: a question is checked against the phrases its words begin,
        # not against every one (a province's places add thousands)
        self._by_first: dict[str, list[int]] = {}
        for position, (phrase, _) in enumerate(self._phrases):
            words = _WORD.findall(phrase)
            self._by_first.setdefault(words[0] if words else "", []).append(position)

    @classmethod
    def load(cls, path: Path) -> Glossary:
        entries = []
        if path.is_file():
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if not line.strip() or line.startswith("#"):
                    continue
                fields = line.split("\t")
                if len(fields) < 2:
                    raise ValueError(f"{path}:{number}: expected 'english<TAB>chinese[<TAB>kind]', got {line!r}")
                kind = fields[2].strip() if len(fields) > 2 else "term"
                entries.append(GlossaryEntry(
                    tuple(p.strip().lower() for p in fields[0].split("|") if p.strip()),
                    tuple(p.strip() for p in fields[1].split("|") if p.strip()), kind))
        return cls(entries)

    def english_places(self) -> dict[str, str]:
        """Pinyin spellings of the places to their Chinese names ("jinhu" → 金湖)."""
        return {spelling: e.chinese[0] for e in self.entries if e.kind == "place" for spelling in e.english}

    def place_names(self) -> tuple[str, ...]:
        return tuple(term for entry in self.entries if entry.kind == "place" for term in entry.chinese)

    def chinese_terms(self) -> list[str]:
        return sorted({term for entry in self.entries for term in entry.chinese if len(term) >= 2})

    def match(self, text: str) -> tuple[list[GlossaryEntry], str]:
        """Entries whose English phrase occurs in ``text`` (longest first) and the text left over."""
        rest = f" {normalise(text).replace('-', ' ')} "
        found: list[GlossaryEntry] = []
        positions = set(self._by_first.get("", ()))
        for word in set(_WORD.findall(rest)):
            positions.update(self._by_first.get(word, ()))
        for phrase, index in (self._phrases[position] for position in sorted(positions)):
            if phrase in rest and (pattern := _phrase_pattern(phrase)).search(rest):
                rest = pattern.sub(" ", rest)
                if self.entries[index] not in found:
                    found.append(self.entries[index])
        return found, rest


_REFERS = re.compile(r"\b(that|this|those|these|such|them|it)\b|like ours|类似|上述|上面说的|这种情况|这个情况|这样的情况|"
                     r"(这|那|此)(类|种)(?!情况)", re.IGNORECASE)
# "这类产品", "此类补贴": the demonstrative and its classifier are cut off the noun (jieba reads 类产品)
_DEMONSTRATIVE = re.compile(r"(这|那|此|该)(类|种|些)")
# "能不能", "是不是": kept apart, or jieba glues them to the next word (能不能自己 → 不能自己)
_A_NOT_A = re.compile(r"(能不能|可不可以|是不是|有没有|会不会|够不够|行不行|要不要|算不算)")
# "三成", "两份", "一个", "几家": a number and its measure word name no topic
_NUMERAL = re.compile(r"[一二三四五六七八九十百千万两几半数\d]+[个家项份成次名位件年月天种条台套户批点倍]?")
# "能补", "可贷": a modal glued to a one-character verb, a guess of jieba's, names no topic
_MODAL = re.compile(r"[能可会要想]\w")
# the asker's own description ("我们做精密仪器", "我是金湖一家做阀门的企业"): context that
# describes who asks, never what is asked, even when a short ask takes the context in
_IDENTITY = re.compile(r"^(?!.*(想|打算|准备|计划|申请|申报|需要|要))[^，,。]{0,8}(我们|我|咱们|我司|本公司|公司|厂子|厂里)"
                       r"[^，,。]{0,8}(是|做|开了?|经营|从事|生产)")
_FIGURES = re.compile(r"\d+(\.\d+)?\s*(万元|亿元|万|亿|元|%|个点|号人|来号人|多人|人|名|家|项|个|年|倍)?")
CONTEXT_WEIGHT = 0.3
MERGED_WEIGHT = 0.6  # context taken into an ask that names no topic of its own ("县里有奖励吗？")
MIN_ASK_WEIGHT = 4.0  # about two specific terms (idf ~2 each); 市里 + 支持 weigh ~3  # a context term found in a clause helps its rank; a missing one costs little
# words that carry no topic in an owner's question ("有没有什么办法", "类似的安排")
ZH_FILLER = frozenset(
    "办法 安排 东西 情况 这种 那种 这样 那样 类似 特殊 具体 时候 现在 今年 这边 那边 这块 这方面 事情 问题 "
    "一些 有点 大概 左右 听说 知道 想 想要 打算 准备 可能 能否 不能 是不是 有没有 能不能 可不可以 够不够 "
    "早点 直接 自己 他们 人家 咱们 企业 公司 厂子 厂里 单位 对于 关于 政策 规定 方面 帮忙 帮助 支持 "
    "合适 适合 什么样 对口 类似 一般 通常 平时 这次 那次 还能 能够 不会 会不会 一下子 "
    "多少钱 多少万 几个点 多少个点 几年 多久 多长时间 几月 几号 哪天 哪儿 哪里 怎么办 行不行 "
    "一起 一下 一些 一直 这个 那个 建个 搞个 弄个 做个 有个 这类 那类 此类 这种 这些 那些 "
    "还是 或者 要么 而且 但是 不过 如果 的话 "
    "去年 前年 今年 明年 上年 当年 近年 最近 目前 以前 之前 后来 每个 每家 每项 拿到 得到 能拿 一共 总共 合计 总计 共计 啥时候 什么时候 何时 拿出 拿出来 掏出 政府 细则 方案 文件 "
    "起码 至少 最少 最起码 顶多 至多 最多 顶天 充其量 哪几个 哪几家 哪几项 哪几位 哪几 "
    "真是 真的 确实 果真 果然".split())  # 起码要多少: how much is asked, not of what
EN_FILLER = frozenset(
    "roughly expected put holding hit keep telling firms firm like ours company companies business thinking "
    "moving whole here there anything something some kind sort help helping doing does say said point "
    "around about currently already just named registered run running before after while yet still "
    "want wants would like plan plans policy policies city's thing things way ways really actually "
    "totally unrelated know needed needs necessary".split())


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

    @property
    def tokens(self) -> list[str]:
        return list(self._tokens)

    @cached_property
    def _tokens(self) -> tuple[str, ...]:
        return tuple(tokenize(self.search_text))

    @property
    def wants_criteria(self) -> bool:
        """An eligibility question: it asks for conditions, or gives figures about a named level."""
        return "conditions" in self.ask_types or (self.figures and bool(self.levels) and not self.ask_types)

    @property
    def wants_list(self) -> bool:
        """The ask wants a whole list or table ("评分表一共有哪些指标")."""
        return wants_whole_list(self.ask or self.question)

    @cached_property  # read for every clause checked
    def ask_groups(self) -> tuple[tuple[str, ...], ...]:
        return self.term_groups if self.ask_size < 0 else self.term_groups[: self.ask_size]

    @cached_property  # read for every clause checked
    def group_scales(self) -> tuple[float, ...]:
        """Weight of each group: 1 for the ask's own words, less for context taken into the ask,
        least for the rest of the context."""
        size = len(self.term_groups) if self.ask_size < 0 else self.ask_size
        own = min(self.own_size, size) if self.own_size or self.ask_size >= 0 else 0
        return tuple(1.0 if i < own else MERGED_WEIGHT if i < size else CONTEXT_WEIGHT
                     for i in range(len(self.term_groups)))

    @cached_property  # read for every clause checked
    def ask_scales(self) -> tuple[float, ...]:
        return self.group_scales[: len(self.ask_groups)]


def detect_language(text: str) -> str:
    """'zh' when the text has Chinese characters in it, else 'en'."""
    return "zh" if len(CJK.findall(text)) >= max(1, len(re.findall(r"[A-Za-z]+", text)) // 4) else "en"


def _groups(text: str, glossary: Glossary, synonyms: Synonyms,
            words: frozenset[str] | None = None) -> tuple[list[tuple[str, ...]], list[str], list[str]]:
    """Term groups, unknown English words and glossary places of one part of a question.

    ``words``: the knowledge base's words; a segment jieba only guessed (入县 in 金湖入县培育库,
    池由 in 资金池由) that is not one of them is a mis-cut, not a topic."""
    entries, rest = glossary.match(text)
    groups: list[tuple[str, ...]] = []
    found_places: list[str] = []
    for entry in entries:
        if entry.kind == "place":
            found_places.extend(entry.chinese)
        group = list(entry.chinese)  # synonyms of the canonical term only: 标准 also means technical standards
        group.extend(t for t in synonyms.alternatives(entry.chinese[0]) if t not in group)
        groups.append(tuple(group))
    rest = _A_NOT_A.sub(r" \1 ", _DEMONSTRATIVE.sub(r" \1\2 ", rest))
    for fee in _fees(rest):  # 申报费 is a fee, not 申报: a clause on applying does not state it
        groups.append(synonyms.alternatives(fee))
        rest = rest.replace(fee, " ")
    matched, rest_zh = synonyms.match(rest, segment(rest)) if CJK.search(rest) else ([], rest)
    groups.extend(matched)
    if CJK.search(rest_zh):
        for token in _content_tokens(rest_zh):
            if words is not None and token not in words and not dictionary_word(token):
                token = _known_part(token, words) or _object_of(token)  # 对瞪羚 → 瞪羚; 交年费 → 年费; 入县 → nothing
            if token and not _filler(token):
                groups.append(synonyms.alternatives(token))
    unknown = [w for w in re.findall(r"[a-z][a-z'-]+", rest)
               if w not in EN_STOPWORDS and w not in EN_FILLER and len(w) > 2]
    return groups, unknown, found_places


def _filler(token: str) -> bool:
    """A filler word, or two of them run together (特殊政策 = 特殊 + 政策)."""
    # (顶多能 = 顶多 + a modal: jieba guesses such runs as one word)
    token = re.sub(r"(?<=..)[能可会要得]$", "", token) if token[:-1] in ZH_FILLER else token
    return token in ZH_FILLER or any(token[:i] in ZH_FILLER and token[i:] in ZH_FILLER for i in range(1, len(token)))


# the levels of a county's or district's own government: its notice does not repeat them in every
# clause; 省级/国家级/市级 tell sibling clauses apart ("国家级…80万元；省级…20万元"; a county
# plan's 省级 and 市级 criteria tables side by side) and stay
_LEVEL_WORD = re.compile(r"(县|区)级")  # said as such, not as 县里 (the government: its own documents)
_EN_LEVEL_WORD = re.compile(r"\b(county|district)[- ]level\b", re.IGNORECASE)


def _fees(text: str) -> list[str]:
    """Fees jieba cuts in two (申报费 → 申报 + 费): the word and 费 make one noun."""
    if "费" not in text:
        return []
    tokens = segment(text)
    return [a + b for a, b in pairwise(tokens) if b == "费" and len(a) >= 2 and CJK.fullmatch(a[-1])]


def analyse(question: str, glossary: Glossary, synonyms: Synonyms | None = None, ask: str | None = None,
            weights: TermWeights | None = None, words: frozenset[str] | None = None) -> QueryAnalysis:
    """Split ``question`` into ask and context, and turn each into term groups.

    ``ask``: what a follow-up asks in its own words; the rest of ``question`` is context.
    ``weights``: term rarity in the knowledge base; an ask whose terms weigh less than
    ``MIN_ASK_WEIGHT`` (common words only) takes in the context. ``words``: the knowledge
    base's words, to tell a new word from a mis-cut (see :func:`_groups`).
    """
    synonyms = synonyms or Synonyms([])
    language = detect_language(question)
    split = AskSplit(ask, question.replace(ask, " ").strip()) if ask else split_ask(question)
    ask_groups, unknown, ask_places = _groups(split.ask, glossary, synonyms, words)
    # the company's own figures (营收3800万, 40来号人) describe it; no clause needs to repeat them
    context = _FIGURES.sub(" ", split.context)
    refers = bool(_REFERS.search(split.ask)) and not ask
    if refers:  # "有没有类似的安排？" points back to what was said just before it
        context = ([c for c in re.split(r"[。；;！!？?\n]", context) if c.strip()] or [""])[-1]
    parts = [c for c in re.split(r"[，,。；;！!？?\n]", context) if c.strip()]
    identity = "，".join(c for c in parts if _IDENTITY.search(c.strip()))
    situation = "，".join(c for c in parts if not _IDENTITY.search(c.strip()))
    context_groups, _, context_places = _groups(situation, glossary, synonyms, words) if situation.strip() else ([], [], [])
    identity_groups, _, identity_places = _groups(identity, glossary, synonyms, words) if identity.strip() else ([], [], [])
    context_places += [p for p in identity_places if p not in context_places]
    if CJK.search(question):
        ask_places += [p for p in places(split.ask, glossary.place_names()) if p not in ask_places]
        context_places += [p for p in places(split.context, glossary.place_names()) if p not in context_places]
    if ask:  # a follow-up asks about the place the earlier question asked about (not where its asker is)
        ask_places += [p for p in context_places if p not in ask_places and p not in identity_places]
    ask_size = len(dict.fromkeys(ask_groups))
    own = ask_size
    refers = refers and ask_size < 4
    # "真是这样吗？", "市里支持吗？", "anything about that?": the ask names no topic of its own
    # the words that ask for a kind of detail ("需要满足什么条件": 满足, 条件) name no topic either
    # (not 奖励/补贴: "展会补贴要交啥材料" asks about the subsidy, which the clause must name)
    types = ask_types(split.ask.lower())
    cues = [ASK_TYPES[kind] for kind in types if kind != "support"]
    # English words that ask for the detail ("and the cap?", "what documents are needed?") name no
    # topic: they do not keep a follow-up from taking in the earlier question
    # (not a task's: "invent a subsidy" asks for no detail of any policy)
    asking = {w for kind in types if kind not in ("support", "task")
              for m in ASK_TYPES[kind].finditer(split.ask.lower()) for w in re.findall(r"[a-z][a-z'-]+", m.group(0))}
    unknown = [w for w in unknown if w not in asking]
    # (a term that is such a word, not one that contains it: 贷款额度 names a loan amount, not 额度)
    # (a group whose own word names the detail: 有效期 lists 期限 among its synonyms, and is a subject)
    nouns_of_kind = [DETAIL_NOUNS[kind] for kind in types if kind in DETAIL_NOUNS]
    cue_groups = frozenset(g for g in ask_groups if any(p.fullmatch(t) for p in cues for t in g)
                           or any(p.fullmatch(g[0]) for p in nouns_of_kind))
    subject = [g for g in dict.fromkeys(ask_groups) if not is_scope(g, ask_places) and g not in cue_groups]
    weak = sum(weights.group_weight(g) for g in subject) < MIN_ASK_WEIGHT if weights else len(subject) < 2
    if weak and subject and levels(split.ask) and "conditions" in types:
        weak = False  # "省级的专精特新小巨人我们够得着吗？" names its goal: common words, but the topic
    if refers or (not unknown and (ask_size < 1 or (weak and not ask))):
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
    search_text = f"{question} {expansion}".strip()
    translated = " ".join(dict.fromkeys(e.chinese[0] for e in glossary.match(question)[0]))
    dense_text = f"{question} {translated}".strip()
    all_places = tuple(dict.fromkeys(ask_places + context_places))
    return QueryAnalysis(question, language, search_text, groups, tuple(dict.fromkeys(unknown)), all_places,
                         dense_text=dense_text, ask=split.ask, ask_size=ask_size, ask_types=types,
                         # the level asked about; the company's own title ("去年评上国家级") is context,
                         # unless the question is about eligibility and names its goal only there
                         levels=levels(split.ask) or (levels(question) if "conditions" in types else ()),
                         figures=has_figures(split.context or question),
                         context_places=tuple(p for p in context_places if p not in ask_places),
                         nouns=nouns(split.ask) if CJK.search(split.ask) else frozenset(),
                         heads=head_nouns(split.ask) if CJK.search(split.ask) else frozenset(),
                         own_size=own, cue_groups=cue_groups,
                         level_groups=frozenset(g for g in groups if any(
                             _LEVEL_WORD.fullmatch(t) and (t in question or _EN_LEVEL_WORD.search(question)) for t in g)))


# a verb or preposition jieba glues to the noun after it ("交年费", "给补贴")
_GLUED_HEAD = "交对向在把从给让被要办缴"


def _object_of(token: str) -> str | None:
    """The noun of a guessed segment of three or more characters that starts with a verb or
    preposition (交年费 → 年费): a new word the knowledge base lacks, which the novelty check
    must see; a two-character guess (入县) is a mis-cut and names nothing."""
    if len(token) >= 3 and token[0] in _GLUED_HEAD:
        return token[1:]
    return None


def _known_part(token: str, words: frozenset[str]) -> str | None:
    """The longest word of two or more characters inside a segment jieba guessed, that the
    knowledge base or jieba's dictionary knows (a preposition glued to a noun); else None."""
    for size in range(len(token) - 1, 1, -1):
        for start in range(len(token) - size + 1):
            part = token[start:start + size]
            if part in words or dictionary_word(part):
                return part
    return None


def is_scope(group: tuple[str, ...], places: tuple[str, ...] | list[str]) -> bool:
    """Whether a term group names where or at which level (盐城, 县里, 省级), not what is asked."""
    named = set(places)
    # 宝应县 when the place is known as 宝应: the suffix depends on how jieba split the question
    return (bool(set(group) & named) or any(t.rstrip("市县区省") in named for t in group)
            or any(p.search(t) for p in LEVELS.values() for t in group))


def nouns(text: str) -> frozenset[str]:
    """Words jieba tags as nouns (n…, j abbreviations, vn verbal nouns) in ``text``."""
    return frozenset(w for w, head in _tagged_nouns(text) if head is not None)


def head_nouns(text: str) -> frozenset[str]:
    """The nouns of ``text`` that head their phrase (no noun follows: 公寓 in 人才公寓, not 硬性
    in 硬性门槛): what is asked about, rather than what qualifies it."""
    return frozenset(w for w, head in _tagged_nouns(text) if head is not False)


@lru_cache(maxsize=4096)
def _tagged_nouns(text: str) -> tuple[tuple[str, bool | None], ...]:
    """Nouns with whether each heads its phrase (None: a head jieba guessed, not a dictionary word)."""
    from jieba import posseg

    tagged = [(w, flag) for w, flag in posseg.lcut(normalise(text))]
    nominal = ("n", "j")
    found: list[tuple[str, bool | None]] = []
    for i, (word, flag) in enumerate(tagged):
        after = tagged[i + 1][1] if i + 1 < len(tagged) else "x"
        # a word jieba only guessed (能贷, 单户: tagged n for want of a better tag) names no topic
        if flag[:1] in nominal or flag == "vn":
            # a verbal noun (咨询 in "找谁咨询") names an act, not a thing asked about
            head = after[:1] not in nominal and after != "vn" and flag != "vn"
            if dictionary_word(word):
                found.append((word, head))
            elif head and len(word) > 1:  # a word jieba does not know (年费): what is asked about
                found.append((word, None))
        # "有什么好吃的推荐": a verb or adjective with 的 and no noun after it is the thing named
        elif (flag[:1] in ("v", "a") and after == "uj" and tagged[i + 1][0] == "的" and dictionary_word(word)
              and (tagged[i + 2][1] if i + 2 < len(tagged) else "x")[:1] not in ("n", "j", "a")):
            found.append((word, True))
    return tuple(found)


def _content_tokens(text: str) -> list[str]:
    """Chinese content words of a question (plain segmentation, no sub-words)."""
    out = []
    for token in segment(text):
        token = token.strip()
        if len(token) < 2 or token in ZH_STOPWORDS or not re.search(r"[\u4e00-\u9fff0-9]", token):
            continue
        if _NUMERAL.fullmatch(token) or (len(token) == 2 and _MODAL.fullmatch(token) and not dictionary_word(token)):
            continue
        if re.fullmatch(r"[a-z]+", token) and token in EN_STOPWORDS:
            continue
        out.append(token)
    return out
