"""The 政策体检 / Check tab: a company's figures in a form (or a sentence) → a table of
levels with verdicts, each criterion with its source; and the ``check`` API endpoint."""

from __future__ import annotations

import datetime as dt
import json
from html import escape

import gradio as gr  # only imported to serve the page

from ..check_text import (
    VERDICT_EN,
    VERDICT_ZH,
    english_summary,
    render_report,
    report_answer,
)
from ..conditions import INSTITUTION_LEVELS
from ..limits import QuestionError
from ..profile import CompanyProfile
from .card import place_name
from .render import sources_html

# the form's figures: (profile key, Chinese label, English label); money in 万元, shares in %
FIELDS = [
    ("revenue", "营业收入（万元）", "Revenue (RMB 10k)"), ("main_revenue", "主营业务收入（万元）", "Main business revenue (RMB 10k)"),
    ("total_profit", "利润总额（万元）", "Total profit (RMB 10k)"), ("rd_ratio", "研发费用占营业收入比重（%）", "R&D share of revenue (%)"),
    ("revenue_growth", "营业收入平均增长率（%）", "Average revenue growth (%)"), ("debt_ratio", "资产负债率（%）", "Debt ratio (%)"),
    ("invention_patents", "发明专利（项）", "Invention patents"), ("utility_patents", "实用新型专利（项）", "Utility-model patents"),
    ("software_copyrights", "软件著作权（项）", "Software copyrights"), ("employees", "从业人员（人）", "Employees"),
    ("years_in_field", "从事细分领域年限（年）", "Years in the niche"),
    ("market_rank_province", "主导产品省内排名（位）", "Rank in the province"),
    ("market_rank_national", "主导产品国内排名（位）", "Rank in China"),
]
# four columns, so that the table reads on a phone too; the document of each level is named below it
HEADERS = {"zh": ["层级", "结论", "✓/✗/?/☐", "差距"], "en": ["Level", "Verdict", "✓/✗/?/☐", "Gaps"]}
TEXTS = {
    "zh": {"intro": "## 政策体检\n填写企业数据（或用一句话描述），逐条对照知识库中各层级的申报/入库条件，每条注明出处。结论以当年申报通知为准。",
           "text": "一句话描述企业（可选）", "region": "所在地区", "category": "类别", "high_tech": "国家高新技术企业",
           "institution": "研发机构级别", "go": "开始体检", "none": "请填写至少一项企业数据，或用一句话描述企业。",
           "placeholder": "我们是金湖的制造企业，去年主营业务收入6000万元，利润总额300万，研发费用占比3.5%，有2项发明专利"},
    "en": {"intro": "## Eligibility self-check\nEnter the company's figures (or describe it in a sentence): each level's "
                    "criteria in the knowledge base are checked one by one, each with its clause. The year's official notice prevails.",
           "text": "The company in a sentence (optional)", "region": "Place", "category": "Category",
           "high_tech": "National high-tech enterprise", "institution": "Level of its R&D lab", "go": "Check",
           "none": "Enter at least one figure, or describe the company in a sentence.",
           "placeholder": "We are a manufacturer in Jinhu; last year main business revenue RMB 60 million, profit 3 million, R&D 3.5%"},
}


class LanguageSwitch:
    """The components a language change updates, and the updates for a language."""

    def __init__(self, outputs: list, updates) -> None:
        self.outputs, self._updates = outputs, updates

    def __call__(self, language: str) -> list:
        return self._updates(language)


def form_profile(region, category, high_tech, institution, *values) -> CompanyProfile:
    """The form's inputs as a profile; empty fields are unknown."""
    data: dict = {key: str(value).strip() for (key, _, _), value in zip(FIELDS, values, strict=True)
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


CATEGORIES = {"zh": [("未定", "未定"), ("制造类", "制造类"), ("服务类", "服务类"), ("创新类", "创新类")],
              "en": [("Not sure", "未定"), ("Manufacturing", "制造类"), ("Services", "服务类"), ("Innovation", "创新类")]}
YES_NO = {"zh": [("未定", "未定"), ("是", "是"), ("否", "否")], "en": [("Not sure", "未定"), ("Yes", "是"), ("No", "否")]}


def result_rows(report, language: str = "zh") -> list[list]:
    documents = {r.level.doc.doc_id for r in report.results}
    rows = []
    for r in report.results:
        gaps = "；".join(dict.fromkeys(g for c in r.checks if c.status == "not_met" for g in c.outcome.gaps))
        level = r.level.name if len(documents) == 1 else f"{r.level.name}（{r.level.doc.title}）"
        counts = " / ".join(str(r.count(s)) for s in ("met", "not_met", "unknown", "manual"))
        rows.append([level, (VERDICT_EN if language == "en" else VERDICT_ZH)[r.verdict], counts, gaps])
    return rows


def build_eligibility_tab(assistant, regions, language_component):
    """The tab, inside the app's ``gr.Tabs``; ``regions()`` lists the places of the documents.
    ``language_component`` holds the page's language. Returns the tab and its :class:`LanguageSwitch`."""

    def run(language, text, region, category, high_tech, institution, *values):
        try:
            if text and text.strip():
                report = assistant.check(text, region or None)
            else:
                profile = form_profile(region, category, high_tech, institution, *values)
                if not profile.figures:
                    raise gr.Error(f"{TEXTS['zh']['none']} {TEXTS['en']['none']}")
                report = assistant.check(profile)
        except (QuestionError, ValueError) as exc:
            raise gr.Error(str(exc)) from None
        body, _ = render_report(report, dt.date.today(), levels_shown=100)
        if language == "en":
            body = "\n".join(english_summary(report, 100)) + "\n" + body
        answer = report_answer(report, text or "", dt.date.today(), levels_shown=100)
        details_html = "<div class='pa-check'>" + "<br>".join(escape(line) for line in body.split("\n")) + "</div>"
        return result_rows(report, language), details_html, sources_html(answer, assistant.retriever.chunk, language)

    t = TEXTS["zh"]
    with gr.Tab("政策体检", id="check", elem_id="check-tab") as tab:
        intro = gr.Markdown(t["intro"])
        text = gr.Textbox(label=t["text"], lines=2, elem_id="check-text", placeholder=t["placeholder"])
        with gr.Row():
            region = gr.Dropdown(["", *regions()], value="", label=t["region"], allow_custom_value=True,
                                 elem_id="check-region")
            category = gr.Radio(CATEGORIES["zh"], value="未定", label=t["category"],
                                elem_id="check-category")
            high_tech = gr.Radio(YES_NO["zh"], value="未定", label=t["high_tech"], elem_id="check-hightech")
            institution = gr.Dropdown(["未定", *INSTITUTION_LEVELS], value="未定", label=t["institution"], elem_id="check-inst")
        numbers = []
        with gr.Row(elem_id="check-figures"):
            for key, label, _ in FIELDS:
                # text, not gr.Number: an empty number field is sent as 0, and an unknown figure must
                # stay unknown, never zero; text also takes a unit ("1.2亿")
                numbers.append(gr.Textbox(label=label, value="", max_lines=1, elem_id=f"check-{key}", min_width=160))
        go = gr.Button(t["go"], variant="primary", elem_id="check-go")
        table = gr.Dataframe(headers=HEADERS["zh"], interactive=False, wrap=True, elem_id="check-table",
                             column_widths=["32%", "20%", "14%", "34%"])
        with gr.Row():
            with gr.Column(scale=3):
                details = gr.HTML(elem_id="check-details")
            with gr.Column(scale=2):
                sources = gr.HTML(sources_html(None, None), elem_id="check-sources")
        go.click(run, [language_component, text, region, category, high_tech, institution, *numbers], [table, details, sources],
                 api_visibility="private")

    def updates(language: str) -> list:
        t = TEXTS[language]
        return [gr.update(value=t["intro"]), gr.update(label=t["text"], placeholder=t["placeholder"]),
                gr.update(label=t["region"], choices=[("", ""), *((place_name(r, language), r)
                                                               for r in regions())]), gr.update(label=t["category"], choices=CATEGORIES[language]),
                gr.update(label=t["high_tech"], choices=YES_NO[language]),
                gr.update(label=t["institution"]), gr.update(value=t["go"]), gr.update(headers=HEADERS[language]),
                sources_html(None, None, language),
                *(gr.update(label=field[1 if language == "zh" else 2]) for field in FIELDS)]

    return tab, LanguageSwitch([intro, text, region, category, high_tech, institution, go, table, sources, *numbers],
                               updates)


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
