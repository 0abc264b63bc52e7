"""The eligibility check for many companies at once (screening candidates for the cultivation
pools): a profile sheet in, a workbook out with a matrix of companies × levels (verdicts and
gaps) and every criterion's result on a second sheet."""

from __future__ import annotations

from pathlib import Path

from .check_text import STATUS_MARK
from .checkup import CheckReport
from .profile import CompanyProfile

MARK = {"eligible": "✓ 符合", "not_eligible": "✗ 不符合", "incomplete": "？缺数据"}


def check_batch(assistant, profiles: list[CompanyProfile], progress=None) -> list[tuple[CompanyProfile, CheckReport]]:
    """Each company checked; ``progress(done, total)`` after each one."""
    out = []
    for number, profile in enumerate(profiles, start=1):
        out.append((profile, assistant.check(profile)))
        if progress:
            progress(number, len(profiles))
    return out


def batch_workbook(results: list[tuple[CompanyProfile, CheckReport]], path: Path) -> None:
    """``matrix``: one row per company, one column per level; ``criteria``: one row per criterion."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    levels = list(dict.fromkeys(r.level.name for _, report in results for r in report.results))
    book = Workbook()
    matrix = book.active
    matrix.title = "matrix"
    matrix.append(["企业 / Company", "地区 / Region", "类别 / Category", *levels])
    details = book.create_sheet("criteria")
    details.append(["企业", "层级", "文件", "条件原文", "状态", "差距", "缺少的数据", "chunk_id"])
    for number, (profile, report) in enumerate(results, start=1):
        name = profile.name or f"企业{number}"
        cells = {}
        for r in report.results:
            gaps = "；".join(dict.fromkeys(g for c in r.checks if c.status == "not_met" for g in c.outcome.gaps))
            missing = "、".join(dict.fromkeys(m for c in r.checks if c.status == "unknown" for m in c.outcome.missing))
            cells[r.level.name] = "\n".join(x for x in (MARK[r.verdict], gaps, f"缺：{missing}" if missing else "") if x)
            for c in r.checks:
                details.append([name, r.level.name, r.level.doc.title, c.criterion.text,
                                f"{STATUS_MARK[c.status]} {c.status}", "；".join(c.outcome.gaps) if c.status == "not_met" else "",
                                "、".join(c.outcome.missing), c.criterion.chunk_id])
        matrix.append([name, profile.region or "", profile.category or "", *(cells.get(level, "—") for level in levels)])
    for sheet in (matrix, details):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in matrix.iter_rows(min_row=2):  # the criteria sheet stays plain: styling 60,000 cells takes seconds
        for cell in row:
            cell.alignment = wrap
    for column in range(4, len(levels) + 4):
        matrix.column_dimensions[matrix.cell(1, column).column_letter].width = 28
    book.save(path)
