"""Eligibility criteria as data: typed conditions read from criteria clauses (申报条件).

A criterion's text ("年度主营业务收入5000万元以上（含5000万元），或利润总额400万元以上") becomes
a tree of :class:`Condition`: comparisons of one metric (or the sum of several, e.g. 发明 +
实用新型 patents) with a threshold, joined by ``all`` / ``any``, revenue bands as ``when``
(guard → requirement), and ``manual`` leaves for words no rule reads ("具有高成长潜力"):
those are checked by hand, never decided by the machine.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

Kind = Literal["compare", "all", "any", "when", "manual"]
Op = Literal[">=", ">", "<=", "<"]


@dataclass(frozen=True)
class Metric:
    key: str
    label: str  # the Chinese term a reader sees
    unit: str  # 万元 | % | 项 | 人 | 年 | 位 | 年份 | 级 | 是否


# what a profile can state and a criterion can ask for; money in 万元, shares in %
METRICS: dict[str, Metric] = {m.key: m for m in (
    Metric("revenue", "营业收入", "万元"),
    Metric("main_revenue", "主营业务收入", "万元"),
    Metric("total_profit", "利润总额", "万元"),
    Metric("net_profit", "净利润", "万元"),
    Metric("profit_tax", "利税总额", "万元"),
    Metric("rd_spend", "研发费用", "万元"),
    Metric("equity_financing", "新增股权融资额", "万元"),
    Metric("main_product_revenue", "主导产品销售收入", "万元"),
    Metric("revenue_growth", "营业收入平均增长率", "%"),
    Metric("main_revenue_growth", "主营业务收入平均增长率", "%"),
    Metric("net_profit_growth", "净利润平均增长率", "%"),
    Metric("operating_margin", "营业利润率", "%"),
    Metric("rd_ratio", "研发费用占营业收入比重", "%"),
    Metric("rd_staff_ratio", "研发人员占职工总数比重", "%"),
    Metric("debt_ratio", "资产负债率", "%"),
    Metric("main_revenue_share", "主营业务收入占营业收入比重", "%"),
    Metric("main_product_share", "主导产品收入占营业收入比重", "%"),
    Metric("product_share_of_main", "主导产品收入占主营业务收入比重", "%"),
    Metric("invention_patents", "发明专利", "项"),
    Metric("utility_patents", "实用新型专利", "项"),
    Metric("design_patents", "外观设计专利", "项"),
    Metric("software_copyrights", "软件著作权", "项"),
    Metric("class1_ip", "Ⅰ类知识产权", "项"),
    Metric("employees", "从业人员", "人"),
    Metric("years_in_field", "从事细分领域年限", "年"),
    Metric("founded_year", "成立年份", "年份"),
    Metric("market_rank_province", "主导产品省内市场占有率排名", "位"),
    Metric("market_rank_national", "主导产品国内市场占有率排名", "位"),
    Metric("rd_institution_level", "研发机构级别", "级"),
    Metric("high_tech", "国家高新技术企业", "是否"),
    Metric("no_violations", "近年无违法、不良行为记录", "是否"),
)}

# 研发机构 levels as numbers, so that 市级以上 is a comparison
INSTITUTION_LEVELS = {"无": 0, "县级": 1, "市级": 2, "省级": 3, "国家级": 4}


@dataclass(frozen=True)
class Condition:
    """One node of a criterion: a comparison, a conjunction, a band, or words to check by hand.

    ``metrics`` of a comparison are summed (发明 + 实用新型 patents); ``years`` is the period a
    figure covers (近2年 → 2; ``None`` for the latest year); ``when`` has two parts, the guard
    (a revenue band) and what is required inside it.
    """

    kind: Kind
    text: str = ""
    metrics: tuple[str, ...] = ()
    op: Op | None = None
    value: Decimal | None = None
    years: int | None = None
    parts: tuple[Condition, ...] = ()

    def __post_init__(self) -> None:
        if self.kind == "compare":
            unknown = [m for m in self.metrics if m not in METRICS]
            if not self.metrics or unknown or self.op not in (">=", ">", "<=", "<") or self.value is None:
                raise ValueError(f"a comparison needs known metrics, an operator and a value, got "
                                 f"metrics={self.metrics!r} op={self.op!r} value={self.value!r}")
        elif self.kind in ("all", "any"):
            if not self.parts:
                raise ValueError(f"{self.kind!r} needs at least one part")
        elif self.kind == "when":
            if len(self.parts) != 2:
                raise ValueError(f"'when' needs a guard and a requirement, got {len(self.parts)} parts")
        elif self.kind != "manual":
            raise ValueError(f"unknown condition kind {self.kind!r}")

    @property
    def unit(self) -> str:
        return METRICS[self.metrics[0]].unit if self.metrics else ""

    def leaves(self) -> list[Condition]:
        """The comparisons and manual leaves under this node, in reading order."""
        return [self] if not self.parts else [leaf for part in self.parts for leaf in part.leaves()]

    @property
    def parsed(self) -> bool:
        """True when no part of it is left to check by hand."""
        return all(leaf.kind != "manual" for leaf in self.leaves())

    def describe(self) -> str:
        """The condition in words, as a commissioner checks the parse: 主营业务收入 ≥ 5000万元."""
        if self.kind == "compare":
            names = "+".join(METRICS[m].label for m in self.metrics)
            period = f"（近{self.years}年）" if self.years else ""
            return f"{names}{period} {self.op} {plain_number(self.value)}{self.unit if self.unit not in ('年份', '级', '是否') else ''}"
        if self.kind == "manual":
            return f"人工核对：{self.text}"
        if self.kind == "when":
            return f"若 {self.parts[0].describe()}，则 {self.parts[1].describe()}"
        joiner = " 且 " if self.kind == "all" else " 或 "
        return "（" + joiner.join(p.describe() for p in self.parts) + "）"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "text": self.text}
        if self.kind == "compare":
            out |= {"metrics": list(self.metrics), "op": self.op, "value": plain_number(self.value), "years": self.years}
        if self.parts:
            out["parts"] = [p.to_dict() for p in self.parts]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Condition:
        if not isinstance(data, dict) or "kind" not in data:
            raise ValueError(f"a condition must be an object with a 'kind', got {data!r}")
        value = data.get("value")
        try:
            number = Decimal(str(value)) if value is not None else None
        except ArithmeticError:
            raise ValueError(f"condition value must be a number, got {value!r}") from None
        years = data.get("years")
        if years is not None and (type(years) is not int or not 1 <= years <= 10):
            raise ValueError(f"condition years must be 1–10 or null, got {years!r}")
        return cls(kind=data["kind"], text=str(data.get("text", "")), metrics=tuple(data.get("metrics", ())),
                   op=data.get("op"), value=number, years=years,
                   parts=tuple(cls.from_dict(p) for p in data.get("parts", ())))


def plain_number(value: Decimal | None) -> str:
    """5000 rather than 5.0E+3; 2.5 rather than 2.50."""
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return text
