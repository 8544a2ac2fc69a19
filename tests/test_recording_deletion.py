"""'Delete my recordings' deletes them: files on disk, references and derived signals, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from assistant import actions
from assistant.agent import Assistant
from candor.db import get_engine
from candor.models import Answer, CandidateRequest, CompetencyScore, Interview
from candor.principal import Principal
from integrations.web.app import create_app
from tests.candidate_fixtures import STAFF, build_company
from tests.conftest import make_settings

HR = Principal(id="ana", audience="hr_manager")
NOW = datetime(2026, 11, 15, 12, tzinfo=timezone.utc)


@pytest.fixture
def world(db_url, tmp_path):
    company = build_company(db_url)
    assistant = Assistant(make_settings(db_url, CANDOR_DATA_DIR=str(tmp_path / "data"),
                                        CANDOR_MEDIA_DIR=str(tmp_path / "data" / "media"),
                                        CANDOR_STAFF_TOKENS=json.dumps(STAFF)))
    media = assistant.settings.media_dir
    with Session(get_engine(db_url)) as session:  # the recordings the answers reference, and one interview folder
        for answer in session.exec(select(Answer)).all():
            path = media / answer.media_ref
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(b"webm" * 100)
    (media / "I900101").mkdir(parents=True)
    (media / "I900101" / "frame-001.png").write_bytes(b"png")
    return company, assistant


def _files_of(assistant, interview_ext):
    """The media files of one interview: its answers' recordings and its folder."""
    media = assistant.settings.media_dir
    return sorted(str(p.relative_to(media)) for p in media.rglob("*")
                  if p.is_file() and (interview_ext in p.name or p.parent.name == interview_ext))


def test_a_done_deletion_request_removes_files_references_and_signals(world):
    company, assistant = world
    alice = company.alice
    with Session(assistant.engine) as session:
        session.add(CandidateRequest(candidate_id=alice.id, kind="delete_recordings", status="open",
                                     interview_id=session.exec(select(Interview.id).where(
                                         Interview.external_id == "I900101")).one()))
        session.commit()
        request_id = session.exec(select(CandidateRequest.id)).one()
        scores_before = len(session.exec(select(CompetencyScore)).all())
    assert len(_files_of(assistant, "I900101")) == 4  # three answers and a frame
    others_before = _files_of(assistant, "I900124")

    row = actions.resolve_candidate_request(assistant, HR, request_id, "done", "")
    assert row.status == "done" and "Deleted 4 recording file(s)" in row.resolution

    assert _files_of(assistant, "I900101") == []
    assert _files_of(assistant, "I900124") == others_before  # another candidate's recordings stay
    with Session(assistant.engine) as session:
        iv = session.exec(select(Interview).where(Interview.external_id == "I900101")).one()
        for answer in session.exec(select(Answer).where(Answer.interview_id == iv.id)).all():
            assert (answer.media_ref, answer.words, answer.speech_features, answer.face_signals) == (None, [], {}, {})
            assert answer.transcript  # kept: it is what the scores rest on
            assert any(n.get("signal") == "recording_deleted" for n in answer.notes)
        assert len(session.exec(select(CompetencyScore)).all()) == scores_before

    # The candidate's page says what was removed and when, not "kept until you ask".
    client = TestClient(create_app(assistant.settings, assistant))
    link = client.post("/api/candidates/C000101/link", headers={"Authorization": f"Bearer {next(iter(STAFF))}"})
    path = "/c/" + link.json()["url"].rsplit("/c/", 1)[1]
    answer = client.post(f"{path}/api/chat", json={"message": "What data do you hold about me?"}).json()["answer"]
    assert "kept until you ask us to delete them" not in answer
    assert "recordings were deleted on" in answer, answer


def test_a_deletion_that_cannot_remove_a_file_stays_open(world, monkeypatch):
    company, assistant = world
    with Session(assistant.engine) as session:
        session.add(CandidateRequest(candidate_id=company.alice.id, kind="delete_recordings", status="open"))
        session.commit()
        request_id = session.exec(select(CandidateRequest.id)).one()
    from pathlib import Path

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "unlink", refuse)
    from tools.base import ToolError

    with pytest.raises(ToolError, match="could not be deleted"):
        actions.resolve_candidate_request(assistant, HR, request_id, "done", "")
    with Session(assistant.engine) as session:
        assert session.get(CandidateRequest, request_id).status == "open"
        assert all(a.media_ref for a in session.exec(select(Answer)).all())
