"""A guide written in Markdown with bold section lines and list items ("- 汽车零部件", nested
"   - 补贴期限…" under a numbered item): every item is kept, under what it belongs to. A fictional
city (琳桥市)."""

from __future__ import annotations

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
