"""Read the criteria tables of annexes, flattened by extraction to tab-indented cell lines.

A cell is a line indented by the table's cell depth; a shallower line (often blank) ends a
row. Header rows name the columns (a last header cell spans the columns left over, as a
merged cell does); data rows start with their number. Each non-empty data cell becomes
one criterion with the column path it stands under, e.g. 小巨人企业 › 制造类.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from assistant.types import FORM_FIELDS


@dataclass(frozen=True)
class TableCell:
    column_path: tuple[str, ...]  # e.g. ("小巨人企业", "制造类"); ("备注",) for notes
    row_label: str  # "2", or the label of a labelled row such as "共同标准"
    text: str
    record: bool = False  # a whole row under its headings (指标：…；分值：…), not one criterion


_SPAN_MARKERS = {"<", "^"}


def depth(line: str) -> int:
    return len(line) - len(line.lstrip("\t"))


def parse_table(lines: list[str]) -> list[TableCell]:
    """Cells of one table block (tab-indented lines and blank separators)."""
    content_depths = [depth(line) for line in lines if line.strip()]
    if not content_depths:
        return []
    cell_depth = max(content_depths)
    rows: list[list[str]] = []
    notes: list[str] = []
    current: list[str] | None = None
    for line in lines:
        if depth(line) >= cell_depth:
            current = current if current is not None else []
            # "<" and "^" are span markers of Markdown tables (merged with the cell to the left or
            # above): an empty cell, which the fill functions below give its merged heading
            current.append("" if line.strip() in _SPAN_MARKERS else line.strip())
            continue
        if current:
            rows.append(current)
        current = None
        if line.strip():  # shallower text inside the block: a note such as 备注：…
            notes.append(line.strip())
    if current:
        rows.append(current)
    return _cells(rows) + [TableCell(("备注",), "", note) for note in notes]


def _is_number(cell: str) -> bool:
    return bool(re.fullmatch(r"\d{1,3}", cell.strip()))


def _cells(rows: list[list[str]]) -> list[TableCell]:
    rows = [row for row in rows if any(cell for cell in row)]
    if _is_blank_form(rows):
        return [_form_record(rows)]
    if _is_field_table(rows):
        return _field_records(rows)
    # one cell merged across the whole table below its first row ("单项服务补贴最高不超过5万元"): a
    # rule for every row, a record of its own under the table's heading (not a row without cells,
    # nor a 备注 "具体以…为准" that answers nothing)
    spanning = {i for i, row in enumerate(rows) if i and _spans_table(row) and not _is_header(row)}
    notes = [rows[i][0] for i in sorted(spanning)]
    cells = _grid_cells([row for i, row in enumerate(rows) if i not in spanning])
    if notes:  # (each row carries the rule too: "研发设计：合同金额的60%" alone would hide its cap)
        cells = [replace(cell, text=f"{cell.text}（{'；'.join(notes)}）") for cell in cells]
    return cells + [TableCell((), "", note, record=True) for note in notes]


def _is_blank_form(rows: list[list[str]]) -> bool:
    """An application form to fill in (企业名称 | ____ | 统一社会信用代码 | ____): most rows pair
    short labels with empty cells; it names what to fill in and states no facts."""
    def blank_pairs(row: list[str]) -> bool:
        pairs = [row[i:i + 2] for i in range(0, len(row) - 1, 2)]
        return bool(pairs) and all(label and len(label) <= 16 and not value for label, value in pairs)

    return len(rows) >= 3 and sum(map(blank_pairs, rows)) >= 0.6 * len(rows)


def _form_record(rows: list[list[str]]) -> TableCell:
    """One record of a blank form: the fields to fill in, then any statement it prints (企业承诺：…)."""
    fields = list(dict.fromkeys(row[i] for row in rows for i in range(0, len(row) - 1, 2)
                                if row[i] and len(row[i]) <= 16 and not row[i + 1]))
    said = [f"{row[0]}：{'；'.join(c for c in row[1:] if c)}" for row in rows if row[0] and any(len(c) > 16 for c in row[1:])]
    return TableCell((FORM_FIELDS,), "", "；".join([f"{FORM_FIELDS}：" + "、".join(fields), *said]), record=True)


def _is_field_table(rows: list[list[str]]) -> bool:
    """A two-column table of field and value with no heading row (a 办事指南: 事项名称 | …；
    办理时限 | 自受理之日起20个工作日…): short labels on the left, mostly long values on the right,
    and a first row that is a field too — its value is no column heading (阶段 | 奖励标准)."""
    if len(rows) < 3 or any(len(row) != 2 for row in rows):
        return False
    labels = [row[0] for row in rows]
    if len(set(labels)) != len(labels) or not all(_FIELD_LABEL.fullmatch(label) for label in labels):
        return False
    values = [row[1] for row in rows]
    long_values = sum(len(value) > 8 for value in values)
    return long_values * 2 >= len(values) and not _HEADING_CELL.fullmatch(values[0])


_FIELD_LABEL = re.compile(r"[^\d，。；,;：:]{2,10}")
_HEADING_CELL = re.compile(r"[^\d，。；,;：:（）()]{0,8}")  # 奖励标准, 具体内容: a column heading, not a value


def _field_records(rows: list[list[str]]) -> list[TableCell]:
    """Each field a record "办理时限：…" under the matter the table is about: a first field named
    …名称 (事项名称, 政策名称) names it, in the record's path and words ("…奖励兑现受理条件：…"),
    so that a row says whose conditions or place it gives, as the table's reader sees."""
    name = rows[0][1] if rows[0][0].endswith("名称") else ""
    return [TableCell((name, label), label, f"{name}{label}：{value}", record=True) if name and index
            else TableCell((label,), label, f"{label}：{value}", record=True)
            for index, (label, value) in enumerate(rows) if value]


def _spans_table(row: list[str]) -> bool:
    return bool(row[0]) and not any(row[1:])


def _grid_cells(rows: list[list[str]]) -> list[TableCell]:
    headers: list[list[str]] = []
    cells: list[TableCell] = []
    data_rows: list[list[str]] = []
    labelled: list[list[str]] = []
    for row in rows:
        if data_rows and row in headers:
            continue  # the heading row repeated at the top of each page of a long table
        if _is_number(row[0]):
            data_rows.append(row)
        elif not data_rows and not (labelled and headers) and _is_header(row) and _continues_headings(headers, row):
            headers.append(row)  # 共同标准 may come first
        else:
            labelled.append(row)
    # (an empty heading cell under a heading above it is that heading merged down, not the left one's
    # span: 责任单位 over two heading rows is no 省级 of 支持标准 › 市级 | 省级)
    if headers and not data_rows and not labelled:
        labelled, headers = headers, []  # (short cells only, "申报材料 | 营业执照；审计报告": no headings of nothing)
    headers = [_fill_left(row, headers[i - 1] if i else None) for i, row in enumerate(headers)]
    width = max([len(r) for r in headers + data_rows + labelled] or [0])
    columns = _column_paths(headers, width)
    if headers and labelled and not data_rows:
        return _labelled_rows(headers, _fill_down(labelled), columns)
    for row in labelled:  # a labelled row ("共同标准 | …") applies to every column
        cells.append(TableCell((row[0],), row[0], "；".join(c for c in row[1:] if c)))
    if headers and headers[-1][0] in _RECORD_NUMBER and len(headers) == 1:
        filled, grouping = _fill_groups(data_rows)
        return cells + [_record(headers[0], row, grouping) for row in filled]
    if len(headers) > 1 and headers[0][0] in _RECORD_NUMBER and data_rows:
        # numbered records under two heading rows (序号 | 政策名称 | 支持标准 › 市级 | 省级): each row one
        # record still, its figures named by their column path (支持标准（市级）：5万元), not cells apart
        # that lose the row's name
        filled, grouping = _fill_groups(data_rows)
        names = [path[0] + (f"（{'·'.join(path[1:])}）" if len(path) > 1 else "") if path else "" for path in columns]
        return cells + [_record(names, row, grouping) for row in filled]
    for row in data_rows:
        for index, text in enumerate(row[1:], start=1):
            if not text:
                continue
            spanned = columns[index:] if index == len(row) - 1 else columns[index:index + 1]
            cells.append(TableCell(_common_prefix(spanned), row[0], text))
    return cells


_RECORD_NUMBER = ("序号", "编号", "序")


def _is_header(row: list[str]) -> bool:
    """Column headings: short cells without figures ("指标 | 分值 | 评分标准")."""
    return all(len(cell) <= 15 and not re.search(r"\d", cell) for cell in row)


def _continues_headings(headers: list[list[str]], row: list[str]) -> bool:
    """Whether ``row`` can be another heading row: the first, or one under merged cells.

    Merged headings leave empty cells (小巨人企业 over 制造类 | 服务类) or a row shorter than the
    one below it; a table of short text cells with one full heading row (申报事项 | 主要材料 |
    受理部门) has data from its second row on.
    """
    if not headers:
        return True
    above = headers[-1]
    return any(not cell for cell in above) or any(not cell for cell in row) or len(above) != len(row)


def _fill_left(row: list[str], above: list[str] | None = None) -> list[str]:
    """A heading merged across columns leaves empty cells to its right (but one under a heading of
    the row ``above`` is that heading merged down)."""
    out: list[str] = []
    for index, cell in enumerate(row):
        down = above is not None and index < len(above) and bool(above[index])
        out.append(cell or (out[-1] if index > 1 and out and not down else cell))
    return out


def _fill_down(rows: list[list[str]]) -> list[list[str]]:
    """A row label merged across rows leaves the label cell of the rows below it empty."""
    out: list[list[str]] = []
    for row in rows:
        if not row[0] and out:
            row = [out[-1][0], *row[1:]]
        out.append(row)
    return out


def _labelled_rows(headers: list[list[str]], rows: list[list[str]], columns) -> list[TableCell]:
    """Rows named by their first cell under column headings.

    One heading row (指标 | 分值 | 评分标准): each row is one record, "heading：cell" joined.
    Several heading rows (level › category): each cell is one criterion under its column path.
    """
    out: list[TableCell] = []
    for row in rows:
        if len(headers) == 1:
            text = "；".join(f"{name}：{cell}" if name else cell
                            for name, cell in zip(headers[0], row, strict=False) if cell)
            out.append(TableCell((row[0],), row[0], text, record=True))
            continue
        for index, cell in enumerate(row[1:], start=1):
            if cell:
                out.append(TableCell(columns[index] if index < len(columns) else (), row[0], f"{row[0]}：{cell}"))
    return out


def _fill_groups(rows: list[list[str]]) -> tuple[list[list[str]], set[int]]:
    """Numbered rows with their grouping cells filled in, and the grouping columns.

    A category merged down several rows (政策类别: 梯度培育 over three measures) leaves the
    rows below it empty at the front, right after their number; those cells take the text
    above. Only leading cells are filled: an empty cell after the row's first text is empty.
    A leading cell that repeats the one above (the category typed on every row) groups too.
    """
    out: list[list[str]] = []
    grouping: set[int] = set()
    for row in rows:
        row = list(row)
        if out:
            above = out[-1]
            for index in range(1, len(row) - 1):
                if row[index] and index < len(above) and row[index] == above[index]:
                    grouping.add(index)  # a category typed again on every row (a spreadsheet's, unmerged)
                    continue
                if row[index]:
                    break
                if index < len(above) and above[index]:
                    row[index] = above[index]
                    grouping.add(index)
        out.append(row)
    return out, grouping


def _record(header: list[str], row: list[str], grouping: set[int] = frozenset()) -> TableCell:
    """A numbered record (序号 | 事项 | 标准 | 部门): one chunk named by its first cell that is
    not a group's, under its groups (政策类别 › 政策事项)."""
    groups = tuple(row[i] for i in sorted(grouping) if i < len(row) and row[i])
    named = next((cell for i, cell in enumerate(row[1:], start=1) if cell and i not in grouping), "")
    path = groups + (named,) if named else groups or (row[0],)
    text = "；".join(f"{name}：{cell}" for name, cell in zip(header[1:], row[1:], strict=False) if cell)
    return TableCell(path, row[0], text, record=True)


def _column_paths(headers: list[list[str]], width: int) -> list[tuple[str, ...]]:
    """For each leaf column, the header cells above it; a row's last cell spans the rest."""
    paths: list[tuple[str, ...]] = []
    for column in range(width):
        names = []
        for row, header in enumerate(headers):
            if column >= len(header) and row and column < len(headers[row - 1]) and headers[row - 1][column]:
                continue  # (a heading above merged down past the end of a shorter row: 责任单位, not its 省级)
            name = header[min(column, len(header) - 1)].strip()
            if name and (not names or names[-1] != name):
                names.append(name)
        paths.append(tuple(names))
    return paths


def _common_prefix(paths: list[tuple[str, ...]]) -> tuple[str, ...]:
    if not paths:
        return ()
    prefix = list(paths[0])
    for path in paths[1:]:
        keep = 0
        while keep < min(len(prefix), len(path)) and prefix[keep] == path[keep]:
            keep += 1
        prefix = prefix[:keep]
    return tuple(prefix)
