"""The levels a library's criteria define, read from its chunks. Pure functions.

A criteria table (附件4 省级专精特新小巨人企业申报条件) gives one level per column path
(小巨人企业 › 制造类), its rows the criteria; a column named 共同标准 applies to every level of
its table. An article or list that says "申报市级专精特新企业应同时满足以下条件：（一）…" gives
one level whose items are the criteria. A commissioner's correction of a parsed condition
(``criteria.json`` beside ``metadata.json``, keyed by chunk id and item) replaces the parse;
chunk ids come from the clause's text, so a correction holds while the clause is unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest.report import DocumentReport

from .conditions import Condition
from .criteria_parser import parse_criterion
from .types import Chunk, DocumentMeta

_CRITERIA_TITLE = re.compile(r"条件|标准")
_SCORING = re.compile(r"评分|分值|得分|打分")
_SUPPORT_STANDARD = re.compile(r"(补贴|补助|奖励|奖补|资助|支持|扶持)标准")
_COMMON = re.compile(r"共同|通用|基本条件|基础条件")
_ARTICLE_CRITERIA = re.compile(r"(?:申报|申请|认定为?|入库|入选)(?P<level>[^，。；：:的]{2,30}?(?:企业|库|称号)|)[^，。；]{0,12}?(?:应当?|须|需)"
                               r"(?:同时)?(?:满足|符合|具备)(?:以下|下列)(?:基本)?条件")
_ITEM = re.compile(r"[（(][一二三四五六七八九十]+[）)]|^\d{1,2}[.．、]", re.MULTILINE)
_CATEGORY = re.compile(r"制造|服务|创新")
_TITLE_TAIL = re.compile(r"(申报|入库|认定|评价|遴选|入选)?(标准)?(条件|标准)$")


@dataclass(frozen=True)
class Criterion:
    chunk_id: str
    text: str  # the clause's words for this criterion
    condition: Condition
    section_path: tuple[str, ...] = ()
    key: str = ""  # chunk id # item: what a correction in criteria.json is filed under
    corrected: bool = False  # the condition is a commissioner's correction, not the parse


@dataclass(frozen=True)
class Level:
    """One level a document defines (省级专精特新小巨人企业 › 制造类) and its criteria."""

    doc: DocumentMeta
    name: str
    tier: float  # 1 county … 4 national; pools (培育库) a half step below the title they prepare
    category: str | None  # 制造类 / 服务类 / 创新类 when the column names one
    criteria: tuple[Criterion, ...]

    @property
    def parsed_share(self) -> float:
        return sum(c.condition.parsed for c in self.criteria) / max(len(self.criteria), 1)


def levels_from_chunks(chunks: list[Chunk], docs: dict[str, DocumentMeta],
                       corrections: dict[str, dict] | None = None) -> list[Level]:
    """Every level the chunks' criteria tables and criteria articles define, in reading order."""
    corrections = corrections or {}
    tables: dict[tuple[str, str], list[Chunk]] = {}
    levels: list[Level] = []
    for chunk in chunks:
        if chunk.kind == "table_row" and chunk.section_path and _is_criteria_title(chunk.section_path[0]):
            tables.setdefault((chunk.doc_id, chunk.section_path[0]), []).append(chunk)
        elif chunk.kind in ("article", "list", "clause") and chunk.doc_id in docs:
            level = _article_level(chunk, docs[chunk.doc_id], corrections)
            if level:
                levels.append(level)
    for (doc_id, title), rows in tables.items():
        if doc_id in docs:
            levels += _table_levels(docs[doc_id], title, rows, corrections)
    return levels


def _is_criteria_title(title: str) -> bool:
    # (a 补贴标准 is what a firm gets, not what it must meet: "服务目录及补贴标准")
    return bool(_CRITERIA_TITLE.search(_SUPPORT_STANDARD.sub("", title))) and not _SCORING.search(title)


def _criterion(chunk: Chunk, text: str, item: int, corrections: dict[str, dict]) -> Criterion:
    key = f"{chunk.chunk_id}#{item}"
    fixed = corrections.get(key) or (corrections.get(chunk.chunk_id) if item == 0 else None)
    condition = Condition.from_dict(fixed) if fixed else parse_criterion(text)
    return Criterion(chunk.chunk_id, text, condition, chunk.section_path, key, bool(fixed))


def _table_levels(doc: DocumentMeta, title: str, rows: list[Chunk], corrections) -> list[Level]:
    base = _TITLE_TAIL.sub("", re.sub(r"^附件\s*\d*\s*", "", title)).strip() or title
    columns = list(dict.fromkeys(r.section_path[1:] for r in rows))
    common = [c for c in columns if not c or _COMMON.search(" ".join(c))]
    specific = [c for c in columns if c not in common]
    # a column path with a single extension (国家单项冠军 › 企业) is one level with it
    merged: dict[tuple[str, ...], tuple[str, ...]] = {}
    for column in specific:
        parent = column[:-1]
        siblings = {c for c in specific if c[:-1] == parent and len(c) == len(column)}
        merged[column] = parent if parent in specific and len(siblings) == 1 else column
    leaves = [c for c in dict.fromkeys(merged.values()) if not any(o != c and o[:len(c)] == c for o in merged.values())]
    out = []
    for leaf in leaves or [()]:
        chosen = [r for r in rows if r.section_path[1:] in common
                  or leaf[:len(merged[r.section_path[1:]])] == merged[r.section_path[1:]]]
        words = [w.replace("“", "").replace("”", "").replace('"', "") for w in leaf if w not in base]
        name = " › ".join([base, *words])
        category = next((w if w.endswith("类") else w + "类" for w in reversed(leaf) if _CATEGORY.search(w) and len(w) <= 4), None)
        criteria = tuple(_criterion(r, r.text, 0, corrections) for r in chosen)
        out.append(Level(doc, name, _tier(" ".join(leaf), doc, fallback=base), category, criteria))
    return out


def _article_level(chunk: Chunk, doc: DocumentMeta, corrections) -> Level | None:
    head = chunk.text[:200]
    m = _ARTICLE_CRITERIA.search(head)
    heading = " ".join(chunk.section_path)
    if not m and not (re.search(r"(申报|认定|入库)条件", heading) and len(_ITEM.findall(chunk.text)) >= 2):
        return None
    if re.search(r"不得|情形之一", head[:60]):
        return None  # the exclusions (有下列情形之一的，不得申报) are not requirements to meet
    name = (m.group("level").strip() if m else "") or _TITLE_TAIL.sub("", doc.title)
    items = [t.strip() for t in _ITEM.split(chunk.text[m.end() if m else 0:]) if t.strip(" ：:；;。\n")]
    if len(items) < 2:
        return None
    criteria = tuple(_criterion(chunk, re.sub(r"[；;。]\s*$", "", text), i + 1, corrections)
                     for i, text in enumerate(items))
    return Level(doc, name, _tier(name, doc, fallback=doc.title), None, criteria)


def _tier(words: str, doc: DocumentMeta, fallback: str = "") -> float:
    """1 county, 2 city, 3 province, 4 national, from the level's own words first (市级专精特新
    中小企业 in a city's 培育库 table is a city title); a pool (培育库, 千企升级) is half a step
    below the title it prepares for."""
    for text in (words, fallback):
        for pattern, tier in TIER_WORDS:
            if re.search(pattern, text):
                pool = re.search(_POOL, words if text == words else words + text)
                return tier - (0.5 if pool else 0.0)
    return {"国家级": 4, "省级": 3, "市级": 2, "县级": 1}.get(doc.level or "", 2) - (0.5 if re.search(_POOL, words) else 0.0)


# the words that place a title: county 1 … national 4 (read from its own words first)
TIER_WORDS = ((r"国家|全国|工信部", 4), (r"省", 3), (r"市", 2), (r"县|区", 1))
_POOL = r"培育库|入库|后备|千企升级|创新型中小企业"


def criteria_summary(meta: DocumentMeta, chunks: list[Chunk]) -> dict[str, int]:
    """What the eligibility check will read of this document: levels, criteria, and how many of
    the criteria that state a figure became conditions; empty when it has no criteria."""
    levels = levels_from_chunks(chunks, {meta.doc_id: meta})
    unique = {c.key: c for level in levels for c in level.criteria}.values()
    if not unique:
        return {}
    with_figures = [c for c in unique if re.search(r"\d+(\.\d+)?\s*(万元|亿元|%|项|位|人)", c.text)]
    read = [c for c in with_figures if any(leaf.kind == "compare" for leaf in c.condition.leaves())]
    return {"levels": len(levels), "criteria": len(unique), "with_figures": len(with_figures), "read": len(read)}


def with_criteria(report: DocumentReport, chunks: list[Chunk]) -> DocumentReport:
    """``report`` (what ingest read of a file) with what the eligibility check reads of it."""
    criteria = criteria_summary(report.meta, chunks)
    warnings = list(report.warnings)
    if criteria and criteria["read"] < criteria["with_figures"]:
        warnings.append(f"{criteria['with_figures'] - criteria['read']} 条含数字的申报条件未能解析，体检时需人工核对 / "
                        "criteria with figures the check could not read: see 条件解析 in the workspace")
    return replace(report, criteria=criteria, warnings=warnings)
