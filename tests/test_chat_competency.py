"""The competency-model cases of the source material, found through the real chat path (EN and ZH)."""

from __future__ import annotations

import pytest

from assistant.agent import Assistant
from candor.grounding import ungrounded_numbers
from candor.migrate import upgrade
from candor.principal import Principal
from demo.seed import seed_demo
from tests.conftest import NOW, make_settings

HR = Principal(id="ana", audience="hr_manager")
RECRUITER = Principal(id="rita", audience="recruiter")


@pytest.fixture(scope="module")
def assistant(seeded_sqlite_url):
    return Assistant(make_settings(seeded_sqlite_url))


def result_of(turn, tool):
    calls = [c for c in turn.tool_calls if c.tool == tool]
    assert calls, f"{tool} not called: {turn.tool_calls}"
    assert calls[0].error is None, calls[0].error
    return calls[0].result


def link(result, competency, metric):
    return next(x for x in result["links"] if x["competency"]["key"] == competency and x["metric"] == metric)


@pytest.mark.parametrize("question", [
    "Why are we failing so many Production Supervisor candidates, and are the weights right?",
    "生产主管的能力权重合理吗？和绩效的相关性如何？",
])
def test_production_supervisor_team_management_is_underweighted(assistant, question):
    turn = assistant.ask(HR, question)
    insights = result_of(turn, "competency_insights")
    team = link(insights, "team_management", "production_efficiency")
    assert abs(team["r"] - 0.85) <= 0.05 and team["n"] >= 30
    assert [m["competency"]["key"] for m in insights["mismatches"]][0] == "team_management"
    assert ungrounded_numbers(turn.answer, [c.result for c in turn.tool_calls]) == []
    if turn.language == "zh":
        assert "团队管理" in turn.answer
    else:
        assert "team management" in turn.answer and "failure rate" in turn.answer  # both halves answered


def test_field_technician_troubleshooting_against_downtime(assistant):
    insights = result_of(assistant.ask(HR, "一线技术的面试得分与绩效的相关性"), "competency_insights")
    assert abs(link(insights, "equipment_troubleshooting", "downtime_hours")["r"] + 0.91) <= 0.05


def test_product_rnd_leavers_failed_teamwork(assistant):
    insights = result_of(assistant.ask(HR, "Are the weights right for Product R&D?"), "competency_insights")
    teamwork = next(g for g in insights["attrition"]["leavers_failed"] if g["competency"]["key"] == "teamwork")
    assert abs(teamwork["share_of_leavers"] - 70) <= 8


def test_product_operations_persona(assistant):
    persona = result_of(assistant.ask(HR, "Product Operations persona: are the weights right?"),
                        "competency_insights")["persona"]
    assert abs(persona["failed_matching_share"] - 60) <= 5
    assert persona["failing_competencies"][0]["competency"]["key"] == "user_needs_insight"


@pytest.fixture
def own_company(tmp_path):
    url = f"sqlite:///{tmp_path / 'company.db'}"
    upgrade(url)
    seed_demo(url, now=NOW, candidates=3000)
    return Assistant(make_settings(url))


def test_propose_then_approve_through_chat(own_company):
    proposal = result_of(own_company.ask(HR, "为生产主管提出新的能力权重方案"), "propose_competency_changes")
    team = next(c for c in proposal["changes"] if c["competency"]["key"] == "team_management")
    assert 30 <= team["proposed"] <= 40 and abs(sum(c["proposed"] for c in proposal["changes"]) - 100) < 1e-6

    refused = own_company.ask(RECRUITER, f"approve proposal {proposal['proposal_id']}")
    assert refused.tool_calls == [] and "Only HR managers" in refused.answer

    approved = own_company.ask(HR, f"Approve proposal {proposal['proposal_id']}")
    decided = result_of(approved, "decide_proposal")
    assert decided["status"] == "applied" and decided["new_version"] == 2
    outcome = own_company.ask(HR, "What happened after we changed the Production Supervisor model?")
    assert result_of(outcome, "proposal_outcome")["role"]["key"] == "production_supervisor"


@pytest.mark.parametrize("reply", ["looks good, go ahead with it", "行，批了吧"])
def test_the_proposal_just_shown_is_decided_by_a_reply_that_points_at_it(own_company, reply):
    proposed = own_company.ask(HR, "suggest new competency weights for production supervisors")
    proposal = result_of(proposed, "propose_competency_changes")
    vague = own_company.ask(HR, "ok", proposed.conversation_id)  # applying weights needs a clear decision
    assert "decide_proposal" not in [c.tool for c in vague.tool_calls], vague.answer
    decided = own_company.ask(HR, reply, proposed.conversation_id)
    assert [(c.tool, c.arguments) for c in decided.tool_calls] == [
        ("decide_proposal", {"proposal_id": proposal["proposal_id"], "decision": "approve"})], decided.answer
    assert result_of(decided, "decide_proposal")["status"] == "applied"
    alone = own_company.ask(HR, reply)  # with no proposal in the conversation nothing is decided
    assert alone.tool_calls == [], alone.answer


def test_proposals_waiting_are_listed_and_the_one_listed_is_decided_by_reply(own_company):
    proposal = result_of(own_company.ask(HR, "为生产主管提出新的能力权重方案"), "propose_competency_changes")
    listed = own_company.ask(HR, "Which weight proposals are waiting for my approval?")
    waiting = result_of(listed, "review_proposals")
    assert [p["proposal_id"] for p in waiting["proposals"]] == [proposal["proposal_id"]]
    assert f"**Proposal {proposal['proposal_id']}** — Production Supervisor, proposed" in listed.answer
    rejected = own_company.ask(HR, "reject it, we want another quarter of data", listed.conversation_id)
    assert [(c.tool, c.arguments["decision"]) for c in rejected.tool_calls] == [("decide_proposal", "reject")]
    assert result_of(own_company.ask(HR, "有哪些待审批的权重方案？"), "review_proposals")["proposals"] == []


def test_prediction_reports_model_quality(assistant):
    turn = assistant.ask(HR, "Predict how candidate C001981 would perform")
    result = result_of(turn, "predict_performance")
    assert result["quality"]["cv_r2"] > 0.5 and result["quality"]["n"] >= 30
    assert ungrounded_numbers(turn.answer, [result]) == []


def test_a_competency_question_without_a_role_asks_which(assistant):
    turn = assistant.ask(HR, "Propose new weights")
    assert turn.tool_calls == [] and "Which role" in turn.answer
