"""What an upload is: its real type from its bytes, and a file name that stays in its folder."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from ingest.loaders import LoadError, decode_text


class KnowledgeError(ValueError):
    """An upload or change that cannot be made; nothing was changed."""


def sniff_suffix(data: bytes, name: str, max_bytes: int = 20 * 1024 * 1024) -> str:
    """The real type of an upload, from its bytes: .pdf, .docx, .xlsx, .html, .md or .txt."""
    if not data.strip():
        raise KnowledgeError(f"{name}: the file is empty")
    if len(data) > max_bytes:
        raise KnowledgeError(f"{name}: {len(data)} bytes is over the {max_bytes}-byte upload limit")
    if data.startswith(b"%PDF-"):
        return ".pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = archive.namelist()
                if "word/document.xml" in names:
                    return ".docx"
                if "xl/workbook.xml" in names:
                    return ".xlsx"
        except zipfile.BadZipFile:
            pass
        raise KnowledgeError(f"{name}: a zip archive that is neither a Word .docx document nor an Excel .xlsx workbook")
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # the binary format of Word 97-2003 and Excel 97-2003
        raise KnowledgeError(f"{name}: an old binary Word/Excel file (.doc/.xls/.wps) cannot be read; "
                             "open it in Word/WPS or Excel and save it as .docx or .xlsx, then upload that")
    try:
        text = decode_text(data, name)
    except LoadError as exc:
        raise KnowledgeError(str(exc)) from None
    if re.search(r"<(!doctype html|html|body|p|div|table)\b", text[:2000], re.IGNORECASE):
        return ".html"
    return ".md" if name.lower().endswith(".md") else ".txt"


def safe_file_name(name: str, suffix: str) -> str:
    """A file name with no folder parts and no characters that could escape the documents folder."""
    stem = Path(name.replace("\\", "/")).name
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", stem)
    stem = re.sub(r"[^\w\u4e00-\u9fff.-]+", "-", stem).strip(".-") or "document"
    return f"{stem[:80]}{suffix}"
