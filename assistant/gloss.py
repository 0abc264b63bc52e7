"""Short English glosses of a Chinese quote's key facts, for English answers. Pure functions.

The quotes stay in Chinese (they are the source); a gloss lists what an English reader most
needs from them — amounts converted to RMB, percentages, counts, years, levels, titles and
units — each taken from the quote itself through the glossary and number formatting, in
the order the quote states them. Nothing is paraphrased, so nothing can be invented.
"""

from __future__ import annotations

import re

_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_QUALIFIERS = (("以上", "or more"), ("（含）", "or more"), ("不低于", "at least"), ("不少于", "at least"),
               ("不高于", "at most"), ("不超过", "at most"), ("左右", "about"), ("以下", "or less"),
               ("超过", "over"), ("达到", ""))
_NUMBER = re.compile(
    r"(?P<before>不低于|不少于|不高于|不超过|超过|前)?\s*(?P<n>\d+(?:\.\d+)?|[一二两三四五六七八九十]+)\s*"
    r"(?P<unit>亿元|万元|亿|万|元|%|家|个?工作日|个月|天|个|项|件|名|位|年|倍|级)(?P<after>以上|（含）|左右|以下|及以上)?")
_COUNT_NOUNS = {"家": "firms", "个": "", "项": "items", "件": "items", "名": "people", "位": "", "倍": "times",
                "个工作日": "working days", "工作日": "working days", "个月": "months", "天": "days"}


def numeral_value(text: str) -> float:
    """The value of a number written in digits or in Chinese up to 99 (三, 十二, 两)."""
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return float(text)
    if text == "十":
        return 10.0
    if "十" in text:
        tens, _, ones = text.partition("十")
        return float(_CN_DIGITS.get(tens, 1) * 10 + _CN_DIGITS.get(ones, 0))
    return float(_CN_DIGITS.get(text, 0))


def _money(value: float) -> str:
    if value >= 1e6:
        return f"RMB {value / 1e6:g} million"
    return f"RMB {value:,.0f}"


def number_fact(match: re.Match) -> str:
    """One number of a quote in English: 200万元 → RMB 2 million, 6个以上 → 6 or more."""
    n, unit = numeral_value(match["n"]), match["unit"]
    before, after = match["before"] or "", match["after"] or ""
    if unit in ("万元", "万"):
        core = _money(n * 1e4)
    elif unit in ("亿元", "亿"):
        core = _money(n * 1e8)
    elif unit == "元":
        core = _money(n)
    elif unit == "%":
        core = f"{n:g}%"
    elif unit == "年":
        core = f"{n:g}" if n >= 1900 else f"{n:g} year{'s' if n != 1 else ''}"
    elif unit == "级":
        core = f"level {n:g}"
    else:
        noun = _COUNT_NOUNS.get(unit, "")
        noun = noun[:-1] if n == 1 and noun.endswith("s") and noun != "times" else noun  # 1 month, 1 working day
        core = f"{n:g} {noun}".strip()
    if before == "前":
        return f"top {n:g}"
    words = dict(_QUALIFIERS)
    prefix = words.get(before, "")
    suffix = "or more" if after in ("以上", "（含）", "及以上") else words.get(after, "")
    return " ".join(part for part in (prefix, core, suffix) if part)


_TERM_INDEX: dict[int, tuple[dict[str, str], int, dict[str, int]]] = {}


def _occurrences(quote: str, terms: dict[str, str]) -> list[tuple[int, int, str]]:
    """(start, end, term) of every occurrence of a term in ``quote``, longer terms first (then in
    the order ``terms`` gives them, then by position). Costs the quote's length times the
    longest term, not the number of terms: a province's glossary names thousands of places."""
    index = _TERM_INDEX.get(id(terms))
    if index is None or index[0] is not terms:
        if len(_TERM_INDEX) > 8:
            _TERM_INDEX.clear()
        index = _TERM_INDEX[id(terms)] = (terms, max(map(len, terms), default=0), {t: i for i, t in enumerate(terms)})
    _, longest, order = index
    spans = [(start, start + n, quote[start:start + n]) for start in range(len(quote))
             for n in range(1, min(longest, len(quote) - start) + 1) if quote[start:start + n] in order]
    return sorted(spans, key=lambda span: (-(span[1] - span[0]), order[span[2]], span[0]))


def gloss(quote: str, terms: dict[str, str], limit: int = 8) -> str:
    """Key facts of ``quote`` in English, in order: numbers, then glossary terms (Chinese → English)."""
    found: list[tuple[int, str]] = []
    for match in _NUMBER.finditer(quote):
        found.append((match.start(), number_fact(match)))
    taken: list[tuple[int, int]] = []
    for start, end, chinese in _occurrences(quote, terms):
        if any(s < end and start < e for s, e in taken):
            continue
        taken.append((start, end))
        found.append((start, terms[chinese]))
    seen: list[str] = []
    for _, fact in sorted(found):
        if fact and not any(fact in earlier for earlier in seen):  # 5000万元以上（含5000万元）: once
            seen.append(fact)
    return "; ".join(seen[:limit])


def gloss_terms(entries, df, size: int, common: float = 0.15) -> dict[str, str]:
    """Chinese term → English gloss from glossary ``entries``: what is specific (levels, titles,
    units), not words most of the ``size`` clauses share (企业: ``df`` above ``common``)."""
    terms: dict[str, str] = {}
    for entry in entries:  # the first entry naming a term gives its gloss
        names = [e for e in entry.english if not re.match(r"(how|what|which|who|when|where)\b", e)]
        for term in entry.chinese:
            if names and len(term) >= 2 and term not in terms and df(term) <= common * size:
                terms[term] = names[0]
    return terms
