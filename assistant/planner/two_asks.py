"""Two requests in one message ("Show the open proposals, and also what did proposal 5 do?", "先看下上个月的通过率，
然后把离职风险也出了"): the planner answers the first and says the second is to be asked on its own.

A second ask opens a clause with a word that adds one ("also", "then", "if not", "顺便", "另外", "然后", "并附"); words
inside a clause ("could I also get it by month?", "另外两个") do not.
"""

from __future__ import annotations

import re

# How what was asked for takes effect, asked after it ("…better weights for product ops and does that go live straight
# away or does someone have to approve it"): a second question, even without a comma.
_TAKES_EFFECT = (r"(?:does|will|would|is)\s+(?:that|it|this|the change)\s+(?:go live|take effect|apply|get applied|need|"
                 r"require|have to be)\b|(?:do|does|will)\s+(?:i|we|someone|somebody|anyone)\s+(?:have|need)\s+to\s+approve\b")
TAKES_EFFECT = re.compile(r"^\W*(?:and\s+)?(?:" + _TAKES_EFFECT + ")", re.I)
# At the start of a clause: after . ; ! ? or a comma, or (in Chinese, often typed without punctuation) anywhere for
# the unambiguous ones.
SECOND_ASK = re.compile(
    r"(?<=[?？])\s*\+\s+(?=\w)"  # "open proposals? + did any of the approved ones help" (not "fail rate + kpi")
    r"|,\s*and\s+(?=(?:(?:please|pls|kindly)\s+)?(?:show|give|tell|list|send|pull|run|check)\s+(?:me|us)\b)"  # ", and show me …"
    # ", and kindly draft …", ", and could you …", ", and whether …", ", and run a bias audit …", ", and is there …"
    r"|,\s*and\s+(?=(?:please|pls|kindly)\s+[a-z]{3,}|(?:can|could|would|will)\s+you\b|whether\b"
    r"|(?:then\s+)?(?:run|draft|score|re-?score|propose|generate|build|approve|reject|predict)\s"
    r"|(?:is|are|was|were|does|do|did|has|have)\s+(?:there|it|they|we|the|any|our|this|that|these|those)\b)"
    r"|\s+and\s+(?=" + _TAKES_EFFECT + ")"
    # "approve proposal 9 and show me the other proposals"
    r"|\s+and\s+(?=(?:(?:please|pls|kindly)\s+)?(?:show|list|give)\s+(?:me|us)\s+(?:the\s+)?(?:other|others|rest|remaining)\b)"
    r"|(?:[.;!?]\s*|,\s*|\s+-+\s+|\s+and\s+)(?:and\s+)?(?:(?:kindly|please|pls|can you|could you)\s+also|also|then|after that|afterwards|plus|additionally|separately|"
    r"on top of that|while you'?re at it|if not|otherwise|after(?=,))\b[,:]?\s+(?=\w)"
    r"|(?:[，,。；;！!？?\s]\s*)(?:然后|另(?:请|烦请|需|外请)|另外(?![一二两三四五六七八九十\d几个的位名些])|同时(?!期)|此外|再据此|据此再|并附|并说明|并且说明|"
    r"否则|如果不是的话|不是的话|(?:然后)?再(?=帮|给|把|做|出|写|跑|发|拉|对|查|算|列|排))"
    r"|顺便|顺带|顺手|顺道",
    re.I)
CONDITION = re.compile(r"(?<![a-z])(?:if|when|once|provided)(?![a-z])|如果|要是|假如|若", re.I)
THEN = re.compile(r"\W*(?:and\s+)?then\b|\W*然后", re.I)
# Two requests announced, then listed ("Two numbers for the ops review: X, and Y", "老板要两个数：…，还有…").
TWO_THINGS = re.compile(r"\b(?:two|2) (?:things|numbers|questions|figures|asks|requests|queries|items|points)\b[^:：]{0,40}[:：]|(?:两|俩|2)(?:件事|个事|个问题|个数|个数字|事|样(?:东西)?)"
                        r"[^:：]{0,20}[:：]", re.I)
LISTED_NEXT = re.compile(r"[,;]\s*(?:and\s+|also\s+)?|\s+\+\s+|，\s*(?:还有|以及|另外|再)?|；\s*", re.I)
# Requests counted off in sentences ("First, tell me the fail rate … Second, is it biased?", "第一，…。第二，…", "首先…其次…").
FIRST_THEN_SECOND = re.compile(r"(?:^|[.!?。！？:：]\s*)(?:first(?:ly)?|第一|首先)\s*[,，:：、]?\s*(?P<first>\S.*?)"
                               r"(?:[.!?;。！？；]\s*|[,，]\s*)(?:second(?:ly)?|第二|其次)\s*[,，:：、]?\s*(?=\S)", re.I | re.S)
COUNT_WORD = re.compile(r"(?:first(?:ly)?|第一|首先)\s*[,，:：、]?\s*$", re.I)
# Requests numbered in a list ("PFB two requests: 1) list the pending proposals 2) for the last approved one…",
# "1、…；2、…"): the second starts at its number.
SECOND_ITEM = re.compile(r"(?:^|[\s:：,，;；.。])1\s*(?:[)）、]|\.(?!\d))\s*\S.*?(?:^|[\s,，;；.。])(2\s*(?:[)）、]|\.(?!\d)))\s*(?=\S)",
                         re.S)
FIRST_MARK = re.compile(r"(^|[\s:：,，;；.。])1\s*(?:[)）、]|\.(?!\d))\s*")
# A second request on the answer to a question ("…是否有增量效度？如果显著，请据此提出…", "…any signal? If so, propose
# new weights"): a clause after the question mark that opens with a condition.
IF_SO = re.compile(r"(?<=[?？])\s*(?:and\s+)?(?:if (?:so|yes|not|it does|they do|it is|that's the case|there is|there are)\b"
                   r"|如果|如(?!何|此|下|今)|若|要是|假如)", re.I)


def opens_on_condition(rest: str) -> bool:
    """The rest of a message, after a question, opens with a condition on its answer ("If so, propose new weights")."""
    return IF_SO.match("?" + rest, 1) is not None


MIN_FIRST = 6  # characters of the first request, so "Also, …" or "顺便问下…" at the start is not split
# A reaction to the answer before, not a request of its own ("Nothing at all? Then … run the monitor", "一个都没有？那…").
# The answer before, acknowledged and summed up ("Got it, no adverse impact flagged. Separately, …"): no request.
NOTED = re.compile(r"^\W*(?:got it|noted|understood|ok(?:ay)?|alright|right|great|good|thanks|cheers|i see)\b", re.I)
REACTION = re.compile(r"^\W*(?:(?:nothing|none|zero|nil|nada|really|seriously|huh|wow|hm+|oh|ah|at all|damn)\W*)+$"
                      # "Hang on, that one's already been approved, ain't it?": a decision recalled, not a request
                      r"|^\W*(?:(?:hang on|wait|oh|hmm+|hold on)\W+)?(?:that|it|this)(?: one)?(?:'s| is| was| has)\s+(?:already\s+)?(?:been\s+)?"
                      r"(?:approved|rejected|applied)\b[^?]{0,30}\??\s*$"
                      r"|^\W*(?:so\s+)?there(?:'s| is| are)\s+(?:none|nothing)(?:\s+(?:pending|left|yet|at all))?\W*$"
                      r"|^\W*(?:(?:ok(?:ay)?|right|hmm+|so)\W+)?(?:no|zero|none|nothing)\s+(?:\w+\s+)?(?:alerts?|flags?|proposals?|"
                      r"drafts?|requests?|results?|issues?|changes?|pending)(?:\s+(?:ah|eh|lah|huh|yet|still|at all))?\W*$"
                      # "None for supervisors?", "Nothing pending for sales yet?": what was shown, not a request
                      r"|^\W*(?:none|nothing|zero)\s+(?:pending\s+|waiting\s+|open\s+|new\s+)?(?:for|from|on|in|at)\s+[^\s?？]+(?:\s+[^\s?？]+)?"
                      r"(?:\s+(?:ah|eh|lah|huh|yet|still|at all))?\W*$|^\W*[^，,。？?！!\s]{0,8}了(?:是吧|是吗|对吧|吧)\W*(?:那|那就|那么)?\W*$|^\W*(?:一个都没有|一个也没有|都没有|啥都没有|没有|真的|是吗|啊|哦|嗯|这样啊)"
                      r"(?:吗|啊|呀|么|哦)?\W*$", re.I)


def _length(text: str) -> int:
    """Characters, a Chinese one counted twice (it carries about as much as a short word: "监控跑下" is a request)."""
    return len(text) + len(re.findall(r"[\u4e00-\u9fff]", text))


# A request: a question, a polite ask, or a sentence that opens with what to do ("show…", "批了", "帮我…").
_REQUESTS = re.compile(r"[?？]|\b(?:please|pls|kindly|can|could|would|will|let'?s)\b|^\W*(?:(?:ok(?:ay)?|so|then|now|and|right|"
                       r"alright|fine)\W+)*(?:show|list|give|run|draft|write|approve|reject|decline|send|make|generate|create|pull|"
                       r"tell|explain|compare|break|score|predict|propose|suggest|check|look|open|export|build|close|resolve|mark|"
                       r"get|find|do|put|add|remove|drop)\b|请|帮|麻烦|给我|看看|看下|瞅|跑|出|拉|导|批|驳回|发|写|查|算|列|对比|"
                       r"比较|统计|吗|呢", re.I)


def only_says(part: str) -> bool:
    """A part of a message that asks nothing: a comment on the answer before ("Okay, so cost control isn't telling us
    much.") rather than a request of its own."""
    return not _REQUESTS.search(part)


def split_asks(question: str) -> tuple[str, str] | None:
    """The first request of a message that holds two and the rest of it, or None when it holds one."""
    if (item := SECOND_ITEM.search(question)) is not None:  # the first without its "1)": a list's number names nothing
        first = FIRST_MARK.sub(r"\1", question[:item.start(1)], count=1)
        return first.strip(" ,，;；"), question[item.end():].strip(" .。")
    if (counted := FIRST_THEN_SECOND.search(question)) is not None:  # the first, and what comes before, without "First,"
        before = COUNT_WORD.sub("", question[:counted.start("first")])
        return (before + counted.group("first")).strip(" ,，"), question[counted.end():].strip(" .。")
    if (said := TWO_THINGS.search(question)) is not None and (m := LISTED_NEXT.search(question, said.end())) is not None:
        return question[:m.start()].strip(), question[m.end():].strip(" .。")  # "two things: X, and Y"
    if (cond := IF_SO.search(question)) is not None and len(question[:cond.start()].strip()) >= MIN_FIRST:
        return question[:cond.start()].strip(), question[cond.start():].strip(" .。")
    m = SECOND_ASK.search(question)
    if m is not None and CONDITION.search(question[:m.start()]) and THEN.match(question[m.start():]):
        return None  # "if safety is the one that shows, then put forward a weight change": one request, on a condition
    if (m is None or _length(question[:m.start()].strip(" ,，")) < MIN_FIRST or not question[m.end():].strip(" .。!！?？")
            or REACTION.match(question[:m.start()]) or NOTED.match(question[:m.start()]) and only_says(question[:m.start()])):
        return None
    ends = re.match(r"[.;!?。；！？]", question[m.start():])  # the first request keeps its own question mark
    return (question[:m.start()] + (ends.group() if ends else "")).strip(), question[m.start():].strip(" ,，.;。；")
