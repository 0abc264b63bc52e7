"""Figures a business owner gives in a sentence, read into a :class:`CompanyProfile`.

"我们是金湖的制造企业，去年营收3800万，利润460万，近三年增长6%，有2项发明专利" → revenue
3800 万元, total profit 460 万元, revenue growth 6 %, 2 invention patents, region 金湖,
category 制造类. Chinese numerals (三千八百万, 两个半点) are converted by ``cn2an``; a figure
is paired with the nearest metric word before it; a money figure without a unit is read as
万元 and said so in the profile's notes.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from .conditions import INSTITUTION_LEVELS, plain_number
from .profile import YEARLY, CompanyProfile, Figure

_NUMERAL = r"[\d.零〇一二两三四五六七八九十百千万亿]+"
# after _arabic every numeral is in digits; a full stop after a figure ends the sentence, not the number
_TOKEN = re.compile(r"(?P<num>\d+(?:\.\d+)?(?:万|亿)?)(?P<unit>元|块钱|块|%|个百分点|个点|人|名|项|件|个|年)?")
# metric words, longest first; the growth words take the metric they follow (营收…增长 → revenue)
_WORDS = [
    (r"主营业务收入|主营收入|主营业务", "main_revenue"), (r"净利润|净利", "net_profit"),
    (r"营业利润率|利润率", "operating_margin"), (r"利润总额|利润", "total_profit"), (r"利税", "profit_tax"), (r"研发人员占比|研发人员比例|研发人员比重", "rd_staff_ratio"),
    (r"研发(?:费用|投入|经费|支出)?占比|研发强度|研发投入强度", "rd_ratio"), (r"研发(?:费用|投入|经费|支出)", "rd_spend"),
    (r"股权融资|融资", "equity_financing"), (r"资产负债率|负债率", "debt_ratio"),
    (r"主导产品(?:销售)?(?:收入)?", "main_product_revenue"),
    (r"营业收入|营收|销售收入|销售额|营业额|收入|产值", "revenue"), (r"增长率|增长|增速|增幅", "growth"),
    (r"发明专利|发明", "invention_patents"), (r"实用新型", "utility_patents"), (r"外观设计|外观专利", "design_patents"),
    (r"软件著作权|软著", "software_copyrights"), (r"Ⅰ类知识产权|一类知识产权", "class1_ip"),
    (r"员工|职工|从业人员|人员|工人", "employees"),
    # the same in English ("revenue 38 million yuan, R&D 4% of revenue, 2 invention patents")
    (r"main[- ]business revenue", "main_revenue"), (r"net profits?", "net_profit"), (r"debt[- ]to[- ]asset|debt ratio", "debt_ratio"),
    (r"R&D (?:ratio|intensity|share)|R&D spending of|R&D (?:at|is)", "rd_ratio"), (r"R&D", "rd_spend"),
    (r"revenues?|sales|turnover", "revenue"), (r"profits?", "total_profit"), (r"growth|grew|growing", "growth"),
    (r"invention patents?", "invention_patents"), (r"utility[- ]model patents?", "utility_patents"),
    (r"software copyrights?", "software_copyrights"), (r"employees|staff|people|workers", "employees"),
]
_WORD = re.compile("|".join(f"(?P<w{i}>{p})" for i, (p, _) in enumerate(_WORDS)), re.IGNORECASE)
_COUNTS = {"invention_patents", "utility_patents", "design_patents", "software_copyrights", "class1_ip", "employees"}
_GROWTH_OF = {"revenue": "revenue_growth", "main_revenue": "main_revenue_growth", "net_profit": "net_profit_growth"}


def profile_from_text(text: str, places: tuple[str, ...] = (), today: dt.date | None = None) -> CompanyProfile:
    """The figures, region (the first of ``places``, most local first, that it names) and category
    a message states; empty when none. Amounts of a named year (去年, 2023年) also go into the
    yearly figures, from which growth rates are computed."""
    today = today or dt.date.today()
    text = _arabic(text)
    figures: dict[str, Figure] = {}
    yearly: dict[int, dict[str, Decimal]] = {}
    last_amount = None
    notes: list[str] = []
    base = None
    previous_end = 0
    for m in _TOKEN.finditer(text):
        if not re.search(r"\d", m.group("num")) or m.group("unit") == "年" or m.start() < previous_end:
            continue  # 近3年, 2015年 and 做了10年 are periods and dates, read by _facts
        words = list(_WORD.finditer(text, previous_end, m.start()))
        previous_end = m.end()
        if m.group("unit") in ("项", "件", "个", "人", "名", None):  # 2项发明专利, 50个员工: the word follows
            after = re.match(r"[^，。；,;\d]{0,4}?(?=" + _WORD.pattern + ")", text[m.end():], re.IGNORECASE)
            following = _WORD.match(text, m.end() + after.end()) if after else None
            if following and (m.group("unit") or _WORDS[int(following.lastgroup[1:])][1] in _COUNTS):
                words, previous_end = [following], following.end()
                source = text[m.start():following.end()]
        share_at = text.rfind("占", words[0].start() if words else m.start(), m.start()) if words else -1
        if share_at >= 0:  # 研发投入占营收5%: the share is of what comes before 占
            words = [w for w in words if w.start() < share_at] or words
        metric = None
        for w in words:
            key = _WORDS[int(w.lastgroup[1:])][1]
            if key == "growth":
                metric = _GROWTH_OF.get(base or "revenue", "revenue_growth")
            else:
                metric = key
                base = key if key in _GROWTH_OF else base
        unit = m.group("unit") or ""
        if previous_end == m.end():
            source = text[words[-1].start() if words else m.start():m.end()]
        if unit in ("%", "个百分点", "个点"):
            before = text[words[-1].start() if words else max(0, m.start() - 12):m.start()]
            after = re.split(r"[，。；,;.]\s", text[m.end():m.end() + 30] + " ")[0]
            metric = _percent_metric(metric, base, before, after)
        year = _year_of(text, m.start(), today.year)
        if metric is None and year is not None and last_amount and not unit.endswith(("%", "点")):
            metric = last_amount  # "主营收入去年4800万，前年4200万": the series goes on
        if metric is None:
            continue
        value = _amount(m.group("num"), unit, metric, notes, source)
        if value is None:
            continue
        if metric in YEARLY and year is not None:
            yearly.setdefault(year, {})[metric] = value
            last_amount = metric
            if metric in figures and max((y for y, row in yearly.items() if metric in row), default=year) != year:
                continue  # the figure of a metric is its latest year's
        elif metric in YEARLY:
            last_amount = metric
        figures[metric] = Figure(metric, value, source)
    figures |= _facts(text)
    region = next((p for p in places if p and p in text), None)  # places come most local first
    return CompanyProfile(region=region, category=category_of(text), figures=figures, yearly=yearly,
                          titles=_titles(text), notes=tuple(notes))


_RELATIVE_YEARS = {"今年": 0, "本年": 0, "去年": 1, "上年": 1, "上年度": 1, "前年": 2, "大前年": 3}


def _year_of(text: str, at: int, this_year: int) -> int | None:
    """The year a figure belongs to, from a marker in its clause just before it (去年, 2023年)."""
    clause = re.split(r"[，。；,;]", text[max(0, at - 16):at])[-1]
    found = list(re.finditer(r"大前年|前年|去年|今年|本年|上年度|上年|((?:19|20)\d\d)年(?:度)?", clause))
    if not found:
        return None
    last = found[-1]
    return int(last.group(1)) if last.group(1) else this_year - _RELATIVE_YEARS[last.group(0)]


_TITLE = re.compile(r"(?:已经?是|就是|是|获评|评上了?|认定为|拿到了?|已获)了?(国家级|省级|市级|县级|国家|省|市)?"
                    r"(?:专精特新)?[“\"]?(小巨人|单项冠军|专精特新(?:中小)?企业|专精特新)|(省专|市专)")


def _titles(text: str) -> tuple[str, ...]:
    """Titles the company says it holds ("是省专", "前两年评上了省级专精特新") as the documents name them."""
    out = []
    for m in _TITLE.finditer(text):
        if m.group(3):
            out.append({"省专": "省级专精特新中小企业", "市专": "市级专精特新中小企业"}[m.group(3)])
        elif m.group(1):
            level = m.group(1) if m.group(1).endswith("级") else m.group(1) + "级"
            out.append(level + ("专精特新" + m.group(2) if m.group(2) in ("小巨人",) else m.group(2)))
    return tuple(dict.fromkeys(out))


_GROWTH_WORDS = re.compile(r"增长|增速|增幅|涨|growth|grew|grow|increase|rose|up by", re.IGNORECASE)
_SHARE_WORDS = re.compile(r"占|比重|占比|比例|of (?:the |our )?(?:total|revenue|sales|turnover)|share", re.IGNORECASE)
_SHARE_OF = {"rd_spend": "rd_ratio", "main_revenue": "main_revenue_share", "main_product_revenue": "main_product_share"}
_PERCENT_METRICS = {"rd_ratio", "rd_staff_ratio", "debt_ratio", "operating_margin", "main_revenue_share",
                    "main_product_share", "product_share_of_main", "revenue_growth", "main_revenue_growth", "net_profit_growth"}


def _percent_metric(metric: str | None, base: str | None, before: str, after: str) -> str | None:
    """What a percentage measures: a share (研发费用占营收4%, 85% of the total), a growth rate
    (营收增长9%, 9% growth), a ratio named as such; a money word alone with a percentage is
    not guessed at."""
    words = before + " " + after
    if metric in _PERCENT_METRICS:
        return metric
    if metric in _SHARE_OF and (_SHARE_WORDS.search(words) or metric == "rd_spend"):
        return _SHARE_OF[metric]
    if _GROWTH_WORDS.search(words) and not _SHARE_WORDS.search(after):
        return _GROWTH_OF.get(metric if metric in _GROWTH_OF else (base or "revenue"))
    return None  # a percentage without its word ("成本三成") is not given to the metric before it


def _arabic(text: str) -> str:
    """Chinese numerals as digits: 三千八百万 → 38000000 is kept as 3800万 (the unit stays)."""
    import cn2an

    text = re.sub(r"百分之([\d.零〇一二两三四五六七八九十]+)", lambda m: _num(m.group(1)) + "%", text)
    text = re.sub(r"([\d零〇一二两三四五六七八九十]+)个半(?:百分)?点", lambda m: str(Decimal(_num(m.group(1))) + Decimal("0.5")) + "%",
                  text)
    text = re.sub(r"([\d.]+)个(?:百分)?点", r"\1%", text)
    # 五成 is 50 %: only where 成 ends the phrase (成立, 成本 are other words)
    text = re.sub(r"([一二两三四五六七八九]|\d(?:\.\d+)?)成(?=[，。；,;\s）)]|左右|上下|多|$)",
                  lambda m: plain_number(Decimal(_num(m.group(1))) * 10) + "%", text)
    text = re.sub(r"(\d+(?:\.\d+)?)\s*(million|billion|mn|bn)\b(?:\s*(?:yuan|RMB|CNY))?",
                  lambda m: plain_number(Decimal(m.group(1)) * (100 if m.group(2).lower() in ("million", "mn") else 100000)) + "万",
                  text, flags=re.IGNORECASE)
    text = re.sub(r"(\d+(?:\.\d+)?)\s*(?:per ?cent|percent)", r"\1%", text, flags=re.IGNORECASE)

    def numeral(m: re.Match[str]) -> str:
        token = m.group(0)
        if not re.search(r"[零〇一二两三四五六七八九十百千]", token) or token in ("万", "亿", "千", "百"):
            return token
        if token in ("一", "两") and _NOT_A_NUMBER.match(m.string, m.end()):
            return token  # "报销一部分", "一起申报": no figure
        try:
            value = Decimal(str(cn2an.cn2an(token, "smart")))
        except (ValueError, KeyError, IndexError):
            return token
        if token.endswith("亿"):
            return plain_number(value / 100000000) + "亿"
        if "万" in token or "亿" in token:
            return plain_number(value / 10000) + "万"
        return plain_number(value)

    return re.sub(_NUMERAL, numeral, text)


_NOT_A_NUMBER = re.compile(r"部分|些|下|起|样|般|直|定|致|律|旦|共|切|同|体|方面|并|块儿")


def _num(token: str) -> str:
    import cn2an

    return token if re.fullmatch(r"[\d.]+", token) else plain_number(Decimal(str(cn2an.cn2an(token, "smart"))))



def _amount(num: str, unit: str, metric: str, notes: list[str], source: str) -> Decimal | None:
    multiplier = Decimal(1)
    if num.endswith("亿"):
        num, multiplier = num[:-1], Decimal(10000)
    elif num.endswith("万"):
        num, multiplier = num[:-1], Decimal(1)
    elif metric in ("revenue", "main_revenue", "total_profit", "net_profit", "profit_tax", "rd_spend",
                    "equity_financing", "main_product_revenue"):
        if unit in ("元", "块", "块钱"):
            multiplier = Decimal("0.0001")
        else:
            notes.append(f"“{source}”没有写单位，按万元理解")
    try:
        value = Decimal(num) * multiplier
    except ArithmeticError:
        return None
    if metric.endswith(("ratio", "growth", "share", "margin")) and unit not in ("%", "个百分点", "个点"):
        return None
    return value


def _facts(text: str) -> dict[str, Figure]:
    out: dict[str, Figure] = {}

    def put(metric: str, value: int | Decimal, source: str) -> None:
        out[metric] = Figure(metric, Decimal(value), source)

    if m := re.search(r"(不是|没有|未|非)(?:国家级?)?高新技术企业|(?:是|为|属于)?(?:国家级?)?(?:高新技术企业|高企)", text):
        put("high_tech", 0 if m.group(1) else 1, m.group(0))
    if m := re.search(r"(县级|市级|省级|国家级)(?:的)?(?:研发机构|研发中心|工程技术研究中心|企业技术中心|工程研究中心)", text):
        put("rd_institution_level", INSTITUTION_LEVELS[m.group(1)], m.group(0))
    if m := re.search(r"(?:成立于|注册于)(\d{4})年|(\d{4})年(?:成立|注册)", text):
        put("founded_year", int(m.group(1) or m.group(2)), m.group(0))
    if m := re.search(r"(?:做了|从事|深耕|干了|专注)[^，。；\d]{0,12}?(\d+(?:\.\d+)?)年|(\d+(?:\.\d+)?)年(?:了)?的?(?:行业)?经验", text):
        put("years_in_field", Decimal(m.group(1) or m.group(2)), m.group(0))
    if m := re.search(r"(全省|省内|本省|省里|[\u4e00-\u9fff]{2}省|江苏|浙江|广东|山东|福建|安徽|全国|国内)[^，。；\d]{0,12}?"
                      r"(?:第|排名第?|排)(\d+)", text):
        national = m.group(1) in ("全国", "国内")
        put("market_rank_national" if national else "market_rank_province", int(m.group(2)), m.group(0))
    if m := re.search(r"(没有|无)[^，。；]{0,10}(违法|不良记录|不良行为|失信)", text):
        put("no_violations", 1, m.group(0))
    _english_facts(text, put)
    return out


_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "top": 1}
_EN_LEVELS = {"county": "县级", "municipal": "市级", "city": "市级", "provincial": "省级", "national": "国家级"}


def _english_facts(text: str, put) -> None:
    """The same facts in English: ranked 2nd in the province, 6 years in the niche, a municipal R&D centre."""
    rank = re.search(r"(?:no\.?\s*|number\s+|rank(?:ed)?\s+(?:no\.?\s*)?)?(\d+|first|second|third|fourth|fifth)(?:st|nd|rd|th)?"
                     r"\s+in\s+(?:the\s+)?(province|jiangsu|china|the country|country|nation)", text, re.IGNORECASE)
    if rank:
        n = rank.group(1).lower()
        value = int(n) if n.isdigit() else _ORDINALS[n]
        scope = "market_rank_province" if rank.group(2).lower() in ("province", "jiangsu") else "market_rank_national"
        put(scope, value, rank.group(0))
    years = re.search(r"(?:in|been in)\s+(?:this|the|our)\s+(?:niche|field|industry|market|business)\s+for\s+(\d+(?:\.\d+)?)\s+years"
                      r"|(\d+(?:\.\d+)?)\s+years\s+in\s+(?:this|the|our)\s+(?:niche|field|industry|market)", text, re.IGNORECASE)
    if years:
        put("years_in_field", Decimal(years.group(1) or years.group(2)), years.group(0))
    lab = re.search(r"(county|municipal|city|provincial|national)[- ](?:level\s+)?(?:R&D|research|technology|engineering)"
                    r"(?:\s+\w+)?\s+(?:centre|center|institute|lab)", text, re.IGNORECASE)
    if lab:
        put("rd_institution_level", INSTITUTION_LEVELS[_EN_LEVELS[lab.group(1).lower()]], lab.group(0))
    elif lab := re.search(r"joint lab|R&D (?:centre|center|institute|lab)|research (?:centre|center|institute)", text, re.IGNORECASE):
        put("rd_institution_level", 1, lab.group(0))
    if ht := re.search(r"(not (?:a |an )?)?high[- ]tech (?:enterprise|status|company|firm)", text, re.IGNORECASE):
        put("high_tech", 0 if ht.group(1) else 1, ht.group(0))


def category_of(text: str) -> str | None:
    """The criteria category an owner's words imply (零部件 → 制造类, 软件 → 服务类), else None."""
    if re.search(r"制造|工厂|生产|加工|零部件|装备|机械|材料|化工|manufactur|factory|maker|auto[- ]parts", text, re.IGNORECASE):
        return "制造类"
    if re.search(r"软件|服务|互联网|信息技术|咨询|设计公司|平台|software|service|internet", text, re.IGNORECASE):
        return "服务类"
    return None
