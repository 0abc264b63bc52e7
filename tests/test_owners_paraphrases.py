"""Owners' own paraphrases of questions the sets answer (session 46): 还债 for 抵偿债务, an investment
told with 投资 against a threshold stated as 投入, "不到"/"拿来" as fillers, "能便宜吗" as a benefit asked of what was told, "over the bar" as a threshold. Fictional places (苈川县)."""

from __future__ import annotations

import pytest

from .conftest import library_with

MEASURES = """苈川县中小企业数字化转型和创新券实施细则
一、数字化改造。企业实施数字化改造，软硬件投入200万元以上的，按投入额的15%给予补助，最高150万元。
二、创新券。创新券用于购买检验检测、研发设计等科技服务，创新券不得转让、买卖或用于抵偿债务。创新券限当年使用，逾期未使用的自动作废。
三、上云用云。企业购买云服务的，按年度服务费的30%给予补贴，每家企业最高5万元。
四、空间保障。专精特新企业租用县属产业园厂房的，前两年租金减半。
五、培育入库。申报县级培育库的企业，上年度营业收入500万元以上，且近2年营业收入平均增长率不低于8%。
六、资金拨付。上云补贴资金在项目验收后3个月内拨付。企业骗取奖补资金的，追回已拨付资金并依法处罚。
七、动态管理。县级培育库名单每年调整一次，被取消入库资格的企业3年内不得重新申报。
八、上市奖励。企业在沪深北交易所首发上市的，给予一次性奖励200万元。
九、服务专员。为每家专精特新企业配备1名服务专员，每季度走访不少于1次。
十、苈川专精贷。合作银行向专精特新企业以信用方式发放贷款，单户最高500万元，贷款利率不高于LPR。
十一、人才生活补贴。专精特新企业引进的全职博士，每人每月给予3000元生活补贴。
十三、研发奖励。对上年度研发费用增长20%以上的企业，按增量部分的5%给予奖励，单个企业每年最高30万元。
十四、认定奖励。对首次认定为省级专精特新中小企业的，给予一次性奖励20万元。获得奖补的企业于每年3月底前报送上年度资金使用绩效报告。
十五、数字化目标。引导专精特新企业上云用云，每年推动100家创小实施“小快轻准”数字化改造。
十六、参展补贴。企业参加境内外展会的，按展位费的50%给予补贴，每家企业每年最高10万元。
十七、晋级奖励。由省级专精特新中小企业晋升为国家级专精特新“小巨人”企业的，补足差额部分。
十八、海外维权。企业应对海外知识产权诉讼的，按实际发生律师费用的30%给予补助，每起案件最高20万元。
十九、境外认证。企业在境外注册商标或者取得国际产品认证的，按实际发生费用的50%给予补助，每家企业每年最高10万元。
十二、诊断培训。县工信局委托第三方服务机构为入库企业提供免费诊断服务；专精特新企业高管每年可免费参加县工信局组织的培训1次。
"""


GUIDE = """苈川县专精特新企业认定奖励兑现办事指南
一、办理时限。自受理之日起15个工作日内办结。
常见问题
1.奖励资金需要缴纳企业所得税吗？
答：奖励资金属于政府补助，应按照税法规定计入企业收入总额。
"""


@pytest.fixture(scope="module")
def lichuan(tmp_path_factory, settings_factory):
    return library_with(tmp_path_factory.mktemp("lichuan"), settings_factory,
                        {"lichuan-rules.txt": MEASURES, "lichuan-guide.txt": GUIDE})


@pytest.mark.parametrize(("question", "quoted"), [
    # (refused: 还债 was a thing no text names — 抵偿债务 is how the texts say it — and 拿来 a subject)
    ("苈川创新券可以拿来还债吗？", "抵偿债务"),
    # (refused: 投资 was a subject the clause, which says 投入, does not name, and 不到 another)
    ("苈川数字化改造投资不到200万能申请补助吗？", "200万元以上"),
    # (refused: 生活费 was a thing no text names, 生活补贴 to the texts)
    ("苈川引进博士每个月补多少生活费？", "3000元"),
    # (refused: "两百五十万能申请" was cut 两百五十 | 万能 | 申请, and 万能 is a thing no text names)
    ("苈川数字化改造投资两百五十万能申请补助吗？", "200万元以上"),
    # (declined as no grant stated: "pay for" read as a reward asked; whether firms pay asks whether it is free)
    ("Do Lichuan pool firms pay for the diagnosis service?", "免费诊断"),
    ("We're in Lichuan and our managers want to attend the county's training. Is there a charge?", "免费参加"),
    # (declined: the FAQ answer never says 认定, its guide's title does; "taxable income" had no Chinese words)
    ("Does Lichuan's recognition reward count as taxable income?", "收入总额"),
    # (declined as no amount stated: 增加 was no word of the clause, which says 增长)
    ("我们苈川的企业研发费用从300万增加到了400万，县里奖多少？", "增量部分的5%"),
    # (declined as another title's: the clause names 创新型中小企业 by its short form, 创小)
    ("苈川每年推动多少家创新型中小企业数字化改造？", "100家创小"),
    # (refused: "extra" was an unknown word, and "What extra do we get?" asked for nothing)
    ("Our Lichuan company moved up from provincial to national little giant. What extra do we get?", "补足差额"),
    # (refused: a bare "What happens?" asked for no consequence, and an unused voucher had no Chinese words)
    ("Our Lichuan firm got an innovation voucher but didn't use it within the year. What happens?", "自动作废"),
    # (declined: a loan 以信用方式发放 was not the unsecured loan told, 信用贷款)
    ("We're a Lichuan specialised SME wanting an unsecured loan of 4 million. Is that within the limit?", "500万元"),
    # (declined: 案子 was a thing no text names, 案件 to the texts)
    ("苈川海外维权律师费一个案子最多补多少？", "20万元"),
    # (declined as no condition stated: 能报 was read as applying, where a fee's 能报 is 报销)
    ("苈川在国外注册商标的费用能报吗？", "按实际发生费用的50%"),
    # (declined as a national title's: "international" was read as "national")
    ("How much does Lichuan give for an international certification?", "按实际发生费用的50%"),
    # (refused as no frequency stated: the act asked, 上门, was looked for as written, not as 走访)
    ("苈川的服务专员多久上门一次？", "每季度走访"),
    # (refused: 能便宜吗 was read as asking whether 便宜 may be done, which no clause names)
    ("我们在苈川的县属产业园租了厂房，房租能便宜吗？", "租金减半"),
])
def test_an_owners_paraphrase_reaches_the_clause(lichuan, question, quoted):
    answer = lichuan.ask(question)
    assert not answer.refused, answer.text
    assert quoted in answer.text, answer.text


@pytest.mark.parametrize(("ask", "threshold"), [
    # (declined in the format sets: "over the revenue bar" asked for no threshold, so the criteria answered nothing asked)
    ("Are we over the district's revenue bar?", True), ("Do we clear the bar for the county pool?", True),  # (a guard: "bar for" was read before)
    ("Is there a bar near the office?", False),
])
def test_over_the_bar_asks_for_a_threshold(ask, threshold):
    from assistant.asking import ask_types

    assert ("conditions" in ask_types(ask.lower())) is threshold


@pytest.mark.parametrize("question", [
    # (answered in the format sets with a fund's yearly amount: jieba read 会罚 as one word, so the fine asked
    # was no term; a guard here, where no clause states an amount the old code could take)
    "苈川企业骗补助会罚多少钱？",
    # (answered with "3年内不得重新申报": 管几年 asks how long it is valid, which no clause says)
    "苈川培育库入库资格管几年？",
    # (answered with the payment clause: "能不能提前发？" asks what "能提前发吗？" asks, and 提前 is stated nowhere)
    "苈川上云补贴能不能提前发？",
    # (answered with the listing reward: moving between boards had no Chinese word, 转板)
    "Does Lichuan reward a listed firm that switches from one board to another?",
    # (answered with the loan clause: a handling fee had no Chinese word, 手续费)
    "Do Lichuan's specialised loans charge any handling fee?",
    # (answered with the provincial reward: "city level" named no level, only "city-level" did)
    "What reward does Lichuan pay a firm newly recognised at the city level?",
    # (answered with the service clause: 挑 had no synonym of 指定, so choosing named nothing missing)
    "苈川的服务专员我们能自己挑吗？",
    # (answered with the loan clause: "需不需要X？" was no yes/no on X, "需要X吗？" is)
    "苈川专精贷需不需要找担保公司？",
    # (answered with the clause that says when it is filed: "报给谁" asks for a recipient, which it does not name)
    "苈川企业的资金使用绩效报告报给谁？",
])
def test_a_paraphrased_near_miss_is_still_declined(lichuan, question):
    assert lichuan.ask(question).refused


def test_what_must_be_done_may_be_a_long_phrase():
    # (matched no object: 法定代表人签名 is seven characters, the pattern took up to six)
    from assistant.subjects import ASKED_OBJECT

    assert ASKED_OBJECT.search("申请表要法定代表人签名吗？")["need"] == "法定代表人签名"


def test_another_place_asked_whether_it_has_the_same_is_a_follow_up(lichuan):
    # (answered with 宝应's covering notice: "宝应有吗？" was read as a question of its own, naming only the place)
    from .conftest import conversation

    first = "苈川上市奖励多少？"
    assert not lichuan.ask(first).refused
    assert lichuan.ask("宝应有吗？", history=conversation(lichuan, first)).refused


@pytest.mark.parametrize(("first", "follow", "fact"), [
    # (refused: "a limit" asked for no amount, so the follow-up was a question of its own about companies)
    ("What share of booth fees does Lichuan pay?", "Is there a limit per company?", "10万元"),
])
def test_a_short_follow_up_asks_of_the_earlier_subject(lichuan, first, follow, fact):
    from .conftest import conversation

    answer = lichuan.ask(follow, history=conversation(lichuan, first))
    assert not answer.refused and fact in answer.text, answer.text


@pytest.mark.parametrize("question", ["什么时候可以领取？", "多长时间能够办完？"])
def test_eight_characters_naming_only_the_act_are_a_follow_up(question):
    # (read as questions of their own, naming nothing: six characters was the most a bare act could take)
    from assistant.conversation import is_followup

    assert is_followup(question)

