"""The term groups of one part of a question: glossary entries (English and places), synonyms lines,
and the remaining Chinese words with their alternatives. Pure functions."""

from __future__ import annotations

import re

from .evidence import TermWeights
from .glossary import Glossary
from .lexical import EN_STOPWORDS, dictionary_word, places, segment
from .synonyms import Synonyms
from .words import (
    CJK,
    EN_FILLER,
    REQUEST,
    content_tokens,
    fee_words,
    halves,
    is_filler,
    known_part,
    light_verb_object,
    numeral_forms,
    object_of,
    ordinal_forms,
    without_place,
)

# "这类产品", "此类补贴": the demonstrative and its classifier are cut off the noun (jieba reads 类产品)
_DEMONSTRATIVE = re.compile(r"(这|那|此|该)(类|种|些)")
# "能不能", "会怎样": kept apart, or jieba glues them to a neighbour (能不能自己 → 不能自己, 没交会怎样 → 交会)
_A_NOT_A = re.compile(r"(能不能|可不可以|是不是|有没有|会不会|够不够|行不行|要不要|算不算|会怎么?样|会咋样|会如何)")


def term_groups(text: str, glossary: Glossary, synonyms: Synonyms, words: frozenset[str] | None = None,
            weights: TermWeights | None = None) -> tuple[list[tuple[str, ...]], list[str], list[str]]:
    """Term groups, unknown English words and glossary places of one part of a question. ``words``:
    the knowledge base's words; a segment jieba only guessed (入县 in 金湖入县培育库, 池由 in 资金池由)
    that is not one of them is a mis-cut, not a topic."""
    entries, rest = glossary.match(text)
    groups: list[tuple[str, ...]] = []
    found_places: list[str] = []
    for entry in entries:
        if entry.kind == "place":
            found_places.extend(entry.chinese)
        group = list(entry.chinese)  # synonyms of the canonical term only: 标准 also means technical standards
        group.extend(t for t in synonyms.alternatives(entry.chinese[0]) if t not in group)
        groups.append(tuple(group))
    rest = _A_NOT_A.sub(r" \1 ", _DEMONSTRATIVE.sub(r" \1\2 ", REQUEST.sub(" ", rest)))
    for fee in fee_words(rest):  # 申报费 is a fee, not 申报: a clause on applying does not state it
        groups.append(synonyms.alternatives(fee))
        rest = rest.replace(fee, " ")
    matched, rest_zh = synonyms.match(rest, _modal_apart(segment(rest))) if CJK.search(rest) else ([], rest)
    named = places(rest_zh, glossary.place_names()) if CJK.search(rest_zh) else []  # (once, not per token)
    groups.extend(matched)
    if CJK.search(rest_zh):
        for token in (part for whole in content_tokens(rest_zh) for part in halves(whole, words, weights)):
            if words is not None and token not in words and not dictionary_word(token):
                guessed = token
                token = known_part(token, words) or object_of(token)  # 对瞪羚 → 瞪羚; 交年费 → 年费; 入县 → nothing
                if not token:  # 方案里奖多少 → 里奖: a one-character term (奖) inside the mis-cut
                    groups.extend(g for g in synonyms.match(guessed, list(guessed))[0] if g not in groups)
            verb_object = light_verb_object(token) if token and words is not None and token not in words else None
            object_groups = synonyms.match(verb_object, [verb_object])[0] if verb_object else []
            if object_groups:
                groups.extend(g for g in object_groups if g not in groups)
                continue  # 有钱拿吗 asks about 钱 (资金奖励), not about being rich
            if token and not is_filler(token):
                groups.append(synonyms.alternatives(token) + ordinal_forms(token) + numeral_forms(token) + without_place(token, named))
    latin = re.findall(r"[a-z][a-z'-]+", rest)
    if CJK.search(text) and words is not None and not groups:
        # an acronym the texts use (PCT, LPR) that is all a Chinese question names is its term: "那PCT的呢？"
        # (beside other terms it stays a word of the story: "上了一套MES系统")
        acronyms = [w for w in latin if len(w) <= 6 and w in words and w not in EN_STOPWORDS]
        groups.extend((w,) for w in dict.fromkeys(acronyms) if (w,) not in groups)
        latin = [w for w in latin if w not in acronyms]
    if not CJK.search(text) and words is not None:
        # an acronym the texts use, in capitals in an English question ("got two patents through PCT"):
        # a term of it, not an unknown word
        capitals = {w.lower() for w in re.findall(r"\b[A-Z]{2,6}\b", text)}
        acronyms = [w for w in latin if w in capitals and w in words]
        groups.extend((w,) for w in dict.fromkeys(acronyms) if (w,) not in groups)
        latin = [w for w in latin if w not in acronyms]
    unknown = [w for w in latin if w not in EN_STOPWORDS and w not in EN_FILLER and len(w) > 2]
    return groups, unknown, found_places


def _modal_apart(words: list[str]) -> list[str]:
    """Segmented words with 会 glued to a one-character verb cut off it ("会罚" → 会 | 罚): jieba
    guesses such pairs as one word, which hides what would befall (罚 of 处罚) from the synonyms.
    (Only 会: cutting 能/可/要/想 off their verb as well made a checking near miss answered.)"""
    return [part for word in words
            for part in (list(word) if len(word) == 2 and word[0] == "会" and not dictionary_word(word) else [word])]

