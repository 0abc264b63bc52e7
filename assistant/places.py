"""Places the documents name: taught to the glossary and the segmenter at start-up, and written
in pinyin for English readers."""

from __future__ import annotations

import re
from functools import lru_cache

from .glossary import Glossary, GlossaryEntry
from .lexical import add_words


def with_document_places(glossary: Glossary, docs) -> Glossary:
    """``glossary`` plus every place a document's region names (云溪县 → 云溪, "yunxi"), so that a
    new city's documents are recognised in Chinese and English questions without editing files."""
    import itertools

    from pypinyin import Style, pinyin

    known = set(glossary.place_names())
    extra = []
    for doc in docs:
        for name in re.split(r"[,，、\s]+", doc.region or ""):
            stem = name.rstrip("市县区省")
            if len(stem) >= 2 and stem not in known:
                known.add(stem)
                # every reading of a character with several (泊: bo and po, so "Bochuan" and "Pochuan")
                readings = pinyin(stem, heteronym=True, style=Style.NORMAL)
                spellings = ["".join(p).lower() for p in itertools.islice(itertools.product(*readings), 8)]
                extra.append(GlossaryEntry(tuple(dict.fromkeys(spellings)), (stem,), "place"))
    if extra:
        add_words([e.chinese[0] for e in extra])
    return Glossary(glossary.entries + extra) if extra else glossary


_PLACE_KINDS = {"省": " Province", "县": " County", "区": " District", "市": ""}


@lru_cache(maxsize=4096)
def english_place(name: str) -> str:
    """A Chinese place name in pinyin: 金湖县 → Jinhu County, 连云港市 → Lianyungang."""
    from pypinyin import lazy_pinyin

    stem, kind = (name[:-1], _PLACE_KINDS[name[-1]]) if len(name) > 2 and name[-1] in _PLACE_KINDS else (name, "")
    return "".join(lazy_pinyin(stem)).capitalize() + kind
