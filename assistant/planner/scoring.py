"""Interview-scoring requests: "Score interview 812", "Rescore interview I0000812", "给面试 I0000812 打分".

A pure function over the text: the `score_interview` arguments when a message asks to score (or
re-score, or check the scoring of) one interview; None otherwise.
"""

from __future__ import annotations

import re


def _ref(n: int) -> str:
    return (r"(?:interview|面试)\s*(?:#|no\.?|number|编号|号码|号|id)?\s*"
            rf"(?P<ref{n}>(?=[A-Za-z0-9_\-./]*\d)[A-Za-z0-9][A-Za-z0-9_\-./]{{0,63}})")


SCORE = re.compile(r"(?:\b(?:re-?)?(?:score|grade|evaluate|assess|mark)|(?<!failure )(?<!pass )\brate)\b\s+(?:the\s+)?" + _ref(1)
                   + r"|(?<!failure )(?<!pass )\b(?:re-?)?(?:score|grade|rate|mark)\b\s+(?P<ref6>[Ii]\d{5,9})\b"  # an id says what it is
                   + r"|(?:给|为|对)\s*" + _ref(2) + r"\s*(?:重新)?\s*(?:打分|评分)"
                   + r"|(?:重新|再)(?:评|打|算)(?:一下|一哈|一遍|一次|个)?分?\s*(?P<ref7>[Ii]\d{5,9})\b"
                   + r"|(?:重新)?(?:评分|打分)\s*" + _ref(3)
                   + r"|" + _ref(4) + r"\s*[，,、]?\s*(?:的)?\s*(?:重新|再)?(?:评分|打分|得分|分数|出分|出个分|[评打算](?:一下|一遍|一次|个)?分)"
                   + r"|(?:scor(?:e|es|ing)|status|job)\s+(?:of|for)\s+" + _ref(5), re.I | re.A)
RESCORE = re.compile(r"\bre-?scor\w*|\bre-?(run|do|grade|assess|evaluate)\b|\bre-?run the scoring\b|\b(score|scoring|grade)\b.{0,30}\bagain\b|"
                     r"重新.{0,16}(打分|评分|评估|跑)|重评|再评|再打分|再给.{0,16}(打分|评分)", re.I | re.A)


def scoring_call(text: str) -> dict | None:
    """`score_interview` arguments when the message asks to score one interview; None otherwise."""
    match = SCORE.search(text)
    if match is None:
        return None
    ref = next(v for k, v in match.groupdict().items() if k.startswith("ref") and v)
    args: dict = {"interview": ref.rstrip("./-")}
    if RESCORE.search(text):
        args["rescore"] = True
    return args


# Why one person did not pass, or what their gaps and evidence are ("why did C004817 not pass?", "I0052318的gap都有哪些",
# "那个客户经理候选人C008130 咋没过"); and, right after an interview was shown, why one competency scored as it did
# ("技术深度为啥只给2分", "why only a 2 on communication?"): how that interview was scored.
WHY_NOT_PASSED = re.compile(
    r"\bwhy\b.{0,80}(?:\bfail\w*|(?:\bnot|n'?t) (?:pass|make it|get through|get in|advance|progress|proceed|move (?:forward|on|ahead)|(?:get )?shortlist|(?:get )?select)\w*|\bunsuccessful|\breject\w*|\bturn(?:ed)? down|\bcut|"
    r"\bdropped|\bscreened out|\bscored? (?:so )?low)\b|(?<![a-z])(?:gaps?|evidence|quotes|breakdown)(?![a-z])"
    r"|\b(?:failure|rejection) reasons?\b|\breasons? (?:for|behind) (?:the |his |her |their )?(?:fail\w*|rejection)\b"
    r"|\bfail(?:ed|s)? (?:where|on what|at what|in which)\b|\bwhere (?:did|does|do) (?:he|she|they|[Cc]\d{3,9}) (?:fail|fall short)\b"
    r"|\bwhat(?: did|'d) (?:he|she|they|the candidate|[Cc]\d{3,9}) (?:actually |really )?(?:say|answer|get|score)\b|\bflagged (?:for|as)\b|哪句话|说了什么|说了啥|怎么答的"
    r"|(?:为啥|为什么|咋|怎么|凭啥|点解|哪里|哪儿|哪些地方|哪方面|哪几项|哪项).{0,20}(?:没过|没有?通过|不通过|未通过|挂|被拒|被刷|刷掉|落选|"
    r"没选上|唔过|冇过|分(?:这么|咁)?低)"
    r"|(?<![能会])(?:判|打|给|评)了?(?:哪个等级|哪一级|几级|几分)(?!\s*的?绩效)|(?:哪个等级|哪一级|几级|几分).{0,4}(?:判|打|给|评)的"
    r"|\bwhat (?:level|score|rating) did (?:he|she|they|the candidate) get\b"
    r"|(?:哪里|哪儿|哪些地方|哪些方面|哪方面)(?:有|还)?(?:欠缺|不足|不够|做得不好|差)"
    r"|(?:没过|没有?通过|不通过|未通过|挂了|被拒|被刷|冇过|唔过).{0,12}(?:为啥|为什么|咋回事|为么斯|为嘛|为哪样|啥原因|什么原因)"
    r"|差距|短板|扣分|证据|挂在(?:哪|什么地方|哪一?项)"
    # how it was judged ("set out how interview I0000247 was assessed, … which competencies fell below the standard")
    r"|\bhow (?:\w+ ){0,3}(?:was|were|got|has been|had been) (?:assessed|scored|marked|graded|evaluated|rated|judged)\b"
    r"|\bhow (?:was|were|did) (?:\w+ ){1,3}(?:assessed|scored|marked|graded|evaluated|rated|judged)\b"
    r"|\b(?:fell|fall|falls|were|was) (?:short of|below) (?:the )?(?:required|minimum|expected|pass|bar|standard)", re.I | re.A)
WHY_SCORED = re.compile(r"\bwhy\b|\bhow come\b|\bonly (?:a |an )?\d\b|\bevidence\b|\bquotes?\b|\bre-?scor\w*|\btranscripts?\b|"
                        r"原文|转录|为啥|为什么|咋|怎么|凭啥|点解|[才只]给?了?\s*\d+\s*分|依据|证据|哪句|重新评|重评|再评", re.I | re.A)
# … the words that ask for what an interview's answers showed ("show me the evidence for negotiaton": a competency
# the message may misspell)
EVIDENCE = re.compile(r"\bevidence\b|\bquotes?\b|\btranscripts?\b|原文|转录|证据|依据|哪句", re.I | re.A)
# How one person (the one the answer before was about) scored in their interview ("and how did he actually score on
# each part?", "她各项打了几分"): their interview's scores.
HOW_SCORED = re.compile(r"\bhow did (?:he|she|they) (?:actually )?(?:score|do in (?:the|his|her|their) interview)\b"
                        # "show me how she scored", "what score she had in …", "which competency did she actually fail on?"
                        r"|\bhow (?:he|she|they) (?:actually )?scored\b|\bwhat (?:score|marks?|rating)s? (?:did |does )?(?:he|she|they) (?:had|have|get|got)\b"
                        r"|\bwhich (?:competency|competencies|part|area) (?:did|does) (?:he|she|they) (?:actually )?(?:fail|fall short|score (?:low|badly))"
                        r"|\b(?:his|her|their) (?:actual |real |full |overall )?(?:interview )?(?:scores?|marks|results)\b|\bscored? on each\b"
                        r"|\beach (?:part|competency|section|area)\b.{0,20}\bscor"
                        r"|(?:其|该候选人|该名候选人|这位候选人|此人)(?:的)?(?:AI)?(?:面试)?(?:的)?(?:各项?|每项)?(?:胜任力|能力)?(?:的)?(?:得分|分数)"
                        r"|(?:其|该候选人|该名候选人|这位候选人|此人|他|她)(?:具体)?在哪些(?:胜任力|能力|方面|项)上?(?:未达标|没达标|不达标|不足|欠缺)"
                        r"|\bdid (?:he|she|they) (?:actually |even )?pass\b|(?:他|她)(?:的)?(?:面试)?(?:到底|究竟)?(?:过没过|过了没|过了吗|通过了?没|通过了吗|有没有过)"
                        r"|(?:他|她)(?:面试)?(?:的)?(?:各项|每项|每一项)?(?:能力)?(?:得了|打了|拿了|是|考了)?(?:多少|几)分"
                        r"|(?:他|她)(?:的)?(?:面试)?(?:各项|每项)?(?:得分|分数|打分)"
                        r"|(?:他|她)(?:的)?(?:面试)?.{0,6}哪(?:几|些|一)?项.{0,6}(?:拉低|拖后腿|扣分|丢分|最差|最低|不够|不达标|没达标)",
                        re.I | re.A)  # "他面试到底是哪几项拉低了分", "我想先看他到底哪幾項分數不夠"
# … not what a level means ("what does a 2 on problem solving look like?": the rubric, from the role's profile)
LEVEL_MEANING = re.compile(r"\blook(?:s)? like\b|\bmean(?:s|t)?\b|\bdefin\w*|什么意思|啥意思|定义|标准|是指", re.I | re.A)
# … unless it asks for something done about it: a letter or a reply, or the candidate's own request ("C000123 wants a
# human review of why she failed").
ABOUT_IT = re.compile(r"(?<![a-z])(?:letters?|feedback|draft\w*|writ(?:e|es|ing)|repl\w*|respond|send|emails?|emailing|note|canned|"
                      r"put something together|help me explain|review|requests?(?!\s+(?:you|that)\b)|delet\w*|predict\w*|stay|leave)(?![a-z])|反馈|信|草稿|(?:帮|给|替)(?:我|他|她|忙)?.{0,4}写|写(?:一?[封份个点段])|拟|回复|说法|说明|"
                      r"复核|申请|删除|预测|离职", re.I)
