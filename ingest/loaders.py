"""Turn a policy file (.txt, .docx, .pdf, .html, .md, .xlsx) into plain text.

Government files often come in GBK, as Word files or as PDFs; each loader raises
:class:`LoadError` with the file name and the problem, never a bare library traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .structure import styled_heading

SUPPORTED_SUFFIXES = (".txt", ".docx", ".pdf", ".html", ".htm", ".md", ".xlsx")
# formats an office still sends whose text this project cannot read: what to do instead
_SAVE_AS = {".doc": ".docx", ".wps": ".docx", ".rtf": ".docx", ".xls": ".xlsx", ".et": ".xlsx", ".csv": ".xlsx"}
MAX_FILE_BYTES = 20 * 1024 * 1024


class LoadError(ValueError):
    """A file that cannot be read as a policy document; the message says why."""


@dataclass(frozen=True)
class FileLimits:
    """What an untrusted file may cost to read, checked before the expensive step.

    A .docx is a zip archive: its declared unpacked size and entry count are checked before
    any XML is parsed (a 6.5 MB file can unpack to 2 GiB); a PDF is checked by pages and by
    the text extracted so far; any text by its length and its longest line (the splitter and
    the index are built for clauses, not for megabytes without a line break).
    """

    file_bytes: int = MAX_FILE_BYTES
    unpacked_bytes: int = 60 * 1024 * 1024
    archive_entries: int = 2000
    pdf_pages: int = 1000
    text_chars: int = 2_000_000
    line_chars: int = 100_000

    def check_text(self, text: str, name: str) -> str:
        if len(text) > self.text_chars:
            raise LoadError(f"{name}: {len(text)} characters of text is over the {self.text_chars}-character limit")
        longest = max((len(line) for line in text.splitlines()), default=0)
        if longest > self.line_chars:
            raise LoadError(f"{name}: a line of {longest} characters is over the {self.line_chars}-character "
                            "line limit (is this a policy text?)")
        return text


DEFAULT_LIMITS = FileLimits()


@dataclass(frozen=True)
class LoadedText:
    text: str
    title_hint: str | None = None  # e.g. a Word file's title property or an HTML <title>
    catalogue: tuple[tuple[str, str], ...] = ()  # a government page's catalogue grid (label, value), see read_page


def load_file(path: Path, limits: FileLimits = DEFAULT_LIMITS) -> LoadedText:
    """Read ``path`` with the loader for its suffix, within ``limits``."""
    suffix = path.suffix.lower()
    if suffix in _SAVE_AS:
        raise LoadError(f"{path.name}: {suffix} files cannot be read; open it in Word/WPS or Excel and save it "
                        f"as {_SAVE_AS[suffix]}, then upload that")
    if suffix not in SUPPORTED_SUFFIXES:
        raise LoadError(f"{path.name}: unsupported file type {suffix or '(none)'}; supported: {', '.join(SUPPORTED_SUFFIXES)}")
    if not path.is_file():
        raise LoadError(f"{path}: no such file")
    data = path.read_bytes()
    if len(data) > limits.file_bytes:
        raise LoadError(f"{path.name}: {len(data)} bytes is over the {limits.file_bytes}-byte limit")
    if not data.strip():
        raise LoadError(f"{path.name}: the file is empty")
    loader = {".txt": _load_txt, ".md": _load_markdown, ".html": _load_html, ".htm": _load_html,
              ".docx": _load_docx, ".pdf": _load_pdf, ".xlsx": _load_xlsx}[suffix]
    if suffix in (".docx", ".xlsx"):
        check_archive(data, path.name, limits)
    loaded = _load_pdf(data, path.name, limits) if suffix == ".pdf" else loader(data, path.name)
    limits.check_text(loaded.text, path.name)
    if not loaded.text.strip():
        raise LoadError(f"{path.name}: no text could be extracted")
    letters = len(re.findall(r"[\u4e00-\u9fffA-Za-z]", loaded.text))
    if letters < _MIN_LETTERS:  # (a few bytes after a UTF-16 mark decode to two "characters")
        raise LoadError(f"{path.name}: {letters} characters of text is too little to be a policy document "
                        "(a scan or a page of images has no text to read: upload the text version)")
    return loaded


_MIN_LETTERS = 10


_LANGUAGES = {"shift_jis": "Japanese (Shift-JIS)", "cp932": "Japanese (Shift-JIS)", "euc_jp": "Japanese (EUC-JP)",
              "euc_kr": "Korean (EUC-KR)", "cp949": "Korean"}


def decode_text(data: bytes, name: str) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, GBK/GB18030 or Big5.

    GB18030 decodes almost any bytes, so a Japanese Shift-JIS file would come out as
    plausible-looking mojibake: which legacy encoding a file is in is asked of
    charset-normalizer (GBK vs Big5 vs Shift-JIS/EUC), and non-Chinese text is refused.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8"]
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            candidates = [_legacy_encoding(data, name)]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):  # UTF-16 and GB18030 decode almost any bytes: check the result
            return text
    raise LoadError(f"{name}: the bytes are neither UTF-8, UTF-16, GBK/GB18030 nor Big5 text")


def _legacy_encoding(data: bytes, name: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000], cp_isolation=["gb18030", "big5", "shift_jis", "euc_jp", "euc_kr"]).best()
    encoding = best.encoding if best else "gb18030"
    if encoding in _LANGUAGES:
        raise LoadError(f"{name}: this looks like {_LANGUAGES[encoding]} text, not Chinese; "
                        "policy files are taken in UTF-8, GBK/GB18030 or Big5")
    return "big5" if encoding == "big5" else "gb18030"


def _looks_like_text(text: str) -> bool:
    """GB18030 decodes almost any bytes; reject results dominated by control or rare characters."""
    if not text:
        return False
    # (a full-width space, "　　" before every paragraph of an official text, is no control character)
    common = sum(1 for ch in text if ch.isprintable() or ch.isspace())
    # CJK ideographs, and the CJK and full-width punctuation they are written with (a table of
    # "｜" cells is mostly punctuation)
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef")
    ascii_ = sum(1 for ch in text if ch.isascii())
    return common / len(text) > 0.95 and (cjk + ascii_) / len(text) > 0.7


def _load_txt(data: bytes, name: str) -> LoadedText:
    text = decode_text(data, name)
    # a paragraph indented by a tab is a paragraph; a leading tab marks a table cell only in the cell
    # lines the other loaders write (and this project's own .txt files hold): rows of as many cells,
    # one per line, a blank line between rows
    runs = re.findall(r"(?m)((?:^\t[^\t\n]*\n)+)\n(?=((?:^\t[^\t\n]*\n)+))", text + "\n")
    if not any(a.count("\n") == b.count("\n") >= 2 for a, b in runs):
        text = re.sub(r"(?m)^\t+(?=[^\t\n]*$)", "", text)
    return LoadedText(text)


# a YAML front matter block (--- … ---) that note and site tools put above a Markdown text: fields, not text
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


def _load_markdown(data: bytes, name: str) -> LoadedText:
    text = decode_text(data, name)
    front = _FRONT_MATTER.match(text)
    named = None  # (its title: field names the document when no heading does)
    if front and all(re.match(r"^(\s*$|\s*#|[\w\u4e00-\u9fff-]+\s*:|\s+\S|\s*-\s)", line) for line in front.group(1).split("\n")):
        text = text[front.end():]
        field = re.search(r"(?m)^title\s*:\s*[\"']?(.+?)[\"']?\s*$", front.group(1))
        named = field.group(1) if field else None
    title = None
    lines = []
    headings = [re.match(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$", line) for line in text.splitlines()]
    found = [h for h in headings if h]
    top = min((len(h.group(1)) for h in found[1:]), default=1)  # the level the sections are at
    for line, heading in zip(text.splitlines(), headings):
        if heading:  # the first heading is the title; the others are sections (## 支持内容 → 【支持内容】)
            line = heading.group(2) if title is None else styled_heading(heading.group(2), len(heading.group(1)) - top + 1)
            title = title or line
        line = re.sub(r"(\*\*|__|`)", "", line)
        line = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", line)  # links and images keep their text
        line = re.sub(r"^\s*[-*+]\s+", "● ", line)  # a list item stays an item (● as a web page's)
        lines.append(line)
    return LoadedText("\n".join(lines), title or named)


def _load_html(data: bytes, name: str) -> LoadedText:
    from .html_pages import read_page

    page = decode_text(data, name) if not data.lstrip().startswith(b"<?xml") else data.decode("utf-8", "replace")
    text, title, catalogue = read_page(page)
    # a page that only frames or links its document (<iframe src="….pdf">, 附件下载): the file is the policy
    attached = _ATTACHMENT.findall(page)
    if attached and len(re.findall(r"[\u4e00-\u9fff]", text.replace(title or "", ""))) < 80:
        raise LoadError(f"{name}: the page holds no policy text, only its title; its document is attached as "
                        f"{attached[0][-80:]}: download that file and upload it instead")
    return LoadedText(text, title, tuple(catalogue.items()))


_ATTACHMENT = re.compile(r"""(?:src|href|data)\s*=\s*["']([^"']+\.(?:pdf|docx?|wps|xlsx?|ofd))["']""", re.IGNORECASE)


def check_archive(data: bytes, name: str, limits: FileLimits) -> None:
    """Refuse a zip (.docx, .xlsx) whose declared contents are too many or too large, before unpacking any."""
    import io
    import zipfile

    kind = Path(name).suffix.lower() or ".docx"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise LoadError(f"{name}: not a readable {kind} file ({exc.__class__.__name__}: {exc})") from None
    if len(entries) > limits.archive_entries:
        raise LoadError(f"{name}: {len(entries)} entries in the archive is over the {limits.archive_entries}-entry limit")
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > limits.unpacked_bytes:
        raise LoadError(f"{name}: unpacks to {unpacked} bytes, over the {limits.unpacked_bytes}-byte limit "
                        "(a compressed 'zip bomb'?)")


def _load_docx(data: bytes, name: str) -> LoadedText:
    import io
    import zipfile

    try:
        import docx

        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise LoadError(f"{name}: not a readable .docx file ({exc.__class__.__name__}: {exc})") from None
    except Exception as exc:  # python-docx raises assorted errors on damaged packages
        raise LoadError(f"{name}: the .docx file is damaged ({exc.__class__.__name__})") from None
    from .word import W, word_lines

    title = document.core_properties.title or None
    text = "\n".join(word_lines(document))
    if not text.strip() and document.element.body.find(f"{W}altChunk") is not None:
        raise LoadError(f"{name}: its text is embedded as another kind of file (w:altChunk) that cannot be read; "
                        "open it in Word/WPS and save it as .docx again, then upload that")
    return LoadedText(text, title)


def _load_xlsx(data: bytes, name: str) -> LoadedText:
    import io
    import zipfile

    try:
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)  # (formulas: their last computed value)
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise LoadError(f"{name}: not a readable .xlsx file ({exc.__class__.__name__}: {exc})") from None
    except Exception as exc:  # openpyxl raises assorted errors on damaged packages
        raise LoadError(f"{name}: the .xlsx file is damaged ({exc.__class__.__name__})") from None
    from .spreadsheet import workbook_lines

    lines, title = workbook_lines(book)
    # (a sheet that is only its table is named by its file: "…惠企政策明白表.xlsx")
    stem = Path(name).stem
    first = next((line for line in lines if line.strip()), "")
    if not title and first.startswith("\t") and re.search(r"[\u4e00-\u9fff]{4}", stem):
        title = stem
    return LoadedText("\n".join(lines), title)


def _load_pdf(data: bytes, name: str, limits: FileLimits = DEFAULT_LIMITS) -> LoadedText:
    from .pdf_pages import load_pdf

    return load_pdf(data, name, limits)
