"""Find the interview a letter is about and gather its facts from stored scores and the role profile.

Only these columns are read: scores, minimums and evidence quotes of competencies below their
minimum, failure-reason categories, the role's required skills against the candidate's background
skills, and the candidate's language. Weights, speech and face signals, answer notes, failure
detail text and demographics are never selected, so a letter cannot state them.
"""

from __future__ import annotations

import math
import re
from typing import Any, Optional

from sqlmodel import Session, select

from candor.models import (
    Candidate,
    Competency,
    CompetencyScore,
    FailureReason,
    Interview,
    Outcome,
    Role,
)
from knowledge.catalogue import CompetencySpec, RoleSpec, default_roles
from tools.base import ToolError
from tools.feedback.facts import (
    BelowMinimum,
    Facts,
    Resource,
    Skill,
    Text2,
    date_text,
    reapply_date,
)
from tools.feedback.skills import skill_names

INTERNAL_MARK = re.compile(r"^\s*(\[?internal\]?|内部)\s*[:：\]]?", re.I)
def latest_decided_interview(session: Session, candidate: Candidate) -> Interview:
    decided = [Outcome.passed, Outcome.failed, Outcome.under_review]
    found = session.exec(select(Interview).where(Interview.candidate_id == candidate.id,
                                                 Interview.outcome.in_(decided))
                         .order_by(Interview.interviewed_at.desc(), Interview.id.desc())).first()
    if found is None:
        raise ToolError("no_decided_interview", f"Candidate {candidate.external_id} has no decided interview yet: "
                        "a letter can be drafted once the interview is scored.", candidate=candidate.external_id,
                        message_zh=f"候选人 {candidate.external_id} 还没有已出结果的面试：面试评分后才能起草反馈。")
    return found


def letter_kind(interview: Interview) -> str:
    outcome = Outcome(interview.outcome)
    if outcome == Outcome.pending:
        raise ToolError("not_decided", f"Interview {interview.external_id} is not scored yet: a letter can be "
                        "drafted once it has an outcome.", interview=interview.external_id,
                        message_zh=f"面试 {interview.external_id} 尚未评分：有结果后才能起草反馈。")
    return outcome.value


def build_facts(session: Session, interview: Interview, settings: Any, language: Optional[str] = None) -> Facts:
    candidate = session.get(Candidate, interview.candidate_id)
    role = session.get(Role, interview.role_id)
    kind = letter_kind(interview)
    language = language or (candidate.language if candidate and candidate.language in ("en", "zh") else "en")
    profile = _profile(role.key)
    categories = sorted(set(_categories(session, interview.id)))
    below, missing, skill_resources = [], [], []
    if kind == "failed":
        below = _below_minimum(session, interview, profile, language)
        if "job_match" in categories:
            missing, skill_resources = _missing_skills(role, candidate, profile, language)
            shown = {r.title for c in below for r in c.resources}  # each resource once per letter
            skill_resources = [r for r in skill_resources if r.title not in shown]
    explained = [c for c in categories if c != "behavior_inconsistency"] if kind == "failed" else []
    after = reapply_date(interview, settings)
    interviewed = interview.interviewed_at.date()
    return Facts(interview_external_id=interview.external_id, role_key=role.key,
                 role_name=Text2(en=role.name_en, zh=role.name_zh), outcome=Outcome(interview.outcome).value,
                 kind=kind, language=language,
                 interviewed_on=interviewed.isoformat(), categories=explained, below_minimum=below,
                 missing_skills=[getattr(m.name, language) for m in missing], missing_skill_details=missing,
                 skills_resources=skill_resources, reapply_after=after.isoformat(),
                 reapply_how=_reapply_how(role, date_text(after)), interviewed_on_text=date_text(interviewed),
                 reapply_after_text=date_text(after))


def _categories(session: Session, interview_id: int) -> list[str]:
    rows = session.exec(select(FailureReason.category).where(FailureReason.interview_id == interview_id).distinct())
    return [c.value if hasattr(c, "value") else str(c) for c in rows]


def _below_minimum(session: Session, interview: Interview, profile: RoleSpec | None,
                   language: str) -> list[BelowMinimum]:
    rows = session.exec(select(CompetencyScore.score, CompetencyScore.required, CompetencyScore.evidence,
                               Competency.key, Competency.name_en, Competency.name_zh)
                        .join(Competency, Competency.id == CompetencyScore.competency_id)
                        .where(CompetencyScore.interview_id == interview.id,
                               CompetencyScore.score < CompetencyScore.required)).all()
    specs = {c.key: c for c in profile.competencies} if profile else {}
    out = []
    # The widest gap first: it is the main reason.
    for score, required, evidence, key, name_en, name_zh in sorted(rows, key=lambda r: (r[0] - r[1], r[3])):
        quote = next((e.strip() for e in evidence or [] if isinstance(e, str) and e.strip()
                      and not INTERNAL_MARK.match(e)), "")
        spec = specs.get(key)
        out.append(BelowMinimum(
            competency_key=key, name=Text2(en=name_en, zh=name_zh), score=score, required=required,
            reason=_reason(quote, name_en, name_zh), evidence=quote, target_behaviour=_target(spec, required),
            resources=_resources(spec, language)))
    return out


def _reason(quote: str, name_en: str, name_zh: str) -> Text2:
    if quote:
        return Text2(en=f"In your answer on {name_en} you said: “{quote}”", zh=f"在关于{name_zh}的回答中，您提到：“{quote}”")
    return Text2(en=f"Your answers did not yet show the {name_en} this role needs.",
                 zh=f"您的回答尚未体现该岗位所需的{name_zh}。")


def _target(spec: CompetencySpec | None, required: float) -> Text2 | None:
    # The rubric anchor that matches the minimum on a 1-5 scale (80 → level 4): what good looks like.
    if spec is None or not spec.scale:
        return None
    level = min(5, max(1, math.ceil(required / 20)))
    anchor = next(s for s in spec.scale if s.level == level)
    return Text2(en=anchor.behaviour.en, zh=anchor.behaviour.zh)


def _resources(spec: CompetencySpec | None, language: str) -> list[Resource]:
    if spec is None:
        return []
    return [Resource(title=getattr(r.title, language), title_i18n=Text2(en=r.title.en, zh=r.title.zh), url=r.url,
                     kind=r.kind) for r in spec.resources]


def _missing_skills(role: Role, candidate: Candidate | None, profile: RoleSpec | None, language: str):
    have = {s.strip().lower() for s in (candidate.background_skills if candidate else []) or []}
    missing, resources = [], []
    specs = {c.key: c for c in profile.competencies} if profile else {}
    for key in role.required_skills or []:
        if key.lower() in have:
            continue
        en, zh = skill_names(key)
        missing.append(Skill(key=key, name=Text2(en=en, zh=zh)))
        resources.extend(_resources(specs.get(key), language))  # a skill that is also a competency has resources
    return missing, resources


def _reapply_how(role: Role, after: Text2) -> Text2:
    return Text2(en=f"From {after.en} you can apply again for {role.name_en} through the same application link; "
                    "your new AI interview will be scored afresh against the role's current requirements.",
                 zh=f"自{after.zh}起，您可以通过原申请链接再次申请{role.name_zh}岗位；新的AI面试将按该岗位当前的要求重新评分。")


def _profile(role_key: str) -> RoleSpec | None:
    try:
        return next((r for r in default_roles() if r.key == role_key), None)
    except Exception:  # an invalid profile folder must not block a letter; it only loses resources
        return None
