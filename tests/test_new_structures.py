"""Two structures the first fictional documents lacked, read and answered for real.

岚汀市's 政策问答 (numbered 问/答 pairs under 一、 sections, a table inside an answer, a byline of
issuer and date under the title, no 文号) and 桐溆县's 若干政策 in a covering notice (points said
inline as 一是…二是…, units in brackets, a single annex named after "附件：" whose table has
text cells only). Both are rendered by ``eval.format_corpus`` in the formats users upload and
indexed beside the seeds; their place names exist nowhere else.
"""

from __future__ import annotations

import pytest

from eval.format_corpus import DOCUMENTS
from ingest.metadata import infer_metadata
from ingest.pipeline import prepare
from ingest.tables import parse_table

from .conftest import conversation

QA = next(d for d in DOCUMENTS if d.stem == "lanting-policy-qa")
NOTICE = next(d for d in DOCUMENTS if d.stem == "tongxu-policies-notice")
GUIDE = next(d for d in DOCUMENTS if d.stem == "yuhe-application-guide")
OPINIONS = next(d for d in DOCUMENTS if d.stem == "qiaochuan-implementing-opinions")


@pytest.mark.parametrize("fmt", list(QA.formats))
def test_a_question_and_its_answer_are_one_unit_named_by_the_question(tmp_path, fmt):
    chunks = prepare(QA.render(fmt, tmp_path), {}, 320).chunks
    units = [c for c in chunks if c.kind == "clause" and "问：" in c.text]
    assert len(units) == 10
    stacking = next(c for c in units if "叠加" in c.text)
    assert stacking.section_path == ("二、资金奖励", "5.企业所在的区县也有奖励，能和市里的奖励叠加吗？")
    assert stacking.text.startswith("5. 问：") and "\n答：可以叠加。" in stacking.text
    # no answer stands alone without its question
    assert not any(c.text.startswith("答：") for c in chunks)


def test_a_table_inside_an_answer_stays_under_the_question_it_answers(tmp_path):
    chunks = prepare(QA.render("pdf", tmp_path), {}, 320).chunks
    rows = [c for c in chunks if c.kind == "table_record"]
    assert [r.section_path[1] for r in rows] == ["4.被认定为各级专精特新企业，市里分别奖励多少？"] * 3
    assert rows[0].text == "认定层级：国家级专精特新“小巨人”企业；奖励金额：150万元；兑现时间：认定文件印发后6个月内"


def test_a_table_of_short_text_cells_has_one_heading_row_and_data_below_it():
    block = ["\t申报事项", "\t主要材料", "\t受理部门", "", "\t认定奖励", "\t认定文件复印件、奖励申请表", "\t县工信局"]
    cells = parse_table(block)
    assert [(c.column_path, c.text) for c in cells] == [
        (("认定奖励",), "申报事项：认定奖励；主要材料：认定文件复印件、奖励申请表；受理部门：县工信局")]
    # a heading merged over two columns still makes two heading rows (小巨人企业 over 制造类 | 服务类)
    merged = parse_table(["\t指标", "\t小巨人企业", "\t", "", "\t", "\t制造类", "\t服务类", "",
                          "\t营业收入", "\t1亿元以上", "\t5000万元以上"])
    assert {c.column_path for c in merged} == {("小巨人企业", "制造类"), ("小巨人企业", "服务类")}


@pytest.mark.parametrize("fmt", list(NOTICE.formats))
def test_an_annex_named_after_a_colon_heads_its_table(tmp_path, fmt):
    chunks = prepare(NOTICE.render(fmt, tmp_path), {}, 320).chunks
    rows = [c for c in chunks if c.kind == "table_record"]
    assert len(rows) == 4
    assert {r.section_path[0] for r in rows} == {"附件 桐溆县专精特新企业奖补申报材料清单"}
    assert rows[-1].text == "申报事项：担保费补助；主要材料：担保合同、缴费凭证；受理部门：县地方金融服务中心"
    assert not any(c.kind == "toc" for c in chunks)  # one annex under its own heading is no list of annexes


def test_a_byline_under_the_title_dates_the_document_and_is_no_part_of_its_title():
    facts = infer_metadata("瑶岭市中小企业政策解读\n瑶岭市工业和信息化局　2024年3月8日\n"
                           "一、问：申报需要什么条件？\n答：上年度营业收入500万元以上。\n")
    assert facts["title"] == "瑶岭市中小企业政策解读"
    assert (facts["issuer"], facts["date_issued"]) == ("瑶岭市工业和信息化局", "2024-03-08")


def test_a_county_names_its_city_when_it_implements_the_citys_work_without_quoting_a_title():
    text = ("梧川县支持专精特新企业若干措施\n为贯彻落实榉山市关于中小企业发展的工作部署，制定如下措施。\n"
            "一、认定奖励。对首次认定为省级专精特新中小企业的，给予一次性奖励10万元。\n")
    assert infer_metadata(text)["region"] == "梧川县, 榉山市"


@pytest.mark.parametrize("fmt", list(GUIDE.formats))
def test_parts_and_decimal_outline_numbers_are_headings_and_units(tmp_path, fmt):
    prepared = prepare(GUIDE.render(fmt, tmp_path), {}, 320)
    paths = [c.section_path for c in prepared.chunks]
    assert ("第一部分 申报条件", "1.2专项条件") in paths and ("第二部分 申报程序", "2.3市级评审") in paths
    review = next(c for c in prepared.chunks if c.section_path[-1] == "2.3市级评审")
    assert "公示7个工作日" in review.text
    # the issuing office and date under the title are its byline, not part of it (nor a clause);
    # a one-page PDF's running header repeats the office and is no title either
    assert prepared.meta.title == "瑜禾市2026年度专精特新中小企业申报指南"
    assert (prepared.meta.issuer, prepared.meta.date_issued) == ("瑜禾市工业和信息化局", "2026-03-02")
    assert not any(c.kind == "notice" for c in prepared.chunks)


@pytest.mark.parametrize("fmt", list(OPINIONS.formats))
def test_numerals_with_a_point_a_half_bracket_or_a_circle_are_markers(tmp_path, fmt):
    chunks = prepare(OPINIONS.render(fmt, tmp_path), {}, 320).chunks
    paths = {c.section_path for c in chunks}
    assert ("二.支持措施", "1)认定奖励") in paths and ("二.支持措施", "2)研发支持") in paths
    circled = next(c for c in chunks if c.text.startswith("① "))
    assert circled.section_path == ("二.支持措施", "3)融资支持：") and "③ 对开展知识产权质押融资的" in circled.text


@pytest.mark.parametrize(("line", "number"), [("1.1 基本条件", 1), ("2.3市级评审", 3), ("一. 总体目标", 1),
                                              ("一．总体目标", 1), ("2) 研发支持", 2), ("③ 对开展", 3)])
def test_more_numbering_schemes_are_recognised(line, number):
    from ingest.structure import parse_marker

    assert parse_marker(line).number == number


@pytest.mark.parametrize("line", ["1.5倍以上", "3.5%以上的企业", "2.5亿元的基金"])
def test_a_figure_at_a_line_start_is_no_outline_number(line):
    from ingest.structure import parse_marker

    assert parse_marker(line) is None


@pytest.fixture(scope="module")
def structures(settings_factory, tmp_path_factory):
    from .conftest import library_with

    def render(documents):
        QA.render("html", documents)
        NOTICE.render("docx", documents)
        GUIDE.render("pdf", documents)
        # a document with a scoring table: 评分标准 is a word the library knows
        next(d for d in DOCUMENTS if d.stem == "chengling-certification-measures").render("html", documents)
        # rules with a summary table of records (支持事项；支持标准；上限), and a policy list
        next(d for d in DOCUMENTS if d.stem == "bochuan-fund-rules-draft").render("docx", documents)
        next(d for d in DOCUMENTS if d.stem == "qiyuan-policy-list").render("pdf", documents)
        next(d for d in DOCUMENTS if d.stem == "luchuan-little-giant-plan").render("txt", documents)  # criteria table

    return library_with(tmp_path_factory.mktemp("structures"), settings_factory, render=render)


def test_money_said_with_a_light_verb_asks_about_money(structures):
    # 有钱 is one dictionary word ("rich"); 拿钱 the same shape: both ask whether money is paid
    answer = structures.ask("岚汀的企业进了培育库，有钱拿吗？")
    assert not answer.refused and "不享受资金奖励" in answer.text


def test_a_bad_debt_is_the_principal_loss_a_clause_shares_out(structures):
    answer = structures.ask("岚汀专精特新信用贷要是成了坏账，合作银行承担几成？")
    assert not answer.refused and "合作银行承担60%" in answer.text


def test_materials_in_a_table_column_answer_what_to_hand_in(structures):
    answer = structures.ask("桐溆的标准制定奖励申请要准备哪些材料？")
    assert not answer.refused and "标准文本、发布公告、排名证明" in answer.text


def test_a_reward_in_a_table_under_its_question_is_answered_in_english(structures):
    answer = structures.ask("What does Lanting pay for a newly recognised provincial specialised SME?")
    assert not answer.refused and "40万元" in answer.text


def test_the_county_government_asked_about_answers_within_its_city(structures):
    # the owner is in 桐溆 and asks what 县里 pays, naming its city only to compare
    answer = structures.ask("我们厂在桐溆，刚评上国家级小巨人，县里奖励多少？梓陵市里还另外有吗？")
    assert not answer.refused and "120万元" in answer.text and "并非" not in answer.text
    # asked about the city itself, the county's reward is not the city's
    assert structures.ask("梓陵市对新认定的省级专精特新企业奖励多少？").refused


def test_a_new_third_board_quotation_is_not_answered_by_a_listing_reward(structures):
    assert structures.ask("岚汀的专精特新企业去新三板挂牌有奖励吗？").refused
    answer = structures.ask("岚汀专精特新企业在北交所上市能拿多少奖励？")
    assert not answer.refused and "300万元" in answer.text


def test_a_question_and_answer_unit_is_quoted_by_its_answer(structures):
    answer = structures.ask("岚汀的市级专精特新要满足什么条件才能申报？")
    assert not answer.refused
    quote = answer.citations[0].quote
    assert "1000万元" in quote and "问：" not in quote and not quote.startswith("答")


def test_the_number_of_a_policy_document_is_read_from_its_notice(structures):
    answer = structures.ask("桐溆县那份若干政策的文号是多少？")
    assert not answer.refused and "桐政发〔2025〕7号" in answer.text


def test_topping_up_a_reward_is_support(structures):
    answer = structures.ask("岚汀的企业从市级升到省级，奖励是怎么算的？")
    assert not answer.refused and "补足差额" in answer.text


def test_an_interest_subsidy_is_not_answered_by_a_guarantee_fee_subsidy(structures):
    # 贴息 is the subject of its 比例, not a word asking for a rate
    assert structures.ask("桐溆对专精特新企业贷款贴息的比例是多少？").refused


def test_rewards_for_the_recognised_are_no_criteria_for_recognition(structures):
    # 桐溆's notice rewards those recognised (省级…25万元) and never says what it takes: declined,
    # whatever related or other places' clauses are shown beside the decline
    answer = structures.ask("桐溆县对省级专精特新企业的认定条件是什么？")
    assert answer.refused


def test_housing_subsidies_asked_in_english_are_the_home_purchase_subsidy(structures):
    answer = structures.ask("Are there housing subsidies in Tongxu for graduates hired by specialised firms?")
    assert not answer.refused and "购房补贴" in answer.text


def test_who_may_not_apply_is_a_condition(structures):
    answer = structures.ask("瑜禾这边，被列入严重失信名单的企业还可以报专精特新吗？")
    assert not answer.refused and "不予受理" in answer.text


def test_recognised_at_the_municipal_level_is_a_title_the_guide_has_no_reward_for(structures):
    assert structures.ask("Is there a reward in Yuhe for firms recognised at the municipal level?").refused


def test_an_open_ask_wants_the_thing_it_names(structures):
    # the guide's 2.3 is on 专家评审 but states no 评分标准 (a word the library knows: 澄岭's
    # scoring annex); an open ask on what the guide does list is answered
    assert structures.ask("瑜禾专家评审的评分标准是什么？").refused
    answer = structures.ask("瑜禾申报的不予受理情形有哪些？")
    assert not answer.refused and "经营异常名录" in answer.text


def test_each_question_of_a_compound_ask_is_answered_by_its_own_sentence(structures):
    # the amount and whether it adds to the city's are two questions; the amount's sentence need
    # not say 叠加, and the sentence that does is quoted too
    answer = structures.ask("我们在桐溆，刚评上国家级小巨人，县里奖多少？能和梓陵市的奖励一起拿吗？")
    assert not answer.refused and "120万元" in answer.text and "叠加享受" in answer.text


def test_figures_against_a_guide_that_states_its_conditions_in_prose_get_those_conditions(structures):
    # 瑜禾 has no criteria table for the check to read; its guide's 申报条件 answer, quoted
    answer = structures.ask("瑜禾这边我们营收1500万，研发投入120万，够申报条件吗？")
    assert answer.answerer != "check" and not answer.refused
    assert "瑜禾" in answer.citations[0].region and "申报条件" in answer.citations[0].section_path[0]


def test_a_follow_up_of_detail_words_only_asks_them_of_the_earlier_subject(structures):
    # "截止到什么时候？": 截止 is the date asked, not a subject the clause must repeat
    history = conversation(structures, "瑜禾申报在哪个平台填？")
    answer = structures.ask("截止到什么时候？", history=history)
    assert not answer.refused and "2026年5月31日" in answer.text


def test_how_owners_say_buying_a_home_and_rent(structures):
    answer = structures.ask("咱们桐溆的厂子招了个硕士，买房能补多少？")
    assert not answer.refused and "20万元" in answer.text


def test_an_item_of_an_article_is_quoted_with_the_sentence_that_introduces_it(structures):
    # "（四）拒不报送运行监测数据的" says nothing of what follows; the article's lead says 撤销
    answer = structures.ask("What happens if a Chengling firm refuses to report monitoring data?")
    assert not answer.refused and "撤销其认定资格" in answer.text and "拒不报送" in answer.text
    answer = structures.ask("澄岭的企业要是不报监测数据会怎么样？")
    assert not answer.refused and "撤销其认定资格" in answer.text


def test_english_owners_words_for_copies_and_application_rounds(structures):
    answer = structures.ask("How many copies of the paper application does Chengling want?")
    assert not answer.refused and "一式两份" in answer.text
    answer = structures.ask("When does Chengling usually open applications?")
    assert not answer.refused and "4月" in answer.text


def test_other_conditions_asked_of_a_prose_guide_are_its_own(structures):
    # "别的" names no topic: the guide's own either-or condition (股权融资2000万元) answers, not
    # another place's criteria tables
    answer = structures.ask("瑜禾的企业营收不够1000万，有没有别的条件可以满足？")
    assert answer.answerer != "check" and not answer.refused and "2000万元" in answer.text


def test_a_share_of_loan_interest_asked_in_english_is_the_interest_subsidy(structures):
    # "loan interest" is what the share is of (利息), not a rate asked for; a summary record's
    # 支持事项 names the grant its 支持标准 states
    answer = structures.ask("What share of loan interest does Bochuan subsidise, and for how long?")
    assert not answer.refused and "50%" in answer.text and "2年" in answer.text, answer.text


def test_a_policy_list_row_answers_and_a_follow_up_to_a_lower_level_asks_for_its_title(structures):
    from .conftest import quoted_then_followed

    # the provincial tier is 省级专精特新中小企业 in this list: no 小巨人 below the national level
    quoted_then_followed(structures, "栖沅国家级小巨人奖多少？", "那省级的呢？", "90万元", "15万元")
    assert structures.ask("栖沅北交所上市奖励多少？").citations[0].section_path[-1] == "上市挂牌奖励"


def test_the_sentence_carrying_a_reward_names_the_level_asked(structures):
    # 桐溆 rewards 国家级制造业单项冠军 only: its sentence answers the national question and not the
    # provincial one, though the clause names 省级 for another title
    national = structures.ask("桐溆国家级单项冠军奖多少？")
    assert not national.refused and "200万元" in national.citations[0].quote, national.text
    assert structures.ask("桐溆省级单项冠军奖多少？").refused
    assert structures.ask("What does Tongxu give for a provincial single champion?").refused
    provincial = structures.ask("How much does Tongxu give a new provincial specialised SME?")
    assert not provincial.refused and "25万元" in provincial.citations[0].quote, provincial.text


def test_a_criterion_the_column_never_names_is_not_answered_by_the_column(structures):
    revenue = structures.ask("鹭川市级专精特新制造类营业收入要求？")
    assert not revenue.refused and "2000万元" in revenue.text, revenue.text
    # 资产负债率 is a criterion elsewhere (云溪), never in 鹭川's table
    assert structures.ask("鹭川市级专精特新制造类资产负债率要求？").refused


def test_money_taken_back_is_no_reward(structures):
    # 第十六条 claws rewards back from the revoked; it grants nothing to those who pass a review
    assert structures.ask("澄岭复核通过有奖励吗？").refused
    clawback = structures.ask("澄岭被撤销认定后，拿到的奖励要退回吗？")
    assert not clawback.refused and "予以追回" in clawback.text, clawback.text


def test_one_row_of_a_policy_list_answers_without_the_lists_other_measures(structures):
    answer = structures.ask("栖沅省级专精特新奖多少？")
    assert not answer.refused and "15万元" in answer.citations[0].quote, answer.text
    # the list's other rows (国家级 90万元, 上市挂牌, 安居补贴) are other measures, not further points
    assert not any("90万元" in c.quote or "2000元" in c.quote for c in answer.citations), answer.text


@pytest.mark.parametrize(("question", "fact"), [
    ("鹭川产融对接会场次", "不少于3场"),  # 对接会 and 场次 stay whole words
    ("We're a Lanting firm planning an IPO. How much can we get in total?", "300万元"),  # what 共计 sums
    ("我们在桐溆，想把公司的核心技术人员的孩子转到县里上学，有安排吗？", "县教育局"),  # 孩子 are 子女
    ("澄岭评分入围分数线", "70分以上"),  # a pass mark is a score
    ("鹭川小巨人后备企业有没有专人服务？", "服务顾问"),  # an adviser assigned is a person serving
    ("Who accepts applications in Chengling?", "申报受理"),
    ("桐溆行业标准奖多少？", "10万元"),
    ("我们在桐溆，刚从外地引进了一个硕士，在县城买房有补贴吗？", "20万元"),  # 县城 is where, not what
    ("What share of the guarantee amount does Tongxu pay as a fee subsidy?", "担保额的1%"),
    # 申报条件/认定条件 ask for the criteria (of the title the document or its heading names)
    ("澄岭市级专精特新申报条件", "1000万元以上"),
    ("澄岭认定条件", "1000万元以上"),
    ("瑜禾专精特新申报条件是什么", "不低于3%"),
    ("What does Chengling require for municipal recognition?", "1000万元以上"),  # the criteria, not a reward
    ("What does Qiyuan pay for an invention patent?", "5000元"),  # 资助 is a grant
    ("Can Tongxu's rewards be combined with Ziling's?", "叠加"),
])
def test_owners_words_are_answered_by_the_clause_that_says_it(structures, question, fact):
    answer = structures.ask(question)
    assert not answer.refused and fact in answer.text, answer.text


@pytest.mark.parametrize(("first", "follow", "fact"), [
    ("瑜禾专精特新怎么申报？", "截止时间？", "5月31日前"),  # a detail's own nouns name no new topic
    ("How much does Tongxu subsidise digital upgrades?", "What's the maximum?", "80万元"),
    ("What does Tongxu give a provincial specialised SME?", "And for an innovative SME?", "3万元"),  # the title swapped
])
def test_follow_ups_ask_of_the_earlier_topic(structures, first, follow, fact):
    from .conftest import conversation

    followed = structures.ask(follow, history=conversation(structures, first))
    assert not followed.refused and fact in followed.text, followed.text


def test_a_sum_for_something_else_is_not_a_titles_reward(structures):
    # 鹭川 grants 50万元 for 省长质量奖, not for being a provincial specialised SME
    assert structures.ask("What is Luchuan's reward for a provincial specialised SME?").refused
    # 桐溆 rewards international, national and industry standards: a group standard is none of them
    assert structures.ask("桐溆团体标准奖多少？").refused
    # 栖沅 pays for invention patents: a utility model is another kind of patent
    assert structures.ask("What does Qiyuan give for a utility model patent?").refused
    assert structures.ask("栖沅实用新型专利资助多少？").refused
    # 泊川's rewards are for 小巨人 and 省级专精特新: a single champion is a title of its own
    assert structures.ask("泊川培育资金对单项冠军奖多少？").refused


def test_conditions_are_those_set_for_the_thing_asked(structures):
    # measure 五 of 桐溆 has two items: the 担保 item's 不高于1% is no condition of 应急转贷
    assert structures.ask("桐溆应急转贷要什么条件？").refused
    answer = structures.ask("瑜禾申报专精特新要满足什么条件？")
    assert not answer.refused and "不低于3%" in answer.text, answer.text
