"""The demo company: reproducible, consistent, and holding every planted case of DESIGN.md."""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import text
from sqlmodel import Session

from candor.db import get_engine
from candor.migrate import upgrade
from candor.models import Candidate
from demo import SeedError, SeedSummary, seed_demo
from tests.conftest import NOW


def months_before(now: datetime, months: int) -> datetime:
    """The product's "last N months": the same day-of-month N calendar months back, from midnight."""
    year, month = divmod(now.year * 12 + now.month - 1 - months, 12)
    day = min(now.day, [31, 29 if year % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month])
    return datetime(year, month + 1, day, tzinfo=timezone.utc)


def rows(url: str, sql: str, **params) -> list:
    with get_engine(url).connect() as conn:
        return conn.execute(text(sql), params).all()


def scalar(url: str, sql: str, **params):
    with get_engine(url).connect() as conn:
        return conn.execute(text(sql), params).scalar()


def as_dt(value) -> datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def pearson(x, y) -> float:
    mx, my = sum(x) / len(x), sum(y) / len(y)
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    return sxy / math.sqrt(sum((a - mx) ** 2 for a in x) * sum((b - my) ** 2 for b in y))


def interviews(url: str, role: str, start: datetime | None = None, end: datetime = NOW) -> list:
    """(id, outcome, interviewed_at) of a role's interviews in [start, end]."""
    found = rows(url, "SELECT i.id, i.outcome, i.interviewed_at FROM interview i JOIN role r ON r.id = i.role_id "
                      "WHERE r.key = :role ORDER BY i.id", role=role)
    start = start or datetime.min.replace(tzinfo=timezone.utc)
    return [(i, o, as_dt(t)) for i, o, t in found if start <= as_dt(t) <= end]


def failure_rate(url: str, role: str, start: datetime | None = None, end: datetime = NOW) -> float:
    found = interviews(url, role, start, end)
    return 100 * sum(o == "failed" for _, o, _ in found) / len(found)


def gap_shares(url: str, role: str, start: datetime | None = None) -> Counter:
    """Percent of the role's failed interviews (since `start`) with a gap on each competency."""
    failed = {i for i, o, _ in interviews(url, role, start) if o == "failed"}
    gaps = rows(url, "SELECT fr.interview_id, c.key FROM failurereason fr JOIN competency c ON c.id = fr.competency_id "
                     "WHERE fr.category = 'competency_gap'")
    counts = Counter(key for i, key in {(i, k) for i, k in gaps if i in failed})
    return Counter({k: 100 * v / len(failed) for k, v in counts.items()})


def score_vs_first_months(url: str, role: str, competency: str, metric: str) -> tuple[list, list]:
    """Hires' interview score on a competency and the mean of their first six monthly values of a metric."""
    scores = dict(rows(url, "SELECT e.id, cs.score FROM employee e JOIN role r ON r.id = e.role_id "
                            "JOIN competencyscore cs ON cs.interview_id = e.interview_id "
                            "JOIN competency c ON c.id = cs.competency_id WHERE r.key = :role AND c.key = :comp",
                       role=role, comp=competency))
    values = defaultdict(list)
    for employee, value in rows(url, "SELECT employee_id, value FROM performancerecord WHERE metric = :m "
                                     "ORDER BY employee_id, month", m=metric):
        values[employee].append(value)
    full = [e for e in scores if len(values[e]) >= 6]
    return [scores[e] for e in full], [sum(values[e][:6]) / 6 for e in full]


@pytest.fixture(scope="module")
def url(seeded_sqlite_url):
    return seeded_sqlite_url


# --- shape and consistency -------------------------------------------------------------------

def test_counts_and_spread(url):
    assert scalar(url, "SELECT COUNT(*) FROM candidate") == 3000
    assert scalar(url, "SELECT COUNT(*) FROM role") == 7
    n = scalar(url, "SELECT COUNT(*) FROM interview")
    assert 3200 <= n <= 3400  # ~10 % re-apply
    per_role = dict(rows(url, "SELECT role_id, COUNT(DISTINCT candidate_id) FROM interview GROUP BY role_id"))
    assert all(abs(c - 3000 / 7) <= 2 for c in per_role.values()), per_role
    assert scalar(url, "SELECT COUNT(*) FROM answer") == scalar(url, "SELECT COUNT(*) FROM competencyscore")
    assert scalar(url, "SELECT COUNT(DISTINCT candidate_id) FROM interview") == 3000
    assert scalar(url, "SELECT MIN(external_id) FROM candidate") == "C000001"
    assert scalar(url, "SELECT MIN(external_id) FROM interview") == "I0000001"
    assert scalar(url, "SELECT COUNT(*) FROM competencymodel WHERE version = 1 AND active") == 7
    assert scalar(url, "SELECT COUNT(*) FROM interview i JOIN competencymodel m ON m.id = i.competency_model_id "
                       "WHERE m.role_id = i.role_id") == n


def test_candidates_look_real(url):
    n = 3000
    zh = scalar(url, "SELECT COUNT(*) FROM candidate WHERE language = 'zh'")
    assert 0.55 * n <= zh <= 0.65 * n
    assert 0.45 * n <= scalar(url, "SELECT COUNT(*) FROM candidate WHERE consent_face_analysis") <= 0.55 * n
    demographics = scalar(url, "SELECT COUNT(*) FROM demographics")
    assert 0.89 * n <= demographics <= 0.95 * n
    bands = {b for (b,) in rows(url, "SELECT DISTINCT age_band FROM demographics")}
    assert bands == {"18-24", "25-34", "35-44", "45-54", "55+"}
    name, claims, language = rows(url, "SELECT name, claims, language FROM candidate WHERE language = 'zh' LIMIT 1")[0]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in name + "".join(json.loads(claims)))


def test_history_is_twelve_months_of_daytime_interviews(url):
    times = [as_dt(t) for (t,) in rows(url, "SELECT interviewed_at FROM interview")]
    assert min(times) >= NOW - timedelta(days=365) and max(times) <= NOW
    assert all(8 <= t.hour < 19 or (t.hour == 19 and t.minute == 0) for t in times)
    assert sum(t >= months_before(NOW, 3) for t in times) > 600
    assert max(as_dt(t) for (t,) in rows(url, "SELECT decided_at FROM interview")) <= NOW


def test_reapplications_are_three_months_later(url):
    pairs = defaultdict(list)
    for cand, role, when in rows(url, "SELECT candidate_id, role_id, interviewed_at FROM interview ORDER BY id"):
        pairs[cand].append((role, as_dt(when)))
    again = [p for p in pairs.values() if len(p) > 1]
    assert 0.08 * 3000 <= len(again) <= 0.12 * 3000
    for (role1, t1), (role2, t2) in again:
        assert role1 == role2 and t2 >= months_before(t1, -3)


def test_outcomes_agree_with_scores_and_reasons(url):
    roles = {r[0]: r[1:] for r in rows(url, "SELECT id, pass_mark, min_role_match FROM role")}
    scores = defaultdict(list)
    for interview, score, required, weight in rows(url, "SELECT interview_id, score, required, weight "
                                                        "FROM competencyscore"):
        scores[interview].append((score, required, weight))
    reasons = defaultdict(list)
    for interview, category, score, required in rows(url, "SELECT interview_id, category, score, required "
                                                         "FROM failurereason"):
        reasons[interview].append((category, score, required))
    outcomes = Counter()
    for interview, role, outcome, total, match in rows(
            url, "SELECT id, role_id, outcome, total_score, role_match FROM interview"):
        pass_mark, min_match = roles[role]
        own = scores[interview]
        assert len(own) == 4 and abs(sum(w for _, _, w in own) - 1) < 1e-6
        assert total == pytest.approx(sum(s * w for s, _, w in own), abs=0.01)
        gaps = [r for r in reasons[interview] if r[0] == "competency_gap"]
        assert len(gaps) == sum(s < req for s, req, _ in own)
        assert all(s < req for _, s, req in gaps)
        job = [r for r in reasons[interview] if r[0] == "job_match"]
        assert bool(job) == (match < min_match)
        behaviour = [r for r in reasons[interview] if r[0] == "behavior_inconsistency"]
        outcomes[outcome] += 1
        if outcome == "passed":
            assert not reasons[interview] and total >= pass_mark and match >= min_match
            assert all(s >= req for s, req, _ in own)
        elif outcome == "failed":
            assert gaps or job
        else:
            assert outcome == "under_review" and behaviour and not gaps and not job and total >= pass_mark
    assert 0.01 <= outcomes["under_review"] / sum(outcomes.values()) <= 0.04
    details = [d for (d,) in rows(url, "SELECT detail FROM failurereason WHERE category = 'behavior_inconsistency'")]
    assert any("claims to handle pressure well" in d and "long pauses" in d for d in details)


def test_seed_is_deterministic(url, tmp_path):
    other = f"sqlite:///{tmp_path / 'again.db'}"
    upgrade(other)
    seed_demo(other, now=NOW, seed=7, candidates=3000)

    def digest(u: str) -> str:
        h = hashlib.sha256()
        for table in ("interview", "competencyscore", "failurereason", "candidate", "employee"):
            for row in rows(u, f"SELECT * FROM {table} ORDER BY id"):
                h.update(repr(tuple(row)).encode())
        return h.hexdigest()

    assert digest(url) == digest(other)


def test_refuses_a_database_with_interviews(url):
    with pytest.raises(SeedError, match=r"database already holds \d+ interviews; seed an empty database"):
        seed_demo(url, now=NOW, candidates=10)


def test_runs_on_postgresql_too(db_url):
    seen = []
    summary = seed_demo(db_url, now=NOW, seed=3, candidates=600, progress=lambda *a: seen.append(a))
    assert isinstance(summary, SeedSummary) and summary.candidates == 600 and summary.roles == 7
    assert summary.interviews == scalar(db_url, "SELECT COUNT(*) FROM interview") > 600
    assert summary.competency_scores == 4 * summary.interviews == summary.answers
    assert summary.employees == scalar(db_url, "SELECT COUNT(*) FROM employee") > 0
    assert summary.performance_records == scalar(db_url, "SELECT COUNT(*) FROM performancerecord") > 0
    assert seen[0] == ("catalogue", 1, 1) and ("candidates", 600, 600) in seen
    with Session(get_engine(db_url)) as session:  # ids were assigned by the seed; new rows still get fresh ones
        session.add(Candidate(external_id="C-new"))
        session.commit()
    assert scalar(db_url, "SELECT id FROM candidate WHERE external_id = 'C-new'") == 601


# --- the planted cases ------------------------------------------------------------------------

def test_marketing_planner_quarter_is_bad_and_event_execution_leads(url):
    assert failure_rate(url, "marketing_planner", months_before(NOW, 3)) == pytest.approx(50, abs=2)
    for months in (1, 2):
        assert failure_rate(url, "marketing_planner", months_before(NOW, months)) == pytest.approx(50, abs=4)
    assert failure_rate(url, "marketing_planner", end=months_before(NOW, 4)) == pytest.approx(25, abs=2)
    recent = gap_shares(url, "marketing_planner", months_before(NOW, 3))
    assert recent["event_execution"] == pytest.approx(80, abs=3)
    assert recent.most_common(1)[0][0] == "event_execution"
    assert gap_shares(url, "marketing_planner").most_common(1)[0][0] == "event_execution"


def test_production_supervisor_team_management_predicts_efficiency(url):
    weights = dict(rows(url, "SELECT c.key, w.weight FROM competencyweight w "
                             "JOIN competency c ON c.id = w.competency_id "
                             "JOIN role r ON r.id = c.role_id WHERE r.key = 'production_supervisor'"))
    assert weights == {"team_management": 0.25, "technical_expertise": 0.35, "cost_control": 0.30,
                       "safety_compliance": 0.10}
    for competency, r in (("team_management", 0.85), ("technical_expertise", 0.30), ("cost_control", 0.20)):
        x, y = score_vs_first_months(url, "production_supervisor", competency, "production_efficiency")
        assert len(x) >= 40
        assert pearson(x, y) == pytest.approx(r, abs=0.05), competency
    assert failure_rate(url, "production_supervisor") == pytest.approx(33, abs=2)


def test_product_operations_failures_fit_the_old_persona(url):
    failed = {i for i, o, _ in interviews(url, "product_operations") if o == "failed"}
    internet = {i for i, ind in rows(url, "SELECT i.id, c.industries FROM interview i JOIN candidate c "
                                          "ON c.id = i.candidate_id") if "internet" in ind}
    insight = {i for (i,) in rows(url, "SELECT fr.interview_id FROM failurereason fr JOIN competency c "
                                       "ON c.id = fr.competency_id WHERE c.key = 'user_needs_insight'")}
    assert 100 * len(failed & internet) / len(failed) == pytest.approx(60, abs=2)
    assert failed & internet <= insight
    assert failure_rate(url, "product_operations") == pytest.approx(33, abs=2)


def test_field_technician_fails_on_troubleshooting_in_every_period(url):
    for months in range(3, 13, 3):
        start, end = months_before(NOW, months), months_before(NOW, months - 3)
        assert failure_rate(url, "field_technician", start, end) == pytest.approx(40, abs=2), months
    shares = gap_shares(url, "field_technician")
    assert shares.most_common(1)[0][0] == "equipment_troubleshooting"
    assert shares["equipment_troubleshooting"] == pytest.approx(70, abs=3)
    x, y = score_vs_first_months(url, "field_technician", "equipment_troubleshooting", "downtime_hours")
    assert len(x) >= 40 and pearson(x, y) == pytest.approx(-0.91, abs=0.05)


def test_product_rnd_leavers_were_hired_despite_failing_teamwork(url):
    cutoff = (NOW - timedelta(days=183)).date()
    hires = rows(url, "SELECT e.id, e.hired_at, e.left_at, e.hired_by_override, e.override_note, i.outcome, "
                      "(SELECT COUNT(*) FROM failurereason fr JOIN competency c ON c.id = fr.competency_id "
                      " WHERE fr.interview_id = i.id AND c.key = 'teamwork') "
                      "FROM employee e JOIN role r ON r.id = e.role_id JOIN interview i ON i.id = e.interview_id "
                      "WHERE r.key = 'product_rnd'")
    cohort = [h for h in hires if date.fromisoformat(str(h[1])) <= cutoff]
    assert len(cohort) >= 50
    leavers = [h for h in cohort if h[2] is not None]
    assert 100 * len(leavers) / len(cohort) == pytest.approx(20, abs=3)
    for _, hired, left, *_ in leavers:
        assert date.fromisoformat(str(hired)) < date.fromisoformat(str(left)) <= NOW.date()
    override_leavers = [h for h in leavers if h[3]]
    assert 100 * len(override_leavers) / len(leavers) == pytest.approx(70, abs=10)
    for _, _, _, override, note, outcome, teamwork_gaps in hires:
        if override:
            assert outcome == "failed" and teamwork_gaps == 1 and "technical strength" in note
        else:
            assert outcome == "passed"


def test_sales_manager_negotiation_near_65(url):
    assert scalar(url, "SELECT w.minimum_score FROM competencyweight w JOIN competency c ON c.id = w.competency_id "
                       "JOIN role r ON r.id = c.role_id WHERE r.key = 'sales_manager' AND c.key = 'negotiation'") == 80
    negotiation = [s for (s,) in rows(url, "SELECT cs.score FROM competencyscore cs JOIN competency c "
                                           "ON c.id = cs.competency_id JOIN role r ON r.id = c.role_id "
                                           "WHERE r.key = 'sales_manager' AND c.key = 'negotiation'")]
    assert 100 * sum(60 <= s <= 70 for s in negotiation) / len(negotiation) == pytest.approx(40, abs=2)
    near_65 = sum(63 <= s <= 67 for s in negotiation)
    assert all(near_65 > sum(low <= s <= low + 4 for s in negotiation) for low in range(68, 97))
    assert gap_shares(url, "sales_manager").most_common(1)[0][0] == "negotiation"


def test_mechanical_design_three_d_only_backgrounds_fail_role_match(url):
    candidates = rows(url, "SELECT DISTINCT c.id, c.background_skills FROM candidate c JOIN interview i "
                           "ON i.candidate_id = c.id JOIN role r ON r.id = i.role_id WHERE r.key = 'mechanical_design'")
    three_d_only = [c for c, skills in candidates if "3d_modelling" in skills and "engineering_drawing" in skills
                    and "finite_element_analysis" not in skills]
    assert 100 * len(three_d_only) / len(candidates) == pytest.approx(30, abs=2)
    details = rows(url, "SELECT i.role_match, fr.detail FROM failurereason fr "
                        "JOIN interview i ON i.id = fr.interview_id JOIN role r ON r.id = i.role_id "
                        "WHERE r.key = 'mechanical_design' AND fr.category = 'job_match'")
    assert details and all(m < 0.75 and "finite-element analysis" in d for m, d in details)
    assert failure_rate(url, "mechanical_design") == pytest.approx(35, abs=2)


def test_other_baselines_and_hires(url):
    for role in ("production_supervisor", "product_operations", "product_rnd"):
        assert 30 <= failure_rate(url, role) <= 35, role
    per_role = dict(rows(url, "SELECT role_id, COUNT(*) FROM employee GROUP BY role_id"))
    assert len(per_role) == 7 and all(50 <= n <= 400 for n in per_role.values()), per_role
    bad = rows(url, "SELECT COUNT(*) FROM employee e JOIN interview i ON i.id = e.interview_id "
                    "WHERE e.hired_at > :today OR e.hired_at < DATE(i.interviewed_at)", today=str(NOW.date()))
    assert bad[0][0] == 0
    months = {m for (m,) in rows(url, "SELECT DISTINCT month FROM performancerecord")}
    assert all(str(m).endswith("-01") for m in months) and max(str(m) for m in months) <= str(NOW.date())


def test_big_run_settings_on_a_small_company(sqlite_url, monkeypatch):
    """The branches a million-candidate run takes (hire cap, no answers), and the quotas at another size."""
    import demo.seed as seed_module

    monkeypatch.setattr(seed_module, "MAX_HIRES_PER_ROLE", 30)
    monkeypatch.setattr(seed_module, "ANSWERS_MAX_CANDIDATES", 1000)
    summary = seed_demo(sqlite_url, now=NOW, seed=11, candidates=1500)
    assert summary.answers == 0 and summary.candidates == 1500
    per_role = dict(rows(sqlite_url, "SELECT role_id, COUNT(*) FROM employee GROUP BY role_id"))
    assert len(per_role) == 7 and all(15 <= n <= 30 for n in per_role.values()), per_role
    hire_months = {str(m)[:7] for (m,) in rows(sqlite_url, "SELECT hired_at FROM employee")}
    assert len(hire_months) >= 10  # the cap is spread over the year, not filled in the first weeks
    assert failure_rate(sqlite_url, "field_technician") == pytest.approx(40, abs=2)
    assert failure_rate(sqlite_url, "marketing_planner", months_before(NOW, 3)) == pytest.approx(50, abs=3)
    assert gap_shares(sqlite_url, "field_technician")["equipment_troubleshooting"] == pytest.approx(70, abs=4)
