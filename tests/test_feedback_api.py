"""The staff feedback API over real HTTP (uvicorn) on a copy of the demo company, and the CLI."""

from __future__ import annotations

import json

import httpx
import pytest
from sqlmodel import Session, func, select

from candor.db import get_engine
from candor.models import AuditEvent, Demographics, FeedbackDraft, Interview
from integrations.web.app import create_app
from tests.conftest import copy_sqlite, make_settings
from tests.live_server import serve

RECRUITER, HR, EVALUATOR = "recruiter-token-0123456789", "hr-token-0123456789ab", "eval-token-0123456789ab"
TOKENS = json.dumps({RECRUITER: {"id": "rita", "audience": "recruiter"}, HR: {"id": "hana", "audience": "hr_manager"},
                     EVALUATOR: {"id": "eve", "audience": "evaluator"}})


@pytest.fixture(scope="module")
def demo(seeded_sqlite_url, tmp_path_factory):
    path = tmp_path_factory.mktemp("feedback_api") / "demo.db"
    copy_sqlite(seeded_sqlite_url, path)
    url = f"sqlite:///{path}"
    with serve(create_app(make_settings(url, CANDOR_STAFF_TOKENS=TOKENS))) as base:
        yield base, url


def call(base, method, path, token=RECRUITER, **kw):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.request(method, f"{base}/api/feedback{path}", headers=headers, timeout=60, **kw)


def test_draft_edit_approve_send_over_http(demo):
    base, url = demo
    with Session(get_engine(url)) as session:  # the copied demo may hold other tests' audit events
        before = session.exec(select(func.max(AuditEvent.id))).one() or 0
    created = call(base, "POST", "/drafts", json={"interview": "I0000812"})
    assert created.status_code == 201, created.text
    d = created.json()["draft"]
    assert d["status"] == "draft" and d["interview_external_id"] == "I0000812"
    gap = d["facts"]["below_minimum"][0]
    score = f"{gap['score']:g}"
    assert score in d["body"] and f"{gap['required']:g}" in d["body"]

    shown = call(base, "GET", f"/drafts/{d['id']}")
    assert shown.status_code == 200 and shown.json()["draft"]["body"] == d["body"]

    # An edit whose number disagrees with the stored score: 422, a clear bilingual error, nothing changed.
    wrong = d["body"].replace(f"{score}", f"{int(float(score)) + 3}", 1)
    refused = call(base, "PATCH", f"/drafts/{d['id']}", json={"body": wrong})
    assert refused.status_code == 422
    detail = refused.json()["detail"]
    assert detail["error"] == "fact_check_failed" and str(int(float(score)) + 3) in detail["message"]
    assert detail["message_zh"].startswith("反馈信与存储的评分不一致")
    assert call(base, "GET", f"/drafts/{d['id']}").json()["draft"]["body"] == d["body"]

    assert call(base, "POST", f"/drafts/{d['id']}/send").status_code == 409  # not approved yet
    approved = call(base, "POST", f"/drafts/{d['id']}/approve", token=HR)
    assert approved.status_code == 200 and approved.json()["draft"]["approved_by"] == "hana"
    again = call(base, "POST", f"/drafts/{d['id']}/approve")
    assert again.status_code == 409 and "already approved" in again.json()["detail"]["message"]

    edited = call(base, "PATCH", f"/drafts/{d['id']}", json={"body": d["body"] + "\n"})
    assert edited.status_code == 200 and edited.json()["draft"]["status"] == "draft"
    assert edited.json()["previous_status"] == "approved"
    assert call(base, "POST", f"/drafts/{d['id']}/approve").status_code == 200
    sent = call(base, "POST", f"/drafts/{d['id']}/send")
    assert sent.status_code == 200 and sent.json()["draft"]["status"] == "sent"
    assert call(base, "POST", "/drafts", json={"interview": "I0000812", "replace_approved": True}).status_code == 409

    with Session(get_engine(url)) as session:
        actions = session.exec(select(AuditEvent.action).where(AuditEvent.action.like("feedback_draft.%"), AuditEvent.id > before)).all()
        assert actions == ["feedback_draft.created", "feedback_draft.approved", "feedback_draft.edited",
                           "feedback_draft.approved", "feedback_draft.sent"]
        refusals = session.exec(select(AuditEvent).where(AuditEvent.outcome == "error", AuditEvent.id > before)).all()
        assert len(refusals) == 4  # the wrong number, the early send, the double approval, the re-draft


def test_batch_over_http_and_the_letters_never_hold_demographics(demo):
    base, url = demo
    response = call(base, "POST", "/drafts", json={"role": "Sales Manager", "period": "last month"})
    assert response.status_code == 201, response.text
    batch = response.json()["batch"]
    assert batch["failed"] > 0 and batch["created"] + batch["replaced"] == batch["failed"]
    with Session(get_engine(url)) as session:
        ids = [item["draft_id"] for item in batch["listed"]]
        checked = 0
        for draft in session.exec(select(FeedbackDraft).where(FeedbackDraft.id.in_(ids))):
            interview = session.get(Interview, draft.interview_id)
            demo_row = session.get(Demographics, interview.candidate_id)
            for value in (demo_row.gender, demo_row.age_band, demo_row.education) if demo_row else ():
                if value:  # e.g. "55+", "female", "master": never in a letter
                    assert value.casefold() not in draft.body.casefold(), (value, draft.body)
                    checked += 1
        assert checked >= len(ids)  # the seeded demographics really were there to leak


@pytest.mark.parametrize("token, status", [(None, 401), ("wrong-token-0123456789", 401), (EVALUATOR, 403)])
def test_auth(demo, token, status):
    base, _ = demo
    response = call(base, "POST", "/drafts", token=token, json={"interview": "I0000812"})
    assert response.status_code == status, response.text


def test_errors_are_clear(demo):
    base, _ = demo
    missing = call(base, "GET", "/drafts/999999")
    assert missing.status_code == 404 and "no feedback draft 999999" in missing.json()["detail"]["message"].lower()
    nobody = call(base, "POST", "/drafts", json={})
    assert nobody.status_code == 400 and nobody.json()["detail"]["error"] == "target_needed"
    role = call(base, "POST", "/drafts", json={"role": "Astronaut"})
    assert role.status_code == 404 and role.json()["detail"]["error"] == "unknown_role"
    period = call(base, "POST", "/drafts", json={"role": "Sales Manager", "period": "the twelfth of never"})
    assert period.status_code == 400 and period.json()["detail"]["error"] == "bad_period"


def test_cli_draft_approve(seeded_sqlite_url, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from app import cli
    from candor.settings import get_settings

    copy_sqlite(seeded_sqlite_url, tmp_path / "cli.db")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("CANDOR_NOW", "2026-11-15")
    get_settings.cache_clear()
    runner = CliRunner()
    try:
        drafted = runner.invoke(cli, ["feedback", "draft", "--candidate", "C000123", "--json"])
        assert drafted.exit_code == 0, drafted.output
        draft_id = json.loads(drafted.stdout)["draft"]["id"]
        early = runner.invoke(cli, ["feedback", "send", str(draft_id)])
        assert early.exit_code == 1 and "Approve it first" in early.stderr
        approved = runner.invoke(cli, ["feedback", "approve", str(draft_id), "--as", "hr_manager"])
        assert approved.exit_code == 0 and f"Feedback draft {draft_id} approved" in approved.stdout
    finally:
        get_settings.cache_clear()


def test_slack_approve_button_on_a_drafted_letter(seeded_sqlite_url, tmp_path):
    """A recruiter drafts in Slack's world; the Approve button under the letter approves it, audited."""
    from assistant.actions import run_tool as run_action
    from assistant.agent import Assistant, ToolCallRecord, Turn
    from candor.principal import Principal
    from integrations.slack.render import action_blocks
    from tests.fake_slack import FakeSlack, block_actions
    from tests.test_slack import (
        APP_TOKEN,
        BOT_TOKEN,
        CHANNEL,
        HR,
        post_signed,
        slack_settings,
    )

    copy_sqlite(seeded_sqlite_url, tmp_path / "slack.db")
    url = f"sqlite:///{tmp_path / 'slack.db'}"
    with FakeSlack(token=BOT_TOKEN, app_token=APP_TOKEN) as slack:
        settings = slack_settings(url, slack.api_url)
        assistant = Assistant(settings)
        drafted = run_action(assistant, Principal(id="rita", audience="recruiter"), "draft_feedback",
                             {"interview": "I0000812"})
        turn = Turn(conversation_id="c", answer="Draft ready.", language="en", duration_ms=0,
                    tool_calls=[ToolCallRecord(tool="draft_feedback", arguments={}, result=drafted)])
        (buttons,) = action_blocks(turn)
        approve = buttons["elements"][0]
        assert approve["action_id"] == "candor_feedback_approve"
        blocks = [{"type": "section", "block_id": "answer", "text": {"type": "mrkdwn", "text": "Draft ready."}},
                  buttons]
        with serve(create_app(settings, assistant=assistant)) as base:
            body = block_actions(HR, approve["action_id"], json.loads(approve["value"]), buttons["block_id"], CHANNEL,
                                 "1700000099.000100", f"{slack.base}/respond/fb", blocks)
            assert post_signed(base, body, "application/x-www-form-urlencoded").status_code == 200
            done = slack.wait_for(lambda s: [c for c in s.of("response_url") if c.path == "/respond/fb"])[-1].params
    assert done["replace_original"] is True and "approved by" in done["blocks"][-1]["elements"][0]["text"]
    with Session(get_engine(url)) as session:
        letter = session.get(FeedbackDraft, drafted["draft"]["id"])
        assert letter.status == "approved" and letter.approved_by == "ana"
