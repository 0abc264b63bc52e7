"""A box (专栏) in a plan: a table of one column, its title the first row and its numbered items the
rows below. It is one unit of the text, its title leading its items in — not a record whose only
field is the title, with each item again as a clause that lost the box's name. Fictional 汧川市."""

from __future__ import annotations

import docx

from ingest.cleaning import clean_text
from ingest.pipeline import prepare

_ITEMS = ["1. 对首次认定的国家级专精特新“小巨人”企业，一次性奖励80万元。",
          "2. 对首次认定的省级专精特新中小企业，一次性奖励20万元。"]


def test_a_box_in_word_is_one_unit_led_by_its_title(tmp_path):
    document = docx.Document()
    document.add_paragraph("汧川市专精特新企业培育行动方案")
    document.add_paragraph("一、重点任务")
    document.add_paragraph("（一）实施梯度培育工程。建立梯度培育库，每年动态调整一次。")
    box = document.add_table(rows=3, cols=1)
    for row, text in zip(box.rows, ["专栏1 梯度培育工程", *_ITEMS]):
        row.cells[0].text = text
    document.add_paragraph("（二）实施创新能力提升工程。支持企业建设研发机构。")
    document.save(tmp_path / "plan.docx")
    chunks = prepare(tmp_path / "plan.docx", {}, 400).chunks
    boxed = [c for c in chunks if "一次性奖励80万元" in c.text]
    assert len(boxed) == 1, [c.text for c in chunks]  # (once: the record and a clause held it twice)
    assert boxed[0].text.startswith("专栏1梯度培育工程：1.") and "一次性奖励20万元" in boxed[0].text
    assert [c.section_path[-1] for c in chunks if c.text.startswith("（")] == ["（一）实施梯度培育工程", "（二）实施创新能力提升工程"]


def test_a_one_column_list_keeps_its_items_apart():
    # (items without an end of their own: 申请表；营业执照复印件, not run together once spaces go)
    cleaned = clean_text("标题\n\t申报材料\n\n\t申请表\n\n\t营业执照复印件\n\n正文。\n")
    assert "申报材料：申请表；营业执照复印件；" in cleaned.split("\n")
