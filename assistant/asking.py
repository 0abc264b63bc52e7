"""What a question asks, apart from what it tells: pure functions over the question text.

A business owner's question is mostly context (who they are, their city, industry, size,
plans) and a short ask ("县里对我们这样的企业有没有什么办法？"). The ask decides whether a
clause answers; the context only steers the search. The ask also says what kind of detail
is wanted (an amount, a rate, a count, a date, a duration, a responsible unit, contact
details, conditions), which the answer must contain to count as an answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .where_filed import PLATFORM_ASKED
from .words import CJK

# a sentence ending in ？ is a question; one ending in 。 only with a strong cue (几 and 吗 also
# appear in statements: "前年报上去的几项发明…")
_ZH_CUE = re.compile(
    r"(吗|呢|么|[？?]|多少|(?<![这近前好十])几[个家项年月号点级种条天名]?|什么|啥|哪|如何|怎么|怎样|咋|能否|能不能|可不可以|可否|"
    r"有没有|有无|是否|是不是|够不够|够格|够得着|够吗|行不行|靠谱吗|谁|多久|多长|多大|多高)"
)
_ZH_STRONG = re.compile(r"(多少|什么|啥|哪些|哪个|如何|怎么|怎样|能否|能不能|可不可以|是否|有没有|是不是|够不够|谁)")
_EN_CUE = re.compile(
    r"(\?|^\s*(what|which|who|whom|whose|when|where|why|how|is|are|was|do|does|did|can|could|should|would|"
    r"will|may|has|have|any)\b)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[。！？!?；;\n])|(?<=[.](?=\s))")
_CLAUSE = re.compile(r"[，,、：:]")

# units of a quantity no other kind covers ("多少分", "几级"; 分别 is no unit)
UNITS = "分(?!别)|倍|级|星|档|期|轮|次|场|份|平方米|亩|吨|度"
_HOW_SCORED = "(怎么|如何|怎样)(加|打|评|算|计|给|得)分|加几分|加多少分"  # "产学研合作怎么加分": points are asked
# answer types: what detail the ask wants, recognised from its wording
# "What's covered?", "What can the city offer?": the support is asked ("covered", "offer" name nothing)
COVERED = r"\bwhat(?:'s| is| gets| will be)? covered\b|\bis (?:it|any of it|that|this) covered\b|\bwhat (can|could|does|do|will|would) [^?]{0,40}\boffer\b"
ASK_TYPES: dict[str, re.Pattern] = {
    "rate": re.compile(
        r"(几个点|多少个点|(几|多少)个?(基点|百分点)|百分之几|百分比|利率|(补助|补贴|奖补|奖励|资助|补偿)的?(比例|比率)|(?<=贴息)的?(比例|比率)|费率|税率|利息.{0,3}(多少|几)|(哪些|什么|啥).{0,8}(比例|比率)|几折|打折|折扣|率.{0,3}多少|(?<=贴息).{0,4}(多少|几)|比例是?多少|占比多少|比重是?多少|多大比例|"
        r"(占比|比重|比例)\s*[？?]?\s*$|"  # "市级小巨人主导产品占比": a keyword ask ending on the share
        r"what share|what percentage|what proportion|what rate|interest rate|how high is the rate|percent|\b(the )?(rate|share)\s*\??\s*$|\b(subsidy|interest|cost|reimbursement|funding) share\b|"
        r"\b(subsidy|guarantee|fee|discount|tax) rate)", re.IGNORECASE),
    "amount": re.compile(
        r"(多少钱|几个钱|多少万|多少.{0,4}(资金|补贴|奖励|补助|资助|经费|奖金)|奖励?多少|补贴多少|补助多少|资助多少|奖补多少|给多少|拿多少|补多少|(能|可以)?贴多少|"
        r"报销多少|能报多少|承担多少|出多少|发多少|(资金池|资金|基金|规模|盘子)[^，,。？?]{0,3}多大|"
        r"(经费|资金|奖励|补贴|补助|奖金|费用|钱|奖补|补偿).{0,8}多少|(奖励|补贴|补助)标准|"
        r"拿到多少|能贷多少|贷多少|借多少|融多少|额度|金额|最高.{0,4}多少|最多(能|可以)?(拿|给|补|贴|奖)?多少(?!家|个|项|人|名)|上限|几[十百千]?万|how much|what amount|how large|"
        r"how big is the (reward|grant|subsidy|loan)|maximum (loan|amount)|\b(cap|ceiling|upper limit|the maximum|the most|max)\b|\b(a|any|the) limit\b|"
        r"what (does|do|will|would|can) [^?]{0,40}\bpay\b(?! for\s*\??\s*$))", re.IGNORECASE),  # (not "what does it pay for?")
    "count": re.compile(
        r"(多少家|(?<!哪)几家|多少个(?!点|工作日|月|小时|基点|百分点)|(?<![这近前好十哪])几个(?!点|工作日|月|小时|星期|季度|阶段|基点|百分点|钱)(?=[^，,。；;！!]*$)|多少项|几项|多少件|多少名|多少人|几名|几位|多少位|几所|多少所|几批|多少批|多少条|"
        r"(数量|总量|总数|家数|个数|名额|场次)(目标)?\s*[？?]?\s*$|(名额|场次).{0,3}(多少|几)|"  # "专精特新板挂牌数量": a keyword ask ending on the count
        r"how many(?! (years?|months?|days?|weeks?|working days|points|times|stars|rounds)\b)|what number of)", re.IGNORECASE),
    "date": re.compile(
        r"(什么时候|啥时候|何时|几月|几号|哪天|哪一天|哪年|截止|截至|期限|到账|发放时间|拨付时间|deadline|by when|what date|"
        r"when (is|are|do|does|can|will|must|should|was|were|did)|until (which|what) (day|date)|until when|by (which|what) (day|date)|"
        r"(in )?(which|what) year)",
        re.IGNORECASE),
    # "申报通知发布时间": a keyword ask ending on 时间 wants a date, a span or how often, whichever is stated
    "time": re.compile(r"时间\s*[？?]?\s*$"),
    # what befalls misconduct ("提供虚假材料怎么处理", "what happens if …"): a clause stating a consequence
    # (and whether money is taken back in a case, "上市失败要退回奖励吗": the clause must name that case)
    "consequence": re.compile(r"(怎么|如何)(处理|处罚|处置)|(什么|啥|哪些)(处罚|处理|后果|惩罚)|受到什么|会有什么后果|"
                              r"(要|得|需要|会被?)(退回|退还|返还|交回|退钱|追回|收回)(?=[^，,。？?]{0,12}(吗|么|不))|"
                              # (whether a case told matters: "以前上过经营异常名录有影响吗")
                              r"(有没有|有|会不会|会)(什么)?影响(?=[^，,。？?]{0,8}(吗|么|[？?]|$))|"
                              r"what happens (if|when|to)|what happens\s*\?*\s*$|what (will|would) happen\b|what (is|are) the (penalty|penalties|consequences?)|(penalt(y|ies)|punish)", re.IGNORECASE),
    # ("Is the fair held every month?" asks how often too: a clause stating another interval answers it)
    "frequency": re.compile(r"((一年|每年)[^，,。？?]{0,4}(几|多少)(回|次|批)|多久.{0,8}一次|(多久|多长时间)[^，,。？?]{0,4}?(调整|更新|走访|复核|复审|监测|检查|评估|考核|核实)|多长时间.{0,8}一次|(几|多少)(年|个月|月|天|周)(?=[^，,。？?]{0,6}一次)|每年几次|频次|频率|how often|^(?:is|are|does|do|will|would|can)\b.*\b(?:every (?:month|quarter|year|week|half[- ]year|two years)|monthly|quarterly|annually|yearly|each (?:month|quarter|year))\s*\?*$)", re.IGNORECASE),
    "duration": re.compile(r"((?<!每)多久(?!.{0,8}一次|[^，,。？?]{0,4}?(调整|更新|走访|复核|复审|监测|检查|评估|考核|核实))|多长时间(?!.{0,8}一次|[^，,。？?]{0,4}?(调整|更新|走访|复核|复审|监测|检查|评估|考核|核实))|多长(?![时期])|(?<![这近前十好])几年(?!.{0,6}一次)|多少年|几个月(?!.{0,6}一次)|"
                           r"(?<![这前好])几天(?!.{0,6}一次)|多少天|几个工作日|多少个?工作日|年限|时长|时限|天数|年数|"
                           r"how long|how (fast|quickly|soon)\b|how many years|how many months|how many (working )?days|how many weeks|\b(loan|repayment|credit|subsidy) (term|period)\b|\bterm of\b[^?]{0,40}\b(loans?|credit|subsid\w*|lease|recognition))", re.IGNORECASE),
    "procedure": re.compile(r"(怎么填|如何填|怎么办理|如何办理|怎么申请|如何申请|怎么申报|如何申报|流程|程序|步骤|手续|(申报|申请|报名|办理)(方式|途径|渠道)|"
                            r"(怎么|怎样|如何)(认定|评定|评选|评上|认证)|(接下来|下一步|之后|然后)(该|要|需要)?(怎么办|怎么做|做什么|干什么|干啥)|经过(哪些|哪几个|什么)(程序|环节|步骤)?(产生|选出|评出|确定)?|(怎么|怎样|如何)(产生|选出|评出)|"
                            r"how (do|can) (i|we) (apply|register|file)|procedure|(?<!key )\bprocess\b|steps)", re.IGNORECASE),
    "materials": re.compile(r"((什么|哪些|啥|哪几样)(申报|申请|证明)?(材料|资料|文件|证明)|需要.{0,4}(材料|资料)|提交.{0,6}(什么|哪些|啥)|"
                            r"要?交(什么|啥|哪些|哪几样)(申报|申请|证明)?(材料|资料|文件|证明|东西)?|准备(什么|哪些|啥)|(材料|资料)(有|包括|是|要)(哪些|什么|啥)|"
                            # (whether one paper is needed, "需要提供纳税证明吗": the list must name it)
                            r"(需要|要|得)(提供|提交|交|出具|附)(?=[^，,。？?]{1,16}(证明|报告|证书|复印件|发票|合同|清单)(吗|么|不))|"
                            r"what documents|which documents|paperwork)", re.IGNORECASE),
    "unit": re.compile(
        r"((哪个|什么|哪些)(部门|单位)来?(兑现|发放|拨付|受理)|哪个部门|什么部门|哪个单位|哪些部门|哪些单位|哪几个?(部门|单位)|(哪家|哪个|什么)机构|谁派|谁负责|谁来负责|谁来(做|办|搞|管|组织|落实|辅导|服务)|由谁(来)?(做|办|负责|组织|管理|管|审核|解释|出资|受理|审批|兑现|拨付|发放)|谁(来)?(管|管理|审核|解释|出资|受理|审批|兑现|拨付|发放|审|批|拨)(?![理控计])|(?<!有问题)(?<!有疑问)(?<!咨询)找谁(?!咨询|问)|(谁|哪个?(部门|单位|机构|局|科室|处室)|由[^，,。？?]{0,8})来?牵头|牵头(单位|部门|的是)|责任单位|责任部门|主管部门|归谁管|"
        r"哪个(科室|处室|科|处)|归哪个.{0,6}管|(打|拨|付|转)(给|到)(谁|哪个|哪家)|"  # (the money's recipient: "钱打给谁")
        r"(报|交|送|提交|报送|递)给谁|"  # (a report's recipient: "绩效报告报给谁")
        r"who is responsible|who's responsible|\b(which|what) ([a-z'-]+ ){0,2}(department|agency|office|bureau|unit|authority)s?\b|who (handles|runs|is in charge|coordinates|leads|organi[sz]es|oversees|manages|selects|picks|chooses|approves|reviews|implements|interprets|explains|accepts|receives|processes|pays|funds)\b|"
        r"responsible (unit|department|units|departments)|in charge|who (do|should|can|could) (i|we) (contact|ask|talk to|speak to|go to)\b)", re.IGNORECASE),
    "contact": re.compile(
        r"((有问题|有疑问|不清楚|不懂|咨询)[^，,。？?]{0,6}找谁|找谁(咨询|问|投诉|反映)|(向|跟)谁投诉|去哪(儿|里)?投诉|投诉(找谁|电话|渠道)|怎么投诉|(向|跟|和)谁咨询|咨询谁|(在|去|到)哪儿?里?(报名|登记|报到)|怎么报名|报名(方式|渠道|入口)|在哪儿?办公|在哪里办公|去哪里?交|交到哪(?!天|一天|日|个月|年)|在哪里?交|去哪儿?办|在哪里?办理|去哪里?申请|地址|电话|联系方式|怎么联系|联系人|对接人|热线|网址|网站|邮箱|(发|寄)(电子)?邮件|哪里下载|在哪下载|在哪儿下载|下载|二维码|叫什么名字|" + PLATFORM_ASKED + r"|"
        r"where (do|can|should) (we|i) (register|sign up|enrol|enroll|apply|submit|file|hand in|drop off|deliver|go( in person| to apply)?)\b|(which|what) (platform|system|website|portal|app)\b|where is (the|their|its) office|phone|(?<!as )(?<!as a )(?<!as our )(?<!as their )contact(?!\s+(person|persons|people|officer|point)\b)|address|website|e-?mail|hotline|download|who (do|should|can) (we|i) (call|ring|phone)|whom to call)", re.IGNORECASE),
    # "对接会在哪里办": a venue is asked for (an office or a counter is "contact")
    # where reviewers or experts come from ("评审专家是从哪里抽的", "专家怎么选"): a pool or a draw
    "source": re.compile(r"(专家|评委|评审)[^，,。？?]{0,8}从哪(里|儿)?(抽|选|找|请|聘|挑|来)|(专家|评委)(是)?(怎么|如何)(选|抽|产生|确定|挑)|"
                         r"(怎么|如何)(抽取|遴选|选取|选出|挑选)(评审)?专家|(请|聘|找|选)[^，,。？?]{0,4}(都是)?(哪些|哪里的|哪儿的|什么)(专家|评委)|(专家|评委)都?是(哪些|哪里的|哪儿的|什么)人|"
                         r"\b(experts?|reviewers?|panel)\b[^?]{0,20}\b(come from|drawn|chosen|selected|picked)\b|"
                         r"how (are|is) (the )?(experts?|reviewers?|panel) (chosen|selected|drawn|picked)", re.IGNORECASE),
    "location": re.compile(r"(在哪儿?里?|什么地方|哪个地方)(举办|举行|召开|上课|培训)|(会|活动|培训|展|赛|班)在哪儿?里?(办|开|举办|上课)|"
                           r"^\s*在哪儿?里?(办|开)[？?]?\s*$|"  # a bare "在哪里办？" after an event asked about
                           r"(举办|举行|召开|培训|上课)(地点|地址|场地)|"
                           r"where (is|are|will|does|do) [^?]{0,40}(held|take place|happen)|\bvenue\b", re.IGNORECASE),
    # "哪家银行": a named bank (or insurer, fund) is the answer, not a clause about banks
    "institution": re.compile(r"(哪家|哪个|哪些|哪几家|什么|啥)(银行|保险公司|担保公司)(?!的|产品|贷款|业务)|(银行|金融机构)(是|有)(哪|谁)|"
                              r"(机构|公司)(是|为)(哪家|哪一家|哪个)|"  # ("第三方服务机构是哪家": its name)
                              r"(什么|哪个|哪一?家)第三方|(哪家|哪一家|哪个)[\u4e00-\u9fff]{0,4}(服务|咨询|评估|诊断)机构|"  # ("是哪家第三方机构做", "由哪家服务机构来做": its name)
                              r"which (third-party )?(agency|organi[sz]ation|consultancy) (does|do|runs|provides|carries|will)\b|"
                              r"which (bank|banks|insurer)(?!'| products?\b| loans?\b| schemes?\b)\b|what bank(?!'| products?\b| loans?\b| schemes?\b)\b|(who|which) (are|is) the ([a-z-]+ )?banks?\b", re.IGNORECASE),
    # "多少分", "几级", "几场": a quantity in a unit the other kinds do not cover; the answer must
    # state a number in that unit (see measure_units)
    # (not "一次给还是分几次": that asks how it is paid)
    "measure": re.compile(rf"(?<!分)(多少|几)({UNITS})|{_HOW_SCORED}|次数|场次|满分|最高分|how many (points|times|stars|rounds)", re.IGNORECASE),
    # a question about rewards or subsidies wants a clause that grants one ("宝应对小巨人有什么奖励？")
    "support": re.compile(r"(奖励|补贴|补助|资助|奖补|资金支持|扶持资金|奖金|给钱|(还)?有奖(?=[吗么不没]|[？?]|$)|(县|市|区|省|政府|国家|财政|里)(会|能|给|可以|肯)?(出钱|掏钱|出一部分|出一半|出点|承担一部分)|减免|(给|发|补|奖)不(给|发|补|奖)|"
                          r"reward|subsid|\bgrants?\b|incentive|bonus|\bcash\b|\b(any|some) money\b|\bmoney for\b|\bfunding\b|\bget anything\b|"
                          # "What does a single champion get?": what a title brings (not "what do we need to get")
                          r"\bwhat ((extra|else|more|additional) )?(do|does|will|would|can|could) [^?]{0,60}(?<!to )\b(get|receive)( (from|for|in|under|out of|as) [^?]{0,60})?\s*\??\s*$|"
                          # (not what the firm pays: "Do we pay more for the land?")
                          r"what (do|does|will|would|can) (?!(we|i)\b)[^?]{0,40}\b(give|pay|offer)\b(?! for\s*\??\s*$)|"
                          r"how much (?!(do|will|would|should|must) (we|i)\b)[^?]{0,30}\b(give|pay)s?\b|"
                          r"^\s*(does|do|will|would|can|could) (?!(we|i)\b)[^?]{0,40}\bpay\b|"
                          # "What's covered?": which costs the policy pays a share of
                          rf"{COVERED})",
                          re.IGNORECASE),
    # a task for a writer ("帮我写一份申报书"): the assistant quotes policy, it does not draft
    # (and a request to make something up or to drop the instructions: no clause answers it)
    # (and a recommendation of books, software or firms: "推荐几本管理类的书", "推荐一款ERP软件")
    "task": re.compile(r"((帮我|替我|给我|请)?(写|起草|撰写|润色|翻译|编写|生成)(一份|一篇|一个|个|份|篇)|编造|捏造|虚构|瞎编|"
                       r"(?<![要需会将])推荐(几|一|一些|两)(本|款|个|家|种|部|套)?(?!批|家以上)|"  # (要推荐几家: a target)
                       r"(忽略|无视|忘记|忘掉)(之前|以上|前面|上面|所有)?的?(指令|提示|规则|要求)|"
                       r"\b(write|draft|translate|compose) (me |us )?(a|an|the|my|our)\b|\b(invent|fabricate)\b|\bmake up (a|an|some|the|any|one)\b|\bmake (it|something|things|one|stuff) up\b|"
                       r"\bignore (all |the |any )?(previous|prior|above|earlier) (instructions|prompts?|rules)\b)", re.IGNORECASE),
    # "免费展示是给什么级别的企业": a level of firm (省级以上) is the answer
    "level": re.compile(r"(什么|哪个|哪一个?|哪些|啥)(级别|层级)|哪[一几]?级|\b(what|which) (level|tier)s?\b", re.IGNORECASE),
    # "专家评审看哪些方面": what a step looks at; the answer lists it (items, a scoring table)
    "aspects": re.compile(r"(看|考察|考核|评|审|查|核查)(哪些|哪几个|什么)方面|从哪些方面|(考察|评审|核查|审查|考核)(的)?(内容|重点)(是什么|有哪些)?|"
                          r"\bwhat (aspects|areas)\b|\bwhich aspects\b|\b(look at|looks at|check|checks|assess|assesses|evaluate|evaluates|examine|examines)\b(?= (in|on|during|when)\b|\?)",
                          re.IGNORECASE),
    # a figure asked for in no particular unit (the fallback when no other kind is asked)
    "number": re.compile(r"(文号|发文字号|document number|多少(?![钱家个项件名人所批条年分倍级星档期轮次场])|规模\s*[？?]?\s*$|how much|how high|how many)", re.IGNORECASE),
    "conditions": re.compile(
        r"(条件|要求|(申报|认定|入库|评选|评定|申请)标准|门槛|杠杠|资格|够不够|够吗|够格|够得着|符合吗|达标吗|满足|能不能.{0,4}(申请|申报|报(?!销)|评|进|入|冲|拿|上)|"
        r"可以.{0,4}(申请|申报|报(?!销)|进|入).{0,12}吗|能.{0,4}(申请|申报|报(?!销)|评|进|入|冲).{0,12}吗|路子|差在哪|差什么|还差|"
        r"(can|could|would|will) (we|i|it|they|our [a-z]+) (get into|be recognised|be recognized|be named|apply|qualify|join|become|"
        r"make it|meet)|(do|does) (we|i|it|they|our [a-z]+) (qualify|meet|count)|am i eligible|are we eligible|"
        r"qualify|eligib|requirement|required|require|criteria|criterion|conditions|what do (i|we) need|what does it take|"
        # "what profit do we need for the county list?" (not "what documents do we need": materials)
        r"what (?!documents?|papers?|materials?|forms?|files?|certificates?|copies)([a-z&-]+ ){1,2}do (i|we) need (for|to)\b|"
        r"\bthresholds?\b|\bcut-?offs?\b|\b(line|bar) (for|to)\b|\bmet(?=\s*\?)|"
        r"\b(over|above|under|below|clear|pass) the\b[^?]{0,40}\b(bar|line)\b)", re.IGNORECASE),  # ("are we over the revenue bar?")
}
# nouns that name a kind of detail ("what share" → 比例): asked for, never the subject, when the
# ask wants that kind (an English ask brings them in through the glossary, outside the cue's span)
DETAIL_NOUNS: dict[str, re.Pattern] = {
    "rate": re.compile(r"比例|比率|比重|占比|百分比|费率|利率|税率"),
    "amount": re.compile(r"额度|金额|数额|上限|最高额"),
    "date": re.compile(r"截止|截止时间|截止日期|日期|时间|期限"),
    "duration": re.compile(r"期限|时长|时间|年限|时限|天数|年数"),
    "time": re.compile(r"时间"),
    "count": re.compile(r"数量|总量|总数|家数|个数|名额|人数|场次|目标"),  # ("总数目标多少家": the target's figure)
    "unit": re.compile(r"部门|单位|责任单位|责任部门|机构"),
    "contact": re.compile(r"电话|联系电话|联系方式|联系人|地址|网址|邮箱"),
    "materials": re.compile(r"材料|资料|申报材料"),
    "procedure": re.compile(r"流程|程序|步骤|手续"),
    "level": re.compile(r"级别|层级|一级|几级"),
    "number": re.compile(r"规模|文号|发文字号|发文号"),  # "培育库规模": how many, or how much; "文号是多少": its 文号
    "measure": re.compile(r"评分|得分|打分|分值|分数"),  # ("How many points for IP?": 得分 is what is asked, of IP)
    "conditions": re.compile(r"(申报|认定|入库|申请|评定)(条件|要求|标准|门槛)"),  # "申报条件": what is asked, not of what
    # (the interval a yes/no names, "held every month?", is the detail asked: a clause saying 每季度 answers)
    "frequency": re.compile(r"每个?(月|季度|季|年|周|半年|两年)|月度|季度|半年度"),
}
# the patterns a clause sentence must show to carry each kind of detail
DETAIL: dict[str, re.Pattern] = {
    # (a rate pegged to the benchmark states it too: 贷款利率不高于同期LPR)
    # (a ratio of people to firms too: 每两家企业配备1名专员)
    "rate": re.compile(r"(每[\d两二三四五六七八九十]+(家|个|户)[^，,。；;]{0,10}(配备|配置|安排)|\d+(\.\d+)?%|百分之|减半|个百分点|\d+(\.\d+)?‰|\d+个?基点|[一二三四五六七八九\d](\.\d)?折|"
                       r"(不高于|不超过|低于)(同期)?(贷款市场报价利率|LPR))"),
    # an amount may be stated as a share of something ("按设备投资额的8%给予补助")
    "amount": re.compile(r"(\d+(\.\d+)?(万元|亿元|元|万|亿|%|‰)|[一二三四五六七八九十百千两]+(万元|亿元|万|亿)|资金额度|减半|上限[：:]?\s*无|不设上限|无上限)"),  # (a rent halved states its cut)
    "count": re.compile(r"(\d+(家|个(?!工作日|月|百分点|基点)|项|件|名|人|所|批|种|条|台|套|户|次|位|场|份|期(?!间|限))|"
                        r"(?<![一])[二三四五六七八九十百千两]+(家|个(?!工作日|月)|项|件|名|位|份)|一(名|位|份))"),
    # (or a time relative to an event: 有效期满前3个月, 变化发生后30日内)
    "date": re.compile(r"(\d{4}年\d{1,2}月|(次年|当年|同年|翌年)(\d{1,2}月|第[一二三四1-4]季度)|\d{1,2}月\d{1,2}日|\d{1,2}月(底|前|份)|(每年|于|在)\d{1,2}月|(每季度|每半年|每年)(首月|第一个月|初|末)|年底前?|上半年|下半年|截至|之日起|前完成|"
                       r"(满|届满|期满|到期|发生|印发|公布|认定)(前|后)\d{1,3}个?(月|日|天|工作日))"),
    # (常态化开展…监测: ongoing, which is what the text says of how often)
    "consequence": re.compile(r"(取消|撤销|追回|收回|退回|返还|作废|不得(再次)?(申报|申请|享受)|不予(受理|认定|推荐|支持)|处罚|罚款|问责|通报|移送|列入[^，,。；;]{0,10}名单|暂停|终止)"),
    "frequency": re.compile(r"(每(年|季度|季|月|周|半年|两年)|每[两二三四五六\d]+个?(月|年|周|季度)|定期|一年一次|常态化|(月度|季度|周)(联席|例会|会商|调度|通报|会议))"),
    # (who files is how one applies: 同一展位由多家企业联合参展的，只能由一家企业申请补助)
    "procedure": re.compile(r"(申报程序|流程|程序|步骤|(通过|登录).{0,12}(平台|系统)|在线(申报|提交|填报)|提交|评审|公示|审核|"
                            r"由[^，,。；;]{1,12}(统一)?(申请|申报|提出申请))"),
    # (or the papers an application is made on: 凭服务合同、发票…申请兑付)
    "materials": re.compile(r"(申报书|材料(包括|如下|\s*[：:])|证明材料|审计报告|申请表|(提交|报送|上报|递交|上传).{0,16}(书|报告|材料|证明|执照|文件)|"
                            r"凭[^，,。；;]{1,20}、[^。；;]{1,60}(申请|办理|领取|兑付|报销))"),
    # a span of time (3年, 6个月, 30日内), not a date (2026年, 6月15日)
    "duration": re.compile(r"((?<!\d)\d{1,3}(年|个月|天|周)|(?<![\d月])\d{1,3}日(?=内|以内|之内)|(?<![\d年])\d{1,2}月(?=内|以内)|\d+个?工作日|[一二三四五六七八九十两半]+(年|个月|天|个工作日))"),
    "unit": re.compile(r"(责任单位|责任部门|主管部门|牵头|局|委员会|委|办公室|管委会|中心|人民政府|机构|(?<![省市县区])财政(?=出资|安排)|[省市县区]财政|(?<!各)[\u4e00-\u9fff]{2}部门)"),
    # (a counter to hand papers in at is where one applies: 办理地点：政务服务中心二楼12号窗口)
    "contact": re.compile(r"(电话|热线|\d{3,4}-\d{7,8}|1\d{10}|网址|https?://|www\.|地址[:：]|地点[:：]|\d+号窗口|(政务|行政)服务(中心|大厅)|邮箱|@)"),
    "conditions": re.compile(r"(条件|须|应当|应为|以上|不低于|不少于|达到[^，,。；;]{0,8}?[\d二三四五六七八九十两]|符合|具有|拥有|具备|不高于|不超过|满足|要求|标准|"
                             r"不予(受理|认定|推荐)|不得(申报|申请)|已经?(获得|取得)[^，,。；;]{0,20}(认定|称号|资质)的|"
                             r"不再?重复(支持|享受|奖励|补助|申报|申请))"),  # who may not apply (again) is a condition too
    "support": re.compile(r"(奖励|补贴|补助|奖补|贴息|资助|资金支持|专项资金|补足差额|补齐差额|减半|减免|给予.{0,12}(万元|元|支持|优惠))"),
    "source": re.compile(r"从[^，,。；;]{1,12}?(中|里)?(随机)?(抽取|遴选|选取|选派|聘请|抽选)|专家库|随机抽取"),
    "location": re.compile(r"(地点|地址|场地|会议室|会展中心|会堂|大厦|在[^，,。；;]{2,16}(举办|举行|召开|进行))"),
    "number": re.compile(r"(\d|[一二三四五六七八九十两百千]+(个|家|项|倍|成|级|年|名|次|场|万|亿))"),
    # (a tier of the ladder names a level of firm too: 为每家“小巨人”企业配备服务专员)
    "level": re.compile(r"(国家|省|市|县|区)级|国家专精特新|省专|小巨人|单项冠军|创新型中小企业"),
    # a list of what is looked at: items （一）…, a run of 、, "从…等方面", a scoring table's 指标
    "aspects": re.compile(r"[^，,。；;、]{1,16}、[^，,。；;、]{1,16}、|（[一二三四五六七八九十]）[^（]{2,}（[一二三四五六七八九十]）|等方面|方面进行|指标[：:]"),
}
# (a year or a span of years is a time too: 到2025年, 2023-2025年)
DETAIL["time"] = re.compile("|".join([f"(?:{DETAIL[k].pattern})" for k in ("date", "duration", "frequency")] + [r"\d{4}\s*年"]))
_FIGURE = re.compile(
    r"(\d+(\.\d+)?\s*(万|亿|%|个点|人|年|million|billion|percent|staff|employees|people)|"
    r"[一二三四五六七八九十百千两几]+[十百千]?(万|亿|个点|成|号人|来号人|多人)|rmb\s*\d|\d+\s*(m|k)\b)", re.IGNORECASE)
LEVELS: dict[str, re.Pattern] = {
    "国家级": re.compile(r"(国家级|国家专精特新|国家小巨人|国家单项|(?<!inter)national|state-level)", re.IGNORECASE),
    "省级": re.compile(r"(省级|省专|省里|省千企|省.{0,3}小巨人|provincial|province-level)", re.IGNORECASE),
    "市级": re.compile(r"(市级|市里|市专|municipal|city[- ]level)", re.IGNORECASE),
    # a district (区) is a county-level unit: 区级 is asked like 县级
    "县级": re.compile(r"(县级|县里|区级|区里|培育库|入库|county|district-level|district level)", re.IGNORECASE),
}


DOC_NUMBER_ASKED = re.compile(r"文号|发文字号|发文号|document number", re.IGNORECASE)


@dataclass(frozen=True)
class AskSplit:
    """A question cut into what it asks and what it tells about the asker."""

    ask: str
    context: str


# a question reported as someone's wish to know ("老板想知道…", "领导让我问一下…"): who wants to
# know names no topic, and the words after it are the question
_REPORTED = re.compile(r"(?<![^，,。；;！!？?\s])[^，,。；;！!？?\s]{0,10}?(想|想要|让我|叫我|托我|要我)(知道|了解|问问|问一下|问|咨询|打听)(一下)?[，,：:]?"
                       r"(?=[^，,。；;！!？?]{4})")


# why it is asked, said after the question ("…新增多少，心里好有个数"): no part of it
_ASIDE = re.compile(r"[，,]\s*(我们|我)?(心里|心中)?(也)?好?有个?数儿?(?=[。？?！!]?\s*$)")


def split_ask(question: str) -> AskSplit:
    """The interrogative clauses (the ask) and the descriptive rest (the context).

    A question without any cue is all ask. Within an interrogative sentence, the clauses
    before the first asking one describe the asker ("我们是盐城的一家…企业") and are context.
    """
    text = question.strip()
    text = _ASIDE.sub("", _REPORTED.sub("", text)) if CJK.search(text) else text
    sentences = [s for s in _SENTENCE_END.split(text) if s and s.strip()]
    english = len(CJK.findall(text)) < max(1, len(re.findall(r"[A-Za-z]+", text)) // 4)
    cue = _EN_CUE if english else _ZH_CUE
    asks: list[str] = []
    context: list[str] = []
    for sentence in sentences:
        interrogative = bool(cue.search(sentence)) if english else (
            bool(re.search(r"([？?]|[吗呢]\W?)\s*$", sentence)) or (bool(_ZH_STRONG.search(sentence)) and not re.search(r"[。！!]\s*$", sentence))
            or (bool(_ZH_STRONG.search(sentence)) and sentence is sentences[-1]))
        if not interrogative:
            context.append(sentence)
            continue
        if english:
            asks.append(sentence)
            continue
        # clauses before the first one that asks describe the asker ("设备都是自己的，客户是主机厂，…");
        # from the first asking clause on, the sentence is the ask
        clauses = [c for c in _CLAUSE.split(sentence) if c.strip()]
        first = next((i for i, c in enumerate(clauses) if cue.search(c)), len(clauses) - 1)
        context.extend(clauses[:first])
        asks.extend(clauses[first:])
    if not asks:
        return AskSplit(text, "")
    return AskSplit("，".join(a.strip() for a in asks), "，".join(c.strip() for c in context))


# (or the document: "研发费用补助办法有效期到什么时候" asks about the rules, not for a grant)
_FORM_NAMED = re.compile(r"(奖励|补贴|补助|奖补|资助|贴息)(资金)?(管理)?(申请表|申报表|申请书|申报书|办法|实施细则|细则)")


def ask_types(ask: str) -> tuple[str, ...]:
    """The kinds of detail the ask wants, most specific first (empty: a yes/no or open question)."""
    found = [name for name, pattern in ASK_TYPES.items() if pattern.search(ask)]
    # "研发费用占营收比重要多少": a share is asked, not a sum of money
    if "amount" in found and re.search(r"(比重|比例|占比|占.{0,6}(多少|几)|费率|利率|税率|percentage|share|ratio|rate)", ask,
                                       re.IGNORECASE) \
            and not re.search(r"(钱|万元|多少万|元|资金|贷多少|借多少|额度|how much money|cash|loan amount)", ask, re.IGNORECASE):
        found.remove("amount")
        if "rate" not in found:
            found.insert(0, "rate")
    # "知识产权能拿多少分": points are asked (a measure), not money
    if "measure" in found and "amount" in found and not re.search(
            r"(钱|万|元|资金|奖励|补贴|补助|奖金|额度|money|cash|loan)", ask, re.IGNORECASE):
        found.remove("amount")
    if "measure" in found and "rate" in found and re.search(r"(多少|几)分(?!之)|how many points", ask, re.IGNORECASE):
        found.remove("rate")  # "占有率多少分": the points for a share, not the share
    if "contact" in found and "unit" in found and re.search(r"\bwho (do|should|can|could) (i|we) contact\b", ask, re.IGNORECASE):
        found.remove("contact")  # "who do I contact about the pool?": the office in charge, not a phone number
    if "contact" in found and "location" in found:
        found.remove("location")  # "在哪里办理": an office or a counter, which contact details give
    if "rate" in found and "duration" in found and re.search(r"(几|多少)个?(年|月|季度|天)|多久|多长时间", ask) \
            and not re.search(r"比例|比率|利率|百分|percent|share|rate", ask, re.IGNORECASE):
        found.remove("rate")  # "贴息最长能贴几年": how long, not the share (贴息…几 is no rate here)
    if "time" in found and {"date", "duration", "frequency"} & set(found):
        found.remove("time")  # "截止时间": the date is asked
    if "frequency" in found and "measure" in found and not ASK_TYPES["measure"].search(ASK_TYPES["frequency"].sub("", ask)):
        found.remove("measure")  # "一年发几次": how often, not a number of times stated apart
    if "frequency" in found and "rate" in found and not re.search(r"比例|比率|利率|百分|percent|share|rate", ask, re.IGNORECASE):
        found.remove("rate")  # "贴息钱一年发几次": 贴息 names the payment, no share is asked
    if "conditions" in found and re.search(r"(费|钱)[^，,。？?]{0,3}(能|可以)报(吗|么|不)", ask):
        found[found.index("conditions")] = "support"  # "注册商标的费用能报吗": 报 is 报销, whether it is paid
    if DOC_NUMBER_ASKED.search(ask):
        return ("number",)  # "技改补助政策的文号是什么": the 文号 is asked; 补助 names whose
    if set(found) == {"support", "number"}:
        found = ["number"]  # "上市奖励分几个阶段，每个阶段多少": a figure is asked, not whether there is a grant
    if found != ["number"] and "number" in found:
        found.remove("number")  # "number" is the fallback: "容积率能提高到多少？" wants some figure
    if "support" in found and not ASK_TYPES["support"].search(_FORM_NAMED.sub("", ask)):
        found.remove("support")  # "首贷奖励申请表要填哪些内容": the form is asked about, not the reward
    if "support" in found and {"amount", "rate", "count", "unit", "contact", "materials", "procedure"} & set(found):
        # "奖励多少钱": the amount is the detail; any grant is not enough ("奖补资金谁管": the fund
        # is the subject, a unit the detail)
        found.remove("support")
    if "aspects" in found and re.search(r"(申报|认定|入库|评定|评上|申请|qualif|recogni)", ask, re.IGNORECASE) \
            and not re.search(r"(评审|核查|评分|打分|考察|考核|审查|scor|review|inspect|check)", ask, re.IGNORECASE):
        # "申报市级专精特新主要看哪些方面": what it takes to be recognised is its conditions
        found[found.index("aspects")] = "conditions"
        found = list(dict.fromkeys(found))
    return tuple(found)


# "评分表一共有哪些指标", "都包括哪几项": the whole list is asked for, every row of it
_WHOLE_LIST = re.compile(r"((一共|总共|全部|所有|都|共)(有|包括|包含|分)?(哪些|哪几|什么|几))|((哪些|哪几[项个条类种样])(指标|项目|事项|内容|类别))|"
                         r"列出|全部列|\blist (all|every|the)\b|what are all", re.IGNORECASE)


def wants_whole_list(ask: str, figures: bool = False) -> bool:
    """Whether the ask wants every item of a list or table, not the best few (what a step
    looks at is all of it: "评分看哪些方面"; the score of a company that told its figures is
    summed over all of a scoring table's rows: "营收2500万…能拿多少分")."""
    return bool(_WHOLE_LIST.search(ask) or ASK_TYPES["aspects"].search(ask) or (figures and _SCORE_ASKED.search(ask)))


_SCORE_ASKED = re.compile(r"(多少|几)分(?!之)|得分|总分|how many points|what score", re.IGNORECASE)


# a yes/no ask with the company's own figure ("一个检测合同3000块能用创新券吗？"): a bar decides it
FIGURE_MAY_I = re.compile(r"\d+(\.\d+)?\s*(万|元|块|亿|个|件|项|人|平|家)[^，,。？?]{0,12}(能|可以|可|够|算)[^，,。？?]{0,10}(吗|么|不)")


def has_figures(text: str) -> bool:
    """Whether the question states its company's figures (营收3800万, 45 staff, 6%)."""
    return bool(_FIGURE.search(text))


# a level the company already holds ("已经是省级专精特新了", "去年评上了省级"): told, not asked for
_HELD = re.compile(r"(已经|已|现在|目前|去年|前年|刚刚?)(是|评上了?|被?认定为|获评|拿到了?|成为|入选)[^，,。；;？?！!还再想]{0,16}")


def held_only(group: tuple[str, ...], ask: str) -> bool:
    """Whether ``group`` is said in ``ask`` only as what the company already holds ("已经是国家级
    小巨人的企业还能报区级吗": 小巨人 is who asks, not what is asked about)."""
    held = "".join(m.group(0) for m in _HELD.finditer(ask))
    rest = _HELD.sub(" ", ask)
    return bool(held) and any(t in held for t in group) and not any(t and t in rest for t in group)


def levels(text: str, held: bool = True) -> tuple[str, ...]:
    """The recognition levels a question names (国家级, 省级, 市级, 县级); ``held=False``: not
    those the company says it already holds."""
    text = text if held else _HELD.sub(" ", text)
    return tuple(level for level, pattern in LEVELS.items() if pattern.search(text))


_MEASURE = re.compile(rf"(?<!分)(?:多少|几)({UNITS})")
_EN_MEASURE = {"points": "分", "times": "倍|次", "stars": "星", "rounds": "轮"}


def measure_units(ask: str) -> tuple[str, ...]:
    """The units an ask wants a quantity in ("多少分" → 分)."""
    units = _MEASURE.findall(ask) + (["分"] if re.search(_HOW_SCORED, ask) else [])
    units += [u for word, u in _EN_MEASURE.items() if re.search(rf"how many {word}", ask, re.IGNORECASE)]
    units += ["次|场"] if re.search(r"次数|场次", ask) else []  # "活动次数": so many times (场, 次)
    return tuple(units)


# what may stand between a noun and the words asking for its figure ("有效期是几年", "认定的有效期")
_LINK = re.compile(r"^[的是有为要能可一共总共大概大约会给]{0,3}$")


def measured_words(ask: str, groups: tuple[tuple[str, ...], ...], cue: re.Pattern) -> list[tuple[str, ...]]:
    """The term groups of the noun phrase right before the words that ask for a figure: what the
    figure is of ("认定有效期几年" → 认定, 有效期; "对出口业务怎么打分" → 出口, 业务). A clause
    stating a figure of something else does not answer. Empty when no cue follows a noun."""
    match = cue.search(ask)
    if not match or not re.search(r"[\u4e00-\u9fff]", ask):
        return []
    # the cue inside a compound (担保费率: the guarantee fee's rate): the compound names what it is of
    inside = [(p, g) for g in groups for t in g if t and 0 <= (p := ask.find(t)) < match.start() < p + len(t)]
    spans = []
    for group in groups:
        found = [(ask.find(t), ask.find(t) + len(t)) for t in group if t and t in ask[:match.start()]]
        if found:
            spans.append((max(found, key=lambda s: s[1] - s[0]), group))
    chain: list[tuple[str, ...]] = [inside[0][1]] if inside else []
    end = inside[0][0] if inside else match.start()
    for (start, stop), group in sorted(spans, key=lambda s: -s[0][1]):
        if stop > end:
            continue  # a group inside another one already taken
        if not _LINK.match(ask[stop:end]):
            break
        chain.append(group)
        end = start
        if len(chain) == 2:  # the noun and what qualifies it; further words are the wider topic
            break
    if len(chain) == 2 and _AGENT_BEFORE.search(ask[:end]):
        chain = chain[:1]  # "企业反映的诉求": what the firm does to the noun, no kind of it
    return chain[::-1]


_AGENT_BEFORE = re.compile(r"(企业|公司|我们|我|单位|厂里|厂)$")


def measured_after(ask: str, groups: tuple[tuple[str, ...], ...], cue: re.Pattern) -> list[tuple[str, ...]]:
    """The term groups right after the words that ask for a figure: "交多少申报费" → 申报费."""
    match = cue.search(ask)
    if not match:
        return []
    rest = re.sub(r"^[的个项笔]", "", ask[match.end():])
    return [g for g in groups if any(t and rest.startswith(t) for t in g)]


