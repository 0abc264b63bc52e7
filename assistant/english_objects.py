"""What an English yes/no question asks to be covered: "Does X's subsidy cover lawyers' fees?",
"Does Y subsidise software purchases?", "Does a financial lease count as a first loan?".

A Chinese ask's object is checked by ``subjects.object_fit``; an English one is read here: the
words after cover/subsidise/include/waive (or before "count as"), translated by the glossary. A
clause on the subsidy that never names the object does not answer. Pure functions.
"""

from __future__ import annotations

import re

from .evidence import TermWeights
from .glossary import Glossary
from .synonyms import Synonyms
from .types import ScoredChunk

_STOP = r"(?=\s*\?|\s*$|\s+(?:for|in|under|by|of|from|with|when|if|at|on|as)\b)"
_OBJECT = re.compile(r"\b(?:cover|covers|include|includes|subsidi[sz]e|subsidi[sz]es|pay for|pays for|reimburse|reimburses|"
                     r"waive|waives|refund|refunds)\s+(?:(?:part|some|all|half|most) of |the cost of |the costs of )?(?:the |a |an |their |its |our )?"
                     r"(?!now\b|currently\b|still\b|also\b|too\b|it\b|them\b|this\b|that\b)(?P<object>[a-z][a-z' -]{2,40}?)" + _STOP
                     + r"|\b(?:does|do|is|are|would|will) (?:a |an |the |our )?(?P<counted>[a-z][a-z' -]{2,30}?) (?:count|counts|qualify|qualifies) as\b",
                     re.IGNORECASE)


_MODIFIERS = frozenset({"申请", "申报", "海外", "境外", "国外", "国际", "国内", "境内"})


def english_object(ask: str, glossary: Glossary, synonyms: Synonyms) -> tuple[tuple[str, ...], ...]:
    """The object's term groups (glossary terms with their synonyms); empty when the ask names no
    object this way or none of its words is in the glossary (a gap there is the novelty check's)."""
    match = _OBJECT.search(ask)
    if not match:
        return ()
    entries, _ = glossary.match(match.group("object") or match.group("counted"))
    return tuple(tuple(dict.fromkeys(list(e.chinese) + list(synonyms.alternatives(e.chinese[0]))))
                 for e in entries if e.kind != "place")


def object_missing(groups: tuple[tuple[str, ...], ...], hits: list[ScoredChunk], weights: TermWeights) -> bool:
    """Whether the asked object is absent: its most distinctive term group is named by none of the
    best clauses (their text or headings, their document's title among them: a 认定奖励 guide's
    "奖励资金需要缴纳企业所得税吗" is about the recognition reward)."""
    if not groups:
        return False
    # (the thing is the object, not where or that one applies: "overseas patent applications" is
    # about patents, which a clause on 境外注册商标 does not name)
    things = [g for g in groups if not _MODIFIERS.intersection(g)] or list(groups)
    key = max(things, key=weights.group_weight)
    best = hits[:3]
    return not any(t in " ".join((h.doc.title, *h.chunk.section_path, h.chunk.text)) for h in best for t in key if t)
