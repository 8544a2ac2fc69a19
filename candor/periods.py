"""Time periods in English and Chinese for HR statistics questions.

``parse_period("last 3 months", now)`` reads a whole expression (a tool argument);
``find_period("市场策划近3个月的AI面试失败率", now)`` finds a period inside a sentence.
Both return a :class:`Period` with inclusive ``start``/``end`` dates, a canonical ``expression``
that ``parse_period`` reads back to the same period, and English/Chinese labels with the dates.

Rules in brief:

* rolling windows ("last 3 months", "近三个月", "past year", "近半年", "last 30 days", "过去两周"):
  the same day-of-month N months (weeks, days, years) before today, clamped to the month end, to today;
* calendar units: this/last week, month, quarter, year ("上个月", "本季度", "去年", "YTD");
* named months, quarters, halves and years ("October", "2026-10", "Q3 2026", "2026年第三季度",
  "上半年", "2025"); without a year they mean the most recent one that has started;
* "since March" / "3月以来", ranges ("March to May", "3至5月", "2026-03-01..2026-05-31");
* whatever ends in the future is clipped to today; what starts in the future is refused.

Standard library and pydantic only; the regular expressions are compiled on first use.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict

__all__ = ["Period", "PeriodError", "parse_period", "find_period", "default_period"]

EXAMPLES = ("'last 3 months', 'past 30 days', 'this quarter', 'last month', 'this year', 'Q3 2026', "
            "'October', '2026-10', '2025', 'since March', 'March to May', '2026-03-01..2026-05-31', "
            "'last summer', 'since the start of autumn', '3/1 to 4/15', "
            "'近3个月', '上个月', '本季度', '2026年第三季度', '3月以来', '3月到5月', '去年秋季'")


class PeriodError(ValueError):
    """A period that could not be understood, or that cannot be used (it lies in the future…)."""


class Period(BaseModel):
    """A span of whole days, both ends inclusive."""

    model_config = ConfigDict(frozen=True)

    start: date
    end: date
    expression: str
    label_en: str
    label_zh: str

    def months(self) -> list[str]:
        """"YYYY-MM" for each calendar month the period touches, in order."""
        out, y, m = [], self.start.year, self.start.month
        while (y, m) <= (self.end.year, self.end.month):
            out.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out


def parse_period(expression: str, now: datetime) -> Period:
    """Read a whole period expression (English or Chinese); raise PeriodError if it is not one."""
    if not isinstance(expression, str):
        raise PeriodError(f"A period must be text, not {type(expression).__name__}. Accepted forms include: "
                          f"{EXAMPLES}.")
    today = _today(now)
    text = _normalize(expression).strip()
    if not text:
        raise PeriodError(f"No period was given. Accepted forms include: {EXAMPLES}.")
    filler = _compiled().filler
    best = next((c for c in sorted(_candidates(text), key=lambda c: c.rank)
                 if filler.fullmatch(text[:c.start] + " " + text[c.end:])), None)
    if best is None:
        longest = min(_candidates(text), key=lambda c: c.rank, default=None)
        if longest is not None:
            rest = " ".join((text[:longest.start] + " " + text[longest.end:]).split())
            raise PeriodError(f"Could not understand {rest!r} in the period {expression.strip()!r}; give just one "
                              f"period. Accepted forms include: {EXAMPLES}.")
        raise PeriodError(f"Could not understand the period {expression.strip()!r}. Accepted forms include: "
                          f"{EXAMPLES}.")
    try:
        return _evaluate(best, today, expression.strip())
    except PeriodError as exc:
        raise PeriodError(f"{exc} Accepted forms include: {EXAMPLES}.") from None


def find_period(text: str, now: datetime) -> Period | None:
    """The period mentioned in a sentence (English or Chinese), or None when it names none.

    Among overlapping readings the longest wins; of several periods, the first mentioned.
    A period that cannot be used (one that lies in the future) is passed over, never raised.
    """
    if not isinstance(text, str) or not text.strip():
        return None
    today = _today(now)
    norm = _normalize(text)
    chosen: list[_Candidate] = []
    taken = bytearray(len(norm))
    for cand in sorted(_candidates(norm), key=lambda c: c.rank):
        if not any(taken[cand.start:cand.end]):
            chosen.append(cand)
            taken[cand.start:cand.end] = b"\1" * (cand.end - cand.start)
    for cand in sorted(chosen, key=lambda c: c.start):
        if not _plausible_in_sentence(cand, norm):
            continue
        try:
            return _evaluate(cand, today, norm[cand.start:cand.end].strip())
        except PeriodError:
            continue
    return None


# The period before, a year earlier ("and a year ago?", "same time last year?", "去年同期呢", "同比呢"): in a follow-up, the
# previous question's period moved back a year.
YEAR_EARLIER = re.compile(r"(?<![a-z])(?:(?:a|one) year (?:ago|before|earlier|back)|(?:the )?year before|"
                          r"(?:the )?same (?:time|period|months?|quarter|weeks?|window|stretch) (?:last|a|the previous|the prior) "
                          r"year|year[- ]on[- ]year|year[- ]over[- ]year|yoy)(?![a-z])|去年同期|上年同期|一年前|同比", re.I)


def a_year_earlier(expression: str | None, now: datetime) -> str:
    """The period `expression` names (the default when None), a year earlier, as an explicit range of dates; raises
    PeriodError when `expression` is not a period (the tool then says so, as for the expression itself)."""
    period = parse_period(expression, now) if expression else default_period(now)
    start, end = (_year_back(d) for d in (period.start, period.end))
    return f"{start.isoformat()}..{end.isoformat()}"


def _year_back(d: date) -> date:
    return d.replace(year=d.year - 1, day=28 if (d.month, d.day) == (2, 29) else d.day)


def default_period(now: datetime) -> Period:
    """The last 12 months."""
    return parse_period("last 12 months", now)


# --------------------------------------------------------------------------- text normalisation

_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "俩": 2, "仨": 3, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
_ZH_NUMERAL_RUN = re.compile("[零〇一二两俩仨三四五六七八九十百千]+")


def _zh_number(run: str) -> str:
    if not any(ch in _ZH_UNITS for ch in run):           # 二〇二六 → 2026, 三 → 3
        return "".join(str(_ZH_DIGITS[ch]) for ch in run)
    total = current = 0                                  # 十二 → 12, 二十四 → 24, 一百零五 → 105
    for ch in run:
        if ch in _ZH_UNITS:
            total += (current or 1) * _ZH_UNITS[ch]
            current = 0
        else:
            current = _ZH_DIGITS[ch]
    return str(total + current)


def zh_numerals(text: str) -> str:
    """Chinese numerals as digits: "十一" → "11", "二〇二六" → "2026"."""
    return _ZH_NUMERAL_RUN.sub(lambda m: _zh_number(m.group(0)), text)


def _normalize(text: str) -> str:
    """Full-width forms to ASCII (NFKC), Chinese numerals to digits, underscores to spaces, a fortnight to 2 weeks,
    "last 90d" to "last 90 days"."""
    text = _FORTNIGHT.sub("2 weeks", zh_numerals(unicodedata.normalize("NFKC", text).replace("_", " ")))
    return _DAYS.sub(r"\1 days", text)


_FORTNIGHT = re.compile(r"(?<![a-z])(?:a |one )?fortnight(?![a-z])", re.I)
_DAYS = re.compile(r"(?<![a-z])((?:last|past|previous|trailing)\s+\d+)\s*d(?![a-z])", re.I)  # "last 90d"


def _today(now: datetime | date) -> date:
    if isinstance(now, datetime):
        return now.date()
    if isinstance(now, date):
        return now
    raise TypeError(f"now must be a datetime, not {type(now).__name__}")


# --------------------------------------------------------------------------- vocabulary

_MONTHS = {"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
           "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
           "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12}
_MONTH_NAMES = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December")
_FULL_MONTH_WORDS = {name.lower() for name in _MONTH_NAMES[1:]}
# Month words that are also common given names (or a modal verb): in a sentence they need context.
_NAME_LIKE = {"april", "may", "june", "august", "jan"}
# What a month's word is said of, right after it ("the april report", "Oct fails", "May numbers").
_OF_A_MONTH = re.compile(r"\s+(?:reports?|numbers|figures|stats|statistics|data|fails|failures|failure rates?|pass rates?|"
                         r"hires|cohort|interviews|batch|intake|results|pack|summary|csv|export)\b", re.I)
_EN_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
               "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
               "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
               "twenty-four": 24, "twenty four": 24, "thirty": 30, "thirty-six": 36, "thirty six": 36,
               "sixty": 60, "ninety": 90}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_YEAR_REL = {"this": 0, "current": 0, "last": -1, "previous": -1, "prior": -1, "今": 0, "本": 0, "去": -1, "前": -2}
_ZH_QUARTERS = ("", "一", "二", "三", "四")
# Seasons, as the meteorological seasons of the northern hemisphere (the label gives the dates read): spring is
# March to May, summer June to August, autumn September to November, winter December to February.
_SEASONS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4, "春": 1, "夏": 2, "秋": 3, "冬": 4}
_SEASON_NAMES = ("", "spring", "summer", "autumn", "winter")

_Y = r"(?:19|20)\d\d"
_MON = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")(?![a-z])\.?"
_NUM = (r"(?:\d{1,3}(?![0-9])|(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+")   # "6mo", "six months"
                                              for w in sorted(_EN_NUMBERS, key=len, reverse=True)) + r")(?![a-z]))")
_YPRE = r"(?:(?P<y>" + _Y + r")\s*年度?|(?P<yrel>今|去|前|本)\s*年)\s*(?:的\s*)?"   # 2026年 / 去年 …
_EYREL = r"(?P<yrel>this|last|previous|prior|current)\s+year(?![a-z])"           # … of last year
_NOT_AFTER_NUMBER = r"(?<![0-9a-z/])(?<![0-9]\.)(?<![a-z]-)"                     # not inside an id / decimal
_FALL = (r"(?:" + "|".join(f"(?<={w} )" for w in ("the", "this", "last", "previous", "prior", "past", "in", "since",
                                                  "during", "over", "until", "till", "by", "of"))
         + r"|(?=fall\s*,?\s*(?:19|20)\d\d))fall")


def _t(pattern: str) -> str:
    return (pattern.replace("<Y>", _Y).replace("<MON>", _MON).replace("<NUM>", _NUM).replace("<YPRE>", _YPRE)
            .replace("<EYREL>", _EYREL).replace("<NAN>", _NOT_AFTER_NUMBER).replace("<FALL>", _FALL))


# Points: a day, month, quarter, half or year, with or without its year.
_POINTS: list[tuple[str, str]] = [
    ("d_iso", r"<NAN>(?P<y><Y>)[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)"),
    ("d_zh", r"(?:<YPRE>)?(?<![0-9.])(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]"),
    ("d_en1", r"(?<![a-z])(?P<mon><MON>)\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?(?![0-9a-z:])"
              r"(?:\s*,?\s*(?P<y><Y>)(?!\d)|(?=\s*(?:$|[,.;:!?)\]]|[-–—~]|(?:to|and|through|thru|until|till|onwards?)"
              r"(?![a-z]))))"),
    ("d_en2", r"(?<![0-9a-z])(?:the\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon><MON>)"
              r"(?:\s*,?\s*(?P<y><Y>)(?!\d))?"),
    ("m_iso", r"<NAN>(?P<y><Y>)[-/.](?P<m>\d{1,2})(?!\d|[-/.]\d)"),
    ("m_zh", r"(?:<YPRE>)?(?<![0-9.])(?P<m>\d{1,2})\s*月份?(?!\s*\d)"),
    ("m_en", r"(?<![a-z])(?P<mon><MON>)(?:\s*,?\s*(?P<y><Y>)(?!\d)|\s*'(?P<y2>\d\d)(?!\d)|\s+(?:of\s+)?<EYREL>)?"),
    ("m_en_last", r"(?<![a-z])(?:last|previous|prior)\s+(?P<mon><MON>)"),
    ("q_en1", r"(?<![0-9a-z])q(?P<q>[1-4])(?![0-9a-z])"
              r"(?:\s*[-,]?\s*(?:of\s+)?(?P<y><Y>)(?!\d)|\s*'(?P<y2>\d\d)(?!\d)|\s+(?:of\s+)?<EYREL>)?"),
    ("q_en2", r"(?<![0-9a-z])(?P<y><Y>)\s*[-/]?\s*q(?P<q>[1-4])(?![0-9a-z])"),
    ("q_en3", r"(?<![0-9a-z])(?:the\s+)?(?P<qw>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter(?![a-z])"
              r"(?:\s+of\s+(?:(?P<y><Y>)(?!\d)|(?:the\s+)?<EYREL>))?"),
    ("q_zh1", r"(?:<YPRE>)?第\s*(?P<q>[1-4])\s*(?:个\s*)?季度?"),
    ("q_zh2", r"(?:<YPRE>)?(?<![0-9上近这])(?P<q>[1-4])\s*季度"),
    ("q_zh3", r"<YPRE>q(?P<q>[1-4])(?![0-9a-z])"),
    ("h_en1", r"(?<![0-9a-z])h(?P<h>[12])(?![0-9a-z])(?:\s*[-,]?\s*(?:of\s+)?(?P<y><Y>)(?!\d)|\s+(?:of\s+)?<EYREL>)?"),
    ("h_en2", r"(?<![0-9a-z])(?P<y><Y>)\s*[-/]?\s*h(?P<h>[12])(?![0-9a-z])"),
    ("h_en3", r"(?<![a-z])(?:the\s+)?(?P<hw>first|second|1st|2nd)\s+half\s+of\s+"
              r"(?:(?P<y><Y>)(?!\d)|(?:the\s+)?<EYREL>|the\s+year)"),
    ("h_zh", r"(?:<YPRE>)?(?P<h>上|下)\s*半\s*年度?"),
    # "this summer", "last winter", "autumn 2025", "2025年秋季", "去年秋招" (the autumn hiring season: autumn)
    ("s_en", r"(?<![a-z])(?:(?P<srel>this|last|previous|prior|past)\s+)?(?P<season>spring|summer|autumn|winter|<FALL>)"
             r"(?![a-z])(?:\s*,?\s*(?P<y><Y>)(?!\d)|\s*'(?P<y2>\d\d)(?!\d)|\s+(?:of\s+)?<EYREL>)?"),
    ("s_zh", r"(?:<YPRE>)?(?:(?P<zs>[春夏秋冬])(?:季(?!度)|天)|(?P<zhire>[春秋])招)"),
    # "3/1 to 4/15" (month first unless the first number cannot be a month): read only as an end of a range, or
    # after "since"; alone in a sentence "4/5" is a ratio.
    ("d_slash", r"<NAN>(?P<m>\d{1,2})/(?P<d>\d{1,2})(?![0-9/]|\.\d)"),
    ("y_zh", r"(?<![0-9])(?P<y><Y>)\s*(?:年度?(?:全年)?|全年)"),
    ("y_en", r"(?<![a-z])(?:the\s+)?(?:calendar\s+)?year\s+(?P<y><Y>)(?!\d)"),
    ("y_bare", r"<NAN>(?P<y><Y>)(?![0-9a-z/]|[-.]\d{1,2}(?!\d))"),
    ("y_zh_rel", r"(?<!大)前年(?:全年)?"),
]

# Calendar units relative to today.
_NAMED: list[tuple[str, str]] = [
    ("today", r"(?<![a-z])today(?![a-z])|今天|今日"),
    ("yesterday", r"(?<![a-z])yesterday(?![a-z])|昨天|昨日"),
    ("this_week", r"(?<![a-z])(?:this|current)\s+week(?![a-z])|(?<![a-z])week[-\s]to[-\s]date(?![a-z])"
                  r"|本周|这周|这个?星期|本星期|这个?礼拜|本礼拜"),
    ("last_week", r"(?<![a-z])(?:last|previous|prior)\s+week(?![a-z])|(?<!上)上\s*1?\s*个?\s*(?:周|星期|礼拜)"),
    ("this_month", r"(?<![a-z])(?:this|current)\s+month(?![a-z])|(?<![a-z])month[-\s]to[-\s]date(?![a-z])"
                   r"|(?<![a-z])mtd(?![a-z])|本月(?:份|度)?|这个?月|当月"
                   r"|(?<![a-z])since\s+the\s+(?:1st|first|start|beginning)(?:\s+of\s+(?:the|this)\s+month)?(?![a-z])(?!\s+of\b)"
                   r"|(?:本|这个?)?月初\s*(?:以来|至今|到现在|开始)"),
    ("last_month", r"(?<![a-z])(?:last|previous|prior)\s+month(?![a-z])|(?<!上)上\s*1?\s*个?\s*月(?:份|度)?"),
    ("two_weeks_ago", r"(?<![a-z])(?:the\s+)?week\s+before\s+last(?![a-z])|上上\s*个?\s*(?:周|星期|礼拜)"),
    ("two_months_ago", r"上上\s*个?\s*月(?:份|度)?|(?<![a-z])(?:the\s+)?month\s+before\s+last(?![a-z])"),
    ("two_quarters_ago", r"上上\s*个?\s*季度?|(?<![a-z])(?:the\s+)?quarter\s+before\s+last(?![a-z])"),
    ("two_years_ago", r"(?<![a-z])(?:the\s+)?year\s+before\s+last(?![a-z])"),
    ("this_quarter", r"(?<![a-z])(?:this|current)\s+quarter(?![a-z])|(?<![a-z])quarter[-\s]to[-\s]date(?![a-z])"
                     r"|(?<![a-z])qtd(?![a-z])|本季度?|这个?季度?|当季度?"),
    ("last_quarter", r"(?<![a-z])(?:the\s+)?(?:last|previous|prior)\s+quarter(?![a-z])"
                     r"|(?<!上)上\s*1?\s*个?\s*季度?"),
    ("this_half", r"(?<![a-z])(?:this|current)\s+half(?:[-\s]year)?(?![a-z])|(?<![a-z])half[-\s]to[-\s]date(?![a-z])"
                  r"|本半年|这半年"),
    ("last_half", r"(?<![a-z])(?:the\s+)?(?:last|previous|prior)\s+half(?![a-z])(?![-\s]year)"),
    ("this_year", r"(?<![a-z])(?:this|current)\s+(?:calendar\s+)?year(?![a-z])"
                  r"|(?<![a-z])year[-\s]to[-\s]date(?![a-z])|(?<![a-z])ytd(?![a-z])"
                  r"|(?<![a-z])since\s+the\s+(?:start|beginning)\s+of\s+(?:the|this)\s+year(?![a-z])"
                  r"|(?<![a-z])so\s+far\s+this\s+year(?![a-z])"
                  r"|(?<![a-z])(?:the\s+|this\s+)?year\s+so\s+far(?![a-z])"
                  r"|今年(?:以来|至今|迄今)?|本年度?|(?:从|自)?\s*年初\s*(?:至今|到现在|到今天|到目前为止|到目前|以来|开始)"
                  r"|(?<![0-9年去])全年"),  # "研发 全年": this whole year (not "2023全年", "去年全年")
    ("last_year", r"(?<![a-z])(?:last|previous|prior)\s+(?:calendar\s+)?year(?![a-z])|去年(?:全年)?|(?<!上)上\s*1?\s*年度?"),
    *((f"weekday{i}", rf"(?<![a-z]){day}(?![a-z])|(?<!每)(?:周|星期|礼拜){zh}(?![0-9])") for i, (day, zh) in enumerate(
        zip(_WEEKDAYS, ("1", "2", "3", "4", "5", "6", "[日天]")))),
]

# Rolling windows ending today.
_ROLLING: list[tuple[str, str]] = [
    ("r_en_n", r"(?<![a-z])(?:the\s+)?(?:last|past|previous|prior|recent|trailing|preceding)\s+(?P<n><NUM>)\s*"
               r"(?P<u>day|week|month|quarter|year|mo|mth)s?\.?(?![a-z])"),
    # "lately", "last few months", "最近几个月": vague, read as three (months unless another unit is said), and said so
    ("r_few", r"(?<![a-z])(?:the\s+)?(?:last|past|recent|previous)\s+(?P<few>few|couple\s+of|several)\s+"
              r"(?P<u>day|week|month)s(?![a-z])|(?:最近|过去|近)\s*(?P<zfew>几)\s*(?P<zu>个\s*月|天|周|个\s*星期|星期)"),
    ("r_lately", r"(?<![a-z])(?:lately|recently|of\s+late|these\s+days|in\s+recent\s+(?:times|months|weeks))(?![a-z])"
                 r"|(?<![a-z])(?:in\s+)?the\s+(?:last|past)\s+months(?![a-z])(?!\s+of\b)"  # "in the last months" (a count unsaid)
                 r"|近来|近期|最近一段时间|最近这段时间|这段时间|近段时间|最近(?![0-9一二两三四五六七八九十几半个的一]|\s*\d)"),
    ("r_en_1", r"(?<![a-z])(?:the\s+)?(?:past|recent|trailing|preceding)\s+"
               r"(?P<u>day|week|month|quarter|year)(?![a-z])"),
    ("r_en_the", r"(?<![a-z])the\s+last\s+(?P<u>day|week|month|year)(?![a-z])"),
    ("r_en_half", r"(?<![a-z])(?:(?:the\s+)?(?:last|past|previous|prior|recent|trailing)\s+half[-\s]?year"
                  r"|(?:(?:the\s+)?(?:last|past|previous|prior|recent|trailing)\s+)?half\s+an?\s+year)(?![a-z])"),
    ("r_en_ttm", r"(?<![a-z])(?:ttm|ltm)(?![a-z])"),
    ("r_zh", r"(?:最近|过去|过往|近来|近|这)\s*的?\s*(?P<n>\d{1,3}|半)\s*"
             r"(?P<u>个\s*月|月|天|日|周|个\s*星期|星期|个\s*礼拜|礼拜|个\s*季度|季度|个?\s*季|年)(?P<half>半)?"
             r"(?:\s*(?:以来|来|以内|之内|内|里|中))?"),
    # A bare "3 months" / "3个月" only as a whole expression (a tool argument), never inside a sentence.
    ("r_en_bare", r"(?<![0-9a-z])(?P<n><NUM>)\s*(?P<u>day|week|month|quarter|year)s?(?![a-z])"),
    ("r_zh_bare", r"(?<![0-9])(?P<n>\d{1,3}|半)\s*(?P<u>个\s*月|天|周|个\s*星期|个\s*季度|年)(?P<half>半)?"),
    ("r_zh_lai", r"(?<![0-9上下本这近去今前])(?P<n>\d{1,3}|半)\s*(?P<u>个\s*月|天|周|个\s*星期|星期|个\s*礼拜|礼拜|个\s*季度|年)"
                 r"(?P<half>半)?\s*(?:以来|来)"),
]


# Since and range: operands are the points (and, for "since", the calendar units) found above,
# joined by these words.
_BARE_LEFT = r"(?:<YPRE>)?(?<![0-9])(?:第\s*)?(?P<n>\d{1,2})(?![0-9])"     # "3" in "3至5月", "1" in "1-3季度"
_SINCE_BEFORE = (r"(?:(?<![a-z])(?:since|from|starting(?:\s+(?:from|in|on|with))?|beginning(?:\s+(?:in|from|on|with))?)"
                 r"\s+(?:the\s+(?:start|beginning)\s+of\s+|early\s+)?(?:the\s+)?|(?:自从|自|从)\s*)$")
_SINCE_AFTER = (r"\s+(?:to\s+date|onwards?|until\s+now|till\s+now|to\s+now|up\s+to\s+now|until\s+today|to\s+today"
                r"|through\s+today|so\s+far)(?![a-z])"
                r"|\s*(?:以来|至今|到现在|到今天|到目前为止|到目前|迄今为止|迄今|开始|起)(?:\s*(?:至今|到现在))?")
_RANGE_BEFORE = r"(?:(?<![a-z])(?P<word>from|between)\s+(?:the\s+)?|(?:从|自)\s*)$"
_RANGE_JOIN = r"\s*(?:\s(?P<word>to|until|till|through|thru|and)\s|[-–—~]|\.\.|到|至)\s*(?:the\s+)?"
_RANGE_AFTER = r"\s*(?:之间|期间)"

_FILLER = (r"(?:[^\w]|_|(?<![a-z])(?:the|in|over|during|for|within|of|period|time|range|data|please)(?![a-z])"
           r"|在|的|期间|之内|以内|内|里|中|时间段?|时段|数据)*")
# Words that make a bare year ("in 2025") or a bare month name ("in May") a period inside a sentence.
_CONTEXT_BEFORE = (r"(?<![a-z])(?:in|during|for|of|over|throughout|across|within|month\s+of|year)\s+"
                   r"(?:the\s+)?(?:(?:month|calendar\s+year|year)\s+(?:of\s+)?)?$")

_KIND_RANK = {"point": 0, "named": 1, "rolling": 2, "since": 3, "range": 4}


class _Rule(NamedTuple):
    name: str
    kind: str
    regex: re.Pattern


class _Tables(NamedTuple):
    rules: tuple[_Rule, ...]
    bare_left: re.Pattern
    since_before: re.Pattern
    since_after: re.Pattern
    range_before: re.Pattern
    range_join: re.Pattern
    range_after: re.Pattern
    filler: re.Pattern
    context_before: re.Pattern


@lru_cache(maxsize=1)
def _compiled() -> _Tables:
    def c(pattern: str) -> re.Pattern:
        return re.compile(_t(pattern), re.IGNORECASE)

    rules = tuple(_Rule(name, kind, c(pattern))
                  for kind, table in (("point", _POINTS), ("named", _NAMED), ("rolling", _ROLLING))
                  for name, pattern in table)
    return _Tables(rules=rules, bare_left=c(_BARE_LEFT), since_before=c(_SINCE_BEFORE), since_after=c(_SINCE_AFTER),
                   range_before=c(_RANGE_BEFORE), range_join=c(_RANGE_JOIN), range_after=c(_RANGE_AFTER),
                   filler=c(_FILLER), context_before=c(_CONTEXT_BEFORE))


class _Candidate(NamedTuple):
    start: int
    end: int
    kind: str                                  # point | named | rolling | since | range | bare
    name: str                                  # the rule's name
    match: re.Match | None
    order: int
    left: _Candidate | None = None             # since: the operand; range: the first end
    right: _Candidate | None = None            # range: the second end

    @property
    def rank(self) -> tuple[int, int, int, int]:
        return (self.start - self.end, self.start, _KIND_RANK[self.kind], self.order)


_MAX_JOIN = 16     # characters between the two ends of a range
_LOOK_BACK = 60    # characters before a period searched for "since", "from", "in"…


def _candidates(text: str) -> list[_Candidate]:
    tables = _compiled()
    simple = [_Candidate(m.start(), m.end(), rule.kind, rule.name, m, order)
              for order, rule in enumerate(tables.rules) for m in rule.regex.finditer(text) if m.end() > m.start()]
    points = [c for c in simple if c.kind == "point"]
    out = list(simple)
    order = len(tables.rules)
    for op in simple:                                  # since March / 3月以来 / Q3 to date
        if op.kind not in ("point", "named"):
            continue
        before = tables.since_before.search(text, max(0, op.start - _LOOK_BACK), op.start)
        after = tables.since_after.match(text, op.end)
        if before or after:
            out.append(_Candidate(before.start() if before else op.start, after.end() if after else op.end,
                                  "since", "since", None, order, left=op))
    lefts = points + [_Candidate(m.start(), m.end(), "bare", "bare", m, order)
                      for m in tables.bare_left.finditer(text)]
    points.sort(key=lambda c: c.start)
    starts = [c.start for c in points]
    for left in lefts:                                 # March to May / 3至5月 / 2026-03-01..2026-05-31
        for right in points[bisect_left(starts, left.end):bisect_right(starts, left.end + _MAX_JOIN)]:
            join = tables.range_join.fullmatch(text, left.end, right.start)
            if not join:
                continue
            before = tables.range_before.search(text, max(0, left.start - _LOOK_BACK), left.start)
            if join.group("word") and join.group("word").lower() == "and" and not (
                    before and (before.group("word") or "").lower() == "between"):
                continue                               # "March and May" is two months, not a range
            after = tables.range_after.match(text, right.end)
            out.append(_Candidate(before.start() if before else left.start, after.end() if after else right.end,
                                  "range", "range", None, order + 1, left=left, right=right))
    return out


# --------------------------------------------------------------------------- points


class _Point(NamedTuple):
    kind: str                      # day | month | quarter | half | season | year
    n: int = 0                     # month, quarter, half or season number (day: the month)
    d: int = 0                     # day of month
    y: int | None = None           # explicit year
    yrel: int | None = None        # year relative to today's (0 this, -1 last, -2 the one before)
    last_completed: bool = False   # "last October": the most recent one that has ended
    bare_en_month: str | None = None  # an English month word standing alone ("may", "oct")

    @property
    def has_year(self) -> bool:
        return self.y is not None or self.yrel is not None


def _group(m: re.Match, name: str) -> str | None:
    return m.groupdict().get(name)


def _point_from_match(name: str, m: re.Match) -> _Point:
    y = _group(m, "y")
    year = int(y) if y else (2000 + int(_group(m, "y2")) if _group(m, "y2") else None)
    yrel_word = _group(m, "yrel")
    yrel = _YEAR_REL[yrel_word.lower()] if yrel_word else None
    if name == "y_zh_rel":
        return _Point("year", yrel=-2)
    if name.startswith("y_"):
        return _Point("year", y=year)
    if name.startswith("s_"):
        word = (_group(m, "season") or _group(m, "zs") or _group(m, "zhire")).lower()
        srel = (_group(m, "srel") or "").lower()
        return _Point("season", n=_SEASONS[word], y=year, yrel=0 if srel == "this" else yrel,
                      last_completed=srel in ("last", "previous", "prior", "past"))
    if name == "d_slash":
        month, day = int(m.group("m")), int(m.group("d"))
        month, day = (day, month) if month > 12 >= day else (month, day)  # "15/4": the day first
        return _Point("day", n=month, d=day, y=year, yrel=yrel)
    if name.startswith("d_"):
        month = _MONTHS[_group(m, "mon").lower().rstrip(".")] if _group(m, "mon") else int(m.group("m"))
        return _Point("day", n=month, d=int(m.group("d")), y=year, yrel=yrel)
    if name.startswith("m_"):
        mon = _group(m, "mon")
        month = _MONTHS[mon.lower().rstrip(".")] if mon else int(m.group("m"))
        bare = mon.lower().rstrip(".") if mon and year is None and yrel is None and name == "m_en" else None
        return _Point("month", n=month, y=year, yrel=yrel, last_completed=name == "m_en_last", bare_en_month=bare)
    if name.startswith("q_"):
        q = int(m.group("q")) if _group(m, "q") else _ORDINALS[m.group("qw").lower()]
        return _Point("quarter", n=q, y=year, yrel=yrel)
    if name.startswith("h_"):
        h = (_group(m, "h") or m.group("hw")).lower()
        return _Point("half", n=1 if h in ("1", "上", "first", "1st") else 2, y=year, yrel=yrel)
    raise AssertionError(name)  # pragma: no cover


def _month_end(y: int, m: int) -> date:
    return date(y + m // 12, m % 12 + 1, 1) - timedelta(days=1)


def _span(p: _Point, y: int) -> tuple[date, date]:
    if not 1 <= y <= 9999:
        raise PeriodError(f"The year {y} is out of range.")
    if p.kind == "year":
        return date(y, 1, 1), date(y, 12, 31)
    if p.kind == "half":
        return (date(y, 1, 1), date(y, 6, 30)) if p.n == 1 else (date(y, 7, 1), date(y, 12, 31))
    if p.kind == "season":  # winter 2025: December 2025 to February 2026
        return date(y, 3 * p.n, 1), _month_end(y + (p.n == 4), 3 * p.n + 2 - 12 * (p.n == 4))
    if p.kind == "quarter":
        if not 1 <= p.n <= 4:
            raise PeriodError(f"There is no quarter {p.n}; quarters are Q1 to Q4.")
        return date(y, 3 * p.n - 2, 1), _month_end(y, 3 * p.n)
    if not 1 <= p.n <= 12:
        raise PeriodError(f"There is no month {p.n}; months are 1 to 12.")
    if p.kind == "month":
        return date(y, p.n, 1), _month_end(y, p.n)
    try:
        day = date(y, p.n, p.d)
    except ValueError:
        raise PeriodError(f"{y:04d}-{p.n:02d}-{p.d:02d} is not a valid date.") from None
    return day, day


def _year_of(p: _Point, today: date) -> int:
    """The year a point falls in: given, relative, or the most recent one that has started (or ended)."""
    if p.y is not None:
        return p.y
    if p.yrel is not None:
        return today.year + p.yrel
    y = today.year
    for _ in range(8):                                   # a day like Feb 29 may need a few years back
        try:
            start, end = _span(p, y)
        except PeriodError:
            if p.kind != "day":
                raise
            y -= 1
            continue
        if (end >= today) if p.last_completed else (start > today):
            y -= 1
            continue
        return y
    _span(p, today.year)                                 # re-raise the reason: an invalid day
    raise PeriodError("No such day in recent years.")  # pragma: no cover


def _point_names(p: _Point, y: int, start: date) -> tuple[str, str, str]:
    """(expression, English name, Chinese name) of a point in year y."""
    if p.kind == "day":
        return start.isoformat(), f"{start.day} {_MONTH_NAMES[start.month]} {y}", f"{y}年{start.month}月{start.day}日"
    if p.kind == "month":
        return f"{y:04d}-{p.n:02d}", f"{_MONTH_NAMES[p.n]} {y}", f"{y}年{p.n}月"
    if p.kind == "quarter":
        return f"{y:04d}-Q{p.n}", f"Q{p.n} {y}", f"{y}年第{_ZH_QUARTERS[p.n]}季度"
    if p.kind == "half":
        return f"{y:04d}-H{p.n}", f"H{p.n} {y}", f"{y}年{'上' if p.n == 1 else '下'}半年"
    if p.kind == "season":
        name = _SEASON_NAMES[p.n]
        if p.n == 4:
            return f"winter {y}", f"winter {y}–{(y + 1) % 100:02d}", f"{y}–{y + 1}年冬季"
        return f"{name} {y}", f"{name} {y}", f"{y}年{'春夏秋'[p.n - 1]}季"
    return f"{y:04d}", f"{y}", f"{y}年"


# --------------------------------------------------------------------------- evaluation


def _add_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    y, m = divmod(index, 12)
    if not 1 <= y <= 9999:
        raise PeriodError("That period reaches too far back.")
    return date(y, m + 1, min(d.day, _month_end(y, m + 1).day))


def _finish(start: date, end: date, today: date, expression: str, name_en: str, name_zh: str,
            asked: str, dated_names: bool = False) -> Period:
    if start > today:
        raise PeriodError(f"The period {asked!r} ({start} – {end}) has not started yet (today is {today}); "
                          f"statistics need a period in the past.")
    if start > end:
        raise PeriodError(f"The period {asked!r} starts ({start}) after it ends ({end}).")
    end = min(end, today)
    if dated_names:
        return Period(start=start, end=end, expression=expression, label_en=name_en, label_zh=name_zh)
    return Period(start=start, end=end, expression=expression,
                  label_en=f"{name_en} ({start} – {end})", label_zh=f"{name_zh}（{start} 至 {end}）")


def _evaluate(cand: _Candidate, today: date, asked: str) -> Period:
    if cand.kind == "point":
        return _evaluate_point(_point_from_match(cand.name, cand.match), today, asked)
    if cand.kind == "named":
        return _evaluate_named(cand.name, today, asked)
    if cand.kind == "rolling":
        return _evaluate_rolling(cand.name, cand.match, today, asked)
    if cand.kind == "since":
        return _evaluate_since(cand.left, today, asked)
    return _evaluate_range(cand.left, cand.right, today, asked)


def _evaluate_point(p: _Point, today: date, asked: str) -> Period:
    y = _year_of(p, today)
    start, end = _span(p, y)
    expression, en, zh = _point_names(p, y, start)
    if end > today and start <= today and p.kind != "day":
        en, zh = f"{en} to date", f"{zh}至今"
    return _finish(start, end, today, expression, en, zh, asked)


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _evaluate_named(name: str, today: date, asked: str) -> Period:
    if name == "two_months_ago":
        first = _add_months(today.replace(day=1), -2)
        return _evaluate_point(_Point("month", n=first.month, y=first.year), today, asked)
    quarter_start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    if name == "two_quarters_ago":
        first = _add_months(quarter_start, -6)
        return _evaluate_point(_Point("quarter", n=(first.month - 1) // 3 + 1, y=first.year), today, asked)
    if name == "two_years_ago":
        return _evaluate_point(_Point("year", y=today.year - 2), today, asked)
    if name.startswith("weekday"):
        index = int(name[len("weekday"):])
        day = today - timedelta(days=(today.weekday() - index) % 7)  # the latest one, today included
        return _finish(day, day, today, _WEEKDAYS[index], f"{_WEEKDAYS[index].capitalize()} {day}",
                       f"周{'一二三四五六日'[index]}（{day}）", asked, dated_names=True)
    this_month = today.replace(day=1)
    half_start = date(today.year, 1 if today.month <= 6 else 7, 1)
    spans = {
        "today": (today, today, "today", "今天"),
        "yesterday": (today - timedelta(days=1), today - timedelta(days=1), "yesterday", "昨天"),
        "this_week": (_monday(today), today, "this week", "本周"),
        "last_week": (_monday(today) - timedelta(days=7), _monday(today) - timedelta(days=1), "last week", "上周"),
        "two_weeks_ago": (_monday(today) - timedelta(days=14), _monday(today) - timedelta(days=8),
                          "the week before last", "上上周"),
        "this_month": (this_month, today, "this month", "本月"),
        "last_month": (_add_months(this_month, -1), this_month - timedelta(days=1), "last month", "上个月"),
        "this_quarter": (quarter_start, today, "this quarter", "本季度"),
        "last_quarter": (_add_months(quarter_start, -3), quarter_start - timedelta(days=1), "last quarter", "上季度"),
        "this_half": (half_start, today, "this half", "本半年"),
        "last_half": (_add_months(half_start, -6), half_start - timedelta(days=1), "last half", "上个半年"),
        "this_year": (date(today.year, 1, 1), today, "this year", "今年"),
        "last_year": (date(today.year - 1, 1, 1), date(today.year - 1, 12, 31), "last year", "去年"),
    }
    start, end, en, zh = spans[name]
    return _finish(start, end, today, en, en, zh, asked)


_ZH_UNIT = {"月": "month", "天": "day", "日": "day", "周": "week", "星期": "week", "礼拜": "week", "季度": "quarter",
            "季": "quarter", "年": "year"}


def _evaluate_rolling(name: str, m: re.Match, today: date, asked: str) -> Period:
    raw_n = _group(m, "n")
    raw_u = (_group(m, "u") or "").lower()
    unit = _ZH_UNIT.get(re.sub(r"^个|\s+", "", raw_u), raw_u) if raw_u else None
    unit = "month" if unit in ("mo", "mth") else unit
    vague = None
    if name == "r_few":
        few = (_group(m, "few") or "").lower()
        count, vague = (2 if few.startswith("couple") else 3), m.group(0).strip()
        unit = _ZH_UNIT.get(re.sub(r"^个|\s+", "", _group(m, "zu") or ""), unit)
    elif name == "r_lately":
        count, unit, vague = 3, "month", m.group(0).strip()
    elif name == "r_en_half":
        count, unit = 6, "month"
    elif name == "r_en_ttm":
        count, unit = 12, "month"
    elif raw_n is None:
        count = 1
    elif raw_n == "半":
        if unit == "year":
            count, unit = 6, "month"
        elif unit == "month":
            count, unit = 15, "day"
        else:
            raise PeriodError(f"Could not understand the period {asked!r}: half a {unit} is not a period used here.")
    else:
        count = int(raw_n) if raw_n.isdigit() else _EN_NUMBERS[re.sub(r"\s+", " ", raw_n.lower())]
    if count <= 0:
        raise PeriodError(f"The period {asked!r} is empty; give at least one {unit}.")
    if _group(m, "half"):                               # 一年半 → 18 months
        if unit != "year":
            raise PeriodError(f"Could not understand the period {asked!r}.")
        count, unit = count * 12 + 6, "month"
    if unit == "quarter":
        count, unit = count * 3, "month"
    if unit == "year" and count == 1:
        count, unit = 12, "month"
    if unit == "week" and count == 1:
        count, unit = 7, "day"
    try:
        if unit == "day":
            start = today - timedelta(days=count)
        elif unit == "week":
            start = today - timedelta(weeks=count)
        else:
            start = _add_months(today, -(count * 12 if unit == "year" else count))
    except OverflowError:
        raise PeriodError(f"The period {asked!r} reaches too far back.") from None
    plural = unit + ("s" if count != 1 else "")
    expression = f"last {count} {plural}"
    en = f"the past {unit}" if count == 1 else f"the last {count} {plural}"
    zh = f"近{count}" + {"day": "天", "week": "周", "month": "个月", "year": "年"}[unit]
    if vague:  # "lately": kept as said (it reads back the same), and how it was read is said with the figures
        return _finish(start, today, today, vague, f"{en} (read from “{vague}”: {start} – {today})",
                       f"{zh}（由“{vague}”推定，{start} 至 {today}）", asked, dated_names=True)
    return _finish(start, today, today, expression, en, zh, asked)


def _evaluate_since(operand: _Candidate, today: date, asked: str) -> Period:
    if operand.kind == "named":
        start = _evaluate_named(operand.name, today, asked).start
    else:
        p = _point_from_match(operand.name, operand.match)
        start = _span(p, _year_of(p, today))[0]
    return _finish(start, today, today, f"since {start}", f"since {start}", f"自{start}以来", asked)


def _evaluate_range(left: _Candidate, right: _Candidate, today: date, asked: str) -> Period:
    b = _point_from_match(right.name, right.match)
    if left.kind == "bare":                              # "3至5月": the first end borrows the second's unit
        if b.kind not in ("month", "quarter"):
            raise PeriodError(f"Could not understand the period {asked!r}.")
        bare = left.match
        yrel_word = _group(bare, "yrel")
        a = _Point(b.kind, n=int(bare.group("n")), y=int(bare.group("y")) if _group(bare, "y") else None,
                   yrel=_YEAR_REL[yrel_word] if yrel_word else None)
    else:
        a = _point_from_match(left.name, left.match)
    if a.has_year and not b.has_year:
        ya = _year_of(a, today)
        yb = ya if _span(b, ya)[0] >= _span(a, ya)[0] else ya + 1
    else:
        yb = _year_of(b, today)
        if a.has_year:
            ya = _year_of(a, today)
        else:
            a = a._replace(last_completed=False)
            ya = yb if _span(a, yb)[0] <= _span(b, yb)[0] else yb - 1
    start, end = _span(a, ya)[0], _span(b, yb)[1]
    if start > end:
        raise PeriodError(f"The period {asked!r} starts ({start}) after it ends ({end}).")
    end = min(end, today)
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        en, zh = (f"{start.year}", f"{start.year}年") if start.year == end.year else \
            (f"{start.year} – {end.year}", f"{start.year}年至{end.year}年")
        return _finish(start, end, today, f"{start}..{end}", en, zh, asked)
    if start.day == 1 and end == _month_end(end.year, end.month):
        if start.year == end.year:
            en = (f"{_MONTH_NAMES[start.month]} – {_MONTH_NAMES[end.month]} {end.year}"
                  if start.month != end.month else f"{_MONTH_NAMES[end.month]} {end.year}")
            zh = f"{start.year}年{start.month}月至{end.month}月" if start.month != end.month else f"{end.year}年{end.month}月"
        else:
            en = f"{_MONTH_NAMES[start.month]} {start.year} – {_MONTH_NAMES[end.month]} {end.year}"
            zh = f"{start.year}年{start.month}月至{end.year}年{end.month}月"
        return _finish(start, end, today, f"{start}..{end}", en, zh, asked)
    return _finish(start, end, today, f"{start}..{end}", f"{start} – {end}", f"{start} 至 {end}", asked,
                   dated_names=True)


# --------------------------------------------------------------------------- sentences


# A year that closes a list of terms ("fail trend monthly, all roles, 2024", "…r&d 2025 pls"), unless it counts or
# numbers something ("candidate 2025", "between 60 and 2025").
_LISTED_YEAR = re.compile(r"\s*(?:$|[,.;:!?)]|(?:pls|please|thanks|thx|csv)(?![a-z]))", re.I)
_COUNTED_BEFORE = re.compile(r"(?:candidates?|applicants?|interviews?|proposals?|drafts?|requests?|id|no\.?|number|#|"
                             r"scores?d?|and|or|to|than|between|of|is|was|are|were)\s*$", re.I)


def _plausible_in_sentence(cand: _Candidate, text: str) -> bool:
    """Keep "candidate 2025", "May I…" and "April Smith" from reading as periods."""
    tables = _compiled()
    before = text[:cand.start]
    if tables.filler.fullmatch(before + " " + text[cand.end:]):
        return True                                    # the period is the whole message: "Oct", "2025", "3个月"
    if cand.name.endswith("_bare") and cand.kind == "rolling":
        return False                                   # "3 months of experience", "5年经验"
    if cand.name.startswith("weekday") or cand.name == "d_slash":
        return False                                   # "Monday's meeting", "the 4/5 rule"; "since Monday" is read as a whole
    if cand.kind == "point":
        p = _point_from_match(cand.name, cand.match)
        has_context = bool(tables.context_before.search(text, max(0, cand.start - _LOOK_BACK), cand.start))
        if cand.name == "y_bare" and not has_context and not _LISTED_YEAR.match(text, cand.end) \
                or cand.name == "y_bare" and _COUNTED_BEFORE.search(before[-_LOOK_BACK:]):
            return False                               # "candidate 2025", but "fail rate trend r&d 2025", "…, 2024, csv"
        if p.bare_en_month and not has_context:
            word = p.bare_en_month
            at_end = not text[cand.end:].strip(" .,;:!?)")        # "csv export, field tech, Sept"
            at_start = not before.strip()                          # "Sept report for mech design"
            said_of = _OF_A_MONTH.match(text, cand.end)  # "the april report", "May numbers": a month's
            if word == "may" and not (text[cand.start:cand.start + 1].isupper() or before.lower().endswith("the ")):
                said_of = None  # "we may report it": the verb
            if (word in _NAME_LIKE and not said_of
                    or word not in _FULL_MONTH_WORDS and not (at_end or at_start or said_of)):  # "May", "Oct" alone
                return False
    # A month word that is also a given name, followed by a capitalised word: "April Smith", "May Chen".
    tail = re.search(r"(april|may|june|august|jan)$", text[cand.start:cand.end], re.IGNORECASE)  # "in April. Kindly"
    if tail:
        nxt = re.match(r"\s+([A-Z][a-zA-Z'’-]*)", text[cand.end:])
        if nxt and nxt.group(1).lower().rstrip(".") not in _MONTHS:
            return False
    return True


def period_bounds(period: Period) -> tuple[datetime, datetime]:
    """The period as a half-open UTC datetime range [start, end) for queries on timestamps."""
    start = datetime.combine(period.start, datetime.min.time(), tzinfo=timezone.utc)
    return start, datetime.combine(period.end + timedelta(days=1), datetime.min.time(), tzinfo=timezone.utc)
