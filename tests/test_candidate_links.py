"""Signed candidate links: signing, tampering, expiry, revocation, the secret, the CLI and the staff API."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select
from typer.testing import CliRunner

from candor import candidate_links as links
from candor.db import get_engine
from candor.models import AuditEvent, CandidateLink
from candor.settings import load_settings
from tests.candidate_fixtures import STAFF, built_once, copy_of
from tests.conftest import NOW, make_settings


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return built_once(tmp_path_factory.mktemp("candidates"))


@pytest.fixture
def company(built, tmp_path):
    return copy_of(built, tmp_path)


@pytest.fixture
def settings(company, tmp_path):
    return make_settings(company.url, CANDOR_DATA_DIR=str(tmp_path / "data"),
                         CANDOR_PUBLIC_BASE_URL="https://careers.example.com", CANDOR_STAFF_TOKENS=json.dumps(STAFF))


def _issue(settings, person, **kw):
    with Session(get_engine(settings.database_url), expire_on_commit=False) as session:
        from candor.models import Candidate

        issued = links.issue_link(session, settings, session.get(Candidate, person.id), issued_by="test", now=NOW, **kw)
        session.commit()
    return issued


def _verify(settings, token, now=NOW):
    with Session(get_engine(settings.database_url)) as session:
        return links.verify(session, links.link_secret(settings), token, now)


def test_a_link_verifies_until_it_expires(settings, company):
    issued = _issue(settings, company.alice, days=7)
    assert issued.url == f"https://careers.example.com/c/{issued.token}"
    holder = _verify(settings, issued.token)
    assert (holder.candidate_id, holder.language) == (company.alice.id, "en")
    assert holder.expires_at == NOW + timedelta(days=7)
    assert _verify(settings, issued.token, NOW + timedelta(days=6, hours=23)).candidate_id == company.alice.id
    with pytest.raises(links.LinkError) as err:
        _verify(settings, issued.token, NOW + timedelta(days=7))
    assert (err.value.reason, err.value.status_code) == ("expired", 410)


def test_tampered_forged_unknown_and_revoked_links_are_refused(settings, company):
    issued = _issue(settings, company.alice)
    payload, mac = issued.token.split(".")
    data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    data["c"] = company.bob.id  # point the link at someone else, keep the signature
    forged = base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode() + "." + mac
    for token, reason in ((forged, "tampered"), (issued.token[:-2] + "AA", "tampered"), ("not-a-token", "malformed"),
                          # correctly signed with the real secret but never issued
                          (links.sign(links.link_secret(settings), company.alice.id, "never-issued", NOW + timedelta(1)),
                           "unknown")):
        with pytest.raises(links.LinkError) as err:
            _verify(settings, token)
        assert err.value.reason == reason and err.value.status_code == 401
    other_secret = links.sign(b"x" * 48, company.alice.id, issued.token_id, issued.expires_at)
    with pytest.raises(links.LinkError, match="tampered"):
        _verify(settings, other_secret)
    with Session(get_engine(settings.database_url)) as session:
        links.revoke_link(session, issued.token_id, NOW)
        session.commit()
    with pytest.raises(links.LinkError) as err:
        _verify(settings, issued.token)
    assert (err.value.reason, err.value.status_code) == ("revoked", 410)


def test_the_secret_is_generated_once_in_development_and_required_in_production(settings, tmp_path):
    first = links.link_secret(settings)
    assert len(first) >= 48 and (tmp_path / "data" / links.SECRET_FILE).exists()
    assert links.link_secret(settings) == first  # persisted: links survive a restart
    configured = make_settings(settings.database_url, CANDOR_LINK_SECRET="s" * 40)
    assert links.link_secret(configured) == b"s" * 40
    from integrations.web.app import create_app

    production = load_settings(_env_file=None, CANDOR_ENV="production", DATABASE_URL=settings.database_url)
    with pytest.raises(links.LinkConfigError, match="CANDOR_LINK_SECRET must be set in production"):
        links.link_secret(production)
    with pytest.raises(links.LinkConfigError, match="CANDOR_LINK_SECRET"):  # the web app refuses to start
        create_app(production.model_copy(update={"candidate_link_secret": "changeme"}))
    strong = production.model_copy(update={"candidate_link_secret": "k" * 40})
    assert links.link_secret(strong) == b"k" * 40


def test_cli_prints_a_working_link(settings, company, monkeypatch, tmp_path):
    import app as cli_app
    from candor.settings import get_settings

    for key, value in {"DATABASE_URL": settings.database_url, "CANDOR_DATA_DIR": str(tmp_path / "data"),
                       "CANDOR_NOW": NOW.isoformat()}.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(cli_app.cli, ["candidate-link", "C000102", "--days", "3",
                                                  "--base-url", "https://jobs.example.cn/"])
        assert result.exit_code == 0, result.output
        url = result.stdout.strip().splitlines()[0]
        assert url.startswith("https://jobs.example.cn/c/")
        holder = _verify(settings, url.rsplit("/", 1)[1])
        assert (holder.candidate_id, holder.language) == (company.wang.id, "zh")
        missing = CliRunner().invoke(cli_app.cli, ["candidate-link", "C999999"])
        assert missing.exit_code == 2 and "No candidate 'C999999'" in missing.output
        bad = CliRunner().invoke(cli_app.cli, ["candidate-link", "C000102", "--days", "0"])
        assert bad.exit_code == 2 and "between 1 and 365" in bad.output
    finally:
        get_settings.cache_clear()


def test_staff_api_issues_and_revokes_links(settings, company):
    from integrations.web.app import create_app

    client = TestClient(create_app(settings))
    hr = {"Authorization": "Bearer hr-token-0123456789abcdef"}
    assert client.post("/api/candidates/C000101/link").status_code == 401
    assert client.post("/api/candidates/C000101/link",
                       headers={"Authorization": "Bearer eval-token-0123456789abcdef"}).status_code == 403
    assert client.post("/api/candidates/C424242/link", headers=hr).status_code == 404
    reply = client.post("/api/candidates/C000101/link", headers=hr, json={"days": 2})
    assert reply.status_code == 200, reply.text
    body = reply.json()
    token = body["url"].rsplit("/", 1)[1]
    assert body["candidate_external_id"] == "C000101" and body["url"].startswith("https://careers.example.com/c/")
    assert client.get(f"/c/{token}").status_code == 200
    assert client.post(f"/api/candidate-links/{body['token_id']}/revoke", headers=hr).status_code == 200
    gone = client.get(f"/c/{token}")
    assert gone.status_code == 410 and "no longer valid" in gone.text and "已失效" in gone.text
    with Session(get_engine(settings.database_url)) as session:
        record = session.exec(select(CandidateLink).where(CandidateLink.token_id == body["token_id"])).one()
        assert record.created_by == "ana" and record.revoked_at is not None
        actions = session.exec(select(AuditEvent.action).where(AuditEvent.principal_id == "ana")).all()
    assert {"issue_candidate_link", "revoke_candidate_link"} <= set(actions)
