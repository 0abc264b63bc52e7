"""Question files as CSV or XLSX, for commissioners who keep questions in a spreadsheet.

Same columns as the JSONL format: id, question, answerable, evidence, key_facts and,
optionally, history. List columns hold items separated by ``|``; a key fact with
alternatives is written as a JSON list (``["8—15家", "8-15家"]``) or with ``/`` between
them (``8—15家/8-15家``). ``history`` is a JSON list of turns or earlier user questions
separated by ``|``. ``answerable`` takes true/false, yes/no, 1/0, 是/否.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

TRUE = {"true", "yes", "y", "1", "是", "t"}
FALSE = {"false", "no", "n", "0", "否", "f"}
REQUIRED = ("id", "question", "answerable")


def read_rows(path: Path, required: tuple[str, ...] = REQUIRED) -> list[tuple[int, dict[str, str]]]:
    """(row number, {column: text}) for every non-empty data row of a CSV or XLSX file."""
    if path.suffix.lower() == ".xlsx":
        rows = _xlsx_rows(path)
    else:
        text = path.read_bytes().decode("utf-8-sig")
        rows = list(csv.reader(text.splitlines()))
    if not rows:
        return []
    header = [str(cell or "").strip().lower() for cell in rows[0]]
    missing = [name for name in required if name not in header]
    if missing:
        raise ValueError(f"missing column(s) {', '.join(missing)}; the header is {header}")
    out = []
    for number, row in enumerate(rows[1:], start=2):
        values = {name: "" if cell is None else str(cell).strip() for name, cell in zip(header, row)}
        if any(values.values()):
            out.append((number, values))
    return out


def _xlsx_rows(path: Path) -> list[list[object]]:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()


def row_to_record(values: dict[str, str]) -> dict[str, object]:
    """A spreadsheet row as the JSON object of the JSONL format."""
    answerable = values.get("answerable", "").lower()
    if answerable not in TRUE | FALSE:
        raise ValueError(f"answerable must be true or false, got {values.get('answerable')!r}")
    record: dict[str, object] = {
        "id": values.get("id", ""),
        "question": values.get("question", ""),
        "answerable": answerable in TRUE,
        "evidence": _items(values.get("evidence", "")),
        "key_facts": [_fact(item) for item in _items(values.get("key_facts", ""), json_ok=True)],
    }
    history = values.get("history", "")
    if history.startswith("["):
        record["history"] = json.loads(history)
    elif history:
        record["history"] = [{"role": "user", "content": turn} for turn in _items(history)]
    return record


def _items(cell: str, json_ok: bool = False) -> list:
    if not cell:
        return []
    if json_ok and cell.startswith("["):
        return json.loads(cell)  # a JSON list of facts, each a string or a list of alternatives
    return [item.strip() for item in cell.split("|") if item.strip()]


def _fact(item):
    if isinstance(item, str) and "/" in item:
        return [part.strip() for part in item.split("/") if part.strip()]
    return item
