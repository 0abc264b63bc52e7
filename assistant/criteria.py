"""Which criteria table and which of its columns answer an eligibility question. Pure functions.

A criteria question ("省级小巨人够得着吗？") gets the rows of the table whose title names the
level asked, and of that table the columns whose headings name what the question names;
every column that fits equally when it names no category (制造类 and 创新类 alike).
"""

from __future__ import annotations

import re

from .evidence import squash, term_present
from .profile_text import category_of
from .query import QueryAnalysis
from .types import Chunk, ScoredChunk

LEVEL_WORDS = {"国家级": ("国家",), "省级": ("省",), "市级": ("市级",), "县级": ("县", "区级")}


# words that make a title a different title (省级专精特新小巨人企业 is not 省级专精特新中小企业)
TITLE_WORDS = ("千企升级", "单项冠军", "培育库", "专精特新产品", "创新型中小企业", "小巨人", "梯度培育")


# what names a title in a question: a title word, or a level or 专精特新 ("省级专精特新够得着吗")
_NAMES_A_TITLE = re.compile("|".join(TITLE_WORDS) + r"|专精特新|国家级|省级|市级|县级|区级|little giant|specialised|specialized|"
                            r"national|provincial|municipal|county|district", re.IGNORECASE)


def names_a_title(question: str) -> bool:
    """Whether ``question`` names any title: "我们…够条件吗？" names none, and the criteria of the
    document asked about are no other title's."""
    return bool(_NAMES_A_TITLE.search(question))


def other_title(asked: str, section_path: tuple[str, ...]) -> str | None:
    """The criteria's title (their section path, without "附件N") when it carries a title word that
    the question ``asked`` does not: the reader must know these are another title's criteria."""
    # the most specific part that names a title decides ("…小巨人和单项冠军申报条件 › 小巨人企业" is 小巨人's)
    titled = [i for i, part in enumerate(section_path) if any(word in part for word in TITLE_WORDS)]
    if not titled:
        return None
    words = [word for word in TITLE_WORDS if word in section_path[titled[-1]]]
    if all(word in asked for word in words):
        return None
    return re.sub(r"^附件\s*\d+\s*", "", " › ".join(section_path[:titled[-1] + 1]))


def other_titles(asked: str, cited: list[tuple[int, Chunk]]) -> list[tuple[str, list[int]]]:
    """Each other title whose criteria rows are cited (see :func:`other_title`), with their numbers."""
    titles: dict[str, list[int]] = {}
    for number, chunk in cited:
        title = other_title(asked, chunk.section_path) if chunk.kind == "table_row" else None
        if title:
            titles.setdefault(title, []).append(number)
    return list(titles.items())


def title_names_level(title: str, levels: tuple[str, ...]) -> bool:
    """Whether a criteria table's title names one of ``levels`` (国家级 → a 国家… table)."""
    return any(word in title for level in levels for word in LEVEL_WORDS.get(level, ()))


def best_table_row(query: QueryAnalysis, rows: list[ScoredChunk], retrieved: list[ScoredChunk]) -> ScoredChunk:
    """The best row of the table whose title fits the question best: the level it names
    (国家级 → a 国家… table) first, then how many of its terms the title states."""
    candidates = [*rows, *(h for h in retrieved if h.chunk.kind == "table_row")]

    def fit(hit: ScoredChunk) -> tuple[int, int]:
        title = hit.chunk.section_path[0] if hit.chunk.section_path else ""
        level = title_names_level(title, query.levels)
        named = sum(1 for g in query.term_groups if names_term(g, title))
        return (int(level), named)

    return max(candidates, key=fit)  # max keeps the first (best ranked) of equal fits


def criteria_columns(query: QueryAnalysis, top: ScoredChunk, retrieved: list[ScoredChunk]) -> list[ScoredChunk]:
    """The rows of the best row's table whose column headings match the question best.

    A question that names no category (制造类, 创新类, 产品) gets every column that fits
    its title equally well: a software firm asking about 小巨人 sees both categories.
    """
    table = (top.chunk.doc_id, top.chunk.section_path[:1])
    rows = [h for h in retrieved if h.chunk.kind == "table_row"
            and (h.chunk.doc_id, h.chunk.section_path[:1]) == table]
    columns = list(dict.fromkeys(h.chunk.section_path for h in sorted(rows, key=lambda h: h.chunk.order)))
    # how many of the question's groups a heading names; not idf-weighted: 小巨人 is common
    # in the texts yet it is what tells the 小巨人 column from the 单项冠军 one
    fit = {c: sum(scale for g, scale in zip(query.term_groups, query.group_scales) if names_term(g, " ".join(c[1:])))
           for c in columns}
    # "我们是一家汽车零部件企业": the category the owner's trade implies counts as named
    implied = None if re.search(r"(制造|服务|创新)类", query.question) else category_of(query.question)
    if implied:
        fit = {c: f + (1.0 if any(implied in part for part in c[1:]) else 0.0) for c, f in fit.items()}
    best = max(fit.values(), default=0.0)
    rank = {h.chunk.section_path: i for i, h in reversed(list(enumerate(retrieved)))}  # best rank per column
    title = squash(top.chunk.section_path[0]) if top.chunk.section_path else ""
    # on equal fit, the columns the title itself names (小巨人企业 in 省级…小巨人企业申报条件) lead
    chosen = sorted((c for c in columns if fit[c] >= best - 1e-9),
                    key=lambda c: (not any(len(p) >= 3 and squash(p) in title for p in c[1:]), rank.get(c, 0)))[:3]
    return sorted((h for h in rows if h.chunk.section_path in chosen),
                  key=lambda h: (chosen.index(h.chunk.section_path), h.chunk.order))


def names_term(group: tuple[str, ...], heading: str) -> bool:
    """Whether a heading names one of the group's terms (one-character terms such as 新 are too loose)."""
    return any(len(t) >= 2 and term_present(t, squash(heading)) for t in group)
