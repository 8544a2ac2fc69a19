"""Time periods in English and Chinese: parse_period, find_period, default_period, labels and round trips."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from candor.periods import (
    Period,
    PeriodError,
    default_period,
    find_period,
    parse_period,
)

NOW = datetime(2026, 11, 15, 12, 0, tzinfo=timezone.utc)  # a Sunday, mid-Q4
D = date.fromisoformat
ROOT = Path(__file__).resolve().parent.parent


def at(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(hour=12, tzinfo=timezone.utc)


# expression, start, end, canonical expression — all at NOW.
PARSE = [
    # rolling windows: same day-of-month N months (weeks, days, years) back, to today
    ("last 3 months", "2026-08-15", "2026-11-15", "last 3 months"),
    ("past 3 months", "2026-08-15", "2026-11-15", "last 3 months"),
    ("previous 3 months", "2026-08-15", "2026-11-15", "last 3 months"),
    ("the last three months", "2026-08-15", "2026-11-15", "last 3 months"),
    ("Over the past three months", "2026-08-15", "2026-11-15", "last 3 months"),
    ("LAST 3 MONTHS", "2026-08-15", "2026-11-15", "last 3 months"),
    ("last_3_months", "2026-08-15", "2026-11-15", "last 3 months"),
    ("3 months", "2026-08-15", "2026-11-15", "last 3 months"),
    ("last twelve months", "2025-11-15", "2026-11-15", "last 12 months"),
    ("trailing 12 months", "2025-11-15", "2026-11-15", "last 12 months"),
    ("TTM", "2025-11-15", "2026-11-15", "last 12 months"),
    ("last 6 months", "2026-05-15", "2026-11-15", "last 6 months"),
    ("half a year", "2026-05-15", "2026-11-15", "last 6 months"),
    ("the past half year", "2026-05-15", "2026-11-15", "last 6 months"),
    ("last 2 quarters", "2026-05-15", "2026-11-15", "last 6 months"),
    ("past month", "2026-10-15", "2026-11-15", "last 1 month"),
    ("the last month", "2026-10-15", "2026-11-15", "last 1 month"),
    ("last 30 days", "2026-10-16", "2026-11-15", "last 30 days"),
    ("past 7 days", "2026-11-08", "2026-11-15", "last 7 days"),
    ("past week", "2026-11-08", "2026-11-15", "last 7 days"),
    ("last two weeks", "2026-11-01", "2026-11-15", "last 2 weeks"),
    ("last 2 years", "2024-11-15", "2026-11-15", "last 2 years"),
    ("past year", "2025-11-15", "2026-11-15", "last 12 months"),
    ("the last year", "2025-11-15", "2026-11-15", "last 12 months"),
    ("近3个月", "2026-08-15", "2026-11-15", "last 3 months"),
    ("近三个月", "2026-08-15", "2026-11-15", "last 3 months"),
    ("最近3个月", "2026-08-15", "2026-11-15", "last 3 months"),
    ("最近三个月", "2026-08-15", "2026-11-15", "last 3 months"),
    ("过去三个月", "2026-08-15", "2026-11-15", "last 3 months"),
    ("近３个月", "2026-08-15", "2026-11-15", "last 3 months"),        # full-width digit
    ("近3月", "2026-08-15", "2026-11-15", "last 3 months"),
    ("最近的三个月", "2026-08-15", "2026-11-15", "last 3 months"),
    ("近三个月以来", "2026-08-15", "2026-11-15", "last 3 months"),
    ("三个月来", "2026-08-15", "2026-11-15", "last 3 months"),
    ("3个月", "2026-08-15", "2026-11-15", "last 3 months"),
    ("近十二个月", "2025-11-15", "2026-11-15", "last 12 months"),
    ("近半年", "2026-05-15", "2026-11-15", "last 6 months"),
    ("最近半年", "2026-05-15", "2026-11-15", "last 6 months"),
    ("过去半年", "2026-05-15", "2026-11-15", "last 6 months"),
    ("半年来", "2026-05-15", "2026-11-15", "last 6 months"),
    ("近两个季度", "2026-05-15", "2026-11-15", "last 6 months"),
    ("近半个月", "2026-10-31", "2026-11-15", "last 15 days"),
    ("近30天", "2026-10-16", "2026-11-15", "last 30 days"),
    ("近三十天", "2026-10-16", "2026-11-15", "last 30 days"),
    ("最近7日", "2026-11-08", "2026-11-15", "last 7 days"),
    ("过去两周", "2026-11-01", "2026-11-15", "last 2 weeks"),
    ("近两个星期", "2026-11-01", "2026-11-15", "last 2 weeks"),
    ("近一年", "2025-11-15", "2026-11-15", "last 12 months"),
    ("过去一年", "2025-11-15", "2026-11-15", "last 12 months"),
    ("一年来", "2025-11-15", "2026-11-15", "last 12 months"),
    ("近一年半", "2025-05-15", "2026-11-15", "last 18 months"),
    ("近两年", "2024-11-15", "2026-11-15", "last 2 years"),
    ("过去2年", "2024-11-15", "2026-11-15", "last 2 years"),
    # calendar units relative to today
    ("today", "2026-11-15", "2026-11-15", "today"),
    ("今天", "2026-11-15", "2026-11-15", "today"),
    ("yesterday", "2026-11-14", "2026-11-14", "yesterday"),
    ("昨天", "2026-11-14", "2026-11-14", "yesterday"),
    ("this week", "2026-11-09", "2026-11-15", "this week"),
    ("本周", "2026-11-09", "2026-11-15", "this week"),
    ("这周", "2026-11-09", "2026-11-15", "this week"),
    ("last week", "2026-11-02", "2026-11-08", "last week"),
    ("上周", "2026-11-02", "2026-11-08", "last week"),
    ("上个星期", "2026-11-02", "2026-11-08", "last week"),
    ("this month", "2026-11-01", "2026-11-15", "this month"),
    ("month to date", "2026-11-01", "2026-11-15", "this month"),
    ("本月", "2026-11-01", "2026-11-15", "this month"),
    ("这个月", "2026-11-01", "2026-11-15", "this month"),
    ("last month", "2026-10-01", "2026-10-31", "last month"),
    ("previous month", "2026-10-01", "2026-10-31", "last month"),
    ("上个月", "2026-10-01", "2026-10-31", "last month"),
    ("上月", "2026-10-01", "2026-10-31", "last month"),
    ("上一个月", "2026-10-01", "2026-10-31", "last month"),
    ("上上个月", "2026-09-01", "2026-09-30", "2026-09"),
    ("the month before last", "2026-09-01", "2026-09-30", "2026-09"),
    ("上上个季度", "2026-04-01", "2026-06-30", "2026-Q2"),
    ("the quarter before last", "2026-04-01", "2026-06-30", "2026-Q2"),
    ("the year before last", "2024-01-01", "2024-12-31", "2024"),
    ("this quarter", "2026-10-01", "2026-11-15", "this quarter"),
    ("current quarter", "2026-10-01", "2026-11-15", "this quarter"),
    ("QTD", "2026-10-01", "2026-11-15", "this quarter"),
    ("本季度", "2026-10-01", "2026-11-15", "this quarter"),
    ("这个季度", "2026-10-01", "2026-11-15", "this quarter"),
    ("last quarter", "2026-07-01", "2026-09-30", "last quarter"),
    ("the previous quarter", "2026-07-01", "2026-09-30", "last quarter"),
    ("上季度", "2026-07-01", "2026-09-30", "last quarter"),
    ("上个季度", "2026-07-01", "2026-09-30", "last quarter"),
    ("上一季度", "2026-07-01", "2026-09-30", "last quarter"),
    ("this year", "2026-01-01", "2026-11-15", "this year"),
    ("year to date", "2026-01-01", "2026-11-15", "this year"),
    ("YTD", "2026-01-01", "2026-11-15", "this year"),
    ("今年", "2026-01-01", "2026-11-15", "this year"),
    ("今年以来", "2026-01-01", "2026-11-15", "this year"),
    ("last year", "2025-01-01", "2025-12-31", "last year"),
    ("previous year", "2025-01-01", "2025-12-31", "last year"),
    ("去年", "2025-01-01", "2025-12-31", "last year"),
    ("前年", "2024-01-01", "2024-12-31", "2024"),
    # quarters: without a year, the most recent one that has started; the current one is clipped to today
    ("Q3", "2026-07-01", "2026-09-30", "2026-Q3"),
    ("q3", "2026-07-01", "2026-09-30", "2026-Q3"),
    ("Q3 2026", "2026-07-01", "2026-09-30", "2026-Q3"),
    ("2026 Q3", "2026-07-01", "2026-09-30", "2026-Q3"),
    ("2026-Q3", "2026-07-01", "2026-09-30", "2026-Q3"),
    ("2026Q3", "2026-07-01", "2026-09-30", "2026-Q3"),
    ("Q3 of 2026", "2026-07-01", "2026-09-30", "2026-Q3"),
    ("the third quarter", "2026-07-01", "2026-09-30", "2026-Q3"),
    ("3rd quarter of 2025", "2025-07-01", "2025-09-30", "2025-Q3"),
    ("Q3 last year", "2025-07-01", "2025-09-30", "2025-Q3"),
    ("Q4", "2026-10-01", "2026-11-15", "2026-Q4"),
    ("Q1 2025", "2025-01-01", "2025-03-31", "2025-Q1"),
    ("2026年第三季度", "2026-07-01", "2026-09-30", "2026-Q3"),
    ("二〇二六年第三季度", "2026-07-01", "2026-09-30", "2026-Q3"),
    ("第三季度", "2026-07-01", "2026-09-30", "2026-Q3"),
    ("三季度", "2026-07-01", "2026-09-30", "2026-Q3"),
    ("第3季度", "2026-07-01", "2026-09-30", "2026-Q3"),
    ("去年第四季度", "2025-10-01", "2025-12-31", "2025-Q4"),
    ("去年Q4", "2025-10-01", "2025-12-31", "2025-Q4"),
    ("2025年Q2", "2025-04-01", "2025-06-30", "2025-Q2"),
    # halves
    ("H1 2026", "2026-01-01", "2026-06-30", "2026-H1"),
    ("2025-H2", "2025-07-01", "2025-12-31", "2025-H2"),
    ("first half of 2026", "2026-01-01", "2026-06-30", "2026-H1"),
    ("上半年", "2026-01-01", "2026-06-30", "2026-H1"),
    ("今年上半年", "2026-01-01", "2026-06-30", "2026-H1"),
    ("去年下半年", "2025-07-01", "2025-12-31", "2025-H2"),
    ("下半年", "2026-07-01", "2026-11-15", "2026-H2"),
    # months: without a year, the most recent one that has started
    ("in October", "2026-10-01", "2026-10-31", "2026-10"),
    ("October", "2026-10-01", "2026-10-31", "2026-10"),
    ("october", "2026-10-01", "2026-10-31", "2026-10"),
    ("Oct", "2026-10-01", "2026-10-31", "2026-10"),
    ("Oct 2026", "2026-10-01", "2026-10-31", "2026-10"),
    ("October, 2025", "2025-10-01", "2025-10-31", "2025-10"),
    ("October last year", "2025-10-01", "2025-10-31", "2025-10"),
    ("November", "2026-11-01", "2026-11-15", "2026-11"),
    ("December", "2025-12-01", "2025-12-31", "2025-12"),
    ("May", "2026-05-01", "2026-05-31", "2026-05"),
    ("last October", "2026-10-01", "2026-10-31", "2026-10"),
    ("last November", "2025-11-01", "2025-11-30", "2025-11"),
    ("10月", "2026-10-01", "2026-10-31", "2026-10"),
    ("10月份", "2026-10-01", "2026-10-31", "2026-10"),
    ("十月", "2026-10-01", "2026-10-31", "2026-10"),
    ("十二月", "2025-12-01", "2025-12-31", "2025-12"),
    ("１０月", "2026-10-01", "2026-10-31", "2026-10"),
    ("2026年10月", "2026-10-01", "2026-10-31", "2026-10"),
    ("二〇二五年十月", "2025-10-01", "2025-10-31", "2025-10"),
    ("二零二五年十月", "2025-10-01", "2025-10-31", "2025-10"),
    ("去年10月", "2025-10-01", "2025-10-31", "2025-10"),
    ("今年3月", "2026-03-01", "2026-03-31", "2026-03"),
    ("2026-10", "2026-10-01", "2026-10-31", "2026-10"),
    ("2026/10", "2026-10-01", "2026-10-31", "2026-10"),
    ("２０２６－１０", "2026-10-01", "2026-10-31", "2026-10"),
    # years
    ("2025", "2025-01-01", "2025-12-31", "2025"),
    ("in 2025", "2025-01-01", "2025-12-31", "2025"),
    ("year 2025", "2025-01-01", "2025-12-31", "2025"),
    ("2025年", "2025-01-01", "2025-12-31", "2025"),
    ("2025年全年", "2025-01-01", "2025-12-31", "2025"),
    ("二〇二五年", "2025-01-01", "2025-12-31", "2025"),
    ("2026", "2026-01-01", "2026-11-15", "2026"),
    # single days
    ("2026-10-03", "2026-10-03", "2026-10-03", "2026-10-03"),
    ("October 3, 2026", "2026-10-03", "2026-10-03", "2026-10-03"),
    ("3 October 2026", "2026-10-03", "2026-10-03", "2026-10-03"),
    ("2026年10月3日", "2026-10-03", "2026-10-03", "2026-10-03"),
    # since … (to today)
    ("since March", "2026-03-01", "2026-11-15", "since 2026-03-01"),
    ("from March", "2026-03-01", "2026-11-15", "since 2026-03-01"),
    ("starting in March", "2026-03-01", "2026-11-15", "since 2026-03-01"),
    ("March onwards", "2026-03-01", "2026-11-15", "since 2026-03-01"),
    ("since 2026-03-01", "2026-03-01", "2026-11-15", "since 2026-03-01"),
    ("since March 15", "2026-03-15", "2026-11-15", "since 2026-03-15"),
    ("since Q3", "2026-07-01", "2026-11-15", "since 2026-07-01"),
    ("Q3 to date", "2026-07-01", "2026-11-15", "since 2026-07-01"),
    ("since the start of Q3", "2026-07-01", "2026-11-15", "since 2026-07-01"),
    ("since last year", "2025-01-01", "2026-11-15", "since 2025-01-01"),
    ("since 2025", "2025-01-01", "2026-11-15", "since 2025-01-01"),
    ("since December", "2025-12-01", "2026-11-15", "since 2025-12-01"),
    ("3月以来", "2026-03-01", "2026-11-15", "since 2026-03-01"),
    ("自3月以来", "2026-03-01", "2026-11-15", "since 2026-03-01"),
    ("自三月以来", "2026-03-01", "2026-11-15", "since 2026-03-01"),
    ("从三月开始", "2026-03-01", "2026-11-15", "since 2026-03-01"),
    ("三月至今", "2026-03-01", "2026-11-15", "since 2026-03-01"),
    ("3月起", "2026-03-01", "2026-11-15", "since 2026-03-01"),
    ("从3月1日到现在", "2026-03-01", "2026-11-15", "since 2026-03-01"),
    ("2025年以来", "2025-01-01", "2026-11-15", "since 2025-01-01"),
    ("去年以来", "2025-01-01", "2026-11-15", "since 2025-01-01"),
    ("上个月以来", "2026-10-01", "2026-11-15", "since 2026-10-01"),
    # ranges
    ("between March and May", "2026-03-01", "2026-05-31", "2026-03-01..2026-05-31"),
    ("from March to May", "2026-03-01", "2026-05-31", "2026-03-01..2026-05-31"),
    ("March to May", "2026-03-01", "2026-05-31", "2026-03-01..2026-05-31"),
    ("March through May", "2026-03-01", "2026-05-31", "2026-03-01..2026-05-31"),
    ("March–May", "2026-03-01", "2026-05-31", "2026-03-01..2026-05-31"),
    ("March - May", "2026-03-01", "2026-05-31", "2026-03-01..2026-05-31"),
    ("Mar-May 2025", "2025-03-01", "2025-05-31", "2025-03-01..2025-05-31"),
    ("March 2025 to May 2025", "2025-03-01", "2025-05-31", "2025-03-01..2025-05-31"),
    ("November to February", "2025-11-01", "2026-02-28", "2025-11-01..2026-02-28"),
    ("Oct 2025 - Feb 2026", "2025-10-01", "2026-02-28", "2025-10-01..2026-02-28"),
    ("Q1 to Q3", "2026-01-01", "2026-09-30", "2026-01-01..2026-09-30"),
    ("Q1-Q3 2025", "2025-01-01", "2025-09-30", "2025-01-01..2025-09-30"),
    ("2024 to 2025", "2024-01-01", "2025-12-31", "2024-01-01..2025-12-31"),
    ("2024-2025", "2024-01-01", "2025-12-31", "2024-01-01..2025-12-31"),
    ("3月到5月", "2026-03-01", "2026-05-31", "2026-03-01..2026-05-31"),
    ("三月到五月", "2026-03-01", "2026-05-31", "2026-03-01..2026-05-31"),
    ("从3月到5月", "2026-03-01", "2026-05-31", "2026-03-01..2026-05-31"),
    ("3月至5月", "2026-03-01", "2026-05-31", "2026-03-01..2026-05-31"),
    ("3至5月", "2026-03-01", "2026-05-31", "2026-03-01..2026-05-31"),
    ("三至五月", "2026-03-01", "2026-05-31", "2026-03-01..2026-05-31"),
    ("3-5月", "2026-03-01", "2026-05-31", "2026-03-01..2026-05-31"),
    ("3～5月", "2026-03-01", "2026-05-31", "2026-03-01..2026-05-31"),
    ("3月份到5月份之间", "2026-03-01", "2026-05-31", "2026-03-01..2026-05-31"),
    ("2025年3月至5月", "2025-03-01", "2025-05-31", "2025-03-01..2025-05-31"),
    ("2025年3-5月", "2025-03-01", "2025-05-31", "2025-03-01..2025-05-31"),
    ("2025年11月到2026年2月", "2025-11-01", "2026-02-28", "2025-11-01..2026-02-28"),
    ("一至三季度", "2026-01-01", "2026-09-30", "2026-01-01..2026-09-30"),
    ("第一到第三季度", "2026-01-01", "2026-09-30", "2026-01-01..2026-09-30"),
    ("2026-03-01..2026-05-31", "2026-03-01", "2026-05-31", "2026-03-01..2026-05-31"),
    ("2026-03-01 to 2026-05-31", "2026-03-01", "2026-05-31", "2026-03-01..2026-05-31"),
    ("from 2026-03-01 to 2026-05-31", "2026-03-01", "2026-05-31", "2026-03-01..2026-05-31"),
    ("between 2026-03-05 and 2026-05-20", "2026-03-05", "2026-05-20", "2026-03-05..2026-05-20"),
    ("2026/03/05 - 2026/05/20", "2026-03-05", "2026-05-20", "2026-03-05..2026-05-20"),
    ("2026年3月5日至2026年5月20日", "2026-03-05", "2026-05-20", "2026-03-05..2026-05-20"),
    ("3月5日到5月20日", "2026-03-05", "2026-05-20", "2026-03-05..2026-05-20"),
    ("March 5 to May 20", "2026-03-05", "2026-05-20", "2026-03-05..2026-05-20"),
    ("2026-09-01..2026-12-31", "2026-09-01", "2026-11-15", "2026-09-01..2026-11-15"),  # clipped to today
    # seasons (northern, meteorological: the label gives the dates read); "秋招" is the autumn hiring season
    ("autumn 2025", "2025-09-01", "2025-11-30", "autumn 2025"),
    ("fall 2025", "2025-09-01", "2025-11-30", "autumn 2025"),
    ("2025年秋季", "2025-09-01", "2025-11-30", "autumn 2025"),
    ("去年秋招", "2025-09-01", "2025-11-30", "autumn 2025"),
    ("this autumn", "2026-09-01", "2026-11-15", "autumn 2026"),
    ("今年夏天", "2026-06-01", "2026-08-31", "summer 2026"),
    ("last winter", "2025-12-01", "2026-02-28", "winter 2025"),
    ("since the start of autumn", "2026-09-01", "2026-11-15", "since 2026-09-01"),
    ("秋天以来", "2026-09-01", "2026-11-15", "since 2026-09-01"),
    ("the week before last", "2026-10-26", "2026-11-01", "the week before last"),
    ("上上周", "2026-10-26", "2026-11-01", "the week before last"),
    # days written with a slash: the month first, unless the first number cannot be one
    ("3/1 到 4/15", "2026-03-01", "2026-04-15", "2026-03-01..2026-04-15"),
    ("from 15/4 to 30/4", "2026-04-15", "2026-04-30", "2026-04-15..2026-04-30"),
]


@pytest.mark.parametrize("expression, start, end, canonical", PARSE, ids=[p[0] for p in PARSE])
def test_parse_period(expression, start, end, canonical):
    p = parse_period(expression, NOW)
    assert (p.start, p.end, p.expression) == (D(start), D(end), canonical)
    assert start in p.label_en and end in p.label_en
    assert start in p.label_zh and end in p.label_zh
    assert parse_period(p.expression, NOW) == p  # the canonical expression reads back to the same period


# other days: month-end clamping, leap years, the turn of the year, early in a quarter
OTHER_DAYS = [
    ("2026-05-31", "last 3 months", "2026-02-28", "2026-05-31"),
    ("2024-05-31", "last 3 months", "2024-02-29", "2024-05-31"),
    ("2024-05-31", "近三个月", "2024-02-29", "2024-05-31"),
    ("2026-03-31", "last 1 month", "2026-02-28", "2026-03-31"),
    ("2026-08-31", "近半年", "2026-02-28", "2026-08-31"),
    ("2024-02-29", "past year", "2023-02-28", "2024-02-29"),
    ("2024-02-29", "last 2 years", "2022-02-28", "2024-02-29"),
    ("2024-02-29", "last year", "2023-01-01", "2023-12-31"),
    ("2026-03-01", "last 30 days", "2026-01-30", "2026-03-01"),
    ("2026-10-02", "Q4", "2026-10-01", "2026-10-02"),
    ("2026-10-02", "第四季度", "2026-10-01", "2026-10-02"),
    ("2026-09-30", "Q4", "2025-10-01", "2025-12-31"),
    ("2026-10-02", "this quarter", "2026-10-01", "2026-10-02"),
    ("2026-10-02", "last quarter", "2026-07-01", "2026-09-30"),
    ("2027-01-10", "since March", "2026-03-01", "2027-01-10"),
    ("2027-01-10", "3月以来", "2026-03-01", "2027-01-10"),
    ("2026-03-10", "since March", "2026-03-01", "2026-03-10"),
    ("2027-01-10", "last month", "2026-12-01", "2026-12-31"),
    ("2027-01-10", "上个月", "2026-12-01", "2026-12-31"),
    ("2027-01-10", "last quarter", "2026-10-01", "2026-12-31"),
    ("2027-01-10", "上上个月", "2026-11-01", "2026-11-30"),
    ("2027-01-10", "上上季度", "2026-07-01", "2026-09-30"),
    ("2026-02-10", "the quarter before last", "2025-07-01", "2025-09-30"),
    ("2027-01-10", "December", "2026-12-01", "2026-12-31"),
    ("2027-01-10", "November to February", "2025-11-01", "2026-02-28"),
    ("2027-01-10", "上半年", "2027-01-01", "2027-01-10"),
    ("2027-01-10", "下半年", "2026-07-01", "2026-12-31"),
    ("2026-11-16", "this week", "2026-11-16", "2026-11-16"),  # a Monday
    ("2026-11-16", "last week", "2026-11-09", "2026-11-15"),
    ("2026-03-01", "February 29", "2024-02-29", "2024-02-29"),
    ("2026-04-10", "from March to May", "2025-03-01", "2025-05-31"),  # May 2026 has not started: the last May
]


@pytest.mark.parametrize("today, expression, start, end", OTHER_DAYS, ids=[f"{o[0]}:{o[1]}" for o in OTHER_DAYS])
def test_other_days(today, expression, start, end):
    p = parse_period(expression, at(today))
    assert (p.start, p.end) == (D(start), D(end))
    assert parse_period(p.expression, at(today)) == p


# sentence → canonical expression of the period found (None: the sentence names no period)
FIND = [
    ("What is the AI interview failure rate for Marketing Planner over the last 3 months?", "last 3 months"),
    ("市场策划近3个月的AI面试失败率", "last 3 months"),
    ("市场策划近3个月的AI面试失败率是多少？主要原因是什么？", "last 3 months"),
    ("市场策划近三个月的AI面试失败率", "last 3 months"),
    ("最近三个月市场策划岗位面试没通过的比例和原因", "last 3 months"),
    ("过去三个月销售经理的失败原因", "last 3 months"),
    ("marketing planner failure rate, past three months", "last 3 months"),
    ("failure rate for Marketing Planner in the last 3 months", "last 3 months"),
    ("Job match failures for Mechanical Design in the last 6 months", "last 6 months"),
    ("How did Sales Manager do over the past year?", "last 12 months"),
    ("近半年一线技术的失败率", "last 6 months"),
    ("最近半年的趋势", "last 6 months"),
    ("近30天有多少人没通过", "last 30 days"),
    ("过去两周的面试", "last 2 weeks"),
    ("Failure rate for Field Technician last month?", "last month"),
    ("上个月市场策划的失败率", "last month"),
    ("上月的数据", "last month"),
    ("Which roles have the highest failure rate this quarter?", "this quarter"),
    ("Why is the Marketing Planner failure rate so high this quarter?", "this quarter"),
    ("本季度哪个岗位失败率最高？", "this quarter"),
    ("这个季度的趋势", "this quarter"),
    ("How often do field techs fail the AI interview this year?", "this year"),
    ("销售经理今年的谈判能力失败情况", "this year"),
    ("产品研发去年的面试失败率和趋势", "last year"),
    ("What was the failure rate last year?", "last year"),
    ("Failure rate in Q3 2026 for Sales Manager", "2026-Q3"),
    ("Failure rate in Q3 for Sales Manager", "2026-Q3"),
    ("2026年第三季度的失败率", "2026-Q3"),
    ("三季度的失败率", "2026-Q3"),
    ("去年第四季度销售经理的失败率", "2025-Q4"),
    ("What happened in October?", "2026-10"),
    ("failure rate in Oct 2026", "2026-10"),
    ("10月份的失败率", "2026-10"),
    ("十月份的失败率", "2026-10"),
    ("2026年10月的面试", "2026-10"),
    ("二〇二五年十二月的面试", "2025-12"),
    ("failure rate in May", "2026-05"),
    ("interviews during April", "2026-04"),
    ("failure rate in 2025", "2025"),
    ("2025年的失败率", "2025"),
    ("Show the monthly trend for Field Technician since March", "since 2026-03-01"),
    ("trend from March", "since 2026-03-01"),
    ("一线技术3月以来的趋势", "since 2026-03-01"),
    ("从三月开始的失败率", "since 2026-03-01"),
    ("三月至今的失败率", "since 2026-03-01"),
    ("failure rate between March and May", "2026-03-01..2026-05-31"),
    ("failure rate from March to May 2026", "2026-03-01..2026-05-31"),
    ("看一下三月到五月的数据", "2026-03-01..2026-05-31"),
    ("3至5月的失败率", "2026-03-01..2026-05-31"),
    ("interviews 2026-03-01..2026-05-31", "2026-03-01..2026-05-31"),
    ("H1 2026 failure rate", "2026-H1"),
    ("今年上半年的失败率", "2026-H1"),
    ("Compare Q3 with the last 3 months", "2026-Q3"),  # the first period mentioned
    ("failure rate in Q3 2027 or last month", "last month"),  # a future period is passed over
    # no period in these
    ("Score interview 812", None),
    ("Why did candidate 4411 fail?", None),
    ("candidate 4411", None),
    ("negotiation 65 < 80", None),
    ("Show the top 5 competencies", None),
    ("top 5 competencies for Sales Manager", None),
    ("What's the failure rate for Field Technician?", None),
    ("一线技术的AI面试失败率是多少？", None),
    ("候选人4411的得分是812分", None),
    ("前5项能力", None),
    ("May I see the failure rate for Sales Manager?", None),
    ("Show the scores of April Smith", None),
    ("Why did May Chen fail?", None),
    ("Explain candidate 2025", None),
    ("interview I-5002 for C-1001", None),
    ("requisition REQ-2024-11", None),
    ("scores between 60 and 80", None),
    ("candidates with 3 years of experience", None),
    ("5年以上经验的候选人", None),
    ("他第一次面试十分紧张", None),
    ("the last 5 interviews", None),
    ("a 2-3 person panel", None),
    ("candidates with 3 months of experience", None),  # a bare duration counts only as a whole message
    ("3个月的试用期", None),
    ("Failure rate in Q1 2027", None),  # the future: nothing to count
    ("who is rejecting more candidates this half?", "this half"),
    ("本半年的失败率", "this half"),
    ("fails over the last half", "last half"),
    ("csv export, field tech, Sept", "2026-09"),  # an abbreviated month ending the message
    ("Sept report for mech design with the chart", "2026-09"),  # an abbreviated month opening the message
    ("Dec fails for supervisors", "2025-12"),  # the last December that has started
    ("talk to Oct about it", None),  # … but not inside a sentence
    ("candidates who failed over the last fortnight", "last 2 weeks"),  # British English: two weeks
    ("We changed the weights in April. Kindly show me the effect", "2026-04"),  # a sentence ends after the month
    ("fail rate by role last 6 mo", "last 6 months"), ("mech design fails, past 3 mths", "last 3 months"),
    ("2023全年报告 全岗位 导CSV", "2023"), ("failures since early 2025", "since 2025-01-01"),
    ("recruiter report for the year so far", "this year"), ("从年初到现在的失败率", "this year"),
    ("销售这季挂了多少人", "this quarter"), ("最近仨月的失败率", "last 3 months"),
    ("fail trend monthly, all roles, 2024", "2024"), ("recruiter pack for product ops, 2025, csv", "2025"),
    ("fail rate trend r&d 2025 pls", "2025"), ("candidate 2025, interview 2024", None),
    ("new review requests since monday", "since 2026-11-09"), ("周三以来的新申请", "since 2026-11-11"),
    ("requests since the 1st of the month?", "this month"), ("本月初以来的数据", "this month"),
    ("周一例会要用的数据", None), ("每周1次复盘", None),  # a weekday alone names a meeting, not a period
    # Vague words are read as three (months, unless another unit is said), kept as said and labelled so.
    ("what is tripping people up lately", "lately"), ("研发岗最近挂人多不多", "最近"),
    ("any alerts over the past few months?", "the past few months"), ("最近几个月有没有哪项持续偏高", "最近几个月"),
    ("fails in the last couple of weeks", "the last couple of weeks"), ("最近的提案是哪个", None),
    ("feedback for everyone from the past fortnight", "last 2 weeks"),
    ("how many failed in the last months? per month please", "in the last months"),  # a count unsaid: vague
    ("the last months of 2025 were hard", None),
    ("top gaps, prod ops, last 90d", "last 90 days"), ("3D modelling skills for mech design", None),
    ("prod ops hires last 6mo / attrition risk", "last 6 months"), ("fails, last 12mos", "last 12 months"),
    ("the last 3rd of the year", None),
    ("学历分组通过率 研发 全年", "this year"), ("去年全年的数据", "last year"),
    ("can u send me the april report - charts too", "2026-04"), ("May numbers for sales", "2026-05"),
    ("we may report it later", None), ("April Smith failed twice", None),  # the verb; a given name
    ("failure rate for sales since the start of autumn", "since 2026-09-01"),  # not "since the start" of this month
    ("去年秋招 销售挂了多少", "autumn 2025"), ("how did field techs do over the summer?", "summer 2026"),
    ("did pass rates fall after the change?", None), ("why do pass rates fall", None),  # the verb
    ("is the 4/5 rule met for sales?", None), ("3/5 of them failed", None),  # a ratio, not a day
    ("fails from 3/1 to 4/15", "2026-03-01..2026-04-15"), ("new requests since 11/2", "since 2026-11-02"),
    ("fails this winter", None),  # winter 2026 has not started
    ("", None),
]


@pytest.mark.parametrize("sentence, expression", FIND, ids=[f[0] or "empty" for f in FIND])
def test_find_period(sentence, expression):
    p = find_period(sentence, NOW)
    if expression is None:
        assert p is None, p
    else:
        assert p is not None and p.expression == expression
        assert parse_period(p.expression, NOW) == p


def test_a_vague_period_says_how_it_was_read():
    p = find_period("Why are so many failing lately?", NOW)
    assert (p.start, p.end) == (date(2026, 8, 15), date(2026, 11, 15))
    assert p.label_en == "the last 3 months (read from “lately”: 2026-08-15 – 2026-11-15)"
    assert p.label_zh == "近3个月（由“lately”推定，2026-08-15 至 2026-11-15）"
    few = parse_period("最近几周", NOW)
    assert (few.start, few.end) == (date(2026, 10, 25), date(2026, 11, 15)) and few.label_zh.startswith("近3周（由“最近几周”")


def test_find_period_agrees_with_parse_period():
    for expression, *_ in PARSE:
        assert find_period(expression, NOW) == parse_period(expression, NOW), expression


def test_labels():
    p = parse_period("last 3 months", NOW)
    assert p.label_en == "the last 3 months (2026-08-15 – 2026-11-15)"
    assert p.label_zh == "近3个月（2026-08-15 至 2026-11-15）"
    assert parse_period("近三个月", NOW) == p
    assert parse_period("last month", NOW).label_zh == "上个月（2026-10-01 至 2026-10-31）"
    q = parse_period("Q4", NOW)
    assert q.label_en == "Q4 2026 to date (2026-10-01 – 2026-11-15)"
    assert q.label_zh == "2026年第四季度至今（2026-10-01 至 2026-11-15）"
    assert parse_period("2026-Q3", NOW).label_zh == "2026年第三季度（2026-07-01 至 2026-09-30）"
    assert parse_period("October", NOW).label_en == "October 2026 (2026-10-01 – 2026-10-31)"
    assert parse_period("3至5月", NOW).label_zh == "2026年3月至5月（2026-03-01 至 2026-05-31）"
    assert parse_period("since March", NOW).label_en == "since 2026-03-01 (2026-03-01 – 2026-11-15)"
    odd = parse_period("2026-03-05..2026-05-20", NOW)
    assert (odd.label_en, odd.label_zh) == ("2026-03-05 – 2026-05-20", "2026-03-05 至 2026-05-20")


def test_months():
    assert parse_period("last 3 months", NOW).months() == ["2026-08", "2026-09", "2026-10", "2026-11"]
    assert parse_period("last month", NOW).months() == ["2026-10"]
    assert parse_period("November to February", NOW).months() == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert parse_period("today", NOW).months() == ["2026-11"]
    assert len(default_period(NOW).months()) == 13


def test_default_period_is_the_last_12_months():
    p = default_period(NOW)
    assert (p.start, p.end, p.expression) == (D("2025-11-15"), D("2026-11-15"), "last 12 months")
    assert p == parse_period("last 12 months", NOW) == parse_period("past year", NOW)


def test_now_is_read_as_its_date():
    late = datetime(2026, 11, 15, 23, 59, tzinfo=timezone(timedelta(hours=8)))
    assert parse_period("this month", late).end == D("2026-11-15")
    assert parse_period("this month", D("2026-11-15")) == parse_period("this month", NOW)


ERRORS = [  # expression, words the message must hold
    ("", ["No period was given", "last 3 months", "近3个月"]),
    ("   ", ["No period was given"]),
    ("whenever", ["Could not understand the period 'whenever'", "last 3 months", "since March", "近3个月"]),
    ("上辈子", ["Could not understand", "上辈子"]),
    ("last 3 months and Q3", ["'and Q3'", "give just one period"]),
    ("2027", ["has not started yet", "2027-01-01", "today is 2026-11-15"]),
    ("Q1 2027", ["has not started yet"]),
    ("2027年3月", ["has not started yet"]),
    ("since 2026-12-01", ["has not started yet"]),
    ("2026-02-30", ["2026-02-30 is not a valid date"]),
    ("2026-13", ["no month 13"]),
    ("2026-05-01..2026-03-01", ["starts (2026-05-01) after it ends (2026-03-01)"]),
    ("last 0 days", ["empty"]),
    ("winter 2026", ["has not started yet", "2026-12-01"]),
]


@pytest.mark.parametrize("expression, words", ERRORS, ids=[e[0] or "empty" for e in ERRORS])
def test_period_errors_say_what_and_how(expression, words):
    with pytest.raises(PeriodError) as err:
        parse_period(expression, NOW)
    assert isinstance(err.value, ValueError)
    assert "Accepted forms include: 'last 3 months'" in str(err.value)
    for w in words:
        assert w in str(err.value)


def test_period_model():
    p = parse_period("last 3 months", NOW)
    assert isinstance(p, Period)
    assert Period.model_validate(p.model_dump(mode="json")) == p
    assert p.model_dump(mode="json")["start"] == "2026-08-15"


def test_import_is_light():
    code = ("import sys, candor.periods as p; "
            "heavy = sorted(m for m in ('sqlalchemy', 'sqlmodel', 'langchain_core', 'assistant', 'numpy', 'dateutil')"
            " if m in sys.modules); "
            "print(heavy, p._compiled.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["[]", "0"]  # nothing heavy imported, no regular expression compiled yet


def test_period_bounds_are_a_half_open_utc_range():
    from candor.periods import period_bounds

    start, end = period_bounds(parse_period("2026-08-01..2026-10-31", NOW))
    assert (start, end) == (datetime(2026, 8, 1, tzinfo=timezone.utc), datetime(2026, 11, 1, tzinfo=timezone.utc))
    assert start.tzinfo is timezone.utc and end.tzinfo is timezone.utc
    start, end = period_bounds(parse_period("today", NOW))  # one day: midnight to midnight
    assert end - start == timedelta(days=1) and start == datetime(2026, 11, 15, tzinfo=timezone.utc)


def test_the_rules_compiled_afresh_read_the_same_periods():
    """The compiled rules are cached on first use; rebuilt from their templates, every placeholder is
    expanded and each kind of expression still reads as before."""
    import re

    from candor.periods import _compiled

    _compiled.cache_clear()
    try:
        tables = _compiled()
        patterns = [rule.regex.pattern for rule in tables.rules] + [tables.bare_left.pattern,
                                                                    tables.context_before.pattern]
        assert not any(re.search(r"<(Y|MON|NUM|YPRE|EYREL|NAN)>", p) for p in patterns)
        for expression, start, end in [("2026-03-01..2026-05-31", "2026-03-01", "2026-05-31"),
                                       ("Oct 2025", "2025-10-01", "2025-10-31"),
                                       ("the last three months", "2026-08-15", "2026-11-15"),
                                       ("2026年第三季度", "2026-07-01", "2026-09-30"),
                                       ("Q3 of last year", "2025-07-01", "2025-09-30"),
                                       ("2025", "2025-01-01", "2025-12-31")]:
            p = parse_period(expression, NOW)
            assert (p.start, p.end) == (D(start), D(end)), expression
        assert find_period("ticket I2026-10 was slow", NOW) is None  # not a month inside an id
        assert find_period("hired in 2025", NOW).expression == "2025"
    finally:
        _compiled.cache_clear()
        _compiled()  # leave the cache as other tests expect it


def test_a_year_earlier_is_the_same_window_a_year_back():
    from candor.periods import YEAR_EARLIER, a_year_earlier

    assert a_year_earlier("this quarter", NOW) == "2025-10-01..2025-11-15"  # as far into it as today is
    assert a_year_earlier("2024", NOW) == "2023-01-01..2023-12-31"
    assert a_year_earlier(None, NOW) == "2024-11-15..2025-11-15"  # the default: the last 12 months
    assert a_year_earlier("2024-02-29..2024-03-31", NOW) == "2023-02-28..2023-03-31"
    assert parse_period(a_year_earlier("last 3 months", NOW), NOW).start == date(2025, 8, 15)
    for said in ("and a year ago?", "same time last year?", "what about the same period a year earlier", "去年同期呢",
                 "同比呢", "一年前呢", "YoY?"):
        assert YEAR_EARLIER.search(said), said
    assert not YEAR_EARLIER.search("last year") and not YEAR_EARLIER.search("a year of data")


def test_every_example_in_the_error_message_is_a_period():
    from candor.periods import EXAMPLES

    examples = re.findall(r"'([^']+)'", EXAMPLES)
    assert len(examples) > 15
    for example in examples:
        parse_period(example, NOW)
