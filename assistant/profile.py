"""A company's profile for the eligibility check (政策体检): typed figures with their units.

Built from a JSON/YAML/XLSX row (:meth:`CompanyProfile.from_dict`) or from a chat message
(:func:`profile_from_text`). Money is held in 万元, shares in %, as :class:`~decimal.Decimal`
so that a check at the threshold is exact. Each figure keeps the words it was read from, so a
user sees what the assistant understood.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from .conditions import INSTITUTION_LEVELS, METRICS, plain_number

CATEGORIES = ("制造类", "服务类", "创新类")
_LABELS = {m.label: key for key, m in METRICS.items()}
_MONEY_UNITS = {"万元": Decimal(1), "万": Decimal(1), "亿元": Decimal(10000), "亿": Decimal(10000),
                "元": Decimal("0.0001"), "": Decimal(1)}


@dataclass(frozen=True)
class Figure:
    metric: str
    value: Decimal
    source: str  # the words it was read from, or "profile" for a file

    def to_dict(self) -> dict[str, Any]:
        m = METRICS[self.metric]
        return {"metric": self.metric, "label": m.label, "value": plain_number(self.value), "unit": m.unit,
                "source": self.source}


@dataclass(frozen=True)
class CompanyProfile:
    """What is known of one company; a metric that is absent is unknown, never zero."""

    name: str = ""
    region: str | None = None
    category: str | None = None  # 制造类 / 服务类 / 创新类
    figures: dict[str, Figure] = field(default_factory=dict)
    yearly: dict[int, dict[str, Decimal]] = field(default_factory=dict)  # year → revenue, rd_spend, …
    titles: tuple[str, ...] = ()  # titles already held: 省级专精特新中小企业, …
    notes: tuple[str, ...] = ()  # what was assumed while reading it (a figure without its unit)

    def __post_init__(self) -> None:
        if self.category is not None and self.category not in CATEGORIES:
            raise ValueError(f"category must be one of {CATEGORIES}, got {self.category!r}")
        for key in self.figures:
            if key not in METRICS:
                raise ValueError(f"unknown metric {key!r}; known: {', '.join(sorted(METRICS))}")

    def value(self, metric: str) -> Decimal | None:
        figure = self.figures.get(metric)
        return figure.value if figure else None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "region": self.region, "category": self.category,
                "figures": [f.to_dict() for f in self.figures.values()],
                "yearly": {str(y): {k: plain_number(v) for k, v in row.items()} for y, row in sorted(self.yearly.items())},
                "titles": list(self.titles), "notes": list(self.notes)}

    @classmethod
    def from_dict(cls, data: Any) -> CompanyProfile:
        """A profile file's object: metric keys (English or the Chinese label) with numbers or
        strings carrying units ("3800万", "1.2亿", "6%"); ``years`` holds yearly figures."""
        if not isinstance(data, dict):
            raise ValueError(f"a company profile must be an object (key: value), got {type(data).__name__}")
        figures: dict[str, Figure] = {}
        yearly: dict[int, dict[str, Decimal]] = {}
        name, region, category, titles = "", None, None, ()
        for raw_key, raw in data.items():
            key = _LABELS.get(str(raw_key).strip(), str(raw_key).strip())
            if key in ("name", "名称", "企业名称"):
                name = _text(raw, key)
            elif key in ("region", "地区", "所在地"):
                region = _text(raw, key) or None
            elif key in ("category", "industry", "类别", "行业类别"):
                category = _category(raw)
            elif key in ("titles", "已获称号"):
                titles = tuple(t.strip() for t in (raw if isinstance(raw, list) else re.split(r"[、,，;；]", str(raw)))
                               if str(t).strip())
            elif key in ("years", "yearly", "历年"):
                yearly = _yearly(raw)
            elif key in METRICS:
                if raw is None or raw == "":
                    continue
                figures[key] = Figure(key, parse_amount(raw, key), "profile")
            else:
                raise ValueError(f"unknown profile key {raw_key!r}; known: name, region, category, titles, years, "
                                 f"{', '.join(sorted(METRICS))}")
        return cls(name, region, category, figures, yearly, titles)


def parse_amount(raw: Any, metric: str) -> Decimal:
    """One figure of a profile file in the metric's unit: 3800, "3800万", "1.2亿", "6%", "市级", true."""
    unit = METRICS[metric].unit
    if unit == "是否":
        if isinstance(raw, bool) or raw in (0, 1):
            return Decimal(int(raw))
        text = str(raw).strip().lower()
        if text in ("是", "yes", "true", "有", "1"):
            return Decimal(1)
        if text in ("否", "no", "false", "无", "没有", "0"):
            return Decimal(0)
        raise ValueError(f"{metric} must be yes or no (是/否), got {raw!r}")
    if unit == "级":
        if isinstance(raw, str) and raw.strip() in INSTITUTION_LEVELS:
            return Decimal(INSTITUTION_LEVELS[raw.strip()])
        if isinstance(raw, int) and 0 <= raw <= 4:
            return Decimal(raw)
        raise ValueError(f"{metric} must be one of {', '.join(INSTITUTION_LEVELS)}, got {raw!r}")
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str, Decimal)):
        raise ValueError(f"{metric} must be a number, got {raw!r}")
    text = str(raw).strip().replace(",", "").replace("，", "")
    m = re.fullmatch(r"(-?\d+(?:\.\d+)?)\s*(万元|万|亿元|亿|元|%|％|个百分点|人|项|件|个|年|位|名)?", text)
    if not m:
        raise ValueError(f"{metric} must be a number (with its unit, e.g. 3800万 or 6%), got {raw!r}")
    try:
        value = Decimal(m.group(1))
    except InvalidOperation:
        raise ValueError(f"{metric} must be a number, got {raw!r}") from None
    given = m.group(2) or ""
    if unit == "万元":
        if given not in _MONEY_UNITS:
            raise ValueError(f"{metric} is an amount of money (万元), got {raw!r}")
        value *= _MONEY_UNITS[given]
    elif given in ("万元", "万", "亿元", "亿", "元"):
        raise ValueError(f"{metric} is measured in {unit}, not money: {raw!r}")
    if value < 0 and unit not in ("%",):
        raise ValueError(f"{metric} cannot be negative, got {raw!r}")
    return value


def _text(raw: Any, key: str) -> str:
    if not isinstance(raw, str) or len(raw) > 200:
        raise ValueError(f"{key} must be text of at most 200 characters, got {raw!r}")
    return raw.strip()


def _category(raw: Any) -> str | None:
    text = str(raw or "").strip()
    if not text:
        return None
    if text in CATEGORIES:
        return text
    for category, words in (("制造类", ("制造", "manufactur", "工业")), ("服务类", ("服务", "servic", "软件", "software")),
                            ("创新类", ("创新", "innovat"))):
        if any(w in text.lower() for w in words):
            return category
    raise ValueError(f"category must be one of {', '.join(CATEGORIES)} (or manufacturing/services), got {raw!r}")


YEARLY = ("revenue", "main_revenue", "net_profit", "total_profit", "rd_spend", "main_product_revenue")


def _yearly(raw: Any) -> dict[int, dict[str, Decimal]]:
    if not isinstance(raw, dict):
        raise ValueError(f"years must map a year to its figures, e.g. {{\"2024\": {{\"revenue\": 3800}}}}, got {raw!r}")
    out: dict[int, dict[str, Decimal]] = {}
    for year, row in raw.items():
        if not re.fullmatch(r"(19|20)\d\d", str(year)) or not isinstance(row, dict):
            raise ValueError(f"years: each key must be a year with an object of figures, got {year!r}")
        figures = {}
        for key, value in row.items():
            key = _LABELS.get(str(key), str(key))
            if key not in YEARLY:
                raise ValueError(f"years: {key!r} is not a yearly figure; yearly figures: {', '.join(YEARLY)}")
            figures[key] = parse_amount(value, key)
        out[int(year)] = figures
    return out

