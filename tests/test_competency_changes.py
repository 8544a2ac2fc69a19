"""Weight proposals, approval as a new model version, outcome tracking and monitoring rules."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlmodel import Session, func, select

from candor.db import get_engine
from candor.models import (
    AuditEvent,
    Candidate,
    Competency,
    CompetencyChangeProposal,
    CompetencyModel,
    CompetencyScore,
    CompetencyWeight,
    Employee,
    Interview,
    Outcome,
    PerformanceRecord,
    Question,
    Role,
)
from knowledge.sync import active_model
from tests.competency_helpers import deps_for, fresh_copy, seed_template
from tests.conftest import NOW
from tools.base import ToolError
from tools.competency.monitoring import (
    DEFAULT_CONFIG,
    MonitoringConfig,
    MonitoringRule,
    MonthShare,
    evaluate,
    run_monitoring,
)
from tools.competency.outcomes import SPEC as OUTCOME
from tools.competency.proposals import SPEC_DECIDE, SPEC_PROPOSE
from tools.shared.stats import bounds, step_weights

# ------------------------------------------------------------------------------ bounds, for any input

@st.composite
def weight_sets(draw):
    n = draw(st.integers(2, 8))
    whole = draw(st.booleans())
    if whole:
        cuts = sorted(draw(st.lists(st.integers(0, 100), min_size=n - 1, max_size=n - 1)))
        current = [b - a for a, b in zip([0, *cuts], [*cuts, 100])]
    else:
        raw = draw(st.lists(st.floats(0, 1, allow_nan=False), min_size=n, max_size=n))
        total = sum(raw) or 1.0
        current = [100 * x / total for x in raw] if sum(raw) else [100 / n] * n
    targets = draw(st.lists(st.floats(-300, 300, allow_nan=False), min_size=n, max_size=n))
    step = draw(st.integers(1, 50) if draw(st.booleans()) else st.floats(0.5, 50, allow_nan=False))
    floor = draw(st.floats(0, min(25, 100 / n), allow_nan=False))
    return current, targets, step, floor, whole


@settings(max_examples=400, deadline=None)
@given(weight_sets())
def test_proposal_bounds_hold_for_any_input(case):
    current, targets, step, floor, whole = case
    keys = [f"c{i}" for i in range(len(current))]
    out = step_weights(dict(zip(keys, current)), dict(zip(keys, targets)), step=step, floor=floor)
    assert set(out) == set(keys)
    assert math.isclose(sum(out.values()), 100, abs_tol=1e-6)
    for k, w in zip(keys, current):
        assert abs(out[k] - w) <= step + 1e-6
        assert out[k] >= min(floor, w) - 1e-6 and 0 <= out[k] + 1e-9 and out[k] <= 100 + 1e-9
        low, high = bounds(w, step, floor)
        assert low - 1e-6 <= out[k] <= high + 1e-6
        if whole and float(step).is_integer():
            assert out[k] == round(out[k])


@pytest.fixture(scope="module")
def analyses(seeded_sqlite_url):
    from tools.competency.insights import RoleAnalysis
    from tools.shared.lookup import load_vocabulary

    with Session(get_engine(seeded_sqlite_url)) as session:
        deps = deps_for(session)
        yield [RoleAnalysis(deps, role, metric=None, months=6, min_hires=30) for role in load_vocabulary(session).roles]
        session.rollback()


@settings(max_examples=60, deadline=None)
@given(step=st.floats(1, 50), floor=st.floats(0, 25), sensitivity=st.floats(0.1, 100), pick=st.integers(0, 6))
def test_tool_proposals_stay_in_bounds(analyses, step, floor, sensitivity, pick):
    from tools.competency.proposals import compute_changes

    changes = compute_changes(analyses[pick], max_step=step, floor=floor, sensitivity=sensitivity)
    assert sum(c.proposed for c in changes) == pytest.approx(100, abs=0.05)  # rounded to 0.01 points each
    for c in changes:
        assert abs(c.change) <= step + 0.01 and c.proposed >= min(floor, c.current) - 0.01


def test_equal_evidence_changes_nothing():
    current = {"a": 25, "b": 35, "c": 30, "d": 10}
    assert step_weights(current, dict(current)) == current


# ------------------------------------------------------------------------------ on the demo company

@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return seed_template(tmp_path_factory.mktemp("competency-template"))


@pytest.fixture
def url(template, tmp_path):
    return fresh_copy(template, tmp_path)


def propose(session, role, audience="hr_manager", **args):
    return SPEC_PROPOSE.call(deps_for(session, audience), {"role": role, **args})


def weights_of(result):
    return {c.competency.key: c.proposed for c in result.changes}


@pytest.mark.parametrize("role, key, low, high", [
    ("Production Supervisor", "team_management", 33, 38),  # "raises team management to about 35 %"
    ("一线技术", "equipment_troubleshooting", 37, 40),  # "toward 40 %"
    ("Product R&D", "teamwork", 25, 30),  # "toward 30 %"
])
def test_planted_proposals(url, role, key, low, high):
    with Session(get_engine(url)) as session:
        result = propose(session, role)
        assert result.created and result.status == "proposed"
        proposed = weights_of(result)
        assert low <= proposed[key] <= high
        assert sum(proposed.values()) == pytest.approx(100)
        for c in result.changes:
            assert abs(c.change) <= 15 and c.proposed >= min(5, c.current)
        assert key.replace("_", " ") in result.rationale_en.lower() or result.changes[0].competency.key == key
        stored = session.get(CompetencyChangeProposal, result.proposal_id)
        assert stored.status == "proposed" and stored.created_by == "test-hr_manager"
        assert stored.proposed_weights[key]["weight"] == pytest.approx(proposed[key] / 100)
        assert stored.statistics["hires_with_performance"] == result.hires_with_performance
        # nothing is applied by proposing
        role_row = session.exec(select(Role).where(Role.key == result.role.key)).one()
        assert active_model(session, role_row.id).version == 1


def test_asking_twice_returns_the_open_proposal(url):
    with Session(get_engine(url)) as session:
        first = propose(session, "Production Supervisor")
        again = propose(session, "Production Supervisor")
        assert again.reused and again.proposal_id == first.proposal_id


def test_insufficient_data_makes_no_proposal(url):
    with Session(get_engine(url)) as session:
        result = propose(session, "Production Supervisor", min_hires=5000)
        assert result.proposal_id is None and not result.sufficient and result.changes == []
        assert "insufficient data" in result.notes[0]
        assert session.exec(select(func.count()).select_from(CompetencyChangeProposal)).one() == 0


def test_recruiters_cannot_propose_or_approve(url):
    with Session(get_engine(url)) as session:
        proposal = propose(session, "Production Supervisor")
        for spec, args in ((SPEC_DECIDE, {"proposal_id": proposal.proposal_id, "decision": "approve"}),
                           (SPEC_PROPOSE, {"role": "Production Supervisor"})):
            with pytest.raises(ToolError) as err:
                spec.call(deps_for(session, "recruiter"), args)
            assert err.value.code == "forbidden"
        denied = session.exec(select(AuditEvent).where(AuditEvent.action == "decide_proposal")).all()
        assert [e.outcome for e in denied] == ["denied"]
        assert session.get(CompetencyChangeProposal, proposal.proposal_id).status == "proposed"


def test_open_proposals_are_listed_with_their_changes_and_shown_by_number(url):
    from tools.competency.review import SPEC as REVIEW

    with Session(get_engine(url)) as session:
        supervisor = propose(session, "Production Supervisor")
        sales = propose(session, "销售经理")
        assert supervisor.proposal_id and sales.proposal_id
        waiting = REVIEW.call(deps_for(session), {})
        assert waiting.total == 2 and {p.proposal_id for p in waiting.proposals} == {supervisor.proposal_id,
                                                                                     sales.proposal_id}
        shown = next(p for p in waiting.proposals if p.proposal_id == supervisor.proposal_id)
        moved = {c.competency.key: (c.current, c.proposed) for c in shown.changes}
        assert moved == {c.competency.key: (c.current, c.proposed) for c in supervisor.changes}
        assert shown.trigger == "performance" and shown.base_version == 1 and shown.rationale_en
        SPEC_DECIDE.call(deps_for(session), {"proposal_id": sales.proposal_id, "decision": "reject"})
        assert [p.proposal_id for p in REVIEW.call(deps_for(session), {}).proposals] == [supervisor.proposal_id]
        assert [p.proposal_id for p in REVIEW.call(deps_for(session), {"status": "rejected"}).proposals] == [
            sales.proposal_id]
        assert REVIEW.call(deps_for(session), {"role": "生产主管", "status": "rejected"}).proposals == []
        one = REVIEW.call(deps_for(session), {"proposal_id": sales.proposal_id})
        assert [(p.proposal_id, p.status) for p in one.proposals] == [(sales.proposal_id, "rejected")]
        with pytest.raises(ToolError) as err:
            REVIEW.call(deps_for(session), {"proposal_id": 999})
        assert err.value.code == "unknown_proposal"
        with pytest.raises(ToolError) as err:
            REVIEW.call(deps_for(session, "recruiter"), {})
        assert err.value.code == "forbidden"


def test_registry_audiences():
    from tools.registry import tools_for

    recruiter = {t.name for t in tools_for("recruiter")}
    manager = {t.name for t in tools_for("hr_manager")}
    assert {"competency_insights", "proposal_outcome", "predict_performance"} <= recruiter
    assert not {"propose_competency_changes", "decide_proposal", "monitor_competencies"} & recruiter
    assert {"propose_competency_changes", "decide_proposal", "monitor_competencies", "attrition_risk"} <= manager


def test_approval_applies_a_new_version_used_by_the_next_interview(url):
    engine = get_engine(url)
    with Session(engine) as session:
        proposal = propose(session, "Production Supervisor", questions=[
            {"text": "Two of your operators refuse to work together on the night shift. What do you do?"}])
        decision = SPEC_DECIDE.call(deps_for(session), {"proposal_id": proposal.proposal_id, "decision": "approve",
                                                        "note": "performance evidence"})
        session.commit()
    assert decision.status == "applied" and (decision.previous_version, decision.new_version) == (1, 2)
    assert decision.questions_added == 1
    with Session(engine) as session:
        role = session.exec(select(Role).where(Role.key == "production_supervisor")).one()
        models = session.exec(select(CompetencyModel).where(CompetencyModel.role_id == role.id)
                              .order_by(CompetencyModel.version)).all()
        assert [(m.version, m.active, m.source) for m in models] == [(1, False, "seed"), (2, True, "proposal")]
        active = active_model(session, role.id)
        stored = session.get(CompetencyChangeProposal, proposal.proposal_id)
        assert stored.status == "applied" and stored.applied_model_id == active.id
        assert stored.decided_by == "test-hr_manager"
        assert stored.statistics["decision"]["note"] == "performance evidence"
        actions = [e.action for e in session.exec(select(AuditEvent).order_by(AuditEvent.id))]
        assert actions == ["propose_competency_changes", "competency_model_applied", "decide_proposal"]
        assert session.exec(select(Question).where(Question.role_id == role.id)).one().kind == "scenario"

        # The next interview is scored with the active (new) model's weights.
        weights = {w.competency_id: w for w in session.exec(
            select(CompetencyWeight).where(CompetencyWeight.model_id == active.id))}
        candidate = session.exec(select(Candidate).order_by(Candidate.id)).first()
        interview = Interview(external_id="I-next", candidate_id=candidate.id, role_id=role.id,
                              competency_model_id=active.id, interviewed_at=NOW + timedelta(days=1),
                              outcome=Outcome.passed)
        session.add(interview)
        session.flush()
        for cid, w in weights.items():
            session.add(CompetencyScore(interview_id=interview.id, competency_id=cid, score=80,
                                        required=w.minimum_score, weight=w.weight))
        session.commit()
        by_key = dict(session.exec(select(Competency.key, CompetencyScore.weight)
                                   .join(Competency, Competency.id == CompetencyScore.competency_id)
                                   .where(CompetencyScore.interview_id == interview.id)).all())
        proposed = weights_of(proposal)
        assert by_key["team_management"] == pytest.approx(proposed["team_management"] / 100)
        assert by_key["team_management"] != 0.25


def test_decisions_are_final_and_rejection_keeps_the_model(url):
    with Session(get_engine(url)) as session:
        proposal = propose(session, "Field Technician")
        deps = deps_for(session)
        rejected = SPEC_DECIDE.call(deps, {"proposal_id": proposal.proposal_id, "decision": "reject"})
        assert rejected.status == "rejected" and rejected.new_version is None
        with pytest.raises(ToolError) as err:
            SPEC_DECIDE.call(deps, {"proposal_id": proposal.proposal_id, "decision": "approve"})
        assert err.value.code == "already_decided"
        with pytest.raises(ToolError) as err:
            SPEC_DECIDE.call(deps, {"proposal_id": 999, "decision": "approve"})
        assert err.value.code == "unknown_proposal"
        role = session.exec(select(Role).where(Role.key == "field_technician")).one()
        assert active_model(session, role.id).version == 1


def test_a_stale_proposal_cannot_be_applied(url):
    with Session(get_engine(url)) as session:
        first = propose(session, "Production Supervisor")
        second = propose(session, "Production Supervisor", max_step=5)
        SPEC_DECIDE.call(deps_for(session), {"proposal_id": first.proposal_id, "decision": "approve"})
        with pytest.raises(ToolError) as err:
            SPEC_DECIDE.call(deps_for(session), {"proposal_id": second.proposal_id, "decision": "approve"})
        assert err.value.code == "stale_proposal"


# ------------------------------------------------------------------------------ outcome tracking

def _after_change(session, role: Role, model: CompetencyModel, *, interviews: int, failed: int, hires: int,
                  efficiency: float) -> None:
    """Interviews and hires scored with the new model, as if the months after the change had happened."""
    candidates = session.exec(select(Candidate.id).order_by(Candidate.id).limit(interviews)).all()
    for i, cid in enumerate(candidates):
        when = NOW + timedelta(days=1 + i)
        interview = Interview(external_id=f"I-after-{i}", candidate_id=cid, role_id=role.id,
                              competency_model_id=model.id, interviewed_at=when, decided_at=when,
                              outcome=Outcome.failed if i < failed else Outcome.passed)
        session.add(interview)
        session.flush()
        if i >= failed and i - failed < hires:
            employee = Employee(external_id=f"E-after-{i}", candidate_id=cid, interview_id=interview.id,
                                role_id=role.id, hired_at=(when + timedelta(days=10)).date())
            session.add(employee)
            session.flush()
            for month in range(3):
                first = date(employee.hired_at.year, employee.hired_at.month, 1)
                index = first.year * 12 + first.month - 1 + month
                session.add(PerformanceRecord(employee_id=employee.id, month=date(index // 12, index % 12 + 1, 1),
                                              metric="production_efficiency", value=efficiency + (i % 3)))
    session.flush()


def test_outcome_before_and_after_with_counts(url):
    engine = get_engine(url)
    with Session(engine) as session:
        proposal = propose(session, "Production Supervisor")
        SPEC_DECIDE.call(deps_for(session), {"proposal_id": proposal.proposal_id, "decision": "approve"})
        role = session.exec(select(Role).where(Role.key == "production_supervisor")).one()
        new = active_model(session, role.id)
        _after_change(session, role, new, interviews=60, failed=12, hires=20, efficiency=97)
        session.commit()
    later = NOW + timedelta(days=150)
    with Session(engine) as session:
        result = OUTCOME.call(deps_for(session, "recruiter", now=later), {"proposal_id": proposal.proposal_id})
        by_role = OUTCOME.call(deps_for(session, now=later), {"role": "生产主管"})
        role = session.exec(select(Role).where(Role.key == "production_supervisor")).one()
        start = NOW - timedelta(days=150)
        old = session.exec(select(CompetencyModel).where(CompetencyModel.role_id == role.id,
                                                         CompetencyModel.version == 1)).one()
        expected_before = session.exec(select(func.count()).select_from(Interview).where(
            Interview.role_id == role.id, Interview.competency_model_id == old.id,
            Interview.interviewed_at >= start, Interview.interviewed_at < NOW,
            Interview.outcome.in_([Outcome.passed, Outcome.failed, Outcome.under_review]))).one()
    assert by_role.model_dump() == result.model_dump()
    b, a = result.before, result.after
    assert (b.model_version, a.model_version) == (1, 2)
    assert b.interviews == expected_before > 30
    assert (a.interviews, a.failed, a.failure_rate) == (60, 12, 20.0)
    assert result.failure_rate_change_points == pytest.approx(a.failure_rate - b.failure_rate, abs=0.11)
    assert result.failure_rate_change_pct < 0 and result.failure_p_label
    assert a.hires == 20 and b.hires > 0 and a.months_covered == 3
    assert a.performance_mean > b.performance_mean and result.performance_direction == "better"
    assert result.performance_change_pct > 0
    assert any("small sample: 20 hires after the change" in n for n in result.notes)
    assert any("3 months of performance on average" in n for n in result.notes)


def test_outcome_needs_an_applied_change(url):
    with Session(get_engine(url)) as session:
        proposal = propose(session, "Production Supervisor")
        with pytest.raises(ToolError) as err:
            OUTCOME.call(deps_for(session), {"proposal_id": proposal.proposal_id})
        assert err.value.code == "not_applied"
        with pytest.raises(ToolError) as err:
            OUTCOME.call(deps_for(session), {"role": "Field Technician"})
        assert err.value.code == "no_change"


# ------------------------------------------------------------------------------ monitoring rules

def series(*shares, failed=20):
    return [MonthShare(month=f"2026-{i + 1:02d}", failed=failed, on_competency=round(s * failed / 100), share=s)
            for i, s in enumerate(shares)]


def test_rules_on_monthly_series():
    above = MonitoringRule(name="above", kind="above", limit=40, months=3)
    falling = MonitoringRule(name="fall", kind="falling", months=4, from_share=50, to_share=20)
    assert evaluate(above, series(10, 45, 50, 41))
    assert not evaluate(above, series(45, 50, 39))  # one month at 39 breaks the run
    assert not evaluate(above, series(45, 50, 60, failed=3))  # too few failures a month to count
    assert evaluate(falling, series(55, 42, 30, 18))
    assert not evaluate(falling, series(55, 30, 42, 18))  # a rise of 12 points is not a steady fall
    assert not evaluate(falling, series(55, 42, 30, 25))


def test_monitoring_proposes_and_never_applies_by_default(url):
    with Session(get_engine(url)) as session:
        versions = {m.id: m.version for m in session.exec(select(CompetencyModel))}
        result = run_monitoring(deps_for(session), DEFAULT_CONFIG)
        alerts = {(a.role.key, a.competency.key): a for a in result.alerts}
        trouble = alerts[("field_technician", "equipment_troubleshooting")]
        assert trouble.rule == "high_failure_share" and len(trouble.months) == 3
        assert all(m.share > 40 for m in trouble.months) and trouble.proposal_created
        assert "for 3 months in a row" in trouble.summary_en
        stored = session.get(CompetencyChangeProposal, trouble.proposal_id)
        assert stored.status == "proposed" and stored.created_by == "rule:high_failure_share"
        assert stored.rationale.startswith(trouble.summary_en)
        assert stored.statistics["trigger"]["competency"] == "equipment_troubleshooting"
        assert result.proposals_applied == 0
        assert {m.id: m.version for m in session.exec(select(CompetencyModel))} == versions
        assert all(not m.active or m.source == "seed" for m in session.exec(select(CompetencyModel)))
        assert session.exec(select(func.count()).select_from(AuditEvent)
                            .where(AuditEvent.action == "monitoring_proposal")).one() == result.proposals_created
        # a second run finds the same open proposals instead of piling up new ones
        again = run_monitoring(deps_for(session), DEFAULT_CONFIG)
        assert again.proposals_created == 0 and {a.proposal_id for a in again.alerts} == \
            {a.proposal_id for a in result.alerts}


def test_auto_apply_only_when_a_rule_enables_it(url):
    config = MonitoringConfig(rules=[MonitoringRule(name="auto", kind="above", limit=40, months=3,
                                                    roles=["field_technician"], auto_apply=True)])
    with Session(get_engine(url)) as session:
        result = run_monitoring(deps_for(session), config)
        assert [a.competency.key for a in result.alerts] == ["equipment_troubleshooting"]
        assert result.alerts[0].applied_version == 2 and result.proposals_applied == 1
        role = session.exec(select(Role).where(Role.key == "field_technician")).one()
        assert active_model(session, role.id).source == "proposal"
        stored = session.get(CompetencyChangeProposal, result.alerts[0].proposal_id)
        assert stored.status == "applied" and stored.decided_by == "rule:auto"


def test_a_restart_keeps_the_model_an_hr_manager_approved(url):
    """`make run` re-indexes the role profiles on every start: the approved version must stay active."""
    from knowledge.sync import sync_catalogue

    engine = get_engine(url)
    with Session(engine) as session:
        proposal = propose(session, "Production Supervisor")
        SPEC_DECIDE.call(deps_for(session), {"proposal_id": proposal.proposal_id, "decision": "approve"})
        session.commit()
    with Session(engine) as session:  # what `python app.py index` does at start-up
        versions = sync_catalogue(session, source="index", questions=True)
        session.commit()
    assert versions["production_supervisor"] == 2
    with Session(engine) as session:
        role = session.exec(select(Role).where(Role.key == "production_supervisor")).one()
        active = active_model(session, role.id)
        assert (active.version, active.source) == (2, "proposal")
