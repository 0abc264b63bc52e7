"""Plain-text policies as offices save them: every paragraph indented by two full-width spaces
("　　一、…", short paragraphs, in GBK or UTF-8) or by a tab. Both are paragraphs, not table cells,
and neither makes the file look like binary data. A fictional county (璘川县)."""

from __future__ import annotations

import pytest

from ingest.pipeline import prepare

LINES = ["璘川县中小企业技改补助办法", "一、支持对象", "在璘川县注册的规模以上工业企业。", "二、补助标准",
         "（一）对设备投资200万元以上的项目，按投资额的10%给予补助。", "（二）对获评省级智能工厂的，奖励30万元。",
         "三、本办法自2026年1月1日起施行。"]


@pytest.mark.parametrize(("indent", "encoding"), [("\u3000\u3000", "utf-8"), ("\u3000\u3000", "gbk"), ("\t", "utf-8")])
def test_indented_paragraphs_are_paragraphs(tmp_path, indent, encoding):
    path = tmp_path / "linchuan.txt"
    path.write_bytes("\n".join([LINES[0]] + [indent + line for line in LINES[1:]]).encode(encoding))
    prepared = prepare(path, {}, 400)  # (full-width spaces once made the file "neither UTF-8 nor GBK")
    chunks = prepared.chunks
    assert prepared.meta.title == "璘川县中小企业技改补助办法", prepared.meta
    # (a tab-indented text was once read as one table: a row of every paragraph)
    assert not any(c.kind.startswith("table") for c in chunks), [(c.kind, c.text) for c in chunks]
    standard = next(c for c in chunks if "10%" in c.text)
    assert standard.section_path[0] == "二、补助标准" and "30万元" in standard.text, standard


def test_cell_lines_stay_a_table(tmp_path):
    # (a guard: the cell lines other loaders write, rows of one cell per tab-led line with a blank
    # line between rows, which this project's .txt files also hold, are a table)
    path = tmp_path / "cells.txt"
    path.write_text("璘川县技改补助标准\n附件1 补助标准表\n\t项目\n\t标准\n\n\t设备更新\n\t投资额的10%\n\n\t智能工厂\n\t奖励30万元\n",
                    encoding="utf-8")
    rows = [c for c in prepare(path, {}, 400).chunks if c.kind.startswith("table")]
    assert any("智能工厂" in c.text and "30万元" in c.text for c in rows), rows
