"""Whether a clause's sentence states the detail a question asks for (an amount, a date, a unit …),
and when a filing clause answers without naming the thing applied for: pure functions over the
sentence and the ask. The ask's own reading (what kind of detail, which level) is in asking.py.
"""

from __future__ import annotations

import re

from .asking import ASK_TYPES, DETAIL, DOC_NUMBER_ASKED, UNITS, measure_units
from .where_filed import channel_missing, filed_through

# a bank a text names ("国家开发银行") rather than banks in general ("合作银行", "银行业金融机构")
_NAMED_INSTITUTION = re.compile(r"([\u4e00-\u9fff]{2,6})(银行(?!业)|保险公司|担保公司)")
_GENERIC_PREFIX = ("合作", "商业", "有关", "相关", "各类", "各家", "各", "引导", "推动", "鼓励", "支持", "政府", "投资", "产业",
                   "各种", "金融", "市级", "省级", "本市", "等", "贷款", "放款", "经办", "开户", "收款", "笔", "的")
# a name in quotation marks (“首贷贴息”, “专精特新贷”) names a product; it grants nothing by itself
# money taken back (已享受的奖励资金予以追回) or obtained by fraud (骗取奖补资金) is no grant
_CLAWBACK = re.compile(r"(骗取|套取|冒领)[^，,。；;]{0,8}(奖补|奖励|补贴|补助|资金)|"
                       r"(奖补|奖励|补贴|补助)[^，,。；;]{0,6}(予以|全额|责令|一律)?(追回|收回|退回|返还|退还|扣回)")
_PENALTY_ASKED = re.compile(r"退|追回|收回|返还|撤销|取消|骗|违规|虚假|处罚|penalt|revok|claw|repay|refund|fraud", re.IGNORECASE)
_QUOTED_NAME = re.compile(r"[“\"「『][^”\"」』]{1,20}[”\"」』]")


def _names_institution(sentence: str) -> bool:
    return any(not name.endswith(_GENERIC_PREFIX) for name, _ in _NAMED_INSTITUTION.findall(sentence))


# "符合条件的企业", "达到标准的", "省级以上": words that only point at requirements stated elsewhere
_REFERRED_CONDITIONS = re.compile(r"((符合|满足|具备|达到)[^，,。；;]{0,6}?(条件|要求|标准)的?|"
                                  r"(?<![\d%万亿元年人项家个倍])(?<![\d二三四五六七八九十两]级)以上|按要求|有关要求|"  # (三级以上: a threshold)
                                  r"评分(标准|细则)[：:]|"  # a scoring table's column name (评分标准：…得15分)
                                  r"不再?重复(支持|享受|奖励|补助|申报|申请))")  # (who may not have it twice: no requirement)

_GRANT_RECIPIENT = re.compile(r"对[^，,。；;]{2,40}的[^，,。；;]{0,10}[，,]?(给予|按|奖励|补助|补贴)")
_RECOGNITION = re.compile(r"(认定|申报|评上|评定|评选|入库|进库|称号|recogni|appl)", re.IGNORECASE)
_SUBSIDY_SHARE = re.compile(r"(的|按)[^，,。；;]{0,6}?\d+(\.\d+)?%[^，,。；;]{0,4}?(给予|予以)?(贴息|补贴|补助|奖励)")
_RATE_NAMED = re.compile(r"利率|利息|LPR|基点|年化|息")
DEADLINE_ASKED = re.compile(r"截止|最晚|deadline|due date|by when|apply by|submit by|until when|until (which|what) (day|date)|by (which|what) (day|date)", re.IGNORECASE)
FUND_ASKED = re.compile(r"(资金|经费|预算|资金池|基金)(?!单笔|每笔|单户|每户|单次|每次)[^，,。？?]{0,6}(多少|几|多大)|\b(fund|budget|pool)\b[^?]{0,20}\b(size|how (much|big|large))|how (big|large) is [^?]{0,30}\b(fund|budget|pool)\b", re.IGNORECASE)
# words a clause states the asked detail with, searched for too: a deadline is for the application
# (5月31日前提交), a fund's size is its 规模 or what is 安排ed ("培育资金一年有多少")
# a sum of money asked by name, which only a figure in 元 states (or a cap said to be none)
_SUM_ASKED = re.compile(r"额度|金额|数额")
_MONEY = re.compile(r"(\d+(\.\d+)?|[一二三四五六七八九十百千两]+)\s*(万元|亿元|元|万|亿)|上限[：:]?\s*无|不设上限|无上限")
MATERIALS_HEADING = re.compile(r"(申报|申请|所需|提交|报送)材料|材料清单")  # a list's heading naming its items
_DOC_NUMBER_STATED = re.compile(r"[〔\[【(（]\s*\d{4}\s*[〕\]】)）]\s*\d{1,4}\s*号")
# whether one paper is needed ("需要提供近三年的纳税证明吗"): the paper asked, after any qualifier
PAPER_ASKED = re.compile(r"(?:需要|要|得)(?:提供|提交|交|出具|附)(?:[^，,。？?]{0,12}的)?([^，,。？?的]{1,12}?(?:证明|报告|证书|复印件|发票|合同|清单))(?:吗|么|不)")
_MAY_APPLY = re.compile(r"(能|可以|可)(不能)?(申请|申报|享受|报)[^，,。？?]{0,12}(吗|么|不)|\b(eligible|qualify)\b", re.IGNORECASE)
# ("在哪办？" after "什么时候申报？" names nothing to find the counter by: its field's words do)
_WHERE_DONE = re.compile(r"(在|去|到)哪(儿|里)?(办|交|递|申请|申报|报)|where (do|can|should) (we|i)", re.IGNORECASE)
BY_DATE = re.compile(r"(日|月|月底|年底|号)\s*(前|之前|以前|为止|止)|截止|截至|逾期|之日起\d+|内(提交|申报|报送)|至(\d{4}年)?\d{1,2}月\d{1,2}日")
_SECTION_ASKED = re.compile(r"(科室|处室|哪个科|哪个处|哪个股)")
_SECTION_NAMED = re.compile(r"[\u4e00-\u9fff]{2,10}(科|处|股|室)(?![\u4e00-\u9fff])|[\u4e00-\u9fff]{2,10}(科|处|股|室)(?=[，,、。；;）)（(]|联系|负责)")
_ASKS_REQUIREMENTS = re.compile(r"(条件|要求|标准|门槛|资格|需要(什么|哪些|啥)|要(什么|哪些|啥)|"
                                r"requirement|criteri|conditions|what do (we|i) need|what does it take)", re.IGNORECASE)


_LATE_ASKED = re.compile(r"错过|逾期|没赶上|过了(时间|日子|截止|申报期|期限)|晚了|来不及|\b(missed|too late|late)\b", re.IGNORECASE)
_LATE_RULE = re.compile(r"逾期(不予|顺延|未|的|作废)|超出[^，,。；;]{0,6}期限")


def asks_requirements(ask: str) -> bool:
    """Whether the ask wants what it takes (条件, 要求, 门槛, "what do we need"), not whether one may."""
    return bool(_ASKS_REQUIREMENTS.search(ask))


def detail_present(kind: str, sentence: str, responsible_units: tuple[str, ...] = (), ask: str = "") -> bool:
    """Whether ``sentence`` carries a detail of ``kind`` (an amount, a date, …); for "measure",
    a number in the unit ``ask`` wants."""
    if kind == "unit" and _SECTION_ASKED.search(ask):
        # "归哪个科室管": a section (中小企业科) is asked for, not the bureau every clause names
        return bool(_SECTION_NAMED.search(sentence))
    if kind == "unit" and responsible_units:
        return True
    if kind == "institution":
        return _names_institution(sentence)
    if kind == "support":
        sentence = _QUOTED_NAME.sub("", sentence)
        if not _PENALTY_ASKED.search(ask):  # ("撤销后奖励要退吗" asks about the money taken back)
            sentence = _CLAWBACK.sub("", sentence)
    if kind == "conditions" and _ASKS_REQUIREMENTS.search(ask):
        # "对符合条件的企业给予支持" refers to conditions without stating any: no answer to
        # "需要满足什么条件", though it answers "能不能走绿色通道"
        sentence = _REFERRED_CONDITIONS.sub("", sentence)
    if kind == "conditions" and ASK_TYPES["support"].search(ask) and not _RECOGNITION.search(ask) \
            and _GRANT_RECIPIENT.search(sentence):
        return True  # "质量奖奖励要什么条件": 对获得省长质量奖的入库企业，给予… states who qualifies
    if kind == "conditions" and _LATE_ASKED.search(ask) and _LATE_RULE.search(sentence):
        return True  # "错过了4月还能申请吗": what becomes of a late application (逾期顺延至下一年度, 逾期不予受理)
    if kind == "contact" and filed_through(ask, sentence):
        return True  # "在哪个平台报": 通过“云溪惠企通”平台提交 names it
    if kind in ("amount", "count", "number") and _OUTCOME_ASKED.search(ask or ""):
        return False  # "培育资金去年用了多少": what was spent, which no rule states (a budget is no outcome)
    if kind == "contact" and channel_missing(ask or "", sentence):
        return False  # "咨询邮箱是多少": a phone number is not the e-mail asked for
    if kind == "number" and DOC_NUMBER_ASKED.search(ask):
        return bool(_DOC_NUMBER_STATED.search(sentence))  # "文号是多少": 璟政规〔2026〕3号, not any figure
    if kind == "measure":
        units = "|".join(measure_units(ask)) or UNITS
        return bool(re.search(rf"(\d+|[一二三四五六七八九十两]+)\s*({units})", sentence))
    if kind == "rate" and re.search(r"(利率|利息|interest)", ask, re.IGNORECASE) and not re.search(r"贴息|利息.{0,4}(补|报销|返还)|(补|报销|返还).{0,4}利息|subsidi[sz]|subsidy", ask, re.IGNORECASE):
        sentence = _SUBSIDY_SHARE.sub("", sentence)  # "按LPR的40%给予贴息": the subsidy's share, not the loan's rate
        if not _RATE_NAMED.search(sentence):
            return False  # "风险池的利率": a pool's 40% share of losses is no interest rate
    if kind in ("rate", "amount", "support") and re.search(r"贴息|interest subsid", ask, re.IGNORECASE) \
            and not re.search(r"贴息|利息", sentence):
        # "专精贷贴息比例": a loan's rate cap (不高于LPR加50个基点) is no interest subsidy, nor is a booth subsidy
        return False
    if kind == "amount" and _SUM_ASKED.search(ask or "") and not _MONEY.search(sentence):
        return False  # "担保额度最高多少": a fee rate (担保费率不高于1%) is no sum of money
    if kind == "date" and _PAID.search(ask or "") and _WITHIN.search(sentence) and _payment_stated(sentence):
        return True  # "奖励什么时候发": "认定文件印发后3个月内拨付" says when (not "结清后3个月内…提交申请")
    if kind == "duration" and _PAID.search(ask or "") and _ARRIVES.search(ask or "") and DETAIL["date"].search(sentence) \
            and _payment_stated(sentence):
        return True  # "奖励多久兑现": "兑现时间：次年第一季度" says when
    if (kind == "date" or kind == "duration" and _ARRIVES.search(ask or "")) and _PAID.search(ask or "") \
            and (ASK_TYPES["support"].search(ask or "") or _MONEY_NAMED.search(ask or "")) \
            and not _payment_stated(sentence):
        return False  # "奖励多久能到账": when money is paid, not when applications open (每年4月发布申报通知)
    if kind == "date" and DEADLINE_ASKED.search(ask or "") and not BY_DATE.search(sentence):
        return False  # "what's the deadline?": a date something is due by, not 每年上半年 of a review
    if kind == "date" and DEADLINE_ASKED.search(ask or "") and _APPLYING_ASKED.search(ask or "") \
            and not _APPLYING_DONE.search(sentence):
        return False  # "什么时候申报截止": not the date a yearly report is due by (3月底前报送绩效报告)
    if kind == "duration" and _PROCESSING.search(ask or "") and "有效期" in sentence and not _WITHIN.search(sentence):
        return False  # "how long does approval take?": the time it takes, not how long a title lasts
    if kind == "duration" and _PROCESSING.search(ask or "") and not _PROCESSED.search(sentence):
        return False  # "how long does review take": a step's time, not 结清后3个月内提交申请 (when to file)
    if kind == "duration" and _PROCESSING.search(ask or "") and not _PUBLICITY.search(ask or ""):
        # "评审要多久": a publicity period (…公示7个工作日) is how long a list is shown, not the step's time
        # (a note that leaves it out, "20个工作日内办结（公示时间不计入）", still states the step's time)
        sentence = re.sub(r"[（(][^（()）]*(公示|公告)[^（()）]*[）)]", "", sentence)
        sentence = "，".join(p for p in re.split(r"[，,；;。]", sentence) if not _PUBLICITY.search(p))
    if kind == "duration" and _BENEFIT_SPAN_ASKED.search(ask or "") and not asks_requirements(ask or ""):
        # "贴息能贴几年": how long the benefit runs; a loan's least term (期限不少于6个月) is a condition
        sentence = _FILING_WINDOW.sub("", _LEAST_SPAN.sub("", sentence))  # (nor is 结清后3个月内提交申请)
    if kind == "duration":  # "每次待多久": 每两个月上门一次 says how often, not for how long
        sentence = re.sub(r"每[两二三四五六七八九十半\d]+个?(月|年|周|季度|天)", "", sentence)
    if kind == "frequency" and _TIMES_PER_PERIOD.search(ask or ""):
        # how many times a year: 每年6月和12月 or 每季度 says, a budget set 每年 does not
        return bool(_TIMES_STATED.search(sentence))
    # (how many times a year is asked, "一年发几次": a period, 5年内不得申报, does not say)
    if kind == "frequency" and not _TIMES_PER_PERIOD.search(ask or "") and DETAIL["duration"].search(
            "，".join(p for p in re.split(r"[，,；;。]", sentence) if not _PUBLICITY.search(p))):
        return True  # "多长时间复核一次": "有效期为3年，期满前…申请复核" states the period (公示7个工作日 does not)
    pattern = DETAIL.get(kind)
    return bool(pattern and pattern.search(sentence))


# how long a benefit runs ("能贴几年", "补贴能享受多久") and a span only as a least (不少于6个月, 满2年)
_BENEFIT_SPAN_ASKED = re.compile(r"(贴|补|奖|享受|领)(能|可以|可|得|了)?(几年|多久|多长时间|几个月)")
_LEAST_SPAN = re.compile(r"(不少于|不低于|不短于|满)\s*[\d一二两三四五六七八九十]+\s*个?(年|月|日|天)|[\d一二两三四五六七八九十]+\s*个?(年|月)以上")
_FILING_WINDOW = re.compile(r"[\d一二两三四五六七八九十]+\s*个?(年|月|日|天|工作日)内[^。；;]{0,20}(提交|申请|申报|报送)")
_TIMES_STATED = re.compile(r"(\d+|[一二两三四五六])\s*(次|回|批)|\d{1,2}月[和、及与]\d{1,2}月|一年一次|每(季度|季|月|半年)")
_TIMES_PER_PERIOD = re.compile(r"(一年|每年|一个月|每月|每个月|一季度|每季度)[^，,。？?]{0,6}(几|多少)(次|回|批)")
# a payment asked about: when it comes is told by a period after an event as well as by a date
# (研发费用, 开发: no money paid out)
_PAID = re.compile(r"((?<![研开激])发(?!布|文|起|展|明|生)|拨付|拨款|到账|到位|兑现|拿到|领到|\bpaid\b|\bpay (out)?\b|disburs)", re.IGNORECASE)
# words searched besides the question's own, by the kind of detail asked and how it is asked
SEARCH_HINTS = (("date", DEADLINE_ASKED, "申报 提交"), ("amount", FUND_ASKED, "规模 安排 预算"),
                ("location", _WHERE_DONE, "办理地点 地址 窗口"), ("contact", _WHERE_DONE, "办理地点 地址 窗口"),
                # ("服务业企业能申请吗？": who may, which a 支持对象 or 申报条件 section states)
                ("conditions", _MAY_APPLY, "支持对象 申报条件 适用对象"),
                ("date", _PAID, "拨付 兑现 发放"),  # ("啥时候到账": the clause that pays it out)
                ("contact", re.compile(r"找谁|问谁|咨询|联系"), "联系方式 联系人 联系电话"),  # ("有问题找谁": its contacts)
                ("frequency", re.compile(r"几(回|次|批)"), "每年 分批 批次"))  # ("一年能领几回": 每年分两批受理)
_PAYMENT_STATED = re.compile(r"拨付|拨款|兑现|发放|到账|支付|下达|兑付")
# (the money whose payment is asked: "贴息资金多久能到账"; 到账 says money by itself: "创新券多久能到账")
_MONEY_NAMED = re.compile(r"贴息|资金|奖补|款项|钱|到账")
_ARRIVES = re.compile(r"到账|拨付|兑现|拿到|领到|发下来|批下来")  # (not "how long is it paid": for how long)


# how long a step takes (审批多久, "how long does it take to approve"), not how long something lasts
_PROCESSING = re.compile(r"how long (does|will|would|do|did) [^?]{0,40}\btake\b|how many (days|weeks|months) (does|will|would|do) [^?]{0,40}\b(take|need)\b|"
                         r"(多久|多长时间)(能|可以|才能|才)?(批|审|办|下来|出结果)|"
                         r"(审批|审核|办理|评审|受理)(要|需要|得)?(多久|多长时间|几天)", re.IGNORECASE)
def _payment_stated(sentence: str) -> bool:
    """Whether money is said to be paid (拨付, 发放 …) outside a validity's words: "自发放之日起12个月内
    有效" says how long a voucher lasts, not when money comes."""
    return bool(_PAYMENT_STATED.search(re.sub(r"[^，,。；;]*(有效|作废)[^，,。；;]*", "", sentence)))


_PROCESSED = re.compile(r"审|核查|核实|办结|完成|出具|答复|作出|办理|推荐|认定|批复|反馈")  # (审: 审核, 初审, 评审 …)
_WITHIN = re.compile(r"\d{1,3}\s*(个月|日|天|周|个?工作日)(内|以内|之内)")  # "印发后3个月内拨付"
_PUBLICITY = re.compile(r"公示|公告|publicity|public notice|posted|publicly", re.IGNORECASE)




def filing_stated(kind: str, ask: str, text: str) -> bool:
    """Whether ``text`` states when or where the filing asked about happens: a deadline asked
    ("什么时候截止") and a date to file by, or a place asked ("去哪申请") and a platform filed through.
    Such a clause answers without repeating the thing applied for (企业于每年5月31日前…提交)."""
    if kind == "date" and DEADLINE_ASKED.search(ask):
        return bool(BY_DATE.search(text))
    return kind == "contact" and filed_through(ask, text)


def applied_for(hit_text: str, ask: str, others: list[str]) -> str:
    """When to apply asked ("培育库什么时候申报") and ``hit_text`` dates the filing (企业于每年5月31日前
    …提交申报材料): the sentence of its document's ``others`` that says what is applied for (申报…培育库
    的企业应…), which the filing clause leaves out; empty when none does."""
    if not (_WHEN_ASKED.search(ask) and _APPLYING_ASKED.search(ask) and BY_DATE.search(hit_text)
            and _APPLYING_DONE.search(hit_text)):
        return ""
    return next((s for text in others for s in re.split(r"[。；;]", text) if _APPLYING_TO.search(s)), "")


_WHEN_ASKED = re.compile(r"什么时候|啥时候|何时|几月|哪天|when", re.IGNORECASE)
_APPLYING_TO = re.compile(r"(申报|申请)[^，,。；;]{0,20}(库|认定|名单)的企业")
# applying asked about ("申报截止", "apply by"), and a sentence on filing something
_APPLYING_ASKED = re.compile(r"申报|申请|报名|apply|application", re.IGNORECASE)
_APPLYING_DONE = re.compile(r"申报|申请|报名|提交|受理|填报申")


# what has happened asked, not what a rule sets: "去年用了多少", "已经发了多少"
_OUTCOME_ASKED = re.compile(r"(去年|上年|前年|今年|已经|目前|至今|累计)[^，,。？?]{0,8}(用了|花了|发了|拨了|用掉|花掉|发放了|拨付了|支出了)(多少|几)")
