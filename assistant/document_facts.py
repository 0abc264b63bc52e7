"""Questions about a document itself: is it in force, a draft, who issued it, under which 文号.

"泊川那个细则现在生效了吗？" asks for what the document's metadata states (status, validity,
issuer, number, date), not for a clause's content. When the question names a kind of document
(细则, 办法, 措施 …) with such a cue, and the place it names has exactly one document of that
kind, the answer states those facts and cites the clause or notice they come from.
"""

from __future__ import annotations

import datetime as dt
import re

from ingest.frontmatter import COMPILATION

from .answer_texts import written_date
from .supersession import Supersession, flags_of, repealed, standing_facts
from .types import Answer, Chunk, Citation, DocumentMeta

# the document's own standing, not a certificate's ("认定有效期几年" is about the recognition)
_DOC_KIND = r"(细则|办法|措施|通知|计划|方案|政策文件|文件|意见|规定|政策|问答|解读|指南|公示|公告|清单)"
# a yes/no or when/who question on the document's standing: "细则现在生效了吗", "办法还有效吗",
# "措施有效期到什么时候", "办法是哪个部门发的" — not "哪一条讲的是有效期" (a clause's subject)
_STANDING = (r"(现在|目前|还|已经)?(正式)?(生效|有效|失效|过期|作废|管用|算数|施行|实施|执行)(了)?(吗|么|没有|没|不)"
             r"|有效期(到|至)(什么时候|哪天|哪年|何时)|(什么时候|哪天|哪一天|何时|几号|哪个月)(起|开始)?(施行|实施|生效|执行)|是不是正式|是正式.{0,4}吗"
             r"|征求意见稿吗|是不是征求意见稿|哪个部门发|谁发的|(什么时候|哪天|哪一天|何时)(印发|发布|出台|发)的?|文号(是|多少|为)"
             r"|(正式)?(发布|印发|出台|定稿)(了)?(吗|么|没有|没)")
_ABOUT_DOCUMENT = re.compile(
    rf"{_DOC_KIND}[^，,。？?]{{0,8}}({_STANDING})"
    r"|(is|are) (the|this|that|[a-z]+'s) [a-z ]{0,30}(rules?|measures?|plan|policy|document|notice|guide|list)( document)? (still )?"
    r"(in force|valid|in effect|a draft|final)"
    r"|(how long|until when|till when) (is|are|will) [a-z' ]{0,40}(rules?|measures?|plan|policy|document|notice)"
    r"( document)? (still )?(valid|in force|in effect)"
    r"|when (does|do|will) [a-z' ]{0,40}(rules?|measures?|plan|policy|document|notice)( document| list)? "
    r"(expire|end|lapse|take effect|come into (force|effect))", re.IGNORECASE)
_KIND_WORDS = ("细则", "办法", "措施", "通知", "计划", "方案", "政策", "问答", "解读", "指南", "公示", "公告", "清单")


# a kind of document named as where the answer is ("方案里", "细则中"; not the company's own
# "我们计划中…": 计划 only as the document, 行动计划)
_NAMED_KIND = re.compile(r"(方案|办法|细则|措施|(?<=行动)计划)(里|中|内|当中)")


def kinds_named(question: str) -> set[str]:
    """The kinds of document a question names as where its answer is (方案里 → 方案)."""
    return {m.group(1) for m in _NAMED_KIND.finditer(question)}


def asks_about_document(ask: str) -> bool:
    return bool(_ABOUT_DOCUMENT.search(ask))


def the_document(ask: str, docs: list[DocumentMeta], place: str | None = None) -> DocumentMeta | None:
    """The one document of the kind the ask names among ``docs`` (a place's documents); of
    several, the one the place itself issued (澄岭's 办法, not its county 禾浦's 措施)."""
    kinds = [word for word in _KIND_WORDS if word in ask] + [
        k for word, chinese in _EN_KINDS.items() if re.search(rf"\b{word}\b", ask, re.IGNORECASE) for k in chinese]
    # (a compilation is not the one policy asked about: its parts have their own dates and 文号)
    matching = [d for d in docs if (not kinds or any(k in d.title for k in kinds)) and not COMPILATION.search(d.title)]
    if len(matching) > 1 and kinds:  # "办法": the rules themselves, not a notice adjusting 《…办法》
        named = [d for d in matching if any(re.sub(r"[（(][^）)]*[）)]$", "", d.title).endswith(k) for k in kinds)]
        matching = named or matching
    own = [d for d in matching if place and (d.region or "").split(",")[0].strip().startswith(place)]
    return matching[0] if len(matching) == 1 else own[0] if len(own) == 1 else None


_EN_KINDS = {"rules": ("细则", "办法"), "measures": ("办法", "措施"), "plan": ("计划", "方案"), "notice": ("通知",),
             "guide": ("指南",), "opinions": ("意见",), "policy list": ("清单",)}


_ISSUE_CUE = re.compile(r"(哪个部门发|谁发的|(什么时候|哪天|哪一天|何时)(印发|发布|出台|发)|印发时间|发布时间|发文|文号|issued|who issued|number)",
                        re.IGNORECASE)


# "什么时候开始施行", "when does it take effect": the day it takes effect, which its issue date is not
_EFFECT_ASKED = re.compile(r"(什么时候|哪天|哪一天|何时|几号|哪个月|几月)[^，,。？?]{0,3}(施行|实施|生效|执行)"
                           r"|when [a-z' ]{0,60}(take effect|come into (force|effect)|start)", re.IGNORECASE)
_VALIDITY_ASKED = re.compile(r"有效|失效|过期|作废|到期|valid|in force|expire", re.IGNORECASE)
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,8}[〔\[【]\s*\d{4}\s*[〕\]】]\s*\d{1,4}\s*号")
_DRAFT_CUE = re.compile(r"征求意见|草案|正式|draft|final", re.IGNORECASE)


def source_chunk(chunks: list[Chunk], ask: str = "") -> Chunk:
    """For who issued it, the covering notice; for its standing, the clause that states the
    validity; else the notice, else the first chunk."""
    notice = next((c for c in chunks if c.kind == "notice"), None)
    if notice is not None and _ISSUE_CUE.search(ask):
        return notice
    if _ISSUE_CUE.search(ask):  # (no covering notice: a line citing the policy's 文号, as a 解读 does)
        cited = next((c for c in chunks if _DOC_NUMBER.search(c.text)), None)
        if cited is not None:
            return cited
    if _DRAFT_CUE.search(ask):  # "is it a draft?": the line that says so
        said = next((c for c in chunks if "征求意见稿" in c.text), None)
        if said is not None:
            return said
    for chunk in chunks:
        if re.search(r"(起施行|起实施|有效期至|有效期\s*[一二三四五\d])", chunk.text) and chunk.kind != "table_record":
            return chunk
    return next((c for c in chunks if c.kind == "notice"), chunks[0])


def facts_answer(question: str, doc: DocumentMeta, chunk: Chunk, language: str, today: dt.date,
                 superseded: list[tuple[Supersession, Chunk]] = ()) -> Answer:
    """The document's standing as its metadata states it, with the clause it comes from as [1];
    ``superseded``: the documents that repeal or amend it, with their clauses saying so ([2]…)."""
    zh = language != "en"
    relations = [s for s, _ in superseded]
    facts: list[str] = standing_facts(relations, today, zh)
    gone = repealed(relations, today)  # (its own validity dates no longer tell whether it is in force)
    if doc.status == "draft":
        facts.append("是征求意见稿，并非正式印发的政策，内容可能调整" if zh
                     else "is a draft for comments (征求意见稿), not a policy in force; it may still change")
    if doc.status == "invalid" and not gone:
        facts.append("已被发布机关标注为失效" if zh else "is marked no longer in force by its publisher")
    if (doc.valid_from or doc.valid_until) and not gone:
        facts.append(_validity(doc, today, zh))
    # (asked when it takes effect or how long it is valid, a text that says neither is said to; its issue
    # date is not that date — but "自印发之日起施行，有效期5年" says both, in words no date field holds)
    if not doc.valid_from and not gone and _EFFECT_ASKED.search(question) and not re.search(r"起(施行|实施|执行|生效)", chunk.text):
        facts.append("文中未写明施行日期" if zh else "the text states no date it takes effect")
    if not (doc.valid_until or doc.period or gone) and _VALIDITY_ASKED.search(question) and "有效期" not in chunk.text:
        facts.append("文中未写明有效期" if zh else "the text states no term of validity")
    if doc.period:
        ended = doc.period_ended(today)
        facts.append(f"政策期为{doc.period}年" + ("，已结束" if ended else "") if zh
                     else f"covers {doc.period}" + (", a period that has ended" if ended else ""))
    if doc.issuer or doc.doc_number or doc.date_issued:
        issued = "、".join(v for v in (doc.issuer, doc.doc_number, written_date(doc.date_issued, zh)) if v)
        facts.append(f"印发信息：{issued}" if zh else f"issued: {issued}")
    if not facts:
        facts.append("文中未说明其状态和有效期" if zh else "the text states neither its status nor its validity")
    name = doc.title if doc.title.startswith("《") else f"《{doc.title}》"  # (a 解读's title quotes its policy)
    lead = name + "；".join(facts) + "。[1]" if zh else f"{name} " + "; ".join(facts) + ". [1]"
    citation = Citation(1, chunk.chunk_id, doc.doc_id, doc.title, chunk.section_path, " ".join(chunk.text.split())[:200],
                        doc.region, tuple(doc.flags(today)) + flags_of(doc.doc_id, {doc.doc_id: relations}, today),
                        chunk.responsible_units)
    citations = [citation] + [Citation(n, c.chunk_id, c.doc_id, s.by_title, c.section_path, " ".join(c.text.split())[:200])
                              for n, (s, c) in enumerate(superseded, start=2)]
    if superseded:
        lead = lead[:-len("[1]")] + "".join(f"[{c.number}]" for c in citations)
    sources = "来源：" if zh else "Sources:"
    quotes = [f"- {c.quote} [{c.number}]" for c in citations]
    labels = [f"[{c.number}] {c.label}" + (f"（{doc.region}）" if c.number == 1 and doc.region else "") for c in citations]
    return Answer(question, "\n".join([lead, "", *quotes, "", sources, *labels]), citations,
                  refused=False, language=language)


def _validity(doc: DocumentMeta, today: dt.date, zh: bool) -> str:
    if zh:
        parts = [f"自{written_date(doc.valid_from, zh)}起施行"] if doc.valid_from else []
        if doc.valid_until:
            parts.append(f"有效期至{written_date(doc.valid_until, zh)}")
            parts.append("现已失效" if doc.out_of_force(today) else "目前在有效期内")
        return "，".join(parts)
    parts = [f"in force from {doc.valid_from}"] if doc.valid_from else []
    if doc.valid_until:
        parts.append(f"valid until {doc.valid_until}")
        parts.append("no longer in force" if doc.out_of_force(today) else "still in force")
    return ", ".join(parts)

