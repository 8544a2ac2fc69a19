"""Competency insights on the demo company: each planted case comes back out of the data."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from candor.db import get_engine
from candor.models import AuditEvent
from tests.competency_helpers import deps_for
from tools.base import ToolError
from tools.competency.insights import SPEC as INSIGHTS


def insights(url: str, audience: str = "hr_manager", **args):
    with Session(get_engine(url)) as session:
        try:
            return INSIGHTS.call(deps_for(session, audience), args)
        finally:
            session.rollback()  # the audit row stays out of the shared database


def check(result, key):
    return next(w for w in result.weights if w.competency.key == key)


def link(result, key, metric=None):
    metric = metric or result.main_metric.key
    return next(l for l in result.links if l.competency.key == key and l.metric == metric)


def test_production_supervisor_team_management_outweighed(seeded_url):
    # On SQLite and PostgreSQL: r 0.85 with production efficiency, weighted 25 % below technical 35 %.
    r = insights(seeded_url, role="生产主管")
    assert r.sufficient and r.main_metric.key == "production_efficiency"
    team = link(r, "team_management")
    assert team.r == pytest.approx(0.85, abs=0.02) and team.significant and team.direction == "better"
    assert team.ci_low < team.r < team.ci_high and team.n >= 30 and team.p_label == "<0.001"
    assert -1 <= team.spearman_rho <= 1
    mismatch = next(m for m in r.mismatches if m.competency.key == "team_management")
    assert mismatch.weight == 25 and mismatch.verdict == "more"
    heavier = {h.competency.key: h.weight for h in mismatch.heavier}
    assert heavier["technical_expertise"] == 35 and heavier["cost_control"] == 30


def test_field_technician_troubleshooting_vs_downtime(seeded_sqlite_url):
    r = insights(seeded_sqlite_url, role="Field Technician")
    assert r.main_metric.key == "downtime_hours" and not r.main_metric.higher_is_better
    trouble = link(r, "equipment_troubleshooting")
    # the raw r is negative (more skill, less downtime); the effect on performance is positive
    assert trouble.r == pytest.approx(-0.91, abs=0.02)
    assert trouble.effect == pytest.approx(0.91, abs=0.02) and trouble.direction == "better"
    assert check(r, "equipment_troubleshooting").weight == 25
    assert [m.competency.key for m in r.mismatches] == ["equipment_troubleshooting"]


def test_product_rnd_override_hires_and_attrition(seeded_sqlite_url):
    a = insights(seeded_sqlite_url, role="Product R&D").attrition
    assert a.override_hires > 0 and a.leavers > 0
    assert a.override_attrition_rate > 3 * a.other_attrition_rate
    teamwork = next(g for g in a.leavers_failed if g.competency.key == "teamwork")
    assert teamwork.share_of_leavers == pytest.approx(70, abs=6)  # ≈ 70 % of leavers had failed teamwork
    assert teamwork.share_of_leavers > 3 * teamwork.share_of_stayers and teamwork.p_label == "<0.001"
    assert a.attrition_rate == pytest.approx(20, abs=5)


def test_product_operations_persona(seeded_url):
    p = insights(seeded_url, role="产品运营").persona
    assert p.industries == ["internet"] and p.failed_interviews > 30
    assert p.failed_matching_share == pytest.approx(60, abs=5)
    assert p.failing_competencies[0].competency.key == "user_needs_insight"
    assert p.failing_competencies[0].share > 90


def test_roles_without_a_persona_skip_the_persona_analysis(seeded_sqlite_url):
    assert insights(seeded_sqlite_url, role="Sales Manager").persona is None


@pytest.mark.parametrize("args, needed", [({"min_hires": 5000}, 5000), ({"months": 24}, 30)])
def test_insufficient_data_is_said_plainly(seeded_sqlite_url, args, needed):
    r = insights(seeded_sqlite_url, role="Production Supervisor", **args)
    assert not r.sufficient and r.links == [] and r.weights == [] and r.mismatches == []
    note = r.notes[0]
    assert note.startswith("insufficient data:") and f"{r.hires_with_performance} of {r.hires} hires" in note
    assert f"at least {needed} are needed" in note and "数据不足" in r.notes_zh[0]
    if args.get("months") == 24:
        assert r.hires_with_performance == 0


def test_recruiters_may_read_insights_and_every_call_is_audited(seeded_sqlite_url):
    with Session(get_engine(seeded_sqlite_url)) as session:
        deps = deps_for(session, "recruiter")
        INSIGHTS.call(deps, {"role": "Sales Manager"})
        audit = session.exec(select(AuditEvent).where(AuditEvent.action == "competency_insights")).all()
        assert audit[-1].outcome == "ok" and audit[-1].principal_id == "test-recruiter"
        with pytest.raises(ToolError) as err:
            INSIGHTS.call(deps_for(session, "candidate"), {"role": "Sales Manager"})
        assert err.value.code == "forbidden"
        session.rollback()


def test_unknown_role_and_metric_are_fixable_errors(seeded_sqlite_url):
    with pytest.raises(ToolError) as err:
        insights(seeded_sqlite_url, role="Astronaut")
    assert err.value.code == "unknown_role"
    with pytest.raises(ToolError) as err:
        insights(seeded_sqlite_url, role="Field Technician", metric="happiness")
    assert err.value.code == "unknown_metric" and "downtime_hours" in err.value.message
