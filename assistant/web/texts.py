"""Every text of the public page in Chinese (default) and English, and its topic shortcuts.

One language at a time: a label, note or empty state is looked up here in the chosen language,
never written as "中文 / English" on the page.
"""

from __future__ import annotations

from dataclasses import dataclass

ALL = "全部地区 / all regions"  # the strict region filter of the API and the workspace


@dataclass(frozen=True)
class Topic:
    """A shortcut on the welcome row: a short label and the real question it asks."""

    key: str
    label: dict[str, str]
    question: dict[str, str]


TOPICS = (
    Topic("criteria", {"zh": "申报条件", "en": "Criteria"},
          {"zh": "专精特新企业的申报条件有哪些？", "en": "What are the criteria to be recognised as a specialised SME?"}),
    Topic("rewards", {"zh": "奖励补贴", "en": "Rewards"},
          {"zh": "获评专精特新企业有哪些奖励和补贴？", "en": "What rewards and subsidies does a recognised SME get?"}),
    Topic("finance", {"zh": "融资产品", "en": "Finance"},
          {"zh": "专精特新企业可以申请哪些融资产品？", "en": "Which loans and financing products can we apply for?"}),
    Topic("apply", {"zh": "申报时间与材料", "en": "When & how to apply"},
          {"zh": "什么时候申报？需要准备哪些材料？", "en": "When do we apply, and which materials are needed?"}),
    Topic("talent", {"zh": "人才", "en": "Talent"},
          {"zh": "专精特新企业有哪些人才支持政策？", "en": "What support is there for hiring and training talent?"}),
    Topic("land", {"zh": "用地", "en": "Land"},
          {"zh": "专精特新企业在用地方面有哪些支持？", "en": "What support is there for industrial land?"}),
    Topic("services", {"zh": "服务", "en": "Services"},
          {"zh": "专精特新企业可以获得哪些服务？", "en": "Which services can a specialised SME get?"}),
)

LABELS = {
    "zh": {
        "title": "专精特新政策助手", "language": "界面语言", "place": "我的地区", "any_place": "不限地区",
        "chat": "对话", "question": "您的问题", "placeholder": "输入问题，Enter 发送，Shift+Enter 换行",
        "send": "发送", "stop": "停止", "new": "新对话", "topics": "常见问题", "check": "政策体检 ›",
        "chat_tab": "问答", "check_tab": "政策体检",
        "empty": "请输入问题，例如：省级专精特新小巨人企业的申报条件是什么？",
        "error": "⚠️ 出错了，请稍后再试。", "thanks": "已收到您的反馈，谢谢！",
        "reasons": ["不准确", "没回答我的问题", "过时", "其他"],
        "welcome_lead": "您好！我根据知识库中的政策原文回答专精特新企业的问题，每句话都注明出处。可以中英文提问，也可以追问（如“那市级的呢？”）。",
        "welcome_docs": "目前收录 {n} 份政策文件：",
        "welcome_check": "想知道企业够不够条件？点下方“政策体检”，填几项数据即可逐条对照。",
        "disclaimer": "回答只引用政策原文，不构成法律意见；申报以当年正式通知为准。",
        # the answer card
        "summary_criteria": "{place}{what}，共{n}条",
        "summary": "找到{n}条相关条款，出自{docs}",
        "summary_docs_one": "{place}的1份文件", "summary_docs": "{n}份文件（{places}）", "summary_unnamed": "1份未写明地区的文件",
        "colon": "：",
        "original": "查看原文（{n}条）", "whole": "阅读全文 ›", "before": "上文", "after": "下文",
        "whom": "咨询与办理：", "related": "相关条款（供参考，没有回答所问）",
        "searched": "已在知识库的 {n} 份文件中检索（{places}），没有条款回答这个问题。",
        "try": "可以试试这些知识库能回答的问题：", "ask_unit": "相近内容的责任单位：{units}（{topic}）",
        "no_place": "未写明地区", "doc_number": "文号",
        "status": {"in_force": "现行", "draft": "征求意见稿", "invalid": "已失效（发布机关标注）", "unknown": "状态未说明",
                   "ended": "政策期已结束（{period}）", "expired": "已失效（有效期至{until}）",
                   "repealed": "已被新文件废止", "amended": "部分条款已被修改"},
    },
    "en": {
        "title": "SME policy assistant", "language": "Language", "place": "My place", "any_place": "Any place",
        "chat": "Conversation", "question": "Your question", "placeholder": "Type a question. Enter sends, Shift+Enter adds a line",
        "send": "Send", "stop": "Stop", "new": "New conversation", "topics": "Common questions", "check": "Self-check ›",
        "chat_tab": "Ask", "check_tab": "Self-check",
        "empty": "Please type a question, e.g. What do I need for provincial level?",
        "error": "⚠️ Something went wrong; please try again.", "thanks": "Thank you for your feedback.",
        "reasons": ["Inaccurate", "Did not answer my question", "Out of date", "Other"],
        "welcome_lead": "Hello! I answer questions on support for specialised SMEs (专精特新) from the policy texts, "
                        "and every sentence names its source. Ask in English or Chinese; follow-ups are welcome.",
        "welcome_docs": "The knowledge base holds {n} policy documents:",
        "welcome_check": "Does your company qualify? Open the self-check below and enter a few figures.",
        "disclaimer": "Answers quote the policy texts; they are not legal advice. The year's official notice prevails.",
        "summary_criteria": "{place}{what}: {n} criteria",
        "summary": "{n} relevant clauses from {docs}",
        "summary_docs_one": "one document of {place}", "summary_docs": "{n} documents ({places})",
        "summary_unnamed": "one document that names no place", "colon": ": ",
        "original": "Original text ({n} clauses)", "whole": "Read the whole document ›", "before": "before",
        "after": "after", "whom": "Whom to ask: ", "related": "Related clauses (for reference; they do not answer it)",
        "searched": "Searched the {n} documents of the knowledge base ({places}): no clause answers this question.",
        "try": "Questions the knowledge base does answer:", "ask_unit": "Responsible for the nearest topic: {units} ({topic})",
        "no_place": "place not named", "doc_number": "No.",
        "status": {"in_force": "in force", "draft": "draft for comments", "invalid": "no longer in force (so marked by its publisher)",
                   "unknown": "status not stated",
                   "ended": "policy period ended ({period})", "expired": "no longer in force (valid until {until})",
                   "repealed": "repealed by a newer document", "amended": "partly amended"},
    },
}


def label(language: str, key: str) -> str:
    """The text ``key`` in ``language`` (Chinese for an unknown language)."""
    return LABELS.get(language, LABELS["zh"])[key]
