"""The candidate's planner: their own feedback, next steps, data and requests; a polite no to the rest.

Used by `EmbeddedPlanner` when the allowed tools are the candidate tools. Refusals come first: a
message that asks about anyone else, staff data, demographics, or tries to change the rules gets a
refusal and no tool call at all, whatever else it asks. The candidate tools take no arguments that
could point elsewhere, so even a missed trick reaches only the candidate's own rows.
"""

from __future__ import annotations

import json
import re
import uuid

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage

from assistant.planner.social import social
from candor.language import language_of
from prompts import render

# -- what must be refused (checked first, in this order) ------------------------------------------------
RULES = re.compile(
    r"(ignore|disregard|forget|override|bypass)\b.{0,40}\b(instructions?|rules?|prompts?|polic\w*|guidelines?|restrictions?)|"
    r"system prompt|developer mode|jailbreak|\bDAN\b|\bpretend\b|\brole[- ]?play|\bact as\b|you are now|from now on you|"
    r"\bi(?:'m| am) (?:an? |the )?(?:hr|admin\w*|recruiter|manager|staff|employee|developer|interviewer)\b|"
    r"\b(change|lower|reduce|adjust|modify|set|update|edit|decrease|waive)\b.{0,40}"
    r"\b(pass(ing)? ?mark|threshold|minimum( score)?|cut-?off|pass(ing)? score|the rules?)\b|"
    r"\b(change|update|edit|fix|set|overwrite)\s+my\s+(scores?|results?|outcome)\s+(to|as|into)\b|"
    r"\b(mark|make|let|count|record|set) me (as )?(pass|passed|through)\b|\bpass me\b|"
    r"\bselect\s+[\w*,.\s]{1,60}\s+from\s+\w+|\bdelete\s+from\s+\w+|\bupdate\s+\w+\s+set\b|\binsert\s+into\b|"
    r"\bdrop\s+table\b|\bunion\s+(all\s+)?select\b|"
    r"--\s*$|;\s*--|'\s*or\s*'?1'?\s*=\s*'?1|\bor\s+1\s*=\s*1\b|<script|"
    r"忽略|无视|忘记.{0,6}(指令|规则|设定)|系统提示|提示词|开发者模式|越狱|扮演|假装|角色扮演|"
    r"我是.{0,4}(HR|hr|人事|管理员|招聘|经理|面试官|员工)|(修改|更改|改成|改为|调低|调高|降低|调整).{0,10}(分数|成绩|及格线|通过线|门槛|结果|规则|最低分)|"
    r"(分数|成绩|及格线|通过线|门槛|最低分|结果).{0,10}(修改|更改|改成|改为|调低|调高|降低|调整|改到)|"
    r"(让|把)我.{0,4}通过|算我通过", re.I | re.S)
OTHERS = re.compile(
    r"\b[CIE]-?\d{3,}\b|\bcandidates?\s*(#|no\.?|number|id)?\s*\d+|\binterviews?\s*(#|no\.?|number|id)\s*\d+|"
    r"\bother (candidates?|applicants?|people|persons?)|\bsomeone else|\banother (candidate|applicant|person)|"
    r"\bmy (friend|colleague|brother|sister|wife|husband|partner|classmate)|\b(his|her|their) (scores?|results?|feedback|"
    r"interviews?|emails?|phone)|\b(everyone|everybody|all candidates|all applicants|who (else )?(failed|passed))\b|"
    r"\b(names?|emails?|phone numbers?|contact details) of\b|\bcompared? (to|with) (others|other|the rest|everyone)|"
    r"[\w.+-]+@[\w-]+\.[\w.]+|"
    r"其他(候选人|应聘者|人)|别人|他人|朋友|同事|同学|他的|她的|他们的|所有人|每个人|谁(没)?通过|候选人\s*[A-Za-z]?-?\d+|"
    r"[A-Za-z]\d{3,}", re.I)
# Someone named: "Bartholomew Quist's feedback", "张伟的分数". Case matters for the English names.
NAMED = re.compile(
    r"\b(?!(?i:let|what|it|that|here|there|who|where|how|he|she|today|everyone|one|today|year)['’]s\b)"
    r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?['’]s\b|"
    r"[王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石"
    r"廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤][\u4e00-\u9fff]{1,2}的"
    r"(分数|成绩|反馈|结果|面试|邮箱|电话|得分)")
STAFF = re.compile(
    r"\b(fail\w*|pass(ing)?)\s*rates?\b|\bstatistic\w*|\bstats\b|\bweights?\b|\bweighted\b|\baverage (score|result)s?\b|"
    r"\bhow many (candidates|people|applicants|interviews)\b|\binternal\b|\bnotes? (about|on) me\b|\brecruiter'?s? notes?|"
    r"\bother roles?\b|\bscoring (model|formula|algorithm)|\bcompetency model|\bdatabase\b|\btables?\b|\bdump\b|"
    r"\b(monthly|weekly|quarterly|annual|recruiter|hiring|role|team) reports?\b|\breports? (for|on|about) (the |our )?[A-Z]|"
    r"\bfairness\b|\baudit\w*|\bbias(ed)?\b|\badverse impact\b|\bdiscriminat\w*|\bimpact ratios?\b|"
    r"通过率|失败率|淘汰率|统计|权重|平均分|多少人|内部|备注|其他岗位|评分模型|数据库|公平性|审计|偏见|歧视|报表|月报|周报|(上个?月|本月|季度|月度|年度|岗位|招聘)的?报告", re.I)
DEMOGRAPHICS = re.compile(
    r"\b(gender|sex|male|female|women|men|age|aged|old|young|race|racial|ethnic\w*|religio\w*|nationality|"
    r"pregnan\w*|married|marital|disabilit\w*|demographic\w*)\b|"
    r"性别|男性|女性|年龄|岁数|年纪|种族|民族|宗教|国籍|怀孕|婚姻|结婚|残疾|人口统计", re.I)

# -- what the candidate may ask -------------------------------------------------------------------------
REVIEW = re.compile(r"human review|(review|check)ed by a (human|person)|\bappeal|reconsider|talk to a (human|person)|"
                    r"\ba (human|person) (to )?(review|look|check)|\bre-?review|人工复核|复核|人工审核|申诉|人工查看|重新审核",
                    re.I)
DELETE = re.compile(r"\b(delete|erase|remove|destroy)\b.{0,40}\b(recordings?|videos?|audio|data|footage)\b|"
                    r"(删除|删掉|销毁|清除).{0,10}(录音|录像|视频|音频|数据|录制)", re.I | re.S)
DATA = re.compile(r"\b(what|which) (data|information|info)\b|\bmy (data|information|recordings?)\b|\bdata (did|do) you\b|"
                  r"\bface analysis\b|\bfacial\b|\bcamera\b|\bprivacy\b|\bconsent\b|\brecord(ed|ing)s?\b|"
                  r"数据|人脸|面部|隐私|同意|录音|录像|信息", re.I)
REAPPLY = re.compile(r"\b(re-?apply|apply again|try again|reapplication|next application)\b|when can i apply|"
                     r"再(次)?申请|重新申请|什么时候.{0,6}申请|再试|再面试", re.I)
PRACTISE = re.compile(r"\bpractis\w*|\bpractice\b|\bimprove\w*|\bwork on\b|\blearn\w*|\bresources?\b|\bprepare\b|"
                      r"\bget better\b|\bbetter next time\b|\bweak(ness|nesses)?\b|\b(raise|increase|lift) my scores?\b|"
                      r"提高|提升|改进|练习|学习|准备|加强|不足|短板", re.I)
LETTER = re.compile(r"\b(letter|full feedback|show (me )?my feedback|read my feedback|my feedback)\b|反馈信|完整反馈|查看反馈",
                    re.I)
WHY = re.compile(r"\bwhy\b|\bfail\w*|didn'?t (i )?pass|did not pass|\bresults?\b|\boutcome\b|\bfeedback\b|\bscores?\b|"
                 r"\breasons?\b|\brejected\b|\bdecision\b|\bhow did i do\b|\bpass(ing)? ?mark\b|\brequired\b|"
                 r"为什么|没通过|未通过|没过|不通过|结果|反馈|分数|原因|被拒", re.I)
# A request needs a request: "Could a human review change my outcome?" is a question, not a request.
ASKING = re.compile(r"\b(i want|i'?d like|i would like|please|can i (have|get|request)|could i (have|get|request)|"
                    r"request|ask for|i ask|give me|i need|i demand|(can|could|would|will) you)\b|^\s*(please\s+)?(delete|erase|remove|destroy)\b|"
                    r"我想|我要|请|申请|要求|需要|帮我", re.I)

ANSWER_TEMPLATES = {"my_feedback": "my_feedback", "my_next_steps": "my_next_steps", "my_data": "my_data",
                    "request_human_review": "my_request", "request_recording_deletion": "my_request"}


def refusal_reason(text: str) -> str | None:
    for reason, pattern in (("rules", RULES), ("others", OTHERS), ("others", NAMED), ("staff", STAFF),
                            ("demographics", DEMOGRAPHICS)):
        if pattern.search(text):
            return reason
    return None


def plan(text: str) -> tuple[str, str | None]:
    """(tool or answer kind, focus) for a candidate's message."""
    if reason := refusal_reason(text):
        return "refuse", reason
    if REVIEW.search(text) or DELETE.search(text):
        if not ASKING.search(text):
            return "help", "rights"
        return ("request_human_review" if REVIEW.search(text) else "request_recording_deletion"), None
    if REAPPLY.search(text):
        return "my_next_steps", "reapply"
    if PRACTISE.search(text):
        return "my_next_steps", "practise"
    if DATA.search(text):
        return "my_data", None
    if LETTER.search(text):
        return "my_feedback", "letter"
    if WHY.search(text):
        return "my_feedback", "why"
    kind = social(text)  # "hi", "thanks a lot", "辛苦了"
    return ("thanks", None) if kind == "thanks" else ("help", kind)


def candidate_reply(messages: list[BaseMessage], allowed: set[str]) -> AIMessage:
    """The next message of a candidate turn: a tool call, or the answer rendered from the tool result."""
    human_at = max(i for i, m in enumerate(messages) if isinstance(m, HumanMessage))
    question = _text(messages[human_at])
    language = language_of(question)
    kind, focus = plan(question)
    if isinstance(messages[-1], ToolMessage):
        tool_msgs = [m for m in messages[human_at:] if isinstance(m, ToolMessage)]
        return AIMessage(content="\n\n".join(render_result(m.name or "", _text(m), language, focus) for m in tool_msgs))
    if kind == "refuse":
        return AIMessage(content=render(f"answers/my_refusal.{language}.j2", reason=focus))
    if kind in ("help", "thanks") or kind not in allowed:
        return AIMessage(content=render(f"answers/my_help.{language}.j2", kind=kind, focus=focus))
    return AIMessage(content="", tool_calls=[{"name": kind, "args": {}, "type": "tool_call",
                                              "id": f"call_{uuid.uuid4().hex[:12]}"}])


def render_result(tool: str, content: str, language: str, focus: str | None) -> str:
    try:
        payload = json.loads(content)
    except (TypeError, json.JSONDecodeError):
        payload = {"error": "tool_failed"}
    if not isinstance(payload, dict) or "error" in payload or tool not in ANSWER_TEMPLATES:
        return render(f"answers/my_error.{language}.j2", error=payload if isinstance(payload, dict) else {})
    return render(f"answers/{ANSWER_TEMPLATES[tool]}.{language}.j2", result=payload, focus=focus, tool=tool,
                  lang=language)


def _text(message: BaseMessage) -> str:
    content = message.content
    if isinstance(content, list):
        return " ".join(part.get("text", "") if isinstance(part, dict) else str(part) for part in content)
    return str(content)
