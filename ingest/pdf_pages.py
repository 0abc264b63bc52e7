"""The text of a PDF policy file, read with pdfplumber (text lines with their positions, ruled tables).

Page furniture is dropped: page numbers ("— 3 —", "- 3 -", "第3页 共10页") and running
headers or footers (the same line at the top or bottom of most pages). Lines wrapped at the
right edge are joined to the next line unless that one starts a new paragraph (indented, or
a numbering marker). Ruled tables become tab-indented cell lines (a cell's own wraps
joined), placed where they stand on the page; a table continued on the next page is
continued, since the furniture between the two parts is gone.
"""

from __future__ import annotations

import re
from collections import Counter

from .cleaning import PAGE_NUMBER_LINE
from .frontmatter import DOC_NUMBER
from .loaders import DEFAULT_LIMITS, FileLimits, LoadedText, LoadError
from .structure import is_date_line, starts_with_marker

_GENERIC_TITLES = {"untitled", "anonymous", "unknown", "microsoft word", "wps"}
_MARGIN_SHARE = 0.1  # running headers and footers live in the top and bottom tenth of a page


def load_pdf(data: bytes, name: str, limits: FileLimits = DEFAULT_LIMITS) -> LoadedText:
    import io

    try:
        import pdfplumber
        from pdfminer.pdfparser import PDFSyntaxError

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > limits.pdf_pages:
                raise LoadError(f"{name}: {len(pdf.pages)} pages is over the {limits.pdf_pages}-page limit")
            pages, size = [], 0
            for page in pdf.pages:
                pages.append(_page_items(page))
                size += sum(len(text) for _, _, text, _ in pages[-1])
                if size > limits.text_chars:
                    raise LoadError(f"{name}: over {limits.text_chars} characters of text (the limit) "
                                    f"after {len(pages)} pages")
            title = _title(pdf.metadata or {})
    except LoadError:
        raise
    except PDFSyntaxError as exc:
        raise LoadError(f"{name}: not a readable PDF ({exc})") from None
    except Exception as exc:  # pdfminer raises assorted errors on truncated or encrypted files
        raise LoadError(f"{name}: the PDF is damaged or encrypted ({exc.__class__.__name__})") from None
    return LoadedText("\n".join(_join(_drop_furniture(pages))), title)


def _title(metadata: dict) -> str | None:
    title = str(metadata.get("Title") or "").strip()
    if not title or title.lower() in _GENERIC_TITLES or re.search(r"\.(docx?|wps|pdf)$", title, re.IGNORECASE):
        return None
    return title


# an item: (kind, top, text, geometry) — kind "line" with (x0, x1, line height) or "table" with cell lines
Item = tuple[str, float, str, tuple]


def _page_items(page) -> list[Item]:
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]
    items: list[Item] = []
    for line in page.extract_text_lines(return_chars=False):
        middle = (line["top"] + line["bottom"]) / 2
        if any(x0 <= line["x0"] <= x1 and top <= middle <= bottom for x0, top, x1, bottom in boxes):
            continue
        items.append(("line", line["top"] / page.height, line["text"].strip(),
                      (line["x0"], line["x1"], line["bottom"] - line["top"])))
    for table in tables:
        cells: list[str] = []
        for row in table.extract():
            # a cell wrapped inside its column: Chinese text continues without a space
            cells.extend("\t" + re.sub(r"\s*\n\s*", "", cell or "").strip() for cell in row)
            cells.append("")
        items.append(("table", table.bbox[1] / page.height, "\n".join(cells), ()))
    return sorted(items, key=lambda item: item[1])


def _drop_furniture(pages: list[list[Item]]) -> list[Item]:
    """All pages' items without page numbers and lines repeated in most pages' margins."""
    def margin_key(item: Item) -> str | None:
        kind, top, text, _ = item
        if kind != "line" or _MARGIN_SHARE < top < 1 - _MARGIN_SHARE:
            return None
        return re.sub(r"\d+", "#", text)

    counts = Counter(key for page in pages for key in {margin_key(item) for item in page} if key)
    repeated = {key for key, n in counts.items() if len(pages) >= 2 and n >= max(2, len(pages) // 2)}
    kept: list[Item] = []
    for page in pages:
        for item in page:
            key = margin_key(item)
            # the cleaner's page-number patterns, and a bare number in a page's margin
            number = PAGE_NUMBER_LINE.match(item[2]) or (key is not None and item[2].strip().isdigit())
            if item[0] == "line" and (number or (key and key in repeated)):
                continue
            kept.append(item)
    return kept


def _join(items: list[Item]) -> list[str]:
    """Text lines, wrapped lines joined; a blank line after each paragraph and around tables."""
    lines = [geometry for kind, _, _, geometry in items if kind == "line"]
    right = max((x1 for _, x1, _ in lines), default=0)
    left = min((x0 for x0, _, _ in lines), default=0)
    # lines set by character count end short of the margin by their indent: a paragraph's
    # first line (indented two characters) reaches further right than the lines after it, so
    # each indent has its own right edge, unless its longest line is far from the margin
    edges: dict[int, float] = {}
    for x0, x1, _ in lines:
        edges[round(x0 / 3)] = max(edges.get(round(x0 / 3), 0), x1)
    out: list[str] = []
    open_paragraph = False
    previous_height = 0.0
    for kind, _, text, geometry in items:
        if kind == "table":
            out.extend(["", text, ""])
            open_paragraph = False
            continue
        x0, x1, height = geometry
        # a 文号 or a date is a line of its own, even under a line that happens to end near the edge
        alone = DOC_NUMBER.fullmatch(text.strip()) or is_date_line(text)
        # (and a line in another size of type: a wrapped line keeps its paragraph's; a one-page
        # PDF's small running header over its title does not)
        alone = alone or abs(height - previous_height) > 0.2 * max(height, previous_height)
        previous_height = height
        if open_paragraph and x0 - left < 6 and not starts_with_marker(text) and not alone and out:
            out[-1] += text
        else:
            out.append(text)
        # a line that reaches the right edge (within about two characters: wrapping leaves the
        # last character's width or a punctuation mark unused) continues on the next line
        edge = edges[round(x0 / 3)]
        edge = edge if edge >= 0.9 * right else right
        # (a semicolon ends an item, but a full line that ends with one goes on when the next line
        # starts at the margin, unindented and unnumbered: "…最高30万元；" / "对质押过程中…")
        open_paragraph = edge - x1 < 2.5 * max(height, 8) and not text.endswith(("。", "：", ":", "？", "?"))
    return out
