"""Feedback letters: facts from stored scores, both languages, each outcome, the never-in-a-letter list,
the fact checker, the LLM polish against a real local HTTP server, and the draft → approved → sent lifecycle
on SQLite and PostgreSQL."""

from __future__ import annotations

import re
import shutil
from datetime import datetime, timedelta, timezone

import pytest
from sqlmodel import Session, select

from candor.db import get_engine
from candor.migrate import upgrade
from candor.models import (
    Answer,
    AuditEvent,
    Candidate,
    Competency,
    CompetencyScore,
    Demographics,
    FailureReason,
    FeedbackDraft,
    Interview,
    Role,
)
from candor.principal import Principal
from tests.conftest import NOW, copy_sqlite, make_settings
from tests.fake_openai import FakeOpenAI
from tools.base import ToolDeps, ToolError
from tools.feedback.check import FactCheckError, check_body
from tools.feedback.draft import SPEC, SPEC_REVIEW

RECRUITER = Principal(id="rita", audience="recruiter")
HR = Principal(id="hana", audience="hr_manager")
DECIDED = datetime(2026, 10, 3, 10, 0, tzinfo=timezone.utc)

# Planted where a letter must never look: each must never appear in any letter.
FORBIDDEN = {
    "demographics": ["Nonbinary-planted", "55-64", "PhD-planted"],
    "other candidate": ["Zed Otherperson", "C999999", "I9999999", "41"],
    "speech signals": ["187", "0.37", "words per minute", "pause"],
    "facial signals": ["fearful-planted", "0.93", "emotion"],
    "weights": ["0.25", "25%", "weight"],
    "internal notes": ["borderline-planted", "seemed anxious", "INTERNAL", "nervous-planted"],
    "behaviour detail": ["handle pressure", "long pauses", "filler rate", "9%"],
    "failure detail": ["0.33 < 0.50"],
}


def plant_world(session: Session, *, language: str = "en", outcome: str = "failed", gaps: bool = True,
                job_match: bool = True, behaviour: bool = True) -> Interview:
    """A Field Technician interview with its scores, and every forbidden thing planted around it."""
    role = session.exec(select(Role).where(Role.key == "field_technician")).first()
    if role is None:
        role = Role(key="field_technician", name_en="Field Technician", name_zh="一线技术", min_role_match=0.5,
                    required_skills=["hydraulics", "electrical_maintenance", "plc_basics"])
        session.add(role)
        session.flush()
        for key, en, zh in (("equipment_troubleshooting", "equipment troubleshooting", "设备故障排查"),
                            ("safety_procedures", "safety procedures", "安全规程")):
            session.add(Competency(role_id=role.id, key=key, name_en=en, name_zh=zh))
        session.flush()
    comps = {c.key: c for c in session.exec(select(Competency).where(Competency.role_id == role.id))}
    n = session.exec(select(Candidate)).all().__len__() + 1
    candidate = Candidate(external_id=f"C{n:06d}", name="Ana Lopez" if language == "en" else "李娜", language=language,
                          background_skills=["hydraulics"], claims=["I handle pressure well"])
    other = Candidate(external_id="C999999" if n == 1 else f"C99{n:04d}", name="Zed Otherperson", language="en")
    session.add_all([candidate, other])
    session.flush()
    session.add(Demographics(candidate_id=candidate.id, gender="Nonbinary-planted", age_band="55-64",
                             education="PhD-planted"))
    interview = Interview(external_id=f"I{n:07d}", candidate_id=candidate.id, role_id=role.id,
                          interviewed_at=DECIDED, decided_at=DECIDED, outcome=outcome, total_score=71.5,
                          role_match=0.33, scoring={"weights": {"equipment_troubleshooting": 0.25},
                                                    "note": "internal: borderline-planted"})
    theirs = Interview(external_id="I9999999" if n == 1 else f"I99{n:05d}", candidate_id=other.id, role_id=role.id,
                       interviewed_at=DECIDED, decided_at=DECIDED, outcome="failed")
    session.add_all([interview, theirs])
    session.flush()
    trouble, safety = comps["equipment_troubleshooting"], comps["safety_procedures"]
    session.add_all([
        CompetencyScore(interview_id=interview.id, competency_id=trouble.id, score=60 if gaps else 80, required=75,
                        weight=0.25, evidence=["INTERNAL: nervous-planted, recruiter thinks so",
                                               "I'd replace parts one by one until the machine runs again."]),
        CompetencyScore(interview_id=interview.id, competency_id=safety.id, score=88, required=70, weight=0.3,
                        evidence=["I always lock out the machine first."]),
        CompetencyScore(interview_id=theirs.id, competency_id=trouble.id, score=41, required=75, weight=0.25,
                        evidence=["Zed Otherperson's answer"]),
        Answer(interview_id=interview.id, competency_id=trouble.id, transcript="…",
               speech_features={"words_per_minute": 187, "pause_ratio": 0.37, "long_pauses": 5},
               face_signals={"dominant": "fearful-planted", "fear": 0.93},
               notes=["internal: candidate seemed anxious"]),
    ])
    if outcome == "failed" and gaps:
        session.add(FailureReason(interview_id=interview.id, category="competency_gap", competency_id=trouble.id,
                                  score=60, required=75, detail="equipment troubleshooting 60 < 75"))
    if outcome == "failed" and job_match:
        session.add(FailureReason(interview_id=interview.id, category="job_match", score=0.33, required=0.5,
                                  detail="role match 0.33 < 0.50: missing electrical maintenance, PLC basics"))
    if behaviour:
        session.add(FailureReason(interview_id=interview.id, category="behavior_inconsistency",
                                  detail="claims to handle pressure well; 5 long pauses and filler rate 9%"))
    session.flush()
    return interview


@pytest.fixture(scope="module")
def migrated_file(tmp_path_factory):
    """Migrating costs seconds: once per module, then each test gets its own copy of the file."""
    path = tmp_path_factory.mktemp("feedback") / "migrated.db"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture
def deps(migrated_file, tmp_path):
    shutil.copy(migrated_file, tmp_path / "candor.db")
    url = f"sqlite:///{tmp_path / 'candor.db'}"
    with Session(get_engine(url), expire_on_commit=False) as session:
        yield ToolDeps(session=session, principal=RECRUITER, now=NOW, settings=make_settings(url))


def draft(deps, **args):
    return SPEC.call(deps, args)


def assert_clean(body: str) -> None:
    for what, planted in FORBIDDEN.items():
        for text in planted:
            assert text.casefold() not in body.casefold(), f"{what} leaked into the letter: {text!r}\n{body}"


def test_failed_letter_in_english_states_scores_evidence_resources_and_reapply(deps):
    interview = plant_world(deps.session)
    result = draft(deps, interview=interview.external_id)
    body, facts = result.draft.body, result.draft.facts
    assert result.draft.language == "en" and result.draft.kind == "failed" and result.draft.status == "draft"
    assert "Your equipment troubleshooting score was 60, below the 75 this role requires" in body.replace(
        "your equipment", "Your equipment")
    assert "I'd replace parts one by one until the machine runs again." in body  # the evidence, not the internal one
    assert "Hydraulic systems troubleshooting workshop" in body  # a resource from the role profile
    assert "safety procedures" not in body.casefold()  # 88 ≥ 70: not a gap, never named
    assert "electrical maintenance" in body and "PLC basics" in body and "hydraulics," not in body  # job match
    assert facts["reapply_after"] == (DECIDED.date() + timedelta(days=90)).isoformat() == "2027-01-01"
    assert "1 January 2027" in body
    assert facts["categories"] == ["competency_gap", "job_match"]
    assert "Ana Lopez" not in body and "Ana Lopez" not in str(facts)  # no names: staff read letters in chat
    assert_clean(body)


def test_failed_letter_in_chinese(deps):
    interview = plant_world(deps.session, language="zh")
    body = draft(deps, interview=interview.external_id).draft.body
    assert "您的设备故障排查得分为60分，低于该岗位要求的75分" in body
    assert "液压系统故障排查实训" in body and "电气维修" in body and "PLC基础" in body
    assert "2027年1月1日" in body and "李娜" not in body  # no names: staff read letters in chat
    assert_clean(body)


def test_language_override_and_candidate_lookup(deps):
    interview = plant_world(deps.session, language="zh")
    candidate = deps.session.get(Candidate, interview.candidate_id)
    result = draft(deps, candidate=candidate.external_id, language="en")
    assert result.draft.interview_external_id == interview.external_id and result.draft.language == "en"
    assert "your equipment troubleshooting score was 60" in result.draft.body


def test_job_match_only_letter_names_missing_skills(deps):
    interview = plant_world(deps.session, gaps=False, behaviour=False)
    body = draft(deps, interview=interview.external_id).draft.body
    assert "the role requires skills your application did not show: electrical maintenance, PLC basics." in body
    assert "score was" not in body
    assert_clean(body)


def test_failed_without_a_stored_reason_states_none(deps):
    interview = plant_world(deps.session, gaps=False, job_match=False, behaviour=False)
    body = draft(deps, interview=interview.external_id).draft.body
    assert "did not reach the overall level" in body and "score was" not in body and "71.5" not in body
    assert_clean(body)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_under_review_letter_guesses_no_reasons(deps, language):
    interview = plant_world(deps.session, language=language, outcome="under_review", job_match=False)
    result = draft(deps, interview=interview.external_id)
    body = result.draft.body
    assert result.draft.kind == "under_review" and result.draft.facts["below_minimum"] == []
    assert ("reviewing it in person" if language == "en" else "人工复核") in body
    assert not re.search(r"score|得分|requires|要求的", body)
    assert_clean(body)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_passed_letter(deps, language):
    interview = plant_world(deps.session, language=language, outcome="passed", gaps=False, job_match=False,
                            behaviour=False)
    body = draft(deps, interview=interview.external_id).draft.body
    assert ("you passed it" if language == "en" else "您已通过本次面试") in body
    assert_clean(body)


def test_pending_interview_and_unknown_ids_are_clear_errors(deps):
    interview = plant_world(deps.session, outcome="pending", job_match=False, behaviour=False)
    with pytest.raises(ToolError) as err:
        draft(deps, interview=interview.external_id)
    assert err.value.code == "not_decided" and "not scored yet" in err.value.message
    with pytest.raises(ToolError) as err:
        draft(deps, interview="I0404040")
    assert err.value.code == "unknown_interview" and "找不到面试" in err.value.data["message_zh"]
    with pytest.raises(ToolError) as err:
        draft(deps)
    assert err.value.code == "target_needed"


# --- the checker -----------------------------------------------------------------------------------

def _facts(deps):
    interview = plant_world(deps.session)
    result = draft(deps, interview=interview.external_id)
    return result.draft.body, result.draft.facts


NAMES = [("equipment troubleshooting", "设备故障排查"), ("safety procedures", "安全规程")]


@pytest.mark.parametrize("change, problem", [
    (lambda b: b.replace("score was 60", "score was 65"), "65"),
    (lambda b: b + "\nYou were one of 12 candidates.", "12"),
    (lambda b: re.sub("equipment troubleshooting", "troubleshooting", b, flags=re.I),
     "leaves out equipment troubleshooting"),
    (lambda b: b + "\nYour safety procedures were strong.", "names safety procedures"),
    (lambda b: b + "\nYou spoke at a fast speech rate.", "speech rate"),
    (lambda b: b + "\nWe noticed long pauses.", "pauses"),
    (lambda b: b + "\nThe weights favour troubleshooting.", "weights"),
    (lambda b: b + "\nYour facial expression seemed tense.", "facial"),
    (lambda b: b + "\nYour gender was not a factor.", "gender"),
])
def test_checker_rejects_what_the_facts_do_not_back(deps, change, problem):
    body, facts = _facts(deps)
    check_body(body, facts, role_competencies=NAMES)  # the template letter passes
    with pytest.raises(FactCheckError) as err:
        check_body(change(body), facts, role_competencies=NAMES)
    assert problem in str(err.value)
    assert err.value.message_zh.startswith("反馈信与存储的评分不一致")


# --- the LLM polish, against a real local chat-completions server ------------------------------------

def _polish_deps(deps, fake):
    deps.settings = make_settings(str(deps.session.get_bind().url), CANDOR_PROVIDER="openai-compatible",
                                  CANDOR_OPENAI_BASE_URL=fake.base_url, OPENAI_API_KEY="sk-test",
                                  CANDOR_OPENAI_MODEL="polisher-1")
    return deps


def _letter_in(request: dict) -> str:
    text = request["messages"][-1]["content"]
    return text.split("LETTER:\n", 1)[1].split("\n\nFACTS:\n", 1)[0]


def test_polish_is_stored_when_its_facts_agree(deps):
    interview = plant_world(deps.session)
    reword = lambda req: {"content": _letter_in(req).replace("Thank you for taking", "Many thanks for taking")}
    with FakeOpenAI(reword) as fake:
        result = draft(_polish_deps(deps, fake), interview=interview.external_id)
    assert result.polish.status == "polished" and result.draft.polished_by == "polisher-1"
    assert result.draft.body.startswith("Dear applicant,\n\nMany thanks for taking")
    assert "FACTS" in fake.requests[0]["messages"][-1]["content"]


def test_polish_that_changes_a_number_is_rejected_and_the_template_kept(deps):
    interview = plant_world(deps.session)
    cheat = lambda req: {"content": _letter_in(req).replace("score was 60", "score was 65")}
    with FakeOpenAI(cheat) as fake:
        result = draft(_polish_deps(deps, fake), interview=interview.external_id)
    assert result.polish.status == "rejected" and "65" in result.polish.error
    assert "template letter was kept" in result.polish.error and "已保留模板" in result.polish.error_zh
    assert "score was 60" in result.draft.body and result.draft.polished_by is None
    assert len(fake.requests) == 1


# --- the lifecycle, on SQLite and PostgreSQL --------------------------------------------------------

def _review(deps, draft_id, action, **extra):
    return SPEC_REVIEW.call(deps, {"draft_id": draft_id, "action": action, **extra})


def test_lifecycle_transitions_and_audit(db_url):
    with Session(get_engine(db_url), expire_on_commit=False) as session:
        deps = ToolDeps(session=session, principal=RECRUITER, now=NOW, settings=make_settings(db_url))
        interview = plant_world(session)
        first = draft(deps, interview=interview.external_id).draft
        again = draft(deps, interview=interview.external_id)  # still a draft: replaced in place
        assert again.outcome == "replaced" and again.draft.id == first.id
        assert session.exec(select(FeedbackDraft)).all().__len__() == 1

        with pytest.raises(ToolError) as err:
            _review(deps, first.id, "send")
        assert err.value.code == "bad_transition" and "Approve it first" in err.value.message
        deps.principal = HR
        approved = _review(deps, first.id, "approve").draft
        assert approved.status == "approved" and approved.approved_by == "hana"
        with pytest.raises(ToolError) as err:
            _review(deps, first.id, "approve")
        assert err.value.code == "bad_transition" and "already approved" in err.value.message
        with pytest.raises(ToolError) as err:
            draft(deps, interview=interview.external_id)
        assert err.value.code == "already_approved" and "replace_approved" in err.value.message

        # An edit is re-checked; a bad one changes nothing, a good one sends the letter back to draft.
        with pytest.raises(ToolError) as err:
            _review(deps, first.id, "edit", body=approved.body.replace("score was 60", "score was 70"))
        assert err.value.code == "fact_check_failed" and "70" in err.value.message
        assert session.get(FeedbackDraft, first.id).status == "approved"
        edited = _review(deps, first.id, "edit", body=approved.body.replace("Kind regards", "Best wishes"))
        assert edited.previous_status == "approved" and edited.draft.status == "draft"
        assert edited.draft.approved_by is None and "Best wishes" in edited.draft.body

        deps.principal = RECRUITER
        _review(deps, first.id, "approve")
        sent = _review(deps, first.id, "send").draft
        assert sent.status == "sent" and sent.sent_at is not None
        for action, extra in (("edit", {"body": sent.body}), ("approve", {}), ("send", {})):
            with pytest.raises(ToolError) as err:
                _review(deps, first.id, action, **extra)
            assert err.value.code == "bad_transition"
        with pytest.raises(ToolError) as err:
            draft(deps, interview=interview.external_id, replace_approved=True)
        assert err.value.code == "already_sent"

        deps.principal = Principal(id="eve", audience="evaluator")
        with pytest.raises(ToolError) as err:
            _review(deps, first.id, "approve")
        assert err.value.code == "forbidden"
        session.commit()

        changes = [(e.action, e.arguments["from"], e.arguments["to"]) for e in session.exec(
            select(AuditEvent).where(AuditEvent.action.like("feedback_draft.%")).order_by(AuditEvent.id))]
        assert changes == [("feedback_draft.created", None, "draft"), ("feedback_draft.replaced", "draft", "draft"),
                           ("feedback_draft.approved", "draft", "approved"),
                           ("feedback_draft.edited", "approved", "draft"),
                           ("feedback_draft.approved", "draft", "approved"),
                           ("feedback_draft.sent", "approved", "sent")]
        refused = session.exec(select(AuditEvent.action).where(AuditEvent.outcome.in_(["error", "denied"]))).all()
        # Every refused change is on record too: 7 reviews and 2 re-drafts.
        assert sorted(refused) == ["draft_feedback"] * 2 + ["review_feedback"] * 7


def test_replace_approved_sends_it_back_to_draft(deps):
    interview = plant_world(deps.session)
    first = draft(deps, interview=interview.external_id).draft
    _review(deps, first.id, "approve")
    again = draft(deps, interview=interview.external_id, replace_approved=True)
    assert again.outcome == "replaced" and again.draft.id == first.id and again.draft.status == "draft"


# --- batch and chat, on a copy of the seeded demo company ----------------------------------------------

@pytest.fixture
def demo_url(seeded_sqlite_url, tmp_path):
    """The demo company as seeded: letters that tests in other files drafted in the shared database are left out."""
    url = copy_sqlite(seeded_sqlite_url, tmp_path / "demo.db")
    with Session(get_engine(url)) as session:
        for letter in session.exec(select(FeedbackDraft)).all():
            session.delete(letter)
        session.commit()
    return url


def test_batch_for_a_role_and_period_skips_approved_letters(demo_url):
    with Session(get_engine(demo_url), expire_on_commit=False) as session:
        deps = ToolDeps(session=session, principal=RECRUITER, now=NOW, settings=make_settings(demo_url))
        role = session.exec(select(Role).where(Role.key == "field_technician")).one()
        failed = session.exec(select(Interview).where(
            Interview.role_id == role.id, Interview.outcome == "failed",
            Interview.interviewed_at >= datetime(2026, 10, 1, tzinfo=timezone.utc),
            Interview.interviewed_at < datetime(2026, 11, 1, tzinfo=timezone.utc))).all()
        batch = draft(deps, role="一线技术", period="10月份").batch
        assert batch.failed == len(failed) > 5 and batch.created == len(failed) and batch.errors == 0
        first, second = batch.listed[0].draft_id, batch.listed[1].draft_id
        _review(deps, first, "approve")
        _review(deps, second, "approve")
        _review(deps, second, "send")
        again = draft(deps, role="Field Technician", period="October").batch
        assert (again.skipped_approved, again.skipped_sent, again.replaced, again.created) == (1, 1, len(failed) - 2, 0)
        letters = session.exec(select(FeedbackDraft)).all()
        assert len(letters) == len(failed)
        by_language = {d.language for d in letters}
        assert by_language == {"en", "zh"}  # each candidate in their own language
        for d in letters:
            for item in d.facts["below_minimum"]:
                assert f"{item['score']:g}" in d.body and f"{item['required']:g}" in d.body


PHRASES = [
    ("Draft feedback for candidate C000123", "draft_feedback", {"candidate": "C000123"}),
    ("Draft feedback for interview I0000812", "draft_feedback", {"interview": "I0000812"}),
    ("Draft feedback for everyone who failed Field Technician in October", "draft_feedback",
     {"role": "field_technician", "period": "2026-10"}),
    ("Show feedback draft 1", "review_feedback", {"draft_id": 1}),  # "show" is the default
    ("Approve feedback draft 1", "review_feedback", {"draft_id": 1, "action": "approve"}),
    ("给候选人C000123起草反馈", "draft_feedback", {"candidate": "C000123"}),
    ("为10月份一线技术未通过的候选人起草反馈", "draft_feedback", {"role": "field_technician", "period": "2026-10"}),
    ("批准反馈草稿2", "review_feedback", {"draft_id": 2, "action": "approve"}),
]


def test_planner_phrases_in_both_languages(demo_url):
    from assistant.agent import Assistant

    assistant = Assistant(make_settings(demo_url))
    turns = []
    for text, tool, args in PHRASES:
        turn = assistant.ask(HR, text)
        assert [c.tool for c in turn.tool_calls] == [tool], (text, turn.answer)
        call = turn.tool_calls[0]
        assert {k: str(v).lower() for k, v in call.arguments.items()} == {k: str(v).lower() for k, v in args.items()}
        if text.startswith("给候选人"):  # draft 1 was approved a turn earlier: a clear refusal, in Chinese
            assert call.error["error"] == "already_approved" and "即使已批准" in turn.answer
        else:
            assert call.error is None, (text, call.error)
        turns.append(turn)
    single = turns[0].tool_calls[0].result["draft"]
    assert single["body"] in turns[0].answer  # the letter in full
    for item in single["facts"]["below_minimum"]:
        assert f"{item['score']:g}" in turns[0].answer
    batch = turns[2].tool_calls[0].result["batch"]
    assert f"{batch['failed']} failed interviews" in turns[2].answer
    assert f"共 {batch['failed']} 场未通过的面试" in turns[6].answer
    assert "approved" in turns[4].answer and "已由" in turns[7].answer
    evaluator = assistant.ask(Principal(id="eve", audience="evaluator"), "Draft feedback for candidate C000123")
    assert evaluator.tool_calls == [] and "not something your account" in evaluator.answer


def test_a_letter_is_edited_in_chat_by_the_words_quoted(demo_url):
    from assistant.agent import Assistant

    assistant = Assistant(make_settings(demo_url))
    drafted = assistant.ask(HR, "Draft feedback for candidate C000123")
    letter = drafted.tool_calls[0].result["draft"]
    greeting = letter["body"].splitlines()[0]

    def stored() -> str:
        with Session(get_engine(demo_url)) as session:
            return session.get(FeedbackDraft, letter["id"]).body

    # Right after the letter was shown: that letter, each quoted change made, re-checked and stored.
    turn = assistant.ask(HR, f'replace "{greeting}" with "Dear Wang Wei," and add "Kind regards, the recruiting team" '
                             "at the end", drafted.conversation_id)
    [call] = turn.tool_calls
    assert (call.tool, call.arguments["draft_id"], call.arguments["action"], call.error) == (
        "review_feedback", letter["id"], "edit", None), turn.answer
    assert stored().startswith("Dear Wang Wei,") and stored().endswith("Kind regards, the recruiting team")
    assert "edited" in turn.answer and "Dear Wang Wei," in turn.answer

    # The letter by the candidate it is for; a candidate with none is told how to draft one.
    by_candidate = assistant.ask(HR, "Can you open the feedback letter for C000123? I want to check the tone")
    assert [(c.tool, c.arguments.get("candidate"), c.result["draft"]["id"]) for c in by_candidate.tool_calls] == [
        ("review_feedback", "C000123", letter["id"])], by_candidate.answer
    nobody = assistant.ask(HR, "C000124的反馈信调出来我看下")
    assert nobody.tool_calls[0].error["error"] == "no_letter" and "起草反馈" in nobody.answer, nobody.answer
    assert "失败" not in nobody.answer  # no letter yet is a state to tell, not a failure
    none_en = assistant.ask(HR, "is there already a feedback draft for C000124 or do i gotta make one")
    assert none_en.tool_calls[0].error["error"] == "no_letter", none_en.answer
    assert none_en.answer.startswith("There is no feedback letter for candidate C000124 yet"), none_en.answer

    shown = assistant.ask(HR, f"看一下第{letter['id']}号草稿")
    removed = assistant.ask(HR, "把“Kind regards, the recruiting team”删掉", shown.conversation_id)
    assert removed.tool_calls[0].error is None and "the recruiting team" not in stored(), removed.answer
    assert "已修改" in removed.answer

    # Words that are not quoted, or not in the letter, or a score the stored facts do not back: nothing changes.
    before = stored()
    vague = assistant.ask(HR, "把结尾的落款改成人力资源部", shown.conversation_id)
    assert vague.tool_calls[0].error["error"] == "body_needed" and "引号" in vague.answer, vague.answer
    missing = assistant.ask(HR, f'in draft {letter["id"]}, replace "Dear hiring team" with "Hello"')
    assert missing.tool_calls[0].arguments["draft_id"] == letter["id"]
    assert missing.tool_calls[0].error["error"] == "text_not_found" and "Dear hiring team" in missing.answer
    score = f"{letter['facts']['below_minimum'][0]['score']:g}"
    changed = assistant.ask(HR, f'in draft {letter["id"]} change "{score}" to "99"')
    assert changed.tool_calls[0].arguments["draft_id"] == letter["id"], changed.tool_calls  # 99 is the letter's
    assert changed.tool_calls[0].error["error"] == "fact_check_failed", changed.answer
    assert stored() == before


def test_a_letter_is_asked_for_again_in_the_other_language(demo_url):
    from assistant.agent import Assistant

    assistant = Assistant(make_settings(demo_url))
    drafted = assistant.ask(HR, "Draft feedback for candidate C000123")
    letter = drafted.tool_calls[0].result["draft"]
    other = "zh" if letter["language"] == "en" else "en"
    asks = {"zh": ["Can you do a Chinese version too?", "能不能翻译成中文发我"],
            "en": ["Could I get an English version as well?", "再出一份英文版的吧"]}
    for ask in asks[other]:  # right after the letter: that candidate's letter again, in the other language
        turn = assistant.ask(HR, ask, drafted.conversation_id)
        [call] = turn.tool_calls
        assert (call.tool, call.arguments, call.error) == (
            "draft_feedback", {"interview": letter["interview_external_id"], "language": other}, None), turn.answer
        assert call.result["draft"]["language"] == other
    # After a letter shown by its number, too; with no letter before, nobody is guessed.
    shown = assistant.ask(HR, f"show feedback draft {letter['id']}")
    back = assistant.ask(HR, f"and in {'English' if letter['language'] == 'en' else 'Chinese'}?", shown.conversation_id)
    assert [(c.tool, c.arguments.get("interview"), c.arguments.get("language")) for c in back.tool_calls] == [
        ("draft_feedback", letter["interview_external_id"], letter["language"])], back.answer
    warmer = assistant.ask(HR, "make it sound a little warmer", drafted.conversation_id)  # an edit, which needs quotes
    assert [(c.tool, c.arguments.get("action")) for c in warmer.tool_calls] == [("review_feedback", "edit")], warmer.answer
    again = assistant.ask(HR, "给C000123写一封反馈信")
    shorter = assistant.ask(HR, "写得中，就是开头整太长了，砍短点", again.conversation_id)  # right after the letter
    assert [(c.tool, c.arguments.get("action")) for c in shorter.tool_calls] == [("review_feedback", "edit")], shorter.answer
    fresh = assistant.ask(HR, "Can you do a Chinese version too?")
    assert all(c.tool != "draft_feedback" or "interview" not in c.arguments for c in fresh.tool_calls), fresh.answer


def test_changes_to_a_letter_are_made_everywhere_and_leave_no_gaps():
    from tools.feedback.edits import TextChange, changed_body

    body = "Dear candidate,\n\nThank you, candidate. We were very  impressed.\n\nP.S. see below\n\nKind regards"
    changed = changed_body(body, 7, [TextChange(find="candidate", replace_with="Ms Li"),
                                     TextChange(find="VERY", replace_with=""),  # case aside, as the letter has it
                                     TextChange(find="P.S. see below", replace_with="")], "Hana, HR")
    assert changed == "Dear Ms Li,\n\nThank you, Ms Li. We were impressed.\n\nKind regards\n\nHana, HR"
    with pytest.raises(ToolError) as err:
        changed_body(body, 7, [TextChange(find="Dear applicant", replace_with="Hi")], None)
    assert err.value.code == "text_not_found" and "Dear applicant" in err.value.message


def test_a_letter_of_a_batch_just_drafted_is_named_by_its_place(demo_url):
    from assistant.agent import Assistant

    assistant = Assistant(make_settings(demo_url))
    batch = assistant.ask(HR, "帮我给上个月市场策划挂了的那些人都写一下反馈信")
    listed = batch.tool_calls[0].result["batch"]["listed"]
    assert len(listed) >= 2, batch.answer
    first = assistant.ask(HR, "写好了嘛？给我看下第一封。", batch.conversation_id)
    assert [(c.tool, c.arguments) for c in first.tool_calls] == [
        ("review_feedback", {"draft_id": listed[0]["draft_id"]})], first.answer
    again = assistant.ask(HR, "Draft feedback for everyone who failed Marketing Planner last month")
    last = again.tool_calls[0].result["batch"]["listed"]
    shown = assistant.ask(HR, "show me the last one", again.conversation_id)
    assert [(c.tool, c.arguments) for c in shown.tool_calls] == [
        ("review_feedback", {"draft_id": last[-1]["draft_id"]})], shown.answer


@pytest.mark.parametrize("asked, then", [
    ("how many failed the marketing planner interview last month?", "can you draft feedback letters for these people?"),
    ("上个月市场策划挂了多少人", "帮这些人都写一下反馈信"),
])
def test_letters_for_the_people_just_counted_are_drafted_for_that_role_and_period(demo_url, asked, then):
    from assistant.agent import Assistant

    assistant = Assistant(make_settings(demo_url))
    counted = assistant.ask(HR, asked)
    stats = counted.tool_calls[0]
    batch = assistant.ask(HR, then, counted.conversation_id)
    assert [(c.tool, c.arguments.get("role"), c.arguments.get("period")) for c in batch.tool_calls] == [
        ("draft_feedback", stats.arguments["role"], stats.arguments["period"])], batch.answer
    assert batch.tool_calls[0].result["batch"]["failed"] == stats.result["failed"], batch.answer  # the same people
