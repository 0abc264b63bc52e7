"""What ingest made of one file, for the person who added it to check.

Chunks by kind (article, clause, list, table row, notice, …), the metadata as inferred or
taken from ``metadata.json``, and warnings about what a commissioner should look at: no
title or date found in the text, no numbered structure recognised, tables whose rows have
different numbers of cells, text that looks like page furniture or website boilerplate
left in the clauses, a document no longer in force. Pure functions.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from assistant.types import Chunk, DocumentMeta

from .cleaning import PAGE_NUMBER_LINE
from .tables import depth

# words of a website's page furniture that never belong to a policy's own text
_BOILERPLATE = re.compile(r"(分享到|打印本页|关闭窗口|网站标识码|ICP备|公安备案|当前位置|浏览次数|字体[:：]?\s*\[?大|上一篇|下一篇|扫一扫)")
_STRUCTURED = {"article", "clause", "list", "table_row", "table_record"}


@dataclass(frozen=True)
class DocumentReport:
    meta: DocumentMeta
    chunks_by_kind: dict[str, int]
    warnings: list[str] = field(default_factory=list)
    inferred: bool = True  # False when the metadata came from metadata.json
    criteria: dict[str, int] = field(default_factory=dict)  # see assistant.criteria_book.with_criteria

    def to_dict(self) -> dict:
        return {"meta": self.meta.to_dict(), "chunks_by_kind": dict(self.chunks_by_kind),
                "warnings": list(self.warnings), "inferred": self.inferred, "criteria": dict(self.criteria)}

    @classmethod
    def from_dict(cls, data: dict) -> DocumentReport:
        return cls(DocumentMeta.from_dict(data["meta"]), dict(data["chunks_by_kind"]), list(data["warnings"]),
                   bool(data["inferred"]), dict(data.get("criteria", {})))

    def lines(self) -> list[str]:
        """The report as a person reads it (Chinese labels, English after a slash)."""
        m = self.meta
        kinds = "，".join(f"{kind} {count}" for kind, count in sorted(self.chunks_by_kind.items(), key=lambda kv: -kv[1]))
        validity = " – ".join(v for v in (m.valid_from, m.valid_until) if v)
        facts = [("标题 title", m.title), ("发文机关 issuer", m.issuer), ("地区 region", m.region),
                 ("文号 number", m.doc_number), ("成文日期 issued", m.date_issued),
                 ("政策期 period", m.period), ("有效期 validity", validity or None), ("状态 status", m.status)]
        source = "推断 inferred from the text" if self.inferred else "metadata.json"
        out = [f"{m.source_file} → {m.doc_id}（{source}）"]
        out += [f"  {label}: {value}" for label, value in facts if value]
        out.append(f"  条款 chunks: {sum(self.chunks_by_kind.values())}（{kinds}）")
        if self.criteria:
            c = self.criteria
            out.append(f"  申报条件 criteria: {c['levels']} 个层级，{c['criteria']} 条；含数字的 {c['with_figures']} 条中"
                       f" {c['read']} 条已解析为可核验条件 / {c['read']} of {c['with_figures']} criteria with figures read")
        out += [f"  ⚠ {warning}" for warning in self.warnings]
        return out


def document_report(meta: DocumentMeta, chunks: list[Chunk], cleaned: str, title_found: bool,
                    inferred: bool, today: dt.date | None = None) -> DocumentReport:
    """The report on one prepared document (``cleaned``: its text after cleaning)."""
    today = today or dt.date.today()
    kinds = Counter(chunk.kind for chunk in chunks)
    warnings: list[str] = []
    if inferred and not title_found:
        warnings.append("正文中未找到标题，已用文件名 / no title found in the text: the file name is used")
    if inferred and not meta.date_issued and not meta.period:
        warnings.append("未找到成文日期或政策期 / no date found: add date_issued so that readers can judge currency")
    if inferred and not meta.region:
        warnings.append("未能确定地区 / no region found: questions naming a place will not find this document")
    if not _STRUCTURED & set(kinds):
        warnings.append("未识别出条款结构（条、一、（一）、表格）/ no numbered structure recognised: "
                        "the text is indexed paragraph by paragraph")
    ragged = ragged_tables(cleaned.split("\n"))
    if ragged:
        warnings.append(f"{ragged} 个表格各行单元格数不一致 / {ragged} table(s) with ragged rows: check the table rows")
    furniture = _furniture(chunks)
    if furniture:
        warnings.append(f"疑似页眉页脚或网页导航文字 / text that looks like page furniture: {furniture}")
    if meta.status == "invalid":
        warnings.append("发布机关标注为失效 / its publisher marks it no longer in force")
    elif meta.expired(today):
        warnings.append(f"有效期至 {meta.valid_until}，已失效 / no longer in force (valid until {meta.valid_until})")
    elif meta.period_ended(today):
        warnings.append(f"政策期 {meta.period} 已结束 / the policy period {meta.period} has ended")
    if meta.status == "draft":
        warnings.append("征求意见稿 / a draft for comments: answers will say so")
    return DocumentReport(meta, dict(kinds), warnings, inferred)


def ragged_tables(lines: list[str]) -> int:
    """Tables (blocks of tab-indented cell lines) whose rows have different numbers of cells."""
    count, rows, cells, in_table = 0, [], 0, False
    for line in [*lines, ""]:
        if line.startswith("\t"):
            in_table, cells = True, cells + 1
            continue
        if cells:
            rows.append(cells)
            cells = 0
        if in_table and line.strip():  # text after the block: the table ended
            count += len(set(rows)) > 1
            rows, in_table = [], False
    return count + (len(set(rows)) > 1)


def _furniture(chunks: list[Chunk]) -> str:
    """A sample of chunk text that looks like page numbers, running headers or site boilerplate."""
    for chunk in chunks:
        for line in chunk.text.split("\n"):
            if PAGE_NUMBER_LINE.match(line) or _BOILERPLATE.search(line):
                return line.strip()[:40]
    repeated = Counter(line.strip() for chunk in chunks if chunk.kind not in ("table_row", "table_record")
                       for line in chunk.text.split("\n") if 2 <= len(line.strip()) <= 30 and depth(line) == 0)
    common = [line for line, n in repeated.items() if n >= 3]
    return common[0] if common else ""
