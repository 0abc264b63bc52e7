"""Resolve a follow-up ("那市级的呢？", "What about county level?") against earlier turns.

Pure functions. A follow-up that names another value of something the earlier question
named (level, category, region) replaces it there; any other short follow-up is read
together with the earlier question, which then only gives context: the follow-up's own
words are what it asks ("那有什么资金奖励？"). Regions come from the glossary's places, so
a new city's documents need no code.
"""

from __future__ import annotations

import re

from .asking import ASK_TYPES, DETAIL_NOUNS
from .types import Turn
from .words import is_filler, nouns

# each slot: canonical Chinese value → the ways a question may say it
SLOTS: dict[str, dict[str, tuple[str, ...]]] = {
    "level": {
        "国家级": ("国家级", "国家", "national", "state-level"),
        "省级": ("省级", "provincial", "province-level", "province"),
        "市级": ("市级", "municipal", "city-level", "city level"),
        "县级": ("县级", "区级", "county-level", "county level", "county", "district-level", "district level"),
    },
    "category": {
        "制造类": ("制造类", "manufacturing"),
        "创新类": ("创新类", "innovation-type", "innovative"),
    },
    # the side: "境外展会补贴多少？" → "国内的呢？" asks the same of domestic fairs
    "side": {
        "境外": ("境外", "国外", "海外", "overseas", "foreign", "abroad"),
        "国内": ("国内", "境内", "domestic"),
    },
    # the titles of the ladder: "国家级小巨人奖多少？" → "单项冠军呢？" asks the same of 单项冠军
    "title": {
        "小巨人": ("小巨人", "little giant", "little giants"),
        "单项冠军": ("单项冠军", "single champion", "single champions", "champion", "champions"),
        "创新型中小企业": ("创新型中小企业", "innovative sme", "innovative smes"),
        "专精特新中小企业": ("专精特新中小企业", "专精特新企业", "specialised sme", "specialized sme", "specialised smes",
                     "specialized smes"),
    },
}
Regions = dict[str, tuple[str, ...]]  # canonical place name → the ways a question may say it
_FOLLOWUP_CUES = re.compile(
    r"^(那|那么|还有|另外|这|该|它|其|如果|要是|and\b|what about|how about|and for|what of|what if\b)|"
    r"(呢[？?]?$|这一项|这项|该项|上述|上面|刚才|那个|这个|these|those|\bthat\b|\bit\b|\bthem\b|the same)",
    re.IGNORECASE,
)


_REFERS_BACK = re.compile(r"(这一项|这项|该项|此项|这条|该条|上述|上面|刚才|它|其|这个|那个|这些|那些|\b(this|that|it|its|them|these|those)\b)",
                          re.IGNORECASE)


# words around an ask that name nothing: "谁负责？", "要交什么材料？", "Who is responsible?", "多少家企业配一个？",
# "找哪个部门申请？" (applying, to whom: of what was just asked)
# (nor how often it applies: "Is there a yearly cap?", "每年有上限吗？")
_ASK_WORDS = re.compile(r"(请问|一下|具体|最长|最短|最多|最少|最高|最低|最晚|最迟|大概|大约|一般|都|是|的|吗|呢|啊|呀|要|需要|有|哪些|哪个|什么|啥|怎么|怎样|多少|几|谁|能|可以|交|给|每年|一年|企业|公司|一个|一家|一名|找|向|去|到|申请|申报|办理|"
                        r"\b(is|are|there|a|an|any|the|what|who|which|when|how|much|many|do|does|we|i|it|need|to|"
                        r"yearly|annual|per|each|year|company|firm)\b|[\s\W])", re.IGNORECASE)


def is_followup(question: str) -> bool:
    text = question.strip()
    # an opening "and"/"那" marks a follow-up however it goes on; English takes more words to say it
    opener = bool(_OPENER.match(text))
    short = (len(re.findall(r"[\u4e00-\u9fff]", text)) <= (24 if opener else 16)
             and len(re.findall(r"[A-Za-z]+", text)) <= (14 if opener else 9))
    return short and (bool(_FOLLOWUP_CUES.search(text)) or _bare_ask(text) or bool(_WHO_OR_COST.fullmatch(text.strip(" ？?。.!！")))
                      or _verb_only(text) or bool(_WHETHER_THERE_TOO.fullmatch(text)))


# "宝应有吗？", "盐城也有吗？": whether another place (or thing) has what was just asked about
_WHETHER_THERE_TOO = re.compile(r"[\u4e00-\u9fff]{2,6}?(这边|那边|那里|也)?(有吗|有么|有没有|也有吗)[？?]?\s*")


def _verb_only(text: str) -> bool:
    """"能买什么？", "怎么用？": a short question naming nothing, only what is done, asks of what
    was just talked about."""
    # (时候 of 什么时候, which jieba may tag a noun, names nothing: "什么时候兑现？")
    return (len(re.findall(r"[\u4e00-\u9fff]", text)) <= 8 and bool(_ASKS.search(text))  # ("什么时候可以领取？")
            and not re.search(r"[A-Za-z0-9]", text) and not [n for n in nouns(text) if not is_filler(n)])


# "谁能享受？", "要交钱吗？", "Is it free?": who may have it, or whether it costs, of what was just asked
_WHO_OR_COST = re.compile(r"(谁|哪些企业|什么企业|哪类企业|哪些单位)(能|可以|才能)?(享受|申请|拿|报|参加)|(要|需要|得)?(交钱|收费|付费|花钱|掏钱|要钱|自费)(吗|么|不)?|"
                          r"(是)?免费(的)?(吗|么)?|who (is eligible|can apply|qualifies|can get it)|is (it|this|that) free|does (it|this) cost( anything)?",
                          re.IGNORECASE)


_OPENER = re.compile(r"^(那么|那(?![个些])|还有|另外|\s*(and|what about|how about)\b)", re.IGNORECASE)


# a question mark, a question word, or an English question's opening verb
_ASKS = re.compile(r"[？?]|吗|呢|么|多少|什么|啥|怎么|怎样|如何|哪|几|谁|是否|能否|可否|有没有|是不是|能不能|可不可以|要不要|"
                   r"\b(how|what|which|who|when|where|why|whether)\b|^\s*(is|are|do|does|did|can|could|will|would|should|may|has|have)\b",
                   re.IGNORECASE)


def _tells(text: str) -> bool:
    """Whether a turn only tells something ("我们是澄岭的企业，刚评上国家级小巨人。") and asks nothing."""
    return not _ASKS.search(text)


def _bare_ask(text: str) -> bool:
    """Whether ``text`` only asks for a kind of detail and names no subject ("谁负责？"): after
    earlier turns, it asks it of their subject."""
    rest = text
    for pattern in ASK_TYPES.values():
        rest = pattern.sub(" ", rest)
    if rest == text:
        return False  # no ask at all ("你好")
    for pattern in DETAIL_NOUNS.values():
        rest = pattern.sub(" ", rest)  # "截止时间？", "最高额度？": the detail's own nouns name no subject
    return len(_ASK_WORDS.sub("", rest)) <= 1


class Aliases:
    """Values of a slot and the ways a question may say them, looked up by substring.

    Finding the values in a question costs the question's length times the longest alias,
    whatever the number of values: a province's library names thousands of places.
    """

    def __init__(self, values: dict[str, tuple[str, ...]]) -> None:
        self.values = dict(values)
        self._table: dict[str, list[tuple[int, str]]] = {}  # alias (lower case) → (value's position, value)
        for position, (value, aliases) in enumerate(self.values.items()):
            for alias in aliases:
                if alias:
                    self._table.setdefault(alias.lower(), []).append((position, value))
        self._longest = max((len(a) for a in self._table), default=0)

    def matches(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, alias) of every alias in ``text`` (lower-cased), not inside a Latin word."""
        lowered = text.lower()
        out = []
        for start in range(len(lowered)):
            if start and lowered[start - 1].isascii() and lowered[start - 1].isalpha():
                continue  # (?<![a-z])
            for end in range(start + 1, min(len(lowered), start + self._longest) + 1):
                alias = lowered[start:end]
                if alias in self._table and not (end < len(lowered) and "a" <= lowered[end] <= "z"):
                    out.append((start, end, alias))
        return out

    def find(self, text: str) -> list[tuple[str, str]]:
        """(canonical value, its longest alias as written) for each value named in ``text``,
        in the order the values were given."""
        best: dict[str, tuple[int, str]] = {}
        for _, _, alias in self.matches(text):
            for position, value in self._table[alias]:
                if value not in best or len(alias) > len(best[value][1]):
                    best[value] = (position, alias)
        return [(value, alias) for value, (_, alias) in sorted(best.items(), key=lambda item: item[1][0])]

    def said(self, value: str, text: str) -> list[str]:
        """The aliases of ``value`` that ``text`` contains."""
        return [alias for _, _, alias in self.matches(text) if any(v == value for _, v in self._table[alias])]


def as_aliases(values: dict[str, tuple[str, ...]] | Aliases | None) -> Aliases:
    return values if isinstance(values, Aliases) else Aliases(values or {})


_SLOT_ALIASES = {slot: Aliases(values) for slot, values in SLOTS.items()}


# what a bare swap says besides the new value ("那市级的呢？", "and for the national one?")
_SWAP_WORDS = re.compile(r"(那么|那|的|呢|还有|另外|这边|那边|也有吗|有没有|有吗|有么|\b(and|for|the|one|ones|what|about|how|then|level|case)\b|"
                         r"[\s？?。，,！!'’])", re.IGNORECASE)


def _residue(question: str, slots: dict[str, Aliases]) -> str:
    """What a follow-up says besides the slot values it names and the words of a bare swap."""
    rest = list(question.lower())
    for aliases in slots.values():
        for start, end, _ in aliases.matches(question):
            rest[start:end] = [" "] * (end - start)
    rest = _SWAP_WORDS.sub("", "".join(rest))
    return rest if len(re.findall(r"[\u4e00-\u9fff]", rest)) >= 2 or re.search(r"[a-z]{3,}", rest) else ""


def names_slot_value(text: str) -> bool:
    """Whether ``text`` names a level, category or title ("单项冠军产品", "the provincial one"), or
    where the same is asked ("And in the SME plan?", "那方案里呢？")."""
    return any(aliases.find(text) for aliases in _SLOT_ALIASES.values()) or bool(_SCOPE_ONLY.search(text))


# a follow-up that only says where: "And in the SME plan?", "what about under Jinhu's plan?", "方案里呢？"
_SCOPE_ONLY = re.compile(r"^\s*((and|what about|how about)\s+)?(in|under|at)\b|(里|中|上)呢[？?]?\s*$", re.IGNORECASE)


# 小巨人 names the national tier; below it a policy says 省级/市级专精特新中小企业 (Jiangsu's
# 省级专精特新小巨人 too), so "那省级的呢？" after a national little giant asks for 专精特新
_GIANT = ((re.compile("(专精特新)?[“\"]?小巨人[”\"]?"), "专精特新"),
          (re.compile(r"\blittle giants?\b", re.IGNORECASE), "specialised SME"))


def _below_national(rewritten: str, earlier: str, question: str, slots: dict[str, Aliases]) -> str:
    levels = [value for value, _ in slots["level"].find(question)]
    before = [value for value, _ in slots["level"].find(earlier)]
    if not levels or levels[0] == "国家级" or slots["title"].find(question) or before[:1] != ["国家级"]:
        return rewritten  # "省级小巨人 ⟫ 那市级的呢？" keeps the asker's own naming
    for pattern, general in _GIANT:
        rewritten = pattern.sub(general, rewritten)
    return rewritten


def standalone_question(question: str, history: list[Turn], regions: Regions | Aliases | None = None) -> str:
    """The question as it would be asked without the conversation before it."""
    return resolve(question, history, regions)[0]


def resolve(question: str, history: list[Turn], regions: Regions | Aliases | None = None,
            _depth: int = 0) -> tuple[str, str | None]:
    """(standalone question, what it asks) for ``question`` after ``history``.

    The second item is ``None`` when the whole standalone question is the ask (a new
    question, or a follow-up that swapped a level, category or place); otherwise it is the
    follow-up's own words, the earlier question serving as context. Only the last few
    user turns are read.
    """
    regions = as_aliases(regions)
    slots = {**_SLOT_ALIASES, "region": regions}
    previous = [turn.content for turn in history if turn.role == "user" and turn.content.strip()][-4:]
    if previous and not is_followup(question) and _tells(previous[-1]):
        # "我们刚被认定为国家级小巨人。" ⟫ "市里有奖励吗？": the asker told who they are first; read
        # as one message, the telling is the question's context
        told = previous[-1].strip().rstrip("。.!！")
        joint = "，" if re.search(r"[\u4e00-\u9fff]$", told) else ". "
        return f"{told}{joint}{question.strip()}", None
    if not previous or not is_followup(question) or _depth > 4:
        return question, None
    earlier, earlier_ask = resolve(previous[-1], [Turn("user", q) for q in previous[:-1]], regions, _depth + 1)
    rewritten = earlier
    replaced = False
    added = []  # a value the earlier question had no counterpart for ("…省级以上…？ ⟫ 那国家级小巨人呢？")
    for slot, aliases in slots.items():
        new = aliases.find(question)
        if slot == "region":  # (a place named to combine with is no new place: "Can it be combined with Ziling's?")
            new = [(v, a) for v, a in new if not _compared(question, a)]
        old = aliases.find(earlier)
        if new and not old and slot != "region":
            added.append(aliases.said(new[0][0], question)[0])
        if new and old:
            value, _ = new[0]
            said = aliases.said(value, question)
            # (a level as briefly as said: "county"; a title in full: "single champions")
            replacement = value if re.search(r"[\u4e00-\u9fff]", earlier) else (max if slot == "title" else min)(said, key=len)
            for _, alias in old:
                rewritten = re.sub(re.escape(alias), replacement, rewritten, flags=re.IGNORECASE)
            replaced = True
    if replaced:
        rewritten = _below_national(rewritten, earlier, question, slots) + "".join(f" {value}" for value in added)
        # "那省级的有没有奖励，多少钱？" swaps the level and asks something new: that is its ask
        own = _residue(question, slots)
        return (f"{rewritten} {question.strip()}", question.strip()) if own else (rewritten, None)
    rest = re.sub(r"^(那么|那|还有|另外|and\s+|what about\s+|how about\s+)|呢(?=[？?]?$)", "", question.strip(),
                  flags=re.IGNORECASE).strip()
    # "这一项的责任单位是谁？" asks about the earlier topic: the whole question is the ask then
    refers = _REFERS_BACK.search(rest)
    # "那市级的呢？" after a question that named no level: a level added to the earlier ask
    added = not _residue(question, slots) and any(aliases.find(question) for aliases in slots.values())
    ask = None if refers or added or not rest else rest
    if ask and earlier_ask and _bare_ask(rest) and not _bare_ask(earlier_ask):
        # "研发补助最多多少？ ⟫ 那首台套呢？ ⟫ 那谁负责？": who is responsible for 首台套, the thing asked last
        ask = f"{earlier_ask} {rest}"
    return f"{earlier} {rest}".strip(), ask


_COMPARED = re.compile(r"(和|与|跟|同|比|\b(with|than))\s*$", re.IGNORECASE)


def compared_only(question: str, regions: Regions | Aliases | None, earlier: str) -> bool:
    """Whether every place ``question`` names other than ``earlier`` is named only as what to
    compare or combine with ("能和梓陵市的叠加吗？"): the question is still asked of ``earlier``."""
    others = [(value, alias) for value, alias in as_aliases(regions).find(question) if value != earlier]
    return bool(others) and all(_compared(question, alias) for _, alias in others)


def _compared(question: str, alias: str) -> bool:
    """Whether ``alias`` is said in ``question`` right after 和/与/跟/同/比, "with" or "than"."""
    return bool(_COMPARED.search(question[:question.lower().find(alias)].rstrip()))
