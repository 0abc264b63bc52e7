"""A kind of a thing the clause does not list (团体标准 where 国际、国家、行业标准 each get a sum),
a private park where the clause names the district's own (区属), and another name in the same
frame (新三板基础层 for 新三板创新层; not a synonym: 起拍价 for 出让底价): other cases, declined with the case named; the kinds, the
owner and the names the clauses do give are answered. A fictional district's
measures, so that nothing else can answer."""

from __future__ import annotations

import pytest

from .conftest import library_with

JUNBIN = """筠滨区支持专精特新企业创新发展若干措施
筠滨区工业和信息化局
2026年5月8日
一、标准引领。对专精特新企业主导制定国际标准、国家标准、行业标准的，分别给予40万元、20万元、8万元奖励。
二、人才引进。专精特新企业引进的技术人才、高技能人才，可申请入住区人才公寓，租金按市场价的50%收取。
三、空间保障。专精特新企业租用区属科创园办公用房的，前三年租金减半。
四、上市挂牌。专精特新企业在新三板创新层挂牌的，给予一次性奖励30万元。
五、研发机构。对新认定为区级企业技术中心的专精特新企业，给予一次性补助10万元。
六、本措施由区工业和信息化局负责解释，自2026年6月1日起施行。
"""


@pytest.fixture(scope="module")
def junbin(settings_factory, tmp_path_factory):
    return library_with(tmp_path_factory.mktemp("junbin"), settings_factory, {"junbin-measures.txt": JUNBIN})


@pytest.mark.parametrize(("question", "case"), [
    ("筠滨区对主导制定团体标准的企业奖多少？", "团体标准"),
    ("我们是筠滨的专精特新企业，主导制定了一项地方标准，区里奖多少？", "地方标准"),
])
def test_a_kind_outside_the_kinds_given_a_sum_each_is_another_case(junbin, question, case):
    answer = junbin.ask(question)
    assert answer.refused and f"没有针对“{case}”的规定" in answer.text, answer.text


@pytest.mark.parametrize(("question", "fact"), [
    ("筠滨区对主导制定行业标准的企业奖多少？", "8万元"),
    ("我们在筠滨，主导制定了一项国家标准，区里奖多少？", "20万元"),
    # kinds named as examples, with no sum each, are no closed list
    ("筠滨区专精特新企业引进的研发人才能住人才公寓吗？", "人才公寓"),
])
def test_a_listed_kind_or_an_example_list_is_answered(junbin, question, fact):
    answer = junbin.ask(question)
    assert not answer.refused and fact in answer.text, answer.text


def test_a_private_park_is_not_the_districts_own(junbin):
    answer = junbin.ask("我们是筠滨的专精特新企业，租了民营科创园的办公室，租金能减半吗？")
    assert answer.refused and "没有针对“民营" in answer.text, answer.text
    owned = junbin.ask("我们是筠滨的专精特新企业，租了区属科创园的办公室，租金能减半吗？")
    assert not owned.refused and "前三年租金减半" in owned.text, owned.text


@pytest.mark.parametrize(("question", "case", "twin", "fact"), [
    ("我们筠滨的专精特新企业在新三板基础层挂牌了，区里有奖励吗？", "新三板基础层",
     "我们筠滨的专精特新企业在新三板创新层挂牌了，区里有奖励吗？", "30万元"),
    # (工程技术研究中心 for 企业技术中心 is left to the synonyms, which name them together)
])
def test_another_name_in_the_same_frame_is_another_case(junbin, question, case, twin, fact):
    answer = junbin.ask(question)
    assert answer.refused and case in answer.text.split("的规定")[0], answer.text
    named = junbin.ask(twin)
    assert not named.refused and fact in named.text, named.text


@pytest.mark.parametrize("question", [
    "我们是筠滨的专精特新企业，买了区属科创园的办公用房，有优惠吗？",
    "We are a Junbin firm and bought offices in the district's science park. Is there a discount?",
])
def test_a_rent_cut_is_nothing_to_a_firm_that_bought(junbin, question):
    answer = junbin.ask(question)
    assert answer.refused, answer.text
    if "筠滨" in question:  # the case named with what was bought
        assert "没有针对“买区属科创园的办公用房”" in answer.text, answer.text


def test_a_thing_at_another_level_is_another_case(junbin):
    # 筠滨 rewards a 区级企业技术中心: a 市级 one is not provided for
    answer = junbin.ask("我们筠滨的企业刚被认定为市级企业技术中心，区里补多少？")
    assert answer.refused and "没有针对“市级企业技术中心”" in answer.text, answer.text
    own = junbin.ask("我们筠滨的企业刚被认定为区级企业技术中心，区里补多少？")
    assert not own.refused and "10万元" in own.text, own.text



def test_a_synonym_in_the_same_frame_is_no_other_case(cities):
    # 起拍价 and 出让底价 are one group of the synonyms: the frame's other word is the same thing
    answer = cities.ask("桐溆的工业用地起拍价能打几折？")
    assert not answer.refused and "全国工业用地出让最低价标准的70%" in answer.text, answer.text
