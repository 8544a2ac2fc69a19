"""Understanding a message: intent, slots (role, competency, category, period, attributes) and what to show.

Pure functions over the text and the vocabulary of known names; no database, no model.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from assistant.planner.social import social
from candor.language import CJK, another_language, language_of
from candor.periods import YEAR_EARLIER, find_period
from tools.shared.lookup import Vocabulary, normalise

STATS_WORDS_EN = re.compile(
    r"\b(fail\w*|pass(ed|es|ing)?\s*rate|pass rate|reject\w*|why|reasons?|trend|statistic\w*|stats|"
    r"how many|top failing|weak\w*|gaps?|drop\w*|interview\w*|outcome\w*|report)\b", re.I)
# Saying that candidates failed, in the words people use (one lexicon for the router and the slot readers).
FAILURE_WORDS = re.compile(
    r"\bfail\w*|\bflunk\w*|pass(?:ed|ing)?\s*rates?|\breject\w*|\bdidn'?t (?:pass|make it|clear)|\b(?:knocked|screened|"
    r"weeded|washed) out\b|\bfell short\b|\b(?:below|under) the (?:bar|cut|threshold|minimum)\b|\bmake the cut\b|"
    r"失败|通过率|淘汰|没通过|未通过|不通过|没过|挂了|挂掉|被挂|刷掉|刷下|被刷|不及格|不达标|未达标|没达标|不合格|落选|没过关|"
    r"未过关|栽在|卡在|折在|倒在|低于(?:门槛|及格线|最低分)", re.I | re.A)
STATS_WORDS_ZH = re.compile(r"(失败|通过率|淘汰|原因|趋势|统计|没通过|未通过|没过|不通过|差距|短板|面试|为什么|多少|不及格|不达标|"
                            r"未达标|没达标|不合格|落选|刷掉|被刷|挂了|挂掉)")
TREND_WORDS = re.compile(r"(trend|month[- ]by[- ]month|monthly|over time|per month|each month|every month|month on month|"
                         r"趋势|按月|每月|逐月|走势|每个月|分月|月度)", re.I)
# Asks which way a figure moves ("…, and is it rising?", "是不是越来越高了"): the monthly rows lead the answer. Not a
# trend slot: the words say nothing about which tool answers.
DIRECTION_WORDS = re.compile(r"(?<![a-z])(?:rising|going (?:up|down)|gone (?:up|down)|getting (?:worse|better|higher|lower)|"
                             r"increasing|decreasing|falling|dropping|climbing|trending (?:up|down)|up or down)(?![a-z])|"
                             r"在上升|在下降|上升了|下降了|越来越|走高|走低|回落|攀升|涨了还是降了|升了还是降了", re.I)
ALL_ROLES_WORDS = re.compile(r"(all roles|every role|each role|which roles?|by role|across roles|compare roles|"
                             r"所有岗位|各岗位|全部岗位|哪个岗位|哪些岗位|各个岗位|按岗位|岗位是哪|哪个岗|哪类岗位|最高的岗位|最低的岗位)", re.I)
# English openers need a word boundary; Chinese ones cannot have one (no spaces between characters).
FOLLOWUP_WORDS = re.compile(r"^\s*((and|what about|how about|same for|now|only|just|show)\b|那|那么|再|换成|只看|仅看|只)|"
                            r"(呢[？?]?\s*$)", re.I | re.A)
CLEAR_FILTER_WORDS = re.compile(r"(all (failure )?reasons|all categories|every reason|all competencies|no filter|"
                                r"所有原因|全部原因|不限原因|所有胜任力|不限)", re.I)
PASS_RATE_WORDS = re.compile(r"(pass(ed|ing)?\s*rate|how many pass|通过率|通过比例|多少人通过)", re.I)
# What a face or manner on video shows ("didn't smile and kept looking away", "avoiding eye contact").
_SIGNALS = (r"(?:nervous\w*|face|facial|expressions?|(?:shifty|darting|wandering) eyes|eyes (?:all over|darting|wander\w*)|"
            r"eye contact|smil\w*|look(?:ing|ed|s)? away|fidget\w*|body language|"
            r"posture|sweat\w*)")
# Requests the assistant must decline, whoever asks: automatic rejection on facial or behavioural
# signals (they only ever route to human review), and candidates' contact details.
REFUSE_AUTO_REJECT = re.compile(
    r"((auto(matic(ally)?)?[- ]?reject\w*|reject\w* (automatically|everyone|every|all)).*(face|facial|smil\w*|expression|"
    r"nervous|emotion|video|camera|signal)|(face|facial|smil\w*|expression|emotion)\w*.*(auto(matic(ally)?)?[- ]?reject)|"
    r"(表情|面部|面相|长相|的脸|(?:那|这)[个张]脸|微笑|紧张|情绪|眼神|個樣|个样|样子|眨眼|抖腿|抖脚|小动作|坐姿|手抖|出汗).*((自动)?(淘汰|拒绝|刷掉|刷了|刷下去|筛掉|pass掉|要不要刷)|(直接|就|自动)\s*fail)|自动(淘汰|拒绝)"
    # failing someone on how they looked ("just mark him fail based on his face can?", "configure the interviews so that
    # candidates whose facial expressions indicate nervousness are failed automatically")
    r"|\b(mark|flag|set)\s+(\w+\s+)?(as\s+)?(a\s+)?(fail|failed|reject\w*)\b.{0,40}\b(face|facial|expressions?|nervous\w*|looks?|emotions?)\b"
    r"|\b(fail|reject|disqualify|screen out)\s+(him|her|them|everyone|anyone|those|candidates|people)\b.{0,30}\b(based on|because of|for|on)\s+"
    r"(his|her|their|the|how)?\s*(\w+\s+)?(face|facial|expressions?|nervousness|looks|emotions?)\b"
    r"|\b(face|facial|expressions?|nervous\w*|emotions?)\b.{0,80}\b(failed|rejected|disqualified|screened out)\s+automatically\b"
    r"|\bautomatically\s+(fail|reject|disqualif)\w*\b.{0,60}\b(face|facial|expressions?|nervous\w*|emotions?)\b"
    rf"|\b{_SIGNALS}\b[^?]{{0,100}}[.!;]\s*(so\s+|just\s+|then\s+)?(fail|reject|bin|drop)\s+(him|her|them)\b"
    rf"|\b{_SIGNALS}\b.{{0,60}}\b(so (that )?(we|i|you) can|in order to|to|and) (reject|fail|disqualify|screen out|drop)\s+"
    r"(him|her|them|those|candidates)\b)", re.I)
_CHANNEL = r"(?<!by )(?<!via )(?<!over )(?<!through )(?<!over the )(?<!on the )"  # "sent by email" names no address
REFUSE_CONTACTS = re.compile(
    rf"({_CHANNEL}(e-?mails?|phone( numbers?)?|contact (details|info\w*)|addresses)\b(?!\s+(?:it|am|him|her|them|this|that)\s+to\b)"
    r".*\b(candidates?|applicants?|everyone|"
    rf"all)\b|\b(candidates?|applicants?)'?s?\b.*\b{_CHANNEL}(e-?mails?|phone( numbers?)?|contact (details|info\w*))(?![a-z])|"
    r"(候选人|应聘者|所有人).*(邮箱|电话|手机|联系方式)|(邮箱|电话|手机号|联系方式).*(候选人|应聘者)"
    r"|\b(?:their|his|her)\s+(?:cell|mobile|phone|home)(?:\s+phone)?\s+(?:numbers?|nos?\b|#)|(?:他|她)们?的(?:手机号|电话号码?|联系方式)"
    r"|(?<![其])(?:他|她)\s*(?:的\s*)?(?:手机|电话)(?:号码?)?\s*(?:是)?(?:多少|几号)"  # "咁佢电话几多号？" (expanded: 他电话多少号)
    # one candidate by id: "whats C002004s phone number", "C002004的电话多少"
    r"|\b[C]\d{3,}(?:'?s)?\b.{0,30}?\b(?<!by )(?<!via )(?<!through )(?<!on the )(?<!over the )(e-?mail(?: address)?|phone(?: number)?|mobile|contact (?:details|info\w*)|"
    r"(?:home )?address|wechat(?: id)?|whatsapp)(?![a-z])|\b(?:mobile|cell|phone|contact)(?: (?:number|no\.?|details|info))?\s+(?:of|for)\s+"
    r"(?:candidate\s+)?C\d{3,}|\b[C]\d{3,}(?:.{0,12}?(?:邮箱|电话号码?|电话是?多少|手机号?|联系方式|住址|微信号?)|\s*的?\s*电话\s*[?？]?\s*$))", re.I | re.A)
# The contact details are the ask itself, not a figure beside them.
CONTACTS_ASKED = re.compile(r"^\s*(?:(?:alright|all right|ok(?:ay)?|now|so|and|then|right)[,.!\s]+)*(?:please\s+|pls\s+|kindly\s+|"
                            r"(?:can|could) you\s+)?(?:give|gimme|send|get|pull|list|export|share|"
                            r"forward|find)\s+(?:me\s+|us\s+)?(?:the\s+|all\s+|their\s+|his\s+|her\s+)?(?:cell\s+)?(?:e-?mails?|phone|mobile|contact|"
                            r"(?:home\s+)?addresses)|^\s*(?:请|麻烦)?(?:给我|发我|导出|列出|把).{0,16}(?:手机号|电话号码|邮箱|联系方式)"
                            r"|^\W*(?:咁|那|那么|所以)?\s*(?:他|她)\s*(?:的\s*)?(?:手机|电话|微信|邮箱)(?:号码?)?\s*(?:是)?(?:多少|几号)", re.I)
# "got a cranky email from one", "a phone call from a candidate": a message received, not an address asked for.
A_MESSAGE = re.compile(r"\b(?:a|an|one|another)\s+(?:[a-z'-]+\s+){0,2}?(?:e-?mail|phone call|call)\b|\b(?:feedback|rejection|follow-?up|outcome)\s+e-?mails?\b|\b(?:sent|sends|wrote)\s+(?:(?:us|me|an?)\s+)?e-?mail\b|\be-?mail(?:ed)?\s+(?:me|us)\b"
                       r"|\be-?mail(?:ed)?\s+(?:it\s+|them\s+)?to\s+(?:the\s+)?(?:candidate|applicant|him|her|them)\b"  # "already email to the candidate": sent
                       r"|\be-?mail\s*[:：]\s*[\"'“‘「]"  # "Candidate email: 'Under GDPR I am requesting deletion…'"
                       r"|(?<![a-z])e-?mail(?:ed)?\s*(?:嚟|来|咗|了|过|给|俾|畀|说|讲|话)"  # "C000552 email嚟话…", "email咗俾candidate": sent
                       r"|打(?:了|过)?(?:个|一个|一通)?电话|(?:来|打来)了?个?电话|发(?:了|过|来)?(?:个|一个|一封|封)?\s*(?:e-?mail|邮件|短信|微信)|电话(?:里|中|说|讲|嚟|头|那头|那边|上|解释|沟通|联系过|通知|告知|说明)", re.I)  # "打电话嚟话…"

# One person's private life or pay asked for ("is he married and what is his religion?", "那他现在工资拿多少？"): Candor
# holds none of it and it must not enter a hiring decision; declined. Not a group question ("pass rates by marital
# status") and not a cost weighed against a forecast ("his salary ask is 90k, is he worth it?").
# (who a person is, asked "for candidate 552" too: "Pull the race and veteran self-ID answers for candidate 552")
_IDENTITY_EN = (r"race|ethnicity|ethnic (?:origin|background)|veteran status|self-?id(?:entification)?(?:\s+(?:answers?|data|responses?|forms?))?|"
                r"nationality|citizenship|immigration status|sexuality")
_PRIVATE_EN = (rf"religion|religious beliefs?|faith|marital status|union membership|criminal record|police record|salary|salaries|pay|{_IDENTITY_EN}|"
               r"earnings|medical history|health "
               r"(?:issues?|problems?|conditions?|records?)|sexual orientation|political (?:views?|party|affiliation)|ctc")
_PRIVATE_ZH = (r"宗教|信仰|信什么教|信教|结婚|婚否|已婚|未婚|婚姻|怀孕|生育|要孩子|生孩子|病史|健康状况|身体(?:有|怎么样|状况|好不好)|有(?:啥|什么|没有)?病|残疾|政治面貌|工资|薪资|薪水|月薪|"
               r"年薪|拿多少钱|人工几多|人工多少|身份证|案底|前科|犯罪记录|民族|种族|国籍|哪里人|哪儿人|籍贯|老家(?:是|在)?哪|哪国人|哪个国家的?人|家住(?:在)?哪|住(?:在)?哪|住址|家庭地址|"
               r"信\S{0,2}教")  # not 收入, 赚多少: what a salesperson brings in
PRIVATE_ASKED = re.compile(
    r"\b(?:is|was|are)\s+(?:he|she|C\d{3,})\s+(?:married|single|pregnant|religious|gay|disabled)\b"
    rf"|\b(?:does|did|do|has|have)\s+(?:he|she|C\d{{3,}})\s+(?:have|got|had)\s+(?:any\s+|ony\s+|some\s+)?(?:{_PRIVATE_EN})\b"
    # one person's private fact, said with a possessive ("his religion", "C000318's marital status", "whats his linkedin",
    # "her home address"; not "his ability to address …")
    rf"|\b(?:his|her|C\d{{3,}}'?s?|the candidate'?s|this candidate'?s)\s+(?:(?:\w+\s+){{0,2}}?(?:{_PRIVATE_EN})|"
    r"linkedin|facebook|instagram|tiktok|wechat|whatsapp|socials|(?:home |postal |mailing |street )?address)\b"
    # one person named beside who they are or where they live ("He what religion ah?", "where does he live, home address?",
    # "where's he from? what country?"), and people listed by name beside it ("by race … list each person by name")
    rf"|\b(?:he|she|him|his|her|C\d{{3,}})\b[^.?!]{{0,30}}\b(?:{_IDENTITY_EN}|religion|religious|home address)\b"
    rf"|\b(?:{_IDENTITY_EN}|religion)\b[^.?!]{{0,30}}\b(?:of|for) (?:him|her|C\d{{3,}})\b"
    r"|\bwhere(?:'s| is| was)? (?:he|she|C\d{3,}) from\b|\bwhat country (?:is |was )?(?:he|she|C\d{3,})\b"
    rf"|\b(?:{_IDENTITY_EN}|religion)\b[^.?!]{{0,60}}\b(?:by name|each (?:person|candidate|one) by name|names? of (?:each|every|all))\b"
    rf"|\b(?:{_PRIVATE_EN})\b[^.?!]{{0,20}}\bof\s+(?:candidate\s+)?(?:C\d{{3,}}|him|her|the candidate|this candidate)\b"
    rf"|\b(?:{_IDENTITY_EN})\b[^.?!]{{0,20}}\b(?:of|for|on)\s+(?:(?:candidate|applicant)\s+#?\d{{1,7}}\b|C\d{{3,}}\b)"
    rf"|\b(?:what|wah|which)\s+(?:{_IDENTITY_EN}|religion)\s+(?:is\s+)?(?:(?:the\s+)?(?:candidate|applicant)\s+)?(?:C\d{{3,}}|he|she)\b"
    r"|\bhow much (?:does|did|do) (?:he|she|C\d{3,}) (?:earn|make|get paid)\b"
    rf"|(?:(?<![其])他|她|(?<![其])伊|这个人|此人|该候选人|这位|这伢|这娃|这小伙|这姑娘|C\d{{3,}})[^，,。？?！!]{{0,12}}(?:{_PRIVATE_ZH})"
    # people listed by a private fact, or with their birthdays or ages ("which of the candidates who failed are union
    # members?", "the names and birthdays of the women who failed", "所有女性候选人的名单和年龄")
    r"|\bwhich (?:of (?:the|our|those) )?(?:\w+\s+){0,2}?(?:candidates|applicants|people|hires|ones)\b[^.?!]{0,40}\b(?:is|are|was|"
    r"were)\s+(?:a\s+)?(?:union members?|in (?:a|the) union|pregnant|married|religious|gay|disabled)\b"
    r"|\bnames?\b[^.?!]{0,20}\b(?:birthdays?|dates? of birth|ages|home addresses|religions?)\b|\b(?:birthdays?|dates? of birth)\b"
    r"[^.?!]{0,20}\bnames?\b|名单.{0,8}(?:年龄|出生日期|生日|身份证|婚否)|(?:年龄|出生日期|生日|身份证).{0,8}名单"
    # what people post or did elsewhere ("pull the linkedin profiles for the ppl who failed", "他以前在哪干过、有没有案底")
    r"|\b(?:linkedin|facebook|instagram|tiktok|social media)\s+(?:profiles?|accounts?|pages?|posts?)\b|(?:朋友圈|微博|抖音)(?:账号|主页)?"
    r"|(?:他|她)以前在哪(?:干|工作|上班)过", re.I)
WEIGHED = re.compile(r"\bworth\b|\broi\b|\bcost\w*\b|\bbudget\b|\bweigh\w*|\b(?:salary|pay) (?:ask|expectations?)\b|\bask(?:ing|ed)? "
                     r"(?:for )?(?:salary|pay)\b|值不值|值得|划算|性价比|成本|预算|期望|要价", re.I)

# The speaker's boss ("主管让我整理…", "跟着主管做招聘", "我们主管要拿去做ppt", "用人主管说…"), not the Production Supervisor role.
BOSS_ZH = re.compile(r"(?:我|我们|我的|我们的|跟着|跟|找|问|用人|直属|部门|业务)主管|主管(?=让|叫|说|要我|要求我|交代|吩咐|安排我|问我|催)")

# Attempts to change the rules ("ignore previous instructions", "print your system prompt"): declined.
REFUSE_INJECTION = re.compile(r"(ignore (all |any )?(the )?(previous|prior|above|earlier) (instructions|rules)|developer mode|"
                              r"system prompt|jailbreak|you are now|pretend (to be|you are)|忽略.{0,8}(指令|规则|说明)|"
                              r"系统提示词|(?:显示|输出|打印|泄露|告诉我|忽略|无视|绕过).{0,6}系统提示|开发者模式|越狱)", re.I)  # not "系统提示我…": a notice

# "What share of failures were job-match?": the share of one reason among failures, not a filtered rate.
SHARE_OF_FAILURES = re.compile(r"((share|proportion|percentage|percent|fraction|part|how many) of (the |all |our )?"
                               r"([\w&'-]+ ){0,4}?(failures|failed|fails|rejections|rejected)|"
                               r"(failures|rejections)\b[^.?!]{0,30}?\b(were|are|came from|due to)|"
                               r"失败(的|中|里)?.{0,8}(占比|比例|占多少|多少是|有多少是)|占.{0,6}失败|失败原因.{0,4}占)", re.I | re.A)
# Interviews that did not complete, asked about by name: their counts lead the answer.
NOT_COMPLETED = re.compile(r"(\bwithdr[ae]w\w*|\bwithdrawals?\b|\bdrop(ped)?[- ]?outs?\b|\bdropped out\b|"
                           r"\bno[- ]?shows?\b|\bdid(n't| not) (show|turn up|attend)|\bbroke off\b|"
                           r"\btechnical (failures?|problems?|issues?)\b|退出|放弃面试|缺席|未到场|没来|没有来|没参加|技术故障|中断)",
                           re.I | re.A)
# Period words whose phrase the period reader could not place ("since Christmas", "FY2026": a company's own fiscal year
# is not known): said, not guessed.
UNKNOWN_PERIOD = re.compile(r"(?P<p>\b(?:since|during|throughout|until|till|before|after|over)\s+(?:the\s+)?"
                            r"(?:start|beginning|end|middle|rest)?\s*(?:of\s+)?(?:the\s+)?"
                            r"(?:spring|summer|autumn|fall|winter|holidays?|christmas|ramadan|chinese new year|"
                            r"lunar new year|peak season|hiring season|campaign|launch|reorg\w*|merger|pandemic|covid)\b"
                            r"|\b(?:(?:this|last|next|the|our|current|previous)\s+)?(?:fiscal|financial)\s+year\b|\bFY\s*'?\d{2,4}\b"
                            r"|(?:本|上|今|去)?(?:个)?(?:财年|财政年度|会计年度|财务年度)"
                            r"|(?:春节|国庆|中秋|元旦|旺季|淡季|春季|夏季|秋季|冬季|春天|夏天|秋天|冬天|疫情|校招季?|金三银四)"
                            r"(?:以来|之后|以后|期间|前后|开始)?)", re.I | re.A)

CATEGORY_WORDS = {
    "competency_gap": re.compile(r"(competenc(y|ies)\s+gaps?|skill gaps?|gaps? in competenc\w*|能力差距|胜任力差距|能力不足|能力缺口)", re.I),
    "job_match": re.compile(r"(job[- ]match\w*|role[- ]match\w*|background (mismatch|fit)|岗位匹配|背景不匹配|岗位不匹配|匹配度)", re.I),
    "behavior_inconsistency": re.compile(r"(behaviou?r(al)? inconsisten\w*|inconsisten\w*|行为不一致|言行不一致)", re.I),
}

# Fairness-audit questions: group differences in outcomes by demographic attribute.
FAIRNESS_WORDS = re.compile(
    r"(fairness|(?<!job )(?<!jobs )(?<!career )(?<!hiring )(?<!recruiting )(?<!recruitment )\bfair(ly)?\b"
    r"(?! enough| to say)(?<!compare fairly)(?<!compared fairly)(?<!comparing fairly)"  # "so that we can compare fairly"
    r"(?! (?:new|high|low|small|large|big|sure|quick\w*|recent\w*|good|well|similar|close|common|consistent|stable|often)\b)|\bbias(ed|es)?\b|adverse impact|disparate impact|discriminat\w*|four[- ]fifths|equality (?:check|audit|analysis|monitoring|review)|"
    r"\b4/5(?:ths)?\b|80\s*% rule|impact ratios?|\bflagged\b(?! (?:for|as|on)\b)|demographic\w*|group differences?|"
    r"公平|偏见|歧视|不利影响|差别影响|影响比|五分之四|(?:四五|4/5|八成|80%)\s*(?:规则|原则)|群体差异|被标记(?!为)|标记了(?!.{0,6}(?:行为|能力|岗位))|人口统计)", re.I | re.A)
# ("met her at the job fair", "fair enough", "flagged for behaviour inconsistency" are not about fairness)
ATTRIBUTE_WORDS = {
    "gender": re.compile(r"(\bgenders?\b|\bsex\b|\bwomen\b|\bmen\b|\bfemales?\b|\bmales?\b|\bgirls\b|\bblokes\b|\bsheilas\b|\blads and lasses\b|(?<!new )(?<!the )\bboys\b|\bladies\b|性别|男女|女性|男性|男的|女的|"
                         r"男生|女生)", re.I),
    "age_band": re.compile(r"((?<!reading )(?<!retirement )\bages?\b|\b(?:under|over)[- ]?[2-6]0\b|\b[2-6]0\s?\+|\baged\b|\bhow old\b|\bage (bands?|groups?)\b|\bolder\b(?! (?:version|model|data|system|interviews?|scores?|proposals?|drafts?|letters?|ones?)\b)|\byounger\b|年龄|年长|大龄|年轻|老年)",
                           re.I),
    "education": re.compile(r"(\beducation\w*|(?<!to a )(?<!some )(?<!certain )(?<!what )\bdegrees?\b(?! of\b)|学历|教育)",
                            re.I),  # not "with what degree of uncertainty", "to some degree"
}
GROUP_DIFFERENCE_WORDS = re.compile(r"(differ\w*|dispari\w*|\bskew\w*|\bgaps?\b|compar\w*|\bvs\.?\b|versus|差异|差别|区别|对比|比较|差距)",
                                    re.I | re.A)
# A question about one person ("the gender of candidate C000012"): demographics are never given per person.
INDIVIDUAL_WORDS = re.compile(r"(\b[CI]\d{3,}\b|\bcandidate\s+(#|no\.?\s*)?\d+|候选人\s*[A-Za-z]?\d+)", re.I | re.A)
ANYWHERE_WORDS = re.compile(r"(anywhere|any roles?|across (the )?(company|roles)|任何岗位|哪里)", re.I)

# Phrases that name a role we do not know ("failure rate for Data Scientist").
UNKNOWN_ROLE_EN = re.compile(
    r"\b(?:for|of)\s+(?:the\s+)?(?P<name>[A-Za-z][A-Za-z&/\-]*(?:\s+[A-Za-z&/\-]+){0,3}?)"
    r"(?=\s+(?:role|roles|position|positions|candidates?|interviews?|over|in|during|this|last|since|from|between|"
    r"the|past|previous|and|with|only)\b|\s*[?.!,]|\s*$)", re.I)
UNKNOWN_ROLE_ZH = re.compile(r"^(?:请问|帮我看看|帮我查|查一下|看看|那|那么)?(?P<name>[\u4e00-\u9fff]{2,10}?)"
                             r"(?:岗位|职位)?(?=近|最近|过去|本|上个|上季|今年|去年|这|的|在|AI|ai|面试|失败|通过|呢)")
# A role described instead of named ("the people who plan our marketing events"): the tools match it by meaning.
DESCRIBED_ROLE_EN = re.compile(
    r"\b(?:for|of|among|about|with)\s+(?P<name>(?:the\s+|our\s+|those\s+)?(?:[a-z-]+\s+){0,2}?(?:people|folks|staff|team|"
    r"[a-z-]+s)\s+(?:who|that|in charge of|responsible for)\s+[^?.!,;]*?)"
    r"(?=\s+(?:over|during|this|last|since|from|between|in the (?:last|past)|and (?:what|why|how))\b|\s*[?.!,;]|\s*$)", re.I)
DESCRIBED_ROLE_ZH = re.compile(r"(?P<name>(?:负责|专门|做|搞|管|去)[\u4e00-\u9fffA-Za-z]{1,20}?的(?:人员|人|同事|员工|师傅|候选人|工程师))|"
                               r"^(?:请问|帮我看看|帮我查|查一下|看看|那|那么)?(?P<lead>[\u4e00-\u9fff]{2,20}?的(?:人员|人|同事|员工|师傅|候选人|工程师))")
NOT_ROLE_WORDS = {"all", "every", "each", "which", "my", "our", "that", "this", "it", "them", "ai", "interview", "me",
                  "us", "the", "a", "an", "failure", "failures", "reasons", "competency", "competencies", "trend",
                  "one", "ones", "top", "first", "highest", "lowest", "rest", "others", "him", "her", "those", "these",
                  "both", "same",  # "for the top one", "for the rest" point back, not at a role
                  "something", "anything", "everything", "nothing", "someone", "anyone", "everyone", "else",
                  "you", "sure", "course", "now", "today"}  # "am I thinking of something else", "of course", "for now"
NOT_ROLE_ZH = ("失败率", "通过率", "淘汰率", "为什么", "所有", "哪个", "哪些", "各个", "全部", "整体", "总体", "公司", "我们", "这个", "那个", "今年", "去年",
               "本季度", "上个月", "本月", "最近", "过去")


@dataclass
class Understanding:
    intent: str  # failure_stats | fairness_audit | refuse | help | unknown
    language: str  # en | zh
    role: str | None = None  # role key, or the unknown name the user gave
    role_known: bool = True
    role_described: bool = False  # the role was described ("the people who …"); tools match it by meaning
    all_roles: bool = False
    competency: str | None = None
    category: str | None = None
    clear_category: bool = False
    period: str | None = None
    show_trend: bool = False
    show_pass_rate: bool = False
    refusal: str | None = None  # auto_reject | contact_details | private_details | injection | language
    followup: bool = False
    asks_stats: bool = False
    individual: bool = False  # names one candidate
    attributes: list[str] = field(default_factory=list)  # demographic attributes a fairness question names
    slots: set[str] = field(default_factory=set)
    forced_intent: str | None = None  # the reading the user picked when Candor asked back
    not_completed: bool = False  # asks about withdrawals, no-shows or broken-off interviews: those lead
    year_earlier: bool = False  # "and a year ago?": the previous question's period, a year earlier
    share_of: str | None = None  # a failure category whose share among failures the question asks for
    now: datetime | None = None  # when the message was read: its periods are relative to it


@lru_cache(maxsize=256)
def _matcher(names: tuple[str, ...]) -> re.Pattern:
    """One alternation over all names, longest first, so the longest name wins at each position."""
    parts = []
    for name in sorted((n for n in names if len(n) >= 2), key=len, reverse=True):
        escaped = re.escape(name)
        # English names also match their plural ("field techs", "sales managers").
        # Not inside an abbreviation either ("B.Tech" is a degree, not the alias "tech").
        parts.append(escaped if CJK.search(name) else r"(?<![a-z0-9])(?<![a-z]\.)" + escaped + r"(?:e?s)?(?![a-z0-9])")
    return re.compile("|".join(parts) or r"(?!x)x")


def _find_names(text: str, names: dict) -> list[tuple[int, int, str]]:
    """Known names found in text as (start, end, name), without overlaps, in text order."""
    hits = []
    for m in _matcher(tuple(names)).finditer(normalise(text)):
        word = m.group(0)
        name = next(n for n in (word, word[:-1], word[:-2]) if n in names)
        hits.append((m.start(), m.end(), name))
    return hits


def understand(text: str, vocab: Vocabulary, now: datetime) -> Understanding:
    lang = language_of(text)
    u = Understanding(intent="unknown", language=lang, now=now)
    if social(text):  # nothing but greetings, thanks or goodbyes
        u.intent = "help"
        return u
    if REFUSE_AUTO_REJECT.search(text):
        u.intent, u.refusal = "refuse", "auto_reject"
        return u
    contacts = REFUSE_CONTACTS.search(A_MESSAGE.sub(" a message ", text))
    if contacts and CONTACTS_ASKED.search(text):  # "Give me the phone numbers of everyone rejected in October"
        u.intent, u.refusal = "refuse", "contact_details"
        return u
    if PRIVATE_ASKED.search(text) and not WEIGHED.search(text):  # "what is his religion?": declined, never looked up
        u.intent, u.refusal = "refuse", "private_details"
        return u
    if REFUSE_INJECTION.search(text) and not contacts:
        u.refusal = "injection"  # declined; a statistics question in the same message is still answered
    if contacts:
        u.refusal = "contact_details"  # declined; a statistics question in the same message is still answered
    elif another_language(text):  # "Quel est le taux d'échec…?": read as far as its names and English words go, and
        u.refusal = "language"  # answered with that said; when nothing is clear, asked again in English or Chinese

    role_names = vocab.role_names()
    # A role's alias inside a longer competency name is the competency's ("市场洞察" is market insight, not 市场).
    inside = [(s, e) for s, e, _ in _find_names(text, vocab.competency_names())]
    boss = [m.span() for m in BOSS_ZH.finditer(normalise(text))]  # "主管让我…": the speaker's boss, not the role
    role_hits = named = [h for h in _find_names(text, role_names)
                         if not any(s <= h[0] and h[1] <= e and e - s > h[1] - h[0] for s, e in inside)
                         and not any(s <= h[0] and h[1] <= e for s, e in boss)]
    if role_hits and _misspelt_around(text, role_hits[0], vocab):
        role_hits = []  # "Produciton Supervisor": the name misspelt around a short alias; the tool suggests it
    described = (DESCRIBED_ROLE_ZH if lang == "zh" else DESCRIBED_ROLE_EN).search(text)
    if (role_hits and described and described.start() <= role_hits[0][0] < described.end()
            and not _full_name(role_hits[0][2], role_names)):
        role_hits = []  # "the people who plan our marketing events": read as a description, and said so
        # (not "产品研发最近入职的人": the role's own name, then who in it)
    if role_hits:
        u.role = role_names[role_hits[0][2]].key
        u.slots.add("role")
    elif acronym := _acronym_role(text, vocab):  # "LP hires from last quarter", "LP的胜任力"
        u.role = acronym.key
        u.slots.add("role")
    role_obj = next((r for r in vocab.roles if r.key == u.role), None)

    comp_names = vocab.competency_names(role_obj)
    comp_hits = [h for h in _find_names(text, comp_names)
                 if not any(s <= h[0] and h[1] <= e for s, e, _ in role_hits)]
    if comp_hits:
        u.competency = comp_names[comp_hits[0][2]][0].name_en
        u.slots.add("competency")

    for category, pattern in CATEGORY_WORDS.items():
        if pattern.search(text):
            u.category = category
            u.slots.add("category")
            break
    if CLEAR_FILTER_WORDS.search(text):
        u.clear_category = True
        u.slots.add("category")

    period = find_period(text, now)
    if YEAR_EARLIER.search(text):
        u.year_earlier = True  # the period of the question before, a year back; alone, "last year" as read
        u.slots.add("period")
    if period is not None:
        u.period = period.expression
        u.slots.add("period")
    elif (vague := UNKNOWN_PERIOD.search(text)) is not None:
        u.period = vague.group("p").strip()  # the tool says it cannot place it, instead of a silent default
        u.slots.add("period")
    if u.category and SHARE_OF_FAILURES.search(text):
        u.share_of, u.category = u.category, None  # lead with that reason's share; do not filter by it
        u.slots.discard("category")
    if NOT_COMPLETED.search(text):
        u.not_completed = True
    if TREND_WORDS.search(text):
        u.show_trend = True
        u.slots.add("trend")
    elif DIRECTION_WORDS.search(text):
        u.show_trend = True
    if PASS_RATE_WORDS.search(text):
        u.show_pass_rate = True
        u.slots.add("pass_rate")
    if ALL_ROLES_WORDS.search(text):
        u.all_roles = True
        u.slots.add("role")

    if (u.role is None and not u.all_roles and comp_hits and not ANYWHERE_WORDS.search(text) and described is None
            and not named):  # not when a role is named or described
        owners = {c.role_id for c in comp_names[comp_hits[0][2]]}
        if len(owners) == 1:  # "仓储安全这项面试分…": a competency only one role is interviewed on names that role
            u.role = vocab.role_by_id(owners.pop()).key
            u.slots.add("role")
    if u.role is None and not u.all_roles:
        unknown = (described.group("name") or described.group("lead")).strip() if described else _unknown_role(text, lang)
        u.role_described = described is not None
        if unknown:
            u.role, u.role_known = unknown, False
            u.slots.add("role")

    asks_stats = bool(STATS_WORDS_ZH.search(text) if lang == "zh" else STATS_WORDS_EN.search(text))
    u.asks_stats = asks_stats
    u.followup = bool(FOLLOWUP_WORDS.search(text)) or not asks_stats
    if asks_stats or u.slots:
        u.intent = "failure_stats"
    _fairness(text, u)
    if u.refusal and u.refusal != "language" and u.intent == "unknown":
        u.intent = "refuse"
    return u


def _full_name(name: str, role_names: dict) -> bool:
    """The name is a role's own name in English or Chinese, not one of its aliases."""
    role = role_names[name]
    return name in (normalise(role.name_en), normalise(role.name_zh))


ACRONYM = re.compile(r"(?<![A-Za-z0-9])([A-Z]{2,4})(?:s)?(?![A-Za-z0-9])")


def _acronym_role(text: str, vocab: Vocabulary):
    """The role whose initials the message types in capitals ("LP", "MP"), when they stand for one role."""
    acronyms = vocab.role_acronyms()
    return next((acronyms[m.group(1)] for m in ACRONYM.finditer(text) if m.group(1) in acronyms), None)


def _fairness(text: str, u: Understanding) -> None:
    """A fairness question: names the audit (bias, adverse impact…), or compares outcomes by an attribute."""
    u.attributes = [a for a, pattern in ATTRIBUTE_WORDS.items() if pattern.search(text)]
    u.individual = bool(INDIVIDUAL_WORDS.search(text))
    if not (FAIRNESS_WORDS.search(text) or (u.attributes and (
            GROUP_DIFFERENCE_WORDS.search(text) or u.asks_stats or u.individual))):
        return
    if u.individual and not u.attributes and not GROUP_DIFFERENCE_WORDS.search(text):
        return  # one person's case and a worry about fairness ("怕对个别员工不公平，想看C001876的预测依据"): not the audit
    u.intent = "fairness_audit"
    if u.attributes:
        u.slots.add("attributes")
    if not u.role_known and u.role and (FAIRNESS_WORDS.search(u.role) or u.role.startswith("按") or any(
            p.search(u.role) for p in ATTRIBUTE_WORDS.values())):
        u.role, u.role_known = None, True  # "bias for older candidates" names a group, not a role
        u.slots.discard("role")
    if ANYWHERE_WORDS.search(text):
        u.all_roles = True
        u.slots.add("role")
    u.followup = bool(FOLLOWUP_WORDS.search(text)) or not (u.slots & {"role", "period"})


_ANY_DAY = datetime(2026, 6, 15)  # only whether a period is named matters here, not its dates


def _misspelt_around(text: str, hit: tuple[int, int, str], vocab: Vocabulary) -> bool:
    """The word before a one-word alias and the alias read together as a misspelt full role name."""
    start, end, _ = hit
    norm = normalise(text)
    before = re.search(r"([a-z&]+)\s+$", norm[:start])
    if before is None or " " in norm[start:end].strip():
        return False
    phrase = f"{before.group(1)} {norm[start:end].strip()}"
    return any(phrase != r.name_en.lower() and difflib.SequenceMatcher(None, phrase, r.name_en.lower()).ratio() >= 0.85
               for r in vocab.roles)


def _unknown_role(text: str, lang: str) -> str | None:
    if lang == "zh":
        m = UNKNOWN_ROLE_ZH.search(text.strip())
        name = m.group("name") if m else ""
        # Periods, trends and filters are not role names ("上个季度呢？", "按月趋势呢？").
        if name and not name.startswith(NOT_ROLE_ZH) and not name.startswith("按") and not TREND_WORDS.search(name) \
                and find_period(name, _ANY_DAY) is None and not any(p.search(name) for p in CATEGORY_WORDS.values()):
            return name
        return None
    for m in UNKNOWN_ROLE_EN.finditer(text):
        name = m.group("name").strip()
        words = name.lower().split()
        if words and not any(w in NOT_ROLE_WORDS or w.isdigit() for w in words) and not any(
                p.search(name) for p in ATTRIBUTE_WORDS.values()) and not any(
                p.search(name) for p in CATEGORY_WORDS.values()) and not TREND_WORDS.search(name):
            return name
    return None
