"""A bureau's reply to a deputy's or member's proposal (建议/提案答复, session 46): a letter whose title
ends in 答复, header fields (签发人) above it, the proposal's own 《…》 in its first sentence, the
signature above a note of how it is published, a closing formula of thanks; and what owners ask of
the policy it states. Fictional places (槿川市)."""

from __future__ import annotations

import pytest

from .conftest import library_with

REPLY = """槿川市人力资源和社会保障局
槿人社提〔2026〕9号
签发人：韩志远
槿川市人力资源和社会保障局关于市政协十四届三次会议第0087号提案的答复
周敏委员：
您提出的《关于加强专精特新企业人才引育的提案》收悉。经商市工业和信息化局、市财政局，现答复如下：
一、关于人才安居的建议
我市对省级及以上专精特新中小企业新引进的全职博士，给予每人每月3000元安居补贴，期限3年。支持对象为省级及以上专精特新中小企业，其他企业按普通人才政策执行。申报企业近3年被列入严重失信主体名单的，不予受理。
二、关于专场招聘的建议
自2026年起，我局每半年举办一次专精特新企业专场招聘会，场地费用由市财政承担，企业免费参加。
三、关于技能培训的建议
专精特新企业组织职工参加技能提升培训的，按每人800元标准给予培训补贴。
四、关于人才融资的建议
我局会同合作银行推出“槿才贷”，支持对象为市级以上专精特新中小企业，单户额度最高500万元，以信用方式发放；市财政按实际支付利息的50%给予贴息。
五、关于支持人才企业上市的建议
我市对在沪深北交易所首发上市的企业，分辅导备案、申报受理、成功上市三个阶段给予奖励，合计150万元。
感谢您对全市人才工作的关心和支持。
联系人：宋婷　联系电话：0571-87650321
槿川市人力资源和社会保障局
2026年6月30日
（此件主动公开）
"""


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    from ingest.pipeline import prepare

    path = tmp_path_factory.mktemp("reply") / "jinchuan-reply.txt"
    path.write_text(REPLY, encoding="utf-8")
    return prepare(path, {}, 320)


def test_a_reply_is_titled_by_its_heading_not_by_a_header_field_or_the_proposal_it_answers(prepared):
    # (the title was "我市对省级及以上…": 答复 was no kind of title, so the heading ran on into the
    # salutation "周敏委员：" as one wrapped line, and 签发人 was taken for a title line)
    meta = prepared.meta
    assert meta.title == "槿川市人力资源和社会保障局关于市政协十四届三次会议第0087号提案的答复"
    assert meta.doc_number == "槿人社提〔2026〕9号" and meta.region == "槿川市"


def test_a_signature_above_a_publication_note_names_the_issuer_and_date(prepared):
    # (issuer and date were unknown: the signature was not last, "（此件主动公开）" followed it)
    assert prepared.meta.issuer == "槿川市人力资源和社会保障局" and prepared.meta.date_issued == "2026-06-30"
    texts = [c.text for c in prepared.chunks]
    assert not any("此件主动公开" in t or t.strip() == "2026年6月30日" for t in texts), texts


def test_a_letters_closing_thanks_is_a_note_that_answers_nothing(prepared):
    thanks = [c for c in prepared.chunks if c.text.startswith("感谢您")]
    assert [c.kind for c in thanks] == ["note"]
    assert all(c.kind == "clause" for c in prepared.chunks if c.text.startswith("联系人"))  # (a contact stays)


@pytest.fixture(scope="module")
def jinchuan(tmp_path_factory, settings_factory):
    return library_with(tmp_path_factory.mktemp("jinchuan"), settings_factory, {"jinchuan-reply.txt": REPLY})


@pytest.mark.parametrize(("question", "quoted"), [
    # (refused as a level the clause does not cover: the level is who the asker is, and 市级以上 says
    # whether they may apply — here, that they may not; the subsidy is a guard, answered by the old code too)
    ("我们在槿川只是区级专精特新，能申请槿才贷吗？", "市级以上"),
    ("我们在槿川只是区级专精特新，能申请安居补贴吗？", "省级及以上"),
    # (answered by the loan's cap, 500万元: a separable word split by the amount asked, 贴多少息, is 贴息)
    ("我们在槿川，槿才贷能贴多少息？", "50%"),
    # (refused: "有影响吗" named 影响 as the thing asked for; it asks what follows from the case told)
    ("我们在槿川，想申请安居补贴，公司前年上过严重失信名单，有影响吗？", "不予受理"),
    # (refused: "every month" was the most distinctive thing asked, and no clause says 每月; it asks how often)
    ("Is Jinchuan's recruitment fair for specialised firms held every month?", "每半年"),
])
def test_an_owners_question_on_a_reply_is_answered_from_its_policy(jinchuan, question, quoted):
    answer = jinchuan.ask(question)
    assert not answer.refused, answer.text
    assert quoted in answer.citations[0].quote and quoted in answer.text, answer.text


def test_a_benefit_for_a_level_the_policy_does_not_reward_is_still_declined(jinchuan):
    # (a guard: only a question of whether the asker may apply is answered by the levels a clause is for)
    assert jinchuan.ask("槿川对区级专精特新企业有安居补贴吗？").refused


@pytest.mark.parametrize(("ask", "frequency"), [
    ("Is the fair held every month?", True), ("Do we get the allowance monthly?", True),
    ("What is the monthly allowance?", False), ("How much is paid each month", False),
])
def test_an_english_yes_no_on_an_interval_asks_how_often(ask, frequency):
    from assistant.asking import ask_types

    assert ("frequency" in ask_types(ask)) is frequency


def test_a_yes_no_objects_head_must_be_named_not_only_its_rarest_word(jinchuan):
    # (answered with the listing reward: 辅导 of 辅导备案 is there, but what is asked for is 培训)
    assert jinchuan.ask("槿川对专精特新企业有上市辅导培训吗？").refused
    answer = jinchuan.ask("槿川上市奖励分几个阶段？")  # (a guard: the stages themselves are stated)
    assert not answer.refused and "三个阶段" in answer.text, answer.text


@pytest.mark.parametrize(("question", "split"), [
    ("贷款能贴多少息", ("贴", "多少", "息")), ("贴几个点的息", ("贴", "几个点的", "息")),
    # (read as 最高额多少度 in the format library, where 高额 is a word of the texts: 高 is of 最高, 额 of 额度)
    ("一家企业最高多少额度", None),
])
def test_a_word_split_by_the_amount_is_one_only_where_its_halves_stand_alone(question, split):
    from assistant.lexical import segment
    from assistant.typos import _SPLIT_BY_AMOUNT, _apart

    found = [m.groups() for m in _SPLIT_BY_AMOUNT.finditer(question) if _apart(segment(question), *m.groups())]
    assert found == ([split] if split else [])

