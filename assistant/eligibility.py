"""The eligibility check (政策体检): a profile against criteria, criterion by criterion. Pure.

Each comparison is exact decimal arithmetic on the profile's figures (or what follows from
them: a share from two amounts, an average growth from yearly figures). Statuses combine as a
reader expects: ``all`` fails when one part fails, ``any`` holds when one part holds, a
revenue band applies only inside its band. A ``manual`` leaf never decides: it is listed to be
checked by hand. A level is ``eligible`` when every criterion a machine can check is met (the
rest listed), ``not_eligible`` when one is not met, ``incomplete`` when figures are missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from .conditions import METRICS, Condition
from .profile import CompanyProfile

Status = str  # met | not_met | unknown | manual | na (a revenue band that does not apply)
_HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Outcome:
    status: Status
    gaps: tuple[str, ...] = ()  # 差1200万元, 差0.8个百分点
    missing: tuple[str, ...] = ()  # labels of the figures that would decide it
    notes: tuple[str, ...] = ()  # what was assumed: 营业收入 used for 主营业务收入
    manual: tuple[str, ...] = ()  # words to check by hand


def evaluate(condition: Condition, profile: CompanyProfile) -> Outcome:
    """The outcome of one condition for ``profile``."""
    if condition.kind == "manual":
        return Outcome("manual", manual=(condition.text,))
    if condition.kind == "compare":
        return _compare(condition, profile)
    if condition.kind == "when":
        guard = evaluate(condition.parts[0], profile)
        if guard.status == "met":
            return evaluate(condition.parts[1], profile)
        if guard.status == "not_met":
            return Outcome("na")
        inside = evaluate(condition.parts[1], profile)
        if inside.status == "met":  # met whichever band applies: the band does not matter
            return inside
        return Outcome("unknown", missing=guard.missing + inside.missing, notes=guard.notes)
    outcomes = [evaluate(p, profile) for p in condition.parts]
    statuses = {o.status for o in outcomes}
    if condition.kind == "all":
        order = ("not_met", "unknown", "manual")
        status = next((s for s in order if s in statuses), "met")
        if status == "met" and statuses == {"na"}:
            status = "na"
    else:
        order = ("met", "unknown", "manual")
        status = next((s for s in order if s in statuses), "not_met" if "not_met" in statuses else "na")
    chosen = [o for o in outcomes if o.status == status] if status != "met" or condition.kind == "any" else outcomes
    gaps = tuple(g for o in chosen for g in o.gaps)
    if condition.kind == "any" and status == "manual":  # the alternatives a machine could check failed
        gaps = tuple(g for o in outcomes if o.status == "not_met" for g in o.gaps)
    if condition.kind == "any" and status == "not_met" and len(gaps) > 1:
        gaps = ("或".join(gaps),)
    return Outcome(status, gaps, _flat(o.missing for o in chosen), _flat(o.notes for o in outcomes if o.status != "na"),
                   _flat(o.manual for o in outcomes))


def _flat(groups) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for group in groups for item in group))


def _compare(c: Condition, profile: CompanyProfile) -> Outcome:
    total, missing, notes = Decimal(0), [], []
    for metric in c.metrics:
        value, note = metric_value(metric, profile, c.years)
        if value is None:
            missing.append(METRICS[metric].label)
        else:
            total += value
            notes += [note] if note else []
    threshold = c.value
    if missing:
        # a sum already at the threshold holds whatever the missing parts are (counts are ≥ 0)
        if c.op in (">=", ">") and len(missing) < len(c.metrics) and _holds(total, c.op, threshold):
            return Outcome("met", notes=tuple(notes))
        return Outcome("unknown", missing=tuple(missing), notes=tuple(notes))
    if _holds(total, c.op, threshold):
        return Outcome("met", notes=tuple(notes))
    return Outcome("not_met", gaps=(_gap(c, total),), notes=tuple(notes))


def _holds(value: Decimal, op: str, threshold: Decimal) -> bool:
    return {">=": value >= threshold, ">": value > threshold, "<=": value <= threshold, "<": value < threshold}[op]


def _gap(c: Condition, value: Decimal) -> str:
    unit = c.unit
    label = "+".join(METRICS[m].label for m in c.metrics)
    if unit == "位":
        return f"{label}需进入前{_plain(c.value)}位（现为第{_plain(value)}位）"
    if unit == "是否":
        return f"需为{label}" if c.metrics[0] == "high_tech" else f"需{label}"
    if unit == "级":
        return f"{label}不够（需{_institution(c.value)}以上）"
    if unit == "年份":
        return f"成立年份需{'不早于' if c.op == '>=' else '晚于'}{_plain(c.value)}年"
    difference = abs(c.value - value)
    shown = {"%": "个百分点"}.get(unit, unit)
    if c.op in ("<=", "<"):
        if c.op == "<":
            return f"{label}需低于{_plain(c.value)}{unit}（现为{_plain(value)}{unit}）"
        return f"{label}超出{_plain(difference)}{shown}"
    if c.op == ">":  # 超过20人: how far it is from "more than" depends on the step, so both figures
        return f"{label}需超过{_plain(c.value)}{unit}（现为{_plain(value)}{unit}）"
    return f"{label}差{_plain(difference)}{shown}"


def _institution(value: Decimal) -> str:
    from .conditions import INSTITUTION_LEVELS

    return next((name for name, level in INSTITUTION_LEVELS.items() if level == int(value)), str(value))


def metric_value(metric: str, profile: CompanyProfile, years: int | None,
                 stand_in: bool = True) -> tuple[Decimal | None, str | None]:
    """A metric's value for ``profile`` over ``years`` (None: the latest year), and how it was
    obtained when it was not given as such; ``stand_in`` allows a related figure in its place
    (never inside a share: 营业收入 ÷ 营业收入 would say 100 %)."""
    if metric in ("revenue_growth", "main_revenue_growth", "net_profit_growth") and years:
        growth = _average_growth(profile, metric.removesuffix("_growth"), years)
        if growth is not None:
            return growth, f"{METRICS[metric].label}按{years}年逐年增长率的算术平均计算"
    if metric == "rd_ratio" and years:
        ratio = _ratio_over(profile, "rd_spend", "revenue", years)
        if ratio is not None and profile.value("rd_ratio") is None:
            return ratio, f"研发费用占比按近{years}年研发费用之和÷营业收入之和计算"
    direct = profile.value(metric)
    if direct is not None:
        return direct, None
    latest = max(profile.yearly) if profile.yearly else None
    if latest is not None and metric in profile.yearly[latest]:
        return profile.yearly[latest][metric], f"{METRICS[metric].label}取{latest}年数"
    derived = _DERIVED.get(metric)
    if derived:
        numerator, _ = metric_value(derived[0], profile, None, stand_in=False)
        denominator, _ = metric_value(derived[1], profile, None, stand_in=False)
        if numerator is not None and denominator:
            return numerator / denominator * _HUNDRED, f"{METRICS[metric].label}按{METRICS[derived[0]].label}÷{METRICS[derived[1]].label}计算"
    substitute = _STAND_INS.get(metric) if stand_in else None
    if substitute and profile.value(substitute) is not None:
        return profile.value(substitute), f"未提供{METRICS[metric].label}，按{METRICS[substitute].label}核对"
    return None, None


_DERIVED = {"rd_ratio": ("rd_spend", "revenue"), "main_revenue_share": ("main_revenue", "revenue"),
            "main_product_share": ("main_product_revenue", "revenue"),
            "product_share_of_main": ("main_product_revenue", "main_revenue")}
# a small firm's revenue is mostly its main business: used in its place, and said so
_STAND_INS = {"main_revenue": "revenue", "revenue": "main_revenue", "main_revenue_growth": "revenue_growth",
              "revenue_growth": "main_revenue_growth", "class1_ip": "invention_patents"}


def _average_growth(profile: CompanyProfile, metric: str, years: int) -> Decimal | None:
    series = sorted((y, row[metric]) for y, row in profile.yearly.items() if metric in row)
    if len(series) < years + 1:
        return None
    window = series[-(years + 1):]
    if any(y2 - y1 != 1 for (y1, _), (y2, _) in pairwise(window)) or any(v <= 0 for _, v in window[:-1]):
        return None
    rates = [(v2 - v1) / v1 * _HUNDRED for (_, v1), (_, v2) in pairwise(window)]
    return sum(rates, Decimal(0)) / len(rates)


def _ratio_over(profile: CompanyProfile, numerator: str, denominator: str, years: int) -> Decimal | None:
    rows = [row for _, row in sorted(profile.yearly.items())[-years:]]
    if len(rows) < years or any(numerator not in r or denominator not in r for r in rows):
        return None
    bottom = sum((r[denominator] for r in rows), Decimal(0))
    return sum((r[numerator] for r in rows), Decimal(0)) / bottom * _HUNDRED if bottom else None


def _plain(value: Decimal | None) -> str:
    if value is None:
        return ""
    return format(value.quantize(Decimal("0.01")).normalize() if value != value.to_integral() else value.normalize(), "f")
