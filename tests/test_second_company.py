"""A company that is not the demo (tests/second_company.py): its own roles on its own score scale, its own
metrics (one lower-is-better), withdrawals and no-shows. What the chat answers over the imported data is
compared with figures computed here independently with pandas and numpy, in English and Chinese."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.agent import Assistant
from candor.principal import Principal
from integrations.hris.importer import import_paths
from tests.conftest import make_settings
from tests.second_company import PICKER as PICKER_ROLE
from tests.second_company import build

HR = Principal(id="ana", audience="hr_manager")
PICKER = "warehouse_picker"


@pytest.fixture(scope="module")
def northwind(tmp_path_factory):
    from candor.migrate import upgrade

    folder = tmp_path_factory.mktemp("northwind")
    data = build(folder / "export")
    url = f"sqlite:///{folder / 'candor.db'}"
    upgrade(url)
    summary = import_paths(url, [data.folder], mapping=data.mapping)
    assert "sales_manager" in summary.catalogue_roles
    return data, Assistant(make_settings(url))


def _call(turn, tool: str):
    calls = [c for c in turn.tool_calls if c.tool == tool]
    assert calls, f"expected {tool}, got {[c.tool for c in turn.tool_calls]}: {turn.answer}"
    return calls[0].result


def _in_answer(value: float, answer: str) -> bool:
    return any(f"{value:.{d}f}".rstrip("0").rstrip(".") in answer for d in (1, 2))


@pytest.mark.parametrize("question", ["What was the AI interview failure rate for Warehouse Picker in 2026?",
                                      "仓库拣货员2026年的AI面试失败率是多少？"])
def test_failure_rate_counts_completed_interviews_and_says_who_did_not_complete(northwind, question):
    data, assistant = northwind
    mine = data.interviews[data.interviews.role == PICKER]
    completed = mine[mine.outcome.isin(["passed", "failed", "under_review"])]
    expected = 100 * (completed.outcome == "failed").sum() / len(completed)
    turn = assistant.ask(HR, question)
    result = _call(turn, "failure_stats")
    assert result["interviews"] == len(completed) and result["failed"] == (completed.outcome == "failed").sum()
    assert result["failure_rate"] == pytest.approx(expected, abs=0.05)
    assert result["not_completed"] == {k: int(v) for k, v in mine.outcome.value_counts().items()
                                       if k in ("withdrawn", "no_show")}
    assert _in_answer(expected, turn.answer), turn.answer


@pytest.mark.parametrize("question", ["What share of Warehouse Picker failures in 2026 were job-match failures?",
                                      "2026年仓库拣货员的失败中岗位匹配问题占多少比例？"])
def test_share_of_failures_by_category(northwind, question):
    data, assistant = northwind
    failed = data.interviews[(data.interviews.role == PICKER) & (data.interviews.outcome == "failed")]
    with_reason = data.reasons[(data.reasons.role == PICKER) & (data.reasons.category == "job_match")]
    expected = 100 * with_reason.interview_id.nunique() / len(failed)
    turn = assistant.ask(HR, question)
    result = _call(turn, "failure_stats")
    share = next(r for r in result["reasons"] if r["category"] == "job_match")
    assert share["share"] == pytest.approx(expected, abs=0.05)
    assert _in_answer(expected, turn.answer), turn.answer


def _first_months_mean(data, metric: str) -> np.ndarray:
    perf = data.performance[data.performance.metric == metric]
    means = perf.groupby("employee_id").value.apply(lambda v: v.head(6).mean())
    return data.hires.set_index("employee_id").attention_to_detail.to_frame().join(means.rename("mean"))


@pytest.mark.parametrize("question,metric", [
    ("How does attention to detail relate to picking accuracy for warehouse pickers?", "picking_accuracy"),
    ("仓库拣货员的注重细节和每千行错拣数有关系吗？", "mispicks_per_1000"),
])
def test_competency_to_own_metric_correlation(northwind, question, metric):
    data, assistant = northwind
    joined = _first_months_mean(data, metric)
    r = float(np.corrcoef(joined.attention_to_detail, joined["mean"])[0, 1])
    turn = assistant.ask(HR, question)
    result = _call(turn, "competency_insights")
    link = next(x for x in result["links"] if x["competency"]["key"] == "attention_to_detail" and x["metric"] == metric)
    assert link["n"] == len(joined) and link["r"] == pytest.approx(r, abs=0.005)
    assert link["effect"] == pytest.approx(abs(r), abs=0.005)  # fewer mispicks is better: the sign flips
    assert (r < 0) == (metric == "mispicks_per_1000")


@pytest.mark.parametrize("question", ["Propose new competency weights for Warehouse Picker",
                                      "帮我给仓库拣货员重新设计一下能力权重"])
def test_the_proposal_moves_weight_toward_what_predicts_performance(northwind, question):
    data, assistant = northwind
    joined = _first_months_mean(data, "picking_accuracy")
    r = float(np.corrcoef(joined.attention_to_detail, joined["mean"])[0, 1])
    assert r > 0.5  # the planted driver
    turn = assistant.ask(HR, question)
    result = _call(turn, "propose_competency_changes")
    changes = {c["competency"]["key"]: c for c in result["changes"]}
    assert changes["attention_to_detail"]["r"] == pytest.approx(r, abs=0.005)
    assert changes["attention_to_detail"]["proposed"] > changes["attention_to_detail"]["current"] == 40
    assert all(c["proposed"] <= c["current"] for k, c in changes.items() if k != "attention_to_detail")
    assert sum(c["proposed"] for c in changes.values()) == pytest.approx(100, abs=0.01)


@pytest.mark.parametrize("question,word", [("How many Warehouse Picker candidates withdrew in 2026?", "withdrew"),
                                           ("今年仓库拣货员有多少候选人中途退出面试？", "中途退出")])
def test_a_question_about_withdrawals_leads_with_them(northwind, question, word):
    data, assistant = northwind
    mine = data.interviews[data.interviews.role == PICKER]
    withdrawn = int((mine.outcome == "withdrawn").sum())
    turn = assistant.ask(HR, question)
    assert _call(turn, "failure_stats")["not_completed"]["withdrawn"] == withdrawn
    first = turn.answer.splitlines()[1]  # the line after the heading
    assert str(withdrawn) in first and word in first, turn.answer


def test_gaps_are_shown_on_the_companys_own_scale_too(northwind):
    data, assistant = northwind
    minimum = {c["key"]: c["minimum"] for c in PICKER_ROLE["competencies"]}
    failed = set(data.interviews[(data.interviews.role == PICKER) & (data.interviews.outcome == "failed")].interview_id)
    rows = data.scores[data.scores.interview_id.isin(failed) & (data.scores.competency == "pace")]
    gaps = (rows.competency.map(minimum) - rows.score)[lambda g: g > 0]  # on 1–5, as the company wrote them
    turn = assistant.ask(HR, "Warehouse Picker failure rate in 2026")
    row = next(c for c in _call(turn, "failure_stats")["top_competencies"] if c["competency"]["key"] == "pace")
    assert row["failed_interviews"] == len(gaps) and row["mean_gap"] == pytest.approx(gaps.mean() * 25, abs=0.05)
    assert row["mean_gap_on_scale"] == pytest.approx(gaps.mean(), abs=0.005)
    assert f"({row['mean_gap_on_scale']} on the 1-5 scale)" in turn.answer, turn.answer
