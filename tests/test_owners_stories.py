"""Owners' long stories ending in a bare ask ("…能补多少？"): who told them (财务说), figures and
plans before the benefit heard of, a title won told before a reward asked, over the unseen
documents of the ``cities`` library; none of these questions is in an eval set."""

from __future__ import annotations

import pytest

from assistant.settings import PROJECT_ROOT
from assistant.synonyms import Synonyms
from assistant.words import names_benefit_topic

from .conftest import conversation


def test_a_benefit_told_with_what_it_is_for():
    synonyms = Synonyms.load(PROJECT_ROOT / "knowledge" / "synonyms.tsv")
    assert names_benefit_topic("听说县里对数字化改造有补助", synonyms)
    assert not names_benefit_topic("财务说县里有一次性奖励", synonyms)
    assert not names_benefit_topic("去年营收八千多万", synonyms)


@pytest.mark.parametrize(("question", "quoted"), [
    # figures and plans told first, the benefit heard of last: the benefit's clause answers
    ("我们是桐溆做电机的，去年营收五千多万，准备上一套ERP系统，软件硬件一共投一百五十万。听说县里对数字化改造有补助，能补多少？",
     "按投入额的15%给予补助"),
    # who said it names no topic (会计说), the title won before it does
    ("我在禾浦做阀门，刚评上国家级专精特新小巨人，会计说县里有奖励，能拿多少？", "80万元"),
    ("老板让我问问，我们在泊川贷了五百万，利息交了二十万，培育资金能贴多少？", "实际支付利息的50%"),  # 贴多少: a grant
    ("We're in Tongxu and were selected as a provincial innovative SME this year. What do we get?", "3万元"),  # 入选
    ("我们在桐溆，刚评上国家级单项冠军，县里奖多少？", "给予一次性奖励200万元"),
    ("我们禾浦的厂子想在自己的工业用地上再盖一栋厂房，还要另交土地出让金吗？", "不再增收土地价款"),  # 出让金: 土地价款
])
def test_the_story_s_topic_is_answered(cities, question, quoted):
    answer = cities.ask(question)
    assert not answer.refused and quoted in answer.text, answer.text


def test_a_title_the_place_does_not_reward_is_declined(cities):
    # 禾浦 rewards 小巨人 and 省级/市级 recognition, not 单项冠军
    answer = cities.ask("我们公司在禾浦，刚评上国家级单项冠军，县里奖多少？")
    assert answer.refused, answer.text


@pytest.mark.parametrize(("question", "answered"), [
    ("岚汀的贷款利息能报销一部分吗？", True),  # 一部分 is no figure of the company's, 报销 no 报 (applying)
    ("栖沅的海外专利授权有资助吗？", False),  # 栖沅 funds 国内 invention patents only
    ("栖沅参加境外展会能补多少？", True),
    ("我们在栖沅，刚引进了一个博士，市里能帮忙解决住的问题吗？", True),  # 住: 安居
    ("禾浦用自有工业用地加盖厂房要不要补交土地款？", True),  # 要不要 names nothing; 补交: 增收
    ("青澜的小巨人企业有专人上门服务吗？", True),  # 专人: 服务专员
])
def test_words_that_look_like_figures_or_sides(cities, question, answered):
    answer = cities.ask(question)
    assert answer.refused != answered, answer.text
    assert "政策体检" not in answer.text, answer.text


@pytest.mark.parametrize(("question", "said"), [
    # the reward asked after a level just won is that level's
    ("我们在泊川，刚被认定为省级专精特新，培育资金能给多少奖励？", "30万元"),
    ("We're a Bochuan firm that just became a national little giant. What reward does the fund give?", "100万元"),
])
def test_the_reward_for_a_level_just_won(cities, question, said):
    answer = cities.ask(question)
    assert not answer.refused and said in answer.citations[0].quote, answer.text


def test_no_reward_stated_for_the_level_just_won_is_declined(cities):
    # 泊川's fund rewards 小巨人 and 省级 recognition, not 市级
    assert cities.ask("我们在泊川，刚被认定为市级专精特新，培育资金能给多少奖励？").refused
    # …and a 市级 企业技术中心 only, not a provincial one (the 省级 its guide speaks of is the SRDI title)
    assert cities.ask("Our Bochuan firm's tech centre was just recognised at provincial level. Is there a one-off grant?").refused
    answer = cities.ask("Our Bochuan firm's tech centre was just recognised at municipal level. Is there a one-off grant?")
    assert not answer.refused and "20万元" in answer.citations[0].quote, answer.text


@pytest.mark.parametrize(("question", "answered"), [
    ("We plan to list on the Beijing Stock Exchange. What does Qiyuan give?", True),  # list on: 上市
    ("We're a Qiyuan firm planning to list on the STAR main board. What does the city give?", False),  # 主板: no text says it
])
def test_listing_boards_said_in_english(cities, question, answered):
    answer = cities.ask(question)
    assert answer.refused != answered, answer.text


@pytest.mark.parametrize(("question", "history", "answered"), [
    # the level won, the government asked: the county's reward for that level (only 省级 factories are rewarded)
    ("桐溆刚获评国家级智能制造示范工厂，县里有奖励吗？", [], False),
    ("桐溆刚获评省级智能制造示范工厂，县里有奖励吗？", [], True),
    ("Is there a county reward?", ["We're a Tongxu firm and just became a national smart manufacturing demonstration factory."], False),
    # the asker told who they are in a turn of its own, then asked: read as one message
    ("市里有奖励吗？", ["澄岭的企业刚被认定为国家级小巨人"], False),  # 澄岭 rewards 市级 and 省级 only
    ("市里有奖励吗？", ["我们是澄岭的企业，刚被认定为市级专精特新。"], True),
])
def test_a_government_s_reward_for_the_level_just_won(cities, question, history, answered):
    from assistant.types import Turn

    answer = cities.ask(question, [Turn("user", told) for told in history])
    assert answer.refused != answered, answer.text


def test_a_turn_that_only_tells_is_the_next_question_s_context():
    from assistant.conversation import resolve
    from assistant.types import Turn

    assert resolve("市里有奖励吗？", [Turn("user", "我们刚评上国家级小巨人。")]) == ("我们刚评上国家级小巨人，市里有奖励吗？", None)
    assert resolve("Is there a county reward?", [Turn("user", "We just won.")]) == ("We just won. Is there a county reward?", None)
    # a question before is no telling; a follow-up is read as before
    assert resolve("市里有奖励吗？", [Turn("user", "我们能评国家级小巨人吗？")]) == ("市里有奖励吗？", None)
    assert resolve("多少？", [Turn("user", "我们刚评上国家级小巨人")])[0].endswith("多少？")


@pytest.mark.parametrize(("question", "answered"), [
    # the side or exchange is told in the story, the ask is bare: still the case asked about
    ("我们是栖沅的企业，今年买了一项国外的发明专利，市里能资助吗？", False),  # 每件国内发明专利
    ("我们是栖沅的企业，今年有几件国内发明专利授权，市里能资助吗？", True),
    ("我们在禾浦，去年在上海证券交易所主板上市了，县里有奖励吗？", False),  # 北京证券交易所 only
    ("我们禾浦的企业准备在北交所上市，县里奖多少？", True),
    ("栖沅企业在科创板上市奖多少？", True),  # 沪深北交易所 covers 上海's boards
    ("我们禾浦的企业想去国外参展，展位费县里能补多少？", True),  # 国内外展会 is both sides'
])
def test_a_side_or_exchange_told_before_a_bare_ask(cities, question, answered):
    answer = cities.ask(question)
    assert answer.refused != answered, answer.text


@pytest.mark.parametrize(("question", "first"), [
    ("桐溆评上省级创新型中小企业有奖吗？", "首次入选省级创新型中小企业的，给予一次性奖励3万元"),  # 有奖吗; 评上: 入选
    ("我们禾浦这边有家厂子首次评上市级专精特新，县里有奖吗？", "首次被认定为市级专精特新中小企业的，给予一次性奖励5万元"),
])
def test_a_reward_asked_as_you_jiang(cities, question, first):
    answer = cities.ask(question)
    assert not answer.refused and first in answer.citations[0].quote, answer.text
    assert "有家" not in question or "有家" in answer.standalone_question  # 有家: 有 and a measure word, no typo for 优价


def test_the_county_named_as_a_government_is_no_word_its_clauses_must_repeat(cities):
    # 县里: 桐溆's own policies speak for it; the 小巨人 reward clause need not say 县里 (the 培育库 one says 县级)
    answer = cities.ask("我们是桐溆县开发区做汽车零部件的，前年评上省级专精特新，今年又拿到国家级小巨人，听说县里对小巨人奖励很高，能拿多少？")
    assert not answer.refused and "给予一次性奖励120万元" in answer.citations[0].quote, answer.text


@pytest.mark.parametrize(("question", "quoted"), [
    ("栖沅的上云券每年能领几个钱？", "每家企业每年发放上云用云券最高2万元"),  # 几个钱: how much money; a voucher 发放ed is granted
    ("栖沅上云用云券一家企业能领多少？", "最高2万元"),
])
def test_colloquial_money_and_a_voucher_given_out(cities, question, quoted):
    answer = cities.ask(question)
    assert not answer.refused and quoted in answer.citations[0].quote, answer.text



@pytest.fixture(scope="module")
def yanzhu(settings_factory, tmp_path_factory):
    """The seeds with 雁渚's work plan (a page saved from a website)."""
    from eval.format_corpus import DOCUMENTS

    from .conftest import library_with

    plan = next(d for d in DOCUMENTS if d.stem == "yanzhu-work-plan")
    return library_with(tmp_path_factory.mktemp("yanzhu"), settings_factory, render=lambda folder: plan.render("html", folder))


def test_a_science_hub_said_in_english(yanzhu):
    answer = yanzhu.ask("What does Yanzhu offer firms in its science hub?")  # science hub: 科创中心 (glossary)
    assert not answer.refused and "入驻区科创中心的入库企业" in answer.citations[0].quote, answer.text


@pytest.mark.parametrize("question", [
    "Who interprets Qiyuan's policy list?",  # interprets: 负责解释, policy list: 清单 (glossary)
    "栖沅的政策清单由谁负责解释？",  # the item on interpreting, not the one naming 各责任单位
])
def test_who_interprets_a_policy_list(cities, question):
    answer = cities.ask(question)
    assert not answer.refused and "由市工业和信息化局负责解释" in answer.citations[0].quote, answer.text


def test_a_city_title_just_won_wants_the_citys_reward_for_it(cities):
    # 瑜禾's guide rewards 省级 and 国家级 titles only: its 20万元 is not for a 市级 title
    answer = cities.ask("我们瑜禾企业刚被认定为市级专精特新，市里奖多少？")
    assert answer.refused and "没有针对“市级”" in answer.text, answer.text
    own = cities.ask("我们澄岭企业刚被认定为市级专精特新，市里奖多少？")
    assert not own.refused and "一次性奖励15万元" in own.citations[0].quote, own.text


def test_travel_costs_said_in_english_are_a_subject_of_their_own(cities):
    # travel costs: 差旅费 (glossary); 澄岭's training is free, its travel costs are not mentioned
    answer = cities.ask("Does Chengling cover travel costs for its leadership training?")
    assert answer.refused, answer.text
    free = cities.ask("Does Chengling charge for its leadership training?")
    assert not free.refused and "免费参加" in free.text, free.text


def test_an_insurance_fee_said_in_full_is_the_premium(cities):
    # 保险费 said, 保费 written (synonyms)
    answer = cities.ask("我们在栖沅，买了一台国产首台套设备，保险费能补多少？")
    assert not answer.refused and "按年度实际保费的70%给予补贴" in answer.text, answer.text


@pytest.mark.parametrize(("question", "quoted"), [
    # 能拿多少资助: a sum 资助ed is granted to the firm
    ("我们是栖沅的专精特新企业，刚拿到一件国内发明专利授权，能拿多少资助？", "每件国内发明专利资助5000元"),
    ("栖沅的同类政策能叠加享受吗？", "按就高原则享受，不重复支持"),  # 叠加享受: 不重复 (synonyms)
])
def test_grants_and_stacking_worded_otherwise(cities, question, quoted):
    answer = cities.ask(question)
    assert not answer.refused and quoted in answer.text, answer.text


def test_extra_land_price_said_in_english(cities):
    # land price: 土地价款 as well as 出让 (glossary); 禾浦 charges none on a firm's own land
    answer = cities.ask("Our Hepu firm is building a new workshop on its own industrial land and raising "
                        "the plot ratio. Do we pay extra land price?")
    assert not answer.refused and "不再增收土地价款" in answer.text, answer.text


def test_sub_districts_and_the_survey_said_in_english(yanzhu):
    # sub-districts: 街道, survey: 摸底 (glossary)
    answer = yanzhu.ask("When must Yanzhu's sub-districts finish the survey?")
    assert not answer.refused and "摸底" in answer.citations[0].quote, answer.text


def test_a_level_of_another_thing_is_not_the_levels_title(cities):
    # 泊川's 市级 names a technology centre, not a 市级专精特新 title: its 20万元 is no answer
    answer = cities.ask("那市级的呢？", history=conversation(cities, "泊川省级专精特新奖多少？"))
    assert answer.refused, answer.text
    centre = cities.ask("泊川对新认定的市级企业技术中心补多少？")
    assert not centre.refused and "20万元" in centre.text, centre.text
