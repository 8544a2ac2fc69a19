"""Recruiter-report requests: "Monthly report for Field Technician", "Q3 report for all roles with a chart",
"给我市场策划上个月的报告". Pure functions over the text and its Understanding.

"report" is also a statistics word (nlu.STATS_WORDS_EN), so only "report" used as a noun counts
here: "Report the failure rate for Sales Manager" stays a failure-statistics question.
"""

from __future__ import annotations

import re

from assistant.planner.nlu import Understanding

# "report on the …" is the verb ("Report on the failure rate") unless an article makes it a noun ("whip up a report on
# the tech interviews").
REPORT_EN = re.compile(r"\b(?:(?<=\ba )|(?<=\ban )|(?<=\bthe )|(?<=\bmy )|(?<=\bour )|(?<=\bthis )|(?<=\bthat ))reports?\b"
                       r"|\breports?\b(?!\s+(?:the|on\s+the|how|what|why|which|whether|back|to)\b)", re.I)
# "Report the failure rate for …": report is the verb, the figure is the question.
REPORT_VERB_START = re.compile(r"^\s*(?:please\s+|can you\s+|could you\s+)?report\s+(?:back\s+)?(?:on\s+)?"
                               r"(?:the|how|what|which|who|whether|if|why|failure|fail|pass)\b", re.I)
DOCUMENT = re.compile(r"\b(?:document|doc|pdf|deck|slides?|write-?up|one-pager|summary)\b|文档|PPT|幻灯片", re.I)
REPORT_ZH = re.compile(r"(?<!汇)(?<!按)(报告|报表|月报|季报|周报|年报)")
CHART = re.compile(r"(\bcharts?\b|\bgraphs?\b|\bplots?\b|\bvisuali[sz]\w*|图表|图|可视化)", re.I)
# A report's cadence names its period when the message gives none ("monthly report" is last month's).
CADENCE = ((re.compile(r"(\bquarterly\b|季报|季度报告|季度报表)", re.I), "last quarter"),
           (re.compile(r"(\bweekly\b|周报)", re.I), "last week"),
           (re.compile(r"(\bannual\b|\byearly\b|年报|年度报告|年度报表)", re.I), "last year"))


# The report itself not wanted ("anything drifting. no report, yes/no", "不用出报告"); "no chart" still wants the report.
NO_REPORT = re.compile(r"\b(?:no|not an?|not the|without an?|don'?t (?:need|want) an?|no need for an?)\s+(?:full\s+)?report\b"
                       r"|\b(?:forget|skip|scrap|drop|never ?mind|nvm|ditch)\s+(?:about\s+|on\s+)?(?:the|that|a)\s+(?:\w+\s+)?(?:report|file|csv|export)\b"  # "forget the report, just tell me"
                       r"|(?:不用|不要|无需|别|不必|唔使|唔驶|唔好|不使)(?:出|做|整|给我)?(?:个|份)?(?:报告|报表|report)|报[告表](?:就|暂时|先|也)?(?:弗要|不要|不用|不需要|免了|算了)",
                       re.I | re.A)  # (唔使: Cantonese "no need")


# The fairness audit's own report ("a bias report for Q3", "公平性审计报告"): the audit, not the recruiter report.
AUDIT_REPORT = re.compile(r"\b(?:fairness|bias|equity|adverse[- ]impact|diversity|dei|discrimination)\s+(?:audit\s+)?reports?\b"
                          r"|(?:公平性?|偏见|歧视|合规)(?:审计|性)?(?:的)?(?:报告|报表)", re.I)
AUDIT_WORDS = re.compile(r"\b(?:fairness|bias|equity|adverse|discriminat\w*|gender|audit\w*|women|men|female|male|age)\b|公平|偏见|歧视|性别|男女|女性|年龄|审计",
                         re.I)


REPORT_ASKED = re.compile(r"\b(?:build|generate|make|create|prepare|put together|need|want|give|send|run|pull|draft|do|"
                          r"whip up|knock up|throw together|pull together|write up|"
                          r"produce|compile)\b|出|做|生成|整|来一?份|给我|(?<!需)要|编制|帮|弄", re.I)


def report_first(text: str) -> int | None:
    """Where the recruiter report is named when the message opens by asking for it, its contents after it
    ("Quarterly report, Q3, with charts. Include adverse impact by gender", "周报 出一下 要图 带上男女通过率"); None
    otherwise."""
    if NO_REPORT.search(text) or AUDIT_REPORT.search(text) or REPORT_VERB_START.search(text):
        return None
    first = re.split(r"[,，.。:：;；?？!！]", text, maxsplit=1)[0]  # the report is named in the first clause
    named = REPORT_ZH.search(first) or REPORT_EN.search(first)
    if named is None or AUDIT_WORDS.search(first[:named.start()]):  # "the fairness people asked me for a report"
        return None
    short = len(first) <= 12 if re.search(r"[\u4e00-\u9fff]", first) else len(first.split()) <= 6  # "Quarterly report, …"
    return named.end() if short or REPORT_ASKED.search(first) else None  # not "鉴于年度ESG报告披露需要，…"


def wants_report(text: str, u: Understanding) -> bool:
    """A request for the recruiter report (not a fairness audit, which has its own report)."""
    if u.intent in ("refuse", "fairness_audit") or NO_REPORT.search(text):
        return False
    if REPORT_ZH.search(text):
        return True
    if DOCUMENT.search(text) and CHART.search(text):
        return True  # "I need a document on the interviews of production supervisors … with the graph of the failure rate"
    return bool(REPORT_EN.search(text)) and not REPORT_VERB_START.search(text)


def report_args(text: str, u: Understanding) -> dict:
    """build_report's arguments from the message."""
    args: dict = {"language": u.language}
    if u.role and not u.all_roles:
        args["role"] = u.role  # an unknown name too: the tool answers with the closest roles
    period = u.period or next((p for pattern, p in CADENCE if pattern.search(text)), None)
    if period:
        args["period"] = period
    if CHART.search(text):
        args["chart"] = True
    return args


def report_followup(previous: dict, u: Understanding, text: str = "") -> dict:
    """"And for Sales Manager?" after a report: the same report, changing only what the user changed ("再加一张图":
    with the chart)."""
    args = dict(previous, language=u.language)
    if CHART.search(text):
        args["chart"] = True
    if "role" in u.slots:
        args.pop("role", None)
        if u.role and not u.all_roles:
            args["role"] = u.role
    if "period" in u.slots:
        args["period"] = u.period
    return args
