"""The fictional documents added from session 40 on (see :mod:`eval.format_corpus`)."""

from __future__ import annotations

from .formats import (
    FictionalDocument,
    render_gov_info,
    render_html,
    render_markdown,
    render_old_site,
    render_txt,
    render_wechat,
)
from .formats_office import render_docx, render_pdf, render_xlsx

RECENT: list[FictionalDocument] = []

# Session 40: a county's notice wrapping 若干措施 whose items nest ①②③ under （一）, a staged-reward
# table, and a closing clause repealing an earlier 《…》 (whose title must not become this one's);
# and a district's service guide (办事指南): one two-column table of field and value with no header
# row (its first row is a field), long cells holding numbered items, and a short Q&A after it.
RECENT.append(FictionalDocument(
    "yuanxiu-listing-measures",
    {"title": "沅岫县支持专精特新企业上市挂牌若干措施", "issuer": "沅岫县人民政府办公室", "region": "沅岫县, 枫原市",
     "doc_number": "沅政办发〔2025〕21号", "date_issued": "2025-11-03", "valid_from": "2026-01-01",
     "valid_until": "2028-12-31"},
    {"pdf": lambda b, p: render_pdf(b, p, "沅岫县人民政府办公室文件"),
     "docx": lambda b, p: render_docx(b, p),
     "html": lambda b, p: render_html(b, p, "沅岫县人民政府", "沅岫县", "2025-11-04 09:00")}))
RECENT.append(FictionalDocument(
    "yujing-service-guide",
    {"title": "榆泾区专精特新企业认定奖励兑现办事指南", "issuer": "榆泾区工业和信息化局", "region": "榆泾区",
     "date_issued": "2026-03-16"},
    {"docx": lambda b, p: render_docx(b, p, auto_numbering=False),
     "pdf": lambda b, p: render_pdf(b, p, "榆泾区工业和信息化局"),
     "html": lambda b, p: render_html(b, p, "榆泾区人民政府", "榆泾区", "2026-03-17 14:30")}))


# Documents that others repeal or amend: 沅岫's earlier 奖励办法, which the 若干措施 above repeal
# (同时废止), and 漪川's 研发费用补助办法 with a later notice changing two of its clauses' wording
# (将第四条中的“…”调整为“…”) — the notice's own title names the rules it changes.
RECENT.append(FictionalDocument(
    "yuanxiu-old-listing-rewards",
    {"title": "沅岫县鼓励企业上市挂牌奖励办法", "issuer": "沅岫县人民政府办公室", "region": "沅岫县",
     "doc_number": "沅政办发〔2021〕9号", "date_issued": "2021-06-15", "valid_from": "2021-07-01"},
    {"txt": lambda b, p: render_txt(b, p, "utf-8", "tab"),
     "docx": lambda b, p: render_docx(b, p)}))
RECENT.append(FictionalDocument(
    "yichuan-rd-subsidy-rules",
    {"title": "漪川区专精特新企业研发费用补助办法", "issuer": "漪川区工业和信息化局", "region": "漪川区",
     "doc_number": "漪工信规〔2024〕2号", "date_issued": "2024-04-10", "valid_from": "2024-05-01",
     "valid_until": "2027-12-31"},
    {"docx": lambda b, p: render_docx(b, p),
     "pdf": lambda b, p: render_pdf(b, p, "漪川区工业和信息化局规范性文件")}))
RECENT.append(FictionalDocument(
    "yichuan-rd-subsidy-amendment",
    {"title": "关于调整《漪川区专精特新企业研发费用补助办法》部分条款的通知", "issuer": "漪川区工业和信息化局",
     "region": "漪川区", "doc_number": "漪工信规〔2026〕1号", "date_issued": "2026-02-06", "valid_from": "2026-03-01"},
    {"html": lambda b, p: render_html(b, p, "漪川区人民政府", "漪川区", "2026-02-07 10:00"),
     "pdf": lambda b, p: render_pdf(b, p, "")}))  # (one page: a header would read as its letterhead)


# A county's "一图读懂" as its website publishes it: 【…】 headings instead of numbers, items marked
# ● ▶ ◆, a byline, the rules it explains cited by title and 文号 with their dates.
RECENT.append(FictionalDocument(
    "jipu-digital-one-page",
    {"title": "一图读懂丨《芰浦县中小企业数字化转型奖补办法》", "issuer": "芰浦县经济和信息化局", "region": "芰浦县",
     "date_issued": "2026-04-08", "valid_from": "2026-04-01", "valid_until": "2029-03-31"},
    {"html": lambda b, p: render_html(b, p, "芰浦县经济和信息化局", "芰浦县", "2026-04-08 16:30"),
     "docx": lambda b, p: render_docx(b, p, auto_numbering=False)}))


# A city's policy whose structure lives in heading styles alone (Word's 标题 1 and 标题 2, Markdown's ##,
# a web page's <h2>/<h3>): no numerals at all; the two offices and the date under the title.
RECENT.append(FictionalDocument(
    "fengyu-tiered-support",
    {"title": "沣屿市专精特新企业梯度培育扶持政策", "issuer": "沣屿市工业和信息化局、沣屿市财政局", "region": "沣屿市",
     "date_issued": "2026-06-01", "valid_from": "2026-07-01", "valid_until": "2029-06-30"},
    {"docx": lambda b, p: render_docx(b, p, auto_numbering=False),
     "md": lambda b, p: render_markdown(b, p),
     "html": lambda b, p: render_html(b, p, "沣屿市工业和信息化局", "沣屿市", "2026-06-02 09:30")}))


# A county's compilation (政策汇编): three policies in one file, each under 一、/二、/三、 with its own
# 文号 in brackets and its articles numbered afresh (第二条 three times), a 目录 repeating the titles.
RECENT.append(FictionalDocument(
    "congyu-policy-compilation",
    {"title": "琮屿县惠企政策汇编（2026年版）", "issuer": "琮屿县发展和改革局", "region": "琮屿县"},
    {"pdf": lambda b, p: render_pdf(b, p, "琮屿县惠企政策汇编"),
     "docx": lambda b, p: render_docx(b, p, auto_numbering=False)}))


# Session 41: an account's article (公众号文章: 01｜ headings, 📌 items, credits); a city's 公示 signed above its list.
RECENT.append(FictionalDocument(
    "jingchuan-wechat-digest",
    {"title": "政策速递｜璟川区专精特新企业扶持新政来了，最高奖励200万元！", "issuer": "璟川区工业和信息化局",
     "region": "璟川区", "date_issued": "2026-05-12", "valid_from": "2026-06-01", "valid_until": "2028-12-31"},
    {"html": lambda b, p: render_wechat(b, p),
     "txt": lambda b, p: render_txt(b, p, "utf-8", "tab"),
     "docx": lambda b, p: render_docx(b, p, auto_numbering=False)}))
RECENT.append(FictionalDocument(
    "ranxi-candidate-list-notice",
    {"title": "关于2026年度苒溪市专精特新中小企业拟认定名单的公示", "issuer": "苒溪市工业和信息化局", "region": "苒溪市", "date_issued": "2026-09-07"},
    {"html": lambda b, p: render_html(b, p, "苒溪市工业和信息化局", "苒溪市", "2026-09-07 17:20"),
     "pdf": lambda b, p: render_pdf(b, p, "苒溪市工业和信息化局")}))


# Session 42: a joint notice in the official layout (红头: the offices' letterhead "…文件", 文号 under
# it, 版记 after the policy: 抄送 and the office's 印发 date, which is not the date issued), its
# items （一）…（十三） numbered on across sections; and a county's list of benefits as a
# spreadsheet (merged title and byline rows, category cells merged down, a note row, a second sheet).
RECENT.append(FictionalDocument(
    "zhenzhou-market-measures-redhead",
    {"title": "蓁州市支持专精特新中小企业开拓市场若干措施", "issuer": "蓁州市工业和信息化局、蓁州市商务局",
     "region": "蓁州市", "doc_number": "蓁工信联〔2026〕14号", "date_issued": "2026-08-18",
     "valid_from": "2026-09-01", "valid_until": "2028-12-31"},
    {"pdf": lambda b, p: render_pdf(b, p, ""),
     "docx": lambda b, p: render_docx(b, p),
     "html": lambda b, p: render_html(b, p, "蓁州市商务局", "蓁州市", "2026-08-21 09:40")}))
RECENT.append(FictionalDocument(
    "hengxi-benefit-sheet",
    {"title": "蘅溪县2026年度惠企政策兑现事项清单", "issuer": "蘅溪县工业和信息化局", "region": "蘅溪县",
     "date_issued": "2026-05-20"},
    {"xlsx": lambda b, p: render_xlsx(b, p),
     "html": lambda b, p: render_html(b, p, "蘅溪县人民政府", "蘅溪县", "2026-05-20 16:10"),
     "docx": lambda b, p: render_docx(b, p, auto_numbering=False)}))


# Session 43: a city's 实施方案 on a government site's information-disclosure page (政府信息公开: a
# catalogue grid of 索引号, 发布机构, 成文日期, 文号, 有效性 above the notice that wraps it), its tasks
# （一）…（六） under sections, and an annex dividing the work (重点任务分工表: lead and supporting units,
# deadlines) — a table of who does what, not of benefits.
RECENT.append(FictionalDocument(
    "danchuan-ip-plan-infopage",
    {"title": "澹川市专精特新中小企业知识产权能力提升实施方案", "issuer": "澹川市市场监督管理局（澹川市知识产权局）",
     "region": "澹川市", "doc_number": "澹市监发〔2026〕33号", "date_issued": "2026-07-09",
     "valid_from": "2026-07-09", "valid_until": "2028-12-31"},
    {"html": lambda b, p: render_gov_info(b, p, "澹川市人民政府", "澹川市", "2026-07-14 10:20", {
        "索引号": "11350900MB0133875K/2026-00133", "主题分类": "工业、交通\\中小企业",
        "发布机构": "澹川市市场监督管理局", "成文日期": "2026-07-09",
        "名称": "澹川市市场监督管理局关于印发《澹川市专精特新中小企业知识产权能力提升实施方案》的通知",
        "文号": "澹市监发〔2026〕33号", "发布日期": "2026-07-14", "有效性": "有效"}),
     "pdf": lambda b, p: render_pdf(b, p, "澹川市市场监督管理局"),
     "docx": lambda b, p: render_docx(b, p)}))


# Session 43 too: a city's three-year plan whose tasks each end in a box (专栏1 … 专栏4: a one-column
# table, its title the heading row, its numbered items the rows — the plan's support is all in its
# boxes), a table of yearly targets, and no signature (the issuer only "由…负责解释").
RECENT.append(FictionalDocument(
    "qianyang-action-plan-boxes",
    {"title": "汧阳市促进中小企业专精特新发展三年行动方案（2026—2028年）", "region": "汧阳市", "valid_from": "2026-03-01",
     "period_start": 2026, "period_end": 2028},
    {"docx": lambda b, p: render_docx(b, p),
     "pdf": lambda b, p: render_pdf(b, p, "汧阳市工业和信息化局"),
     "html": lambda b, p: render_html(b, p, "汧阳市人民政府", "汧阳市", "2026-02-20 15:00")}))


# Session 44: a county's notice on an old government site laid out in tables (the menu in one cell,
# the title in bold in another, the text's paragraphs split by <br> in a third, GBK), its measures
# （一）…（十二） numbered across sections 一、…六、, and an annex of benefits with 责任单位.
RECENT.append(FictionalDocument(
    "mingxi-measures-oldsite",
    {"title": "洺溪县促进专精特新中小企业加快发展若干措施", "issuer": "洺溪县人民政府办公室", "region": "洺溪县",
     "doc_number": "洺政办〔2026〕12号", "date_issued": "2026-04-22", "valid_from": "2026-05-01",
     "valid_until": "2028-12-31"},
    {"html": lambda b, p: render_old_site(b, p, "洺溪县人民政府", "2026-04-23", "县政府办公室"),
     "docx": lambda b, p: render_docx(b, p),
     "txt-gbk": lambda b, p: render_txt(b, p, "gbk", "fullwidth")}))


# Session 46: a bureau's reply to a people's congress deputy's proposal (人大代表建议的答复): a letter
# to the deputy, the proposal's own 《…》 title in its first sentence (not this document's title), a
# 签发人 under the 文号, sections named after the proposal's points, the policy stated in narrative
# (一是…二是… inside a paragraph) among past figures and promises, and contact lines before the signature.
RECENT.append(FictionalDocument(
    "mingxun-proposal-reply",
    {"title": "茗浔市工业和信息化局关于市十七届人大四次会议第0215号建议的答复", "issuer": "茗浔市工业和信息化局",
     "region": "茗浔市", "doc_number": "茗工信建〔2026〕27号", "date_issued": "2026-07-28"},
    {"html": lambda b, p: render_html(b, p, "茗浔市人民政府", "茗浔市", "2026-08-03 10:30"),
     "pdf": lambda b, p: render_pdf(b, p, "茗浔市人大代表建议答复"),
     "docx": lambda b, p: render_docx(b, p)}))
