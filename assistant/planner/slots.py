"""The arguments of the tool an intent calls, filled from the message by shared extractors (ids, verbs, roles,
periods). Used once the intent is known; a slot the tool cannot do without is asked for, never guessed."""

from __future__ import annotations

import re

from assistant.planner.competency import (
    APPROVE_AT_END,
    BECAUSE,
    CANDIDATE,
    DECIDE,
    PROPOSAL_ID,
    CompetencyCall,
    candidate_ref,
    competency_calls,
)
from assistant.planner.feedback import INTERVIEW, draft_args, feedback_call
from assistant.planner.knowledge import (
    DEFINE,
    PRACTISE,
    QUESTIONS,
    SCALE,
    knowledge_call,
)
from assistant.planner.letter_edits import asks_to_edit, letter_edits, unquoted
from assistant.planner.nlu import Understanding
from assistant.planner.requests import KIND_WORDS, STATUS_WORDS, requests_call
from assistant.planner.scoring import RESCORE, scoring_call
from candor.language import CJK
from candor.periods import zh_numerals
from tools.shared.lookup import catalogue_vocabulary

NUMBER = re.compile(r"(?:#|no\.?\s*|number\s*|编号\s*|第\s*)?(?<![A-Za-z0-9])(?<!\d\.)(\d{1,6})(?![0-9]|\.\d)\s*(?:号)?")
APPROVE = re.compile(r"\b(approv\w*|accept\w*|go ahead|apply|sign(?:ed|ing)? (?:it )?off|ship|yes|ok|make it live|"
                     r"green[- ]?light\w*|lgtm|(?:we'?re|i'?m) (?:happy|fine|good) with|roll (?:it )?out|adopt|"
                     r"rubber[- ]?stamp\w*|go with|put (?:it )?into (?:effect|force|place)|push (?:it )?live)\b|"
                     r"批准|核准|准了|通过|同意|采纳|生效|可以|签批|签字|应用|上线|落地|执行吧|没问题|就这么办|放行|批了|批掉|^\s*批\b|批\s*(?=prop|提案|方案|#?\d)|" + APPROVE_AT_END + r"|"
                     r"批一下", re.I | re.A)
PROPOSAL_NUMBER = re.compile(PROPOSAL_ID + r"|(?:第\s*)?(\d+)\s*(?:号|个)?\s*(?:方案|提案|proposal)|#\s*(\d+)", re.I)
REJECT = re.compile(r"\b(reject\w*|declin\w*|deny|denied|turn(?:ed)? (?:it )?down|veto\w*|don'?t (?:apply|want|go ahead)|no|"
                    r"(?:do not|won'?t) (?:apply|go ahead)|shelve|kill|scrap|bin|nix\w*|refuse|doesn'?t want|knock(?:ed)? (?:it )?back|pass on)\b|"
                    r"驳回|拒绝|拒掉|拒了|否决|不同意|不采纳|否掉|否了|毙了|毙掉|打回|退回|作废|不要了|不通过|不批", re.I | re.A)
DRAFT_VERBS = (("approve", re.compile(r"\bapprov\w*|批准|核准|通过|同意", re.I | re.A)),
               ("send", re.compile(r"\bsen[dt]\b|\bmark\w*.{0,20}sent|\bship (?:it|this|that)\b|\bfire (?:it|this|that) off\b|"
                                   r"已发送|发送|发出|(?:就|那就)发(?:吧|了吧|过去)|(?<![出开收分打头启散引印])发(?:吧|了吧|了|过去|出去|咧|呗|啊|嘛)?\s*[。.!！~]*\s*$",
                                   re.I | re.A)),
               ("show", re.compile(r"\b(show|view|open|display|read|see)\b|查看|看看|显示|打开", re.I | re.A)))
# Which proposals to list: waiting (the default), applied, rejected, or all of them.
PROPOSAL_STATUS = (("proposed", re.compile(r"\bnot (?:yet )?(?:approved|decided|applied)|\b(?:pending|waiting|open|"
                                           r"undecided)\b|待批|待审|未批|没批|还没", re.I)),
                   ("rejected", re.compile(r"\b(?:reject\w*|declin\w*|turned down|vetoed)\b|驳回|被拒|拒掉|否决|毙掉的|没通过的",
                                           re.I)),
                   ("applied", re.compile(r"\b(?:applied|approved|in (?:effect|force)|live|adopted)\b|生效|已批|批过|"
                                          r"通过了的|已通过|已采纳|在用", re.I)),
                   ("all", re.compile(r"\ball (?:the )?(?:weight )?proposals\b|\bevery proposal\b|\b(?:history|ever)\b|"
                                      r"(?:所有|全部)的?(?:权重)?(?:方案|提案)|历史", re.I)))
APPROVED_LETTERS = re.compile(r"\bapproved\b|not (yet )?sent|已批准|未发送", re.I)
SENT_LETTERS = re.compile(r"\b(sent|mailed)\b|已发送|发出去", re.I)


COMPETENCY_TOOLS = ("decide_proposal", "monitor_competencies", "proposal_outcome", "propose_competency_changes",
                    "predict_performance", "attrition_risk", "competency_insights")


def _role(u: Understanding) -> dict:
    return {"role": u.role} if u.role and (u.role_known or u.role_described) else {}


def _needed(tool: str, slot: str) -> dict:
    return {"error": "slot_needed", "tool": tool, "slot": slot, "message": ""}


def calls_for(intent: str, text: str, u: Understanding) -> list[CompetencyCall] | dict:
    """The calls for `intent` (the phrase readers of each tool first, then the generic slot filler), or an error
    payload naming the missing slot."""
    if intent in COMPETENCY_TOOLS and (calls := competency_calls(text, u)) and calls[-1].tool == intent:
        return calls  # "Why so many fail, and are the weights right?": both halves
    if intent == "search_role_profiles" and (search := knowledge_call(text, u)) is not None:
        return [CompetencyCall(intent, search)]
    call = call_for(intent, text, u)
    if isinstance(call, dict):
        return call
    if intent == "decide_proposal" and len(numbers := _joined_numbers(text, call.args["proposal_id"])) > 1:
        return [CompetencyCall(intent, {**call.args, "proposal_id": n}) for n in numbers]  # "nix 21 and 23": both
    return [call]


# Numbers said together ("21 and 23", "3、5和7", "#4, #6"): one decision on each.
JOINED = re.compile(r"(?<![\w.])(?:#\s*)?(\d{1,6})((?:\s*(?:,|，|and|&|和|跟|与|、|以及|及)\s*(?:#\s*|no\.?\s*)?\d{1,6}(?![\d.%]))+)",
                    re.I)


# A decision described, not taken: "the rejected ones", "已驳回的提案", "驳回理由".
DESCRIBED = re.compile(r"\b(?:rejected|approved|declined|accepted|vetoed) (?:ones?|proposals?|items?)\b|\bthe (?:rejected|approved|declined)\b"
                       r"|(?:已|被)(?:经)?(?:驳回|拒绝|否决|批准|通过|批)|(?:驳回|拒绝|否决|批准)(?:的|理由|原因)", re.I | re.A)


def decision_said(text: str) -> bool:
    """The message says approve or reject in any of the words the decision is read from ("让它生效吧", "nix it"), not
    only in words that describe decisions taken ("请附已驳回提案的驳回理由")."""
    text = DESCRIBED.sub(" ", text)
    return bool(APPROVE.search(text) or REJECT.search(text))


def _joined_numbers(text: str, first: int) -> list[int]:
    """The numbers said together with `first` ("nix 21 and 23" → [21, 23]), or [first]."""
    for m in JOINED.finditer(text):
        if int(m.group(1)) == first:
            return list(dict.fromkeys([first, *map(int, re.findall(r"\d+", m.group(2)))]))
    return [first]


METRIC_TOOLS = ("competency_insights", "propose_competency_changes", "proposal_outcome", "predict_performance")


def fill_from_metric(call: CompetencyCall, text: str, vocab=None) -> None:
    """A metric the question names ("… relate to user satisfaction?") becomes the tool's metric argument, and,
    when the question names no role, the one role measured by it ("Which competency predicts downtime?")."""
    if call.tool in METRIC_TOOLS and "metric" not in call.args and "proposal_id" not in call.args \
            and (key := metric_named(text, vocab)):
        call.args["metric"] = key
    if call.needs_role and "role" not in call.args and (role := role_of_metric(text, vocab)):
        call.args["role"] = role


def metric_named(text: str, vocab=None) -> str | None:
    """The one performance metric the text names (None: none, or several)."""
    named = _named_metrics(text, vocab)
    return next(iter(named)) if len(named) == 1 else None


def role_of_metric(text: str, vocab=None) -> str | None:
    """The one role whose performance metrics include a metric the text names (None: none, or several); the
    vocabulary as stored (imported roles and metrics included), or the shipped profiles without one."""
    vocab = vocab or catalogue_vocabulary()
    named = _named_metrics(text, vocab)
    roles = {r.key for r in vocab.roles if named & set(r.metrics or [])}
    return next(iter(roles)) if len(roles) == 1 else None


def _named_metrics(text: str, vocab=None) -> set[str]:
    """Keys of the metrics the text names, by key or English or Chinese name."""
    lowered = text.lower()
    return {m.key for m in (vocab or catalogue_vocabulary()).metrics
            if any(n and _names_metric(lowered, n.lower()) for n in (m.name_en, m.name_zh, m.key.replace("_", " ")))}


def _names_metric(text: str, name: str) -> bool:
    """The metric's name, or its last word when that word says what is measured ("downtime", "roi"); a Chinese name
    by its last three characters ("设计返工率" → "返工率", "用户满意度" → "满意度")."""
    if name in text:
        return True
    if CJK.search(name):
        return len(name) >= 4 and name[-3:] not in GENERIC_METRIC_ENDINGS and name[-3:] in text
    last = name.split()[-1] if " " in name else ""
    return bool(last) and last not in GENERIC_METRIC_WORDS and re.search(rf"\b{re.escape(last)}\b", text) is not None


# Handling a numbered request: "mark 12 done", "把12号结了", "12号受理".
RESOLVE_WORDS = re.compile(r"完成|拒绝|驳回|处理|受理|关闭|结了|结掉|办结|搞定|\b(mark|resolve|close|decline|reject|process)\b", re.I)
# Closing one candidate's request by naming the candidate takes firmer words: "请查询该申请受理情况" asks its status.
CLOSES = re.compile(r"完成|拒绝|驳回|处理掉|关闭|结了|结掉|办结|\b(resolve|close|decline|reject|process)\b", re.I)
GENERIC_METRIC_WORDS = {"rating", "rate", "satisfaction", "efficiency", "attainment", "resolution", "score", "time",
                        "accuracy", "hours"}
GENERIC_METRIC_ENDINGS = {"通过率", "失败率", "淘汰率", "准确率", "完成率", "合格率", "的时间", "的时长"}  # say what is counted, not which KPI


_NUMERALS = "[零〇一二两三四五六七八九十百]+"
ZH_NUMBERED = re.compile(rf"{_NUMERALS}(?=\s*号)|(?<=第){_NUMERALS}(?=\s*[个份]?\s*[\u4e00-\u9fff]{{0,6}}?(?:提案|方案|草稿|申请))|"
                         rf"(?<=提案|方案|草稿|申请){_NUMERALS}")


NUMBERED_BY_HAO = re.compile(rf"{_NUMERALS}(?=\s*号)")


def number_names_in_digits(text: str) -> str:
    """A number said with 号, in digits ("十二号那封" → "12号那封"), as the planner reads a message: the one Chinese
    numbering that names a thing and nothing else ("第一个申请", "一季度" are left as they are)."""
    return NUMBERED_BY_HAO.sub(lambda m: zh_numerals(m.group(0)), text)


def numbered_in_digits(text: str) -> str:
    """What is numbered, in digits: "同意第十号权重调整提案" → "同意第10号权重调整提案" (not "第一季度")."""
    return ZH_NUMBERED.sub(lambda m: zh_numerals(m.group(0)), text)


def candidate_named(text: str) -> dict:
    """{"candidate": "C000123"} for the candidate a message names (C000123, "candidate 123", "123号候选人"), else {}."""
    m = CANDIDATE.search(text)
    return {"candidate": candidate_ref(next(g for g in m.groups() if g))} if m else {}


def call_for(intent: str, text: str, u: Understanding) -> CompetencyCall | dict:
    """The call for `intent`, or an error payload naming the missing slot."""
    role, text = _role(u), numbered_in_digits(text)
    if intent == "score_interview":
        if (args := scoring_call(text)) is not None:
            return CompetencyCall(intent, args)
        m, person = INTERVIEW.search(text), candidate_named(text)
        if not m and person:  # "score C000912's interview", "candidate 123's interview": theirs (the tool asks which)
            return CompetencyCall(intent, {**person, **({"rescore": True} if RESCORE.search(text) else {})})
        ref = (m.group(1) or m.group(2)).upper() if m else (n.group(1) if (n := NUMBER.search(text)) else None)
        if not ref:
            return _needed(intent, "interview")
        return CompetencyCall(intent, {"interview": ref,
                                       **({"rescore": True} if RESCORE.search(text) else {})})
    if intent == "draft_feedback":
        return CompetencyCall(intent, draft_args(text, u))
    if intent == "review_feedback":
        call = feedback_call(text, u)
        if call is not None and call.tool == intent:
            return call
        number, person = NUMBER.search(unquoted(text)), candidate_named(unquoted(text))
        # A letter by its number, or by the candidate it is for ("open the letter for C003350"; the tool asks which
        # when they have several).
        which = {"draft_id": int(number.group(1))} if number else person or None
        if which and asks_to_edit(text):
            # "in draft 3, replace “Dear candidate” with “Dear Ms Li”": the words quoted, or the tool says how
            return CompetencyCall(intent, {**which, "action": "edit", **(letter_edits(text) or {})})
        if person and not number:
            action = next((a for a, p in DRAFT_VERBS if p.search(text)), "show")
            return CompetencyCall(intent, {**which, "action": action})
        action = next((a for a, p in DRAFT_VERBS if p.search(text)), None)
        if number and action:
            return CompetencyCall(intent, {"draft_id": int(number.group(1)), "action": action})
        if number:
            return CompetencyCall(intent, {"draft_id": int(number.group(1)), "action": "show"})
        # "waiting for approval" lists drafts; "approved but not sent" the approved ones; "sent" the sent ones.
        status = "approved" if APPROVED_LETTERS.search(text) else "sent" if SENT_LETTERS.search(text) else "draft"
        return CompetencyCall(intent, {"action": "list", "status": status})
    if intent == "candidate_requests":
        call = requests_call(text)
        if call is not None:
            return call
        number = NUMBER.search(text)
        status = next((s for s, p in STATUS_WORDS if p.search(text)), None)
        person = candidate_named(text)
        if person and not number and CLOSES.search(text):  # "decline the one from C002206"
            status = "declined" if re.search(r"拒绝|驳回|declin|reject", text, re.I) else status or "done"
            said = re.split(r"[:：]", text, maxsplit=1)  # "…: what was done", which the candidate reads
            return CompetencyCall(intent, {"action": "resolve", **person, "new_status": status,
                                           "resolution": said[1].strip() if len(said) > 1 else ""})
        if number and (status or RESOLVE_WORDS.search(text)):
            status = status or ("declined" if re.search(r"拒绝|declin", text, re.I) else "done")
            return CompetencyCall(intent, {"action": "resolve", "request_id": int(number.group(1)), "new_status": status})
        if number:
            return CompetencyCall(intent, {"action": "list", "request_id": int(number.group(1))})
        args: dict = {"action": "list", **person}
        if status:
            args["status"] = status
        if kind := next((k for k, p in KIND_WORDS if p.search(text)), None):
            args["kind"] = kind
        return CompetencyCall(intent, args)
    if intent == "decide_proposal":
        if m := DECIDE.search(text):
            english = m.group("verb")
            approve = (english or "").lower().startswith(("approve", "accept")) or (m.group("zh") or "") in (
                "批准", "通过", "同意")
            return CompetencyCall(intent, {"proposal_id": int(m.group(2) if english else m.group("zid") or m.group("zord")),
                                           "decision": "approve" if approve else "reject"})
        number = _proposal_number(text)
        if number is None:
            return _needed(intent, "proposal")
        rejecting = REJECT.search(text)
        if not rejecting and not APPROVE.search(text):
            return _needed(intent, "decision")
        args = {"proposal_id": number, "decision": "reject" if rejecting else "approve"}
        if note := BECAUSE.search(text):
            args["note"] = note.group(1).strip()
        return CompetencyCall(intent, args)
    if intent == "review_proposals":
        if (pid := _proposal_number(text)) is not None:
            return CompetencyCall(intent, {"proposal_id": pid})
        status = next((s for s, p in PROPOSAL_STATUS if p.search(text)), "proposed")
        return CompetencyCall(intent, {**role, **({"status": status} if status != "proposed" else {})})
    if intent == "proposal_outcome":
        pid = _proposal_number(text, anywhere=False)
        return CompetencyCall(intent, {"proposal_id": pid} if pid else role, needs_role=not pid)
    if intent == "predict_performance":
        if not (person := _person(text)):
            return _needed(intent, "candidate")
        return CompetencyCall(intent, {**person, **role})
    if intent == "search_role_profiles":
        args = {"query": text, **role}
        if u.competency:
            args["competency"] = u.competency
        section = next((s for s, p in (("questions", QUESTIONS), ("resources", PRACTISE), ("scale", SCALE),
                                       ("competency", DEFINE)) if p.search(text)), None)
        if section is None and u.competency and re.search(r"\b[1-5]\b.{0,20}\blook|level|[1-5]\s*(分|级)", text, re.I):
            section = "scale"
        if section:
            args["section"] = section
        return CompetencyCall(intent, args)
    if intent == "monitor_competencies":
        return CompetencyCall(intent, role)
    if intent == "attrition_risk" and (person := _person(text)):  # one person's own risk of leaving
        return CompetencyCall(intent, {**person, **role})
    # competency_insights, propose_competency_changes, attrition_risk: one role each
    return CompetencyCall(intent, role, needs_role=True)


def _person(text: str) -> dict:
    """The candidate a prediction is about: by id ("C000123", "candidate 123"), or by one of their interviews ("the
    candidate from interview I0002917"), which the tool reads instead of their latest."""
    if person := candidate_named(text):
        return person
    m = INTERVIEW.search(text)
    return {"interview": (m.group(1) or m.group(2)).upper()} if m else {}


def _proposal_number(text: str, *, anywhere: bool = True) -> int | None:
    """"proposal 3", "方案3", "3号提案", "#3"; with `anywhere`, any lone number ("approve 3")."""
    if m := PROPOSAL_NUMBER.search(text):
        return int(next(g for g in m.groups() if g))
    if anywhere and (m := NUMBER.search(text)):
        return int(m.group(1))
    return None
