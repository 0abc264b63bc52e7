"""The responsible units (责任单位) a measure names in its （责任单位：…） note."""

from __future__ import annotations

import re

from .structure import RESPONSIBLE


def responsible_units(text: str) -> tuple[str, ...]:
    """Units named in （责任单位：…） / （责任部门：…） notes, in order, without duplicates."""
    found: list[str] = []
    for match in RESPONSIBLE.finditer(text):
        body = _balanced(text, match.end())
        for clause in re.split(r"[。；;]", body):
            for name in _split_top_level(clause):
                name = re.sub(r"等$", "", name.strip()).strip()
                if 2 <= len(name) <= 20 and not re.search(r"(负责|以下|落实|不再)", name) and name not in found:
                    found.append(name)
            break  # after the first clause come remarks ("以下均需…落实"), not units
    return tuple(found)


def _balanced(text: str, start: int) -> str:
    level = 1
    for i in range(start, len(text)):
        if text[i] in "（(":
            level += 1
        elif text[i] in "）)〕]":
            level -= 1
            if level == 0:
                return text[start:i]
    return text[start:]


def _split_top_level(text: str) -> list[str]:
    """Split on 、，, outside parentheses: 各县（市、区）人民政府 stays whole."""
    parts, depth_, current = [], 0, ""
    for ch in text:
        depth_ += ch in "（(" 
        depth_ -= ch in "）)"
        if ch in "、，," and depth_ == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    return parts
