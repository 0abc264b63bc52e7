"""Units the splitter joins after reading them: a （责任单位：…） note to its clause, and a run of
short list items under one heading into one list chunk."""

from __future__ import annotations

import re

from .structure import BULLET, FIELD_LINE, RESPONSIBLE, parse_marker

Unit = tuple[tuple[str, ...], str, str]  # (section path, kind, text)


def attach_notes(units: list[Unit]) -> list[Unit]:
    """A paragraph that is only a （责任单位：…） note belongs to the clause before it."""
    out: list[Unit] = []
    for path, kind, text in units:
        if out and RESPONSIBLE.match(text) and len(text) < 120 and out[-1][0] == path:
            out[-1] = (path, out[-1][1], out[-1][2] + text)
        else:
            out.append((path, kind, text))
    return out


_LIST_ITEM_CHARS = 60


def merge_fields(units: list[Unit]) -> list[Unit]:
    """A run of field lines (受理部门：… 联系电话：… 电子邮箱：…) is one chunk: "whom do I call, where do I
    write" is asked of the block, and a phone number alone says nothing of whose it is."""
    out: list[Unit] = []
    for path, kind, text in units:
        if out and FIELD_LINE.match(text) and out[-1][0] == path and out[-1][1] == kind \
                and all(FIELD_LINE.match(line) for line in out[-1][2].split("\n")):
            out[-1] = (path, kind, out[-1][2] + "\n" + text)
        else:
            out.append((path, kind, text))
    return out


def merge_lists(units: list[Unit]) -> list[Unit]:
    """A run of short list items under one heading (申报材料: 1. 申报书；2. 营业执照副本复印件；…)
    becomes one chunk under that heading: a question asks for the list, and an item of a few
    words alone is neither found nor worth quoting. Items with a title and sentences of their
    own ("（一）网上填报。企业登录…") stay separate."""
    out: list[Unit] = []
    run: list[Unit] = []

    def flush() -> None:
        if len(run) >= 2:
            out.append((run[0][0][:-1], "list", "\n".join(text for _, _, text in run)))
        else:
            out.extend(run)
        run.clear()

    for unit in units:
        path, kind, text = unit
        if _is_list_item(path, kind, text) and (not run or run[0][0][:-1] == path[:-1]):
            run.append(unit)
            continue
        flush()
        if _is_list_item(path, kind, text):
            run.append(unit)
        else:
            out.append(unit)
    flush()
    return out


def _is_list_item(path: tuple[str, ...], kind: str, text: str) -> bool:
    marker, bullet = parse_marker(text), BULLET.match(text)
    rest = marker.rest if marker else text[bullet.end():] if bullet else ""
    return (kind == "clause" and (marker or bullet) is not None and len(path) >= 2 and len(text) <= _LIST_ITEM_CHARS
            and not re.search(r"[。！？!?]", text.rstrip("。；;，, "))  # one clause, no sentences of its own
            and not re.match(r"[^，,。；;：:]{2,10}[：:].{12,}", rest)  # "认定奖励：对首次认定…" is a measure
            and not RESPONSIBLE.search(text))
