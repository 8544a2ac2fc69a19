"""A small company for the candidate-chat tests: candidates with approved, draft and no feedback.

The asking candidate (Alice) and the "friend" (Bob, C000124) have deliberately different scores,
names, emails and dates, so a leak of Bob's data into Alice's answers is unmistakable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from sqlmodel import Session

from candor import grounding
from candor.db import get_engine
from candor.models import (
    Answer,
    Candidate,
    Competency,
    CompetencyScore,
    FailureReason,
    FeedbackDraft,
    Interview,
    Outcome,
    Role,
)

# The staff the candidate tests sign in as (CANDOR_STAFF_TOKENS), and the HR manager's request header.
STAFF = {"hr-token-0123456789abcdef": {"id": "ana", "audience": "hr_manager"},
         "eval-token-0123456789abcdef": {"id": "eve", "audience": "evaluator"}}
HR = {"Authorization": "Bearer hr-token-0123456789abcdef"}


@dataclass
class Person:
    id: int
    external_id: str
    name: str
    email: str
    facts: dict = field(default_factory=dict)
    body: str = ""


@dataclass
class Company:
    url: str
    alice: Person  # English, failed Sales Manager, approved feedback, face consent
    wang: Person  # Chinese, failed Product Operations, approved feedback, no face consent
    bob: Person  # C000124, the "friend": failed, sent feedback with his own numbers
    carol: Person  # failed, feedback only a draft
    dan: Person  # applied, no interview yet
    everyone: list[Person] = field(default_factory=list)


def _facts(interview: str, role: Role, comp: Competency, score: float, required: float, reason: tuple[str, str],
           resources: list[dict], reapply: str, language: str) -> dict:
    return {"interview_external_id": interview, "role_key": role.key,
            "role_name": {"en": role.name_en, "zh": role.name_zh}, "outcome": "failed", "kind": "failed",
            "language": language,
            "below_minimum": [{"competency_key": comp.key, "name": {"en": comp.name_en, "zh": comp.name_zh},
                               "score": score, "required": required, "reason": {"en": reason[0], "zh": reason[1]},
                               "resources": resources}],
            "missing_skills": [], "reapply_after": reapply,
            "reapply_how": {"en": "Apply again on the careers site; your new interview is scored afresh.",
                            "zh": "请在招聘网站重新申请，新的面试会重新评分。"}}


def _letter(p: str, comp: str, score: float, required: float, reapply: str) -> str:
    return (f"Dear {p},\n\nThank you for your interview. Your {comp} score was {score:g}, below the {required:g} this "
            f"role requires. You can apply again from {reapply}.")


def build_company(url: str) -> Company:
    engine = get_engine(url)
    with Session(engine, expire_on_commit=False) as s:
        sales = Role(key="sales_manager", name_en="Sales Manager", name_zh="销售经理", pass_mark=70)
        ops = Role(key="product_operations", name_en="Product Operations", name_zh="产品运营", pass_mark=70)
        s.add_all([sales, ops])
        s.flush()
        negotiation = Competency(role_id=sales.id, key="negotiation", name_en="Negotiation", name_zh="谈判能力")
        insight = Competency(role_id=ops.id, key="user_needs_insight", name_en="User-needs insight",
                             name_zh="用户需求洞察")
        s.add_all([negotiation, insight])
        s.flush()

        def candidate(ext, name, email, language, consent):
            c = Candidate(external_id=ext, name=name, email=email, phone="+44 7700 900" + ext[-3:], language=language,
                          consent_face_analysis=consent, background_skills=["crm"], past_roles=["sales rep"])
            s.add(c)
            s.flush()
            return c

        def interview(c, role, comp, ext, when, score, required, outcome=Outcome.failed):
            iv = Interview(external_id=ext, candidate_id=c.id, role_id=role.id, outcome=outcome,
                           interviewed_at=when, total_score=score, role_match=0.8, decided_at=when)
            s.add(iv)
            s.flush()
            s.add(CompetencyScore(interview_id=iv.id, competency_id=comp.id, score=score, required=required,
                                  weight=0.3, evidence=["I usually give the discount the client asks for."]))
            s.add(FailureReason(interview_id=iv.id, category="competency_gap", competency_id=comp.id, score=score,
                                required=required, detail="internal note: candidate hesitated"))
            for i in range(3):
                s.add(Answer(interview_id=iv.id, competency_id=comp.id, question_text=f"Question {i}",
                             transcript="I would listen to the client first.", media_ref=f"media/{ext}-{i}.webm",
                             language=c.language, duration_s=41.5, speech_features={"wpm": 131.7, "pause_ratio": 0.27},
                             face_signals={"smile": 0.61, "presence": 0.97}))
            return iv

        def letter(iv, status, language, facts, body):
            s.add(FeedbackDraft(interview_id=iv.id, language=language, body=body, kind="failed", status=status,
                                facts=facts, created_by="recruiter:rita",
                                approved_by="hr:ana" if status != "draft" else None))

        a = candidate("C000101", "Alice Moreau", "alice.moreau@example.org", "en", True)
        iv = interview(a, sales, negotiation, "I900101", datetime(2026, 10, 12, 9, tzinfo=timezone.utc), 65, 80)
        a_facts = _facts("I900101", sales, negotiation, 65, 80,
                         ("You accepted the client's first price without exploring alternatives.",
                          "您接受了客户的第一个报价，没有探索其他方案。"),
                         [{"title": "Getting to Yes (Fisher & Ury)", "kind": "book"},
                          {"title": "Negotiation role-play workshop", "url": "https://learn.example.org/negotiation"}],
                         "2027-04-12", "en")
        a_body = _letter("Alice", "negotiation", 65, 80, "2027-04-12")
        letter(iv, "approved", "en", a_facts, a_body)

        w = candidate("C000102", "王芳", "wang.fang@example.cn", "zh", False)
        iv = interview(w, ops, insight, "I900102", datetime(2026, 9, 20, 9, tzinfo=timezone.utc), 60, 80)
        w_facts = _facts("I900102", ops, insight, 60, 80,
                         ("You described features, not the users' problems.", "您描述的是功能，而不是用户的问题。"),
                         [{"title": "《用户体验要素》", "kind": "book"}], "2027-03-20", "zh")
        w_body = "王芳您好：\n\n您的用户需求洞察得分为 60，低于该岗位要求的 80。您可以从 2027-03-20 起再次申请。"
        letter(iv, "sent", "zh", w_facts, w_body)

        b = candidate("C000124", "Bartholomew Quist", "bart.quist@example.net", "en", True)
        iv = interview(b, sales, negotiation, "I900124", datetime(2026, 8, 3, 9, tzinfo=timezone.utc), 42, 75)
        b_facts = _facts("I900124", sales, negotiation, 42, 75, ("Bart gave up at the first objection.", "放弃了。"),
                         [{"title": "Bart's private coaching plan", "kind": "course"}], "2027-02-03", "en")
        b_body = _letter("Bartholomew", "negotiation", 42, 75, "2027-02-03")
        letter(iv, "sent", "en", b_facts, b_body)

        c = candidate("C000103", "Carol Lindqvist", "carol.l@example.org", "en", False)
        iv = interview(c, sales, negotiation, "I900103", datetime(2026, 11, 2, 9, tzinfo=timezone.utc), 58, 80)
        letter(iv, "draft", "en", _facts("I900103", sales, negotiation, 58, 80, ("x", "x"), [], "2027-05-02", "en"),
               _letter("Carol", "negotiation", 58, 80, "2027-05-02"))

        d = candidate("C000104", "Dmitri Volkov", "dmitri.v@example.org", "en", False)
        s.commit()
        people = [Person(a.id, a.external_id, a.name, a.email, a_facts, a_body),
                  Person(w.id, w.external_id, w.name, w.email, w_facts, w_body),
                  Person(b.id, b.external_id, b.name, b.email, b_facts, b_body),
                  Person(c.id, c.external_id, c.name, c.email), Person(d.id, d.external_id, d.name, d.email)]
    return Company(url, *people, everyone=people)


def numbers_in(text: str) -> set[str]:
    """Every number in a text, normalised (65.0 → 65), dates split into their parts."""
    return {f"{value:g}" for value in grounding.numbers_in(text, inside_words=True)}


def built_once(directory) -> Company:
    """The company in a migrated SQLite file, built once; `copy_of` gives each test its own copy."""
    from candor.migrate import upgrade

    url = f"sqlite:///{directory / 'company.db'}"
    upgrade(url)
    company = build_company(url)
    get_engine(url).dispose()
    return company


def copy_of(company: Company, directory) -> Company:
    """A copy of the company's SQLite file (the backup API, so WAL content comes along)."""
    import sqlite3
    from dataclasses import replace

    target = directory / "candidate-copy.db"
    with sqlite3.connect(company.url[len("sqlite:///"):]) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return replace(company, url=f"sqlite:///{target}")
