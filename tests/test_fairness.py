"""The fairness audit: the statistics against fairlearn and scipy, the small-group rules as properties,
the planted adverse impact found through the chat path, access, privacy, the report, the schedule."""

from __future__ import annotations

import csv
import json
import re
import sqlite3
import string
from collections import defaultdict
from datetime import datetime, time, timedelta, timezone
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from sqlmodel import Session, select

from assistant.agent import Assistant
from candor.db import get_engine
from candor.grounding import ungrounded_numbers
from candor.models import AuditEvent, CompetencyChangeProposal, FairnessAuditRun
from candor.principal import Principal
from tests.conftest import NOW, make_settings
from tools.base import ToolDeps, ToolError
from tools.fairness.audit import SPEC, group_row
from tools.fairness.stats import (
    FISHER,
    Z_TEST,
    Counts,
    Rules,
    compare_groups,
    holm,
    median,
    standardised_mean_difference,
    two_by_two_p,
)

ROOT = Path(__file__).resolve().parent.parent
HR = Principal(id="ana", audience="hr_manager")
RECRUITER = Principal(id="rita", audience="recruiter")
PLANTED, CLEAN = "sales_manager", "mechanical_design"


def audit(url: str, principal: Principal = HR, **args):
    with Session(get_engine(url)) as session:
        try:
            return SPEC.call(ToolDeps(session=session, principal=principal, now=NOW), args)
        finally:
            session.commit()  # the audit event, whatever the outcome


def table(result, role: str, attribute: str):
    section = next(a for a in result.roles if a.role.key == role)
    return next(t for t in section.tables if t.attribute == attribute)


# --- the statistics ----------------------------------------------------------------------------

def counts_from(labels, outcomes, scores=None) -> dict:
    groups = defaultdict(Counts)
    for i, (g, y) in enumerate(zip(labels, outcomes)):
        groups[g].n += 1
        groups[g].selected += int(y)
        if scores is not None:
            groups[g].scores.append(scores[i])
    return groups


def test_rates_and_ratios_equal_fairlearn_on_generated_data():
    np = pytest.importorskip("numpy")
    from fairlearn.metrics import MetricFrame, demographic_parity_ratio, selection_rate

    rng = np.random.default_rng(11)
    labels = rng.choice(["a", "b", "c", "d"], size=2000, p=[0.4, 0.3, 0.2, 0.1])
    rates = {"a": 0.6, "b": 0.5, "c": 0.45, "d": 0.3}
    y = (rng.random(2000) < np.vectorize(rates.get)(labels)).astype(int)
    stats = {s.group: s for s in compare_groups(counts_from(labels, y), Rules(), sample_median=None)}
    frame = MetricFrame(metrics=selection_rate, y_true=y, y_pred=y, sensitive_features=labels).by_group
    for group, rate in frame.items():
        assert stats[group].rate == pytest.approx(rate, abs=1e-9)
        assert stats[group].impact_ratio == pytest.approx(rate / frame.max(), abs=1e-9)
    assert min(s.impact_ratio for s in stats.values()) == pytest.approx(
        demographic_parity_ratio(y, y, sensitive_features=labels), abs=1e-9)


def test_significance_uses_scipy_with_fisher_for_small_tables():
    from scipy.stats import fisher_exact, norm

    p, test = two_by_two_p(2, 6, 30, 40)  # an expected count under 5
    assert test == FISHER and p == pytest.approx(fisher_exact([[2, 4], [30, 10]])[1], abs=1e-12)
    p, test = two_by_two_p(40, 100, 60, 100)
    pooled = 0.5
    z = (0.4 - 0.6) / (pooled * (1 - pooled) * (2 / 100)) ** 0.5
    assert test == Z_TEST and p == pytest.approx(2 * norm.sf(abs(z)), abs=1e-12)


def test_holm_median_and_standardised_mean_difference():
    assert holm({"a": 0.01, "b": 0.04, "c": 0.03}) == pytest.approx({"a": 0.03, "b": 0.06, "c": 0.06})
    assert median([3, 1, 2]) == 2 and median([1, 2, 3, 4]) == 2.5 and median([]) is None
    group, rest = [60.0, 62.0, 64.0], [70.0, 72.0, 74.0, 76.0]
    m1, m2 = sum(group) / 3, sum(rest) / 4
    pooled = ((sum((x - m1) ** 2 for x in group) + sum((x - m2) ** 2 for x in rest)) / 5) ** 0.5
    assert standardised_mean_difference(group, rest) == pytest.approx((m1 - m2) / pooled)


def test_scoring_rate_is_the_share_above_the_sample_median():
    groups = counts_from(["a"] * 4 + ["b"] * 4, [1, 1, 0, 0, 1, 0, 0, 0], scores=[90, 80, 70, 60, 55, 50, 45, 40])
    stats = {s.group: s for s in compare_groups(groups, Rules(min_group_size=1), sample_median=57.5)}
    assert stats["a"].scoring_rate == 1.0 and stats["b"].scoring_rate == 0.0
    assert stats["a"].scoring_impact_ratio == 1.0 and stats["b"].scoring_impact_ratio == 0.0


# --- small-group rules, as properties --------------------------------------------------------

group_tables = st.dictionaries(
    st.text(string.ascii_lowercase, min_size=1, max_size=4),
    st.integers(0, 60).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n))),
    min_size=1, max_size=8)
rule_sets = st.builds(Rules, min_share=st.sampled_from([0.0, 0.02, 0.05, 0.1]), min_group_size=st.integers(5, 10))


def build(table_: dict) -> dict:
    return {g: Counts(n=n, selected=k) for g, (n, k) in table_.items() if n}


@settings(max_examples=300, deadline=None)
@given(table_=group_tables, rules=rule_sets, unknown=st.integers(0, 12))
def test_small_group_rules(table_, rules, unknown):
    groups = build(table_)
    stats = compare_groups(groups, rules, sample_median=None, unknown=unknown)
    for s in stats:
        row = group_row(s, rules)
        if s.n < rules.min_group_size:
            assert s.hidden and row.selection_rate is None and row.selected is None and row.impact_ratio is None
        if s.hidden:  # nothing derived from the outcome is shown
            assert row.selection_pct is None and row.scoring_rate is None and row.p_value is None
            assert not row.four_fifths_flag and row.score_gaps == {}
        if s.share < rules.min_share:
            assert s.excluded and s.impact_ratio is None and s.p_value is None
            if not s.hidden:  # still counted and shown by rate
                assert row.selection_pct is not None and row.applications == s.n
    hidden = sum(1 for s in stats if s.hidden)
    # No hidden cell may stand alone in a shown total: subtraction would reveal it. (A total under the
    # minimum size is itself never shown by rate.)
    if sum(s.n for s in stats) + unknown >= rules.min_group_size:
        assert not (hidden + (unknown > 0) == 1 and (hidden == 1 or unknown < rules.min_group_size))
    included = [s for s in stats if s.impact_ratio is not None]
    if included:
        best = max(s.rate for s in included)
        assert [s.reference for s in stats].count(True) == 1
        ref = next(s for s in stats if s.reference)
        for s in included:
            assert s.impact_ratio == pytest.approx(s.rate / best) and s.impact_ratio <= 1 + 1e-12
            if ref.selected:  # exactly 0.8 is not under four-fifths
                assert s.four_fifths(rules) == (Fraction(s.selected, s.n) < Fraction(4, 5) * Fraction(ref.selected, ref.n))


@settings(max_examples=200, deadline=None)
@given(table_=group_tables, rules=rule_sets, unknown=st.integers(0, 12), data=st.data())
def test_results_do_not_depend_on_group_names(table_, rules, unknown, data):
    groups = build(table_)
    names = data.draw(st.lists(st.text(string.ascii_letters + "_+-", min_size=1, max_size=6), min_size=len(groups),
                               max_size=len(groups), unique=True))
    renamed = dict(zip(groups, names))

    def shape(stats):
        # Sorted by repr: rows mix None and numbers (a reference with no rate has no impact ratio).
        return sorted(((s.n, s.selected, s.rate, s.impact_ratio, s.p_value, s.test, bool(s.hidden), bool(s.excluded),
                        s.reference, s.four_fifths(rules)) for s in stats), key=repr)

    before = compare_groups(groups, rules, sample_median=None, unknown=unknown)
    after = compare_groups({renamed[g]: c for g, c in groups.items()}, rules, sample_median=None, unknown=unknown)
    assert shape(before) == shape(after)


# --- the planted case is built by construction ------------------------------------------------

def test_profiles_are_dealt_so_group_pass_rates_are_set_by_construction():
    import random

    from demo.profiles import ProfileDealer

    dealer = ProfileDealer(lambda purpose: random.Random(purpose), pass_factors={"age_band": {"55+": 0.65}})
    dealt = defaultdict(lambda: [0, 0])
    for i in range(4000):  # a pass, then a fail: the role's outcome quota at a pass share of 0.5
        side = "pass" if i % 2 == 0 else "fail"
        _, age, _ = dealer.deal(side, 0.5)
        dealt[age][0] += 1
        dealt[age][1] += side == "pass"
    rates = {age: selected / n for age, (n, selected) in dealt.items()}
    others = [r for age, r in rates.items() if age != "55+"]
    assert all(abs(r - 0.5 / (1 - 0.04 * 0.35)) < 0.02 for r in others), rates
    assert rates["55+"] / max(others) == pytest.approx(0.65, abs=0.03)
    clean = ProfileDealer(lambda purpose: random.Random(purpose))
    assert clean.deal("pass", 0.7) and clean.deal("fail", 0.7)  # no factors: the same mix on both sides


def test_the_demographics_of_the_seed_are_reproducible(tmp_path):
    from candor.migrate import upgrade
    from demo import seed_demo

    def seeded(name: str) -> list:
        url = f"sqlite:///{tmp_path / name}"
        upgrade(url)
        seed_demo(url, now=NOW, seed=5, candidates=400)
        with get_engine(url).connect() as conn:
            return conn.execute(text("SELECT * FROM demographics ORDER BY candidate_id")).all()

    first = seeded("a.db")
    assert first and first == seeded("b.db")


# --- the planted cases, through the tool and the chat path ----------------------------------------

def test_planted_role_is_flagged_and_the_clean_one_is_not(seeded_url):
    result = audit(seeded_url)
    flagged = {(f.role.key, f.attribute, f.group) for f in result.flags}
    assert (PLANTED, "age_band", "55+") in flagged
    assert {role for role, _, _ in flagged} == {PLANTED}
    age = {g.group: g for g in table(result, PLANTED, "age_band").groups}
    assert 0.6 <= age["55+"].impact_ratio <= 0.78 and age["55+"].p_value < 0.01 and age["55+"].adverse_impact
    assert age["18-24"].excluded and age["18-24"].hidden and age["18-24"].selection_rate is None  # under 2 %, < 5
    clean = next(a for a in result.roles if a.role.key == CLEAN)
    assert clean.flags == []
    assert not any(g.four_fifths_flag for t in clean.tables if " × " not in t.attribute for g in t.groups)


def test_rates_on_the_seeded_data_equal_fairlearn(seeded_sqlite_url):
    from fairlearn.metrics import MetricFrame, demographic_parity_ratio, selection_rate

    result = audit(seeded_sqlite_url, role="Sales Manager", attributes=["age_band", "gender"])
    start = datetime.combine(result.period.start, time.min, tzinfo=timezone.utc)
    end = datetime.combine(result.period.end + timedelta(days=1), time.min, tzinfo=timezone.utc)
    with get_engine(seeded_sqlite_url).connect() as conn:
        found = conn.execute(text(
            "SELECT i.candidate_id, i.outcome, i.interviewed_at, d.age_band, d.gender FROM interview i "
            "JOIN role r ON r.id = i.role_id LEFT JOIN demographics d ON d.candidate_id = i.candidate_id "
            "WHERE r.key = 'sales_manager' AND i.outcome IN ('passed', 'failed', 'under_review') "
            "ORDER BY i.interviewed_at, i.id")).all()
    latest = {}
    for candidate, outcome, at, age, gender in found:
        at = datetime.fromisoformat(at) if isinstance(at, str) else at
        at = at if at.tzinfo else at.replace(tzinfo=timezone.utc)
        if start <= at < end:
            latest[candidate] = (outcome == "passed", {"age_band": age, "gender": gender})
    for attribute in ("age_band", "gender"):
        rows = {g.group: g for g in table(result, PLANTED, attribute).groups if g.impact_ratio is not None}
        pairs = [(v[attribute], int(y)) for y, v in latest.values() if v[attribute] in rows]
        groups, y = [p[0] for p in pairs], [p[1] for p in pairs]
        frame = MetricFrame(metrics=selection_rate, y_true=y, y_pred=y, sensitive_features=groups).by_group
        for group, rate in frame.items():
            assert rows[group].selection_rate == pytest.approx(rate, abs=1e-9)
            assert rows[group].impact_ratio == pytest.approx(rate / frame.max(), abs=1e-9)
        assert min(r.impact_ratio for r in rows.values()) == pytest.approx(
            demographic_parity_ratio(y, y, sensitive_features=groups), abs=1e-9)


@pytest.fixture
def assistant(seeded_url):
    return Assistant(make_settings(seeded_url))


def only_audit(turn):
    assert [c.tool for c in turn.tool_calls] == ["fairness_audit"], turn.tool_calls
    assert turn.tool_calls[0].error is None, turn.tool_calls[0].error
    return turn.tool_calls[0]


def test_chat_finds_the_planted_adverse_impact(assistant):
    turn = assistant.ask(HR, "Run a fairness audit for Sales Manager this year")
    call = only_audit(turn)
    assert call.arguments == {"role": "sales_manager", "period": "this year"}
    flag = next(f for f in call.result["flags"] if f["attribute"] == "age_band")
    assert flag["group"] == "55+" and flag["impact_ratio_rounded"] < 0.8 and flag["p_value"] < 0.05
    answer = turn.answer
    assert answer.index("Adverse impact found") < answer.index("Selection rates")  # leads with the flag
    assert f"**{flag['impact_ratio_rounded']}**" in answer and f"{flag['selection_pct']}%" in answer
    assert "Holm" in answer and "not shown" in answer  # the caveats

    follow = only_audit(assistant.ask(HR, "Which groups are flagged?", turn.conversation_id))
    assert follow.arguments == call.arguments


def test_chat_clean_role_and_the_anywhere_question(assistant):
    clean = assistant.ask(HR, "Run a fairness audit for Mechanical Design")
    assert only_audit(clean).result["flags"] == [] and "No adverse impact found" in clean.answer

    anywhere = assistant.ask(HR, "Is there adverse impact against older candidates anywhere?")
    call = only_audit(anywhere)
    assert call.arguments == {"attributes": ["age_band"]}
    assert [(f["role"]["key"], f["group"]) for f in call.result["flags"]] == [(PLANTED, "55+")]
    assert anywhere.answer.startswith("**All roles**") and "Sales Manager, age band **55+**" in anywhere.answer


def test_chat_in_chinese(seeded_sqlite_url):
    turn = Assistant(make_settings(seeded_sqlite_url)).ask(HR, "按性别和年龄检查市场策划的面试通过率差异")
    call = only_audit(turn)
    assert call.arguments == {"role": "marketing_planner", "attributes": ["gender", "age_band"]}
    assert turn.language == "zh" and "市场策划" in turn.answer and "公平性审计" in turn.answer
    assert "未发现不利影响" in turn.answer and "性别 × 年龄段" not in turn.answer.split("\n")[0]


FAIRNESS_QUESTIONS = [
    "Run a fairness audit for Sales Manager this year",
    "按性别和年龄检查市场策划的面试通过率差异",
    "Is there adverse impact against older candidates anywhere?",
    "Which groups are flagged?",
    "销售经理今年有没有年龄歧视？",
    "Run a fairness audit for Mechanical Design by education",
]


@pytest.mark.parametrize("question", FAIRNESS_QUESTIONS)
def test_every_number_in_a_fairness_answer_comes_from_the_tool(seeded_sqlite_url, question):
    turn = Assistant(make_settings(seeded_sqlite_url)).ask(HR, question)
    assert turn.tool_calls, "a fairness answer must rest on a tool call"
    assert ungrounded_numbers(turn.answer, [c.result or c.error for c in turn.tool_calls]) == [], turn.answer


# --- access and privacy ------------------------------------------------------------------------

@pytest.mark.parametrize("who", [RECRUITER, Principal(id="cand", audience="candidate", candidate_id=1)])
def test_recruiters_and_candidates_are_refused(seeded_sqlite_url, who):
    assistant = Assistant(make_settings(seeded_sqlite_url))
    turn = assistant.ask(who, "Run a fairness audit for Sales Manager this year")
    zh = assistant.ask(who, "销售经理今年有没有年龄歧视？")
    assert turn.tool_calls == [] and zh.tool_calls == []
    if who.audience == "candidate":  # the candidate assistant declines anything beyond their own application
        assert turn.answer.startswith("Sorry, I can't") and zh.answer.startswith("抱歉")
    else:
        assert "for HR managers only" in turn.answer and "仅向HR经理开放" in zh.answer
    with pytest.raises(ToolError, match="not available"):
        audit(seeded_sqlite_url, principal=who, role="Sales Manager")
    with Session(get_engine(seeded_sqlite_url)) as session:
        denied = session.exec(select(AuditEvent).where(AuditEvent.principal_id == who.id,
                                                       AuditEvent.action == "fairness_audit")).all()
    assert [e.outcome for e in denied] == ["denied"]


def test_the_audit_is_audited(seeded_sqlite_url):
    turn = Assistant(make_settings(seeded_sqlite_url)).ask(HR, "Fairness audit for Field Technician, last 6 months")
    with Session(get_engine(seeded_sqlite_url)) as session:
        events = session.exec(select(AuditEvent).where(AuditEvent.conversation_id == turn.conversation_id)).all()
    assert [(e.action, e.outcome, e.principal_id) for e in events] == [("fairness_audit", "ok", "ana")]
    assert events[0].arguments == {"role": "field_technician", "period": "last 6 months"}


def individuals(url: str) -> set[str]:
    """Identifiers a report must never contain: candidate ids, names, e-mails, interview ids."""
    with get_engine(url).connect() as conn:
        found = set()
        for external_id, name, email in conn.execute(text("SELECT external_id, name, email FROM candidate")):
            found |= {external_id, email, name}
        found |= {i for (i,) in conn.execute(text("SELECT external_id FROM interview"))}
    return found


def mentions(text_: str, identifiers: set[str]) -> set[str]:
    """Which identifiers appear in the text: as a token, two English words, or a run of Chinese characters."""
    tokens = re.findall(r"[A-Za-z0-9.@+_-]+", text_)
    found = set(tokens) | {f"{a} {b}" for a, b in zip(tokens, tokens[1:])}
    for run in re.findall(r"[\u4e00-\u9fff]+", text_):
        found |= {run[i:i + n] for n in (2, 3, 4) for i in range(len(run) - n + 1)}
    return identifiers & found


def keys_of(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in keys_of(v)}
    if isinstance(value, list):
        return {k for v in value for k in keys_of(v)}
    return set()


def test_the_report_names_no_individual(seeded_sqlite_url, tmp_path):
    result = audit(seeded_sqlite_url).model_dump(mode="json")
    assert not keys_of(result) & {"candidate_id", "interview_id", "external_id", "name", "email", "id"}
    assert not mentions(json.dumps(result, ensure_ascii=False), individuals(seeded_sqlite_url))


def test_demographics_are_read_only_by_the_audit_importer_and_seed():
    allowed = {"tools/fairness/audit.py", "candor/models/people.py", "candor/models/__init__.py",
               "integrations/hris/writers.py", "demo/seed.py"}
    pattern = re.compile(r"\bDemographics\b|(?i:\b(FROM|JOIN|INTO|UPDATE)\s+demographics\b)")
    readers = {str(path.relative_to(ROOT)) for folder in ("candor", "media", "knowledge", "prompts", "tools",
                                                          "demo", "assistant", "evals", "integrations")
               for path in (ROOT / folder).rglob("*.py") if pattern.search(path.read_text(encoding="utf-8"))}
    assert readers <= allowed, readers - allowed
    assert pattern.search((ROOT / "app.py").read_text(encoding="utf-8")) is None


def test_changing_demographics_changes_no_score_outcome_or_reason(seeded_sqlite_url, tmp_path):
    from tools.failure_stats import SPEC as FAILURE_STATS

    copy = tmp_path / "copy.db"
    with sqlite3.connect(seeded_sqlite_url.removeprefix("sqlite:///")) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    url = f"sqlite:///{copy}"

    def snapshot():
        with Session(get_engine(url)) as session:
            deps = ToolDeps(session=session, principal=HR, now=NOW)
            stats = [FAILURE_STATS.call(deps, {"role": role}).model_dump(mode="json") for role in (PLANTED, CLEAN)]
            stats.append(FAILURE_STATS.call(deps, {}).model_dump(mode="json"))
            rows = [session.execute(text(f"SELECT * FROM {t} ORDER BY id")).all()
                    for t in ("interview", "competencyscore", "failurereason")]
            session.rollback()
        return stats, rows

    before = snapshot()
    fairness_before = audit(url, role="Sales Manager", attributes=["age_band"]).flags
    with get_engine(url).begin() as conn:  # everyone becomes a 25-34 woman with a doctorate
        conn.execute(text("UPDATE demographics SET gender = 'female', age_band = '25-34', education = 'doctorate', "
                          "extra = '{\"disability\": \"no\"}'"))
    assert snapshot() == before
    assert fairness_before and audit(url, role="Sales Manager", attributes=["age_band"]).flags == []
    # An attribute a deployment adds (Demographics.extra) is audited like the others.
    extra = audit(url, role="Sales Manager", attributes=["Disability"])
    assert [(t.attribute, [g.group for g in t.groups]) for t in extra.roles[0].tables] == [("disability", ["no"])]
    with pytest.raises(ToolError, match="Unknown attribute 'religion'"):
        audit(url, role="Sales Manager", attributes=["religion"])


# --- the report, the schedule, the migration -------------------------------------------------------

def run_cli(*args, url: str):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith(("CANDOR_", "OPENAI_"))}
    env.update(DATABASE_URL=url, CANDOR_NOW=NOW.isoformat(), CANDOR_ENV="test")
    return subprocess.run([sys.executable, "app.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)


def test_cli_writes_html_and_csv(seeded_sqlite_url, tmp_path):
    html_path, csv_path = tmp_path / "audit.html", tmp_path / "audit.csv"
    out = run_cli("audit", "--role", "Sales Manager", "--period", "this year", "--output", str(html_path),
                  url=seeded_sqlite_url)
    assert out.returncode == 0, out.stderr
    assert "adverse impact flagged: Sales Manager: age band 55+" in out.stdout
    page = html_path.read_text(encoding="utf-8")
    for part in ("Data period", "2026-01-01 to 2026-11-15", "unknown", "Method", "four-fifths", "Fisher",
                 "Holm", "Local Law 144", "55+"):
        assert part in page, part
    out = run_cli("audit", "--role", "销售经理", "--period", "this year", "-o", str(csv_path), url=seeded_sqlite_url)
    assert out.returncode == 0, out.stderr
    with csv_path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    planted = next(r for r in rows if r["table"] == "age_band" and r["group"] == "55+")
    assert planted["adverse_impact"] == "True" and float(planted["impact_ratio"]) < 0.8
    assert any(r["group"] == "(unknown)" and int(r["applications"]) > 0 for r in rows)
    assert not mentions(page + csv_path.read_text(encoding="utf-8"), individuals(seeded_sqlite_url))
    refused = run_cli("audit", "--output", str(tmp_path / "audit.pdf"), url=seeded_sqlite_url)
    assert refused.returncode == 2 and ".html or .csv" in refused.stderr


def copy_of(url: str, tmp_path) -> str:
    copy = tmp_path / "scheduled.db"
    with sqlite3.connect(url.removeprefix("sqlite:///")) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    return f"sqlite:///{copy}"


def test_scheduler_records_runs_and_notifies_once_per_new_flag(seeded_sqlite_url, tmp_path):
    from assistant.schedule import AuditScheduler, record_audit
    from candor.notify import RecordingNotifier

    url, notifier, clock = copy_of(seeded_sqlite_url, tmp_path), RecordingNotifier(), [NOW]
    scheduler = AuditScheduler(get_engine(url), days=30, period="last 12 months", notifier=notifier,
                               clock=lambda: clock[0])
    first = scheduler.run_pending()
    fairness = lambda: [n for n in notifier.notices if n.kind == "fairness_flag"]  # noqa: E731
    assert first.status == "done" and first.applications > 0
    assert ("sales_manager", "age_band", "55+") in {(f["role"], f["attribute"], f["group"]) for f in first.flags}
    assert first.new_flags == first.flags and first.notified_at is not None
    assert len(fairness()) == 1 and "Sales Manager, age band 55+" in fairness()[0].text_en
    assert "销售经理" in fairness()[0].text_zh
    # The slot's winner also ran the competency monitoring rules: proposals drafted, none applied.
    assert [n.kind for n in notifier.notices].count("competency_proposals") == 1
    with Session(get_engine(url)) as session:
        drafted = session.exec(select(CompetencyChangeProposal)).all()
    assert drafted and {p.status for p in drafted} == {"proposed"}
    assert scheduler.run_pending() is None  # the same slot runs once
    assert record_audit(get_engine(url), now=NOW, period="last 12 months", notifier=notifier,
                        slot=first.slot) is None  # another worker racing for it gets nothing

    clock[0] = NOW + timedelta(days=31)
    second = scheduler.run_pending()
    assert second.id != first.id and second.flags and second.new_flags == [] and second.notified_at is None
    assert len(fairness()) == 1
    with Session(get_engine(url)) as session:
        runs = session.exec(select(FairnessAuditRun)).all()
        events = session.exec(select(AuditEvent).where(AuditEvent.action == "fairness_audit",
                                                       AuditEvent.principal_id == "scheduler:fairness_audit")).all()
    assert len(runs) == 2 and len(events) == 2
    assert not keys_of([r.flags for r in runs]) & {"candidate_id", "external_id", "name"}


def test_serve_starts_the_scheduler_only_when_enabled(seeded_sqlite_url, tmp_path):
    import time as clock

    from fastapi.testclient import TestClient

    from candor.notify import RecordingNotifier
    from integrations.web.app import create_app

    with TestClient(create_app(make_settings(seeded_sqlite_url))) as client:
        assert client.app.state.audit_scheduler is None  # off under CANDOR_ENV=test

    url = copy_of(seeded_sqlite_url, tmp_path)
    app = create_app(make_settings(url, CANDOR_AUDIT_SCHEDULER="true", CANDOR_AUDIT_SCHEDULE_DAYS="30"))
    app.state.notifier = RecordingNotifier()
    with TestClient(app):
        deadline = clock.time() + 60
        while len(app.state.notifier.notices) < 2 and clock.time() < deadline:
            clock.sleep(0.2)
    assert sorted(n.kind for n in app.state.notifier.notices) == ["competency_proposals", "fairness_flag"]
    with Session(get_engine(url)) as session:
        assert [r.trigger for r in session.exec(select(FairnessAuditRun))] == ["schedule"]


def test_migration_0002_up_and_down(db_url):
    from alembic import command

    from candor.migrate import alembic_config, current, upgrade

    def tables() -> set[str]:
        from sqlalchemy import inspect

        return set(inspect(get_engine(db_url)).get_table_names())

    assert "fairnessauditrun" in tables()  # the fixture upgraded to head
    command.downgrade(alembic_config(db_url), "0001")
    assert current(db_url) == "0001" and "fairnessauditrun" not in tables() and "demographics" in tables()
    upgrade(db_url, "0002")
    assert current(db_url) == "0002" and "fairnessauditrun" in tables()
    command.downgrade(alembic_config(db_url), "0001")
    assert "fairnessauditrun" not in tables()
    upgrade(db_url)
    assert "fairnessauditrun" in tables()
    with Session(get_engine(db_url)) as session:
        session.add(FairnessAuditRun(slot="every-30d:1", period_expression="last 12 months", flags=[{"role": "x"}]))
        session.commit()
        assert session.exec(select(FairnessAuditRun)).one().flags == [{"role": "x"}]
