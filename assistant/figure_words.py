"""What a figure asked is of, and how a clause states it: an amount per item or in total, the
measure word a count is in, what the firm receives or pays, a fund's size, and the period a
clause gives (贴息期限 is the subsidy's, not the loan's). Patterns used by :mod:`.details`."""

from __future__ import annotations

import re

# "每个阶段能拿多少": an amount per item is asked; a total over all of them does not answer it
# ("每年发多少": a yearly sum, which a total paid in stages does not state)
# ("每个月补多少": a monthly rate, 每人每月3000元, not an item of several)
PER_ITEM = re.compile(r"(?:(?:每个|每一个?|各个)(?![月年季周天日])|第[一二三四五六七八九十\d]+个?)([\u4e00-\u9fff]{2})|每年(?=[\u4e00-\u9fff]{0,3}多少)|"
                       r"per (stage|item|person|employee|company)|(?:first|second|third|final) (stage|phase|instal?ment)", re.IGNORECASE)
ITEM_STATED = r"第[一二三四五六七八九十\d]+个?{0}|其中|分别"  # 第一阶段 stated, or the stages' sums one by one
TOTAL_ASKED = re.compile(r"(一共|总共|合计|总计|共计|加起来|in total|altogether|overall|all together)", re.IGNORECASE)
EACH = re.compile(r"每[一二两三四五六七八九十\d]*(家|个|人|户|项|名|位|所)")
TOTAL = re.compile(r"(总额|合计|累计|共计|总计|总共)")
# the measure word a count is asked in ("多少家企业参加"): 2场 counts events, not firms
COUNTED_IN = re.compile(r"(?:多少|几)(家|场|项|名|件|所|批|位|期|个?人)|how many (people|persons|participants|staff|firms|companies|enterprises)",
                         re.IGNORECASE)
EN_COUNTED = {"people": "(人|名|位)", "persons": "(人|名|位)", "participants": "(人|名|位)", "staff": "(人|名)",
               "firms": "家", "companies": "家", "enterprises": "家"}  # the measure word a count in English is in


def count_unit(asked: re.Match | None) -> str | None:
    """The measure words a count is asked in: 多少家 → 家, 多少人 → 人, 名 or 位, how many firms → 家."""
    if not asked:
        return None
    if asked.group(1):
        return EN_COUNTED["people"] if asked.group(1) in ("人", "个人") else asked.group(1)
    return EN_COUNTED[asked.group(2).lower()]

# "我们能拿多少": what an enterprise receives; a budget set aside (安排专项资金1500万元) is not that
RECIPIENT = re.compile(r"(能拿|拿到|能领|领到|能得|可以拿|给我们|我们能|我能|(can|do|would|will) (we|i) (get|receive))", re.IGNORECASE)

# the size of a fund asked (FUND_ASKED: "培育资金一年有多少", "资金池多大"): a sentence that sets one up states it
FUND_STATED = re.compile(r"(规模|安排|设立|总额|资金池|预算|统筹|每年.{0,6}(投入|列支))")

# a figure per use or per firm asked ("单笔最多能转多少"), and one stated ("单笔转贷金额最高3000万元")
PER_USE_ASKED = re.compile(r"单笔|每笔|单户|每户|单次|每次|一次")
PER_USE_STATED = re.compile(r"(单笔|每笔|单户|每户|单次|每次|单个|每家)[^，,。；;]{0,12}\d+(\.\d+)?\s*(万|亿|元)")
GRANTED_TO_ENTERPRISE = re.compile(r"(给予|奖励|补助|补贴|奖补|贴息|补偿|资助|发放(?![^，,。；;]{0,4}贷款))")  # (a voucher 发放ed is a grant; a loan is not)

# what the firm pays ("要交多少钱", "收多少费", "how much do we pay"), stated as a fee or a charge
FEE_ASKED = re.compile(r"(交|缴|缴纳|收|花)(多少|几)(钱|费|元)|(要|得)交多少|how much (do|will|would|must) (we|i) pay",
                        re.IGNORECASE)
FEE_STATED = re.compile(r"(收费|收取|缴纳|交纳|缴费|费(?![用率]))")  # (not 研发费用, 担保费率)


# the thing a period is stated of ("贴息期限最长2年"): "能贷几年" asks for the loan's, which it is not
PERIOD_OF = re.compile(r"([\u4e00-\u9fff]{2})期限(?:最长|不超过|为|最多|一般)")

# the act a unit is asked for ("谁管", "由谁审核") and how a clause says it
UNIT_ACT = re.compile(r"(?:谁|谁来|由谁)(管理|管|审核|审批|审|解释|出资|拨付|拨|发放)(?![理控计])|(?:哪个|什么|哪些)(?:部门|单位)来?(管理|出资)|\bwho (manages|reviews|interprets|funds)\b", re.IGNORECASE)
# ("孩子上学谁管" is answered by 由教育部门统筹安排: 管 said, 统筹 or 负责 written)
_REVIEWED, _PAID_OUT = "审核|初审|复审|评审|审批", "拨付|拨款|划拨|发放|兑付"
ACT_WORDS = {"管理": "管理", "管": "管理|负责|统筹", "审核": _REVIEWED, "审批": _REVIEWED, "审": _REVIEWED, "解释": "解释",
             "拨付": _PAID_OUT, "拨": _PAID_OUT, "发放": _PAID_OUT, "manages": "管理", "reviews": _REVIEWED,
              "interprets": "解释", "出资": "出资|财政|安排", "funds": "出资|财政|安排"}  # (谁出资: who puts the money in)

# "要从事细分领域几年以上", "must have been … how many years": a period required, which a criterion states
THRESHOLD = re.compile(r"(以上|至少|起码|不少于|不低于|满|要|须|年限|\bmust\b|at least|minimum|or more)", re.IGNORECASE)
REQUIREMENT = re.compile(r"(需要|要求|条件|门槛|标准|达到|require|need|criteri|threshold)", re.IGNORECASE)
