"""Staff questions about candidates' requests: "Show open candidate requests", "Mark request 3 done: …".

A pure function over the text: the `candidate_requests` arguments a message asks for, or None.
"""

from __future__ import annotations

import re

from assistant.planner.competency import CANDIDATE, CompetencyCall, candidate_ref

LIST = re.compile(r"\b(candidate|applicant|review|deletion|delete)s?'? requests?\b|\brequests? (from|by) candidates?\b|"
                  r"候选人.{0,4}(请求|申请)|(复核|删除|删除录音)(请求|申请)|"
                  # one candidate who has asked, in other words ("one of the applicants is asking us to 'purge her
                  # data'"); not how it works when one does ("what happens when a candidate asks to delete …")
                  r"\b(candidate|applicant)s?\b.{0,20}\b(is|was|has|have|'s|had)\s+(been\s+)?(asking|asked|requested|requesting|"
                  r"demanding|demanded)\b.{0,20}\b(delet\w*|purg\w*|eras\w*|wip\w*|remov\w*|human review|a human)|"
                  r"(有(个|一个|位|名)|这个|那个|这位|那位)(候选人|应聘者).{0,10}(要求|申请|想要?|让我们)(删除|删掉|清除|人工复核|复核)",
                  re.I | re.A)
RESOLVE = re.compile(
    r"\b(?P<verb>mark|resolve|close|complete|finish|decline|reject|start|take)\w*\s+(?:candidate\s+)?request\s*#?\s*"
    r"(?P<id>\d+)\s*(?:as\s+)?(?P<state>done|resolved|completed|declined|rejected|in[ -]progress)?\s*[:：,.-]?\s*"
    r"(?P<text>.*)$|(?P<zverb>完成|拒绝|处理|受理|关闭)\s*(?:候选人)?(?:请求|申请)\s*#?\s*(?P<zid>\d+)\s*[:：，,]?\s*(?P<ztext>.*)$",
    re.I | re.S | re.A)
STATES = {"done": "done", "resolved": "done", "completed": "done", "declined": "declined", "rejected": "declined",
          "in progress": "in_progress", "in-progress": "in_progress"}
VERB_STATES = {"resolve": "done", "close": "done", "complete": "done", "finish": "done", "decline": "declined",
               "reject": "declined", "start": "in_progress", "take": "in_progress", "完成": "done", "关闭": "done",
               "拒绝": "declined", "处理": "in_progress", "受理": "in_progress"}
STATUS_WORDS = (("done", re.compile(r"\b(done|resolved|closed|handled)\b|已完成|已处理", re.I)),
                ("declined", re.compile(r"\bdeclined\b|已拒绝", re.I)),
                ("in_progress", re.compile(r"\bin[ -]progress\b|处理中", re.I)))
NUMBERED = re.compile(r"(?:requests?|申请|请求)\s*(?:no\.?|number|#)?\s*\d|第\s*\d+\s*[号条个]?|\d+\s*[号条]|#\s*\d", re.I)
KIND_WORDS = (("human_review", re.compile(r"\breview|复核|人工", re.I)),
              ("delete_recordings", re.compile(r"\bdelet\w*|\bpurg\w*|\beras\w*|\brecordings?\b|删除|删掉|清除|录音|录像", re.I)))


def requests_call(text: str) -> CompetencyCall | None:
    if m := RESOLVE.search(text.strip()):
        verb = (m.group("verb") or m.group("zverb") or "").lower()
        state = (m.group("state") or "").lower()
        new_status = STATES.get(state) or VERB_STATES.get(verb)
        args = {"action": "resolve", "request_id": int(m.group("id") or m.group("zid")),
                "resolution": (m.group("text") or m.group("ztext") or "").strip()}
        if new_status:
            args["new_status"] = new_status
        return CompetencyCall("candidate_requests", args)
    if not LIST.search(text) or NUMBERED.search(text):
        return None  # "第11条复核申请驳回": one request, by its number (slots.call_for reads it)
    args = {"action": "list"}
    if person := CANDIDATE.search(text):  # "C000457's review request": theirs, whatever its status
        args["candidate"] = candidate_ref(next(g for g in person.groups() if g))
    if status := next((s for s, pattern in STATUS_WORDS if pattern.search(text)), None):
        args["status"] = status
    if kind := next((k for k, pattern in KIND_WORDS if pattern.search(text)), None):
        args["kind"] = kind
    return CompetencyCall("candidate_requests", args)
