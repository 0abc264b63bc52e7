"""Two kinds of publication the project had not seen: a public account's article (公众号文章) digesting
a district's measures — sections numbered 01｜, items opened by pictographs, the account's byline,
credits and a 阅读原文 prompt — and a city's public notice (公示) of its candidate list, signed above
an annexed table, its contacts set out as fields. Fictional places (荇川区, 蓼汀市)."""

from __future__ import annotations

import pytest

from eval.formats import read_source, render_html, render_txt, render_wechat
from eval.formats_office import render_docx, render_pdf
from ingest.cleaning import clean_text
from ingest.pipeline import prepare

from .conftest import library_with

ARTICLE = """政策解读｜荇川区专精特新扶持政策出炉，小巨人最高奖150万元
荇川区工业和信息化局　2026-08-03 19:20
近日，荇川区人民政府印发《荇川区促进专精特新企业发展若干措施》（荇政规〔2026〕5号，以下简称《措施》），自2026年9月1日起施行，有效期至2029年8月31日。一起来看👇
01｜认定奖励
📌 首次认定为国家级专精特新“小巨人”企业的，一次性奖励150万元；
📌 首次认定为省级专精特新中小企业的，一次性奖励40万元。
💡注意：晋级的补足差额，不重复享受。
02｜人才支持
📌 “小巨人”企业引进年薪60万元以上的高级管理人才，按其工资薪金所得区级贡献的70%给予奖励，连续奖励2年。
❓怎么申报？
🕘 申报时间：每年4月集中受理；
💻 申报渠道：登录“荇川惠企通”平台在线申报。
来源：荇川区工业和信息化局
编辑：周洋　审核：吴敏
点击“阅读原文”查看《措施》全文
"""

NOTICE = """关于2026年度蓼汀市专精特新中小企业拟认定名单的公示
根据《蓼汀市专精特新中小企业认定管理办法》（蓼工信规〔2025〕1号），经企业申报、区县推荐、专家评审和实地核查，拟认定以下4家企业为2026年度蓼汀市专精特新中小企业，现予以公示。
公示期为2026年10月12日至10月16日（5个工作日）。对公示企业有异议的，请以书面形式实名向市工业和信息化局反映。匿名的异议不予受理。
受理部门：蓼汀市工业和信息化局中小企业科
联系电话：0598-7712345
电子邮箱：ltgxj@example.gov.cn
通讯地址：蓼汀市府前路18号行政中心A座305室
附件：2026年度蓼汀市专精特新中小企业拟认定名单
蓼汀市工业和信息化局
2026年10月10日
附件
2026年度蓼汀市专精特新中小企业拟认定名单
| 序号 | 企业名称 | 所在区县 | 主导产品 |
|---|---|---|---|
| 1 | 蓼汀宏泰阀门有限公司 | 石岙区 | 核级球阀 |
| 2 | 蓼汀星澜光电有限公司 | 石岙区 | 激光测距模组 |
| 3 | 蓼汀丰谷农机有限公司 | 柏塘县 | 丘陵山地收割机 |
| 4 | 蓼汀睿衡检测技术有限公司 | 柏塘县 | 材料疲劳试验机 |
"""


def rendered(tmp_path, text: str, stem: str, fmt: str):
    source = tmp_path / f"{stem}.md"
    source.write_text(text, encoding="utf-8")
    blocks = read_source(source)
    return {"wechat": lambda: render_wechat(blocks, tmp_path / f"{stem}.html"),
            "txt": lambda: render_txt(blocks, tmp_path / f"{stem}.txt"),
            "docx": lambda: render_docx(blocks, tmp_path / f"{stem}.docx", auto_numbering=False),
            "html": lambda: render_html(blocks, tmp_path / f"{stem}.html", "蓼汀市工业和信息化局", "蓼汀市", "2026-10-10 17:00"),
            "pdf": lambda: render_pdf(blocks, tmp_path / f"{stem}.pdf", "蓼汀市工业和信息化局")}[fmt]()


@pytest.mark.parametrize("fmt", ["wechat", "txt", "docx"])
def test_an_accounts_article_is_sectioned_by_its_numbers_and_pictographs(tmp_path, fmt):
    prepared = prepare(rendered(tmp_path, ARTICLE, "xingchuan", fmt), {}, 400)
    meta = prepared.meta
    # (the title was once the closing "点击阅读原文…《措施》全文", the whole article a covering notice)
    assert meta.title == "政策解读｜荇川区专精特新扶持政策出炉，小巨人最高奖150万元", meta
    assert (meta.issuer, meta.date_issued, meta.region) == ("荇川区工业和信息化局", "2026-08-03", "荇川区"), meta
    assert (meta.valid_from, meta.valid_until) == ("2026-09-01", "2029-08-31"), meta
    assert not any(c.kind == "notice" for c in prepared.chunks), [c.kind for c in prepared.chunks]
    talent = next(c for c in prepared.chunks if "高级管理人才" in c.text)
    assert talent.section_path[0] == "【人才支持】", talent.section_path
    channel = next(c for c in prepared.chunks if "荇川惠企通" in c.text)
    assert channel.section_path[0] == "【怎么申报？】", channel.section_path
    # the platform's credits and prompts are no clause
    assert not any(word in c.text for c in prepared.chunks for word in ("阅读原文", "编辑：", "来源：")), \
        [c.text for c in prepared.chunks]


def test_an_articles_marks_become_headings_and_its_credits_go():
    text = clean_text("03｜融资支持\n📌 贷款贴息：按LPR的50%给予贴息。\n❓有疑问找谁？\n电话0591-1234567。\n"
                      "编辑：林晓　审核：陈峰\n点击“阅读原文”查看全文\n")
    assert text == "【融资支持】\n📌 贷款贴息：按LPR的50%给予贴息。\n【有疑问找谁？】\n电话0591-1234567。\n", text
    # (a bullet that is a short item, not a question, stays an item)
    assert clean_text("● 营业执照\n● 审计报告\n") == "● 营业执照\n● 审计报告\n"


@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_a_public_notice_signed_above_its_annexed_list(tmp_path, fmt):
    prepared = prepare(rendered(tmp_path, NOTICE, "liaoting", fmt), {}, 400)
    meta = prepared.meta
    assert meta.title == "关于2026年度蓼汀市专精特新中小企业拟认定名单的公示", meta  # (once glued to the first sentence)
    # the signature above the annex gives issuer and date; the region is 蓼汀市, not 年度蓼汀市
    assert (meta.issuer, meta.date_issued, meta.region) == ("蓼汀市工业和信息化局", "2026-10-10", "蓼汀市"), meta
    rows = [c for c in prepared.chunks if c.kind == "table_record"]
    assert len(rows) == 4 and all(c.section_path[0] == "附件 2026年度蓼汀市专精特新中小企业拟认定名单" for c in rows), rows
    contacts = next(c for c in prepared.chunks if "联系电话" in c.text)
    assert "受理部门" in contacts.text and "府前路18号" in contacts.text and "\n" in contacts.text, contacts.text
    assert not any(c.text.strip() in ("蓼汀市工业和信息化局", "2026年10月10日", "附件") for c in prepared.chunks)


@pytest.fixture(scope="module")
def published(settings_factory, tmp_path_factory):
    pages = tmp_path_factory.mktemp("pages")

    def render(folder):
        rendered(pages, ARTICLE, "xingchuan", "wechat").replace(folder / "xingchuan.html")
        rendered(pages, NOTICE, "liaoting", "pdf").replace(folder / "liaoting.pdf")
    return library_with(tmp_path_factory.mktemp("published"), settings_factory, render=render)


@pytest.mark.parametrize(("question", "fact"), [
    ("蓼汀公示异议材料寄到哪个地址？", "府前路18号"),  # the contact fields answer for the notice's objections
    ("蓼汀公示的异议可以发邮件吗？", "ltgxj@example.gov.cn"),  # 发邮件 asks a contact
    ("蓼汀这次认定依据的是哪个文件？", "蓼汀市专精特新中小企业认定管理办法"),  # (a guard: 依据 said, 根据 written)
    ("蓼汀拟认定名单是经过哪些程序产生的？", "专家评审"),  # 经过哪些程序 asks the steps
    ("柏塘县有哪几家企业进了蓼汀的名单？", "蓼汀丰谷农机有限公司"),  # 哪几家: which, not how many
    ("荇川促进专精特新企业发展若干措施的文号是多少？", "荇政规〔2026〕5号"),  # the 文号 the article cites
    ("荇川申报渠道是什么？", "荇川惠企通"),  # 登录…平台在线申报 is how to apply
    ("荇川小巨人引进高管有什么奖励？", "70%"),  # 高管 said, 高级管理人才 written
])
def test_the_new_publications_answer(published, question, fact):
    answer = published.ask(question)
    assert not answer.refused and fact in answer.text, answer.text


def test_a_particle_glued_to_a_word_is_no_typo():
    from assistant.evidence import TermWeights
    from assistant.lexical import LexicalIndex
    from assistant.typos import TypoReader

    texts = ["公示期为10月12日至10月16日", "土地出让起始价按评估价确定"]
    reader = TypoReader(LexicalIndex(texts).vocabulary(), TermWeights(texts))
    # (the segmenter gives 期是, which sounds like the texts' 起始: a copula glued on, not a typo)
    assert reader.read("公示期是几号到几号？") == "公示期是几号到几号？"


def test_a_notices_own_date_is_its_standing(published):
    answer = published.ask("蓼汀这个公示是哪天发布的？")
    assert not answer.refused and "2026年10月10日" in answer.text, answer.text


@pytest.mark.parametrize("question", ["蓼汀市专精特新企业认定后奖励多少钱？", "荇川引进博士有安家补贴吗？"])
def test_what_neither_publication_says_is_declined(published, question):
    assert published.ask(question).refused  # (guards: a list of firms grants nothing; no 博士 clause)
