"""Workplace shorthand written out before a message is read: "sample qs for sales mgr interview", "mktg fails
last qtr", "Sept rpt w/ chart". Only abbreviations that mean one thing in an HR conversation are expanded, whole
words only, so names, ids and periods are read as if written in full.
"""

from __future__ import annotations

import re

SHORTHAND = {
    "mgr": "manager", "mgrs": "managers", "mngr": "manager", "mgmt": "management", "mktg": "marketing",
    "mkt": "marketing", "engr": "engineer", "engrs": "engineers", "supv": "supervisor", "supvs": "supervisors",
    "supvr": "supervisor", "techs": "technicians", "rpt": "report", "rpts": "reports",
    "qs": "questions", "q's": "questions", "perf": "performance", "cand": "candidate", "cands": "candidates",
    "req": "request", "reqs": "requests", "intvw": "interview", "intvws": "interviews", "qtr": "quarter",
    "qtrs": "quarters", "yr": "year", "yrs": "years", "wk": "week", "wks": "weeks", "mth": "month", "mths": "months",
    "avg": "average", "ppl": "people", "w/": "with", "w/o": "without", "b/c": "because", "pls": "please",
    "plz": "please", "thx": "thanks", "dept": "department", "corr": "correlation",
    "recs": "recommendations", "prop": "proposal", "comp model": "competency model", "yday": "yesterday",
}
_PATTERN = re.compile(r"(?<![\w/'])(" + "|".join(re.escape(k) for k in sorted(SHORTHAND, key=len, reverse=True))
                      + r")(?![\w/'])", re.I)


def expand(text: str) -> str:
    """The message with the shorthand written out; everything else as typed."""
    return _PATTERN.sub(lambda m: SHORTHAND[m.group(1).lower()], text)
