"""The words the planner's routing rules read (route.decide): what a message says it wants done, to what, and how it
goes on from the answer before. One place for them, so the rules in route.py read as rules.
"""

from __future__ import annotations

import re

from assistant.planner.classifier import ROLE
from assistant.planner.competency import APPROVE_AT_END
from assistant.planner.slots import DRAFT_VERBS

# A decision on the proposal the conversation is about ("looks good, go ahead with it", "行，批了吧"); approving
# applies weights, so "ok" or "yes" alone is not one.
DECIDES_IT = re.compile(r"\b(?:approve|accept|go ahead|sign (?:it )?off|ship it|push (?:it|this|that) through|lgtm|green[- ]?light|reject|decline|deny|veto|"
                        r"turn (?:it )?down|turned (?:it )?down|(?:scrap|bin|kill|ditch|axe) (?:it|that one|this one)|refuse it|nix(?:ed)?|(?:say|says|said) yes to|"
                        r"mark (?:it|them|that|this|both|#?\d+) as (?:approved|rejected|declined)|doesn'?t want it|(?:good|ok|okay|fine|clear) to (?:go|send)|yes to (?:it|that|this)|a yes (?:on|for|to)|knock(?:ed)? (?:it |that |them )?back|give (?:it )?my (?:approval|blessing|sign-?off)|turn(?:ed)? down the (?:\w+ )?(?:one|proposal))\b(?! ones)|^\s*否\s*[。.!！]?\s*$|\bstatus\s*(?:=|:|to)\s*['\"]?(?:approved|rejected|declined)\b|(?<![已被])(?:批准|核准|准了|给(?:伊|它)过(?!了吗|没)|给我过了(?![吗没一遍])|批了|批掉|批吧|批啦|批咯|批喽|批呗|通过(?!率|比|人|数|情况)|同意|采纳|就按这个|就这么办|驳回|"
                        r"否决|否了|否掉|拒掉|拒了|拒绝|毙了|毙掉|驳了|驳掉|打回|退掉|退回|不批|" + APPROVE_AT_END + r")(?!的|理由|原因|率|记录|情况|前后)", re.I | re.A)
# not "the rejected ones", "驳回的呢": a list; not "已驳回", "驳回理由": a decision told or described
# A file or a picture asked for ("…into a CSV", "one chart", "导出来给我", "做个表"): only the recruiter report makes one.
EXPORTS = re.compile(r"\b(?:csv|excel|xlsx|spreadsheet|export\w*|download\w*|charts?|graphs?|bar chart)\b"
                     r"|导出|表格|做个表|做张表|出个表|图表|柱状图|折线图|饼图|excel", re.I | re.A)
# … unless it is said not to be wanted ("not a report, not a chart, just the raw count", "不用导出").
NO_EXPORT = re.compile(r"\b(?:not|no|without|don'?t (?:need|want)|no need for)\s+(?:an?\s+|the\s+|any\s+)?(?:(?:report|file|chart)\s+or\s+(?:an?\s+)?)?(?:csv|excel|spreadsheet|"
                       r"charts?|graphs?|export|download|report)\b|(?:不用|不要|无需|别)\s*(?:导出|表格|做表|图表|出图|画图)", re.I | re.A)
# A decision on a number said next to it ("Reject 15.", "15号驳回"): with a role or competency named too, a weight
# proposal's number (drafts are letters to candidates).
# A decision told in the passive ("Proposal 12, which is already pending, should simply be approved.").
TO_BE_DECIDED = re.compile(r"\b(?:should|must|can|is to|are to|needs? to|ought to)\s+(?:simply\s+|just\s+|now\s+|please\s+)?be\s+"
                           r"(?:approved|rejected|declined|accepted|turned down|applied)\b", re.I)
DECIDES_NUMBER = re.compile(r"\b(?:approve|accept|reject|decline|veto|kill|scrap|nix|axe|ditch|bin)\s*(?:#|no\.?\s*|number\s*)?\d+\b"
                            r"|\d+\s*号?\s*(?:批准|驳回|否决|通过(?!率))|(?:批准|驳回|否决)\s*\d+", re.I | re.A)
PERSON_BACK = re.compile(r"\b(?:he|she|they|him|her|them|(?:this|that|the same) (?:person|candidate|applicant|guy|lady))\b"
                         r"|其(?=入职|录用|加入|到岗|上岗|来了)|该候选人|(?<![其])他|她|这个人|这位|此人|伊(?![拉朗斯利犁春宁人始甸])", re.I | re.A)  # the one person of the answer before
# How sure an estimate of the answer before is ("how sure you are? the range?", "有多大把握"): that answer's interval.
ESTIMATES = {"predict_performance", "attrition_risk", "competency_insights", "proposal_outcome"}
HOW_SURE = re.compile(r"^\W*(?:and\s+)?(?:the\s+)?(?:range|interval|margin of error|error bars?|confidence interval|uncertainty)\W*$|\bhow (?:sure|confident|certain|reliable|accurate|precise)\b|\b(?:the|what'?s the|what is the) (?:range|interval|"
                      r"margin(?: of error)?|error bars?|confidence interval|uncertainty)\b|有多大?把握|把握(?:有)?多大|区间|置信|误差|"
                      # whether a difference is more than noise ("is that gap real or just noise?", "显著吗")
                      r"\b(?:is|was) (?:that|the|this) (?:difference|change|gap|drop|rise|effect) (?:real|significant)\b|"
                      r"\bjust (?:be )?(?:noise|chance)\b|\bstatistically significant\b|显著吗|是不是(?:噪音|偶然|巧合)|"
                      r"(?:有|能)?多准|靠谱吗|可信度", re.I | re.A)
LETTERS = {"draft_feedback", "review_feedback"}  # turns that show a feedback letter
# What is behind something shown ("What are the main reasons for the top one?" after the flight risks).
REASONS_FOR = re.compile(r"\b(?:reasons?|drivers?|factors?|causes?)\s+(?:for|behind)\b|是什么原因|原因是(?:啥|什么)", re.I | re.A)
TANKED = re.compile(r"\b(?:tank\w*|sank|sunk|killed|hurt|let (?:him|her|them) down)\b|拖后腿|丢分|扣分", re.I | re.A)
ABOUT_ONE_PERSON = {"predict_performance", "attrition_risk", "draft_feedback", "review_feedback"}  # can be about one person
# Weights asked for anew after an answer about them ("righto, can you draft new ones then", "那就重新出一版").
ABOUT_WEIGHTS = {"competency_insights", "monitor_competencies", "review_proposals", "proposal_outcome"}
NEW_ONES = re.compile(r"给(?:个|一个|点)(?:调整)?(?:建议|方案)|\b(?:draft|propose|suggest|make|give|come up with|put together|work out)\b.{0,20}\b(?:new|better|different|"
                      r"updated) (?:ones|set|numbers|split|mix|weighting)\b|重新出一版|出一版新的|(?<![已批])出(?:个|一个|一版|份)(?:新的?)?(?:权重)?(?:方案|建议|提案|proposal)|重新(?:出|配|定)(?:一[版套个])?(?:权重)?(?:方案)?吧?\s*$"
                      r"|重新(?:配|设|定)(?:一?[个套版])?权重|拟定?(?:一版|一份|一个|个|份)?(?:新的?)?(?:权重)?(?:调整)?(?:方案|提案)|(?<![已批])出(?:个|一个|一版|份)[^，,。；;！!？?]{0,6}权重的?(?:方案|提案)"
                      r"|(?<!已)(?<!已经)提出(?!的|过|了)[^，,。；;！!？?]{0,8}?权重(?:调整)?(?:方案|提案|建议)",  # "请据此提出该岗位的权重调整方案"
                      re.I | re.A)
# One of a ranked answer asked about ("why C002291 is on the top?", "为啥他排第一").
AT_THE_TOP = re.compile(r"\b(?:at|on) (?:the )?top\b|\btop (?:one|person|name|guy)\b|\btop of\b|\b(?:first|highest|riskiest|number one)\b|\branked\b|"
                        r"排(?:在)?(?:第一|第\s*1(?!\d)|最前|前面|头)|最高", re.I | re.A)
# A competency's weight moved by a proposal ("why does it lower communication?", "为啥沟通那项要降？").
WEIGHT_MOVES = re.compile(r"\b(?:lower|raise|cut|drop|reduce|increase|boost|bump|more weight|less weight|go(?:es|ing)? (?:up|down)|"
                          r"(?:up|down)weight)\w*|[降升减加]|调(?:高|低|整)|往(?:上|下)", re.I | re.A)
PROPOSING = {"propose_competency_changes", "monitor_competencies", "review_proposals", "decide_proposal"}  # turns that show a proposal
SHOW = re.compile(r"\b(?:show|open|display|pull up|view|see|look at|(?:have|take) a (?:squiz|gander|peek|look) at|bring up|let me see|details?|status|list|rationale|reasoning|justification)\b|列一下|列出|\bwhat(?:'?s| is) in\b|看|调出|打开|发我|给我|展示|列示|明细|"
                  r"详情|细节|内容|(?:啥|什么)情况|状态|进展", re.I | re.A)
# Not asking whether to decide ("不是问你要不要批，是问…", "I'm not asking whether to approve it"): something else is asked.
NOT_ASKING_LEAD = re.compile(r"^\s*(?:我?不是(?:问|要问|在问)(?:你)?|(?:i'?m )?not asking (?:whether|if) (?:to|we|i|you))", re.I)
ONE_PERSON = re.compile(r"\b(?:he|him|she|her)\b|(?<![其])他(?!们)|她(?!们)", re.I)  # one person, not a group (PERSON_BACK: or a group)
HIS = re.compile(r"\b(?:his|their)\b", re.I)  # "Draft his letter." after why he failed
# Three kinds of "which one": a competency of the answer (THAT_ONE), one thing of several not said which, at the
# start (THIS_ONE: "这条先毙掉"), and the one thing the conversation is about (THE_ONE).
THAT_ONE = re.compile(r"\bthat (?:one|part|competency|section)\b|那一?项|这一?项", re.I | re.A)  # a competency of the answer
THIS_ONE = re.compile(r"^\W*(?:ok\W+|好\W*)?(?:\b(?:this|that) one\b|这条|那条|这份|那份)", re.I)  # "这条先毙掉": one thing, not said which
THE_ONE = re.compile(r"\b(?:it|that|this one)\b|它|这个|那个", re.I)  # "Kindly show it to me first" after a decision
WORDS_FOR_HIM = re.compile(r"(?:东西|几句话|一段话)(?:给|告诉|跟)(?:他|她)")  # "帮我写个东西告诉他为啥没过": his letter
# A letter said to exist already ("there's already a draft for him", "已经有一封草稿了"): the stored one, not a new one.
EXISTING_DRAFT = re.compile(r"\b(?:there'?s|there is|we have|we'?ve got|he has|she has)\s+already\s+(?:a|one|an existing)\s+(?:draft|letter)\b"
                            # "is there already a feedback draft for C000219", "didnt i already have a letter drafted
                            # for …", "one draft for C000548 is already sitting in the queue", "yung draft feedback ni C…"
                            r"|\b(?:is|isn'?t) there already (?:a|one) (?:feedback )?(?:draft|letter)\b|\balready (?:have|had|got|has) "
                            r"(?:a|one) (?:feedback )?(?:draft|letter)\b|\b(?:draft|letter) for (?:candidate )?C\d{3,} (?:is|was) already\b"
                            r"|\b(?:there'?s|there is) (?:one|a (?:letter|draft)) already (?:drafted|written|done)\b"
                            r"|\bthere (?:should|must|might|may) already be (?:a|one) (?:feedback )?(?:letter|draft)\b"
                            r"|\b(?:yung|ung|iyong)\s+draft\b|\b(?:letter|draft)\b[^.?!]{0,30}\bwhere\s*\?"
                            r"|\bwhere(?:'s| is| are)\s+(?:the|his|her|their|my)\s+(?:feedback\s+)?(?:letter|draft)s?\b"
                            r"|\balready (?:a|one) (?:draft|letter)\b|\b(?:an?|the) existing (?:draft|letter)\b|\bthe (?:drafts?|letters?|ones?) "
                            r"(?:you|we|i) (?:already )?(?:drafted|wrote|made|prepared)\b|已经有(?:一份|一封|个|份|封)?(?:草稿|反馈信|信)"
                            r"|之前(?:写|起草)(?:过)?的(?:那份|那封)?(?:草稿|信|反馈信)", re.I | re.A)
SENDS = dict(DRAFT_VERBS)["send"]  # "麻烦您帮忙发出去吧" after a letter was shown: send it
CONTACT_WORDS = re.compile(r"\b(?:phone|mobile|e-?mails?|contact details|addresses|wechat)\b|电话|手机|邮箱|联系方式|微信",
                           re.I | re.A)  # "add their phone numbers to that" is no section of a report
# Which role each person of the answer before is in ("这些人分别是哪个岗位的", "which roles are they in?").
WHICH_ROLE_EACH = re.compile(r"(?:分别|各自|都)是?(?:哪个|哪些|什么)岗|\bwhich roles? (?:are|were) (?:they|these|those|each)\b|"
                             r"\bwhat roles? (?:are|were) (?:they|these|those)\b", re.I | re.A)
SECTION = re.compile(r"\b(?:section|page|slide|add|include)\b|加上|带上|加一(?:节|页|部分)|附上|并附|另附|附带", re.I | re.A)  # of a report
# The weakest part or the category of the interview just shown ("which competency hurt him most", "失败归类是哪一类").
WEAKEST_PART = re.compile(r"\b(?:weakest|worst|lowest)(?:[- ]scor\w+)? (?:part|area|one|bit|spot|point|score|competency|comp|skill)s?\b|\bwhich (?:competenc\w+|skill|area|part)\b.{0,25}\b(?:worst|weakest|lowest|most|biggest)\b|"
                          r"\bwhich (?:competenc\w+|skill|area|part)\s+(?:drove|caused|sank|sunk|cost|tanked|killed|dropped|fell|slipped|"
                          r"went down|got worse)\b|"
                          r"\b(?:what|which) (?:failure )?category\b|哪个能力.{0,4}(?:差|弱|低)|哪一?项.{0,4}(?:最差|最弱|最低|扣分最多)|"
                          r"(?:失败|淘汰|没过的?)(?:归类|类别|分类|原因)是?(?:哪|啥|什么)", re.I | re.A)
# A sentence that opens by asking a tool to run ("请对全部岗位执行胜任力监控。", "Run the monitoring for all roles.").
RUNS = re.compile(r"^\s*(?:请|麻烦|烦请|帮我|帮忙)?\s*(?:对[^。.!?！？]{0,12})?(?:执行|运行|跑|生成|起草|导出)"
                  r"|^\s*(?:please |kindly |pls )?(?:run|execute|generate|build|draft|pull|score|re-?score|propose)\b", re.I)
RUN_ASKED = re.compile(r"\brun\b|跑(?:一[遍下次]|下)|运行|执行", re.I)  # a run asked for anywhere ("运营岗监控先跑一遍再说")
NUMBERED = ("draft", "proposal", "request")  # kinds of thing known by a bare number ("12号", "#12")
ID_KINDS = {"candidate", "interview", *NUMBERED}  # the kinds of thing a number or id names
# A question about what Candor can do, not a request to do it ("can you deal with feedback letters too, or is that
# a different system?", "公平性审计这块你能做什么？").
CAPABILITY = re.compile(r"\bwhat (?:kinds?|sorts?|types?) of \w+(?: \w+)? (?:can|could|do) you (?:do|make|put together|build|run|"
                        r"give|produce|create|prepare|offer)\b|"
                        r"\b(?:can|could|do) you (?:also |even )?(?:do|handle|deal with|help with|cover|manage|support)\b.*"
                        r"\b(?:too|as well|at all)\b|\bor is that (?:done |handled )?(?:in |by )?(?:a |some )?(?:different|separate|another|other) (?:tool|system|"
                        r"app|product)|\bwhat (?:else )?can you (?:do|help)|\bwhat (?:is |are )?(?:the )?(?:things?|stuff|services|tasks|jobs)? ?(?:that )?you (?:can|could) (?:do|help|offer|handle)\b|\bis that something you (?:do|can do|handle)|\b(?:within|part of|outside) your (?:remit|scope|purview)\b|"
                        r"\bor (?:do|would|will) (?:we|i) need (?:a |an )?(?:separate|different|another|other|second) (?:tool|system|app|product|vendor)\b|"
                        r"\bhow (?:do|can|should) I (?:use|work with)\b|\bwhat (?:\w+ ){0,2}(?:can|could) you (?:run|do|offer|handle)(?: for (?:me|us))?\s*[?.!]*$|(?<!sure )(?<!know )\bhow\b[\w -]{1,40}\bworks?\b(?! out)|\bworkflow\b|"
                        r"\bdo you (?:work|run) (?:in|on|with)\b|\bwhat you can (?:do|help with|offer)\b|"
                        # the languages it reads: "do u also understand chinese or just english?", "你能看懂英文吗"
                        r"\b(?:do|can|does) (?:you|u|it|candor) (?:also |even )?(?:understand|speak|read|handle|do|support) "
                        r"(?:chinese|mandarin|cantonese|english)\b|你(?:能|会)?(?:看懂|听懂|说|讲|支持)(?:英文|英语|中文)|"
                        # who it is: "Kindly confirm whether this is the HR interview assistant", "你是面试助手吗"
                        r"\b(?:is this|this is|am i (?:talking|speaking|chatting) (?:to|with)|are you)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,3}"
                        r"(?:assistant|bot|chatbot|tool|candor)(?=\s*(?:[?.!,]|$|(?:that|which|for|from|i|we)\b))|(?:你|这)(?:就)?是(?:不是)?[^，,。？?]{0,8}(?:助手|机器人|助理)(?:吗|么|嘛)?(?=[\s？?。.!！]*$)|\b(?:functionalit(?:y|ies)|features|capabilities)\b.{0,30}?"
                        r"\b(?:available|(?:of|in) (?:this|the) (?:tool|system|app|assistant)|you (?:have|offer))\b|"
                        r"你能做(?:什么|啥|哪些)|你能帮(?:上)?(?:什么|啥)|你(?:还|也)能(?:做|管|处理).*吗|你都能(?:搞|做|干|处理|弄)(?:吗|么|不)|(?:能力|功能)清单|(?:本助手|贵助手|你|您|系统)(?:是否|能否|能不能)?支持|可(?:以)?办理哪些|能不能也|是怎么个流程|"
                        r"(?:是|归)(?:另一个|别的|其他)(?:系统|工具)|(?:还|都)能(?:干|做|帮)(?:些|点)?(?:什么|啥|哪些)|支持(?:哪些|什么)格式|(?:能|可以)导出(?:哪些|什么)|"
                        r"(?:能|可以)(?:直接)?在你这(?:里|儿|边)?(?:处理|做|办|弄|搞)|在你这(?:里|儿|边)?(?:就)?(?:能|可以)(?:处理|做|办|弄|搞)|"
                        r"\bcan (?:I|we) (?:do|handle|process|file|manage) (?:that|this|it|those|these) (?:here|in here|with you|"
                        r"through you|in candor)\b", re.I | re.A)
# A decision told as already taken ("批了也应用了", "we signed off proposal 4 in spring and it's live"): never a new one.
ALREADY_DECIDED = re.compile(r"(?:批|通过|上线|生效|改)了(?:有|快|差不多)?\s*(?:一|两|俩|仨|二|三|四|五|六|几|半|\d+)\s*个?\s*(?:月|周|星期|礼拜|天|季度)|"
                             r"(?:批|通过|上线|生效|改)了(?:有|快)?\s*(?:一阵子?|好一阵子?|一段(?:时间|日子)|(?:好|挺|蛮)久|(?:一)?些日子)|"
                             r"批了?(?:之后|以后)|批了也|已经批|已批|已(?:经)?通过|批准了?(?:之后|以后|后)|通过了?(?:之后|以后)|上线了?(?:之后|以后)|"
                             r"\b(?:approved|signed off|accepted|applied)\b.{0,40}\b(?:live|in place|rolled out|since|ago|"
                             r"back in|last)\b|\bwe (?:approved|signed off|accepted|said yes to|okayed|green-?lit)\b|\b(?:it'?s|it is|that'?s|that is|was|is) already (?:been )?(?:approved|signed off|applied|live)\b|已于.{0,8}(?:批准|通过|生效|上线)|\b(?:after|since|once) (?:we|you|i|they|hr) (?:approved?|accepted|applied)\b"
                             r"|\b(?:was|were|been|got)\b.{0,25}\b(?:turned down|rejected|approved|declined|accepted|vetoed)\b"
                             r"|(?:上次|之前|以前|前面|去年|上个?月)\s*(?:approve|批|通过)\s*的"
                             r"|\bmade (?:me|us) (?:approve|sign off|accept)\b|\balready (?:approved?|signed off|applied|accepted)\b|\b(?:been |went |gone )live\b|\bbeen in (?:place |effect |force )?since\b",  # "上次 approve 的 proposal 8 效果咋样？"
                             re.I | re.A)
# Legal advice asked for ("what does California law say about…", "请出具法律意见", "胜诉可能性如何"): not Candor's to give;
# a question about Candor's own records or checks ("is the audit's four-fifths rule the legal one?") names no law's text.
# Everything Candor does, asked for as a list, whatever else the message names ("Yuh can do payroll too or is just di
# interview ting? Run down everyting yuh can do fi mi.", "你会不会做那种fairness的东西？你能做的功能全部说一下给我听").
ALL_IT_DOES = re.compile(r"\b(?:run|rattle|walk|talk) (?:me |us )?(?:down|through) (?:every\w*|all) (?:that |the things? )?(?:you|yuh|u) "
                         r"(?:can )?do\b|\b(?:tell|show|list) (?:me |us )?(?:every\w*|all) (?:that |the things? )?(?:you|u) (?:can )?do\b"
                         r"|(?:你|您|恁)能(?:做|干)的(?:功能|事情?|活儿?|东西)?(?:全部|都)?(?:有哪些|说|讲|列)|(?:你|您|恁)(?:都)?管(?:啥|什么|哪些)",
                         re.I)
LEGAL_ADVICE = re.compile(r"\blegal (?:advice|opinion|counsel)\b|\bwhat (?:[a-z]+ ){0,3}(?:does|do|did) (?:the |current |our |[a-z]+ ){0,3}"
                          r"(?:law|laws|legislation|statute|act|regulations?) (?:say|require|allow)|\bis it (?:even |actually |really )?(?:legal|lawful|"
                          r"illegal|unlawful)\b|\b(?:chances?|odds|likelihood) (?:of winning|we (?:win|lose)|in court)\b"
                          r"|\b(?:legally|lawfully) (?:required|obliged|allowed|permitted|speaking)\b|\blegal requirements?\b"
                          r"|\bdo (?:i|we) (?:have|need) to give (?:him|her|them) notice\b|竞业(?:限制|协议)|(?:经济)?补偿金|赔偿金|违约金|(?<![\w+])N\s*\+\s*[123](?![\w+])|(?:补偿|赔偿)[^，,。？?]{0,6}赔多少|\bnon-?compete\b|\bseverance\b"
                          r"|\bexpose (?:us|the company|the firm|ourselves) to\b.{0,30}\b(?:claims?|lawsuits?|liability|litigation)\b"
                          r"|\bsue (?:him|her|them|the candidate)\b|告(?:他|她)|起诉|诽谤|打官司"
                          r"|法律意见|法律建议|法律风险|法律(?:上)?(?:要求|规定)|律师函|胜诉|败诉|会不会被告|会不会吃官司|(?:法律|法规|劳动法|条例)(?:上|里)?(?:是)?(?:怎么|如何|有什么)规定"
                          r"|是否(?:合法|违法)|合不合法|违不违法|(?:合法|违法)吗"
                          r"|\blegal(?:ly)? (?:liab\w+|consequences)\b|\b(?:are|would|could|will) we be (?:held )?liable\b"
                          r"|法律(?:责任|后果)|承担(?:哪些|什么|多大)?(?:的)?(?:相关)?(?:法律)?(?:责任|后果)", re.I | re.A)
# Not Candor's to do, though it names candidates or their papers: messaging one ("text C005590 the interview moved"),
# screening résumés ("把简历按学历筛一下").
NOT_CANDORS = re.compile(r"\b(?:text|sms|whatsapp|ring|call)\s+(?:candidate\s+)?C\d{3,}\b"
                         r"|\b(?:unrelated to|nothing to do with) (?:our|the|your) (?:interview |hiring |candidate )?(?:data|hiring|interviews|recruiting)\b"
                         r"|\b(?:criminal |police )?background checks?\b|背景调查|背调|"
                         r"\bvisa (?:sponsorship|application|question|rules)\b|\bwork (?:permits?|visas?)\b|签证|工作许可|工作签"
                         r"|(?:^|[.!?;,]\s*|\b(?:can|could|would|will) you (?:please )?|\bplease |\bpls )(?:call|ring|phone|text|whatsapp)\s+"
                         r"(?:him|her|them|the candidate|the applicant)\b(?!\s+(?:a|an|as)\b)"
                         r"|(?:给|跟|和)(?:他|她|候选人)打(?:个|一个|一通)?电话|打(?:个|一个)?电话(?:给|跟)(?:他|她|候选人)"
                         r"|\b(?:screen|filter|shortlist|sort)\s+(?:the\s+|our\s+|these\s+|all\s+)?(?:resumes?|cvs?)\b"
                         r"|(?:^|[.!?;,]\s*|\b(?:now|then|please|pls|can you|could you)\s+)(?:e-?mail|forward)\s+(?:those|these|the|this|that|it|them)(?:\s+(?:numbers|figures|results|report))?\s+to\s+"
                         r"(?:my|our|the)\s+(?:boss|manager|team|director|ceo|cfo|vp)\b"  # mailing anyone: not Candor's
                         r"|\b(?:resume|cv) (?:screening|filtering)\b|\bcost[- ]per[- ]hire\b|\btime[- ]to[- ](?:hire|fill)\b"
                         r"|\battendance (?:sheets?|records?|reports?)\b|\btimesheets?\b|考勤|招聘成本|\bspss\b|\bfactor analysis\b|因子分析"
                         r"|\bschedul\w*\s+(?:the\s+|an?\s+|my\s+|our\s+|their\s+|his\s+|her\s+)?(?:\w+\s+)?interviews?\b|安排面试|约面试"
                         r"|\bpayroll\b|\bsalary advance\b|\badvance on (?:his|her|their) (?:salary|pay)\b|预支工资|借支工资|\bbank (?:details|account(?: details)?)\b|\bsalaries\b|银行卡号?"
                         r"|\b(?:revenue|ebitda|p&l|profit and loss|gross margin)\s+(?:by|per|breakdown|forecast|numbers|figures)\b"
                         r"|\b(?:quarterly|annual|q[1-4]|company|total|group)\s+(?:revenue|ebitda|profit)\b|营收|营业额|利润表"
                         r"|\bsalary (?:sheets?|slips?|spreadsheets?)\b|工资表|工资条|薪资表|薪酬表"
                         r"|\b(?:draft|write|prepare|create|generate|make|do)\s+(?:me\s+|us\s+)?(?:an?\s+|the\s+)?(?:\w+\s+)?(?:offer (?:letters?|contracts?)|(?:employment|job|work) contracts?)\b"
                         r"|\b(?:approve|reject|decline|submit|process|grant)\s+(?:(?:my|his|her|their|the|a|this)\s+)?(?:annual\s+|sick\s+|vacation\s+)?leave\b"
                         r"|\bleave (?:balances?|entitlements?)\b|\b(?:leave|vacation|pto|holiday|time[- ]off|expense|reimbursement|overtime|purchase)\s+requests?\b(?!\s*(?:no\.?\s*|#\s*)?\d)|\bwhat (?:comp|compensation|salary|pay) (?:bands?|ranges?|packages?)\b|\bhow much (?:should we|to) (?:offer|pay)\b|薪资范围|定薪|开多少工资|\bdays of (?:annual |sick )?leave\b|请假(?:条|单|申请|审批|流程)|(?:批|审批)(?:一下)?(?:他的|她的)?(?:请假|假期|年假)|休假申请|\bdirect reports?\b|\bperformance (?:reviews?|appraisals?) for\b|\beeo-?1\b"
                         r"|(?:起草|写|拟|出)(?:一份|一封|个|份|封)?(?:录用通知书?|劳动合同|offer)|\bexpense (?:claims?|reports?)\b|\breimburse\w*|报销(?!售)|社保|公积金|\b(?:licen[cs]e|registration) renewals?\b|执业(?:药师|医师)?注册"
                         r"|\btake[- ]home (?:tests?|assignments?|tasks?)\b|\bcoding (?:tests?|challenges?|exercises?)\b|笔试题"
                         r"|(?:改|修改|换掉|删掉|更新|编辑)(?:一下)?[^，,。；;]{0,6}题库|题库[^，,。；;]{0,12}(?:换掉|改掉|删掉)"
                         r"|\b(?:edit|change|replace|update|rewrite|add to)\s+(?:the\s+|our\s+)?(?:ai\s+)?(?:interview\s+)?question bank\b"
                         r"|\b(?:add|put)\b[^.?!]{0,40}\bto the (?:question )?bank\b|\bretire the old (?:ones|questions)\b"
                         r"|\b(?:update|edit|rewrite|change)\s+(?:the\s+|our\s+)?(?:position|job) descriptions?\b"
                         r"|\b(?:add|create)\s+(?:a\s+)?new role\b|(?:筛|过)(?:一下|一遍)?简历|简历.{0,6}(?:筛|过一遍)|给\s*C\d{3,}.{0,4}(?:发个?短信|发个?微信|打个?电话)",
                         re.I | re.A)
# Which role a described person or job fits ("which role is this one?", "这种人放我们哪个岗位最合适"): the profiles, by
# meaning.
ROLE_FITS = re.compile(r"\bwhich (?:of (?:[\w']+ )?)?(?:roles?|positions?|jobs?)\b.{0,30}\b(?:is (?:this|that|it|he|she)|fits?|suit(?:s|ed|able)?|would (?:(?:this|that|it|he|she|they) )?(?:fit|suit|be)|"
                       r"matches|should (?:he|she|they|this person|we put))\b|\bwhat (?:role|position|job) (?:would|should|is|fits|"
                       r"suits) (?:this|that|he|she|they|someone)\b"
                       r"|\broles?\b.{0,25}\bwhich\b.{0,30}\b(?:suit|fit)s?\b"
                       r"|\b(?:(?:a )?better fit|fits? better|(?:better|best|more) suited) (?:for|in|as|to) .{1,30}\bor\b"  # "tech or supervisor?"
                       r"|(?:放|分(?!别)|安排|归|适合|对应|属于|算|匹配)(?:到|在|进|于)?(?:我们)?.{0,4}(?:哪个|哪一个|何|什么|哪类|哪种)岗(?:位|(?=[合适对？?呢吗。，,\s]|$))"
                       r"|(?:哪个|哪一个|何|什么|哪类|哪种)岗(?:位)?(?:最)?(?:合适|适合|对口|匹配)|(?:与|和|跟)(?:何|哪个|什么)岗位(?:相)?(?:匹配|对口|契合)"
                       r"|(?:更|比较)?适合(?:做|干|去|当|放)?[^，,。？?\s]{1,8}还是[^，,。？?\s]{1,8}",
                       re.I | re.A)
# Whether the scoring still works ("is the model still fit for purpose?", "模型还准不准", "分数有没有跑偏"): the drift checks.
MODEL_HEALTH = re.compile(r"\b(?:model|scoring|scores?|interviews?|ai|bot|grading|marking)\b.{0,60}\b(?:still (?:working|"
                          r"accurate|valid|reliable|fit for purpose|any good|doing its job|grading the same|holding up)|holding up|gone (?:soft|sideways|off|"
                          r"funny|weird|wonky)|drift\w*|shift(?:ed|ing)|(?:slowly|gradually) (?:change|shift|creep)\w*)"
                          r"|\bsomething (?:off|wrong|up) with the (?:model|scoring|grading|ai|bot)\b"
                          r"|\b(?:model|scoring|ai|bot|grading|marking)\b.{0,40}\bor\b.{0,20}\b(?:candidates|applicants|the pool|the cohort)\b"
                          r"|\b(?:did|has|have) the (?:scoring|marking|grading|model|ai)\b.{0,12}\bchange"
                          r"|\b(?:them|they|candidates|people) (?:being|are|were) (?:bad|weaker|worse)\b.{0,10}\bor\b"
                          r"|\bscores?\b.{0,40}\b(?:look|looking|seem|seeming|feel|feeling)s? (?:\w+ )?(?:softer|harder|tougher|"
                          r"stricter|more lenient|inflated|deflated)\b"
                          r"|\b(?:marking|grading|scoring)\b.{0,40}\b(?:harder|tougher|stricter|softer|easier|more harshly|more "
                          r"leniently)\b.{0,25}\bthan\b"
                          r"|\bSPC\b|\bcontrol (?:charts?|limits?)\b|\bcent(?:re|er) line\b|\brun of \d+\b|七点链|控制限|控制图"
                          r"|越打越偏|越来越偏|(?:早就|是不是|会不会|怕它)(?:不准|跑偏)|跑偏了"
                          r"|(?:模型|打分|评分|分数|能力项|AI).{0,12}(?:还准不准|准不准|还灵不灵|灵不灵|跑偏|漂移?|失准|靠不靠谱|还靠谱吗|"
                          r"退化|衰退|失效)|模型(?:是不是)?出(?:了)?(?:啥|什么)?(?:毛病|问题)|忽高忽低"
                          r"|(?:分数?|打分|评分).{0,8}(?:怪|不对劲)|(?:分数?|打分|评分|模型).{0,12}(?:同|跟|和)以前(?:不|唔)一样"
                          r"|(?:打分|评分)的?(?:尺度|标准|松紧).{0,6}(?:变|不一样)|前松后紧|前紧后松|(?:用|跑)久了.{0,6}(?:不太?准|失准|偏)"
                          r"|(?:打分|给分|评分|评得)(?:是不是|好像|感觉)?.{0,4}(?:变|越来越)(?:严|松|紧|宽)|(?:打分|给分|评分)比.{0,6}(?:松|严|紧|宽)"
                          r"|(?:打分|评分|模型|办法).{0,6}还能不能用|(?:评分|打分)模型.{0,8}稳定|前后标准不一致|(?:打分|评分|得分).{0,10}(?:有没有|是不是|会不会)飘",
                          re.I | re.A)
# A competency's scores said to move ("are pass rates on creative planning shifting", "market insight scores aren't
# behaving the same way", "数据化运营这项的得分最近是不是漂了"): the drift checks too.
SHIFTS = re.compile(r"\b(?:shift(?:ed|ing)|drift\w*|creep(?:ing)?|weird|wonky|behaving|(?:not|n'?t) behaving)\b|偏移|漂|跑偏|"
                    r"连续.{0,6}(?:下降|上升|往下|往上|下滑)|忽高忽低|不对劲", re.I | re.A)
# … (not what candidates fail on, or a competency's weight: "is negotiation still the main thing they fall down on, or has
# that shifted?", "比重感觉不对劲")
FELL_ON = re.compile(r"\bfa(?:ll|lling|il\w*)\b|挂|没过|不通过|失败", re.I | re.A)
WEIGHT_WORDS = re.compile(r"\bweight\w*|\bpercentages?\b|权重|比重|占比|比例", re.I | re.A)
# … unless it is judged by how people do later ("打分准不准，干得好的人面试分是不是也高"): whether scores predict performance.
LATER_PERFORMANCE = re.compile(r"perform|predict|\bkpis?\b|turnover|retention|attrition|绩效|表现|干得|预测|留存|离职|入职后|"
                               r"进来以后|招进来|生产效率|业绩", re.I | re.A)
# A change made before the question ("we rebalanced the interview last quarter", "调整以后"): what it did, not drift.
AFTER_A_CHANGE = re.compile(r"\b(?:rebalanc|reweight|re-weight|recalibrat)\w*|\bafter (?:the|we|our) chang\w*|\bsince (?:we|the) "
                            r"(?:[\w&-]+ ){0,3}?(?:model |weight |weighting )?change\b(?!d)|\bchange (?:went live|was applied|took effect)\b"
                            r"|\bbefore (?:vs\.?|versus|and|&|/) after\b|\bsince (?:we|the) "
                            r"chang\w*|调整(?:了|过|后|以后|之后)|改了(?:以后|之后)?|批了", re.I | re.A)
# Actions, not analyses: nothing to work out again ("重新算一套权重" after a decision asks for new weights).
DECISIONS = {"decide_proposal", "review_feedback", "candidate_requests"}
# A request in the queue asked about ("Is her request actually in the queue?", "她的复核申请提交了吗").
# Candidates' appeals (their requests for a human review) and a list of them asked for: the requests.
APPEALS = re.compile(r"\bappeals?\b(?! (?:to|for) (?:me|us|the (?:board|panel|court))\b)|申诉|复核申请", re.I | re.A)
APPEALS_LISTED = re.compile(r"\b(?:pending|waiting|open|outstanding|how many|oldest|newest|list|queue|filed|lodged|submitted|raised|any)\b|待处理|待审|"
                            r"有几个|有多少|多少个|列一下|列出|还有哪些|有没有|哪些", re.I | re.A)
REQUEST_ASKED = re.compile(r"\b(?:request|appeal|complaint)s?\b.{0,30}\b(?:queue|logged|filed|open|pending|received|system)\b"
                           r"|\b(?:queue|logged|filed|received)\b.{0,20}\b(?:request|appeal)s?\b|(?:申请|请求|申诉)(?:提交|在|有没有|收到|进)", re.I | re.A)
# A new letter instead of the one shown ("write a fresh one, don't edit this", "另起一封新的").
NEW_LETTER = re.compile(r"(?<!don't )(?<!dont )(?<!do not )(?<!no need to )(?<!not )"  # "dont make a new one": no new one
                        r"\b(?:write|draft|start|create|make|need|want)\s+(?:a\s+)?(?:fresh|new|brand[- ]new|whole new)\s+(?:feedback\s+)?"
                        r"(?:one|letter|draft)\b|\bstart (?:over |again )?from scratch\b|另起一封|重新(?:给[^，,。]{0,6})?(?:写|起草)一封|新写一封|写一封新的|重写一封", re.I | re.A)
# Whether scores predict, in general ("do these interview scores predict anything about how techs perform?").
SCORES_PREDICT = re.compile(r"\b(?:these|the|our|interview)\s+(?:interview\s+)?scores\s+(?:actually\s+|really\s+|even\s+)?predict\b"
                            r"|\b(?:the|our|interview) scores (?:for|on|of|in) [^.?!]{1,40}?\bpredict\b"
                            r"|\binterview scores\s+(?:\w+\s+)?(?:predict|correlate with|track)\b"
                            # "…even matter for sales_attainment on the job?", not "what skills matter for a Sales Manager?"
                            r"|\b(?:competenc\w+|scores?|skills?)\s+(?:even\s+|actually\s+|really\s+)?matter (?:for|to)\b"
                            r"(?=[^.?!]{0,60}(?:\bon the job\b|\bperform\w*|\bkpis?\b|\boutcomes?\b|\bretention\b|\bturnover\b|"
                            r"\battrition\b|\b[a-z]+_[a-z_]+\b))"
                            r"|\bcorrelations?\b|(?:面试)?(?:分数|评分|打分|得分)(?:能|可以|到底|能否|能不能|是否)?(?:有效)?(?:预测|反映)|相关性"
                            # "面试时候打的那些分，跟人进来以后干得好不好，到底有没有关系"
                            r"|(?:分数?|评分|打分)[^。？?！!]{0,4}(?:跟|和|与)[^。？?！!]{1,30}(?:有没有|有无|是否有|有)(?:啥|什么)?关系", re.I | re.A)
# How one interview was scored, asked ("can you show me how interview I0000330 was scored, competency by competency?").
WAS_SCORED = re.compile(r"\bhow\b[^.?!]{0,30}\b(?:was|were|got|is)\s+(?:scored|assessed|marked|rated|graded|evaluated)\b"
                        r"|\bcompetency[- ]by[- ]competency\b|\bthe (?:actual |full |detailed )?scoring (?:for|of)\b|每一?项(?:能力)?(?:打了|得了|的)?(?:多少)?分|怎么(?:打的分|评的分|评分的)", re.I | re.A)
# Another company's HR software ("how to set up onboarding in SAP SuccessFactors?", "北森系统里那个面试安排咋整啊").
OTHER_SOFTWARE = re.compile(r"\b(?:sap|successfactors|workday|bamboo ?hr|greenhouse|icims|taleo|peoplesoft|oracle hcm|hirevue|"
                            r"personio|rippling|gusto)\b|北森|用友|金蝶|钉钉|飞书|企业微信|moka|智联招聘|前程无忧|boss直聘", re.I | re.A)
# What Candor itself can do, asked ("列一下你具体能做哪些事，我好跟飞书招聘那个AI助手做个对比").
YOU_CAN = re.compile(r"\b(?:you|candor)\s+(?:can|could)\s+do\b|\bwhat (?:can|do) you\b|你(?:具体)?(?:能|会|可以)(?:做|干)|你的功能",
                     re.I | re.A)
# The monitoring named ("再跑一遍监控看看有没有新报警的"): run, whatever was shown before.
MONITORING = re.compile(r"\bmonitor\w*|\bdrift\w*|监控|漂移|预警|报警", re.I | re.A)
# A new one made ("then generate one for field techs", "那就出一版"): a proposal, after the list of proposals.
ONE_MADE = re.compile(r"\b(?:generate|create|make|draft|propose|produce|put together)\s+(?:a\s+)?(?:new\s+)?one\b|生成一[个版份]|出一[个版份]"
                      r"|做一[个版份]新的", re.I | re.A)
# One of several letters named by its candidate ("the one for C000317 too harsh lah"): that letter, edited.
ONE_OF_THEM = re.compile(r"\bthe (?:one|letter|draft) (?:for|to)\s+C\d{3,}|给\s*C\d{3,}\s*的那封", re.I | re.A)
# A human review the person asked for ("Kid says he put in for a human review", "他说申请了人工复核").
HUMAN_REVIEW_ASKED = re.compile(r"\b(?:put in|asked|applied|filed|requested)\s+(?:for\s+)?(?:a\s+)?(?:human|manual)\s+review\b"
                                r"|\b(?:he|she|they)\s+(?:\w+\s+)?appealed\b"
                                r"|(?:申请|提交|提)了?(?:人工)?复核", re.I | re.A)
# A letter sent outside Candor ("我已经用微信发给他了，要在系统里点一下吗？", "I already emailed it to her myself").
SENT_ALREADY = re.compile(r"\b(?:already|just)\s+(?:sent|emailed|mailed|posted|forwarded)\b|\bsent it (?:already|myself|"
                          r"over)\b|已经.{0,8}发(?:给[^，,。]{0,4})?了|已(?:经)?发出", re.I | re.A)
# A figure's size wondered at ("why so high", "咋这么多"): about the answer before.
SO_MUCH = re.compile(r"\b(?:so|that)\s+(?:high|low|bad|poor|many|few|big|small|much|little)\b|(?:这么|那么|如此|恁)(?:高|低|多|少|差|大|小)",
                     re.I | re.A)
# A new one written ("could you write one up for her?", "再给他写一封"): after the drafts were listed, a new letter.
# No letter yet ("there is no letter for her yet, so kindly write one for her", "他还没有反馈信"): one to write.
NO_LETTER_YET = re.compile(r"\b(?:there'?s|there is|she has|he has|they have)\s+no\s+(?:feedback\s+)?(?:letter|draft)\b"
                           r"|\bno (?:feedback )?(?:letter|draft) (?:for \w+ )?yet\b|还没有?(?:反馈信|草稿)", re.I)
WRITES_ONE = re.compile(r"\b(?:write|draft|do|prepare|create|make)\s+(?:up\s+)?(?:one|them|some|a new one|another|(?:a\s+)?(?:draft|letter))(?:\s+up)?\s+(?:for|to)\b"
                        r"|(?:给|为)(?:他|她|C\d{3,}).{0,4}(?:写|起草|拟)(?:一封|封|一份|份)", re.I | re.A)
# Waiting for the speaker ("which of those letters are still sitting in the queue waiting on me?", "哪几封还等我审批").
LISTS = re.compile(r"\blist (?:them|those|these|all|the)\b|拉个?\s*(?:list|清单|列表)|列(?:个|出|一下)?(?:清单|列表)", re.I)  # a list asked
WAITING_ON_ME = re.compile(r"\bwaiting (?:on|for) (?:me|my|approval|sign-?off|review)\b|\b(?:the )?pending ones\b|\bin (?:the|my) queue\b|\bpending (?:my )?"
                           r"(?:approval|review|sign-?off)\b|\bstill (?:\w+ )?(?:pending|waiting|to be (?:approved|sent|signed))\b"
                           r"|待(?:我)?(?:审批|审核|批)|等(?:着)?我(?:审|批|签|看|过)|还没(?:审|批|发)", re.I | re.A)
LETTER_WORDS = re.compile(r"\b(?:letters?|feedback|draft\w*|e-?mail\w*|reply)\b|反馈|信|回复", re.I | re.A)
PROPOSE_VERB = re.compile(r"\b(?:propose|suggest|recommend|draft|come up with|knock up)\b|提出|出个|拟", re.I | re.A)
CHANGE_ASKED = re.compile(r"\b(?:adjust\w*|chang\w*|tweak\w*|updat\w*|revis\w*|rebalanc\w*|reweight\w*)\b|调整|调|改|变", re.I | re.A)
OUTCOME_WORDS = re.compile(r"\b(?:happen\w*|chang\w*|before|after|since|effects?|impacts?|results?|outcomes?|whether|brought|"
                           r"reduc\w*|lower\w*|rais\w*|improv\w*|(?:failure|fail|pass) rates?)\b|前后|之后|以后|是否|失败率|通过率|"
                           r"变化|结果|影响|上线", re.I | re.A)  # what a proposal did, not what it is
STORED = re.compile(r"\b(?:stored|saved|recorded|on file|filed|logged|what you came up with)\b|存(?:下|了|的)|保存", re.I | re.A)  # kept, shown again
PROPOSAL_ASKED = re.compile(r"\bproposals?\b|方案|提案", re.I | re.A)
# Weights Candor already proposed, asked to be seen ("the AI came up with new weights for sales last week, where can I
# see that suggestion?", "Monitoring … spat out a proposal. Can I have a squiz at it?").
MADE_BY_CANDOR = re.compile(r"\b(?:the ai|it|you|monitoring|the monitoring|the system|the tool|candor|the run)\b[^.?!]{0,60}?"
                            r"\b(?:came up with|generated|produced|spat out|spit out|put out|created|made)\s+(?:an?\s+|the\s+|some\s+|\d+\s+|any\s+)?"
                            r"(?:new\s+)?(?:proposals?|weights|weightings|suggestions?)\b"
                            r"|(?:它|系统|监控)\s*(?:generate|生成|出|产生)\s*了?\s*(?:哪些|几个|什么|新的)?\s*(?:proposals?|提案|方案)", re.I)
# A letter asked for in so many words ("could you draft a feedback letter for that candidate?", "I would like a feedback
# letter drafted for her").
LETTER_ASKED = re.compile(r"\b(?:draft|write|prepare|compose)\s+(?:an?|the|one)\s+(?:\w+\s+)?(?:letter|reply)\b"
                          r"|\b(?:letter|reply)\s+(?:\w+\s+)?(?:drafted|written|prepared)\b", re.I)
# How one person would do ("in the real work how he will do?", "so hows he gonna do on the job tho").
PERSON_FORECAST = re.compile(r"\bhow (?:he|she|they) (?:will|would|is gonna|is going to) (?:do|perform|fare|get on)\b"
                             r"|\bhow'?s (?:he|she|they) (?:gonna|going to) (?:do|perform|fare|get on)\b"
                             r"|\b(?:is|are) (?:he|she|they) (?:gonna|going to) (?:do well|perform|be any good|be good)\b"
                             r"|\bhow (?:would|will|'?d) (?:he|she|they) go\b(?! through)"
                             r"|\bhow(?:'?s| is| are|'re) (?:he|she|they) (?:likely to|gonna|going to) go\b(?! through)", re.I)  # "how would they go on the job"
# Only why, after an answer ("为啥啊是什么原因", "why tho?"): the answer before, its reasons.
WHY_ONLY = re.compile(r"^\W*(?:那|所以)?\s*(?:为啥|为什么|咋回事|怎么回事)?\s*(?:啊|呀|呢)?\W*(?:是|有)?(?:什么|啥|哪些)原因\W*(?:呢|啊|呀)?\W*$"
                      r"|^\W*(?:为啥|为什么)\s*(?:啊|呀|呢)?\W*$|^\W*(?:but\s+|and\s+)?(?:why|how come)(?:\s+(?:tho|though|so|is that))?\W*$", re.I)
# A relation asked for ("which of them go with people staying?", "is it linked to retention?").
GOES_WITH = re.compile(r"\b(?:go(?:es)? with|linked (?:to|with)|tied to|relate[sd]? to|predicts?|correlat\w*|associated with)\b"
                       r"|相关|挂钩|有关系", re.I | re.A)
SHOW_IT = re.compile(r"\b(?:show|see|display|pull up)\s+(?:me\s+)?(?:it|that|this one)\b", re.I)  # "Show it to me in full."
WHICH_OF_THEM = re.compile(r"\bwhich of (?:them|these|those)\b|哪几项|哪些能力|哪项能力|哪个能力", re.I | re.A)
# Whether something was made, not a request to make it ("did that make a proposal?", "has the run created one?").
WAS_IT_MADE = re.compile(r"\b(?:did|has|have)\s+(?:that|it|this|the\s+\w+|monitoring)\s+$", re.I)
NOT_YET = re.compile(r"\b(?:don'?t|do not|not|no|never)\b|别|不要|不用|先别|暂不", re.I | re.A)
# How one candidate would do if hired ("How is C008120 likely to do on performance rating if hired?", "C310842若录用，预计
# 绩效如何"): the prediction, unless it asks whether they would stay.
IF_HIRED = re.compile(r"\bif (?:we )?(?:hire[ds]?|hiring|taken on|brought on)\b|\bonce hired\b|"
                      r"\bonce (?:he|she|they) (?:starts?|joins?|(?:is|are|gets?) (?:hired|on board|in))\b|\bif we (?:went|go) ahead and (?:hired?|took|take|brought|bring)\b|\bif we (?:take|bring) (?:him|her|them) on\b"
                      r"|\bif (?:we )?(?:make|extend|send) (?:him |her |them )?(?:an |the )?offer\b|\bif (?:i|we) (?:took|take|brought|bring) "
                      r"(?:(?:him|her|them) on|on (?:him|her|them|C\d{3,}))\b"
                      r"|(?:如果|若|要是|假如)(?:被)?(?:录用|入职|招进来|招了|进来|来了|请来|请进来|聘来|来(?:干|做|当|我们|咱们)|发\s*offer|给(?:他|她)?\s*offer)"
                      r"|(?:如果|若|要是|假如)(?:我们|咱们)?(?:破格|直接|还是)?(?:录用?|招)(?:了)?(?:他|她)"  # "假如我们破格录他"
                      r"|(?:来了|进来|入职|招进来)(?:以后|之后|后)?(?:[一二三两半\d]+(?:年|个月|个季度))(?:能|会|可以)", re.I | re.A)  # "来了一年能给我卖多少货"
# The figures just given put into something to hand on ("put that into an export I can attach", "做成文档发我").
INTO_A_FILE = re.compile(r"\b(?:put|turn|make|get|pop|stick|convert)\b.{0,12}\b(?:it|that|this|them|those|these)\b.{0,8}"
                         r"\b(?:in|into|as)\s+(?:an?\s+|the\s+|one\s+)?(?:(?:proper|nice|short|single|one-page|printable|formal)\s+)?"
                         r"(?:export|document|doc|pdf|file|spreadsheet|csv|excel|report|deck|slides?|write-?up|one-pager)\b"
                         r"|\b(?:need|want|like|have|get)\s+(?:it|that|this|these|them|those)\s+(?:as|in)\s+(?:an?\s+)?(?:actual\s+|proper\s+|real\s+|formal\s+)?(?:file|document|doc|pdf|"
                         r"spreadsheet|csv|excel|report)\b"  # "I need this as file for the boss"
                         r"|\b(?:give|send|get)\s+(?:me|us)\s+(?:an?\s+|the\s+)?(?:file|csv|spreadsheet|excel|export|download|pdf)\b"  # "Give me a file, not a chat answer"
                         r"|(?:做成|整成|弄成|导成|出成|转成|生成)(?:一份|个|一个)?(?:文档|文件|表格|excel|pdf|报告|报表)"
                         r"|(?:导|导出|拉|弄|出|做)(?:个|一个|一份|成)\s*(?:csv|excel|表格|文件|pdf)", re.I | re.A)
HOW_WELL = re.compile(r"\bperform\w*|\bhow (?:good|well)\b|\bkpis?\b|\b(?:do|doing) well\b|\b(?:bring|brings|bringing) in (?:money|revenue|sales|deals)\b"
                      r"|\b(?:hit|hits|make|makes) (?:(?:his|her|their) )?(?:quota|target|numbers)\b|绩效|表现|干[得的](?:好|怎么样|咋样)|干得|做得(?:好|怎么样|咋样)|能干(?:好|成)|活儿?能干|干活(?:能行|行不行|咋样|怎么样)|业绩",
                      re.I | re.A)  # how a person would do in the job (not whether they stay)
FORECAST = re.compile(r"\b(?:estimate|predict|forecast|expect\w*|project\w*|how (?:good|well)|ballpark|(?:are|am|is) (?:we|i) looking at|(?:will|would) (?:he|she|they) "
                      r"(?:actually |really )?(?:do|be|likely get on|get on|fare|cope|bring in|hit|make|deliver|sell))\b|"
                      r"预计|预测|估计|估摸|估算|估一下|估个|能(?:控制在|做到|达到|拿到|到|打到)多少|能干好|干[得的](?:好|怎么样|咋样)|(?:表现|绩效|业绩)(?:会|能)|区间|(?:大概|大约|预计)(?:会)?(?:是|有|在)?多少", re.I | re.A)
STAYS = re.compile(r"\b(?<!if he )(?<!if she )(?<!if they )(?<!does )(?:stay(?:s|ing)?|leav(?:e|es|ing)|quit(?:s|ting)?|resign\w*|bail(?:s|ing)?|walks?(?! (?:me|us|you|them|him|her) through)(?! through)|flight risk|attrition|retention|turnover)\b|(?<!要是)(?<!如果)(?<!假如)(?<!万一)留(?:下|得住|存)|离职|跑路|走人|"
                   r"干不长|待不长|呆不久|留不住|[待呆]得住|[待呆]不住|[待呆]住(?:不|吗|没|了吗)|[待呆]多久|撂挑子|[年月天周]就(?:走|跑|撤|辞)|就跑了|跑掉"
                   r"|\bwalk(?:s|ing)? off\b|\bstick it\b|\b(?:jack|pack) (?:it|the job) in\b|\bcall it quits\b|\bhand in (?:his|her|their) notice\b"
                   r"|能干长|干得长|拍屁股走|拍拍屁股|\brun away\b|\bcabut\b|\bjump ship\b|跳槽|(?<!does )(?<!do )(?<!did )(?<!if he )(?<!if she )(?<!if they )\b(?:stick|hang)(?:s|ing)? around\b|\bdepart(?:s|ing|ure)?\b|\bremain(?:s|ing)? (?:with|at) (?:the|us|our)\b|\bwill (?:he|she|they) stick\b"
                   r"|\b(?:he|she|they)\b(?:\s+\w+){0,2}?\s+(?:dip|bounce|peace out)\b", re.I | re.A)  # "is he gonna dip after 3 months"
# A letter asked for by its first words ("Draft the feedback for C613390 — transparent but diplomatic…", "起草一封…").
DRAFT_LEAD = re.compile(r"^\s*(?:please\s+|pls\s+|kindly\s+|(?:can|could|would) (?:you|u)\s+)?(?:draft|write|prepare|compose|put (?:that|this|it|all that) in(?:to)? an? (?:letter|e-?mail|reply))\b"
                        r"|^\s*(?:(?:基于|根据|按照?|就着?)[^，,。；;]{1,10}?)?(?:请|麻烦|帮我|帮忙|你|您|能不能|能否|可不可以|可以|据此)*(?:[给帮为](?:他|她|该?候选人|对方|人家))?"
                        r"(?:起草|拟|写|出(?=一版|一份|一封|份|封)|回(?=个|一封|封|信|复|邮件))", re.I | re.A)
OPENER = re.compile(r"^\s*(?:(?:ok(?:ay)?|right|fine|alright|so|then|well|那就?|好惨啊?|唉|哎呀?|天哪|啊这|好的?|行|嗯|明白了?|收到|了解|咁)"
                    r"(?:[,，\s]+|(?=[帮请写拟起给你您])))+", re.I)  # "好惨啊给他写点温柔的东西吧"
FEEDBACK_ASKED = re.compile(r"\bfeedback\b|反馈", re.I | re.A)  # not an offer or a termination letter: not Candor's
# A group of the audit just shown asked about ("wait what 0.71?? which group", "哪个群体最低").
# The figure without the audit's groups ("the plain failure rate, without split by groups", "不分群体的整体失败率").
NOT_BY_GROUP = re.compile(r"\bwithout (?:any |the )?(?:split\w*|break\w*(?: it)?(?: down)?|grouping|groups?)\b|\bin general\b|\bnot (?:split|broken down|grouped) by\b"
                          r"|\b(?:plain|overall|headline|ungrouped)\b|\bregardless of (?:the )?(?:groups?|gender|age|education)\b|不分(?:组|群体|人群|性别|年龄|学历)|不按.{0,6}分|整体(?:的)?(?:失败率|通过率|淘汰率)",
                          re.I | re.A)
WHICH_GROUP = re.compile(r"\b(?:which|what) (?:groups?|subgroups?)\b|\bimpact ratios?\b|哪(?:个|一个|些)?(?:群体|组|人群)",
                         re.I | re.A)
# What a weight change did, asked in other words ("the marketing planner reweighting … turned out to be true", "did the
# R&D rebalance actually buff anything"): its outcome.
A_CHANGE = re.compile(r"\b(?:reweight\w*|re-weight\w*|rebalanc\w*|(?:weight|model) change|weights? (?:we )?changed)\b|\bchanges? to (?:the |our )?"
                      r"[\w ]{0,30}\bweights?\b|调权重|改权重|权重调整",
                      re.I | re.A)
ITS_EFFECT = re.compile(r"\b(?:work(?:ed|ing)?(?! out)|turn(?:ed)? out|help(?:ed)?|buff(?:ed)?|placebo|pa(?:y|id) off|(?:made|make) (?:\w+ ){0,4}?difference|"
                        r"move[ds]? the needle|any better|improv\w*|did anything|(?:cut|cuts|brought|bring|knocked) (?:down|back)|do anything|(?:made|make) any difference|any (?:effect|impact)|shifted|"
                        r"before (?:vs\.?|versus|and|&|/) after)\b|\bwhat (?:effect|impact)\b(?= [^.?!]{0,40}\bha(?:s|d|ve)\b)|\bwhat (?:has |have )?(?:happened|changed) (?:[\w-]+ ){0,4}?(?:after|since)\b"
                        r"|\bwhat (?:it|that|the change|they) (?:actually |really )?(?:did|has done|achieved)\b|\bmove[ds]? (?:the )?(?:\w+ )?(?:failure rate|fail rate|pass rate|performance)\b|\bmove[ds]? anything\b|\bdone what it (?:said|promised|was (?:meant|supposed) to)\b|\bhow(?:'?s| is) it (?:doing|going)\b|\b(?:has |have )?performed since\b|\bsince it (?:took effect|went live|was applied)\b|\bwhat(?:'?s| has| have) (?:it|that|they|the change)(?: \w+)? done\b|\bwhat did (?:it|that|the change) (?:do|achieve)\b|\bwhat(?:'?s| has| is| was) (?:the|its|their) (?:effect|impact)\b(?! ratio)"
                        r"|有用|效果|管用|起作用|变好|(?:批准|通过|上线|生效|实施)前后|打到点|见效|奏效|成效|(?<!调整)(?<!变化)(?<!权重)前后(?:的)?对比|有[没沒]有[让讓]|[让讓].{0,10}(?:下降|上升|降低|提高|改善)"
                        r"|变少|变多|减少了|降(?:了|下来)|好转|有变化|复盘", re.I | re.A)
# Whether it did something, asked ("and did it work?", "has any of them made a difference", "有没有效果"): not a wish.
EFFECT_ASKED = re.compile(r"\b(?:did|does|has|have|was|were)\b|\bwhat(?:'?s| is) (?:the|its|their) (?:effect|impact)\b|\bhow(?:'?s| is) it\b|\bwhat'?s it done\b|请说明|说明一下|(?<!调整)(?<!变化)(?<!权重)前后(?:的)?(?:数据)?对比|\bwhat (?:happened|changed|it did|that did)\b|\b(?:see|know|check|find out) (?:if|whether)\b|有没有|了吗|了没|了吧|复盘|[少多]没|怎么样|没得|"
                          r"咋样|如何", re.I | re.A)
# A proposal's status asked ("Status on proposal 6. Approved, rejected or still in limbo?", "3号提案批了吗"): shown.
STATUS_ASKED = re.compile(r"还没\s*(?:approve|批准?|审批|通过)的?|(?:哪些|哪几个|几个|多少)(?:是|还)?(?:没|未)(?:批|审批|批准)的?|\bnot yet approved\b|\bunapproved\b|\bstatus\b(?!\s*(?:=|:|to)\s*['\"]?(?:approved|rejected|declined))|\bstill (?:pending|in limbo|waiting|open)\b|\bhas (?:it|that|proposal \d+) been\b"
                          r"|\b(?:was|is) (?:it|that) (?:approved|rejected|applied)\b|\bdid (?:it|that|they) (?:get|go) (?:through|a"
                          r"pp?roved|rejected|signed off)\b|\bawaiting (?:a )?decision\b"
                          r"|批了(?:吗|没|莫得|冇|未|没有)|批没批|通过了(?:吗|没|莫得)|有没有批|什么状态|啥状态|(?:在|进)(?:了)?审批(?:流程)?(?:里|中)?了?(?:吗|没|没有)"
                          r"|\b(?:in|through) (?:the )?(?:approval|sign-?off) (?:queue|process|flow)\b",
                          re.I | re.A)
# New weights asked for ("knock up new weights for field tech", "那你给整个新方案呗"): a proposal made.
NEW_WEIGHTS = re.compile(r"\b(?:make|draft|do|put together|create|generate|produce|prepare)\s+(?:a|one|an)\s+(?:new\s+)?"
                         r"(?:weight(?:ing)?\s+)?proposal\b(?! (?:request|letter))|\bmake (?:new )?proposal (?:to|for)\b"
                         r"|\bturn (?:it|that|this|them) into (?:a |an )?(?:new |weight |weighting )?proposal\b"
                         r"|\b(?:knock up|come up with|draft|suggest|propose|put together|make|work out|give me)\b.{0,15}\bnew "
                         r"(?:weights|weightings)\b|\b(?:draft|suggest|propose|put together|make|work out|give me|do)\s+(?:me\s+)?"
                         r"(?:a|an|the)\s+(?:new\s+|fresh\s+)?(?:re-?weight(?:ing)?|re-?balance|re-?weighting)\b|(?:整|出|做|提|来|给|拿)(?:个|一个|一版|份|一份)?新(?:的)?(?:方案|权重)", re.I | re.A)
# Who took a decision, or when ("who approved proposal 3 and when?", "3号提案是谁批的"): the proposal shows it.
WHO_DECIDED = re.compile(r"\b(?:who|when|which (?:manager|person)) (?:approved|rejected|signed off|decided)\b|"
                         r"\bwhen (?:was|were) (?:it|they|that|proposal \d+|#?\d+) (?:approved|rejected|decided)\b|"
                         r"谁(?:批|批准|驳回|否决|签批)的|什么时候(?:批|批准|驳回|否决)的|哪天(?:批|批准|驳回)的", re.I | re.A)
# A judgement of a role's weights with nothing to judge them by ("are the weights OK for marketing?", "市场策划的权重还行吗"):
# the profile's weights, whether they predict performance, or new ones; asked back, never a guess.
VAGUE_ABOUT_WEIGHTS = re.compile(r"\bweights?\b.{0,25}\b(?:ok|okay|fine|good|alright|all right|reasonable|sensible)\b"
                                 r"|权重.{0,8}(?:还行|行不行|行吗|可以吗|合适吗|没问题吧|怎么样|咋样|如何)", re.I | re.A)
JUDGED_BY = re.compile(r"perform|predict|\bkpi|\bhires?\b|turnover|retention|\bstay|evidence|\bdata\b|fail|绩效|预测|留存|离职|"
                       r"表现|数据|依据|新人|入职|失败|挂", re.I | re.A)


# An ask in the imperative ("Suggest new weights.", "show me the proposal"), after "ok", "so", "now"…
TELLS_TO = re.compile(r"^\W*(?:(?:ok(?:ay)?|so|now|then|just|right)\W+)?(?:suggest|propose|draft|write|run|show|give|list|pull|"
                      r"make|create|score|re-?score|approve|reject|tell|check|predict|build|send|find|compare|explain)\b", re.I)
STATES = re.compile(r"^\W*(?:we|i|they|our|my|he|she|it|this|that|there|these|those)\b", re.I)  # how things are, told

JOINED_BY = re.compile(r"^\W*(?:and|also|plus|then)\b\W*|^\W*(?:还有|以及|另外|然后|再)", re.I)  # the word that joined two parts
# A part of a message that asks for something in its own words ("can you draft letters…", "kindly …", "run a bias audit").
ASKS_FOR = re.compile(r"(?:(?:can|could|would|will) you|please|pls|kindly|run|draft|write|score|re-?score|propose|generate|"
                      r"approve|reject|predict|send)\b|请|麻烦|帮我|帮忙", re.I)
# Something asked for, not only told ("?", "please", "can you", 请, 能不能, 吗).
ASKING = re.compile(r"[?？]|\b(?:please|pls|kindly|can|could|would|will)\b|请|帮|麻烦|能不能|能否|可以|吗|给我|导出|看看|看一下",
                    re.I | re.A)
# "If so, run it" after asking what Candor can do: the run is what is asked.
RUN_IF_SO = re.compile(r"\bif (?:so|yes|you can|you do)\b[,\s]*(?:(?:could|can|would) you |please )?(?:please )?(?:run|do|generate|make|"
                       r"draft|start|set)\b|(?:如果|要是)(?:可以|能|是|有)的话[，,\s]*(?:请|麻烦|帮我)?(?:跑|运行|做|生成|出|执行)", re.I | re.A)
# The polite frame around a request ("Could you go ahead and approve it now": "approve it").
POLITE_FRAME = re.compile(r"\b(?:could|would|can|will) you(?: please)?\b|\b(?:please|kindly|just|now)\b|\bgo ahead and\b", re.I)
# The one of a role, among those shown ("Turn down the §role one", "那个§role的提案直接核准"): names which, nothing more.
THE_ROLES = re.compile(rf"\bthe {ROLE} (?:one|proposal)\b|{ROLE}\s*的?\s*(?:那个|那份|这个)?\s*(?:提案|方案)")
# A number standing alone ("proposal 6." is 6; "6.5", "4/5", "5 percentage points" none).
LONE_NUMBER = re.compile(r"(?<![A-Za-z0-9./])(\d{1,6})(?![0-9%/]|\.\d|\s*(?:percentage points?|percent|pp|points?|pts|个?百分点))")
# Where a clause ends: punctuation, "because", and in Chinese a space too ("看了 bu xing 驳回 产线主管成本控制不能降").
CLAUSE_BREAK = re.compile(r"[,，;；.。!！?？—]|\b(?:because|since)\b|因为|(?<=[\u4e00-\u9fff])\s+|\s+(?=[\u4e00-\u9fff])")
# The score before a re-score ("Kindly compare with the old score, did anything change?", "跟原来的分比呢").
OLD_SCORE = re.compile(r"\b(?:old|previous|earlier|original|prior|first) (?:scores?|scoring|results?|marks?)\b"
                       r"|(?:原来|之前|上次|以前|旧)的?(?:分|得分|分数|结果|评分)", re.I | re.A)
# Why, anywhere in the message ("排第1那个为啥这么高").
WHY_ANYWHERE = re.compile(r"\bwhy\b|\bhow come\b|为啥|为什么|为何|凭啥|咋(?:这么|那么)", re.I)

# What Candor has just made, asked for again ("show me the one u just made again", "刚才出的那份再给我看看").
JUST_MADE = re.compile(r"\b(?:the one|it|that|what) (?:you|u) (?:just )?(?:made|did|proposed|came up with|put together|created|wrote|drafted)\b"
                       r"|刚(?:才|刚)?(?:出|做|生成|拟|写|起草)的(?:那个|那份|那版|那封)?", re.I)

# A correction of what was just asked ("唔係佢，我講錯，應該係C001303", "不对我说错了 是提案十七", "sorry, I meant C000124"):
# the same request, for the id it names now.
CORRECTED = re.compile(r"说错了?|讲错了?|打错了?|写错了?|搞错了?|记错了?|口误|\bi meant\b|\bmy (?:bad|mistake)\b|\bsorry,? (?:wrong|typo)\b"
                       r"|\bcorrection\b|\b(?:typo|wrong (?:one|id|number))\b", re.I)
# A period or a role changed, the rest as before ("请将时间段改为八月。", "change the period to Q2", "switch it to marketing").
CHANGED_TO = re.compile(r"(?:改为|改成|换成|换为|调成|调整为|改到|换到)|\b(?:change|switch|make|set|move) (?:it|that|this|the (?:period|"
                        r"role|dates?|time ?frame|range|months?|window))\s+(?:over )?to\b", re.I)
# Knowledge in general, not of Candor's records ("What is the difference between a KPI and an OKR, in general?",
# "Explain the difference between a t-test and a Mann–Whitney U test.", "请简要介绍一下国企人事档案管理的相关规定。").
IN_GENERAL = re.compile(r"\b(?:what(?:'s| is| are) the differences? between|explain the differences? between|in general)\b"
                        r"|一般来说|通常来说|有(?:什么|啥)区别|区别是(?:什么|啥)|相关(?:法律|法规|规定|政策)|法律法规|劳动法", re.I)
# Applying a decision taken elsewhere asked for ("Proposal 8 was approved by exco, apply it please", "…already signed
# off on proposal 9 po, pls approve it in the system").
APPLY_ASKED = re.compile(r"\b(?:please )?apply (?:it|them|that|this|the (?:new )?weights)\b(?! (?:to|for|on)\b)|\bgo ahead and apply\b"
                         r"|\b(?:please|pls|plz|kindly) (?:approve|apply|sign off) (?:it|them|that|this)\b"
                         r"|请(?:直接|帮我)?(?:应用|执行|落地)", re.I)
# A number that measures something ("20 hours a week", "3 people"): no numbered thing.
MEASURED = re.compile(r"\s*(?:%|percent|hours?|hrs?|days?|weeks?|months?|years?|yrs?|minutes?|mins?|people|persons|staff|"
                      r"candidates|hires|new hires?|小时|天|周|个月|年|分钟|个|位|名|人)", re.I)
# The message is addressed to Candor ("you", "your", 您; "u" only in lower case, not the U of "Mann–Whitney U").
ASKS_CANDOR = re.compile(r"\b(?:you|your|yours|candor)\b|(?-i:\bu\b)|你|您|贵助手", re.I)
# The others waiting, after one proposal ("Now surface everything else that's pending for product ops", "其他待批的也列一下").
OTHERS_PENDING = re.compile(r"\b(?:everything|anything|what|whatever|all|the rest|the others?|others)(?: else)?(?: that'?s| that is| that are|"
                            r" is| are)? (?:still )?(?:pending|waiting|open|outstanding|in the queue|undecided)\b"
                            r"|其他(?:还)?(?:待批|待审|没批|未批)|还有哪些(?:待批|待审|没批|未批)", re.I)
