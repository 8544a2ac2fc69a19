"""How a message goes on from the conversation before it: the words that continue the previous question ("and
retention?", "那销售呢"), stand for it ("do one for C000124 as well"), ask it again broken down or worked out again
("按周拆一下", "再算一遍"), or point back at what its answer showed ("the top one", "sample size?").

Pure patterns over the text; `route.decide` says what each one leads to.
"""

from __future__ import annotations

import re

from assistant.planner.classifier import content_words

CONTINUES = re.compile(r"^\s*(?:and|what about|how about|same for)\b|^\s*那|呢[？?]?\s*$"
                       r"|^\s*(?:tell me more|more (?:on|about)|details? (?:on|of|for)|expand on|elaborate|drill (?:into|down))\b"
                       r"|^\s*(?:展开|详细|具体|细)说?说?", re.I | re.A)  # "and …?", "那…呢", or asking for more on something shown
# The answer before asked for again, broken down ("break it down by week", "split that by role", "按周拆一下").
BREAKS_DOWN = re.compile(r"^\s*(?:and |also |ok |so )?(?:can you |could you |would you |pls |please |kindly )*(?:break (?:it|that|this|them) "
                         r"(?:down|out)|(?:split|divide) (?:it|that|this|them) (?:up )?(?:by|per)|group (?:it |that |them )?by)\b|^\s*(?:是不是可以|能不能|"
                         r"可不可以|可以|麻烦(?:您|你)?|帮我)?\s*(?:再)?(?:按|分)"
                         r"(?:周|月|季度?|年|岗位|角色|类别|能力项?|胜任力)\s*(?:拆|分|看|列|统计|展示|汇总|算|细化|细分|展开|group)", re.I | re.A)
# The answer before worked out again ("再算一遍", "rerun it without the interns", "run that again for H1").
RERUN = re.compile(r"再算一[遍次下]|再跑一[遍次下]|(?:再|重新)跑(?:个|一个)(?:回归|分析|模型)?|重新算|重算一?[遍次下]?|重跑|\b(?:recompute|recalculate|rerun|re-run|redo) "
                   r"(?:it|that|this|the (?:numbers|analysis|calculation|scoring|score|audit|check))\b|\bre-?score (?:it|that|this)\b|\brun (?:it|that|this) again\b", re.I | re.A)
# An interjection before a short continuation: "hmm and the design folks?", "ok what about last year", "好的，那销售呢".
LEAD_IN = re.compile(r"^\s*(?:hmm+|um+|ok(?:ay)?|right|cool|great|nice|thanks|got it|i see|好的?|嗯+|行|明白了?|了解)[\s,，.。!！]+",
                     re.I)
# Words that stand for the previous request instead of naming one: "do one for …", "the same for …", "照样…".
PRO_FORM = re.compile(r"^\s*(?:now\s+|then\s+)?(?:do|make|write|run|draft)\s+(?:one|another|the same|it again)\b"
                      r"|^\s*(?:the\s+)?same(?:\s+again)?\s*[,.]?\s+(?:but|except|only|just)\b"  # "Same, but month by month."
                      r"|^\s*(?:同上|一样|还是这个)\s*[,，]?\s*(?:但|不过|只是)"
                      r"|\b(?:the\s+)?same\s+(?:for|with)\b|(?<!the )(?<!that )(?<!this )(?<!other )(?<!already )(?<!\d )\b(?:one|another)\s+(?:more\s+)?for\b(?! now\b)"
                      r"|\brun (?:it|that|this|the same) (?:just |only )?for\b"
                      r"|同样|照样|照着(?!数据|证据|结果|结论|绩效|相关|分析)|(?:也|单独)(?:来|写|做|跑|给)一?[个份封下遍版]|再来一[个份封遍]", re.I | re.A)
# A message that says only what changes and that the rest is as before: "do I0000451 as well", "same question for
# supervisors", "I0003322也一样", "产品研发也照这个查一遍". ECHO finds the "as before"; once it and the words that
# carry no request (ECHO_FILLER) are set aside, nothing may be left but names, ids and periods.
ECHO = re.compile(r"\b(?:as well|too|also|ditto|likewise)\b|\bsame (?:question|thing|again|check|analysis|one|comparison|"
                  r"numbers|breakdown|view)\b|"
                  r"也一样|一样的?[吧呢啊]?\s*[?？。!！]*\s*$|同上|也照|照这个|照此|也这样|亦请|亦同|一并办理|同样办理", re.I | re.A)
ECHO_FILLER = re.compile(r"(?<![a-z])(?:do|run|check|redo|repeat|question|thing|analysis|comparison|numbers|breakdown|"
                         r"view|one|as|well|too|also|ditto|"
                         r"likewise|same|hmm+|pls|can|could|would|you|next|please|ok|okay)(?![a-z])|"
                         r"也一样|一样的?|同上|也照|照这个|照此|也这样|亦请|亦同|一并|办理|同样|岗位|[查看评跑做来算弄搞]一[下遍]|一[下遍]|帮忙|帮我|麻烦|嗯|好的?", re.I)
# Words that point back at what the previous answer showed ("what's driving it for the top one?", "排第一的那个"), or at
# how sure it was ("sample size?", "样本量多少", "is that significant?").
POINTS_BACK = re.compile(r"\b(?:it|its|that|this|those|these|them|they|the (?:top|first|last|highest|lowest|worst|"
                         r"best)(?: one| few| \d+)?|sample size|significan\w*|confidence interval|p-?value)\b"
                         r"|\b(?:he|she|him|her|his|hers)\b"
                         r"|那个|这个|那些|这些|那几个|这几个|排第一|第一个|最高的|最低的|其中|他们|她们|它|(?<!其)他|她|样本量?|显著|置信"
                         r"|该(?:预测|提案|方案|草稿|信|申请|报告|面试|候选人|员工|结果)",  # "该预测的依据是什么"
                         re.I | re.A)
# Why the answer before came out as it did, about one thing it showed ("why that one", "为啥是他"): that tool again.
WHY_THAT = re.compile(r"^\s*(?:and\s+|so\s+|but\s+|ok\s+|hm+\s+)?(?:why|how come)\b|^\s*(?:那|所以)?\s*(?:为啥|为什么|咋|为嘛|为何|为哪样|为么子|为么斯|为甚|凭啥|啥原因|什么原因|原因(?:是|讲|说|呢|在))",
                      re.I | re.A)
# A listed thing named by its place in the list the last answer showed: "close the first one", "approve the second
# proposal", "show me the 2nd one", "第一个批了", "第4封发出去", "最后一封发了吧".
PLACE = re.compile(r"\bthe (?P<en>first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th|last|top)"
                   r"(?: one| proposal| draft| letter| request)\b"
                   r"|第\s*(?P<zh>[一二三四五1-5])\s*(?:个|份|条|封|项)(?:方案|提案|草稿|反馈信|申请|请求)?"  # not 第1号提案: its number
                   r"|(?P<zlast>最后)(?:一)?(?:个|份|条|封)", re.I)
PLACES = {"first": 0, "top": 0, "second": 1, "third": 2, "fourth": 3, "fifth": 4, "1st": 0, "2nd": 1, "3rd": 2, "4th": 3,
          "5th": 4, "一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "1": 0, "2": 1, "3": 2, "4": 3, "5": 4}
# The tools whose answers list numbered items, and the tool that shows one of them ("the letters just drafted": drafts).
LISTED_BY = {"candidate_requests": "candidate_requests", "review_proposals": "review_proposals",
             "decide_proposal": "review_proposals", "review_feedback": "review_feedback",
             "draft_feedback": "review_feedback"}
# The answer before narrowed or extended ("just the top 3, skip the rest", "能再多给两三个吗", "a few more please").
# Only a name or period, said to be the only one wanted ("只看Q3哈", "just Q3 then"; read on the masked message): the
# question before, with that one slot changed.
ONLY_SLOT = re.compile(r"^\W*(?:ok\W+|好\W*|那\W*)?(?:just|only|只|就|仅)\s*(?:看|要|算|show|look at|for|the)?\s*(?:§period|§role|§comp)"
                       r"(?:\s*(?:的|呢|哈|吧|啊|please|pls|then|only))*\W*$", re.I)
# Another measure, in place of the one before ("look at user satisfaction for those same hires rather than performance
# ratings", "换成用户满意度看看"): the question before, with its metric changed.
OTHER_MEASURE = re.compile(r"\b(?:instead(?: of)?|rather than|in place of|(?:those|these|the) same (?:hires|people|ones|new hires)|"
                           r"switch (?:it )?to|swap (?:it )?(?:for|to))\b|换成|改成|改为|换个|而不是|不看", re.I)
# The same question for another figure, said short ("fail rate 呢? 也对比一下", "and the pass rate?", "what about failures too").
AND_THIS = re.compile(r"^\W*(?:and|what about|how about|how bout|also)\b|\b(?:too|as well)\W*$|呢|也", re.I)
# The same again, for another name ("机械设计工程师岗位亦照此办理。", "sales 也同口径过一遍", "likewise for sales").
SAME_AGAIN = re.compile(r"照此|如法炮制|同口径|口径不变|口径一致|同样(?:处理|办理|操作|跑|来)|照着(?:来|做|跑)|\blikewise\b|\bdo the same\b"
                        r"|\bsame (?:again|thing|drill) (?:for|with)\b", re.I)
NARROWS = re.compile(r"\b(?:just|only)\s+(?:the\s+)?(?:top|first|worst|highest|bottom)\s+(?:\d+|one|two|three|five|ten)\b"
                     r"|\btop\s+(?:\d+|three|five|ten)\s+only\b"
                     r"|\b(?:a few|some|two|three|a couple|couple)\s+more\b|\bmore (?:examples|of (?:those|them|these))\b"
                     r"|(?:只|就)(?:要|看|列|给)?\s*前\s*(?:\d+|[一二两三四五六七八九十]+)\s*(?:个|名|位)?"
                     r"|再(?:多)?(?:给|来|出|列)?\s*(?:两三|三五|几|一些|两|三|\d+)\s*(?:个|道|条|题)"
                     r"|单独(?:拉|列|拿|摘|挑)出来", re.I)
# A question about something (not a request to do something: "can you also set up a call with her?").
ASKS_ABOUT = re.compile(r"^\s*(?:so\s+|and\s+|but\s+)?(?:what|what's|whats|why|who|whose|which|how|where|when|is|are|does|"
                        r"do|did|was|were)\b|什么|为什么|为啥|谁|哪|怎么|啥|多少|吗[？?]?\s*$", re.I | re.A)


def continues(question: str, masked: str) -> bool:
    """Opens like a continuation ("and retention?", "那销售呢"), or a short one after an interjection ("hmm and the
    design folks?"; not "ok and if we took that person on, how would they do?", which says what it asks)."""
    if CONTINUES.search(question):
        return True
    lead = LEAD_IN.match(question)
    return bool(lead and CONTINUES.search(question[lead.end():]) and content_words(LEAD_IN.sub(" ", masked, 1)) <= 2)
