"""Read one criterion's words into a :class:`Condition`. Pure functions, no I/O.

The reading follows how criteria clauses are written: "；" joins requirements, "，或" offers
alternatives, "营业收入在1亿元及以上的，…" opens a revenue band, a threshold is a number with
its unit and comparator (以上/以下 include the number itself, as PRC law defines them;
超过/不足 do not). The metric a threshold belongs to is read from the words before it and its
unit (研发费用 + 万元 → 研发费用; 研发费用占… + % → 研发费用占比). Whatever no rule reads
becomes a ``manual`` leaf with its words, to be checked by hand.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .conditions import Condition
from .criteria_metrics import POINT_IN_TIME, fact, metrics_for

_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_NUMBER = r"\d+(?:\.\d+)?"
_GE_WORDS = ("不低于", "不少于", "达到", "至少", "在", "大于等于")
_LE_WORDS = ("不高于", "不超过", "低于等于")
_LT_WORDS = ("不足", "不满", "少于", "低于", "小于")
_GT_WORDS = ("超过", "高于", "大于")
_COMPARISON = re.compile(
    rf"(?P<pre>{'|'.join(sorted(_GE_WORDS + _LE_WORDS + _LT_WORDS + _GT_WORDS, key=len, reverse=True))})?"
    rf"(?P<num>{_NUMBER})(?P<unit>亿元|万元|元|%|个百分点|项|件|人|年|位|名)?"
    r"(?P<inc>[（(](?:含|包括)[^）)]{0,12}[）)])?(?P<post>及以上|或以上|以上|及以下|以下|以内)?"
    r"(?P<inc2>[（(](?:含|包括)[^）)]{0,12}[）)])?")
_RANGE = re.compile(rf"(?P<a>{_NUMBER})(?P<ua>亿元|万元|%)?(?P<ia>[（(]不?含[）)])?[—–\-~～至到]"
                    rf"(?P<b>{_NUMBER})(?P<ub>亿元|万元|%)(?P<ib>[（(]不?含[）)])?")
_RANK = re.compile(r"(?:前|第)(?P<n>\d+|[一二三四五六七八九十]+)(?:位|名)?")
_PERIOD = re.compile(r"近(\d+|[一二三四五六七八九十])年")
_KEPT_PAREN = re.compile(r"发明|实用新型|外观|软件|^含|^不含|^包括")


def parse_criterion(text: str) -> Condition:
    """The condition a criterion states; ``manual`` with its words where nothing could be read."""
    body = _normalise(text)
    segments = [s for s in re.split(r"[；;。]", body) if s.strip("，, ")]
    parts = [_segment(s) for s in segments] or [Condition("manual", text=text.strip())]
    return _join("all", parts, text.strip())


def _normalise(text: str) -> str:
    text = re.sub(r"\s+", "", text)
    text = re.sub(r"^(?:\d{1,2}[.．、]|[（(][一二三四五六七八九十\d]+[）)])", "", text)
    label = re.match(r"^([^：:，。；]{2,12})[：:]", text)  # a labelled row: 营业收入：500万元以上
    if label:
        text = label.group(1) + text[label.end():]
    text = text.replace("“", "").replace("”", "").replace("\"", "")

    def paren(match: re.Match[str]) -> str:
        inner = match.group(1)
        # (含5000万元) and (发明或实用新型) change what is asked; other remarks explain it
        return match.group(0) if _KEPT_PAREN.search(inner) else ""

    return re.sub(r"[（(]([^（）()]*)[）)]", paren, text)


def _segment(segment: str) -> Condition:
    band = re.match(r"^(.{2,30}?)的，(.+)$", segment)
    if band and re.search(_NUMBER, band.group(1)):
        guard, _ = _piece(band.group(1))
        if guard.parsed:
            return Condition("when", text=segment, parts=(guard, _segment(band.group(2))))
    pieces = [p for p in re.split(r"[，,]", segment) if p]
    # "在细分行业中，…" only says where the rest holds
    pieces = [p for p in pieces if not re.fullmatch(r"在[^，]{1,12}(中|内|里)", p)] or pieces
    groups: list[list[Condition]] = [[]]
    subject = None  # "研发费用不低于80万元，且占营业收入比重…": the share is of the same 研发费用
    for piece in pieces:
        if re.match(r"^或(?:者|是)?", piece) and groups[-1]:
            groups.append([])
            piece = re.sub(r"^或(?:者|是)?", "", piece)
        piece = re.sub(r"^(?:且|并且|并|同时)", "", piece)
        condition, subject = _piece(piece, subject)
        groups[-1].append(condition)
    branches = [_join("all", g, segment) for g in groups if g]
    return _join("any", branches, segment)


def _until_alternative(text: str) -> str:
    """``text`` up to its first 或 or comma outside parentheses (发明（或实用新型）专利 stays whole)."""
    depth = 0
    for i, ch in enumerate(text):
        depth += ch in "（(" and 1 or (-1 if ch in "）)" else 0)
        if depth == 0 and ch in "或，,":
            return text[:i]
    return text


def _join(kind: str, parts: list[Condition], text: str) -> Condition:
    if len(parts) == 1:
        return parts[0]
    if all(p.kind == "manual" for p in parts):
        return Condition("manual", text=text)
    return Condition(kind, text=text, parts=tuple(parts))


def _piece(piece: str, subject=None) -> tuple[Condition, tuple[str, ...] | None]:
    """One comma-separated part: thresholds joined by 或/且, else a fact of the profile, else
    manual; and the metric it ended on (the subject a following "占…比重" refers to)."""
    atoms = _atoms(piece)
    if not atoms:
        return fact(piece) or Condition("manual", text=piece), None
    years = _years(piece)
    branches: list[list[Condition]] = [[]]
    previous_end = 0
    for index, (start, end, build) in enumerate(atoms):
        window = piece[previous_end:start]
        if groups := re.match(r"^[^\u4e00-\u9fff\d]*或", window):
            if branches[-1]:
                branches.append([])
            window = window[groups.end():]
        # a count names what it counts after it as often as before (2项发明专利 / 发明专利2项):
        # the words up to the next 或 or threshold, unless they open the next alternative
        after = piece[end:atoms[index + 1][0] if index + 1 < len(atoms) else len(piece)]
        after = _until_alternative(after)
        made, subject, used = build(window, subject, years, after)
        if made is None:
            return Condition("manual", text=piece), None
        branches[-1].append(made)
        previous_end = end + used
    tail = piece[previous_end:]
    if len(re.findall(r"[\u4e00-\u9fff]", re.sub(r"^(?:的|及以上|以上)", "", tail))) >= 4:
        extra = Condition("manual", text=re.sub(r"^[^\u4e00-\u9fff]*或(?:者)?", "", tail))
        if re.match(r"^[^\u4e00-\u9fff]*或", tail) or "或" in tail[:3]:
            branches.append([extra])
        else:
            branches[-1].append(extra)
    if re.search(r"(申报|申请)或授权|授权或(申报|申请)", piece):  # applications pending count too: a person checks
        branches.append([Condition("manual", text="申报中的" + ("发明专利" if "发明" in piece else "知识产权"))])
    if "专有技术" in piece and not any(c.kind == "manual" for b in branches for c in b):
        branches.append([Condition("manual", text="具有专有技术")])
    return _join("any", [_join("all", b, piece) for b in branches if b], piece), subject


def _atoms(piece: str):
    """(start, end, builder) for each threshold of a piece, in order: ranges, ranks, comparisons."""
    found: list[tuple[int, int, object]] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for m in _RANGE.finditer(piece):
        found.append((m.start(), m.end(), _range_builder(m)))
        taken.append(m.span())
    for m in _RANK.finditer(piece):
        if free(*m.span()) and re.search(r"占有率|排名|排位|市场", piece[:m.start()]):
            found.append((m.start(), m.end(), _rank_builder(m, piece[:m.start()])))
            taken.append(m.span())
    for m in _COMPARISON.finditer(piece):
        if not free(*m.span()) or not (m.group("unit") or m.group("post")):
            continue
        before = piece[max(0, m.start() - 1):m.start()]
        if m.group("unit") == "年" and (before in ("近", "满") or not m.group("post") and not m.group("pre")):
            continue  # 近2年 is a period, 2014年 a date
        found.append((m.start(), m.end(), _comparison_builder(m)))
        taken.append(m.span())
    return sorted(found, key=lambda t: t[0])


def _value(number: str, unit: str | None) -> Decimal:
    value = Decimal(number)
    return value * 10000 if unit == "亿元" else value / 10000 if unit == "元" else value


def _comparison_builder(m: re.Match[str]):
    def build(window: str, subject, years, after: str = ""):
        unit = m.group("unit") or ""
        pre, post = m.group("pre") or "", m.group("post") or ""
        if pre in _LT_WORDS:
            op = "<"
        elif pre in _LE_WORDS or post in ("以下", "及以下", "以内"):
            op = "<="
        elif pre in _GT_WORDS and not post:
            op = ">"
        elif pre in _GE_WORDS or post or pre in _GT_WORDS or unit in ("项", "件"):
            # "发明专利1项" counts what a company holds: at least that many
            op = ">="
        else:
            return None, subject, 0
        used = 0
        alternatives = metrics_for(after, unit, None) if unit in ("项", "件") and after else []
        if alternatives:
            used = len(after)
        else:
            alternatives = metrics_for(window, unit, subject)
        if not alternatives:
            return None, subject, 0
        value = _value(m.group("num"), unit)
        words = window + m.group(0) + after[:used]
        made = [Condition("compare", text=words, metrics=alt, op=op, value=value,
                          years=years if alt[0] not in POINT_IN_TIME else None) for alt in alternatives]
        return _join("any", made, words), alternatives[0], used
    return build


def _range_builder(m: re.Match[str]):
    def build(window: str, subject, years, after: str = ""):
        unit_b = m.group("ub")
        unit_a = m.group("ua") or unit_b
        alternatives = metrics_for(window, unit_b, subject)
        if len(alternatives) != 1:
            return None, subject, 0
        lower = Condition("compare", text=m.group(0), metrics=alternatives[0],
                          op=">" if (m.group("ia") or "").find("不含") >= 0 else ">=",
                          value=_value(m.group("a"), unit_a))
        upper = Condition("compare", text=m.group(0), metrics=alternatives[0],
                          op="<=" if "含" in (m.group("ib") or "") and "不含" not in (m.group("ib") or "") else "<",
                          value=_value(m.group("b"), unit_b))
        return Condition("all", text=window + m.group(0), parts=(lower, upper)), alternatives[0], 0
    return build


def _rank_builder(m: re.Match[str], before: str):
    def build(window: str, subject, years, after: str = ""):
        n = m.group("n")
        rank = int(n) if n.isdigit() else _DIGITS.get(n, 0)
        scope = before[-20:]
        if re.search(r"全省|省内|本省", scope):
            metric = "market_rank_province"
        elif re.search(r"国内|全国", scope):
            metric = "market_rank_national"
        else:
            return None, subject, 0
        return Condition("compare", text=window + m.group(0), metrics=(metric,), op="<=", value=Decimal(rank)), None, 0
    return build


def _years(piece: str) -> int | None:
    m = _PERIOD.search(piece)
    if not m:
        return None
    return int(m.group(1)) if m.group(1).isdigit() else _DIGITS[m.group(1)]
