"""The bilingual glossary (``knowledge/glossary.tsv``): English domain terms and place
spellings mapped to Chinese, matched in a question as whole words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .lexical import normalise


@dataclass(frozen=True)
class GlossaryEntry:
    english: tuple[str, ...]
    chinese: tuple[str, ...]
    kind: str = "term"  # term | place


_WORD = re.compile(r"[a-z0-9&]+")


@lru_cache(maxsize=8192)
def _phrase_pattern(phrase: str) -> re.Pattern:
    """A glossary phrase as a whole word or words, compiled when a question first contains it
    (a library's places add thousands of phrases; compiling them all would slow every start)."""
    # (and a noun phrase's plural: "tech upgrades" is a "tech upgrade" too, "interest subsidies" an
    # "interest subsidy"; not a single word's: "reviews" may be a verb, "the office reviews …")
    if " " not in phrase.strip():
        return re.compile(rf"(?<![a-z0-9&']){re.escape(phrase)}(?![a-z0-9&])")
    if re.search(r"[a-z]{2}[^aeiou]y$", phrase):
        return re.compile(rf"(?<![a-z0-9&']){re.escape(phrase[:-1])}(?:y|ies)(?![a-z0-9&])")
    plural = "" if not re.search(r"(^|\s)[a-z]{4,}$", phrase) else "(?:es)?" if re.search(r"(s|x|ch|sh)$", phrase) else "s?"
    return re.compile(rf"(?<![a-z0-9&']){re.escape(phrase)}{plural}(?![a-z0-9&])")


def _singulars(word: str) -> list[str]:
    """The singular a plural English word may stand for (upgrades → upgrade, subsidies → subsidy)."""
    if word.endswith("ies") and len(word) > 4:
        return [word[:-3] + "y"]
    if word.endswith("es") and len(word) > 4:
        return [word[:-2], word[:-1]]
    return [word[:-1]] if word.endswith("s") and len(word) > 3 else []


class Glossary:
    """Bilingual domain terms from ``knowledge/glossary.tsv``."""

    def __init__(self, entries: list[GlossaryEntry]) -> None:
        self.entries = entries
        phrases = sorted({(p, i) for i, e in enumerate(entries) for p in e.english}, key=lambda x: (-len(x[0]), x[0], x[1]))
        # "smart-manufacturing" is "smart manufacturing": a hyphen and a space are read alike
        self._phrases = [(p.replace("-", " "), i) for p, i in phrases]
        # phrases by their first word: a question is checked against the phrases its words begin,
        # not against every one (a province's places add thousands)
        self._by_first: dict[str, list[int]] = {}
        for position, (phrase, _) in enumerate(self._phrases):
            words = _WORD.findall(phrase)
            self._by_first.setdefault(words[0] if words else "", []).append(position)

    @classmethod
    def load(cls, path: Path) -> Glossary:
        entries = []
        if path.is_file():
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if not line.strip() or line.startswith("#"):
                    continue
                fields = line.split("\t")
                if len(fields) < 2:
                    raise ValueError(f"{path}:{number}: expected 'english<TAB>chinese[<TAB>kind]', got {line!r}")
                kind = fields[2].strip() if len(fields) > 2 else "term"
                entries.append(GlossaryEntry(
                    tuple(p.strip().lower() for p in fields[0].split("|") if p.strip()),
                    tuple(p.strip() for p in fields[1].split("|") if p.strip()), kind))
        return cls(entries)

    def english_places(self) -> dict[str, str]:
        """Pinyin spellings of the places to their Chinese names ("jinhu" → 金湖)."""
        return {spelling: e.chinese[0] for e in self.entries if e.kind == "place" for spelling in e.english}

    def place_names(self) -> tuple[str, ...]:
        return tuple(term for entry in self.entries if entry.kind == "place" for term in entry.chinese)

    def chinese_terms(self) -> list[str]:
        return sorted({term for entry in self.entries for term in entry.chinese if len(term) >= 2})

    def match(self, text: str) -> tuple[list[GlossaryEntry], str]:
        """Entries whose English phrase occurs in ``text`` (longest first) and the text left over."""
        rest = f" {normalise(text).replace('-', ' ')} "
        found: list[GlossaryEntry] = []
        positions = set(self._by_first.get("", ()))
        for word in set(_WORD.findall(rest)):
            for form in {word, *_singulars(word)}:
                positions.update(self._by_first.get(form, ()))
        for phrase, index in (self._phrases[position] for position in sorted(positions)):
            if phrase.rstrip("y") in rest and (pattern := _phrase_pattern(phrase)).search(rest):
                rest = pattern.sub(" ", rest)
                if self.entries[index] not in found:
                    found.append(self.entries[index])
        return found, rest
