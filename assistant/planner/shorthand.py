"""Workplace shorthand written out before a message is read: "sample qs for sales mgr interview", "mktg fails
last qtr", "Sept rpt w/ chart". Only abbreviations that mean one thing in an HR conversation are expanded, whole
words only, so names, ids and periods are read as if written in full. Traditional Chinese is read as Simplified
(the names, the catalogue and the model are Simplified) and written Cantonese as Mandarin.
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
    "def of": "definition of", "defn": "definition", "abt": "about", "collab": "collaboration", "comms": "communication",
}
_PATTERN = re.compile(r"(?<![\w/'])(" + "|".join(re.escape(k) for k in sorted(SHORTHAND, key=len, reverse=True))
                      + r")(?![\w/'])", re.I)


# Written Cantonese, read as the Mandarin it stands for ("销售经理呢个月挂咗几多人？", "2号提案我批咗"): only words that
# mean the same wherever they stand (not 系 or 咁, which are also parts of Mandarin words).
CANTONESE = {
    "点解": "为什么", "點解": "为什么", "几多": "多少", "幾多": "多少", "边个": "哪个", "邊個": "哪个", "边啲": "哪些",
    "邊啲": "哪些", "呢啲": "这些", "呢個": "这个", "呢个": "这个", "今个": "这个", "而家": "现在", "乜嘢": "什么",
    "有冇": "有没有", "唔该": "麻烦", "系咪": "是不是", "係咪": "是不是", "佢哋": "他们", "搞掂": "搞定", "呢排": "最近",
    "咗": "了", "唔": "不", "冇": "没", "嘅": "的", "佢": "他", "睇": "看", "畀": "给",
}
_CANTONESE = re.compile("|".join(sorted(CANTONESE, key=len, reverse=True)))


def expand(text: str) -> str:
    """The message with the shorthand written out; everything else as typed."""
    text = simplified(_PATTERN.sub(lambda m: SHORTHAND[m.group(1).lower()], text))
    return _CANTONESE.sub(lambda m: CANTONESE[m.group(0)], text)


def simplified(text: str) -> str:
    """Traditional Chinese ("產品研發每個月的未通過率") as Simplified; a message in Simplified (every Chinese character in
    GB 2312) or without Chinese is returned as it is, without loading the conversion table."""
    if all(c.isascii() or not _HAN.match(c) or _in_gb2312(c) for c in text):
        return text
    import zhconv  # ~15 ms the first time: only messages with Traditional characters pay it

    return zhconv.convert(text, "zh-cn")


_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _in_gb2312(c: str) -> bool:
    try:
        c.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True
