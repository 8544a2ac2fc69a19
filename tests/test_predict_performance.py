"""Predictions on the demo company: honest model quality, compensating strengths, attrition risk."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from sqlmodel import Session, func, select

from candor.db import get_engine
from candor.models import Candidate, Interview, Outcome, Role
from tests.competency_helpers import deps_for
from tools.base import ToolError
from tools.prediction.attrition import SPEC as ATTRITION
from tools.prediction.models import clear_cache
from tools.prediction.predict import SPEC as PREDICT


def failed_candidates(session, role_key: str, limit: int = 150) -> list[str]:
    return list(session.exec(
        select(Candidate.external_id).join(Interview, Interview.candidate_id == Candidate.id)
        .join(Role, Role.id == Interview.role_id)
        .where(Role.key == role_key, Interview.outcome == Outcome.failed)
        .order_by(Interview.interviewed_at.desc()).limit(limit)))


def test_prediction_reports_cross_validated_quality_and_caches(seeded_sqlite_url):
    clear_cache()
    with Session(get_engine(seeded_sqlite_url)) as session:
        deps = deps_for(session, "recruiter")
        external = failed_candidates(session, "production_supervisor", 1)[0]
        first = PREDICT.call(deps, {"candidate": external})
        number = str(int(external[1:]))
        again = PREDICT.call(deps, {"candidate": number})  # "candidate 1043" means C001043
        session.rollback()
    assert first.sufficient and first.metric.key == "production_efficiency" and first.months == 6
    q = first.quality
    assert q.n >= 30 and q.folds == 5 and q.cv_r2 > 0.5 and q.cv_mae > 0
    assert 0.8 <= q.calibration_slope <= 1.2 and 60 <= q.interval_coverage <= 95
    assert first.interval_low < first.expected < first.interval_high and first.interval_level == 80
    assert not q.from_cache and again.quality.from_cache
    assert again.candidate.external_id == external and again.expected == first.expected


def test_compensating_strength_recommends_a_second_interview(seeded_sqlite_url):
    with Session(get_engine(seeded_sqlite_url)) as session:
        deps = deps_for(session)
        results = [PREDICT.call(deps, {"candidate": c}) for c in failed_candidates(session, "production_supervisor")]
        session.rollback()
    flagged = [r for r in results if r.recommendation == "second_interview"]
    assert flagged, "no failed Production Supervisor candidate with a compensating strength"
    c = flagged[0].compensations[0]
    # team management predicts production efficiency (r ≈ 0.85): a strong score offsets a weaker competency
    assert c.strong.key == "team_management" and c.strong_r == pytest.approx(0.85, abs=0.02)
    assert c.weak_score < c.weak_minimum and c.strong_percentile >= 75 and c.lift >= -c.drag
    assert c.n >= 30 and c.strong_p_label == "<0.001"
    assert flagged[0].expected >= flagged[0].hires_median
    assert all(r.compensations == [] for r in results if r.recommendation != "second_interview")
    assert all(not r.compensations for r in results if r.recommendation == "job_match")


def test_demo_product_rnd_compensations_never_offset_teamwork(seeded_sqlite_url):
    # End to end on the demo; the rule itself is isolated in test_a_weakness_that_goes_with_leaving_is_never_offset
    with Session(get_engine(seeded_sqlite_url)) as session:
        deps = deps_for(session)
        results = [PREDICT.call(deps, {"candidate": c}) for c in failed_candidates(session, "product_rnd", 80)]
        session.rollback()
    assert all(c.weak.key != "teamwork" for r in results for c in r.compensations)


def test_unknown_candidate_is_a_fixable_error(seeded_sqlite_url):
    with Session(get_engine(seeded_sqlite_url)) as session:
        with pytest.raises(ToolError) as err:
            PREDICT.call(deps_for(session), {"candidate": "C999999"})
        session.rollback()
    assert err.value.code == "unknown_candidate" and "C001043" in err.value.message


def test_attrition_risk_reports_held_out_auc(seeded_sqlite_url):
    with Session(get_engine(seeded_sqlite_url)) as session:
        deps = deps_for(session)
        rnd = ATTRITION.call(deps, {"role": "产品研发"})
        with pytest.raises(ToolError) as err:
            ATTRITION.call(deps_for(session, "recruiter"), {"role": "产品研发"})
        session.rollback()
    assert err.value.code == "forbidden"
    assert rnd.sufficient and rnd.n_test > 0 and rnd.test_auc > 0.65 and rnd.cv_auc is not None
    assert rnd.leavers >= 10 and rnd.recent_hires > 0 and rnd.hires
    # override hires (failed teamwork) top the list
    assert rnd.hires[0].override and rnd.hires[0].risk >= rnd.hires[-1].risk
    assert any(n.startswith("the held-out set has only") for n in rnd.notes) == (rnd.n_test < 50)


def test_one_candidates_risk_of_leaving_is_read_like_a_hires(seeded_sqlite_url):
    from candor.models import Employee

    with Session(get_engine(seeded_sqlite_url)) as session:
        deps = deps_for(session)
        ranked = ATTRITION.call(deps, {"role": "Product R&D"})
        top = ranked.hires[0]
        employee = session.exec(select(Employee).where(Employee.external_id == top.employee)).one()
        hired = session.get(Candidate, employee.candidate_id).external_id
        own = ATTRITION.call(deps, {"candidate": hired})  # the role comes from their interview
        outsider = failed_candidates(session, "product_rnd", 1)[0]
        applicant = ATTRITION.call(deps, {"candidate": outsider, "role": "产品研发"})
        with pytest.raises(ToolError) as unknown:
            ATTRITION.call(deps, {"candidate": "C999999"})
        with pytest.raises(ValidationError, match="give a role"):
            ATTRITION.call(deps, {})
        session.rollback()
    assert own.role.key == "product_rnd" and own.hires == []
    assert (own.candidate.hired, own.candidate.employee, own.candidate.risk) == (True, top.employee, top.risk)
    assert [d.feature for d in own.candidate.drivers] == [d.feature for d in top.drivers]
    assert not applicant.candidate.hired and applicant.candidate.employee is None
    assert 0 <= applicant.candidate.risk <= 100 and applicant.candidate.candidate == outsider
    assert unknown.value.code == "unknown_candidate"


def test_an_interview_stands_for_the_candidate_who_took_it(seeded_sqlite_url):
    from datetime import datetime

    from assistant.planner.nlu import understand
    from assistant.planner.slots import call_for
    from tools.shared.lookup import catalogue_vocabulary

    with Session(get_engine(seeded_sqlite_url)) as session:
        deps = deps_for(session, "recruiter")
        scored = Interview.outcome.in_((Outcome.passed, Outcome.failed))
        twice = session.exec(select(Interview.candidate_id).where(scored).group_by(Interview.candidate_id)
                             .having(func.count() > 1)).first()  # two scored interviews: the one named is read
        older, latest = session.exec(select(Interview).where(scored, Interview.candidate_id == twice)
                                     .order_by(Interview.interviewed_at)).all()[:2]
        person = session.get(Candidate, older.candidate_id).external_id
        first, last = older.external_id, latest.external_id
        by_interview = PREDICT.call(deps, {"interview": older.external_id})
        by_person = PREDICT.call(deps, {"candidate": person})
        rnd = session.exec(select(Interview).join(Role, Role.id == Interview.role_id)
                           .where(Role.key == "product_rnd", scored)).first()  # a role with enough leavers
        risk = ATTRITION.call(deps_for(session), {"interview": rnd.external_id})
        rnd_id = rnd.external_id
        latest.outcome = Outcome.pending  # not scored yet
        session.flush()
        with pytest.raises(ToolError) as unscored:
            PREDICT.call(deps, {"interview": latest.external_id})
        other = session.exec(select(Candidate).where(Candidate.id != older.candidate_id)).first().external_id
        with pytest.raises(ToolError) as mismatch:
            PREDICT.call(deps, {"interview": older.external_id, "candidate": other})
        with pytest.raises(ValidationError, match="give a candidate"):
            PREDICT.call(deps, {})
        session.rollback()
    assert by_interview.candidate.external_id == person and by_interview.interview == first
    assert (risk.candidate.interview, risk.role.key) == (rnd_id, "product_rnd")
    assert by_person.interview == last != first  # alone: the candidate's latest
    assert unscored.value.code == "not_scored" and "score it first" in unscored.value.message
    assert mismatch.value.code == "interview_of_another" and person in mismatch.value.message
    vocab, now = catalogue_vocabulary(), datetime(2026, 11, 15)
    for text in (f"How would the candidate from interview {first} do if we hired them?",
                 f"面试{first}这位候选人录用后表现会怎样？"):
        assert call_for("predict_performance", text, understand(text, vocab, now)).args == {
            "interview": first}, text


def _synthetic_role(retention_r: float, retention_p: float):
    """Two competencies: 'strong' drives performance, 'weak' does not; only the retention link varies.
    Fewer than five past hires sit below the weak minimum, so no other rule can drop the compensation."""
    import random
    from types import SimpleNamespace

    from candor.models import Competency
    from tools.prediction.models import train_performance
    from tools.prediction.predict import RoleModel
    from tools.shared.stats import Correlation, correlate

    rng = random.Random(7)
    rows = [(rng.uniform(60, 95), rng.uniform(40, 95)) for _ in range(80)]  # (weak, strong) scores of hires
    y = [2.0 + 0.04 * strong + rng.gauss(0, 0.1) for _, strong in rows]
    weak, strong = 1, 2
    model = train_performance([list(r) for r in rows], y, [weak, strong])
    leaving = Correlation(n=80, r=retention_r, p=retention_p, ci_low=retention_r - 0.2, ci_high=retention_r + 0.2,
                          rho=retention_r, rho_p=retention_p)
    rm = RoleModel(model=model, hires=80, complete=80,
                   links={weak: correlate([r[0] for r in rows], y), strong: correlate([r[1] for r in rows], y)},
                   scores={weak: [r[0] for r in rows], strong: [r[1] for r in rows]},
                   below={weak: [], strong: []}, retention={weak: leaving}, alpha=0.025)
    role = SimpleNamespace(key="r", name_en="R", name_zh="R")
    comps = {weak: Competency(id=weak, role_id=1, key="teamwork", name_en="Teamwork", name_zh="团队协作"),
             strong: Competency(id=strong, role_id=1, key="craft", name_en="Craft", name_zh="技艺")}
    vocab = SimpleNamespace(role_by_id=lambda _id: role)
    candidate = {weak: (50.0, 60.0), strong: (94.0, 60.0)}  # below the weak minimum, top of the strong one
    return rm, model, candidate, [weak, strong], comps, vocab


def test_a_weakness_that_goes_with_leaving_is_never_offset():
    from tools.prediction.predict import _compensations

    control = _compensations(*_synthetic_role(retention_r=0.0, retention_p=0.9), 1)
    assert [c.weak.key for c in control] == ["teamwork"]  # without the retention link it is offset
    leaving = _compensations(*_synthetic_role(retention_r=0.45, retention_p=0.0001), 1)
    assert leaving == []
