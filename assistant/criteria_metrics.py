"""Which metric a threshold of a criterion counts, from the words before it and its unit. Pure.

研发费用 + 万元 → 研发费用; 研发费用占… + % → 研发费用占比; 发明专利 + 项 → the count of
invention patents; 专利 alone → every kind of patent summed. And the requirements that state
no threshold but a fact a profile gives (高新技术企业, 市级以上研发机构, 2014年后成立).
"""

from __future__ import annotations

import re
from decimal import Decimal

from .conditions import INSTITUTION_LEVELS, Condition

_MONEY = ("亿元", "万元", "元")


POINT_IN_TIME = {"debt_ratio", "employees", "years_in_field", "invention_patents", "utility_patents",
                  "design_patents", "software_copyrights", "class1_ip", "market_rank_province", "market_rank_national"}
_IP_WORDS = (("发明", "invention_patents"), ("实用新型", "utility_patents"), ("外观设计", "design_patents"),
             ("软件著作权", "software_copyrights"), ("Ⅰ类知识产权", "class1_ip"), ("I类知识产权", "class1_ip"))
_ALL_IP = ("invention_patents", "utility_patents", "design_patents", "software_copyrights")


def metrics_for(window: str, unit: str, subject) -> list[tuple[str, ...]]:
    """Which metric (alternatives, each a sum of metrics) a threshold of ``unit`` belongs to."""
    if unit in _MONEY:
        return _money(window, subject)
    if unit in ("%", "个百分点"):
        return _share(window, subject)
    if unit in ("项", "件"):
        named = tuple(key for word, key in _IP_WORDS if word in window)
        if "专利" in window and not any(w in window for w in ("发明", "实用新型", "外观")):
            named += ("invention_patents", "utility_patents", "design_patents")
        if "知识产权" in window and not re.search(r"[ⅠI]类知识产权", window) and (not named or "其他" in window):
            named += _ALL_IP
        named = tuple(dict.fromkeys(named))
        return [named] if named else ([subject] if subject and subject[0] in _ALL_IP + ("class1_ip",) else [])
    if unit == "人" and re.search(r"从业人员|职工|员工|人员", window):
        return [("employees",)]
    if unit == "年" and re.search(r"从事|细分|业务领域|深耕", window) and "新产品" not in window:
        return [("years_in_field",)]
    return []


def _money(window: str, subject) -> list[tuple[str, ...]]:
    rules = (("研发|研究开发", "rd_spend"), ("股权融资", "equity_financing"), ("利税", "profit_tax"),
             ("利润总额", "total_profit"), ("净利润", "net_profit"), ("产品.{0,3}(销售|营业)?收入", "main_product_revenue"),
             ("主营业务收入", "main_revenue"), ("营业收入|销售收入|营收", "revenue"))
    rest = window.replace("主营业务收入", "Ⓜ") if "产品" not in window else window
    for pattern, key in rules:
        probe = window if key in ("main_revenue", "main_product_revenue") else rest
        if re.search(pattern, probe):
            return [(key,)]
    return [subject] if subject and subject[0] in ("revenue", "main_revenue", "rd_spend", "total_profit") else []


def _share(window: str, subject) -> list[tuple[str, ...]]:
    if "增长" in window or "增速" in window:
        bases = []
        for word, key in (("主营业务收入", "main_revenue_growth"), ("净利润", "net_profit_growth")):
            if word in window:
                bases.append((key,))
        if re.search(r"营业收入|销售收入|营收", window.replace("主营业务收入", "")):
            bases.insert(0, ("revenue_growth",))
        return bases
    if "资产负债率" in window:
        return [("debt_ratio",)]
    if "营业利润率" in window:
        return [("operating_margin",)]
    if "研发投入强度" in window:
        return [("rd_ratio",)]
    if "占" in window or re.search(r"比重|比例", window):
        head = window.split("占")[0] if "占" in window else window
        tail = window.split("占", 1)[1] if "占" in window else ""
        for pattern, key in (("研发人员", "rd_staff_ratio"), ("研发|研究开发", "rd_ratio"),
                             ("产品", "main_product_share"), ("主营业务收入", "main_revenue_share")):
            if re.search(pattern, head):
                # a product's share of 主营业务收入 is not its share of all revenue
                return [("product_share_of_main",)] if key == "main_product_share" and "主营业务收入" in tail else [(key,)]
        if subject == ("rd_spend",):
            return [("rd_ratio",)]
    return []


def fact(piece: str) -> Condition | None:
    """Requirements without a threshold that a profile states: 高新技术企业, 研发机构, 成立年份, …"""
    if re.search(r"(为|是|属于|系)(国家级?)?高新技术企业", piece):
        return Condition("compare", text=piece, metrics=("high_tech",), op=">=", value=Decimal(1))
    if m := re.search(r"(县级|市级|省级|国家级)以上(的)?(研发机构|研发中心|研发平台|企业技术中心)", piece):
        return Condition("compare", text=piece, metrics=("rd_institution_level",), op=">=",
                         value=Decimal(INSTITUTION_LEVELS[m.group(1)]))
    if re.search(r"(建立|建有|设立|拥有).{0,12}研发机构", piece):
        return Condition("compare", text=piece, metrics=("rd_institution_level",), op=">=", value=Decimal(1))
    if re.search(r"无.{0,16}(违法|不良行为|失信)", piece):
        return Condition("compare", text=piece, metrics=("no_violations",), op=">=", value=Decimal(1))
    if m := re.search(r"(\d{4})年(（包括\d{4}年）)?(以)?后(成立|注册)", piece):
        return Condition("compare", text=piece, metrics=("founded_year",), op=">=" if m.group(2) else ">",
                         value=Decimal(m.group(1)))
    if re.search(r"(拥有|获得).{0,8}(发明专利|知识产权|专利)", piece) and not re.search(r"\d", piece):
        alts = metrics_for(piece, "项", None)
        if alts and alts[0]:
            held = Condition("compare", text=piece, metrics=alts[0], op=">=", value=Decimal(1))
            if re.search(r"(申报|申请)或授权|授权或(申报|申请)", piece):  # pending applications count too
                return Condition("any", text=piece, parts=(held, Condition("manual", text="申报中的发明专利")))
            return held
    return None
