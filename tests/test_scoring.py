"""Competency scoring of stored interviews (tools/scoring): real DBs, the real MiniLM model, real HTTP for the LLM."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from candor.db import get_engine
from candor.models import (
    Answer,
    Candidate,
    Competency,
    CompetencyScore,
    FailureDaily,
    FailureReason,
    Interview,
    Outcome,
    Question,
    Role,
)
from candor.rollup import rebuild_failure_daily
from tests.conftest import NOW, copy_sqlite, make_settings
from tests.fake_openai import FakeOpenAI, tool_call
from tests.scoring_fixtures import (
    STRONG,
    catalogue,
    catalogue_sqlite,
    deactivate_models,
)
from tools.base import ToolError
from tools.scoring.pipeline import score_stored_interview

WHEN = datetime(2026, 11, 10, 9, 0, tzinfo=timezone.utc)

WEAK_FEA = ("I haven't really done any simulation myself. I mostly do 3D models in SolidWorks and the analysis was "
            "handled by someone else, so I am not sure how I would check the results.")


@pytest.fixture
def catalogue_url(tmp_path):
    """A migrated SQLite file with the role profiles synced: a copy of one built per run (it is cheap)."""
    return catalogue_sqlite(tmp_path)


@pytest.fixture
def catalogue_db_url(db_url):
    """SQLite and PostgreSQL, for the tests where the database matters (writes, rollup, replacement)."""
    return catalogue(db_url)


def _interview(url: str, answers: dict[str, str], *, role_key: str = "mechanical_design", skills=None, claims=(),
               signals: dict[str, dict] | None = None, baseline: dict | None = None, external_id: str = "I-1",
               language: str = "en") -> int:
    """A candidate and an interview with one answer per competency (keyed by competency key)."""
    with Session(get_engine(url)) as session:
        role = session.exec(select(Role).where(Role.key == role_key)).one()
        comps = {c.key: c for c in session.exec(select(Competency).where(Competency.role_id == role.id))}
        cand = Candidate(external_id=f"C-{external_id}", language=language, years_experience=5,
                         background_skills=list(skills if skills is not None else role.required_skills),
                         claims=list(claims))
        session.add(cand)
        session.flush()
        interview = Interview(external_id=external_id, candidate_id=cand.id, role_id=role.id, interviewed_at=WHEN)
        session.add(interview)
        session.flush()
        if baseline is not None:
            session.add(Answer(interview_id=interview.id, question_text="Tell me about yourself.",
                               transcript="I am a mechanical engineer with five years of experience.",
                               speech_features={"baseline": True, **baseline}))
        for key, text in answers.items():
            question = session.exec(select(Question).where(Question.competency_id == comps[key].id)).first()
            session.add(Answer(interview_id=interview.id, question_id=question.id, question_text=question.text_en,
                               transcript=text, **(signals or {}).get(key, {})))
        session.commit()
        return interview.id


def _score(url: str, interview_id: int, **settings):
    with Session(get_engine(url), expire_on_commit=False) as session:
        interview = session.get(Interview, interview_id)
        result = score_stored_interview(session, interview, make_settings(url, **settings), now=NOW)
        session.commit()
        return result


def test_strong_answers_pass_and_weak_fea_fails_with_its_gap(catalogue_db_url):
    catalogue_url = catalogue_db_url
    strong = _score(catalogue_url, _interview(catalogue_url, STRONG))
    assert strong.outcome == "passed", strong
    assert strong.reasons == [] and strong.total_score >= strong.pass_mark
    assert all(c.score >= c.required and c.level >= 3 for c in strong.competencies)

    weak = _score(catalogue_url, _interview(catalogue_url, {**STRONG, "finite_element_analysis": WEAK_FEA},
                                            external_id="I-2"))
    assert weak.outcome == "failed"
    fea = next(c for c in weak.competencies if c.key == "finite_element_analysis")
    assert fea.level <= 2 and fea.score < fea.required == 70 and fea.gap == round(70 - fea.score, 1)
    assert [(r.category, r.competency_key) for r in weak.reasons] == [("competency_gap", "finite_element_analysis")]
    with Session(get_engine(catalogue_url)) as session:
        reason = session.exec(select(FailureReason).where(FailureReason.interview_id == weak.interview_id)).one()
        assert (reason.score, reason.required) == (fea.score, 70)
        stored = session.get(Interview, weak.interview_id)
        assert stored.outcome == Outcome.failed and stored.total_score == weak.total_score
        assert stored.competency_model_id == weak.competency_model_id and stored.decided_at is not None
        assert stored.scoring["competencies"]["finite_element_analysis"]["answers"][0]["hedges"] >= 1
        rows = session.exec(select(CompetencyScore).where(CompetencyScore.interview_id == weak.interview_id)).all()
        assert {r.scorer for r in rows} == {"embedded-minilm-v1"} and len(rows) == 4


def test_evidence_quotes_are_verbatim_transcript_text(catalogue_url):
    result = _score(catalogue_url, _interview(catalogue_url, STRONG))
    for comp in result.competencies:
        assert comp.evidence, comp.key
        assert all(quote in STRONG[comp.key] for quote in comp.evidence), comp


def test_mechanical_design_without_fea_fails_role_match(catalogue_url):
    iid = _interview(catalogue_url, STRONG, skills=["3D modelling", "engineering drawing", "Excel"])
    result = _score(catalogue_url, iid)
    assert result.outcome == "failed" and result.role_match == 0.5 and result.min_role_match == 0.75
    assert "FEA" in result.missing_skills and "有限元分析" in result.missing_skills_zh
    job = [r for r in result.reasons if r.category == "job_match"]
    assert len(job) == 1 and "technical stack match low: missing FEA" in job[0].detail
    assert "技术栈匹配度低：缺少有限元分析" in job[0].detail and job[0].score == 0.5


def test_skill_synonyms_in_english_and_chinese_count(catalogue_url):
    iid = _interview(catalogue_url, STRONG, skills=["finite element method", "三维建模", "technical drawing", "GD&T"])
    result = _score(catalogue_url, iid)
    assert result.role_match == 1.0 and result.missing_skills == []
    with Session(get_engine(catalogue_url)) as session:
        skills = {s["skill"]: s for s in session.get(Interview, iid).scoring["role_match"]["skills"]}
    assert skills["finite_element_analysis"]["how"] == "synonym"  # by meaning, through the embeddings
    assert skills["finite_element_analysis"]["similarity"] >= 0.75
    assert skills["3d_modelling"] == {**skills["3d_modelling"], "matched_by": "三维建模", "how": "name"}


def test_pressure_claim_with_nervous_signals_goes_to_review_not_failure(catalogue_url):
    nervous = {"problem_solving": {"speech_features": {"words_per_minute": 205, "long_pauses": 6, "filler_rate": 9.5}}}
    iid = _interview(catalogue_url, STRONG, claims=["I work well under pressure"], signals=nervous,
                     baseline={"words_per_minute": 140, "long_pauses": 1, "filler_rate": 2.0})
    result = _score(catalogue_url, iid)
    assert result.outcome == "under_review"
    assert [r.category for r in result.reasons] == ["behavior_inconsistency"]
    detail = result.reasons[0].detail
    assert "I work well under pressure" in detail and "205 wpm" in detail and "6 long pauses" in detail
    assert "语速" in detail

    calm = {"problem_solving": {"speech_features": {"words_per_minute": 150, "long_pauses": 1, "filler_rate": 2.5}}}
    calm_result = _score(catalogue_url, _interview(catalogue_url, STRONG, claims=["擅长抗压"], signals=calm,
                                                   baseline={"words_per_minute": 140, "long_pauses": 1,
                                                             "filler_rate": 2.0}, external_id="I-calm"))
    assert calm_result.outcome == "passed"


def test_inconsistency_never_turns_a_failure_into_review(catalogue_url):
    nervous = {"problem_solving": {"speech_features": {"words_per_minute": 205, "long_pauses": 6},
                                   "face_signals": {"negative_affect_share": 0.6}}}
    iid = _interview(catalogue_url, {**STRONG, "finite_element_analysis": WEAK_FEA}, claims=["I am a calm communicator"],
                     signals=nervous, baseline={"words_per_minute": 140, "long_pauses": 1})
    result = _score(catalogue_url, iid)
    assert result.outcome == "failed"
    assert sorted(r.category for r in result.reasons) == ["behavior_inconsistency", "competency_gap"]


def _daily(session, role_id):
    return sorted((r.day, r.dim, r.key, r.n, round(r.gap_sum, 3), r.gap_count)
                  for r in session.exec(select(FailureDaily).where(FailureDaily.role_id == role_id)))


def test_rescoring_replaces_rows_and_keeps_failure_daily_in_step(catalogue_db_url):
    catalogue_url = catalogue_db_url
    iid = _interview(catalogue_url, {**STRONG, "finite_element_analysis": WEAK_FEA})
    first = _score(catalogue_url, iid)
    assert first.outcome == "failed"
    with Session(get_engine(catalogue_url)) as session:
        role_id = session.get(Interview, iid).role_id
        hooked = _daily(session, role_id)
        assert ("competency_gap" in {k for _, dim, k, *_ in hooked if dim == "category"})
    # The candidate's transcript is corrected (the FEA answer was mis-filed); re-scoring must replace everything.
    with Session(get_engine(catalogue_url)) as session:
        answer = session.exec(select(Answer).where(Answer.interview_id == iid, Answer.transcript == WEAK_FEA)).one()
        answer.transcript = STRONG["finite_element_analysis"]
        session.add(answer)
        session.commit()
    second = _score(catalogue_url, iid)
    third = _score(catalogue_url, iid)
    assert second.outcome == third.outcome == "passed" and second.total_score == third.total_score
    with Session(get_engine(catalogue_url)) as session:
        assert session.exec(select(func.count()).select_from(FailureReason)
                            .where(FailureReason.interview_id == iid)).one() == 0
        assert session.exec(select(func.count()).select_from(CompetencyScore)
                            .where(CompetencyScore.interview_id == iid)).one() == 4
        hooked = _daily(session, role_id)
        rebuild_failure_daily(session.connection(), role_ids=[role_id])
        assert _daily(session, role_id) == hooked  # what the hooks kept equals a full rebuild
        assert [k for _, dim, k, *_ in hooked if dim == "outcome"] == ["passed"]
        assert not [row for row in hooked if row[1] in ("category", "gap")]


def test_no_active_model_is_a_clear_error(catalogue_url):
    iid = _interview(catalogue_url, STRONG)
    deactivate_models(catalogue_url)
    with pytest.raises(ToolError) as err:
        _score(catalogue_url, iid)
    assert err.value.code == "no_active_model"
    assert "python app.py index" in err.value.message and "胜任力模型" in err.value.message
    with Session(get_engine(catalogue_url)) as session:  # nothing was lost or half-written
        assert session.get(Interview, iid).outcome == Outcome.pending
        assert session.exec(select(func.count()).select_from(Answer).where(Answer.interview_id == iid)).one() == 4


def test_unanswered_competency_is_not_invented(catalogue_url):
    partial = {k: v for k, v in STRONG.items() if k != "communication"}
    result = _score(catalogue_url, _interview(catalogue_url, partial))
    comm = next(c for c in result.competencies if c.key == "communication")
    assert comm.score is None and comm.level is None and comm.answers == 0
    assert result.outcome == "under_review"
    assert any("communication" in note and "no answer" in note for note in result.notes)


def test_chinese_answers_are_scored(catalogue_url):
    zh = {
        "structural_design": "去年我负责一个包装线的电机支架设计。我按装配优化了结构，把螺栓从六个减少到两个，"
                             "用几何公差标注关键尺寸，装配时间缩短了25%。后来我还编写了部门的设计检查清单，现在全组都在用。",
        "finite_element_analysis": "我没做过仿真分析，一般只画三维模型，分析都是别人做的，我不太清楚怎么判断结果。",
        "problem_solving": "有一次现场的轴一个月断了两次。我收集断件，检查断口，发现是键槽处引起的疲劳。"
                           "我做了应力计算验证假设，改了键槽圆角，之后一年零故障。",
        "communication": "当时制造部门不同意我的公差。我组织供应商开会，展示尺寸链分析，两天内达成一致。",
    }
    result = _score(catalogue_url, _interview(catalogue_url, zh, language="zh"))
    levels = {c.key: c.level for c in result.competencies}
    assert levels["finite_element_analysis"] <= 2 < levels["problem_solving"], levels
    assert result.outcome == "failed"
    gaps = [r.competency_key for r in result.reasons if r.category == "competency_gap"]
    assert "finite_element_analysis" in gaps and "problem_solving" not in gaps
    for comp in result.competencies:
        assert all(q in zh[comp.key] for q in comp.evidence)


def test_seeded_demo_copy_scores_a_planted_interview(seeded_sqlite_url, tmp_path):
    # The shared seeded DB must not change: score a copy of it.
    url = copy_sqlite(seeded_sqlite_url, tmp_path / "copy.db")
    with Session(get_engine(url)) as session:
        interview = session.exec(select(Interview).join(Answer, Answer.interview_id == Interview.id)
                                 .order_by(Interview.id)).first()
        assert interview is not None, "the demo seed writes answers for some interviews"
        result = score_stored_interview(session, interview, make_settings(url), now=NOW)
        session.commit()
        assert result.outcome in ("passed", "failed", "under_review")
        scored = [c for c in result.competencies if c.score is not None]
        assert scored and all(1 <= c.level <= 5 for c in scored)
        answers = " ".join(a.transcript for a in session.exec(select(Answer).where(Answer.interview_id == interview.id)))
        assert all(q in answers for c in scored for q in c.evidence)


def test_an_interview_is_scored_by_its_candidate_in_chat(seeded_sqlite_url, tmp_path):
    from assistant.agent import Assistant
    from candor.principal import Principal

    url = copy_sqlite(seeded_sqlite_url, tmp_path / "copy.db")
    with Session(get_engine(url)) as session:
        count = dict(session.exec(select(Interview.candidate_id, func.count()).group_by(Interview.candidate_id)).all())
        with_answers = session.exec(select(Interview).join(Answer, Answer.interview_id == Interview.id)
                                    .order_by(Interview.id)).all()
        only = next(i for i in with_answers if count[i.candidate_id] == 1)
        single = session.get(Candidate, only.candidate_id).external_id
        several = session.get(Candidate, next(c for c, n in count.items() if n > 1))
        theirs = sorted(i.external_id for i in session.exec(select(Interview).where(Interview.candidate_id == several.id)))
    assistant = Assistant(make_settings(url))
    hr = Principal(id="hana", audience="hr_manager")

    turn = assistant.ask(hr, f"the rubric changed, can you score {single}'s interview again?")
    [call] = turn.tool_calls
    assert call.arguments == {"candidate": single, "rescore": True}, call.arguments
    assert call.error is None and call.result["interview"] == only.external_id, turn.answer
    assert only.external_id in turn.answer

    asked = assistant.ask(hr, f"候选人{several.external_id}的面试帮我评一下分")  # two interviews: which one?
    assert asked.tool_calls[0].error["error"] == "which_interview", asked.answer
    assert all(i in asked.answer for i in theirs), asked.answer


# --- LLM scorer against a local OpenAI-compatible stand-in (real HTTP, real ChatOpenAI) -----------------------

def _llm_script(invent_for: str | None = None):
    def script(body: dict) -> dict:
        prompt = body["messages"][-1]["content"]
        transcript = prompt.split("Answer 1:\n", 1)[1]
        first = transcript.split(". ")[0]
        if invent_for and invent_for in prompt:
            return tool_call("CompetencyRating", {"level": 5, "score": 96,
                                                  "evidence_quotes": ["I led the company-wide simulation standard"]})
        return tool_call("CompetencyRating", {"level": 4, "score": 84, "evidence_quotes": [first],
                                              "rationale": "specific actions and results"})
    return script


def test_llm_scorer_uses_the_model_and_rejects_invented_quotes(catalogue_url):
    iid = _interview(catalogue_url, STRONG)
    with FakeOpenAI(_llm_script(invent_for="Competency: finite-element analysis")) as server:
        result = _score(catalogue_url, iid, CANDOR_PROVIDER="openai-compatible", CANDOR_OPENAI_BASE_URL=server.base_url,
                        OPENAI_API_KEY="sk-test", CANDOR_SCORER="llm")
        assert len(server.requests) == 4
        assert server.requests[0]["tools"][0]["function"]["name"] == "CompetencyRating"
    by_key = {c.key: c for c in result.competencies}
    assert by_key["structural_design"].scorer == "llm" and by_key["structural_design"].level == 4
    assert by_key["structural_design"].score == 84
    assert by_key["structural_design"].evidence == [STRONG["structural_design"].split(". ")[0]]
    fea = by_key["finite_element_analysis"]
    assert fea.scorer == "embedded-minilm-v1" and fea.level != 5  # the invented 5 was thrown away
    assert any("finite-element analysis" in n and "not in the transcript" in n and "embedded scorer instead" in n
               for n in result.notes)
    with Session(get_engine(catalogue_url)) as session:
        scoring = session.get(Interview, iid).scoring
        assert scoring["scorer"] == "llm"
        assert [f["competency"] for f in scoring["llm_fallbacks"]] == ["finite_element_analysis"]


def test_scorer_llm_without_a_provider_is_a_clear_error(catalogue_url):
    iid = _interview(catalogue_url, STRONG)
    with pytest.raises(ToolError) as err:
        _score(catalogue_url, iid, CANDOR_SCORER="llm")
    assert err.value.code == "no_llm_provider" and "CANDOR_SCORER=embedded" in err.value.message


def test_the_embedded_planner_is_never_taken_for_an_llm(catalogue_url):
    from assistant.planner import EmbeddedPlanner

    iid = _interview(catalogue_url, STRONG)
    with Session(get_engine(catalogue_url), expire_on_commit=False) as session:
        planner = EmbeddedPlanner(vocabulary=lambda: None, clock=lambda: NOW)
        result = score_stored_interview(session, session.get(Interview, iid), make_settings(catalogue_url), now=NOW,
                                        chat_model=planner)
    assert result.scorer == "embedded-minilm-v1" and not any("LLM" in n for n in result.notes)


def test_degraded_signals_are_noted_and_scoring_goes_on(catalogue_url):
    degraded = {"communication": {
        "notes": [{"signal": "speech", "code": "corrupt_media", "message": "answer4.wav is not readable audio"}],
        "face_signals": {"available": False, "reason": "no consent recorded for face analysis"}}}
    result = _score(catalogue_url, _interview(catalogue_url, STRONG, signals=degraded))
    assert "answer 4: speech: answer4.wav is not readable audio" in result.notes
    assert "answer 4: face signal unavailable: no consent recorded for face analysis" in result.notes
    assert all(c.score is not None for c in result.competencies)
    with Session(get_engine(catalogue_url)) as session:
        assert session.get(Interview, result.interview_id).scoring["notes"] == result.notes
