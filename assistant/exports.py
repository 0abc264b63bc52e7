"""Answers as documents a commissioner hands over: Word (.docx), Markdown, and batches (XLSX).

Each export gives the answer text, then numbered references with title, issuer, document
number, date, section path and the quoted text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .types import SECTION_SEPARATOR, Answer, Citation, DocumentMeta

SOURCE_HEADERS = ("\n\n来源：", "\n\nSources:")


def answer_body(answer: Answer) -> str:
    """The answer without its trailing list of sources (exports list them in full)."""
    text = answer.text
    for header in SOURCE_HEADERS:
        if header in text:
            text = text[: text.rindex(header)]
    return text.strip()


def reference(citation: Citation, doc: DocumentMeta) -> str:
    facts = [doc.issuer or "发文机关未说明", doc.doc_number or "无文号", doc.date_issued or "日期未说明"]
    if doc.status == "draft":
        facts.append("征求意见稿")
    return f"{doc.title}（{'，'.join(facts)}）{SECTION_SEPARATOR}{SECTION_SEPARATOR.join(citation.section_path)}"


def answer_markdown(question: str, body: str, citations: list[Citation], docs: dict[str, DocumentMeta]) -> str:
    lines = [f"# {question}", "", body, "", "## 参考条款 / References", ""]
    for citation in citations:
        lines.append(f"{citation.number}. {reference(citation, docs[citation.doc_id])}")
        lines.append(f"   > {citation.quote}")
    return "\n".join(lines) + "\n"


def answer_docx(question: str, body: str, citations: list[Citation], docs: dict[str, DocumentMeta], path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading(question, level=1)
    for paragraph in body.split("\n"):
        document.add_paragraph(paragraph)
    _add_references(document, citations, docs)
    document.save(path)


def _add_references(document, citations: list[Citation], docs: dict[str, DocumentMeta]) -> None:
    document.add_heading("参考条款 / References", level=2)
    for citation in citations:
        document.add_paragraph(f"[{citation.number}] {reference(citation, docs[citation.doc_id])}")
        document.add_paragraph(citation.quote, style="Quote")


@dataclass
class BatchRow:
    question: str
    region: str | None
    answer: Answer | None
    error: str = ""


def answer_batch(assistant, rows: list[tuple[str, str | None]], progress=None) -> list[BatchRow]:
    """Answer every (question, region); a bad question is recorded, the batch goes on."""
    from .limits import QuestionError

    out = []
    for number, (question, region) in enumerate(rows, start=1):
        try:
            out.append(BatchRow(question, region, assistant.ask(question, region=region or None)))
        except QuestionError as exc:
            out.append(BatchRow(question, region, None, str(exc)))
        if progress:
            progress(number, len(rows))
    return out


def read_batch(path: Path) -> list[tuple[str, str | None]]:
    """(question, region) rows of a CSV or XLSX file with a 'question' and an optional 'region' column."""
    from eval.tabular import read_rows

    return [(values.get("question", ""), values.get("region") or None) for _, values in read_rows(path, ("question",))]


def batch_xlsx(results: list[BatchRow], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "answers"
    sheet.append(["question", "region", "answer", "sources", "refused", "error"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in results:
        answer = row.answer
        sources = "\n".join(f"[{c.number}] {c.label}" for c in answer.citations) if answer else ""
        sheet.append([row.question, row.region or "", answer_body(answer) if answer else "", sources,
                      answer.refused if answer else "", row.error])
    for column, width in zip("ABCDEF", (40, 10, 80, 60, 8, 30)):
        sheet.column_dimensions[column].width = width
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    workbook.save(path)


def batch_docx(results: list[BatchRow], docs: dict[str, DocumentMeta], path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("政策问答 / Policy answers", level=1)
    for number, row in enumerate(results, start=1):
        document.add_heading(f"{number}. {row.question}", level=2)
        if row.answer is None:
            document.add_paragraph(f"⚠️ {row.error}")
            continue
        if row.answer.refused:
            document.add_paragraph("（知识库无相符条款 / declined）")
        for paragraph in answer_body(row.answer).split("\n"):
            document.add_paragraph(paragraph)
        if row.answer.citations:
            _add_references(document, row.answer.citations, docs)
    document.save(path)
