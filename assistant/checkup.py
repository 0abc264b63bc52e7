"""The whole eligibility check for one company: which levels apply, each checked, and what next.

Levels apply by region (a county's or city's own pool only to its companies; provincial and
national titles to all) and by category (制造类 levels for a manufacturer, where the table
distinguishes). The report names, per level, every criterion's status with its gap, the
overall verdict, the nearest level not yet reached and the reward clauses for it. Pure.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .criteria import TITLE_WORDS
from .criteria_book import TIER_WORDS, Criterion, Level
from .eligibility import Outcome, evaluate
from .profile import CompanyProfile
from .types import Chunk, DocumentMeta

_PLACE_SUFFIX = re.compile(r"(特别行政区|自治区|自治州|自治县|新区|省|市|县|区|镇)$")


@dataclass(frozen=True)
class CriterionCheck:
    criterion: Criterion
    outcome: Outcome

    @property
    def status(self) -> str:
        """met | not_met | unknown | manual (a band that does not apply counts as met)."""
        return "met" if self.outcome.status == "na" else self.outcome.status


@dataclass(frozen=True)
class LevelCheck:
    level: Level
    checks: tuple[CriterionCheck, ...]

    @property
    def verdict(self) -> str:
        statuses = {c.status for c in self.checks}
        if "not_met" in statuses:
            return "not_eligible"
        # a level none of whose criteria a machine could decide is not "eligible": that would rest
        # on the criteria to check by hand
        return "incomplete" if "unknown" in statuses or "met" not in statuses else "eligible"

    def count(self, status: str) -> int:
        return sum(c.status == status for c in self.checks)


@dataclass(frozen=True)
class CheckReport:
    profile: CompanyProfile
    results: tuple[LevelCheck, ...]
    nearest: LevelCheck | None
    rewards: tuple[tuple[Chunk, DocumentMeta], ...] = ()
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        """The JSON of ``policy-assistant check --json`` and ``POST /api/check``."""
        def level(result: LevelCheck) -> dict:
            return {"document": {"doc_id": result.level.doc.doc_id, "title": result.level.doc.title},
                    "level": result.level.name, "category": result.level.category, "verdict": result.verdict,
                    "criteria": [_criterion(c) for c in result.checks]}

        return {"profile": self.profile.to_dict(), "results": [level(r) for r in self.results],
                "nearest": level(self.nearest) if self.nearest else None,
                "rewards": [{"chunk_id": c.chunk_id, "doc_id": d.doc_id, "title": d.title, "text": c.text}
                            for c, d in self.rewards],
                "notes": list(self.notes)}


def _criterion(check: CriterionCheck) -> dict:
    out = {"text": check.criterion.text, "status": check.status, "chunk_id": check.criterion.chunk_id,
           "condition": check.criterion.condition.describe()}
    o = check.outcome
    if check.status == "not_met":
        out["gap"] = "；".join(o.gaps)
    if o.missing:
        out["missing"] = list(o.missing)
    if o.manual:
        out["check_by_hand"] = list(o.manual)
    if o.notes:
        out["notes"] = list(o.notes)
    return out


# words that tell one title or pool from another where a question names it (省千企升级库, 单项冠军)


def run_check(profile: CompanyProfile, levels: list[Level], rewards_for=None, prefer: tuple[int, ...] = (),
              named: tuple[str, ...] = (), documented: tuple[str, ...] = ()) -> CheckReport:
    """Check ``profile`` against the levels that apply to it; ``rewards_for(level)`` gives the
    reward clauses of a level (chunk, document), shown for the nearest level not yet reached;
    levels of the tiers in ``prefer`` (the question named 省级: 3) come first; ``documented``: places
    with documents in the library (whose criteria may be in prose, not in a table read here)."""
    chain = region_chain(profile.region, [lv.doc for lv in levels])
    notes = []
    if profile.region is None:
        notes.append("未说明所在地区：列出知识库中所有地区的层级")
    elif not chain:
        notes.append(f"知识库中{profile.region}的文件没有认定条件表：只列出省级、国家级层级"
                     if profile.region in documented else f"知识库中没有{profile.region}的文件：只列出省级、国家级层级")
    scoped = [lv for lv in levels if _applies(lv, chain, profile.region)]
    chosen = _by_category(scoped, profile.category)
    if profile.category is None and any(lv.category for lv in chosen):
        notes.append("未说明企业类别（制造类/服务类）：各类别的条件都列出")
    results = tuple(LevelCheck(lv, tuple(CriterionCheck(c, evaluate(c.condition, profile)) for c in lv.criteria))
                    for lv in chosen)
    # local documents first, then by level from county up
    # the tier the question named first, its titles before its pools, a category's own column
    # before a column for every company (专精特新产品), then local documents, county up
    def asked(tier: float) -> int:  # the order the question gives: the level it asks for first
        rounded = math.floor(tier + 0.5)
        return prefer.index(rounded) if rounded in prefer else len(prefer)

    def titled(name: str) -> int:  # how many of the title words the question named this level has
        return -sum(word in name for word in named)

    def product(name: str) -> bool:  # the product title (专精特新产品) only when the question names it
        return "专精特新产品" in name and "专精特新产品" not in named

    results = tuple(sorted(results, key=lambda r: (titled(r.level.name), asked(r.level.tier), product(r.level.name),
                                                   bool(prefer) and r.level.tier != int(r.level.tier),
                                                   bool(prefer) and r.level.category is None,
                                                   not local_to(r.level.doc, chain), r.level.tier)))
    first = tuple(r for r in results if prefer and math.floor(r.level.tier + 0.5) == prefer[0]
                  and titled(r.level.name) == titled(results[0].level.name))
    held = held_tier(profile.titles)
    nearest = nearest_level(first, held) if any(r.verdict != "eligible" for r in first) else nearest_level(results, held)
    rewards = tuple(rewards_for(nearest.level)) if nearest and rewards_for else ()
    return CheckReport(profile, results, nearest, rewards, tuple(notes))


def held_tier(titles: tuple[str, ...]) -> float:
    """The highest tier among the titles a company already holds (省级专精特新中小企业 → 3)."""
    tiers = [tier for title in titles if re.search(r"专精特新|小巨人|单项冠军", title)
             for pattern, tier in TIER_WORDS if re.search(pattern, title)]
    return float(max(tiers, default=0))


def nearest_level(results: tuple[LevelCheck, ...], held: float = 0.0) -> LevelCheck | None:
    """The level above the highest one reached (met, or a title already held) with the fewest
    unmet criteria."""
    reached = max([held, *(r.level.tier for r in results if r.verdict == "eligible")])
    above = [r for r in results if r.verdict != "eligible" and r.level.tier > reached] \
        or [r for r in results if r.verdict != "eligible" and r.level.tier > held]
    return min(above, key=lambda r: (r.count("not_met"), r.count("unknown"), r.level.tier), default=None)


def region_chain(region: str | None, docs: list[DocumentMeta]) -> tuple[str, ...]:
    """The places a company's region lies in, from the documents' regions: 金湖 → (金湖, 淮安, 江苏)."""
    if not region:
        return ()
    wanted = _PLACE_SUFFIX.sub("", region.strip())
    for doc in docs:
        parts = [_PLACE_SUFFIX.sub("", p.strip()) for p in (doc.region or "").split(",") if p.strip()]
        if wanted in parts:
            return tuple(parts[parts.index(wanted):])
    return ()


def local_to(doc: DocumentMeta, chain: tuple[str, ...]) -> bool:
    """Whether ``doc``'s own place (the first of its regions) is one of ``chain``."""
    first = _PLACE_SUFFIX.sub("", (doc.region or "").split(",")[0].strip())
    return bool(first) and first in chain


def _applies(level: Level, chain: tuple[str, ...], region: str | None) -> bool:
    """Provincial and national titles apply across the province, a city's title across the
    city (金湖's annex of 淮安's 市级 criteria to every company of 淮安), a pool to its own place."""
    if region is None:
        return True
    parts = [p.strip() for p in (level.doc.region or "").split(",") if p.strip()]
    if level.tier >= 2.5:
        province = _PLACE_SUFFIX.sub("", parts[-1]) if parts else ""
        return not chain or not province or province in chain
    if level.tier >= 1.5:
        city = next((p for p in parts if p.endswith("市")), parts[0] if parts else "")
        return bool(city) and _PLACE_SUFFIX.sub("", city) in chain
    return local_to(level.doc, chain)


def _by_category(levels: list[Level], category: str | None) -> list[Level]:
    """Where a table has a column for the company's category, only that column's level."""
    if category is None:
        return levels
    tables: dict[tuple[str, str], set[str]] = {}
    for lv in levels:
        tables.setdefault((lv.doc.doc_id, _table(lv)), set()).add(lv.category or "")
    return [lv for lv in levels if lv.category in (None, category)
            or category not in tables[(lv.doc.doc_id, _table(lv))]]


def _table(level: Level) -> str:
    return level.name.split(" › ")[0]


def reward_clauses(level: Level, chunks: list[tuple[Chunk, DocumentMeta]], limit: int = 3) -> list[tuple[Chunk, DocumentMeta]]:
    """Clauses that reward reaching ``level``: a 奖励/补助 with an amount, naming the level's tier
    and title (省级 + 小巨人)."""
    tier_words = {4: ("国家级",), 3: ("省级",), 2: ("市级",), 1: ("县级", "区级")}[min(4, max(1, math.floor(level.tier + 0.5)))]
    titles = [t for t in ("小巨人", "单项冠军", "专精特新", "创新型中小企业") if t in level.name] or ["专精特新"]
    scored = []
    for chunk, doc in chunks:
        text = chunk.text
        if chunk.kind == "table_row" or not re.search(r"奖励|奖补|补助|资助|给予", text) or not re.search(r"\d+(?:\.\d+)?万元", text):
            continue
        if not any(w in text for w in tier_words) or not any(t in text for t in titles):
            continue
        scored.append((sum(t in text for t in titles) + 1, -chunk.order, chunk, doc))
    scored.sort(key=lambda s: (-s[0], s[1]))
    return [(c, d) for _, _, c, d in scored[:limit]]
