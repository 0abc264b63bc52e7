"""Recognition levels (国家级, 省级, 市级, 县级/区级) as questions name them and clauses speak of
them. Pure functions. A level is a title ("市级专精特新企业") or a government ("市里", a city's own
documents); a clause answers for the level it names, or for its document's own government."""

from __future__ import annotations

import re
from dataclasses import replace

from .asking import levels
from .cases import (
    DEGREES,
    EXCHANGES,
    asked_text,
    degree_missing,
    level_of_another_thing,
    other_kind,
    other_level_thing,
    other_side,
    other_term,
    sides_asked,
    tagged,
)
from .counted_cases import other_member, other_ordinal
from .query import QueryAnalysis
from .types import ScoredChunk

# a level named with those below it ("省级及以上", "市级以上"): it covers the levels above them
_ABOVE = {"国家级": r"[省市]级?及?以上", "省级": r"市级及?以上"}
# how a clause names each recognition level (省级 is also 省专, 全省, a 省… table)
LEVEL_MENTIONS = {
    "国家级": re.compile(rf"国家|{_ABOVE['国家级']}"),
    "省级": re.compile(rf"省|{_ABOVE['省级']}"),
    "市级": re.compile(r"市级|全市|本市|市(工信|发改|科技|财政|人社|市场监管)"),
    "县级": re.compile(r"县|区级|培育库|入库"),
}
# "小巨人" alone names the national title; a clause on another level's title does not answer for it
_TITLE_OF_NATION = re.compile(r"小巨人|little giant", re.IGNORECASE)
_OTHER_LEVEL = re.compile(r"(省|市|县|区)级")
_OTHER_TITLES = re.compile(r"单项冠军|创新型中小企业")  # titles of their own, beside 专精特新 and 小巨人 (and a short form: 创小)
_TITLE_FORMS = {"创新型中小企业": "创新型中小企业|创小"}
_HELD_TITLE = re.compile(r"(?:我们|我司|本公司|我们公司)(?:是|属于)[^，,。？?]{0,8}?(单项冠军|创新型中小企业)")
_ANY_TITLE = re.compile(r"小巨人|专精特新|单项冠军|创新型中小企业")
_EXPLICIT = {"国家级": "国家级", "省级": "省级", "市级": "市级", "县级": "县级|区级"}  # a level named outright
_ANY_LEVEL = re.compile("|".join(_EXPLICIT.values()))
_EN_LEVELLED_TITLE = re.compile(r"\b(national|provincial|municipal|city|county|district)(-level)? (manufacturing )?"
                                r"(single champions?|little giants?|specialised|specialized)\b", re.IGNORECASE)
_EN_TITLES = {"single champion": "单项冠军", "little giant": "小巨人", "specialised": "专精特新", "specialized": "专精特新"}
_LEVELLED_TITLE = re.compile(r"(国家级|省级|市级|县级|区级)(制造业)?(专精特新|小巨人|单项冠军|创新型)")
# a product's title (单项冠军产品, 专精特新产品), also said "单项冠军企业（产品）"
_PRODUCT_TITLE = re.compile(r"(单项冠军|专精特新)(企业)?[（(、]?(单项冠军)?产品|single[- ]champion products?", re.IGNORECASE)
# ("县级以上工业和信息化部门" names no title)
_TITLE_NOUN = r"(?!以上)的?(专精特新|认定|“?小巨人)"
_LEVEL_TITLE = re.compile(rf"(市级|县级|区级){_TITLE_NOUN}")
_LEVEL_WORD = re.compile(r"(市级|县级|区级)(?!以上)")
# the same title said in English: "a new municipal specialised firm", "county-level recognition"
_EN_LEVEL_TITLE = re.compile(r"\b(municipal|city[- ]level|county[- ]level|district[- ]level)[- ](specialised|specialized|srdi|recognition|title|little giant|sme|firm|enterprise|company)"
                             r"|recogni[sz]ed (at|on) (the )?(municipal|city|county|district)[- ]level", re.IGNORECASE)
_PROVINCIAL_TITLE = re.compile(r"省级专精特新")
_COVERS_GIANTS = re.compile(rf"{_ABOVE['国家级']}(的)?专精特新")
_WON = re.compile(r"(?:刚|新|刚刚)(?:被)?(?:认定为|评上了?|获评)(国家级|省级|市级|县级|区级)|"
                  r"\b(?:just|newly|recently) (?:became|been named|been recognised|been recognized|won)(?: as)? an? "
                  r"(national|provincial|municipal|county|district)\b|"
                  r"\b(?:just|newly|recently) (?:been )?recogni[sz]ed (?:at|on) (?:the )?(national|provincial|municipal|county|district)[- ]level", re.IGNORECASE)
_REWARD_ASKED = re.compile(r"奖励|奖金|奖多少|一次性|\breward|\bgrant|one-off", re.IGNORECASE)


def _won(query: QueryAnalysis) -> str | None:
    """The level a reward question says was just won ("刚被认定为市级", "recognised at provincial
    level"), as written; None when it says none or asks no reward."""
    won = _WON.search(query.question) if _REWARD_ASKED.search(query.ask) else None
    return (won.group(1) or won.group(2) or won.group(3)) if won else None


def _level_of(word: str) -> tuple[str, ...]:
    """levels() of a level word as written (市级, "provincial")."""
    return levels(word) or levels(f"{word}-level")


_LOCAL_TITLE = re.compile(rf"(市级|县级|区级){_TITLE_NOUN}")
_OWN_TITLES = {"市级": re.compile(rf"市级{_TITLE_NOUN}"), "县级": re.compile(rf"(县级|区级){_TITLE_NOUN}")}
_TITLE_MENTIONS = {"市级": re.compile(r"市级(?!以上)"), "县级": re.compile(r"(县级|区级)(?!以上)|培育库|入库")}
OWN_LEVEL = {"市级": "市", "县级": "县区"}
# ("Who accepts applications at the county level?": the county's departments, not a county title)
_GOVERNMENT = re.compile(r"(市里|县里|区里|本市|本县|本区|全市|全县|\b(city|county|district)\b(?!-level| level)|"
                         r"(?<!recognised )(?<!recognized )\bat (the )?(city|municipal|county|district)[- ]level\b(?! (specialised|specialized|srdi|title|recognition)))", re.IGNORECASE)


_COUNTY_GOVERNMENT = re.compile(r"县里|区里|本县|本区|全县|我县|县上|县财政|区财政|\b(county|district)\b(?!-level| level)", re.IGNORECASE)


def asks_county_government(ask: str) -> bool:
    """Whether the ask names a county's or district's government (县里奖多少), not a level's title."""
    return bool(_COUNTY_GOVERNMENT.search(ask))


def asks_government(query: QueryAnalysis) -> bool:
    """Whether the question names a government (市里, 本县, the city) rather than a level's title."""
    return bool(_GOVERNMENT.search(query.question))


_LEVELS_ELIGIBLE = re.compile(r"(?:国家级|省级|市级|县级|区级)及?以上")
_EVERY_LEVEL_RULE = re.compile(r"最高级别|就高|逐级晋升|晋级的?补足差额|按差额补足|补足差额")


def _text(hit: ScoredChunk) -> str:
    return f"{hit.doc.title} {' '.join(hit.chunk.section_path)} {hit.chunk.text}"


def level_fit(query: QueryAnalysis, hits: list[ScoredChunk], carriers: list[ScoredChunk],
              fallback: list[ScoredChunk], parts: list[str] = ()) -> float:
    """1 when a clause carrying the asked detail (``carriers``, else the ``fallback`` topical ones)
    names the level the question asks about — in its text, headings or document title — or when
    the question names none; else 0: a county pool's rules do not answer a provincial question."""
    if _PRODUCT_TITLE.search(query.ask) and carriers and not any(_PRODUCT_TITLE.search(_text(h)) for h in carriers):
        return 0.0  # 单项冠军产品 is a title of its own: a clause on 单项冠军企业 does not answer for it
    # (of the clauses carrying the detail, or for a yes/no question the topical ones)
    if (carriers or fallback) and (degree_missing(query, carriers or fallback) or other_side(query, carriers or fallback)
                                 or other_kind(query, [*carriers, *fallback]) or other_term(query, carriers or fallback)
                                 or other_level_thing(query, carriers or fallback) or other_ordinal(query, carriers or fallback)
                                 or other_member(query, carriers or fallback)):
        return 0.0
    won = _won(query)
    won_levels = _level_of(won) if won else ()
    if won and not query.levels:  # "刚被认定为市级专精特新，能给多少奖励？", "just became a national little giant…a reward?": for that level
        query = replace(query, levels=won_levels)
    elif won and asks_government(query) and (carriers or fallback) and not any(
            _names_won(h, won_levels) for h in carriers or fallback):
        # "刚获评国家级…，县里有奖励吗", "刚被认定为市级专精特新，市里奖多少": the government's reward for that title
        return 0.0
    if not query.levels:
        return _title_fit(query, carriers)
    if "conditions" in query.ask_types and not _ANY_LEVEL.search(query.ask) and any(
            _LEVELS_ELIGIBLE.search(h.chunk.text) for h in carriers or fallback):
        return 1.0  # "我们只是区级，能申请X吗": the levels X is for (支持对象为市级以上) answer, "no" as well as "yes"
    if carriers and _other_title_missing(query, carriers):
        return 0.0
    # (a level just won speaks of what was won, not of the guide's title: "R&D centre … recognised at provincial level")
    provincial = _provincial_guides(hits) if "省级" in query.levels and not won else set()
    titled_ask = _LEVELLED_TITLE.search(query.ask) or _EN_LEVELLED_TITLE.search(query.ask)
    if parts and titled_ask and not any(h.chunk.doc_id in provincial for h in carriers):
        # "省级单项冠军奖多少": the sentence carrying the amount is 国家级单项冠军's
        word = titled_ask.group(1)
        level, title = (levels(word) or levels(f"{word}-level"))[0], titled_ask.group(titled_ask.re.groups).lower()
        title = _EN_TITLES.get(title, _EN_TITLES.get(title.rstrip("s"), title))
        other = re.compile(rf"({_ANY_LEVEL.pattern})[^，,。；;]{{0,6}}{title}")
        mine = re.compile(rf"({_EXPLICIT[level]}|{_ABOVE.get(level, _EXPLICIT[level])})[^，,。；;]{{0,6}}{title}")
        if all(other.search(p) and not mine.search(p) for p in parts):
            return 0.0
        if not any(re.search(title, f"{p} {' '.join(h.chunk.section_path)} {h.chunk.text}") for p in parts for h in carriers) \
                and not (title == "小巨人" and any(_COVERS_GIANTS.search(h.chunk.text) or _unlevelled_title(h) for h in carriers)):
            # a sum for something else (对获得省长质量奖的…奖励50万元) is not the title's; one for 省级及以上
            # 专精特新, or for the title with no level, is the 小巨人's too (a 小巨人 is a 专精特新 firm)
            return 0.0
    government = asks_government(query)
    # a document that names the level title somewhere ("…区级专精特新中小企业申报工作…") speaks for
    # it in every clause ("网上申报时间为…"); one that never does (a county's 国家/省/市 rewards)
    # does not answer for its 县级 title
    # (the title: "县级专精特新企业"; "县级培育库" is the county's own pool, whatever the document says)
    title = _LEVEL_TITLE.search(query.question) or _EN_LEVEL_TITLE.search(query.question) or (
        _LEVEL_WORD.search(query.question) and re.search(r"专精特新|认定|小巨人", query.question))
    own_titles = [_OWN_TITLES[level] for level in query.levels if level in _OWN_TITLES]
    titled = {h.chunk.doc_id for h in hits if any(p.search(h.chunk.text) for p in own_titles)}
    for hit in carriers or fallback:
        if hit.chunk.doc_id in provincial:
            return 1.0
        # a city's (county's) own document speaks for 市里 (县里), the government
        own = (re.split(r"[,，、\s]+", hit.doc.region or "") or [""])[0]
        if government and not own and not title and hit.doc.level in query.levels:
            return 1.0  # a city's plan that names no city ("本市") speaks for 市里 (labelled so)
        own_government = any(own[-1:] and own[-1:] in OWN_LEVEL.get(level, "") for level in query.levels)
        if own_government and (government or not title or hit.chunk.doc_id in titled):
            return 1.0
        # not for the title: 市工信局 in charge does not make a clause one on 市级专精特新企业, nor does
        # a 市级企业技术中心 ("泊川省级专精特新奖多少？⟫那市级的呢？")
        if names_level(hit, query.levels, title_only=not government) and not (
                title and not government and query.language == "zh"
                and all(level_of_another_thing(_text(hit), level, query.question) for level in query.levels)):
            return 1.0
        # ("同一企业按最高级别给予奖励" speaks for every level its document rewards: "省级和国家级能叠加吗")
        if _EVERY_LEVEL_RULE.search(hit.chunk.text) and any(
                h.chunk.doc_id == hit.chunk.doc_id and says_level(h.chunk.text, query.levels) for h in hits):
            return 1.0
        # (省级 and 国家级 firms hold the title 专精特新中小企业 itself; a city's own grade is its own
        # documents' or one they name)
        if _unlevelled_title(hit) and (set(query.levels) <= {"省级", "国家级"} or own_government or any(
                h.chunk.doc_id == hit.chunk.doc_id and says_level(h.chunk.text, query.levels) for h in hits)):
            return 1.0
    return 0.0


def _unlevelled_title(hit: ScoredChunk) -> bool:
    """A table's column for 专精特新中小企业 naming no level at all (beside 创新型中小企业): it speaks
    for every level of the title. (A clause's "向专精特新中小企业发放贷款" is left to its level rules.)"""
    text = f"{' '.join(hit.chunk.section_path)} {hit.chunk.text}"
    return hit.chunk.kind == "table_row" and "专精特新" in " ".join(hit.chunk.section_path[1:]) \
        and not _ANY_LEVEL.search(text) and not re.search(r"[省市县区]专精特新|小巨人", text)


def _provincial_guides(hits: list[ScoredChunk]) -> set[str]:
    """The documents among ``hits`` that are a city's 专精特新中小企业 guide or list naming no local
    title of its own, only 省级专精特新 (3.1对新认定的省级专精特新中小企业…): the recognition every
    clause of theirs speaks of is the province's ("1.1基本条件" need not say 省级)."""
    named = {h.chunk.doc_id for h in hits if _PROVINCIAL_TITLE.search(h.chunk.text)
             and "专精特新中小企业" in h.doc.title and not _ANY_LEVEL.search(h.doc.title)}
    return named - {h.chunk.doc_id for h in hits if _LOCAL_TITLE.search(h.chunk.text)}


def _title_fit(query: QueryAnalysis, carriers: list[ScoredChunk]) -> float:
    """0 when the ask names 小巨人 (the national title) and every clause carrying the asked detail
    is about another level's title only ("区级专精特新中小企业…奖励10万元"), else 1."""
    if not carriers or _other_title_missing(query, carriers):
        return float(not carriers)
    if not _TITLE_OF_NATION.search(query.ask):
        return 1.0
    for hit in carriers:
        text = _text(hit)
        if _TITLE_OF_NATION.search(text) or LEVEL_MENTIONS["国家级"].search(text) or not _OTHER_LEVEL.search(text):
            return 1.0
    return 0.0


def _other_title_missing(query: QueryAnalysis, carriers: list[ScoredChunk]) -> bool:
    """"泊川对单项冠军奖多少", "禾浦国家级单项冠军奖多少": a clause on 小巨人 and 省级专精特新 rewards
    does not answer for a title of its own. ("刚评上单项冠军，县里给多少奖励？": an ask naming nothing
    took in the title told before it.)"""
    taken_in = " ".join(t for g in query.term_groups[query.own_size:max(query.ask_size, 0)] for t in g)
    # (and the title the asker holds, asking what it gets: "我们是…创新型中小企业，…能贴多少")
    held = _HELD_TITLE.findall(query.question) if query.ask_types else []
    return any(not any(re.search(_TITLE_FORMS.get(title, title), _text(h)) for h in carriers) and all(_ANY_TITLE.search(_text(h)) for h in carriers)
               for title in set(_OTHER_TITLES.findall(query.ask)) | set(_OTHER_TITLES.findall(taken_in)) | set(held))


def _names_won(hit: ScoredChunk, won: tuple[str, ...]) -> bool:
    text = _text(hit)
    return names_level(hit, won, title_only=True) or ("国家级" in won and bool(_TITLE_OF_NATION.search(text)))


def names_level(hit: ScoredChunk, levels: tuple[str, ...], title_only: bool = False) -> bool:
    """Whether the clause speaks of one of ``levels``; ``title_only``: of the level's title itself
    (市级, 县级/区级: a 市工信局 in charge or a county's name do not make it one on that title)."""
    text = _text(hit)
    return any(((title_only and _TITLE_MENTIONS.get(level)) or LEVEL_MENTIONS[level]).search(text)
               for level in levels)


def says_level(sentence: str, levels: tuple[str, ...]) -> bool:
    """Whether ``sentence`` names one of ``levels`` outright (省级, 县级/区级)."""
    return any(re.search(_EXPLICIT[level], sentence) for level in levels)


_CASE_NAMES_EN = {"大专": "junior college graduates", "本科": "bachelor's graduates", "硕士": "master's graduates", "博士": "doctorates",
                  "国家级": "the national level", "省级": "the provincial level", "市级": "the municipal level", "县级": "the county or district level"}


def asked_case(query: QueryAnalysis, hits: list[ScoredChunk] = ()) -> str:
    """The case the question asks about that a clause of the right topic (``hits``) may not cover:
    the degree (本科), the side (国外), a kind the clauses do not list (地方标准), the level just won
    or named (国家级); "" when it names none."""
    own = query.ask_groups[:query.own_size] if query.own_size > 0 else query.ask_groups
    found = [d for d in DEGREES if any(g[0].startswith(d) for g in own)]
    asked = asked_text(query)
    texts = [h.chunk.text for h in hits]
    for text, one, other in sides_asked(query):  # with the noun it qualifies (市长质量奖, 国外展会) or its object
        if any(one.search(t) for t in texts[:1]):
            continue  # (a side the best clause shares: 区属 in "买了区属科创园的办公用房")
        side = one.search(text)
        found = found or [side.group(0) + _noun_after(text[side.end():], verb=side.group(0) in ("买", "购置"))]
    found = found or [m.group(0) for ask, _ in EXCHANGES for m in [ask.search(asked)] if m][:1]
    found = found or [kind for kind in [other_kind(query, list(hits)) or other_member(query, list(hits))
                                        or other_term(query, list(hits)) or other_level_thing(query, list(hits))
                                        or other_ordinal(query, list(hits))] if kind]
    named = _won(query)
    if not found and not named:  # a level named outright (培育库 is no 县级 to name)
        said = _ANY_LEVEL.search(query.ask) or re.search(r"\b(national|provincial|municipal|county|district)\b", query.ask, re.IGNORECASE)
        named = said.group(0) if said else None
    if not found and named:
        found = [named if query.language == "zh" else _CASE_NAMES_EN[_level_of(named)[0]]]
    return ("、" if query.language == "zh" else ", ").join(found if query.language == "zh" else
                                                          [_CASE_NAMES_EN.get(f, f) for f in found])


def _noun_after(text: str, verb: bool = False) -> str:
    """The word right after a side's name (国外 专利): the case is 国外专利, not 国外; after a verb
    (买), its object up to the noun heading it (买 区属产业园的厂房)."""
    from .lexical import segment

    if not verb:
        first = (segment(text[:8]) or [""])[0] if text else ""
        return first if re.fullmatch(r"[\u4e00-\u9fff]+", first) and first not in "的有是给能可吗呢" else ""
    words = tagged(text[:12]) if text else []
    taken, end = [], 0
    while words and (words[0][1] in ("ul", "uz", "ug", "m", "q", "mq") or words[0][0] in ("了", "下", "下了")):
        words = words[1:]  # (买了一套…)
    for word, flag in words:
        if not (flag[:1] in ("n", "b", "j") or word == "的"):
            break
        taken.append(word)
        end = len(taken) if word != "的" else end
    return "".join(taken[:end])
