"""An annex whose table follows "附件" with no title line between: the table's header row is its
content, not the annex's title — taken as the title, its first cell ("类别") became the heading and
the other headings shifted one column left, so a criteria table said 服务类：3000万元以上 (the
manufacturers' figure) and lost its last column. In every format. A fictional county (潾溪县)."""

from __future__ import annotations

import pytest

from eval.formats import read_source, render_html, render_txt
from eval.formats_office import render_docx, render_pdf
from ingest.pipeline import prepare

SOURCE = """潾溪县专精特新企业培育实施方案
一、入库条件。申报潾溪县培育库的企业应同时满足附件所列条件。
附件
| 类别 | 制造类 | 服务类 |
|---|---|---|
| 营业收入 | 3000万元以上 | 1000万元以上 |
| 研发费用占比 | 不低于3% | 不低于5% |
"""

RENDERERS = {
    "md": lambda b, p: p.write_text(SOURCE, encoding="utf-8") and p,
    "txt": lambda b, p: render_txt(b, p, "gbk", "fullwidth"),
    "docx": lambda b, p: render_docx(b, p),
    "pdf": lambda b, p: render_pdf(b, p, "潾溪县工业和信息化局"),
    "html": lambda b, p: render_html(b, p, "潾溪县人民政府", "潾溪县", "2026-03-02 09:00"),
}


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_a_table_right_after_the_annex_mark_keeps_its_header(tmp_path, fmt):
    source = tmp_path / "source.md"
    source.write_text(SOURCE, encoding="utf-8")
    path = RENDERERS[fmt](read_source(source), tmp_path / f"linxi-pool.{fmt}")
    records = [c.text for c in prepare(path, {}, 320).chunks if c.kind.startswith("table")]
    assert records == ["类别：营业收入；制造类：3000万元以上；服务类：1000万元以上",
                       "类别：研发费用占比；制造类：不低于3%；服务类：不低于5%"], records
