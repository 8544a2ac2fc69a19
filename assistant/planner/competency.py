"""Competency-model questions: insights, weight proposals, approvals, outcomes, prediction, attrition.

Pure functions over the text: which competency tool(s) a message asks for and with which arguments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.planner.nlu import Understanding

PROPOSAL_ID = r"(?:proposal|prop\.?|change|方案|提案)\s*(?:#|no\.?|number|编号)?\s*(\d+)"
# "批" that ends the message ("3号批", "行，批。"): approval of what is named, written once for routing and slot reading;
# not "审批", "待批", "未批" (waiting for approval).
APPROVE_AT_END = r"(?<![审待未])批(?=\s*[。.!！]?\s*$)"
DECIDE = re.compile(r"\b(?P<verb>approve(?!d)|accept(?!ed)|reject(?!ed)|decline(?!d))\w*\s+(?:the\s+)?" + PROPOSAL_ID + r"(?P<rest>.*)$"
                    r"|(?P<zh>批准|通过|同意|驳回|拒绝|否决)\s*(?:(?:方案|提案)\s*#?\s*(?P<zid>\d+)|第\s*(?P<zord>\d+)\s*号?"
                    r"[\u4e00-\u9fff]{0,6}?(?:方案|提案))(?P<zrest>.*)$", re.I | re.A)  # "同意第15号权重调整方案"
OUTCOME = re.compile(r"(what happened after|since we changed|after (we|the) chang\w*|effect of (the|our) change|"
                     r"did the change (work|help)|(?:outcome|impact|effect|results?) of " + PROPOSAL_ID + r"|before and after|"
                     r"调整后|改了之后|变更(后|效果)|效果如何|前后对比)", re.I)
PROPOSE = re.compile(r"(propos(?!als?\s*#?\s*\d)\w*|suggest\w*|recommend\w*|draft)\b.{0,40}\bweights?|new (competency )?weights|"
                     r"re-?weight|adjust (the )?weights|change the weights|提出.{0,12}权重|"
                     r"(?<!待审批的)(?<!待批的)(?<!哪些)权重(调整)?方案|"
                     r"调整.{0,6}权重|新的?(能力)?权重", re.I | re.A)
INSIGHTS = re.compile(r"(weights? (right|wrong|correct|ok|okay)|are the weights|right weights|"
                      r"correlat\w*|predicts? (performance|efficiency|downtime|success)|linked to (job )?performance|"
                      r"matter(s)? (more|less) for performance|performance (data|link\w*)|persona|"
                      r"权重(是否)?合理|权重对不对|相关性|与绩效|和绩效|绩效关系|画像)", re.I)
PREDICT = re.compile(r"(predict\w*|forecast\w*|how would|how will|expected performance|second interview|"
                     r"预测|表现如何|第二轮面试|复试)", re.I)
CANDIDATE = re.compile(r"(?:candidate|候选人|applicant|应聘者)\s*#?\s*(C?\d{1,7})(?!\d)|(?<![A-Za-z0-9])(C\d{4,7})(?!\d)|"
                       r"(?<![A-Za-z0-9])(\d{1,7})\s*号\s*(?:候选人|应聘者)", re.I)
ATTRITION = re.compile(r"(attrition|might leave|likely to leave|flight risk|turnover|retention risk|who will quit|"
                       r"流失|离职风险|可能离职)", re.I)
# One person's staying or leaving ("will C000456 stay?", "C000456会不会干不长").
STAYING = re.compile(r"\b(?:stay\w*|leav\w*|quit\w*|stick around|last (?:long|a year)|resign\w*|churn\w*|retain\w*)\b|"
                     r"留下|留得住|留任|离职|跳槽|走人|干不长|干多久|待多久|待得住|辞职", re.I | re.A)
MONITOR = re.compile(r"(run (the )?(competency )?monitor\w*|monitoring rules?|check the (monitoring )?rules|"
                     r"监控规则|运行监控|检查.{0,6}监控)", re.I)
BECAUSE = re.compile(r"(?:because|since|as|reason:?|note:?|因为|原因是|理由是)\s*(.+)$", re.I)


def candidate_ref(raw: str) -> str:
    """A candidate's external id as written ("C000123"), or from a bare number ("123" → "C000123")."""
    ref = raw.upper()
    return ref if ref.startswith("C") else f"C{int(ref):06d}"


@dataclass
class CompetencyCall:
    tool: str
    args: dict
    needs_role: bool = False


def competency_calls(text: str, u: Understanding) -> list[CompetencyCall]:
    """The competency tools a message asks for, in answer order; empty when it asks for none."""
    role = {"role": u.role} if u.role and u.role_known else {}
    if m := DECIDE.search(text):
        english = m.group("verb")
        approve = (english or "").lower().startswith(("approve", "accept")) or (m.group("zh") or "") in ("批准", "通过", "同意")
        rest = (m.group("rest") if english else m.group("zrest")) or ""
        note = BECAUSE.search(rest)
        args = {"proposal_id": int(m.group(2) if english else m.group("zid") or m.group("zord")),
                "decision": "approve" if approve else "reject"}
        if note:
            args["note"] = note.group(1).strip()
        return [CompetencyCall("decide_proposal", args)]
    if MONITOR.search(text):
        return [CompetencyCall("monitor_competencies", role)]
    if OUTCOME.search(text):
        pid = re.search(PROPOSAL_ID + r"|#\s*(\d+)|(?:第\s*)?(\d+)\s*号", text, re.I)  # "#5 批了一个月了，效果如何"
        return [CompetencyCall("proposal_outcome", {"proposal_id": int(next(g for g in pid.groups() if g))} if pid else role,
                               needs_role=not pid)]
    if PROPOSE.search(text):
        return [CompetencyCall("propose_competency_changes", role, needs_role=True)]
    candidate = CANDIDATE.search(text)
    if candidate and (ATTRITION.search(text) or STAYING.search(text)):  # "will C000456 stay?": their own risk
        return [CompetencyCall("attrition_risk", {"candidate": candidate_ref(next(g for g in candidate.groups() if g)),
                                                  **role})]
    if candidate and PREDICT.search(text):
        args = {"candidate": candidate_ref(next(g for g in candidate.groups() if g)), **role}
        return [CompetencyCall("predict_performance", args)]
    if ATTRITION.search(text):
        return [CompetencyCall("attrition_risk", role, needs_role=True)]
    if INSIGHTS.search(text):
        calls = [CompetencyCall("competency_insights", role, needs_role=True)]
        if u.asks_stats and re.search(r"(fail\w*|失败|淘汰|没通过)", text, re.I):
            # "Why are we failing so many …, and are the weights right?": both halves get an answer.
            calls.insert(0, CompetencyCall("failure_stats", dict(role, **({"period": u.period} if u.period else {}))))
        return calls
    return []
