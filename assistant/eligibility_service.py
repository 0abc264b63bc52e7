"""The eligibility check over an index: levels read once per index generation, corrections applied.

Corrections a commissioner makes to a parsed condition live in ``criteria.json`` beside
``metadata.json``: ``{"corrections": {"<chunk_id>#<item>": <condition>}}`` (item 0 for a table
row, 1… for the items of an article). Chunk ids derive from the clause's text, so a correction
holds until the clause itself changes.
"""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path

from .checkup import CheckReport, local_to, region_chain, reward_clauses, run_check
from .conditions import Condition
from .criteria_book import Level, levels_from_chunks
from .profile import CompanyProfile
from .profile_text import profile_from_text

CORRECTIONS_FILE = "criteria.json"


class CriteriaError(ValueError):
    """criteria.json cannot be read."""


def load_corrections(knowledge_dir: Path) -> dict[str, dict]:
    path = knowledge_dir / CORRECTIONS_FILE
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        corrections = data["corrections"]
        if not isinstance(corrections, dict):
            raise TypeError("corrections must be an object")
        for value in corrections.values():
            Condition.from_dict(value)  # validated now, not at a user's check
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise CriteriaError(f"{path} is not a valid corrections file: {exc}") from None
    return corrections


def save_correction(knowledge_dir: Path, key: str, condition: Condition | None, who: str = "cli", doc_id: str = "") -> None:
    """Store (or with ``None`` remove) the correction of one criterion, and write the audit line."""
    from .knowledge import append_audit

    corrections = load_corrections(knowledge_dir)
    if condition is None:
        corrections.pop(key, None)
    else:
        corrections[key] = condition.to_dict()
    path = knowledge_dir / CORRECTIONS_FILE
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"corrections": corrections}, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)  # whole or not at all: a check never reads half a file
    append_audit(knowledge_dir, "revert-criterion" if condition is None else "correct-criterion", who, doc_id,
                 CORRECTIONS_FILE, key)


class EligibilityChecker:
    """Checks profiles against the criteria of the retriever's current chunks."""

    def __init__(self, retriever, knowledge_dir: Path) -> None:
        self.retriever = retriever
        self.knowledge_dir = knowledge_dir
        self._state: tuple | None = None  # levels, places, levels by document; per index generation
        self._english: dict[str, str] = {}
        self._spaced: list[tuple[str, str]] = []
        self._key: object = None
        self._lock = threading.Lock()

    def levels(self) -> list[Level]:
        """Every level of the library (rebuilt after the index or the corrections changed)."""
        return self._current()[0]

    def places(self) -> tuple[str, ...]:
        """Place names of the documents' regions (金湖县 and 金湖), the most local first (a county
        before its city before its province), for reading a company's region from its words."""
        return self._current()[1]

    def _current(self) -> tuple[list[Level], tuple[str, ...], dict[str, list[Level]]]:
        path = self.knowledge_dir / CORRECTIONS_FILE
        key = (id(self.retriever.chunks), len(self.retriever.chunks), path.stat().st_mtime_ns if path.exists() else 0)
        with self._lock:
            if self._state is None or key != self._key:
                candidates = [c for c in self.retriever.chunks if c.kind in ("table_row", "article", "list", "clause")]
                levels = levels_from_chunks(candidates, self.retriever.docs, load_corrections(self.knowledge_dir))
                by_doc: dict[str, list[Level]] = {}
                for level in levels:
                    by_doc.setdefault(level.doc.doc_id, []).append(level)
                self._state = (levels, _places(self.retriever.docs.values()), by_doc)
                self._key = key
            return self._state

    @property
    def english_places(self) -> dict[str, str]:
        """Pinyin spellings of places → their Chinese names ("jinhu" → 金湖; set by the Assistant)."""
        return self._english

    @english_places.setter
    def english_places(self, places: dict[str, str]) -> None:
        self._english = places
        # the few spellings of several words are searched as phrases; the rest are looked up by word
        self._spaced = [(spelling, name) for spelling, name in places.items() if " " in spelling]

    def profile(self, text: str) -> CompanyProfile:
        """The company a message describes; a place written in pinyin ("in Jinhu") counts too."""
        profile = profile_from_text(text, self.places())
        if profile.region is None and self.english_places:
            plain = text.lower().replace("'", "").replace("’", "")
            # looked up by the message's own words: a library names thousands of places
            found = next((self.english_places[word] for word in re.findall(r"[a-z]+", plain)
                          if word in self.english_places), None)
            found = found or next((name for spelling, name in self._spaced
                                   if re.search(rf"\b{re.escape(spelling)}\b", plain)), None)
            if found:
                from dataclasses import replace

                profile = replace(profile, region=found)
        return profile

    def check(self, profile: CompanyProfile | str, region: str | None = None, prefer: tuple[int, ...] = (),
              named: tuple[str, ...] = (), documents: tuple[str, ...] | None = None) -> CheckReport:
        """Check a profile (or a message stating figures); ``region`` overrides the profile's;
        ``documents`` limits the levels to those documents' (the chat: what retrieval found), taken
        in that order."""
        if isinstance(profile, str):
            profile = self.profile(profile)
        if region:
            from dataclasses import replace

            profile = replace(profile, region=region.strip())

        def rewards(level: Level):
            # the level's own document's rewards, then those of the places it lies in (杉屿's reward
            # is not 禾浦县's, however its 县级 reads)
            own = (level.doc.region or "").split(",")[0].strip()
            chain = region_chain(own, list(self.retriever.docs.values())) or ((own,) if own else ())
            docs = [level.doc.doc_id] + [d for d, doc in self.retriever.docs.items()
                                         if d != level.doc.doc_id and local_to(doc, chain)]
            pairs = [(c, self.retriever.docs[d]) for d in docs[:50] for c in self.retriever.doc_chunks(d)]
            return reward_clauses(level, pairs)

        levels, _, by_doc = self._current()
        if documents is not None:
            levels = [level for doc_id in documents for level in by_doc.get(doc_id, [])]
        place = profile.region
        documented = (place,) if place and any(place in (d.region or "") for d in self.retriever.docs.values()) else ()
        return run_check(profile, levels, rewards, prefer, named, documented)

    def covers(self, place: str) -> bool:
        """Whether criteria tables of ``place`` (or of a place it lies in) are read by the check."""
        return bool(region_chain(place, [level.doc for level in self._current()[0]]))

    def answer_question(self, text: str, earlier: list[str], region: str | None, eligibility: bool,
                        language: str = "zh", found: list[str] | None = None):
        """The check as the answer to a chat question that states the company's figures and asks
        whether it qualifies (figures of earlier turns count too); ``None`` when it does not."""
        from .check_text import report_answer

        # the question itself must ask whether the company qualifies: figures told as context
        # of another ask ("员工一百多人…请教授兼职，市里支持吗？") are no eligibility question
        if not (eligibility and asks_eligibility(text, earlier)):
            return None
        profile = self.profile("\n".join([*earlier, text]))
        if not any(key not in ("high_tech", "no_violations") for key in profile.figures):
            return None  # no figure to check: the criteria themselves answer
        # several levels named ("是省专，想冲国家级"): the one named last is the one asked for
        from .asking import LEVELS

        named = {level: max(m.start() for m in pattern.finditer(text)) for level, pattern in LEVELS.items()
                 if pattern.search(text)}
        tiers = tuple(_TIERS[level] for level in sorted(named, key=lambda lv: -named[lv]))
        from .checkup import TITLE_WORDS

        # in a large library, the levels of the documents retrieval found for the question and
        # those of the company's own place, not every level of every document
        documents = None
        if found is not None and len(self.retriever.docs) > _ALL_DOCUMENTS_UP_TO:
            place = region or profile.region
            own = sorted(d.doc_id for d in self.retriever.docs.values() if place and place in (d.region or ""))
            # in retrieval's order, then the place's: the levels are taken in this order, and a
            # set's order changes from run to run (the same question got another county's table)
            documents = tuple(dict.fromkeys([*found, *own]))
        report = self.check(profile, region, prefer=tiers, named=tuple(w for w in TITLE_WORDS if w in text),
                            documents=documents)
        if not report.results:
            return None
        return report_answer(report, text, language=language)


_ALL_DOCUMENTS_UP_TO = 50  # a library this small is checked whole: every level it defines


def _places(docs) -> tuple[str, ...]:
    from .checkup import _PLACE_SUFFIX

    rank: dict[str, int] = {}
    for doc in docs:
        parts = [p.strip() for p in (doc.region or "").split(",") if p.strip()]
        for depth, part in enumerate(parts):
            level = 0 if part.endswith(("县", "区")) else 2 if part.endswith("省") else 1 if part.endswith("市") else depth
            for name in (part, _PLACE_SUFFIX.sub("", part)):
                if len(name) >= 2:
                    rank[name] = min(rank.get(name, 9), level)
    return tuple(sorted(rank, key=lambda n: (rank[n], -len(n), n)))


def asks_eligibility(text: str, earlier: list[str]) -> bool:
    """Whether a question asks if (or how far) the company qualifies: an eligibility verb (能申请,
    够不够, qualify), or a title named in its last clause, the one that asks ("县培育库收不收？",
    "国家级小巨人研发这关稳吗？"); a short follow-up naming a level ("那市级的呢？") after such a question."""
    if _ASKS_ELIGIBILITY.search(text):
        return True
    last = re.split(r"[，,。；;—]|(?<=[.!?])\s", text.strip(" ？?！!"))[-1]
    if _TITLE_WORDS.search(last) and not _OTHER_ASKS.search(last):  # "小巨人奖励多少" asks for the reward
        return True
    return len(text) <= 12 and _LEVEL_WORDS.search(text) is not None and any(asks_eligibility(t, []) for t in earlier[-2:])


_TITLE_WORDS = re.compile(r"小巨人|培育库|入库|单项冠军|千企升级|专精特新(?:中小)?企业|little giant|cultivation pool|pool|champion",
                          re.IGNORECASE)
_OTHER_ASKS = re.compile(r"奖|补|资金|钱|贷|流程|材料|时间|什么时候|截止|部门|电话|地址|哪里|怎么申|支持|扶持|培训|服务|"
                         r"reward|grant|loan|subsid|when|where|who|money|cash|fund|pay|support|help|training|fair",
                         re.IGNORECASE)
_LEVEL_WORDS = re.compile(r"国家级|省级|市级|县级|县里|市里|省里|national|provincial|municipal|county", re.IGNORECASE)
_TIERS = {"国家级": 4, "省级": 3, "市级": 2, "县级": 1}
_ASKS_ELIGIBILITY = re.compile(r"能不能|能否|能申请|可以申请|可不可以|能申报|可以申报|能报|能进|能入|够入|够格|够不够|够得着|够吗|够了吗|"
                               r"够[^，,。；;？?]{1,12}(?:吗|么)|够得上|能评|评得上|"  # 够省级专精特新吗, 能评省级吗
                               r"行不行|行吗|可以吗|有戏|有没有戏|还差|差多少|差什么|差在哪|符合|满足|达标|算不算|过得了|能过|"
                               r"有没有资格|资格|条件|门槛|要求"
                               r"|qualify|eligible|eligibility|can (?:we|i) (?:apply|join)|do we meet|meet the|enough for|what.{0,20}missing",
                               re.IGNORECASE)
