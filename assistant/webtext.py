"""Labels of the web chat in Chinese (default) and English, its examples and style."""

ALL = "全部地区 / all regions"
EXAMPLES = [
    "What do I need for provincial level?",
    "Which bank products apply?",
    "国家级小巨人有多少奖励？",
    "省级专精特新小巨人企业（制造类）的申报条件有哪些？",
    "连云港“特色金融助力工程”的责任单位有哪些？",
]
LABELS = {
    "zh": {
        "chat": "对话", "question": "您的问题", "placeholder": "例如：国家级小巨人有多少奖励？（中英文均可，可追问）",
        "send": "发送", "clear": "清空对话", "region": "地区", "documents": "限定文件（可多选）",
        "comment": "对上一条评价补充意见（可选）", "comment_send": "提交意见", "export": "导出反馈为评测问题文件",
        "sources": "来源条款", "empty": "请输入问题，例如：省级专精特新小巨人企业的申报条件是什么？",
        "error": "⚠️ 出错了，请稍后再试。", "refused": "知识库中没有与该问题相符的条款；请参考回答中的建议换个问法。",
        "refused_related": "知识库的条款没有写明所问的内容；回答中列出了相关条款，仅供参考。",
        "thanks": "已记录反馈 #{id}，谢谢！可在右侧补充意见。", "rate_first": "请先点赞或点踩一条回答，再补充意见。",
        "commented": "已保存对反馈 #{id} 的意见。",
        "disclaimer": "答案只引用下列政策原文，不构成法律意见。",
    },
    "en": {
        "chat": "Conversation", "question": "Your question",
        "placeholder": "e.g. How large is the reward for a national little giant? (Chinese or English; follow-ups welcome)",
        "send": "Send", "clear": "Clear chat", "region": "Region", "documents": "Only these documents",
        "comment": "Comment on your last rating (optional)", "comment_send": "Send comment",
        "export": "Export feedback as a question file", "sources": "Sources",
        "empty": "Please type a question, e.g. What do I need for provincial level?",
        "error": "⚠️ Something went wrong; please try again.",
        "refused": "The knowledge base has no clause that matches; see the suggestions in the reply.",
        "refused_related": "The clauses do not state what was asked; related ones are shown in the reply, for reference.",
        "thanks": "Feedback #{id} saved, thank you. You can add a comment on the right.",
        "rate_first": "Please rate an answer with thumbs up or down first.", "commented": "Comment saved for feedback #{id}.",
        "disclaimer": "Answers quote the policy texts below; they are not legal advice.",
    },
}
STYLE = """.pa-source{border:1px solid #ddd;border-radius:6px;padding:.4em .7em;margin:.4em 0}
.pa-source summary{cursor:pointer;font-weight:600}.pa-clause{white-space:pre-wrap;line-height:1.6}
.pa-clause mark{background:#fff3a0;padding:0 .1em}.pa-flag{display:inline-block;margin:.2em .3em 0 0;padding:0 .4em;
border-radius:4px;background:#fde2e1;color:#8a1c1c;font-size:.85em}.pa-region{display:inline-block;margin:.2em .3em 0 0;
padding:0 .4em;border-radius:4px;background:#e3f0ff;font-size:.85em}.pa-units{font-size:.9em;color:#444}"""
