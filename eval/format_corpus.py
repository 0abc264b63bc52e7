"""The fictional documents of ``eval/formats`` in every format they are published in.

``python -m eval.format_corpus OUT`` writes all renderings into OUT. Each document lists the
metadata a reader sees in it (title, issuer, region, 文号, dates): the ingest report's
inferred metadata is checked against these in every format.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .formats import FictionalDocument, render_html, render_markdown, render_txt
from .formats_office import render_docx, render_pdf

DOCUMENTS = [
    FictionalDocument(
        "chengling-certification-measures",
        {"title": "澄岭市专精特新中小企业认定管理办法", "issuer": "澄岭市工业和信息化局", "region": "澄岭市",
         "doc_number": "澄工信规〔2025〕4号", "date_issued": "2025-02-10", "valid_from": "2025-03-01",
         "valid_until": "2030-02-28"},
        {"pdf": lambda b, p: render_pdf(b, p, "澄岭市工业和信息化局规范性文件"),
         "html": lambda b, p: render_html(b, p, "澄岭市工业和信息化局", "澄岭市", "2025-02-12 09:30"),
         "txt": lambda b, p: render_txt(b, p, "utf-8", "tab")}),
    FictionalDocument(
        "hepu-ten-measures",
        {"title": "禾浦县促进专精特新企业高质量发展十条措施", "issuer": "禾浦县人民政府办公室",
         "region": "禾浦县, 澄岭市", "doc_number": "禾政办发〔2024〕18号", "date_issued": "2024-06-03",
         "valid_from": "2024-07-01", "valid_until": "2026-12-31"},
        {"txt-gbk": lambda b, p: render_txt(b, p, "gbk", "spaces"),
         "docx": lambda b, p: render_docx(b, p),
         "html": lambda b, p: render_html(b, p, "禾浦县人民政府", "禾浦县", "2024-06-05 16:02")}),
    FictionalDocument(
        "shanyu-application-notice",
        {"title": "杉屿区工业和信息化局关于组织开展2026年度杉屿区专精特新中小企业申报工作的通知",
         "issuer": "杉屿区工业和信息化局", "region": "杉屿区", "doc_number": "杉工信〔2026〕21号",
         "date_issued": "2026-04-20"},
        {"html": lambda b, p: render_html(b, p, "杉屿区人民政府", "杉屿区", "2026-04-21 10:15"),
         "md": lambda b, p: render_markdown(b, p),
         "docx": lambda b, p: render_docx(b, p, auto_numbering=False)}),
    FictionalDocument(
        "luchuan-little-giant-plan",
        {"title": "鹭川市专精特新“小巨人”企业梯度培育行动计划（2022—2024年）", "region": "鹭川市",
         "period_start": 2022, "period_end": 2024},
        {"txt": lambda b, p: render_txt(b, p, "utf-8", "fullwidth"),
         "docx": lambda b, p: render_docx(b, p, auto_numbering=False),
         "pdf": lambda b, p: render_pdf(b, p, "鹭川市人民政府文件")}),
]


DOCUMENTS.append(FictionalDocument(
    "bochuan-fund-rules-draft",
    {"title": "泊川市专精特新中小企业培育资金管理实施细则", "region": "泊川市", "status": "draft"},
    {"docx": lambda b, p: render_docx(b, p, auto_numbering=False),
     "pdf": lambda b, p: render_pdf(b, p, "泊川市工业和信息化局"),
     "txt": lambda b, p: render_txt(b, p, "utf-8", "tab")}))

# Session 27: two structures the first five did not have: a question-and-answer sheet (问/答
# pairs under 一、 sections, a table inside an answer, no 文号) and a notice whose policy lists
# its points inline (一是…；二是…) with the responsible units in brackets.
DOCUMENTS.append(FictionalDocument(
    "lanting-policy-qa",
    {"title": "岚汀市专精特新中小企业惠企政策问答", "issuer": "岚汀市工业和信息化局", "region": "岚汀市",
     "date_issued": "2025-09-15"},
    {"html": lambda b, p: render_html(b, p, "岚汀市工业和信息化局", "岚汀市", "2025-09-16 08:40"),
     "pdf": lambda b, p: render_pdf(b, p, "岚汀市工业和信息化局"),
     "md": lambda b, p: render_markdown(b, p)}))
DOCUMENTS.append(FictionalDocument(
    "tongxu-policies-notice",
    {"title": "桐溆县加快专精特新企业培育若干政策", "issuer": "桐溆县人民政府", "region": "桐溆县, 梓陵市",
     "doc_number": "桐政发〔2025〕7号", "date_issued": "2025-04-18", "valid_from": "2025-05-01",
     "valid_until": "2027-12-31"},
    {"docx": lambda b, p: render_docx(b, p),
     "txt-gbk": lambda b, p: render_txt(b, p, "gbk", "spaces"),
     "pdf": lambda b, p: render_pdf(b, p, "桐溆县人民政府文件")}))

# Two more numbering schemes: 第X部分 with decimal 1.1/2.3 outline numbers (an application guide),
# and 一. / 1) / ① (an implementing opinion).
DOCUMENTS.append(FictionalDocument(
    "yuhe-application-guide",
    {"title": "瑜禾市2026年度专精特新中小企业申报指南", "issuer": "瑜禾市工业和信息化局", "region": "瑜禾市",
     "date_issued": "2026-03-02"},
    {"pdf": lambda b, p: render_pdf(b, p, "瑜禾市工业和信息化局"),
     "html": lambda b, p: render_html(b, p, "瑜禾市工业和信息化局", "瑜禾市", "2026-03-03 09:10")}))
DOCUMENTS.append(FictionalDocument(
    "qiaochuan-implementing-opinions",
    {"title": "桥川区关于支持专精特新企业发展的实施意见", "issuer": "桥川区人民政府", "region": "桥川区, 枫原市",
     "doc_number": "桥政发〔2025〕12号", "date_issued": "2025-06-20", "valid_from": "2025-07-01",
     "valid_until": "2028-06-30"},
    {"docx": lambda b, p: render_docx(b, p, auto_numbering=False),
     "txt": lambda b, p: render_txt(b, p, "utf-8", "tab")}))


# Session 31: a policy list (政策清单): a joint notice wrapping one large table whose rows are the
# measures (category cells merged down the rows), closing remarks numbered 1．2．
DOCUMENTS.append(FictionalDocument(
    "qiyuan-policy-list",
    {"title": "栖沅市专精特新中小企业惠企政策清单（2026年版）", "issuer": "栖沅市工业和信息化局、栖沅市财政局", "region": "栖沅市",
     "doc_number": "栖工信联〔2026〕9号", "date_issued": "2026-01-15", "valid_from": "2026-02-01",
     "valid_until": "2026-12-31"},
    {"html": lambda b, p: render_html(b, p, "栖沅市工业和信息化局", "栖沅市", "2026-01-16 15:20"),
     "pdf": lambda b, p: render_pdf(b, p, "栖沅市工业和信息化局"),
     "docx": lambda b, p: render_docx(b, p, auto_numbering=False)}))

# Session 34: an annual work plan (工作方案) with full-width numerals (１．, ２０２６年), a schedule table
# whose stage cells are merged down, and a scoring annex; the notice's 区 lies in a city (澜川市).
DOCUMENTS.append(FictionalDocument(
    "yanzhu-work-plan",
    {"title": "雁渚区2026年专精特新企业梯度培育工作方案", "issuer": "雁渚区工业和信息化局", "region": "雁渚区, 澜川市",
     "doc_number": "雁工信发〔2026〕5号", "date_issued": "2026-02-27"},
    {"docx": lambda b, p: render_docx(b, p, auto_numbering=False),
     "html": lambda b, p: render_html(b, p, "雁渚区人民政府", "雁渚区", "2026-02-28 10:05"),
     "txt": lambda b, p: render_txt(b, p, "utf-8", "tab")}))


# Session 39: two departments' joint notice wrapping a trial 办法 (试行期2年 as its validity),
# articles of several paragraphs (款), 第X节 inside a chapter, and an annex table with a
# two-row header (a heading spanning two columns) and a closing note row spanning all columns.
DOCUMENTS.append(FictionalDocument(
    "jichuan-innovation-voucher-measures",
    {"title": "霁川市中小企业创新券管理办法（试行）", "issuer": "霁川市科学技术局、霁川市工业和信息化局",
     "region": "霁川市", "doc_number": "霁科规〔2025〕3号", "date_issued": "2025-09-12",
     "valid_from": "2025-10-01", "valid_until": "2027-09-30"},
    {"pdf": lambda b, p: render_pdf(b, p, "霁川市科学技术局文件"),
     "html": lambda b, p: render_html(b, p, "霁川市科学技术局", "霁川市", "2025-09-15 11:20"),
     "docx": lambda b, p: render_docx(b, p)}))

# A policy interpretation (政策解读) as a website publishes it: no 文号 of its own, the measures'
# title and number quoted in its first lines, points under 一、/（一） in running prose.
DOCUMENTS.append(FictionalDocument(
    "luting-financing-interpretation",
    {"title": "《渌汀市促进专精特新中小企业融资若干措施》政策解读", "issuer": "渌汀市地方金融管理局",
     "region": "渌汀市", "date_issued": "2026-03-18", "valid_from": "2026-04-01", "valid_until": "2029-03-31"},
    {"html": lambda b, p: render_html(b, p, "渌汀市地方金融管理局", "渌汀市", "2026-03-18 17:45"),
     "txt": lambda b, p: render_txt(b, p, "utf-8", "tab")}))

# A joint notice on a special fund: the issuers on a letterhead line above a title that starts with
# 关于, lists numbered 1、 and （1）, a deadline "即日起至…", two contacts; signed by both.
DOCUMENTS.append(FictionalDocument(
    "wenyu-digital-fund-notice",
    {"title": "关于组织申报2026年度汶屿县中小企业数字化转型专项资金的通知", "issuer": "汶屿县工业和信息化局、汶屿县财政局",
     "region": "汶屿县", "doc_number": "汶工信联〔2026〕11号", "date_issued": "2026-07-01"},
    {"docx": lambda b, p: render_docx(b, p),
     "pdf": lambda b, p: render_pdf(b, p, ""),  # (one page: no running header to tell from its letterhead)
     "md": lambda b, p: render_markdown(b, p)}))

# Rules issued by three offices (one of them a bank's branch), 款 that modify the article before
# (按前款标准的50%执行), and an annex that is a blank application form, not a table of facts.
DOCUMENTS.append(FictionalDocument(
    "yiqiao-first-loan-rules",
    {"title": "峄桥市专精特新中小企业首贷贴息实施细则", "region": "峄桥市", "doc_number": "峄工信发〔2026〕15号",
     "issuer": "峄桥市工业和信息化局、峄桥市财政局、中国人民银行峄桥市分行",
     "date_issued": "2026-03-25", "valid_from": "2026-05-01", "valid_until": "2028-12-31"},
    {"docx": lambda b, p: render_docx(b, p),
     "pdf": lambda b, p: render_pdf(b, p, "峄桥市工业和信息化局"),
     "txt-gbk": lambda b, p: render_txt(b, p, "gbk", "fullwidth")}))


from .format_corpus_recent import RECENT  # noqa: E402  (sessions 40 on)

DOCUMENTS.extend(RECENT)


def rounds() -> list[dict[str, str]]:
    """Format rounds: round r publishes every document in its r-th format (cycling)."""
    size = max(len(doc.formats) for doc in DOCUMENTS)
    return [{doc.stem: list(doc.formats)[r % len(doc.formats)] for doc in DOCUMENTS} for r in range(size)]


def render_round(out_dir: Path, chosen: dict[str, str]) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    return [doc.render(chosen[doc.stem], out_dir) for doc in DOCUMENTS]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m eval.format_corpus OUT_DIR", file=sys.stderr)
        return 2
    out = Path(argv[0])
    for doc in DOCUMENTS:
        for fmt in doc.formats:
            target = out / fmt
            target.mkdir(parents=True, exist_ok=True)
            print(doc.render(fmt, target))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
