"""Recruiter reports: numbers that agree with failure_stats, decision times, the CSV, the chart (Chinese
glyphs from a CJK font), the CLI, the web endpoint, who may build one, and the chat routing."""

from __future__ import annotations

import csv
import io
import json
import logging
import sqlite3
import subprocess
import sys
import warnings
from pathlib import Path

import httpx
import numpy as np
import pytest
from sqlmodel import Session, select

from assistant.agent import Assistant
from candor.db import get_engine
from candor.grounding import ungrounded_numbers
from candor.models import FeedbackDraft, Interview, Outcome
from candor.periods import parse_period, period_bounds
from candor.principal import Principal
from integrations.web.app import create_app
from tests.conftest import NOW, make_settings
from tests.live_server import serve
from tests.test_cli import run as run_cli
from tools.base import ToolDeps, ToolError
from tools.reports.build import SPEC, BuildReportResult
from tools.shared.failures import CATEGORY_LABELS, FailureStatsArgs, failure_stats

ROOT = Path(__file__).resolve().parent.parent
RECRUITER = Principal(id="rita", audience="recruiter")
HR = Principal(id="ana", audience="hr_manager")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
BOM = b"\xef\xbb\xbf"


def build(url: str, reports_dir: Path, principal: Principal = RECRUITER, **args) -> BuildReportResult:
    with Session(get_engine(url)) as session:
        deps = ToolDeps(session=session, principal=principal, now=NOW, reports_dir=reports_dir)
        return SPEC.call(deps, args)


def stats(url: str, **args):
    with Session(get_engine(url)) as session:
        return failure_stats(ToolDeps(session=session, principal=HR, now=NOW), FailureStatsArgs(**args))


# --- the numbers -----------------------------------------------------------------------------------

@pytest.mark.parametrize("role, period", [("Field Technician", None), (None, "2026-Q3"), ("市场策划", "上个月")])
def test_report_numbers_match_failure_stats(seeded_sqlite_url, tmp_path, role, period):
    report = build(seeded_sqlite_url, tmp_path, role=role, **({"period": period} if period else {}))
    expected = stats(seeded_sqlite_url, role=role, period=period or "last month")
    assert report.period == expected.period
    assert report.period.expression == ("2026-Q3" if period == "2026-Q3" else "last month")
    for key in ("interviews", "passed", "failed", "under_review", "failure_rate", "pass_rate", "reasons",
                "top_competencies", "by_role"):
        assert getattr(report, key) == getattr(expected, key), key
    assert report.interviews > 0 and report.top_competencies
    assert bool(report.by_role) == (role is None)

    # The trend: the report's months, or the six ending with them, each month as failure_stats counts it.
    assert report.trend_period.end == report.period.end and len(report.months) >= 6
    assert [m.month for m in report.months if m.in_period] == report.period.months()
    trend = stats(seeded_sqlite_url, role=role, period=report.trend_period.expression).trend
    assert [(m.month, m.interviews, m.failed, m.failure_rate) for m in report.months] == \
           [(p.month, p.interviews, p.failed, p.failure_rate) for p in trend]
    for category in CATEGORY_LABELS:
        by_reason = stats(seeded_sqlite_url, role=role, period=report.trend_period.expression, category=category)
        assert [m.reasons[category] for m in report.months] == [p.failed for p in by_reason.trend]


def test_decision_time_against_a_direct_computation(seeded_sqlite_url, tmp_path):
    report = build(seeded_sqlite_url, tmp_path, role="Sales Manager", period="last 3 months")
    start, end = period_bounds(parse_period("last 3 months", NOW))
    with Session(get_engine(seeded_sqlite_url)) as session:
        rows = session.exec(select(Interview).where(
            Interview.role_id == _role_id(session, "sales_manager"), Interview.interviewed_at >= start,
            Interview.interviewed_at < end, Interview.outcome != Outcome.pending,
            Interview.decided_at.is_not(None))).all()
    hours = np.array([(r.decided_at - r.interviewed_at).total_seconds() / 3600 for r in rows])
    assert report.decision_time.decided_interviews == len(rows) == report.interviews
    assert report.decision_time.median_hours == round(float(np.median(hours)), 1)
    assert report.decision_time.p90_hours == round(float(np.percentile(hours, 90)), 1)
    assert 0 < report.decision_time.median_hours <= report.decision_time.p90_hours <= 4  # the seed decides in 4 h


def _role_id(session, key: str) -> int:
    from candor.models import Role

    return session.exec(select(Role.id).where(Role.key == key)).one()


def test_open_feedback_drafts_are_counted_per_role(seeded_sqlite_url, tmp_path):
    url = _copy(seeded_sqlite_url, tmp_path / "drafts.db")
    with Session(get_engine(url)) as session:
        for old in session.exec(select(FeedbackDraft)).all():  # only these drafts, whatever tests ran before
            session.delete(old)
        ft, sm = _role_id(session, "field_technician"), _role_id(session, "sales_manager")
        ft_ids = session.exec(select(Interview.id).where(Interview.role_id == ft).limit(5)).all()
        sm_id = session.exec(select(Interview.id).where(Interview.role_id == sm).limit(1)).one()
        for interview_id, state in zip(ft_ids, ["draft", "draft", "approved", "sent", "draft"]):
            session.add(FeedbackDraft(interview_id=interview_id, status=state, created_by="rita"))
        session.add(FeedbackDraft(interview_id=sm_id, status="approved", created_by="rita"))
        session.commit()
    ft_report = build(url, tmp_path, role="Field Technician")
    assert ft_report.open_feedback_drafts.model_dump() == {"draft": 3, "approved": 1, "total": 4}
    assert build(url, tmp_path).open_feedback_drafts.model_dump() == {"draft": 3, "approved": 2, "total": 5}
    assert "Open feedback drafts now: 4 (3 awaiting approval, 1 approved but not sent)" in _answer(ft_report)


def _copy(url: str, target: Path) -> str:
    source, copy = sqlite3.connect(url.removeprefix("sqlite:///")), sqlite3.connect(target)
    source.backup(copy)
    source.close()
    copy.close()
    return f"sqlite:///{target}"


def _answer(result: BuildReportResult) -> str:
    from integrations.reports.recruiter import render_report

    return render_report(result)


# --- the files ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("language", ["en", "zh"])
def test_csv_has_a_bom_and_both_tables(seeded_sqlite_url, tmp_path, language):
    report = build(seeded_sqlite_url, tmp_path, role="Marketing Planner", language=language)
    raw = Path(report.csv_path).read_bytes()
    assert Path(report.csv_path).parent == tmp_path.resolve() and raw.startswith(BOM)
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    blank = rows.index([])
    monthly, competencies = rows[:blank], rows[blank + 1:]
    assert monthly[0][0] == ("month" if language == "en" else "月份")
    assert [r[0] for r in monthly[1:]] == [m.month for m in report.months]
    for row, m in zip(monthly[1:], report.months):
        assert [int(row[2]), int(row[3]), float(row[4])] == [m.interviews, m.failed, m.failure_rate]
        assert [int(v) for v in row[5:8]] == [m.reasons[c] for c in CATEGORY_LABELS]
    assert len(competencies) == 1 + len(report.top_competencies)
    top = report.top_competencies[0]
    name = top.competency.name_zh if language == "zh" else top.competency.name_en
    assert competencies[1] == [top.competency.role_name_zh if language == "zh" else top.competency.role_name_en,
                               name, str(top.failed_interviews), str(top.share), str(top.mean_gap)]
    if language == "zh":
        assert "活动执行能力" in raw.decode("utf-8-sig")


def test_chinese_chart_uses_a_cjk_font_with_every_glyph(seeded_sqlite_url, tmp_path, monkeypatch):
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties, findfont, get_font
    from matplotlib.text import Text

    from tools.reports.files import CJK_FAMILIES, cjk_font

    if cjk_font() is None:
        pytest.fail("No CJK font is installed: run `make install` (it installs Debian's fonts-noto-cjk)")
    drawn: list[Figure] = []
    save = Figure.savefig
    monkeypatch.setattr(Figure, "savefig", lambda self, *a, **kw: (drawn.append(self), save(self, *a, **kw))[1])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        report = build(seeded_sqlite_url, tmp_path, role="市场策划", language="zh", chart=True)
    assert not [w for w in caught if "missing from font" in str(w.message)], [str(w.message) for w in caught]

    png = Path(report.chart_path)
    assert png.is_file() and png.read_bytes().startswith(PNG_SIGNATURE) and png.stat().st_size > 10_000
    assert report.chart_font in CJK_FAMILIES and report.chart_title == "市场策划 — AI面试月度失败率"
    title = next(t for t in drawn[0].findobj(Text) if t.get_text() == report.chart_title)
    # The font matplotlib resolves for the title (and the other labels) is the CJK family, and it has every glyph.
    ax = drawn[0].axes[0]
    labelled = [title, *ax.get_xticklabels(), ax.yaxis.label, *ax.get_legend().get_texts()]
    for text in labelled:
        face = get_font(findfont(text.get_fontproperties(), fallback_to_default=False))
        assert face.family_name == report.chart_font, (text.get_text(), face.family_name)
        missing = {ch for ch in text.get_text() if not ch.isspace() and face.get_char_index(ord(ch)) == 0}
        assert not missing, f"glyphs missing from {face.family_name}: {sorted(missing)}"
    # Matplotlib's bundled Latin font would draw the title as boxes: the check above can fail.
    latin = get_font(findfont(FontProperties(family="DejaVu Sans")))
    assert any(latin.get_char_index(ord(ch)) == 0 for ch in report.chart_title)


def test_without_a_cjk_font_the_chart_falls_back_to_english_and_says_so(seeded_sqlite_url, tmp_path, monkeypatch,
                                                                         caplog):
    monkeypatch.setattr("tools.reports.files.cjk_font", lambda: None)
    with caplog.at_level(logging.WARNING, logger="candor.reports"):
        report = build(seeded_sqlite_url, tmp_path, role="Field Technician", language="zh", chart=True)
    assert Path(report.chart_path).is_file()
    assert report.chart_title == "Field Technician — AI interview failure rate by month"
    assert any("fonts-noto-cjk" in r.getMessage() for r in caplog.records)
    assert any("fonts-noto-cjk" in note for note in report.notes)


def test_english_chart(seeded_sqlite_url, tmp_path):
    report = build(seeded_sqlite_url, tmp_path, period="2026-Q3", chart=True)
    assert Path(report.chart_path).read_bytes().startswith(PNG_SIGNATURE)
    assert report.chart_title == "All roles — AI interview failure rate by month"
    assert Path(report.chart_path).name == "report_all_roles_2026-07-01_2026-09-30_en.png"


# --- who may build one ---------------------------------------------------------------------------------

@pytest.mark.parametrize("audience", ["candidate", "evaluator"])
def test_only_hr_managers_and_recruiters(seeded_sqlite_url, tmp_path, audience):
    assert build(seeded_sqlite_url, tmp_path, HR).interviews > 0
    principal = Principal(id="x", audience=audience, candidate_id=1 if audience == "candidate" else None)
    with pytest.raises(ToolError) as refused:
        build(seeded_sqlite_url, tmp_path, principal)
    assert refused.value.code == "forbidden"


# --- the surfaces ------------------------------------------------------------------------------------------

def test_cli_writes_the_report(seeded_sqlite_url, tmp_path):
    out = run_cli("report", "--role", "Field Technician", "--output", str(tmp_path), "--lang", "zh",
                  url=seeded_sqlite_url)
    assert out.returncode == 0, out.stderr
    stem = "report_field_technician_2026-10-01_2026-10-31_zh"
    assert (tmp_path / f"{stem}.csv").read_bytes().startswith(BOM)
    assert (tmp_path / f"{stem}.png").read_bytes().startswith(PNG_SIGNATURE)
    assert "一线技术" in out.stdout and "招聘报告" in out.stdout and str(tmp_path / f"{stem}.csv") in out.stdout

    as_json = run_cli("report", "--period", "2026-Q3", "--no-chart", "--json", "--output", str(tmp_path),
                      url=seeded_sqlite_url)
    assert as_json.returncode == 0, as_json.stderr
    result = json.loads(as_json.stdout)
    assert result["chart_path"] is None and result["period"]["expression"] == "2026-Q3"
    assert result["interviews"] == stats(seeded_sqlite_url, period="2026-Q3").interviews

    unknown = run_cli("report", "--role", "Data Scientist", "--output", str(tmp_path), url=seeded_sqlite_url)
    assert unknown.returncode == 2 and "Unknown role 'Data Scientist'" in unknown.stderr


def test_ask_does_not_load_matplotlib():
    code = ("import sys, app, tools.registry, assistant.planner.model, integrations.web.app; "
            "sys.exit('matplotlib' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, timeout=60).returncode == 0


TOKENS = {"recruiter-token-0123456789": {"id": "rita", "audience": "recruiter"},
          "evaluator-token-0123456789": {"id": "eve", "audience": "evaluator"}}


def test_web_endpoint_serves_json_csv_and_png(seeded_sqlite_url, tmp_path):
    settings = make_settings(seeded_sqlite_url, CANDOR_STAFF_TOKENS=json.dumps(TOKENS),
                             CANDOR_REPORTS_DIR=str(tmp_path))
    with serve(create_app(settings)) as base:
        def get(token="recruiter-token-0123456789", **params):
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            return httpx.get(f"{base}/api/reports", params=params, headers=headers, timeout=60)

        body = get(role="Field Technician").json()
        expected = stats(seeded_sqlite_url, role="Field Technician", period="last month")
        assert (body["interviews"], body["failure_rate"]) == (expected.interviews, expected.failure_rate)
        assert body["chart_path"] is None and body["csv_path"].startswith(str(tmp_path.resolve()))

        csv_response = get(role="市场策划", period="上个月", format="csv", lang="zh")
        assert csv_response.status_code == 200 and csv_response.headers["content-type"].startswith("text/csv")
        assert csv_response.content.startswith(BOM) and "活动执行能力" in csv_response.content.decode("utf-8-sig")

        png = get(period="2026-Q3", format="png")
        assert png.status_code == 200 and png.headers["content-type"] == "image/png"
        assert png.content.startswith(PNG_SIGNATURE)

        assert get(role="Data Scientist").status_code == 404
        assert get(period="next decade").status_code == 400
        assert get(token="evaluator-token-0123456789").status_code == 403
        assert get(token=None).status_code == 401
        assert "/api/reports" in httpx.get(f"{base}/openapi.json").json()["paths"]


# --- the chat path -----------------------------------------------------------------------------------------

@pytest.fixture
def assistant(seeded_sqlite_url, tmp_path):
    return Assistant(make_settings(seeded_sqlite_url, CANDOR_REPORTS_DIR=str(tmp_path)))


# Arguments as recorded: a default ("last month", English, no chart) is left out.
@pytest.mark.parametrize("question, arguments, period", [
    ("Monthly report for Field Technician", {"role": "field_technician"}, "last month"),
    ("Q3 report for all roles with a chart", {"period": "2026-Q3", "chart": True}, "2026-Q3"),
    ("给我市场策划上个月的报告", {"role": "marketing_planner", "language": "zh"}, "last month"),
    ("Quarterly report for Sales Manager", {"role": "sales_manager", "period": "last quarter"}, "last quarter"),
])
def test_report_requests_route_to_build_report(assistant, question, arguments, period):
    turn = assistant.ask(RECRUITER, question)
    assert [(c.tool, c.arguments) for c in turn.tool_calls] == [("build_report", arguments)]
    result = turn.tool_calls[0].result
    assert result["period"]["expression"] == period
    assert ungrounded_numbers(turn.answer, [result]) == [], turn.answer
    assert f"**{result['failure_rate']}%**" in turn.answer and str(result["interviews"]) in turn.answer
    assert str(result["decision_time"]["median_hours"]) in turn.answer
    assert bool(result["chart_path"]) == bool(arguments.get("chart"))
    if turn.language == "zh":
        assert "市场策划" in turn.answer and "招聘报告" in turn.answer


def test_statistics_questions_still_go_to_failure_stats(assistant):
    for question in ("Report the failure rate for Sales Manager", "Failure rate for Field Technician last month?",
                     "市场策划近3个月的AI面试失败率是多少？"):
        assert [c.tool for c in assistant.ask(HR, question).tool_calls] == ["failure_stats"], question


def test_a_follow_up_after_a_report_is_a_report(assistant):
    first = assistant.ask(RECRUITER, "Q3 report for all roles with a chart")
    follow = assistant.ask(RECRUITER, "And for Sales Manager?", first.conversation_id)
    assert [(c.tool, c.arguments) for c in follow.tool_calls] == \
           [("build_report", {"period": "2026-Q3", "chart": True, "role": "sales_manager"})]


@pytest.mark.parametrize("principal", [Principal(id="eve", audience="evaluator"),
                                       Principal(id="cand", audience="candidate", candidate_id=1)])
def test_chat_refuses_evaluators_and_candidates(assistant, principal):
    turn = assistant.ask(principal, "Monthly report for Field Technician")
    zh = assistant.ask(principal, "给我市场策划上个月的报告")
    assert turn.tool_calls == [] and zh.tool_calls == []
    if principal.audience == "candidate":  # the candidate assistant declines anything beyond their own application
        assert turn.answer.startswith("Sorry, I can't share internal data") and zh.answer.startswith("抱歉")
    else:
        assert "HR managers and recruiters" in turn.answer and "招聘报告仅向" in zh.answer
