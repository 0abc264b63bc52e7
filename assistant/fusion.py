"""Reciprocal rank fusion of several rankings (Cormack et al., 2009). Pure function."""

from __future__ import annotations


def reciprocal_rank_fusion(rankings: dict[str, list[str]], k: int = 60,
                           weights: dict[str, float] | None = None) -> list[tuple[str, float, dict[str, int]]]:
    """Fuse ranked id lists: score(id) = Σ weight / (k + rank), rank counted from 1.

    ``weights`` (default 1 for every ranking) lets a stronger retriever count for more.
    Returns (id, score, {ranking name: rank}) best first; ties keep the order in which
    ids first appear, rankings taken in the order given, so the result is deterministic.
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    if weights and any(w < 0 for w in weights.values()):
        raise ValueError(f"weights must not be negative, got {weights}")
    scores: dict[str, float] = {}
    ranks: dict[str, dict[str, int]] = {}
    for name, ranking in rankings.items():
        for rank, item in enumerate(ranking, start=1):
            if name in ranks.get(item, {}):
                continue  # an id listed twice in one ranking counts once, at its best rank
            scores[item] = scores.get(item, 0.0) + (weights or {}).get(name, 1.0) / (k + rank)
            ranks.setdefault(item, {})[name] = rank
    order = {item: i for i, item in enumerate(scores)}
    fused = sorted(scores, key=lambda item: (-scores[item], order[item]))
    return [(item, scores[item], ranks[item]) for item in fused]
