"""The 政策体检 / Check tab: a company's figures in a form (or a sentence) → a table of
levels with verdicts, each criterion with its source; and the ``check`` API endpoint."""

from __future__ import annotations

import datetime as dt
import json
from html import escape

import gradio as gr  # only imported to serve the page

from .check_text import VERDICT_ZH, render_report, report_answer
from .conditions import INSTITUTION_LEVELS
from .limits import QuestionError
from .profile import CompanyProfile
from .render import sources_html

# the form's figures: (profile key, label); money in 万元, shares in %
FIELDS = [
    ("revenue", "营业收入（万元）"), ("main_revenue", "主营业务收入（万元）"), ("total_profit", "利润总额（万元）"),
    ("rd_ratio", "研发费用占营业收入比重（%）"), ("revenue_growth", "营业收入平均增长率（%）"),
    ("debt_ratio", "资产负债率（%）"), ("invention_patents", "发明专利（项）"), ("utility_patents", "实用新型专利（项）"),
    ("software_copyrights", "软件著作权（项）"), ("employees", "从业人员（人）"), ("years_in_field", "从事细分领域年限（年）"),
    ("market_rank_province", "主导产品省内排名（位）"), ("market_rank_national", "主导产品国内排名（位）"),
]
# four columns, so that the table reads on a phone too; the document of each level is named below it
HEADERS = ["层级 / Level", "结论 / Verdict", "✓/✗/?/☐", "差距 / Gaps"]  # met / not met / missing / by hand


def form_profile(region, category, high_tech, institution, *values) -> CompanyProfile:
    """The form's inputs as a profile; empty fields are unknown."""
    data: dict = {key: str(value).strip() for (key, _), value in zip(FIELDS, values, strict=True)
                  if value is not None and str(value).strip()}
    if region:
        data["region"] = region
    if category and category != "未定":
        data["category"] = category
    if high_tech in ("是", "否"):
        data["high_tech"] = high_tech
    if institution and institution != "未定":
        data["rd_institution_level"] = institution
    return CompanyProfile.from_dict(data)


def result_rows(report) -> list[list]:
    documents = {r.level.doc.doc_id for r in report.results}
    rows = []
    for r in report.results:
        gaps = "；".join(dict.fromkeys(g for c in r.checks if c.status == "not_met" for g in c.outcome.gaps))
        level = r.level.name if len(documents) == 1 else f"{r.level.name}（{r.level.doc.title}）"
        counts = " / ".join(str(r.count(s)) for s in ("met", "not_met", "unknown", "manual"))
        rows.append([level, VERDICT_ZH[r.verdict], counts, gaps])
    return rows


def build_eligibility_tab(assistant, regions) -> None:
    """The tab, inside the app's ``gr.Tabs``; ``regions()`` lists the places of the documents."""


    def run(text, region, category, high_tech, institution, *values):
        try:
            if text and text.strip():
                report = assistant.check(text, region or None)
            else:
                profile = form_profile(region, category, high_tech, institution, *values)
                if not profile.figures:
                    raise gr.Error("请填写至少一项企业数据，或用一句话描述企业。Enter at least one figure, or describe the company.")
                report = assistant.check(profile)
        except (QuestionError, ValueError) as exc:
            raise gr.Error(str(exc)) from None
        body, _ = render_report(report, dt.date.today(), levels_shown=100)
        answer = report_answer(report, text or "", dt.date.today(), levels_shown=100)
        details_html = "<div class='pa-check'>" + "<br>".join(escape(line) for line in body.split("\n")) + "</div>"
        return result_rows(report), details_html, sources_html(answer, assistant.retriever.chunk)

    with gr.Tab("政策体检 / Check", elem_id="check-tab"):
        gr.Markdown("## 政策体检 · Eligibility self-check\n"
                    "填写企业数据（或用一句话描述），逐条对照知识库中各层级的申报/入库条件，每条注明出处。"
                    "结论以当年申报通知为准。 Enter the company's figures; each criterion is checked with its clause.")
        text = gr.Textbox(label="一句话描述企业（可选）/ The company in a sentence (optional)", lines=2, elem_id="check-text",
                          placeholder="我们是金湖的制造企业，去年主营业务收入6000万元，利润总额300万，研发费用占比3.5%，有2项发明专利")
        with gr.Row():
            region = gr.Dropdown(["", *regions()], value="", label="所在地区 / Region", allow_custom_value=True,
                                 elem_id="check-region")
            category = gr.Radio(["未定", "制造类", "服务类", "创新类"], value="未定", label="类别 / Category",
                                elem_id="check-category")
            high_tech = gr.Radio(["未定", "是", "否"], value="未定", label="国家高新技术企业", elem_id="check-hightech")
            institution = gr.Dropdown(["未定", *INSTITUTION_LEVELS], value="未定", label="研发机构级别", elem_id="check-inst")
        numbers = []
        with gr.Row(elem_id="check-figures"):
            for key, label in FIELDS:
                # text, not gr.Number: an empty number field is sent as 0, and an unknown figure must
                # stay unknown, never zero; text also takes a unit ("1.2亿")
                numbers.append(gr.Textbox(label=label, value="", max_lines=1, elem_id=f"check-{key}", min_width=160))
        go = gr.Button("体检 / Check", variant="primary", elem_id="check-go")
        table = gr.Dataframe(headers=HEADERS, interactive=False, wrap=True, elem_id="check-table",
                             column_widths=["32%", "20%", "14%", "34%"])
        with gr.Row():
            with gr.Column(scale=3):
                details = gr.HTML(elem_id="check-details")
            with gr.Column(scale=2):
                sources = gr.HTML(sources_html(None, None), elem_id="check-sources")
        go.click(run, [text, region, category, high_tech, institution, *numbers], [table, details, sources],
                 api_visibility="private")


def check_api(assistant):
    """The ``check`` endpoint of the Gradio API (register it outside the tabs)."""

    def check(profile: str = "", text: str = "", region: str = "") -> dict:
        """The eligibility check: ``profile`` a JSON object of profile keys, or ``text`` the company
        in words; the JSON of ``policy-assistant check --json``."""
        try:
            if profile and text:
                raise ValueError("give either profile or text")
            if profile:
                company = CompanyProfile.from_dict(json.loads(profile))
            elif text:
                company = text
            else:
                raise ValueError("give either profile or text")
            return assistant.check(company, region or None).to_dict()
        except json.JSONDecodeError as exc:
            raise gr.Error(f"profile is not valid JSON ({exc})") from None
        except (QuestionError, ValueError) as exc:
            raise gr.Error(str(exc)) from None

    return check
