"""Questions as business owners ask them, over the real knowledge base (none is in an eval set)."""

from __future__ import annotations

import pytest

from assistant.types import Turn


def test_context_first_question_is_answered_from_the_clause_it_needs(assistant):
    answer = assistant.ask("我们公司在连云港做海洋装备，员工一百多人，前两年评上了省级专精特新。"
                           "最近想从大学请个教授来兼职做技术负责人，市里支持吗？")
    assert not answer.refused
    assert "首席技术专家" in " ".join(c.quote for c in answer.citations)
    assert {c.doc_id for c in answer.citations} == {"lianyungang-plan-2023"}  # the city it named
    assert "责任单位" not in answer.text.split("来源")[0].replace("（责任单位", "")  # no units asked for


def test_topic_covered_but_detail_missing_is_declined_with_the_clause_shown(assistant):
    answer = assistant.ask("盐城的专精特新贷年利率是多少？")
    assert answer.refused
    assert "没有规定" in answer.text and "利率" in answer.text
    assert answer.citations and {c.doc_id for c in answer.citations} == {"yancheng-measures"}
    assert "专精特新贷" in answer.citations[0].quote


def test_a_support_question_needs_a_clause_that_grants_something(assistant):
    answer = assistant.ask("宝应对新认定的国家级小巨人有什么奖励？")
    assert answer.refused  # 宝应's plan sets targets; the 200万 reward is another (unnamed) city's
    said, others = answer.text.split("其他地区的文件有以下规定", 1) if "其他地区" in answer.text else (answer.text, "")
    assert "宝应" in said and "200万" not in said  # never presented as 宝应's
    assert "并非宝应的政策" in others or not others


def test_eligibility_with_figures_gets_the_check_of_the_level_asked(assistant):
    answer = assistant.ask("我们去年主营收入4200万，利润总额380万，近三年平均增长9%，想报省级专精特新小巨人，够不够？")
    assert not answer.refused and answer.answerer == "check"
    assert answer.citations[0].section_path[0] == "附件4 省级专精特新小巨人企业申报条件"
    # 4200 < 5000 and 380 < 400: the first criterion fails on both of its alternatives
    assert "主营业务收入差800万元或利润总额差20万元" in answer.text
    paths = {c.section_path for c in answer.citations}
    assert {("附件4 省级专精特新小巨人企业申报条件", "小巨人企业", "制造类"),
            ("附件4 省级专精特新小巨人企业申报条件", "小巨人企业", "创新类")} <= paths  # no category named
    manufacturing = assistant.ask("我们是做精密铸件的制造企业，营收六千万，想报省级小巨人，条件是什么？")
    assert "制造类" in {c.section_path[-1] for c in manufacturing.citations}
    assert "创新类" not in {c.section_path[-1] for c in manufacturing.citations}


def test_english_answers_gloss_the_quotes_and_label_an_unnamed_place(assistant):
    answer = assistant.ask("How much is the reward for a newly recognised national little giant?")
    assert not answer.refused and "RMB 2 million" in answer.text and "≈" in answer.text
    assert "does not name the city" in answer.text and "place not named in the document" in answer.text


def test_follow_up_of_pure_ellipsis_over_two_turns_in_english(assistant):
    history = [Turn("user", "What are the criteria for a provincial little giant?"), Turn("assistant", "…"),
               Turn("user", "What about manufacturing firms?"), Turn("assistant", "…")]
    answer = assistant.ask("and the municipal level?", history)
    assert not answer.refused
    assert {c.section_path[0] for c in answer.citations} == {"附件5 市级专精特新小巨人企业申报条件"}


def test_off_domain_question_sharing_a_place_name_is_declined_plainly(assistant):
    answer = assistant.ask("周末去连云港花果山玩门票多少钱？")
    assert answer.refused and answer.citations == []
    assert "没有规定" not in answer.text  # not "the clauses mention it": 花果山英才 is a talent plan


def test_a_number_must_be_about_the_asked_subject(assistant):
    for question in ("专精特新企业招工有社保补贴吗，每人补多少？", "专精特新企业员工的公积金比例是多少？"):
        answer = assistant.ask(question)
        assert answer.refused, question


def test_a_mistyped_word_is_read_as_the_word_it_sounds_like(assistant):
    answer = assistant.ask("新培养一名技师，给培养机构的补帖是多少钱？")  # 补帖 for 补贴
    assert not answer.refused and "3000元" in answer.text


def test_a_date_question_is_not_answered_by_the_clause_that_only_grants(assistant):
    answer = assistant.ask("培养高级技师的补贴什么时候发放？")
    assert answer.refused and "没有规定" in answer.text  # the clause states amounts, no date
    assert any("3000元" in c.quote for c in answer.citations)  # shown as related, not as the answer


def test_a_quantity_in_a_unit_needs_that_unit(assistant):
    assert not assistant.ask("盐城的省专数字化水平要达到几级？").refused  # 三级以上
    assert assistant.ask("连云港认定专精特新企业，专家评审多少分才算合格？").refused


def test_a_criteria_question_about_one_level_gets_that_levels_table(assistant):
    answer = assistant.ask("想冲国家级小巨人，市场占有率有什么要求？")
    assert not answer.refused
    assert answer.citations[0].section_path[0].startswith("附件3")
    assert "全省前3" in answer.text.replace(" ", "")


def test_drafting_requests_are_declined(assistant):
    answer = assistant.ask("帮我写一份省级专精特新的申报书")
    assert answer.refused


def test_english_domain_terms_from_the_glossary(assistant):
    answer = assistant.ask("How many smart workshops does Lianyungang want specialised firms to build by 2025?")
    assert not answer.refused and "智能车间10个" in answer.text


def test_a_place_that_only_mentions_the_conditions_gets_another_places_criteria_labelled(assistant):
    # 盐城's measures say "符合条件的…" but state no provincial criteria; 金湖's annex does
    answer = assistant.ask("我们是盐城的汽车零部件企业，想申请省级专精特新，需要满足什么条件？")
    assert not answer.refused
    assert {c.doc_id for c in answer.citations} == {"jinhu-plan-2022"}
    assert all("省级" in c.section_path[0] for c in answer.citations)
    assert "不是盐城本地的政策" in answer.text
    # an auto-parts maker is a manufacturer: the 制造类 column, not the product one or 创新类
    assert {c.section_path[1:] for c in answer.citations} == {("小巨人企业", "制造类")}


def test_rows_of_several_criteria_columns_are_quoted_under_their_headings(assistant):
    answer = assistant.ask("我们是盐城的，省级需要什么条件？")
    assert not answer.refused
    text = answer.text.split("来源")[0]
    made, innovative = text.index("小巨人企业 › 制造类："), text.index("小巨人企业 › 创新类：")
    # each heading stands before its own rows, numbered from 1 again
    assert made < text.index("- 1. 年度主营业务收入") < innovative < text.index("- 1. 2014年")


def test_a_rewards_amount_is_not_crowded_out_by_criteria_rows(assistant):
    # 单项冠军 names both a criteria table and a reward clause; the amount is the reward's
    answer = assistant.ask("单项冠军产品能拿多少？")
    assert not answer.refused and "100万元" in answer.text


def test_a_which_question_quotes_the_sentence_that_lists_them(assistant):
    answer = assistant.ask("盐城对专精特新企业有哪些融资产品？")
    assert not answer.refused
    assert "专精特新贷" in " ".join(c.quote for c in answer.citations)


def test_who_will_do_it_asks_for_the_responsible_unit(assistant):
    answer = assistant.ask("宝应专精特新中小企业的申报辅导谁来做？")
    assert not answer.refused and "县工信局" in answer.citations[0].quote


def test_a_target_for_a_title_does_not_say_what_it_takes_to_be_recognised(assistant):
    # the plans set how many 智能制造标杆企业 to create; none says what one must meet
    assert assistant.ask("智能制造标杆企业评定要符合哪些条件？").refused
    # the criteria tables do say it for the 小巨人 pool
    answer = assistant.ask("金湖县专精特新小巨人入库要满足哪些条件？")
    assert not answer.refused and "2000万元" in answer.text


def test_a_generic_direction_word_leaves_the_subject_to_the_context(assistant):
    answer = assistant.ask("我们是连云港的企业，想搞数字化转型，市里有什么支持方向？")
    assert not answer.refused and "数字化" in answer.citations[0].quote


def test_a_request_to_look_something_up_is_no_inspection(assistant):
    # "查一下" asks to look up; 查 alone is also an inspection (检查), which the plans do mention
    assert assistant.ask("帮我查一下明天去盐城的高铁").refused
    answer = assistant.ask("麻烦查一下金湖县入库企业由哪个部门遴选？")
    assert not answer.refused and "县工信局" in answer.text



def test_an_english_ask_naming_only_a_place_and_unknown_words_is_declined(assistant):
    assert assistant.ask("What's the weather in Yancheng tomorrow?").refused
    answer = assistant.ask("What is the R&D intensity target for Lianyungang's specialised firms?")
    assert not answer.refused and "5%" in answer.text


def test_a_real_word_typed_for_half_of_a_phrase_is_read_as_the_phrase(assistant):
    # 家计 is a word (household finances) in no text; with 扣除 it sounds like the texts' 加计扣除
    answer = assistant.ask("专精特新企业研发费用家计扣除有什么说法？")
    assert not answer.refused and "加计扣除" in answer.text


def test_a_row_of_another_titles_criteria_does_not_say_what_a_title_must_meet(assistant):
    # the plans set targets for 智能车间 and 绿色工厂; the criteria tables are 小巨人's
    assert assistant.ask("智能车间的认定标准是什么？").refused
    assert not assistant.ask("国家级小巨人的认定标准是什么？").refused


def test_what_the_city_says_leaves_the_subject_to_the_context(assistant):
    # "市里有什么说法？" asks what the texts say about the thing just named (首台套)
    answer = assistant.ask("我们做精密仪器的，在连云港，想申请首台套，市里有什么说法？")
    assert not answer.refused and "首台套" in answer.text


def test_a_level_of_firm_asked_is_answered_by_the_clause_naming_it(assistant):
    # "什么级别的企业": the level is the detail asked (省级以上), as an amount is for "多少钱"
    answer = assistant.ask("机场高铁站那个免费展示是给什么级别的企业")
    assert not answer.refused and "省级以上" in answer.text
    answer = assistant.ask("Which level of SRDI firms goes into the white list?")
    assert not answer.refused and "白名单" in answer.text and "省级以上" in answer.text


def test_who_wants_to_know_is_no_part_of_the_question(assistant):
    answer = assistant.ask("我们厂在盐城，做汽车零部件的，老板想知道政府对省专企业研发投入占比有什么要求")
    assert not answer.refused and "5%" in answer.text


def test_an_english_does_x_pay_asks_for_a_grant(assistant):
    # 宝应 sets a target of smart-upgrade projects; it pays nothing per project
    answer = assistant.ask("Does Baoying pay firms for each smart-transformation project?")
    assert answer.refused and "do not state a reward or subsidy" in answer.text


def test_a_problem_told_last_is_what_can_it_be_solved_asks_about(assistant):
    # "市里能帮着解决吗？" asks about the last thing told (孩子上学), not about 海归 or 博士
    answer = assistant.ask("我们是连云港的省级专精特新，有个海归博士想来，但他最关心孩子上学的问题。市里能帮着解决吗？")
    assert not answer.refused and "子女入学" in answer.text


def test_english_asks_about_things_no_glossary_line_knows_are_declined(assistant):
    assert assistant.ask("I run a logistics company in Jinhu. Does the county subsidise our truck fuel costs?").refused


def test_what_the_county_does_for_its_pool_is_no_eligibility_check(assistant):
    # staff figures and "pool" do not make "is there money for training or trade fairs?" a check
    answer = assistant.ask("I'm the GM of a small precision casting firm in Jinhu, about 80 staff. We've been in the "
                           "county's pool for a year. Honestly, what does the county actually do for firms in the "
                           "pool — is there money for training or trade fairs?")
    assert not answer.refused and "Eligibility check" not in answer.text and "参展" in answer.text


def test_questions_the_texts_never_speak_of_are_declined(assistant):
    # most of the ask is in no text, though jieba tags none of it a noun
    assert assistant.ask("劳动合同到期不续签要赔偿吗").refused
    # a 小巨人 criterion "企业应为高新技术企业" is no criterion for being recognised as one
    assert assistant.ask("高新技术企业认定要什么条件").refused
    assert not assistant.ask("国家级小巨人的认定标准是什么？").refused
    # a recommendation (of books, software) is no policy question
    assert assistant.ask("推荐几本管理类的书").refused


def test_one_year_of_a_span_is_answered_only_where_the_span_reaches_it(assistant):
    # 三年房租优惠 covers the second year, not the fourth
    answer = assistant.ask("入园的专精特新企业第二年还有房租优惠吗？")
    assert not answer.refused and "三年房租优惠" in answer.text
    assert assistant.ask("入园的专精特新企业第四年还有房租优惠吗？").refused


def test_an_english_contraction_is_no_unknown_word(assistant):
    # "What's the county's cash reward?" names nothing of its own: it asks about the award told
    answer = assistant.ask("Our firm in Jinhu just won a provincial quality award. What's the county's cash reward?")
    assert answer.refused
    answer = assistant.ask("Our Jinhu firm is in the county pool. Does the county check us less often?")
    assert not answer.refused and "双随机" in answer.text


def test_which_platform_asked_in_english_is_answered_by_the_platform_to_use(assistant):
    answer = assistant.ask("Which platform does Yancheng want SRDI firms to use for self-assessment?")
    assert not answer.refused and "江苏省中小企业公共服务平台" in answer.text



def test_colloquial_asks_about_what_is_done_and_hearsay(assistant):
    # "打算干点啥" asks what the county does about the topic; "不大/不少" describe the company
    answer = assistant.ask("我们公司在宝应，规模不大，但专利不少，县里对知识产权这块今年打算干点啥")
    assert not answer.refused and "宝应" in answer.text and "知识产权" in answer.text
    # "听朋友说…是真的吗": the friend is no topic; the 金湖 clause on checks answers
    answer = assistant.ask("听朋友说金湖入库以后检查会少一点，是真的吗")
    assert not answer.refused and "双随机" in answer.text


def test_english_owners_words_for_postdocs_and_unpaid_bills(assistant):
    answer = assistant.ask("We're thinking of setting up a postdoc station in Yancheng. Does the city encourage that?")
    assert not answer.refused and "博士后工作站" in answer.text
    answer = assistant.ask("Is there anything in Yancheng's measures about helping firms collect unpaid bills?")
    assert not answer.refused and "拖欠" in answer.text


def test_a_place_s_target_for_a_level_answers_what_that_level_must_reach(assistant):
    # 三级以上 is a threshold (省级以上 only names levels): Yancheng's own clause answers, and no
    # other place's clause is passed off as "省级申报条件"
    answer = assistant.ask("盐城省专数字化水平要求")
    assert not answer.refused and "三级以上" in answer.text and answer.citations[0].doc_id == "yancheng-measures"
    assert "申报条件" not in answer.text


@pytest.mark.parametrize(("question", "fact"), [
    ("连云港专精特新板挂牌数量", "10家以上"),  # a keyword ask ending on a count
    ("盐城创小培育库规模", "600家"),  # … on a size
    ("连云港专员配备比例", "每两家企业配备1名专员"),  # a ratio of staff to firms is a share
    ("We're in Lianyungang and want to join the pre-IPO pool. How many firms will the city pick?", "20家以上"),
    # a bare "is there?" asks about what was told just before it
    ("我们在盐城，想申请建外国专家工作室，市里有吗？", "外国专家工作室"),
    # 能用上 asks whether 首贷贴息 is open to them: a modal run together by jieba names nothing
    ("盐城专精特新企业能用上省里的首贷贴息吗？", "首贷贴息"),
])
def test_owners_keyword_and_yes_no_asks_are_answered_by_the_clause_that_says_it(assistant, question, fact):
    answer = assistant.ask(question)
    assert not answer.refused and fact in answer.text, answer.text


def test_a_bare_is_there_about_a_thing_no_text_names_is_declined(assistant):
    # 人才公寓 is in no text: "市里有吗" asks about it, not about applying in general
    assert assistant.ask("我们在盐城，想申请人才公寓，市里有吗？").refused
