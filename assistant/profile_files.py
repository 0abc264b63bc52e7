"""Company profiles from files: JSON or YAML (one object, or a list of them), XLSX or CSV (a
header row of profile keys, one company per row). Keys are those of
:meth:`CompanyProfile.from_dict`, in English or as the Chinese labels (营业收入, 研发费用, …)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from .profile import CompanyProfile

MAX_BYTES = 5_000_000
MAX_COMPANIES = 10_000


def read_profiles(path: Path) -> list[CompanyProfile]:
    """Every company of the file, validated; a bad row is reported with its number."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValueError(f"{path}: cannot be read ({exc.strerror})") from None
    if not data.strip():
        raise ValueError(f"{path}: the file is empty")
    if len(data) > MAX_BYTES:
        raise ValueError(f"{path}: {len(data):,} bytes is more than a profile file may hold ({MAX_BYTES:,})")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        rows = _xlsx_rows(data, path)
    elif suffix == ".csv":
        rows = list(csv.DictReader(io.StringIO(_text(data, path))))
    elif suffix in (".json", ".yaml", ".yml"):
        rows = _structured(data, path, suffix)
    else:
        raise ValueError(f"{path}: profiles are read from .json, .yaml, .xlsx or .csv files, not {suffix or 'this file'}")
    if len(rows) > MAX_COMPANIES:
        raise ValueError(f"{path}: {len(rows):,} companies; at most {MAX_COMPANIES:,} per file")
    out = []
    for number, row in enumerate(rows, start=1):
        try:
            out.append(CompanyProfile.from_dict(row))
        except ValueError as exc:
            raise ValueError(f"{path}: company {number}: {exc}") from None
    if not out:
        raise ValueError(f"{path}: no company found")
    return out


def _text(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError(f"{path}: not UTF-8 text") from None


def _structured(data: bytes, path: Path, suffix: str) -> list:
    text = _text(data, path)
    try:
        if suffix == ".json":
            value = json.loads(text)
        else:
            import yaml

            value = yaml.safe_load(text)
    except (json.JSONDecodeError, ValueError) as exc:
        raise ValueError(f"{path}: not valid {suffix[1:].upper()} ({exc})") from None
    except Exception as exc:  # noqa: BLE001 -- yaml's own errors (YAMLError) carry the line and column
        raise ValueError(f"{path}: not valid YAML ({str(exc).splitlines()[0]})") from None
    rows = value if isinstance(value, list) else [value]
    return rows


def _xlsx_rows(data: bytes, path: Path) -> list[dict]:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ValueError(f"{path}: not a readable XLSX workbook ({exc})") from None
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [str(h).strip() if h is not None else "" for h in next(rows, ())]
    out = []
    for row in rows:
        if row is None or all(v is None or str(v).strip() == "" for v in row):
            continue
        out.append({h: v for h, v in zip(header, row, strict=False) if h and v is not None and str(v).strip() != ""})
    book.close()
    return out
