"""Whether the retrieved clauses answer a question: the signals and a calibrated model over them.

The decision is taken from what the question asks, not from how many of its words a clause
repeats. Signals (pure functions over the analysis and the retrieved clauses):

- ``ask_coverage``: idf-weighted share of the ask's terms (synonyms count) in the best clause;
- ``coverage``: the same over the whole question, context terms weighing less;
- ``similarity``: the best dense cosine similarity;
- ``known``: share of the ask's terms that occur anywhere in the knowledge base;
- ``detail``: share of the asked kinds of detail (amount, date, unit, …) that a topical clause
  sentence carries;
- ``criteria``: an eligibility question found the criteria table of the level it names;
- ``level``: a topical clause names the recognition level the question asks about;
- ``subject``: the best topical clause covers the ask's distinctive words (its subject);
- ``novel``: the ask names a thing no document mentions.

A logistic model over them gives the probability that the question is answerable; its
weights and threshold are fitted by ``eval/calibrate.py`` on the project's labelled questions
and stored in ``knowledge/decision.json``. The detail check is in :mod:`assistant.details`, the
checks on what the ask is about in :mod:`assistant.subjects`.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from .criteria import title_names_level
from .details import DetailCheck, check_details
from .evidence import (
    TermWeights,
    known_share,
)
from .levels import level_fit as levels_fit
from .novelty import novel_noun
from .query import QueryAnalysis
from .subjects import subject_fit, topical
from .types import ScoredChunk

FEATURES = ("ask_coverage", "coverage", "similarity", "known", "detail", "criteria", "level", "subject", "novel")


# until calibrated: answer when the ask is mostly covered and the asked detail is there
DEFAULT_MODEL = {"weights": {"ask_coverage": 6.0, "coverage": 2.0, "similarity": 2.0, "known": 2.0, "detail": 3.0,
                             "criteria": 2.0, "level": 1.0, "subject": 2.0, "novel": -2.0},
                 "bias": -8.0, "threshold": 0.5}


def criteria_fit(query: QueryAnalysis, hits: list[ScoredChunk]) -> float:
    """1 when an eligibility question found a criteria table of the level it names (0.5: of
    another level or none named), else 0."""
    if not (query.wants_criteria):
        return 0.0
    rows = [h for h in hits[:12] if h.chunk.kind == "table_row"]
    if not rows:
        return 0.0
    if not query.levels:
        return 0.5
    titles = [h.chunk.section_path[0] for h in rows if h.chunk.section_path]
    return 1.0 if any(title_names_level(t, query.levels) for t in titles) else 0.5


def features(query: QueryAnalysis, hits: list[ScoredChunk], weights: TermWeights,
             details: DetailCheck | None = None) -> dict[str, float]:
    """The signals the decision is taken from, each between 0 and 1."""
    details = details or check_details(query, hits, weights)
    return {
        "ask_coverage": max((h.ask_coverage for h in hits), default=0.0),
        "coverage": max((h.coverage for h in hits), default=0.0),
        "similarity": max((h.similarity for h in hits), default=0.0),
        "known": known_share(query.ask_groups, query.unknown_terms, weights),
        "detail": details.share,
        "criteria": criteria_fit(query, hits),
        "level": level_fit(query, hits, details),
        "subject": subject_fit(query, hits, weights),
        "novel": novel_noun(query, weights),
    }


def level_fit(query: QueryAnalysis, hits: list[ScoredChunk], details: DetailCheck | None = None) -> float:
    """1 when the answering clause (the one carrying the asked detail, else a topical one) names
    the level the question asks about (see :func:`~assistant.levels.level_fit`), else 0."""
    found = {kind: v for kind, v in (details.found.items() if details else []) if v}
    # (the sentence carrying a sum or a share says whose it is; a criteria clause is judged whole)
    parts = [part for kind, (_, part) in found.items() if kind in ("amount", "rate", "support")]
    return levels_fit(query, hits, [hit for hit, _ in found.values()], topical(hits)[:5], parts)


@dataclass(frozen=True)
class DecisionModel:
    """Logistic model: P(answerable) = σ(bias + Σ weight · feature); answer when ≥ threshold."""

    weights: dict[str, float]
    bias: float
    threshold: float = 0.5

    def __post_init__(self) -> None:
        unknown = set(self.weights) - set(FEATURES)
        if unknown:
            raise ValueError(f"unknown decision features {sorted(unknown)}; known: {list(FEATURES)}")
        if not 0.0 < self.threshold < 1.0:
            raise ValueError(f"decision threshold must be between 0 and 1, got {self.threshold}")

    def probability(self, values: dict[str, float]) -> float:
        z = self.bias + sum(w * values.get(name, 0.0) for name, w in self.weights.items())
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def answerable(self, values: dict[str, float]) -> bool:
        return self.probability(values) >= self.threshold

    @classmethod
    def from_dict(cls, data: dict) -> DecisionModel:
        return cls({k: float(v) for k, v in data["weights"].items()}, float(data["bias"]),
                   float(data.get("threshold", 0.5)))

    @classmethod
    def load(cls, path: Path) -> DecisionModel:
        """The calibrated model at ``path``, or the default one when there is none yet."""
        if not path.is_file():
            return cls.from_dict(DEFAULT_MODEL)
        try:
            return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}: not a decision model ({exc})") from exc
