"""Word-level reading of an owner's question: words that name no topic (filler), fees jieba
cuts in two, nouns and the nouns heading their phrase, and the content words. Pure functions."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

from .lexical import EN_STOPWORDS, ZH_STOPWORDS, dictionary_word, normalise, segment

if TYPE_CHECKING:
    from .evidence import TermWeights
    from .synonyms import Synonyms

CJK = re.compile(r"[\u4e00-\u9fff]")
# "三成", "两份", "一个", "几家": a number and its measure word name no topic
_NUMERAL = re.compile(r"[一二三四五六七八九十百千万两几半数\d]+[个家项份成次名位件年月天种条台套户批点倍本款]?")
# "能补", "可贷": a modal glued to a one-character verb, a guess of jieba's, names no topic
_MODAL = re.compile(r"[能可会要想]\w")


# words that carry no topic in an owner's question ("有没有什么办法", "类似的安排")
ZH_FILLER = frozenset(
    "办法 安排 东西 情况 这种 那种 这样 那样 类似 特殊 具体 时候 现在 今年 这边 那边 这块 这方面 事情 问题 "
    "一些 有点 大概 左右 听说 知道 想 想要 打算 准备 可能 能否 不能 是不是 有没有 能不能 可不可以 够不够 "
    "早点 直接 自己 他们 人家 咱们 企业 公司 厂子 厂里 单位 对于 关于 政策 规定 方面 帮忙 帮助 支持 "
    "合适 适合 什么样 对口 类似 一般 通常 平时 这次 那次 还能 能够 不会 会不会 一下子 "
    "多少钱 多少万 几个点 多少个点 几年 多久 多长时间 几月 几号 哪天 哪儿 哪里 怎么办 行不行 "
    "一起 一下 一些 一直 这个 那个 建个 搞个 弄个 做个 有个 这类 那类 此类 这种 这些 那些 "
    "还是 还有 或者 要么 而且 但是 不过 如果 的话 "
    "去年 前年 今年 明年 上年 当年 近年 最近 目前 以前 之前 后来 每个 每家 每项 拿到 得到 能拿 一共 总共 合计 总计 共计 啥时候 什么时候 何时 拿出 拿出来 掏出 政府 细则 方案 文件 "
    "起码 至少 最少 最起码 顶多 至多 最多 最长 最短 最晚 最迟 顶天 充其量 哪几个 哪几家 哪几项 哪几位 哪几 "
    "真是 真的 确实 果真 果然 另外 此外 方向 说法 讲法 "  # 起码要多少: how much is asked, not of what
    # "能帮着解决吗", "要做到什么程度", "这一档": the help or the extent asked of what was just said
    "解决 帮着 程度 做到 一档 这一档 那一档 关心 担心 最关心 要是 怎么样 会怎样 会怎么样 别的 其他 其它 另外的 "
    "后果 查出 查出来 被查 替代 代替 为止 起来 加起来 多万 要不要 不要 "  # "被查出来…会有什么后果", "…的替代条件", "交到哪天为止": what follows from, stands for or ends the thing named
    # "打算干点啥", "听朋友说…是真的吗": what is done about the topic, and hearsay
    "干点 做点 搞点 干啥 做啥 搞啥 朋友 听朋友说 听人说 以后 之后 不大 不少 不多 很多 挺多 蛮多 较多 "
    "心里 心里有数 已经 已 早就 刚刚 刚 "  # "已经入库了": when, of what the asker told
    "才算 达标 算达标 够格 意思 什么意思 啥意思 含义 老板 就是 那块 这项 那项 此项 这一项 这两项 这几项 那两项 那几项 这三项 "  # "研发费用要占多少才算达标", "白名单是啥意思", "老板问我…就是知识产权那块": the threshold or meaning of the subject named
    "没有 "  # "县里有啥政策支持没有？": the question's tail, no thing asked about
    "提到 提及 提过 说到 讲到 写到 "  # "…可以加计扣除，政策里有提到吗？": whether the texts say the thing told
    "有人 帮办 帮我们 帮我 "  # "…想拿专利质押贷款，有人帮办吗？": help with what the context wants
    "不到 拿来 用来 "  # "投资不到200万能申请吗", "创新券可以拿来还债吗": the figure told and the use asked of
    "能用 用上 能用上 用得上 享受到 享受 才能 "  # "能用上首贷贴息吗", "…才能拿补贴": whether the thing named is there for them
    # "…平台干嘛用的", "经费用来干嘛": what it is for — the thing named is the subject
    "干嘛 干吗 干啥用 干嘛用 用来 用于干嘛 做什么用 有啥用".split())
EN_FILLER = frozenset(  # ("What extra do we get?": more of what was told, no thing of its own)
    "extra full roughly expected put holding hit keep telling firms firm like ours company companies business thinking "
    "moving whole here there anything something some kind sort help helping doing does say said point "
    "around about currently already just named registered run running before after while yet still "
    "want wants would like plan plans policy policies city's thing things way ways really actually "
    "totally unrelated know needed needs necessary city town "
    "what's whats where's who's how's that's it's there's we're i'm they're isn't aren't don't doesn't "
    "less often join joins joining joined".split())


# "帮我查一下", "麻烦看看": a request to look something up, not 检查 (an inspection) asked about;
# "财务说…", "老板跟我讲…", "财务问…": who told or sent the asker, not a topic (财务 is no subject of the reward asked);
# nor is the month the owner asks about
REQUEST = re.compile(r"(帮我|帮忙|麻烦|请)?(查一下|查一查|查查|查下|搜一下|搜搜|看一下|看看)|"
                     r"(财务|会计|老板|领导|同事|朋友|同行|别人|人家|中介|代理|客户)(跟我|和我|对我|告诉我|让我)?(说|讲|问)(过|了|一下|问)?(?!明|题)|"
                     r"(?<=企业|公司|我们)(提出|反映|反馈|上报|遇到)(?=的)|"  # "企业提出的诉求": the 诉求, however come by
                     r"[\d一二三四五六七八九十]{1,3}月份")  # "12月份能申领吗": when they ask, no term to find


def is_filler(token: str) -> bool:
    """A filler word, or two of them run together (特殊政策 = 特殊 + 政策)."""
    # (顶多能 = 顶多 + a modal: jieba guesses such runs as one word)
    token = re.sub(r"(?<=..)[能可会要得]$", "", token) if token[:-1] in ZH_FILLER else token
    return token in ZH_FILLER or any(token[:i] in ZH_FILLER and token[i:] in ZH_FILLER for i in range(1, len(token)))


def fee_words(text: str) -> list[str]:
    """Fees jieba cuts in two (申报费 → 申报 + 费): the word and 费 make one noun."""
    if "费" not in text:
        return []
    tokens = segment(text)
    return [a + b for a, b in pairwise(tokens) if b == "费" and len(a) >= 2 and CJK.fullmatch(a[-1])]


# a verb or preposition jieba glues to the noun after it ("交年费", "给补贴")
_GLUED_HEAD = "交对向在把从给让被要办缴"


def object_of(token: str) -> str | None:
    """The noun of a guessed segment of three or more characters that starts with a verb or
    preposition (交年费 → 年费): a new word the knowledge base lacks, which the novelty check
    must see; a two-character guess (入县) is a mis-cut and names nothing."""
    if len(token) >= 3 and token[0] in _GLUED_HEAD:
        return token[1:]
    return None


# 有钱, 拿奖, 领补: a light verb before a one-character noun, one dictionary word to jieba
_LIGHT_VERB = frozenset("有拿领要得获给发")


def light_verb_object(token: str) -> str | None:
    """The one-character object of a light verb run together with it (有钱 → 钱), or None."""
    return token[1] if len(token) == 2 and token[0] in _LIGHT_VERB and CJK.match(token[1]) else None


def known_part(token: str, words: frozenset[str]) -> str | None:
    """The longest word of two or more characters inside a segment jieba guessed, that the
    knowledge base or jieba's dictionary knows (a preposition glued to a noun); else None."""
    for size in range(len(token) - 1, 1, -1):
        for start in range(len(token) - size + 1):
            part = token[start:start + size]
            if part in words or dictionary_word(part):
                return part
    return None


# a benefit (财政补贴) or the detail asked of a thing (贷款额度): a compound that is one thing asked
_NAMED_WHOLE = re.compile(r"..(补贴|补助|奖励|奖金|资金|贴息|费用|额度|金额|上限|比例|费率|利率|期限|时间|标准|条件|要求)")


def halves(token: str, words: frozenset[str] | None, weights: TermWeights | None = None) -> list[str]:
    """A four-character compound the knowledge base never says whole, as its two words when a
    text says both (安全检查: 对…环保、安全、消防等方面的首次检查); else the token itself (专用发票:
    no text says 专用 and 发票 together, the thing is not there; 财政补贴, 贷款额度: a benefit, or the
    detail asked of a thing, is named whole)."""
    if (words is None or weights is None or token in words or len(token) != 4 or token[:2] not in words
            or _NAMED_WHOLE.fullmatch(token)
            or token[2:] not in words or not weights.together(token[:2], token[2:])):
        return [token]
    return [token[:2], token[2:]]


def nouns(text: str) -> frozenset[str]:
    """Words jieba tags as nouns (n…, j abbreviations, vn verbal nouns) in ``text``."""
    return frozenset(w for w, head in _tagged_nouns(text) if head is not None)


def head_nouns(text: str) -> frozenset[str]:
    """The nouns of ``text`` that head their phrase (no noun follows: 公寓 in 人才公寓, not 硬性
    in 硬性门槛): what is asked about, rather than what qualifies it."""
    return frozenset(w for w, head in _tagged_nouns(text) if head is not False)


# jieba's dictionary tags 本科 (a bachelor's degree) as a pronoun: it names who a benefit is for
_MISTAGGED = {"本科": "n"}


@lru_cache(maxsize=4096)
def _tagged_nouns(text: str) -> tuple[tuple[str, bool | None], ...]:
    """Nouns with whether each heads its phrase (None: a head jieba guessed, not a dictionary word)."""
    from jieba import posseg

    # a domain term taught to the segmenter (研发费用, 担保费率) comes back untagged ("x"): the
    # glossary's and the texts' terms are names of things
    tagged = [(w, _MISTAGGED.get(w) or ("nz" if flag == "x" and len(w) > 1 and re.fullmatch(r"[\u4e00-\u9fff]+", w) else flag))
              for w, flag in posseg.lcut(normalise(text))]
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


def content_tokens(text: str) -> list[str]:
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


# the asker's own description ("我们做精密仪器", "我是金湖一家做阀门的企业"): context that
# describes who asks, never what is asked, even when a short ask takes the context in
_IDENTITY = re.compile(r"^(?!.*(想|打算|准备|计划|申请|申报|需要|要))[^，,。]{0,8}(我们|我|咱们|我司|本公司|公司|厂子|厂里)"
                       r"[^，,。]{0,8}(是|做|开(?![始展发工])了?|经营(?!异常|困难|不善|状况)|从事|生产(?!事故|安全))")
# (开 a business, not 开始 doing something; 经营 a trade, not 经营异常名录 the firm was put on)
# "We're a Yunxi machinery company": who the asker is, said in English (the whole part says only
# that: "…with 120 staff and a new research centre" tells what the question is about)
_EN_IDENTITY = re.compile(r"^(we're|we are|i'm|i am|i run|we run|i own|we own|my|our)\b[^,.;]{0,50}?\b"
                          r"(company|firm|business|maker|manufacturer|producer|supplier|factory|plant|startup|"
                          r"exporter|workshop|enterprise)( (based |located )?(in|from) [a-z-]+( county| city)?)?"
                          r"( with( about| around| roughly)? [^,.;]{0,12}(staff|employees|people|workers))?$", re.IGNORECASE)
# "…company and want to join the pool": what it wants is no part of who it is
_EN_AND_WANTS = re.compile(r"\band (?=(we |i )?(want|plan|are planning|'re planning|would like|'d like|need|hope|"
                           r"intend|are thinking|'re thinking|are looking|'re looking)\b)", re.IGNORECASE)


def is_identity(part: str) -> bool:
    """Whether a part of a question's context only says who the asker is ("我们是做软件的",
    "We're a small machinery company in Yunxi")."""
    return bool(_IDENTITY.search(part.strip()) or _EN_IDENTITY.search(part.strip()))


def context_parts(context: str) -> list[str]:
    """A question's context cut into the things it tells, at punctuation and before what the
    asker wants ("…company and want to join the pool")."""
    return [c for c in re.split(r"[，,。；;！!？?\n]", _EN_AND_WANTS.sub(", ", context)) if c.strip()]


# one year of a period by its ordinal ("第四年", "第3年"); also read by years.py
ORDINAL_YEAR = re.compile(r"第([一二两三四五六七八九十\d]{1,3})个?年")
_CN_NUMERALS = "一二三四五六七八九十"


def ordinal_forms(token: str) -> tuple[str, ...]:
    """The ways a clause states one year of a period asked by its ordinal ("第四年呢？"): in
    digits, or as the first year of a span ("第四、五年租金减半", "第四至第五年"); () for other words."""
    asked = ORDINAL_YEAR.fullmatch(token)
    if not asked:
        return ()
    from .gloss import numeral_value

    value = int(numeral_value(asked.group(1)))
    if not 1 <= value <= 10:
        return ()
    forms = [f"第{n}" for n in dict.fromkeys((_CN_NUMERALS[value - 1], str(value)))]
    return tuple(f"{stem}{tail}" for stem in forms for tail in ("年", "、", "至", "到", "和", "及", "-", "—")
                 if f"{stem}{tail}" != token)


# a count of time or things in Chinese numerals or in digits (近三年, 3个月, 两项): one count either way
_COUNTED = re.compile(r"([一二两三四五六七八九十]{1,3}|\d{1,2})(?=(个工作日|个月|年|月|天|日|项|家|次(?!性)|名|人|倍|期|场))")  # (一次性 is once-off)


def numeral_forms(token: str) -> tuple[str, ...]:
    """The other way of writing the counts in ``token``: 近三年 → 近3年, 3个月 → 三个月; () when none."""
    from .gloss import numeral_value

    def other(match: re.Match) -> str:
        text = match.group(1)
        if text.isdigit():
            value = int(text)
            return _CN_NUMERALS[value - 1] if 1 <= value <= 10 else text
        value = int(numeral_value(text))
        return str(value) if value else text

    form = _COUNTED.sub(other, token)
    return (form,) if form != token else ()


_BENEFIT_WORDS = re.compile(r"支持|扶持|优惠|补贴|补助|奖励|奖金|资金")
_SCOPE_WORDS = re.compile(r"^(县|市|区|省|本|全)")


def names_benefit_topic(part: str, synonyms: Synonyms) -> bool:
    """Whether a part of a story names a benefit and what it is for ("听说县里对数字化改造有补助"),
    not only a benefit ("财务说县里有一次性奖励"): then what was told before it is the asker."""
    if not _BENEFIT_WORDS.search(part):
        return False
    groups = synonyms.match(part, segment(part))[0]
    return any(not any(_BENEFIT_WORDS.search(t) or _SCOPE_WORDS.match(t) for t in g) for g in groups)


def without_place(token: str, places: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """A name said after its place, as the text may say it without: 渌汀专精贷 → (专精贷,); () else."""
    return tuple(token[len(p):] for p in places if token.startswith(p) and len(token) > len(p) + 1)[:1]


# words that qualify a figure (per year, at most), never its subject
# (新认定, "newly recognised": which reward of the title, as 首次 says; by its canonical term, so
# the synonyms line may grow)
FIGURE_QUALIFIERS = frozenset("每年 年度 每年度 一年 一次性 最高 最多 上限 累计 首次 单个 每家 每户 单户 新认定".split())
LIMIT_WORDS = frozenset("最高 最多 上限 额度 封顶 全额 足额".split())  # a limit asked ("最多贴几年", "能拿全额吗"): no subject of its own


# a document whose title is the rules of one grant ("研发费用补助办法", "首贷贴息实施细则"): each of its
# articles is about that grant, though few repeat its name
ONE_GRANT_RULES = re.compile(r"(补助|补贴|奖励|奖补|贴息|资助|创新券)(资金)?(管理)?(办法|实施细则|细则|规定)(（试行）)?》?$")


# what the company makes or does, told to say who asks ("我们在桐溆，做精密齿轮，…", "一家做食品的厂")
_DESCRIBED = re.compile(r"(?:(?:我们|我|公司|企业|我司|一家)[^，,。？?]{0,8}?|(?<=[，,]))(?<![想要备算划])(?:做|生产|从事|经营)([\u4e00-\u9fff]{2,10}?)(?:的|，|,)")


def described_only(group: tuple[str, ...], question: str) -> bool:
    """Whether ``group`` is said only in the company's account of what it makes ("做精密齿轮"): who
    asks, not what a clause must name (the reward for 智能制造示范工厂 never names 齿轮)."""
    described = "".join(m.group(1) for m in _DESCRIBED.finditer(question))
    rest = _DESCRIBED.sub(" ", question)
    return bool(described) and any(t in described for t in group) and not any(t and t in rest for t in group)
