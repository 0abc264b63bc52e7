"""Questions offered under a decline: ones the knowledge base does answer, nearest first.

The candidates are the topic shortcuts' questions; each is asked once per index generation and
kept only when it is answered, so a suggestion never leads to another decline, whatever the
documents are. They are ranked by what the declined question retrieved: a candidate whose
answer cites the clauses (or the sections) the declined question found comes first; the
embedding similarity of the two questions breaks ties.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ..types import Answer


@dataclass(frozen=True)
class _Answered:
    question: str
    chunks: frozenset[str]
    sections: frozenset[tuple[str, ...]]


def _section(doc_id: str, path: tuple[str, ...]) -> tuple[str, ...]:
    return (doc_id, *path[:2])


class Suggestions:
    """``ask(question, language)`` answers a candidate; ``embed(texts)`` embeds texts;
    ``generation()`` changes whenever the index does."""

    def __init__(self, candidates: dict[str, Sequence[str]], ask: Callable[[str, str], Answer],
                 embed: Callable[[list[str]], list[list[float]]], generation: Callable[[], object]) -> None:
        self._candidates, self._ask, self._embed, self._generation = candidates, ask, embed, generation
        self._cache: dict[str, tuple[object, list[_Answered], np.ndarray]] = {}
        self._lock = threading.Lock()

    def _answerable(self, language: str) -> tuple[list[_Answered], np.ndarray]:
        generation = self._generation()
        with self._lock:
            cached = self._cache.get(language)
            if cached is None or cached[0] != generation:
                kept = []
                for question in self._candidates.get(language, ()):
                    answer = self._ask(question, language)
                    if not answer.refused and answer.citations:
                        kept.append(_Answered(question, frozenset(c.chunk_id for c in answer.citations),
                                              frozenset(_section(c.doc_id, c.section_path) for c in answer.citations)))
                vectors = np.zeros((0, 1), np.float32)
                if kept:
                    vectors = np.asarray(self._embed([k.question for k in kept]), dtype=np.float32)
                    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
                cached = self._cache[language] = (generation, kept, vectors)
        return cached[1], cached[2]

    def for_answer(self, declined: Answer, language: str, count: int = 3) -> list[str]:
        """Up to ``count`` answered questions in ``language``, nearest to ``declined``'s first."""
        kept, vectors = self._answerable(language)
        if not kept:
            return []
        query = np.asarray(self._embed([declined.question])[0], dtype=np.float32)
        similarity = vectors @ (query / (np.linalg.norm(query) + 1e-9))
        found = [(hit.chunk.chunk_id, _section(hit.chunk.doc_id, hit.chunk.section_path)) for hit in declined.retrieved[:10]]

        def overlap(candidate: _Answered) -> float:  # the declined question's clauses, by rank, in its answer
            return sum((2.0 if chunk in candidate.chunks else 1.0 if section in candidate.sections else 0.0) / (rank + 1)
                       for rank, (chunk, section) in enumerate(found))

        order = sorted(range(len(kept)), key=lambda i: (-overlap(kept[i]), -float(similarity[i]), i))
        return [kept[i].question for i in order if kept[i].question != declined.question][:count]
