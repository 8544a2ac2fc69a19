"""The scoring pipeline (tools/scoring/tool.py): input validation, storage, media → signals → scores,
every bad input a clear error with nothing lost, and "Score interview …" through the assistant."""

from __future__ import annotations

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from candor.db import get_engine
from candor.models import Answer, CompetencyScore, Interview, Job
from candor.principal import Principal
from tests.conftest import NOW, make_settings
from tests.media import ffmpeg, have_media_tools, speak
from tests.scoring_fixtures import (
    MD,
    STRONG,
    catalogue_sqlite,
    deactivate_models,
    interview_payload,
)
from tools.base import ToolError
from tools.scoring.input import InterviewIn
from tools.scoring.submit import interview_result, submit_interview
from tools.scoring.tool import process_interview

needs_media = pytest.mark.skipif(not have_media_tools(), reason="espeak-ng and ffmpeg are needed (make install)")


@pytest.fixture
def url(tmp_path):
    return catalogue_sqlite(tmp_path)


def _submit(url, payload, tmp_path=None, refs=None, **settings):
    s = make_settings(url, CANDOR_MEDIA_DIR=str(tmp_path or "data/media"), **settings)
    return submit_interview(get_engine(url), s, InterviewIn.model_validate(payload), now=NOW,
                            save_media=(lambda _f: refs) if refs else None), s


def _count(url, model) -> int:
    with Session(get_engine(url)) as session:
        return session.exec(select(func.count()).select_from(model)).one()


def test_transcripts_are_scored_at_once_with_evidence_from_the_answers(url):
    submitted, _ = _submit(url, interview_payload())
    assert submitted.created and submitted.status == "scored" and submitted.job is None
    result = submitted.result
    assert result.outcome in ("passed", "failed", "under_review") and result.total_score is not None
    assert {c.key for c in result.competencies} == set(STRONG)
    transcripts = " ".join(STRONG.values())
    for comp in result.competencies:
        assert comp.level in range(1, 6) and comp.evidence and all(q in transcripts for q in comp.evidence)
    assert _count(url, CompetencyScore) == 4


def test_resubmitting_the_same_interview_changes_nothing(url):
    first, _ = _submit(url, interview_payload("IV-SAME"))
    again, _ = _submit(url, interview_payload("IV-SAME", answers={"communication": "Something else entirely."}))
    assert not again.created and again.interview == "IV-SAME" and again.result.total_score == first.result.total_score
    assert (_count(url, Interview), _count(url, Answer), _count(url, CompetencyScore)) == (1, 4, 4)


def test_unknown_question_id_names_it_and_stores_nothing(url):
    payload = interview_payload("IV-Q")
    payload["answers"][1]["question"] = "mechanical_design/welding/behavioral/9"
    with pytest.raises(ToolError) as err:
        _submit(url, payload)
    assert err.value.code == "unknown_question" and "mechanical_design/welding/behavioral/9" in err.value.message
    assert "未知的问题编号" in err.value.data["message_zh"]
    assert (_count(url, Interview), _count(url, Answer)) == (0, 0)


def test_empty_transcript_without_media_is_refused_naming_the_answer():
    payload = interview_payload("IV-E")
    payload["answers"][2]["transcript"] = "   "
    with pytest.raises(ValueError) as err:
        InterviewIn.model_validate(payload)
    assert MD.format("problem_solving") in str(err.value) and "empty transcript" in str(err.value)


def test_role_without_an_active_model_is_a_clear_error_and_keeps_the_interview(url):
    deactivate_models(url)
    with pytest.raises(ToolError) as err:
        _submit(url, interview_payload("IV-NM"))
    assert err.value.code == "no_active_model" and "python app.py index" in err.value.message
    kept = interview_result(get_engine(url), "IV-NM")  # stored, pending, every answer kept for a later rescore
    assert kept.outcome == "pending" and kept.answers == 4 and _count(url, CompetencyScore) == 0


@needs_media
def test_corrupt_and_over_long_media_are_notes_and_the_typed_answers_are_still_scored(url, tmp_path):
    corrupt = tmp_path / "corrupt.wav"
    corrupt.write_bytes(b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 40)
    long = tmp_path / "long.wav"  # a real 2-hour recording, kept small: 2 kHz, 8-bit
    ffmpeg("-f", "lavfi", "-i", "anullsrc=r=2000:cl=mono", "-t", "7200", "-c:a", "pcm_u8", str(long))
    payload = interview_payload("IV-BAD", media={"structural_design": "corrupt.wav", "communication": "long.wav"})
    submitted, settings = _submit(url, payload, tmp_path,
                                  refs={"corrupt.wav": str(corrupt), "long.wav": str(long)})
    assert submitted.status == "queued"  # media goes to the worker
    summary = process_interview(get_engine(url), submitted.interview_id, settings, now=NOW)
    codes = {(n["code"], n["signal"]) for n in summary["notes"]}
    assert ("corrupt_media", "speech") in codes and ("too_long", "speech") in codes
    assert any("over the 30-minute limit" in n["message"] for n in summary["notes"])
    assert summary["outcome"] != "pending" and len(summary["competencies"]) == 4  # typed transcripts still scored
    assert _count(url, Answer) == 4


def _interview_id(url, external_id) -> int:
    with Session(get_engine(url)) as session:
        return session.exec(select(Interview.id).where(Interview.external_id == external_id)).one()


@needs_media
def test_video_without_consent_never_calls_vision(url, tmp_path, monkeypatch):
    import media.vision as vision

    calls = []
    monkeypatch.setattr(vision, "face_signals", lambda *a, **k: calls.append(a) or {})
    audio = speak(STRONG["communication"], tmp_path / "comm.wav")
    clip = tmp_path / "comm.mp4"
    from tests.media import ffmpeg

    ffmpeg("-f", "lavfi", "-i", "color=c=gray:s=160x120:r=5", "-i", str(audio), "-shortest", "-c:v", "libx264",
           "-pix_fmt", "yuv420p", str(clip))
    payload = interview_payload("IV-NC", media={"communication": "comm.mp4"}, consent=False)
    _submit(url, payload, tmp_path, refs={"comm.mp4": str(clip)}, CANDOR_FACE_POLICY="allow")
    summary = process_interview(get_engine(url), _interview_id(url, "IV-NC"),
                                make_settings(url, CANDOR_FACE_POLICY="allow"), now=NOW)
    assert calls == []  # no consent: no frame was read
    face = [n for n in summary["notes"] if n["signal"] == "face"]
    assert face and face[0]["code"] == "not_allowed" and "consent" in face[0]["message"].lower()

    # The same video with consent reaches vision; a signal it cannot compute is a note with its reason.
    monkeypatch.setattr(vision, "face_signals", lambda *a, **k: calls.append(a) or {
        "available": False, "reason": "emotion model unavailable", "reason_zh": "情绪模型不可用", "notes": []})
    _submit(url, interview_payload("IV-C", media={"communication": "comm.mp4"}, consent=True), tmp_path,
            refs={"comm.mp4": str(clip)})
    summary = process_interview(get_engine(url), _interview_id(url, "IV-C"),
                                make_settings(url, CANDOR_FACE_POLICY="allow"), now=NOW)
    assert len(calls) == 1
    face = [n for n in summary["notes"] if n["signal"] == "face"]
    assert face[0]["code"] == "unavailable" and "情绪模型不可用" in face[0]["message_zh"]


def test_score_interview_through_the_assistant_in_english_and_chinese(url):
    from assistant.agent import Assistant

    payload = interview_payload("IV-CHAT-1")
    with Session(get_engine(url)) as session:
        from tools.scoring.input import store_interview

        store_interview(session, InterviewIn.model_validate(payload), now=NOW)
        session.commit()
    assistant = Assistant(make_settings(url))
    recruiter = Principal(id="rita", audience="recruiter")
    turn = assistant.ask(recruiter, "Score interview IV-CHAT-1")
    call = turn.tool_calls[0]
    assert call.tool == "score_interview" and call.result["status"] == "scored", call
    result = call.result
    assert f"weighted total {result['total_score']:g}" in turn.answer.replace(".0 ", " ")
    for comp in result["competencies"]:
        assert comp["name_en"] in turn.answer and comp["evidence"][0] in turn.answer
    again = assistant.ask(recruiter, "给面试 IV-CHAT-1 打分")
    assert again.tool_calls[0].result["status"] == "already_scored" and "该面试已评分" in again.answer
    rescored = assistant.ask(recruiter, "Rescore interview IV-CHAT-1")
    assert rescored.tool_calls[0].arguments["rescore"] is True and rescored.tool_calls[0].result["status"] == "scored"
    assert _count(url, CompetencyScore) == 4  # re-scoring replaced, not added
    missing = assistant.ask(recruiter, "Score interview IV-NOPE-9")
    assert missing.tool_calls[0].error["error"] == "unknown_interview" and "IV-NOPE-9" in missing.answer
    evaluator = assistant.ask(Principal(id="eve", audience="evaluator"), "Score interview IV-CHAT-1")
    assert not evaluator.tool_calls and "not something your account" in evaluator.answer


@needs_media
def test_score_command_runs_a_folder_with_a_recording_and_prints_progress(url, tmp_path, monkeypatch):
    import json

    from typer.testing import CliRunner

    from app import cli
    from candor.settings import get_settings

    folder = tmp_path / "MD-CLI-1"
    folder.mkdir()
    speak(STRONG["problem_solving"], folder / "problem.wav")
    payload = interview_payload("MD-CLI-1", answers={k: v for k, v in STRONG.items() if k != "problem_solving"},
                                media={"problem_solving": "problem.wav"})
    (folder / "interview.json").write_text(json.dumps(payload), encoding="utf-8")
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("CANDOR_NOW", NOW.isoformat())
    get_settings.cache_clear()
    try:
        out = CliRunner().invoke(cli, ["score", str(folder), "--json"])
        assert out.exit_code == 0, out.output
        body = json.loads(out.stdout[out.stdout.index("{"):])
        assert body["status"] == "done" and body["result"]["outcome"] != "pending"
        assert "%]" in out.stderr and "transcribing problem.wav" in out.stderr  # progress lines
        scored = {c["key"] for c in body["result"]["competencies"]}
        assert "problem_solving" in scored  # from the recording alone

        payload["answers"][0]["media"] = "missing.wav"
        (folder / "interview.json").write_text(json.dumps(payload), encoding="utf-8")
        bad = CliRunner().invoke(cli, ["score", str(folder)])
        assert bad.exit_code == 2 and "missing.wav" in bad.stderr and "does not exist" in bad.stderr
    finally:
        get_settings.cache_clear()


def test_chat_queues_an_interview_whose_recordings_are_not_processed_and_reports_its_job(url):
    from assistant.agent import Assistant
    from tools.scoring.input import store_interview

    payload = interview_payload("IV-Q-1", media={"communication": "comm.wav"})
    with Session(get_engine(url)) as session:
        store_interview(session, InterviewIn.model_validate(payload), now=NOW)
        session.commit()
    assistant = Assistant(make_settings(url))
    turn = assistant.ask(Principal(id="hana", audience="hr_manager"), "Score interview IV-Q-1")
    result = turn.tool_calls[0].result
    assert result["status"] == "queued" and result["job"]["status"] == "queued"
    assert f"job {result['job']['id']} is queued" in turn.answer
    again = assistant.ask(Principal(id="hana", audience="hr_manager"), "面试 IV-Q-1 的评分")
    assert again.tool_calls[0].result["job"]["id"] == result["job"]["id"] and "录音仍在处理中" in again.answer
    assert _count(url, Job) == 1 and _count(url, CompetencyScore) == 0


@pytest.mark.parametrize("text, expected", [
    ("Score interview 812", {"interview": "812"}),
    ("Rescore interview I0000812.", {"interview": "I0000812", "rescore": True}),
    ("给面试 I0000812 打分", {"interview": "I0000812"}),
    ("给面试 812 重新打分", {"interview": "812", "rescore": True}),
    ("What are the scores of interview MD-2026-001?", {"interview": "MD-2026-001"}),
    ("面试2026年的平均分数", None),  # a year, not an interview
    ("What's the average score for interviews in 2026?", None),
    ("市场策划近3个月的AI面试失败率是多少？", None),
    ("Why did candidate 4411 fail?", None),
])
def test_the_planner_recognises_scoring_requests_only(text, expected):
    from assistant.planner.scoring import scoring_call

    assert scoring_call(text) == expected
