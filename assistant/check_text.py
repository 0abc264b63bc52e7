"""A check report as a reader sees it: per level a verdict and each criterion with its [n] source.

The same text serves the chat, the CLI and the 政策体检 / Check tab; its citations are ordinary
:class:`Citation` objects so that the chat's source panel shows the full clause.
"""

from __future__ import annotations

import datetime as dt

from .checkup import CheckReport
from .conditions import METRICS
from .types import Answer, Citation

# plain marks, not emoji: they show in every font the page may fall back to
VERDICT_ZH = {"eligible": "✓ 可核验的条件全部符合", "not_eligible": "✗ 不符合", "incomplete": "？缺少数据，无法判断"}
STATUS_MARK = {"met": "✓", "not_met": "✗", "unknown": "?", "manual": "☐"}
_SUMMARISED = 8  # levels listed in a line each after the detailed ones


class _Sources:
    """Numbers the clauses in order of first mention."""

    def __init__(self, today: dt.date) -> None:
        self.citations: list[Citation] = []
        self._numbers: dict[str, int] = {}
        self.today = today

    def cite(self, chunk_id: str, text: str, doc, section: tuple[str, ...]) -> int:
        if chunk_id not in self._numbers:
            number = len(self.citations) + 1
            self._numbers[chunk_id] = number
            self.citations.append(Citation(number, chunk_id, doc.doc_id, doc.title, tuple(section), quote=text,
                                           region=doc.region, flags=tuple(doc.flags(self.today))))
        return self._numbers[chunk_id]


def render_report(report: CheckReport, today: dt.date | None = None, levels_shown: int = 6) -> tuple[str, list[Citation]]:
    """Markdown text and its citations."""
    sources = _Sources(today or dt.date.today())
    # plain text: the chat shows answers escaped, so Markdown would appear as its characters
    lines = [f"【政策体检】{understood(report)}"]
    lines += [f"注：{note}" for note in (*report.profile.notes, *report.notes)]
    if not report.results:
        lines.append("知识库中没有找到适用于该企业的认定或入库条件。")
        return "\n".join(lines), []
    for result in report.results[:levels_shown]:
        lines.append("")
        lines.append(f"【{result.level.name}】（{result.level.doc.title}）：{VERDICT_ZH[result.verdict]}")
        for check in result.checks:
            n = sources.cite(check.criterion.chunk_id, check.criterion.text, result.level.doc,
                             check.criterion.section_path)
            lines.append(f"- {STATUS_MARK[check.status]} {_criterion_words(check, report)} [{n}]{_detail(check)}")
    if len(report.results) > levels_shown:
        lines.append(f"\n其他{len(report.results) - levels_shown}个层级（未逐条展开）：")
        for result in report.results[levels_shown:levels_shown + _SUMMARISED]:
            counts = "，".join(f"{label}{result.count(status)}项" for status, label in
                              (("met", "符合"), ("not_met", "不符合"), ("unknown", "缺数据"), ("manual", "需人工核对"))
                              if result.count(status))
            lines.append(f"- {result.level.name}：{VERDICT_ZH[result.verdict]}（{counts}）")
        if len(report.results) > levels_shown + _SUMMARISED:
            lines.append(f"- ……等{len(report.results) - levels_shown}个（“政策体检”页列出全部）")
    if report.nearest:
        near = report.nearest
        gaps = [g for c in near.checks if c.status == "not_met" for g in c.outcome.gaps]
        missing = [m for c in near.checks if c.status == "unknown" for m in c.outcome.missing]
        lines.append("")
        lines.append(f"【最接近的下一个层级】{near.level.name}。"
                     + (f"还差：{'；'.join(dict.fromkeys(gaps))}。" if gaps else "")
                     + (f"需补充：{'、'.join(dict.fromkeys(missing))}。" if missing else ""))
        for chunk, doc in report.rewards:
            n = sources.cite(chunk.chunk_id, chunk.text, doc, chunk.section_path)
            lines.append(f"- 达到后：{_short(_reward_sentence(chunk.text), 120)} [{n}]")
    manual = sum(r.count("manual") for r in report.results[:levels_shown])
    if manual:
        lines.append(f"\n☐ 标记的{manual}项条件无法由数字判断，需人工核对；结论以当年申报通知为准。")
    return "\n".join(lines), sources.citations


def understood(report: CheckReport) -> str:
    """The profile as read: every figure with its unit (and the words it came from)."""
    p = report.profile
    parts = []
    if p.region:
        parts.append(f"地区 {p.region}")
    if p.category:
        parts.append(p.category)
    if p.titles:
        parts.append("已获称号 " + "、".join(p.titles))
    for figure in p.figures.values():
        m = METRICS[figure.metric]
        value = format(figure.value.normalize(), "f")
        levels = {0: "无", 1: "有（县级或未说明级别）", 2: "市级", 3: "省级", 4: "国家级"}
        shown = {"是否": "是" if figure.value else "否", "级": levels.get(int(figure.value), value)}.get(
            m.unit, f"{value}{m.unit if m.unit != '年份' else ''}")
        source = f"〔{figure.source}〕" if figure.source not in ("profile", "") else ""
        parts.append(f"{m.label} {shown}{source}")
    return "按您提供的：" + "，".join(parts) if parts else "没有读到企业的数据"


def _criterion_words(check, report: CheckReport, limit: int = 80) -> str:
    """The criterion as quoted in the report: whole when short; of a long one with revenue bands,
    the band that applies to this company (its threshold is the one that matters)."""
    from .eligibility import evaluate

    text = " ".join(check.criterion.text.split())
    condition = check.criterion.condition
    if len(text) <= limit:
        return text
    bands = [p for p in (condition.parts if condition.kind == "all" else ()) if p.kind == "when"]
    applying = [b.text for b in bands if evaluate(b.parts[0], report.profile).status == "met"]
    if applying:
        return "…" + _short(applying[0], limit) + "…"
    return _short(text, limit)


def _detail(check) -> str:
    o = check.outcome
    if check.status == "not_met":
        return f" —— {'；'.join(o.gaps)}"
    if check.status == "unknown":
        return f" —— 缺少：{'、'.join(o.missing)}"
    if check.status == "manual":
        decided = [leaf for leaf in check.criterion.condition.leaves() if leaf.kind == "compare"]
        words = "；".join(_short(t, 30) for t in o.manual)
        if o.gaps:  # 前10位 failed; whether 进入龙头企业供应链 holds is for a person to judge
            return f" —— {'；'.join(o.gaps)}；需人工核对能否满足：{words}"
        if decided:  # the part a machine can check holds; the words are for a person to judge
            return f" —— 可核验部分符合，另需人工核对：{words}"
        return " —— 需人工核对"
    if o.manual:
        return f" —— 另需人工核对：{'；'.join(_short(t, 30) for t in o.manual)}"
    if o.notes:  # 营业收入 used for 主营业务收入: the reader must know
        return f"（{'；'.join(o.notes)}）"
    return ""


def _reward_sentence(text: str) -> str:
    """The sentence of a clause that states an amount (对新认定为…给予50万元的奖励), not its preamble."""
    import re

    sentences = [x for x in re.split(r"(?<=[。；;])", text) if x.strip()]
    return next((x for x in sentences if re.search(r"\d+(?:\.\d+)?万元", x) and re.search(r"奖|补|资助|给予", x)), text)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


EN_METRICS = {
    "revenue": "revenue", "main_revenue": "main-business revenue", "total_profit": "total profit", "net_profit": "net profit",
    "profit_tax": "profit and tax", "rd_spend": "R&D spending", "equity_financing": "new equity financing",
    "main_product_revenue": "main product revenue", "revenue_growth": "average revenue growth",
    "main_revenue_growth": "average main-business revenue growth", "net_profit_growth": "average net profit growth",
    "operating_margin": "operating margin", "rd_ratio": "R&D share of revenue", "rd_staff_ratio": "R&D staff share",
    "debt_ratio": "debt-to-asset ratio", "main_revenue_share": "main business share of revenue",
    "main_product_share": "main product share of revenue", "product_share_of_main": "main product share of main business",
    "invention_patents": "invention patents", "utility_patents": "utility-model patents", "design_patents": "design patents",
    "software_copyrights": "software copyrights", "class1_ip": "class I IP", "employees": "employees",
    "years_in_field": "years in the niche", "founded_year": "year founded", "market_rank_province": "provincial rank",
    "market_rank_national": "national rank", "rd_institution_level": "R&D institution", "high_tech": "high-tech enterprise",
    "no_violations": "no violations on record"}
VERDICT_EN = {"eligible": "every criterion that figures can decide is met", "not_eligible": "not met",
              "incomplete": "figures missing to decide"}


def english_summary(report: CheckReport, levels_shown: int) -> list[str]:
    """A few English lines above the Chinese detail: what was read and each level's verdict."""
    read = ", ".join(f"{EN_METRICS[f.metric]} {format(f.value.normalize(), 'f')}"
                     f"{'' if METRICS[f.metric].unit in ('年份', '级', '是否') else ' ' + METRICS[f.metric].unit}"
                     for f in report.profile.figures.values())
    lines = [("Eligibility check, criterion by criterion (criteria quoted in the original Chinese; 万元 = RMB 10,000). "
              f"Figures read: {read or 'none'}.")]
    for result in report.results[:levels_shown]:
        counts = ", ".join(f"{result.count(s)} {w}" for s, w in (("met", "met"), ("not_met", "not met"),
                                                                 ("unknown", "missing a figure"), ("manual", "to check by hand"))
                           if result.count(s))
        lines.append(f"- {result.level.name}: {VERDICT_EN[result.verdict]} ({counts})")
    return lines + [""]


def report_answer(report: CheckReport, question: str, today: dt.date | None = None, levels_shown: int = 3,
                  language: str = "zh") -> Answer:
    """The report as the chat's answer (never a refusal: the check is the answer); an English
    question gets an English summary above the quoted Chinese detail."""
    text, citations = render_report(report, today, levels_shown)
    if language == "en":
        text = "\n".join(english_summary(report, levels_shown)) + "\n" + text
    return Answer(question=question, text=text, citations=citations, refused=False, language=language, answerer="check")
