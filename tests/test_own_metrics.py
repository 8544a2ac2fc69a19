"""A company's own role and performance metrics, imported, are what the analyses and the planner use."""

from __future__ import annotations

import csv
import json
import random

import pytest

from assistant.agent import Assistant
from candor.migrate import upgrade
from candor.principal import Principal
from integrations.hris.importer import import_paths
from tests.conftest import make_settings

HR = Principal(id="ana", audience="hr_manager")
ROLE = {"key": "support_agent", "name": {"en": "Customer Support Agent", "zh": "客服专员"},
        "aliases": {"en": ["support agent"], "zh": ["客服"]}, "pass_mark": 60,
        "metrics": ["first_call_resolution", "average_handle_time"],
        "competencies": [
            {"key": "empathy", "name": {"en": "empathy", "zh": "同理心"}, "weight": 0.5, "minimum": 60},
            {"key": "product_knowledge", "name": {"en": "product knowledge", "zh": "产品知识"}, "weight": 0.5,
             "minimum": 60}]}
METRICS = [{"key": "first_call_resolution", "name_en": "first-call resolution", "name_zh": "一次解决率",
            "higher_is_better": "true", "unit": "%"},
           {"key": "average_handle_time", "name_en": "average handle time", "name_zh": "平均处理时长",
            "higher_is_better": "false", "unit": "min"}]


def _write(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def company(db_url, tmp_path):
    """60 hires whose empathy score drives first-call resolution (and shortens handle time)."""
    rng = random.Random(11)
    folder = tmp_path / "acme"
    folder.mkdir()
    (folder / "roles.json").write_text(json.dumps([ROLE]), encoding="utf-8")
    _write(folder / "metrics.csv", METRICS)
    candidates, interviews, scores, employees, performance = [], [], [], [], []
    for i in range(60):
        empathy, knowledge = rng.uniform(55, 95), rng.uniform(55, 95)
        c, iv, e = f"C-{i:04d}", f"I-{i:04d}", f"E-{i:04d}"
        candidates.append({"candidate_id": c, "name": f"Agent {i}"})
        interviews.append({"interview_id": iv, "candidate_id": c, "role": "support_agent",
                           "interviewed_at": "2026-01-10T09:00:00", "outcome": "passed",
                           "total_score": round((empathy + knowledge) / 2, 1), "decided_at": "2026-01-11T09:00:00"})
        scores += [{"interview_id": iv, "competency": "empathy", "score": round(empathy, 1)},
                   {"interview_id": iv, "competency": "product_knowledge", "score": round(knowledge, 1)}]
        employees.append({"employee_id": e, "candidate_id": c, "interview_id": iv, "hired_at": "2026-02-01"})
        for month in range(2, 10):
            fcr = 20 + 0.7 * empathy + rng.gauss(0, 3)
            aht = 14 - 0.08 * empathy + rng.gauss(0, 0.5)
            performance += [{"employee_id": e, "month": f"2026-{month:02d}", "metric": "first_call_resolution",
                             "value": round(fcr, 2)},
                            {"employee_id": e, "month": f"2026-{month:02d}", "metric": "average_handle_time",
                             "value": round(aht, 2)}]
    for name, rows in (("candidates", candidates), ("interviews", interviews), ("competency_scores", scores),
                       ("employees", employees), ("performance", performance)):
        _write(folder / f"{name}.csv", rows)
    upgrade(db_url)
    summary = import_paths(db_url, [folder])
    assert any(f.kind == "metrics" for f in summary.files)
    return Assistant(make_settings(db_url))


@pytest.mark.parametrize("question", [
    "How does empathy relate to first-call resolution for support agents?",
    "客服的同理心和一次解决率有关系吗？",
    "客服的同理心跟解决率挂钩吗？",  # a Chinese name by its last three characters, as people shorten it
])
def test_an_imported_metric_is_understood_and_analysed(company, question):
    turn = company.ask(HR, question)
    call = next(c for c in turn.tool_calls if c.tool == "competency_insights")
    assert call.arguments.get("metric") == "first_call_resolution", call.arguments
    result = call.result
    assert result["role"]["key"] == "support_agent" and result["main_metric"]["key"] == "first_call_resolution"
    empathy = next(link for link in result["links"] if link["competency"]["key"] == "empathy"
                   and link["metric"] == "first_call_resolution")
    assert empathy["r"] > 0.8  # planted: first-call resolution rises with empathy


def test_the_roles_own_metrics_lead_without_being_named(company):
    turn = company.ask(HR, "Do interview scores for Customer Support Agent predict how hires perform?")
    call = next(c for c in turn.tool_calls if c.tool == "competency_insights")
    keys = [m["key"] for m in call.result["metrics"]]
    assert call.result["main_metric"]["key"] == "first_call_resolution" and "average_handle_time" in keys


def test_interviews_that_did_not_complete_are_left_out_and_said(db_url, tmp_path):
    """Withdrawals, no-shows and technical failures are not failures: the rate counts completed interviews and
    the answer says how many were left out, in English and Chinese."""
    folder = tmp_path / "rounds"
    folder.mkdir()
    _write(folder / "candidates.csv", [{"candidate_id": f"C-{i}"} for i in range(10)])
    outcomes = ["passed"] * 4 + ["failed"] * 2 + ["withdrawn"] * 2 + ["no_show", "technical_failure"]
    _write(folder / "interviews.csv", [
        {"interview_id": f"I-{i}", "candidate_id": f"C-{i}", "role": "sales_manager",
         "interviewed_at": "2026-11-03T09:00:00", "outcome": o, "round": "AI screen", "attempt": 1 + (i == 9)}
        for i, o in enumerate(outcomes)])
    upgrade(db_url)
    import_paths(db_url, [folder])
    assistant = Assistant(make_settings(db_url))
    turn = assistant.ask(HR, "What is the failure rate for Sales Manager in November 2026?")
    result = turn.tool_calls[0].result
    assert (result["interviews"], result["failed"], result["failure_rate"]) == (6, 2, 33.3)
    assert result["not_completed"] == {"withdrawn": 2, "no_show": 1, "technical_failure": 1}
    assert "Not counted in the rates: 2 withdrawn, 1 no-show, 1 technical failure" in turn.answer
    zh = assistant.ask(HR, "销售经理2026年11月的失败率")
    assert "未计入失败率：中途退出 2 场，缺席 1 场，技术故障 1 场" in zh.answer
