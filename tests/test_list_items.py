"""A guide written in Markdown with bold section lines and list items ("- 汽车零部件", nested
"   - 补贴期限…" under a numbered item): every item is kept, under what it belongs to. A fictional
city (琳桥市)."""

from __future__ import annotations

import pytest

from ingest.pipeline import prepare

GUIDE = """# 琳桥市2027年度中小企业数字化转型试点申报指南

琳桥市工业和信息化局　2027年2月10日

**一、支持对象**

在琳桥市注册、具有独立法人资格的中小企业，重点支持以下行业：

- 汽车零部件
- 纺织服装
- 食品加工

**二、支持内容**

1. **数字化改造补助**：对软硬件投入200万元以上的改造项目，按投入额的20%给予补助，最高150万元。
2. **上云补贴**：按年度云服务费的40%给予补贴，每家企业最高8万元。
   - 补贴期限不超过2年；
   - 已享受县级上云补贴的，市级补足差额。

**三、申报时间**

2027年3月1日至4月15日，逾期不予受理。
"""


def test_markdown_list_items_are_kept_under_what_they_belong_to(tmp_path):
    path = tmp_path / "linqiao.md"
    path.write_text(GUIDE, encoding="utf-8")
    chunks = prepare(path, {}, 400).chunks
    # (the items were once stripped of their marks, run together and the last one, just above the
    # next heading, taken for a heading that had lost its numeral)
    trades = next(c for c in chunks if "汽车零部件" in c.text)
    assert trades.section_path == ("一、支持对象",) and "纺织服装" in trades.text and "食品加工" in trades.text, trades
    term = next(c for c in chunks if "补贴期限不超过2年" in c.text)
    assert term.section_path == ("二、支持内容", "2.上云补贴"), term.section_path
    assert not any(c.section_path[-1:] == ("食品加工",) for c in chunks)


def _bulleted(tmp_path, fmt: str):
    items = ["规模以上工业企业", "专精特新中小企业", "高新技术企业"]
    head = ["璘川县中小企业技改补助办法", "一、支持对象", "在璘川县注册的下列企业："]
    tail = ["二、补助标准", "对设备投资200万元以上的项目，按投资额的10%给予补助。"]
    path = tmp_path / f"linchuan.{fmt}"
    if fmt == "docx":
        import docx

        document = docx.Document()
        for line in head:
            document.add_paragraph(line)
        for item in items:
            document.add_paragraph(item, style="List Bullet")  # (Word's own bullets: no mark in the text)
        for line in tail:
            document.add_paragraph(line)
        document.save(path)
    elif fmt == "html":
        lis = "".join(f"<li>{item}</li>" for item in items)
        body = "".join(f"<p>{line}</p>" for line in head[1:]) + f"<ul>{lis}</ul>" + "".join(f"<p>{line}</p>" for line in tail)
        path.write_text(f"<html><head><meta charset='utf-8'><title>{head[0]}</title></head><body><div class='article'>"
                        f"<h1>{head[0]}</h1>{body}</div></body></html>", encoding="utf-8")
    else:  # plain text with the marks typed by hand: a middle dot, a hyphen
        path.write_text("\n".join(head + [f"· {items[0]}", f"· {items[1]}", f"- {items[2]}"] + tail) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["docx", "html", "txt"])
def test_bulleted_items_are_kept_in_every_format(tmp_path, fmt):
    chunks = prepare(_bulleted(tmp_path, fmt), {}, 400).chunks
    # (Word's bulleted items and a page's <li> were dropped or their last one, over 二、, read as a heading)
    listed = [c for c in chunks if "专精特新中小企业" in c.text and c.section_path == ("一、支持对象",)]
    assert listed and all(item in listed[0].text for item in ("规模以上工业企业", "高新技术企业")), [(c.section_path, c.text) for c in chunks]
    assert not any(c.section_path[-1:] == ("高新技术企业",) for c in chunks)
