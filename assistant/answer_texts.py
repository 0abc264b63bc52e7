"""The fixed wording of extractive answers, in Chinese and English (one place for both)."""

from __future__ import annotations

import datetime as dt

TEXTS = {
    "zh": {
        "lead": "根据知识库中的政策原文，相关条款如下：",
        "lead_criteria": "根据知识库中的政策原文，{what}共{n}条：",
        "units": "责任单位：",
        "draft": "{refs} 出自征求意见稿，并非正式印发的政策，内容可能调整。",
        "ended": "{refs} 所在文件的政策期（{period}）已于{end}年底结束，请以最新政策为准。",
        "expired": "{refs} 所在文件的有效期至{until}，现已失效，请以最新政策为准。",
        "invalid": "{refs} 所在文件已被发布机关标注为失效，请以最新政策为准。",
        "unnamed": "{refs} 所在文件没有写明适用的城市或地区。",
        "elsewhere": "{refs} 出自{where}的文件，不是{place}本地的政策；其中列明的是{level}申报条件。",
        "title": "{refs} 是“{title}”的条件，与所问的称号不同，请确认要申报的是哪一项。",
        "note": "注意：",
        "sources": "来源：",
        "offer_check": "如需逐条核对贵公司是否符合，请告诉我所在地区、类别（制造类/服务类）和上年度主营业务收入、利润总额、"
                       "研发费用占比等数据，或使用“政策体检”页。",
        "region": "地区：",
        "no_region": "文件未写明地区",
        "refuse": "抱歉，知识库中没有找到与该问题相符的政策条款，无法据此作答。",
        "no_detail": "知识库中的条款提到了相关内容{refs}，但没有规定{missing}，因此无法回答这一点。",
        "partial": "条款没有规定{missing}。",
        "other_case": "知识库中的相关条款{refs}讲的是其他情形，没有针对“{case}”的规定，因此无法回答这一点。",
        "related_clauses": "相关条款（供参考，不是对问题的回答）：",
        "place": "知识库中没有关于“{place}”的政策文件。",
        "place_silent": "知识库中{place}的文件没有相关规定。",
        "other_places": "其他地区的文件有以下规定，并非{place}的政策，仅供参考：",
        "covers": "知识库目前收录：{titles}。",
        "suggest": "可以询问例如：省级专精特新“小巨人”企业的申报条件、国家级“小巨人”的奖励标准、专精特新企业的融资支持、某项措施的责任单位。",
        "sep": "；", "detail_sep": "、",
        "related": "知识库中相近的内容，可以这样问：",
        "related_item": "- “{topic}”有哪些具体规定？（{title}）",
        "gloss": "   ≈ ",
        "details": {"amount": "具体金额或额度", "rate": "具体比例或利率", "count": "具体数量", "date": "具体时间或截止日期",
                    "duration": "期限", "unit": "责任单位", "contact": "地址或联系方式", "conditions": "具体条件",
                    "frequency": "频次", "time": "具体时间", "procedure": "办理流程", "materials": "所需材料", "measure": "具体数值", "task": "代写或生成文书（本助手只引用政策原文）",
                    "support": "奖励或补贴", "institution": "具体的银行或机构名称", "number": "具体数值",
                    "location": "举办或办理地点", "source": "从哪里选出（来源）", "level": "企业层级（国家级、省级、市级等）", "aspects": "具体看哪些方面", "year": "所问那一年的安排",
                    "consequence": "相应的处理或后果"},
    },
    "en": {
        "lead": "Here is what the policy texts in the knowledge base say (quoted in the original Chinese):",
        "lead_criteria": "Here is what the policy texts say (quoted in the original Chinese): {what}, {n} criteria:",
        "units": "Responsible units (责任单位): ",
        "draft": "{refs}: from a draft for comments (征求意见稿), not an issued policy; it may still change.",
        "ended": "{refs}: from a plan whose policy period ({period}) ended at the end of {end}; check for a newer policy.",
        "expired": "{refs}: from a document valid until {until}, no longer in force; check for a newer policy.",
        "invalid": "{refs}: from a document its publisher marks as no longer in force; check for a newer policy.",
        "unnamed": "{refs}: from a document that does not name the city or region it applies to.",
        "elsewhere": "{refs}: from a document of {where}, not of {place}; it lists the {level} criteria.",
        "title": "{refs}: the criteria for “{title}”, a different title from the one asked about; check which one you apply for.",
        "note": "Note: ",
        "sources": "Sources:",
        "offer_check": "To check your company criterion by criterion, tell me its place, its category (manufacturing or "
                       "services) and last year's main business revenue, profit and R&D share, or use the 政策体检 / Check tab.",
        "region": "region: ",
        "no_region": "place not named in the document",
        "refuse": "Sorry, the knowledge base has no policy clause that matches this question, so I cannot answer it.",
        "no_detail": "The clauses in the knowledge base mention this topic {refs}, but do not state {missing}, so this cannot be answered.",
        "partial": "The clauses do not state {missing}.",
        "other_case": "The related clauses in the knowledge base {refs} provide for other cases, not for “{case}”, so this cannot be answered.",
        "related_clauses": "Related clauses (for reference; they do not answer the question):",
        "place": "The knowledge base holds no policy documents for “{place}”.",
        "place_silent": "The documents for {place} in the knowledge base say nothing about this.",
        "other_places": "Other places' documents say the following; this is not {place}'s policy:",
        "covers": "It currently holds: {titles}.",
        "suggest": "You can ask, for example: what the criteria for provincial-level little giants are, how large the reward for a national little giant is, which bank products support specialised SMEs, or which units are responsible for a measure.",
        "sep": "; ", "detail_sep": " or ",
        "related": "Nearby topics the knowledge base does cover, which you could ask about:",
        "related_item": "- What does “{topic}” provide? ({title})",
        "gloss": "   ≈ ",
        "details": {"amount": "an amount", "rate": "a rate or percentage", "count": "a number", "date": "a date or deadline",
                    "duration": "a duration", "unit": "a responsible unit", "contact": "an address or contact details",
                    "conditions": "the conditions", "frequency": "how often", "time": "the time asked for", "procedure": "the procedure",
                    "materials": "the documents required", "measure": "the figure asked for", "task": "drafting a text (this assistant only quotes the policies)", "support": "a reward or subsidy",
                    "institution": "which bank or institution", "number": "the figure asked for",
                    "location": "where it takes place", "source": "where they are drawn from", "level": "which level of firm (national, provincial, …)", "aspects": "which aspects are looked at", "year": "anything for the year asked about",
                    "consequence": "what follows from it"},
    },
}


def written_date(iso: str | None, zh: bool = True) -> str | None:
    """A date as the answer's language writes it: 2026年9月7日 in Chinese, as the documents do;
    ISO in English."""
    if not iso or not zh:
        return iso
    day = dt.date.fromisoformat(iso)
    return f"{day.year}年{day.month}月{day.day}日"
