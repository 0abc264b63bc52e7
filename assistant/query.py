"""What a question asks: its language, its terms (English ones mapped to Chinese through
the glossary), the places it names. Pure functions over the question text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .lexical import EN_STOPWORDS, ZH_STOPWORDS, normalise, places, segment, tokenize

CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class GlossaryEntry:
    english: tuple[str, ...]
    chinese: tuple[str, ...]
    kind: str = "term"  # term | place


class Glossary:
    """Bilingual domain terms from ``knowledge/glossary.tsv``."""

    def __init__(self, entries: list[GlossaryEntry]) -> None:
        self.entries = entries
        phrases = sorted({(p, i) for i, e in enumerate(entries) for p in e.english}, key=lambda x: -len(x[0]))
        self._phrases = phrases

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

    def place_names(self) -> tuple[str, ...]:
        return tuple(term for entry in self.entries if entry.kind == "place" for term in entry.chinese)

    def chinese_terms(self) -> list[str]:
        return sorted({term for entry in self.entries for term in entry.chinese if len(term) >= 2})

    def match(self, text: str) -> tuple[list[GlossaryEntry], str]:
        """Entries whose English phrase occurs in ``text`` (longest first) and the text left over."""
        rest = f" {normalise(text)} "
        found: list[GlossaryEntry] = []
        for phrase, index in self._phrases:
            pattern = rf"(?<![a-z0-9&']){re.escape(phrase)}(?![a-z0-9&])"
            if re.search(pattern, rest):
                rest = re.sub(pattern, " ", rest)
                if self.entries[index] not in found:
                    found.append(self.entries[index])
        return found, rest


@dataclass(frozen=True)
class QueryAnalysis:
    """A standalone question prepared for retrieval and for checking the evidence."""

    question: str
    language: str  # "zh" | "en"
    search_text: str  # the question plus Chinese expansions
    term_groups: tuple[tuple[str, ...], ...]  # each group: alternatives, one must be in the evidence
    unknown_terms: tuple[str, ...] = ()  # English content words with no known translation
    places: tuple[str, ...] = field(default_factory=tuple)

    @property
    def tokens(self) -> list[str]:
        return tokenize(self.search_text)


def detect_language(text: str) -> str:
    """'zh' when the text has Chinese characters in it, else 'en'."""
    return "zh" if len(CJK.findall(text)) >= max(1, len(re.findall(r"[A-Za-z]+", text)) // 4) else "en"


def analyse(question: str, glossary: Glossary) -> QueryAnalysis:
    language = detect_language(question)
    entries, rest = glossary.match(question)
    groups: list[tuple[str, ...]] = []
    found_places: list[str] = []
    for entry in entries:
        if entry.kind == "place":
            found_places.extend(entry.chinese)
        groups.append(entry.chinese)
    unknown: list[str] = []
    if CJK.search(question):
        for token in _content_tokens(question):
            groups.append((token,))
        found_places.extend(p for p in places(question, glossary.place_names()) if p not in found_places)
    for word in re.findall(r"[a-z][a-z'-]+", rest):
        if word not in EN_STOPWORDS and len(word) > 2:
            unknown.append(word)
    expansion = " ".join(term for entry in entries for term in entry.chinese)
    search_text = f"{question} {expansion}".strip()
    return QueryAnalysis(question, language, search_text, tuple(dict.fromkeys(groups)), tuple(unknown),
                         tuple(found_places))


def _content_tokens(text: str) -> list[str]:
    """Chinese content words of a question (plain segmentation, no sub-words)."""
    out = []
    for token in segment(text):
        token = token.strip()
        if len(token) < 2 or token in ZH_STOPWORDS or not re.search(r"[\u4e00-\u9fff0-9]", token):
            continue
        if re.fullmatch(r"[a-z]+", token) and token in EN_STOPWORDS:
            continue
        out.append(token)
    return out
