"""The one grounding check: numbers read CJK-aware, a percentage backed only by a rate or share."""

from __future__ import annotations

import pytest

from candor.grounding import number_tokens, numbers_in, ungrounded_numbers

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
