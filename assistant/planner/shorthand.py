"""Workplace shorthand written out before a message is read: "sample qs for sales mgr interview", "mktg fails
last qtr", "Sept rpt w/ chart". Only abbreviations that mean one thing in an HR conversation are expanded, whole
words only, so names, ids and periods are read as if written in full. Traditional Chinese is read as Simplified
(the names, the catalogue and the model are Simplified) and written Cantonese as Mandarin.
"""

from __future__ import annotations

import re

from assistant.planner.social import unframed

SHORTHAND = {
    "mgr": "manager", "mgrs": "managers", "mngr": "manager", "mgmt": "management", "mktg": "marketing",
    "mkt": "marketing", "engr": "engineer", "engrs": "engineers", "supv": "supervisor", "supvs": "supervisors",
    "supvr": "supervisor", "techs": "technicians", "rpt": "report", "rpts": "reports",
    "reqeust": "request", "reqest": "request", "requst": "request", "rquest": "request",  # typed fast
    "qs": "questions", "q's": "questions", "perf": "performance", "cand": "candidate", "cands": "candidates",
    "intvw": "interview", "intvws": "interviews", "qtr": "quarter",
    "qtrs": "quarters", "yr": "year", "yrs": "years", "wk": "week", "wks": "weeks", "mth": "month", "mths": "months",
    "avg": "average", "ppl": "people", "w/": "with", "w/o": "without", "b/c": "because", "pls": "please",
    "plz": "please", "thx": "thanks", "dept": "department", "corr": "correlation",
    "recs": "recommendations", "prop": "proposal", "comp model": "competency model", "yday": "yesterday",
    "def of": "definition of", "defn": "definition", "abt": "about", "collab": "collaboration", "comms": "communication",
    "fb letter": "feedback letter", "fb letters": "feedback letters", "r and d": "r&d", "r n d": "r&d", "r & d": "r&d",
    # Scots spellings ("whit aboot the field techs?", "an' while ye're at it")
    "whit": "what", "aboot": "about", "an'": "and", "ye": "you", "ye're": "you're", "fae": "from", "oot": "out",
    "dinnae": "don't", "cannae": "can't", "gonnae": "going to", "wantin'": "wanting", "didnae": "didn't", "isnae": "isn't",
    "doesnae": "doesn't", "wouldnae": "wouldn't", "couldnae": "couldn't", "onythin": "anything", "anythin": "anything",
    "afore": "before", "wantae": "want to",
}
# Scots words that are also English words or names ("yin and yang", "Tae", "Nae"): read as Scots only beside another
# Scots word ("aye, sort oot the auldest yin first", "dinnae ken ony o' them").
SCOTS_BESIDE = {"ony": "any", "tae ken": "to know", "tae": "to", "auld": "old", "auldest": "oldest", "yin": "one", "nae": "no",
                "whit": "what", "aff": "off"}


def _words(table) -> re.Pattern:
    return re.compile(r"(?<![\w/'])(" + "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True))
                      + r")(?![\w/'])", re.I)


_PATTERN, _BESIDE = _words(SHORTHAND), _words(SCOTS_BESIDE)
_SCOTS = re.compile(r"(?<![\w/'])(?:whit|aboot|an'|ye|ye're|fae|oot|onythin|afore|wantae|wantin'|aye|o'|"
                    r"(?:din|can|gon|did|is|does|would|could|should|was|have|has)nae)(?![\w/'])", re.I)


# Written Cantonese, read as the Mandarin it stands for ("销售经理呢个月挂咗几多人？", "2号提案我批咗"): only words that
# mean the same wherever they stand (not 系 or 咁, which are also parts of Mandarin words).
CANTONESE = {
    "点解": "为什么", "點解": "为什么", "几多": "多少", "幾多": "多少", "边个": "哪个", "邊個": "哪个", "边啲": "哪些",
    "邊啲": "哪些", "呢啲": "这些", "呢個": "这个", "呢个": "这个", "今个": "这个", "而家": "现在", "乜嘢": "什么",
    "有冇": "有没有", "唔该": "麻烦", "系咪": "是不是", "係咪": "是不是", "佢哋": "他们", "搞掂": "搞定", "呢排": "最近",
    "咗": "了", "唔": "不", "冇": "没", "嘅": "的", "佢": "他", "睇": "看", "畀": "给",
}
# Words mistyped with a pinyin keyboard, one for one ("题案2还没批吧", "侯选人C000099"): read as meant.
MISTYPED = {"题案": "提案", "侯选人": "候选人", "侯选": "候选"}
_ZH_WORDS = {**CANTONESE, **MISTYPED}  # read in one pass
_ZH_PATTERN = re.compile("|".join(sorted(_ZH_WORDS, key=len, reverse=True)))
# The sentence-final 咧 of several dialects, read as 呢 after a name or id, or before a question mark ("C003310咧",
# "销售咧？"); not where it stands for 了 ("没麻达，发咧").
_LIE = re.compile(r"(?<=[A-Za-z0-9])咧(?=\s*(?:[？?。！!，,~～]|$))|(?<=[\u4e00-\u9fff])咧(?=\s*[？?])")


# Competency weights said in other words by people who do not use the term ("the percentage each skill gets", "skill
# percentages", "how much each skill counts", "改比例的建议", "各项能力的占比").
WEIGHTS = ((re.compile(r"\b(?:skill|competency|competence)[- ](?:percentages?|weightings?)\b", re.I), "competency weights"),
           (re.compile(r"\b(?:the )?percentage (?:that )?each (?:skill|competency) (?:gets|has|is given)\b", re.I),
            "the weight each competency gets"),
           (re.compile(r"\bhow much each (?:skill|competency) (?:counts|is counted|is worth|weighs)\b", re.I),
            "the weight of each competency"),
           (re.compile(r"(?:各项|每项|每个|各个)?(?:能力|技能|胜任力)(?:项)?(?:的)?(?:占比|比例|比重)(?!.{0,2}(?:失败|没过|挂))"), "能力权重"),
           (re.compile(r"改比例"), "改权重"))


# Dictation: punctuation said as words ("…for negotiation only comma not the whole breakdown", "太长了逗号只说…") and
# ids spelt out ("score interview eye zero zero zero seven two one four" is I0007214).
_SPOKEN_MARKS = ((re.compile(r"(?<!the)(?<!\ba)\s+comma\b(?!s)", re.I), ","),
                 (re.compile(r"\s*\bquestion mark\b", re.I), "?"), (re.compile(r"\s*\bfull stop\b", re.I), "."),
                 (re.compile(r"\s*\bexclamation (?:mark|point)\b", re.I), "!"),
                 (re.compile(r"(?<=[\u4e00-\u9fffA-Za-z0-9])(?<![个把的用加删换])逗号"), "，"),
                 (re.compile(r"(?<=[\u4e00-\u9fffA-Za-z0-9])(?<![个把的用加删换])句号"), "。"),
                 (re.compile(r"(?<=[\u4e00-\u9fffA-Za-z0-9])(?<![个把的用加删换])问号"), "？"))
_DIGIT_WORDS = {"zero": "0", "oh": "0", "o": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
                "six": "6", "seven": "7", "eight": "8", "nine": "9"}
_DIGIT = r"(?:zero|oh|o|one|two|three|four|five|six|seven|eight|nine)"
_SPOKEN_ID = re.compile(rf"\b(eye|i|see|c)[\s-]+((?:{_DIGIT}[\s-]+){{3,8}}{_DIGIT})\b", re.I)


def _spoken_id(m: re.Match) -> str:
    letter = "I" if m.group(1).lower() in ("eye", "i") else "C"
    return letter + "".join(_DIGIT_WORDS[w.lower()] for w in re.split(r"[\s-]+", m.group(2)))


# "req" is a candidate's request only where it is numbered or said to be one ("req 9", "deletion reqs", "reqs from
# candidates"); elsewhere it is a job requisition ("2 reqs open 60+ days", "just my reqs") or the requirements
# ("sales mgr role reqs?"), and is left as typed.
_REQ = re.compile(r"(?P<of>\b(?:deletion|recording|removal|review|appeal|candidate|candidates')\s+)?(?<![\w/'])req(?P<s>s?)"
                  r"(?![\w/'])(?(of)|(?=\s*(?:#|no\.?)?\s*\d|\s+(?:from|by)\s+(?:the\s+)?(?:candidates?|applicants?)\b))",
                  re.I)


def _request(m: re.Match) -> str:
    return (m.group("of") or "") + "request" + m.group("s")


# "props pending?" are proposals; "props to the team", "big props for …" are praise.
_PROPS = re.compile(r"(?<![\w/'])props(?![\w/'])(?!\s+(?:to|for)\b)", re.I)


def expand(text: str) -> str:
    """The message with the shorthand written out, and without a letter's salutation and sign-off; everything else as
    typed."""
    text = unframed(text)
    if _SCOTS.search(text):
        text = _BESIDE.sub(lambda m: SCOTS_BESIDE[m.group(1).lower()], text)
    text = _REQ.sub(_request, _PATTERN.sub(lambda m: SHORTHAND[m.group(1).lower()], text))
    text = simplified(_PROPS.sub("proposals", text))
    for pattern, mark in _SPOKEN_MARKS:
        text = pattern.sub(mark, text)
    text = _SPOKEN_ID.sub(_spoken_id, text)
    for pattern, words in WEIGHTS:
        text = pattern.sub(words, text)
    return _LIE.sub("呢", _ZH_PATTERN.sub(lambda m: _ZH_WORDS[m.group(0)], text))


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
