"""A service guide (办事指南): one two-column table of field and value with no heading row, the
first field naming the matter, numbered items inside cells, and a few numbered questions with
their answers after it. A fictional district (莼湾区) and a fictional county's listing measures."""

from __future__ import annotations

import pytest

from eval.formats import Table
from eval.formats_office import render_docx, render_pdf
from ingest.pipeline import prepare

from .conftest import conversation, library_with

FIELDS = [
    ["事项名称", "专精特新企业培育奖励兑现"],
    ["实施主体", "莼湾区经济发展局"],
    ["受理条件", "1.注册地和税务征管关系均在莼湾区；2.2025年以后首次被认定为省级专精特新中小企业；3.申请时未被列入经营异常名录。"],
    ["奖励标准", "首次认定为省级专精特新中小企业的，奖励15万元。"],
    ["申请材料", "1.奖励兑现申请表（原件1份）；2.营业执照复印件（加盖公章）。"],
    ["办理时限", "自受理之日起15个工作日内办结（公示时间不计入）"],
    ["申报时间", "每年5月1日至5月31日集中受理"],
    ["收费标准", "不收费"],
    ["办理地点", "莼湾区政务服务中心一楼A区8号窗口"],
    ["咨询电话", "0512-66120318"],
]
FAQ = [
    "常见问题",
    "1.同一年度获得两项认定的，能否同时领取奖励？",
    "答：不能。按照就高原则兑现，不重复奖励。",
    "2.奖励资金需要缴纳企业所得税吗？",
    "答：奖励资金属于政府补助，应按照税法规定计入企业收入总额。",
    "莼湾区经济发展局",
    "2026年4月2日",
]


def guide_blocks():
    return ["莼湾区专精特新企业培育奖励兑现办事指南", Table(FIELDS[:1], FIELDS[1:]), *FAQ]


def render_guide(folder, fmt="docx"):
    if fmt == "pdf":
        return render_pdf(guide_blocks(), folder / "chunwan-guide.pdf", "莼湾区经济发展局")
    return render_docx(guide_blocks(), folder / "chunwan-guide.docx", auto_numbering=False)


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_field_table_gives_one_record_per_field_under_the_matter(tmp_path, fmt):
    chunks = prepare(render_guide(tmp_path, fmt), {}, 400).chunks
    place = next(c for c in chunks if "8号窗口" in c.text)
    # (before: the first field was read as column headings, "事项名称：办理地点；专精特新…：莼湾区…")
    assert place.text == "专精特新企业培育奖励兑现办理地点：莼湾区政务服务中心一楼A区8号窗口", place.text
    assert place.section_path[-2:] == ("专精特新企业培育奖励兑现", "办理地点"), place.section_path
    assert not any("事项名称：实施主体" in c.text for c in chunks)


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_numbered_question_keeps_its_answer_and_its_heading_gains_no_numeral(tmp_path, fmt):
    chunks = prepare(render_guide(tmp_path, fmt), {}, 400).chunks
    tax = next(c for c in chunks if "企业所得税" in c.text)
    assert "答：奖励资金属于政府补助" in tax.text, tax.text  # (before: the answer was a chunk of its own)
    assert tax.section_path[-2:] == ("常见问题", "2.奖励资金需要缴纳企业所得税吗？"), tax.section_path
    first = next(c for c in chunks if "同时领取" in c.text)
    assert "答：不能" in first.text, first.text  # (the PDF had glued the answer onto a wrapped question)


def test_a_two_column_table_with_headings_keeps_them(tmp_path):
    blocks = ["某措施", "（一）按下表分阶段给予奖励：", Table([["阶段", "奖励标准"]], [["辅导备案", "50万元"], ["成功上市", "200万元"], ["挂牌", "30万元"]])]
    chunks = prepare(render_docx(blocks, tmp_path / "stages.docx", auto_numbering=False), {}, 400).chunks
    assert any(c.text == "阶段：成功上市；奖励标准：200万元" for c in chunks), [c.text for c in chunks]  # (a guard)


def test_an_unnumbered_heading_gets_back_only_a_numeral_its_sequence_lost(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("莼湾区专精特新企业培育工作方案\n一、重点任务\n建立培育体系\n1.建立培育库，每年更新一次。\n"
                    "（二）完善服务体系\n1.为入库企业配备服务专员。\n", encoding="utf-8")
    chunks = prepare(path, {}, 400).chunks
    pool = next(c for c in chunks if "培育库" in c.text)
    assert pool.section_path[:2] == ("一、重点任务", "（一）建立培育体系"), pool.section_path  # (a guard: (二) follows)


LISTING = """椋川县支持企业上市若干措施
一、对在证券交易所首发上市的企业，给予一次性奖励300万元；向证监局辅导备案的，先行奖励40万元。
二、对企业上市支付的中介机构费用，按实际支付额的10%给予补助，最高80万元。
三、企业上市后将募集资金的30%以上投资于本县的，按投资额的2%另给予奖励，最高150万元。
四、企业在享受奖励后5年内将注册地迁出本县的，应退回全部奖励资金。
"""


@pytest.fixture(scope="module")
def chunwan(settings_factory, tmp_path_factory):
    return library_with(tmp_path_factory.mktemp("chunwan"), settings_factory, {"liangchuan-listing.txt": LISTING},
                        render=render_guide)


@pytest.mark.parametrize(("question", "fact"), [
    ("莼湾培育奖励在哪里办理？", "8号窗口"),  # a counter is where one applies
    ("Where do I hand in Chunwan's certification reward application?", "8号窗口"),
    # (公示时间不计入 is no publicity period; a guard here: the old headings' "；" had split it off)
    ("How long does Chunwan take to process the certification reward?", "15个工作日"),
    ("莼湾企业在经营异常名录里还能申请培育奖励吗？", "经营异常名录"),  # (a guard: a field still says whose it is)
    ("椋川企业上市后把注册地迁到外县要退回奖励吗？", "退回全部奖励资金"),  # (a guard: the case is the clause's)
])
def test_a_guides_fields_answer(chunwan, question, fact):
    answer = chunwan.ask(question)
    assert not answer.refused and fact in answer.text, answer.text


@pytest.mark.parametrize(("question", "fact"), [
    ("我们在椋川，请券商、律所、会计师做上市辅导花了600多万，县里能补一些吗？", "10%"),  # 券商 and 律所 are 中介机构
    ("椋川上市募集的钱投回县里有额外奖励吗？", "2%"),  # (投回 is 投资于, 额外 is 另给予)
    # (a guard here: the clause names 辅导备案 beside the listing reward itself)
    ("Our company in Liangchuan has just filed for tutoring with the securities regulator. What reward do we get?", "40万元"),
])
def test_an_owners_words_for_listing_costs_answer(chunwan, question, fact):
    answer = chunwan.ask(question)
    assert not answer.refused and fact in answer.text, answer.text


def test_where_to_go_follows_up_on_when(chunwan):
    answer = chunwan.ask("在哪办？", history=conversation(chunwan, "莼湾培育奖励兑现什么时候申报？"))
    assert not answer.refused and "8号窗口" in answer.text, answer.text  # (the counter's field is searched for)


def test_how_long_it_takes_follows_up_on_the_materials(chunwan):
    answer = chunwan.ask("要多久办完？", history=conversation(chunwan, "莼湾培育奖励兑现要准备哪些材料？"))
    assert not answer.refused and "15个工作日" in answer.text, answer.text  # (办完 is 办结)


@pytest.mark.parametrize("question", [
    "椋川企业上市失败要退回上市奖励吗？",  # money taken back in another case (迁出) than the one asked
    "莼湾认定奖励网上申请的网址是什么？",  # (a guard)
])
def test_what_a_guide_does_not_say_is_declined(chunwan, question):
    assert chunwan.ask(question).refused
