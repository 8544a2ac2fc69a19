"""The one grounding check: numbers read CJK-aware, a percentage backed only by a rate or share."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from candor.grounding import (
    number_tokens,
    numbers_in,
    numbers_in_data,
    ungrounded_numbers,
)

RESULT = {"role": {"key": "marketing_planner"}, "failure_rate": 48.5, "failed": 62, "interviews": 128,
          "period": {"start": "2026-08-01", "end": "2026-10-31"},
          "reasons": [{"category": "competency_gap", "share": 80.6, "failed_interviews": 50}]}


@pytest.mark.parametrize("answer, wrong", [
    ("市场策划失败率为62.5%，共812场", [62.5, 812]),  # figures glued to Chinese characters
    ("失败率为４８．５％，共１２８场中６２场", []),  # full-width digits
    ("失败率62%", [62]),  # 62 is a count of failed interviews, not a rate
    ("62.5% of interviews failed", [62.5]),
    ("The failure rate was 48.5% (62 of 128) from 2026-08-01", []),
    ("80.6% of failures were competency gaps (50)", []),
    ("about 49% failed", []),  # 48.5 stated with no decimals
    ("47% failed", [47]),
    ("1,280 interviews", [1280]),
])
def test_stated_figures_must_come_from_the_result(answer, wrong):
    assert ungrounded_numbers(answer, [RESULT]) == sorted(float(w) for w in wrong)


def test_numbers_next_to_chinese_latin_and_units_are_read():
    assert numbers_in("失败率为62.5%，共812场") == {62.5, 812}
    assert numbers_in("面试I0000812") == set()  # an id is not a figure
    assert numbers_in("面试I0000812", inside_words=True) == {812}
    assert [t for t, _ in number_tokens("共 1,280 场，增长 3.5 个百分点")] == ["1,280", "3.5"]


def test_a_numbered_list_of_options_states_no_figure():
    assert ungrounded_numbers("I'm not sure which you mean:\n1. A\n2. B\n3. C", []) == []


def test_numbers_are_compared_to_six_decimal_places():
    assert numbers_in("one third: 0.33333333") == numbers_in_data({"share": 1 / 3}) == {0.333333}
    assert number_tokens("p = 0.12345678") == [("0.12345678", 0.123457)]


def test_numbers_in_data_reads_values_and_the_digits_inside_texts():
    data = {"n": 12, "rate": 48.5, "flag": True, "none": None, "period": {"start": "2026-08-01"},
            "ids": [7, (3.25,), {90}], "empty": {}, "nothing": [], "when": date(2025, 3, 9), "cost": Decimal("12.75")}
    assert numbers_in_data(data) == {12.0, 48.5, 2026.0, 8.0, 1.0, 7.0, 3.25, 90.0, 2025.0, 3.0, 9.0, 12.75}
    assert numbers_in_data(True) == set() and numbers_in_data(None) == set() and numbers_in_data({}) == set()


def test_a_comma_list_is_not_one_number_and_does_not_stop_the_reading():
    assert numbers_in("options 1,2 and 47") == {47}
    assert numbers_in("12,500 people") == {12500}


@pytest.mark.parametrize("answer, results, wrong", [
    ("The change was 12.5%", [{"change": 12.5}], []),  # not a count: backs a percentage
    ("40% of leavers", [{"share_of_leavers": 40}], []),  # a share, whatever its name ends with
    ("1 flag", [{"flagged": True}], [1]),  # a yes/no is not a figure
    ("3% chance", [{"p_value": 0.03}], [3]),  # only named fractions turn into percentages
    ("25% and 75%", [{"weights": [0.25, 0.75]}], []),  # a list keeps its key
    ("100%", [{"weight": 1.0}], []),
    ("25.5%", [{"weight": 0.255}], []),  # kept to its decimals
    ("150%", [{"proportion": 1.5}], [150]),  # not a fraction of one
    ("62%", [{"failed": [62, 70]}], [62]),
    ("10% then 20%", [{"rates": [10, 20]}], []),
    ("10 then 20", [{"values": [10, 20]}], []),
    ("10 then 20", [{"failed": [10, 20]}], []),  # every count in a list
    ("48.5% failed", [{"summary": "48.5% of interviews failed"}], []),  # a percentage inside a text
    ("48.9%", [{"failure_rate": 48.5}], [48.9]),  # one decimal stated: within 0.05
    ("48.2%", [{"failure_rate": 48.154}], []),
    ("48.15%", [{"failure_rate": 48.154}], []),
    ("48.16%", [{"failure_rate": 48.154}], [48.16]),
    ("62 of 128, 48.5%", [{"failed": 62}, {"interviews": 128, "failure_rate": 48.5}], []),  # several results
    ("48.5% (62)", [{"failure_rate": 48.5}, {"failed": 62}], []),
])
def test_grounding_rules(answer, results, wrong):
    assert ungrounded_numbers(answer, results) == sorted(float(w) for w in wrong)
