"""Cases a clause of the right topic may not cover: a degree (硕士 for 博士), one of two sides (国外 / 国内, 民营 / 区属), an
exchange (上交所 / 北交所), a kind outside the kinds a clause lists (地方标准 beside 国际标准、国家标准、
行业标准). Pure functions over the question and the clauses that would answer it."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from .query import QueryAnalysis
from .subjects import evidence_text
from .types import ScoredChunk
from .words import is_filler

# one of two sides named ("国外专利"), a clause on the other only ("国内发明专利") says nothing of it
SIDES = ((re.compile(r"国外|境外|海外|外国|foreign|overseas|abroad", re.IGNORECASE), re.compile(r"国内|境内|domestic", re.IGNORECASE)),
         (re.compile(r"市长|mayor", re.IGNORECASE), re.compile(r"省长|governor", re.IGNORECASE)),  # (质量奖: the city's or the province's)
         # who owns it: a benefit in a 区属 park or from 市属国有 buyers is not one in a private park
         (re.compile(r"民营|私营|私人|民办|private(ly)?[- ]owned|\bprivate\b", re.IGNORECASE),
          re.compile(r"(区|县|市|省)属|国有|state[- ]owned|government[- ]owned", re.IGNORECASE)))
# sides the story tells as well as the ask ("买了区属科创园的办公用房，有优惠吗"): bought or rented —
# a rent cut is nothing to a firm that bought its premises
TOLD_SIDES = ((re.compile(r"买|购置|\bbuy(ing|s)?\b|\bbought\b|\bpurchas", re.IGNORECASE),
               re.compile(r"租用|(?<!融资)租赁|承租|租金|房租|\brent(s|ed|ing)?\b|\bleas(e|es|ed|ing)\b", re.IGNORECASE)),)

# the exchanges a listing reward may be for: (as an ask names it, as a clause covers it — 沪深北交易所 all three)
EXCHANGES = ((re.compile(r"上海证券交易所|上交所|沪市|科创板|Shanghai|STAR market", re.IGNORECASE), re.compile(r"上海证券交易所|上交所|沪")),
             (re.compile(r"深圳证券交易所|深交所|深市|创业板|Shenzhen|ChiNext", re.IGNORECASE), re.compile(r"深圳证券交易所|深交所|沪深")),
             (re.compile(r"北京证券交易所|北交所|Beijing Stock Exchange", re.IGNORECASE), re.compile(r"北京证券交易所|北交所|沪深北")))

_BOTH_SIDES = re.compile(r"(国|境|海)内外")
_OWNED_BY = re.compile(r"[省市县区]属")  # the government level that owns a firm or a park

# kinds of one thing listed side by side: 国际标准、国家标准 (the same head after each kind)
_LISTED_KINDS = re.compile(r"([\u4e00-\u9fff]{2})([\u4e00-\u9fff]{2,3})[、和及与或]([\u4e00-\u9fff]{2,4}?)\2")
# "…的，分别给予": a figure for each kind listed, in the same sentence
_EACH = re.compile(r"[^。；;]*?分别")
# what may qualify a noun as its kind: a noun, a distinguishing word (民营), an abbreviation
_KIND_TAGS = ("n", "nz", "b", "j", "l")


def asked_text(query: QueryAnalysis) -> str:
    """The ask with what of the story told before it was taken in ("…买了一项国外的发明专利，市里能资助吗")."""
    return " ".join([query.ask, *(t for g in query.term_groups for t in g if t and t in query.question)])


def sides_asked(query: QueryAnalysis) -> list[tuple[str, re.Pattern, re.Pattern]]:
    """(the text, the side it names, the other side) for every side the question names alone."""
    found = []
    for pairs, asked in ((SIDES, asked_text(query)), (TOLD_SIDES, query.question)):
        for one, other in pairs + tuple((b, a) for a, b in pairs):
            if one.search(asked) and not other.search(asked):
                found.append((asked, one, other))
    return found


def other_side(query: QueryAnalysis, hits: list[ScoredChunk]) -> bool:
    """True when the question names one side (or one exchange) and every clause speaks of another."""
    texts = [_BOTH_SIDES.sub(r"\1内\1外", h.chunk.text) for h in hits]  # 境内外展会 is both sides'
    for asked, one, other in sides_asked(query):
        if all(other.search(t) and not one.search(t) for t in texts):
            return True
    asked = asked_text(query)
    owner = _OWNED_BY.search(asked)  # "区属国企采购": a clause on 市属国有企业 only is another owner's
    if owner and all(_OWNED_BY.search(t) and owner.group(0) not in t for t in texts):
        return True
    named = [cover for ask, cover in EXCHANGES if ask.search(asked)]
    # "在上海证券交易所主板上市了，县里有奖励吗": a reward for 北京证券交易所 listings is not for it
    return len(named) == 1 and all(any(c.search(h.chunk.text) for _, c in EXCHANGES) and not named[0].search(h.chunk.text)
                                   for h in hits)


def other_kind(query: QueryAnalysis, hits: list[ScoredChunk]) -> str:
    """The kind the question names ("地方标准") when a clause lists kinds of the same thing
    (国际标准、国家标准、行业标准) and no clause names that kind; "" otherwise. A listed set of kinds
    is what the clause covers: a kind outside it is another case, not a smaller one."""
    if not hits:
        return ""
    texts = [h.chunk.text for h in hits]
    # kinds given a figure each (国际标准、国家标准、行业标准的，分别给予50万元、30万元、10万元) are the
    # cases provided for; kinds named as examples (技术人才、高技能人才) are not a closed list. (A row
    # naming the thing without its kinds — "标准制定奖励" in a materials list — lists none.)
    heads = {m.group(2) for t in texts for m in _LISTED_KINDS.finditer(t) if _EACH.match(t, m.end())}
    for head in sorted(h for h in heads if _names_thing(h)):
        for kind in _kinds_asked(query.question, head):
            # (named as a kind: 地方标准, or 地方、行业标准 — 县地方金融服务中心 names no kind of 标准)
            if not any(kind + head in t or re.search(kind + "[、和及与或]", t) for t in texts):
                return kind + head
    return ""


def _names_thing(head: str) -> bool:
    """A noun naming things of kinds (标准, 人才, 园区): not a benefit or an act (奖励, 管理: who
    gives it or how is no kind of it), nor a word naming no topic (企业)."""
    from jieba import posseg

    tags = [flag for _, flag in posseg.lcut(head)]
    return tags in (["n"], ["nz"]) and not is_filler(head)


def _kinds_asked(question: str, head: str) -> list[str]:
    """The words the question puts right before ``head`` as its kind (地方 in 地方标准, 团体 in 团体的标准)."""
    from .lexical import normalise

    words = tagged(normalise(question))
    kinds = []
    for i, (word, flag) in enumerate(words):
        if word.endswith(head) and len(word) > len(head) + 1 and flag[:1] in ("n", "l"):
            kinds.append(word[: -len(head)])  # one word: 地方标准
        elif word == head and i > 0:
            before, tag = words[i - 1]
            if before == "的" and i > 1:
                before, tag = words[i - 2]
            if len(before) > 1 and tag in _KIND_TAGS and re.fullmatch(r"[\u4e00-\u9fff]+", before):
                kinds.append(before)
    return kinds


_HAN = re.compile(r"[\u4e00-\u9fff]{2,6}")
_NUMERALS = re.compile(r"[一二三四五六七八九十百千万两几]")
# the tags of the words that may stand in a slot of a thing's name: nouns, distinguishing words,
# measure words (层 in 基础层); never a verb, an adverb or a particle (刚被 for 首次 is no other thing)
_THING_TAGS = ("n", "nz", "b", "j", "l", "q", "k", "ng")


def other_term(query: QueryAnalysis, hits: list[ScoredChunk]) -> str:
    """The question's wording of a thing where a clause names a neighbour in the same frame:
    "在新三板基础层挂牌" against "在新三板创新层挂牌" (the same words on both sides of one slot, another
    name in it, and the question's name in no clause); "" otherwise. Synonyms (营收 for 营业收入)
    and the question's own figures are no other thing."""
    if query.language != "zh" or not hits:
        return ""
    from .lexical import normalise

    question = normalise(query.question)
    texts = [normalise(h.chunk.text) for h in hits]
    for text in texts[:3]:
        matcher = SequenceMatcher(None, question, text, autojunk=False)
        codes = matcher.get_opcodes()
        for i, (op, q1, q2, t1, t2) in enumerate(codes):
            if op != "replace" or i == 0 or i == len(codes) - 1:
                continue
            before, after = codes[i - 1], codes[i + 1]
            same_before, same_after = before[2] - before[1], after[2] - after[1]
            if before[0] != "equal" or after[0] != "equal" or min(same_before, same_after) < 1 or same_before + same_after < 4:
                continue
            asked, named = question[q1:q2], text[t1:t2]
            if not (_HAN.fullmatch(asked) and _HAN.fullmatch(named)) or _NUMERALS.search(asked + named):
                continue
            if any(asked in t for t in texts) or _synonyms(query, (question, q1, q2), (text, t1, t2)):
                continue
            # (both names of things: 计划新增 beside 分别新增 is no other thing, nor 县城买房 beside 县内首次购房)
            thing = _thing_named(question, q1, q2)
            if thing and _thing_named(text, t1, t2):
                return thing
    return ""


def _synonyms(query: QueryAnalysis, asked: tuple[str, int, int], named: tuple[str, int, int]) -> bool:
    """Whether one group of the question's terms has a word over the asked span and another over
    the named one (起拍价 for 出让底价: the spans differ in 起拍/出让底, the words in whole)."""
    def over(span: tuple[str, int, int], word: str) -> bool:
        text, start, end = span
        at = text.find(word, max(0, start - len(word)), end + len(word))
        return at >= 0 and at < end and at + len(word) > start

    return any(any(over(asked, w) for w in group if w) and any(over(named, w) for w in group if w)
               for group in query.term_groups)


def tagged(text: str) -> list[tuple[str, str]]:
    """``text``'s words with jieba's tags, a term taught to the segmenter (untagged, "x": 地方标准
    from another document) read as a name (nz)."""
    from jieba import posseg

    return [(w, "nz" if f == "x" and re.fullmatch(r"[\u4e00-\u9fff]{2,}", w) else f) for w, f in posseg.lcut(text)]


def _thing_named(question: str, start: int, end: int) -> str:
    """The name of the thing the words of ``question`` over [start, end) stand in, with the
    words naming a thing right around them (新三板 基础 层): "" when one of them names no thing
    (a verb, an adverb) or none is a noun."""
    words, at = [], 0
    for word, tag in tagged(question):
        words.append((at, word, tag))
        at += len(word)
    inside = [i for i, (at, word, _) in enumerate(words) if at < end and at + len(word) > start]
    tags = [words[i][2] for i in inside]
    if not inside or not all(f in _THING_TAGS for f in tags) or not any(f[:1] == "n" for f in tags):
        return ""
    first, last = inside[0], inside[-1]
    if first > 0 and words[first - 1][2] in _THING_TAGS:
        first -= 1
    if last + 1 < len(words) and words[last + 1][2] in _THING_TAGS:
        last += 1
    return "".join(word for _, word, _ in words[first:last + 1])



_LEVEL_RANKS = {"县级": 1, "区级": 1, "市级": 2, "省级": 3, "国家级": 4}
_LEVEL_NAMED = re.compile(r"(国家级|省级|市级|县级|区级)")
# the recognition titles, which levels.py judges; a thing of another kind is judged here
_TITLE_THING = re.compile(r"专精特新|小巨人|单项冠军|创新型|中小企业|培育库|^企业$|^公司$")


def other_level_thing(query: QueryAnalysis, hits: list[ScoredChunk]) -> str:
    """"省级企业技术中心" asked where the clauses give the thing (企业技术中心) only at another level
    (市级企业技术中心): that level's thing, the case the clauses lack; "" otherwise. ("省级以上" covers
    国家级; "省级、市级企业技术中心" names both.)"""
    texts = [h.chunk.text for h in hits]
    for named in _LEVEL_NAMED.finditer(query.question):
        thing = _nouns_after(query.question[named.end():])
        if len(thing) < 2 or _TITLE_THING.search(thing):
            continue
        asked = _LEVEL_RANKS[named.group(1)]
        levels = [(m.group(1), bool(m.group(2))) for t in texts
                  for m in re.finditer(rf"(国家级|省级|市级|县级|区级)(及以上|以上)?[^，。；;：:]{{0,12}}?{thing}", t)]
        # (and the levels named after it with the thing left out: "市级数字化车间…；省级的，奖励30万元")
        levels += [(m.group(1), False) for t in texts if thing in t
                   for m in re.finditer(r"(国家级|省级|市级|县级|区级)的", t[t.index(thing):])] if levels else []
        if levels and not any(_LEVEL_RANKS[level] == asked or (above and asked >= _LEVEL_RANKS[level]) for level, above in levels):
            return named.group(1) + thing
    return ""


def _nouns_after(text: str) -> str:
    """The nouns right after a level's name: 企业技术中心 in "省级企业技术中心认定"."""
    taken = []
    for word, tag in tagged(text[:14]):
        if tag[:1] not in ("n", "j") and tag != "vn" or taken and word in _BENEFIT_NOUNS:
            break  # (the thing, not what it gets: 数字化车间 in "县级数字化车间奖多少")
        taken.append(word)
    return "".join(taken)


_BENEFIT_NOUNS = frozenset({"奖", "奖励", "奖金", "补贴", "补助", "资助", "资金", "贴息"})


def level_of_another_thing(text: str, level: str, question: str) -> bool:
    """Whether every mention of ``level`` in ``text`` is a level of a thing other than a recognition
    title ("市级企业技术中心") that ``question`` does not name: such a clause speaks of that thing,
    not of the level's title."""
    spans = [m.end() for m in re.finditer(rf"{level}(?!以上)", text)]
    return bool(spans) and all((thing := _nouns_after(text[end:])) and len(thing) >= 2 and not _TITLE_THING.search(thing)
                               and thing not in question for end in spans)


DEGREES = ("大专", "本科", "硕士", "博士")  # lowest first


def degree_missing(query: QueryAnalysis, carriers: list[ScoredChunk]) -> bool:
    """"栖沅对硕士有租房补贴吗": a benefit for 博士研究生 is not one for 硕士. True when the ask names a
    degree and every carrier names another one only (硕士以上 or 硕士及以上 covers 博士 too)."""
    own = query.ask_groups[:query.own_size] if query.own_size > 0 else query.ask_groups
    # (the degree the ask itself names: "…博士每年多少？ ⟫ 那本科呢？" asks of 本科, not of 博士)
    asked = [i for i, d in enumerate(DEGREES) if any(g[0].startswith(d) for g in own)] or \
        [i for i, d in enumerate(DEGREES) if any(g[0].startswith(d) for g in query.ask_groups)]
    if not asked:
        return False

    def covers(text: str) -> bool:
        return any(DEGREES[i] in text for i in asked) or any(
            re.search(rf"{d}(学历)?(及|或)?以上", text) for d in DEGREES[: min(asked) + 1])

    texts = [evidence_text(h) for h in carriers]
    return all(not covers(t) for t in texts) and all(any(d in t for d in DEGREES) for t in texts)

