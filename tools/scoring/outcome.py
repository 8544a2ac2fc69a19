"""The outcome: weighted total vs the pass mark, per-competency minimums, role match and consistency.

- failed: role match under the role's minimum (job_match), a competency under its minimum
  (competency_gap, one per competency), or the weighted total under the pass mark;
- under_review: not failed, but a behaviour inconsistency was found (a person decides; it never
  fails an interview by itself) or a competency could not be scored for lack of an answer;
- passed otherwise.
The total is weighted over the competencies that were scored; unscored ones are named in the notes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from candor.models import FailureCategory, Outcome


@dataclass
class ScoredCompetency:
    competency_id: int
    key: str
    name_en: str
    name_zh: str
    weight: float
    required: float
    score: float | None  # None: no answer addressed it


@dataclass
class ReasonDraft:
    category: FailureCategory
    detail: str
    competency_id: int | None = None
    competency_key: str | None = None
    score: float | None = None
    required: float | None = None


@dataclass
class Decision:
    outcome: Outcome
    total: float | None
    reasons: list[ReasonDraft] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def decide(competencies: list[ScoredCompetency], pass_mark: float, *, role_match: float, min_role_match: float,
           job_match_detail: str, inconsistency_detail: str | None) -> Decision:
    scored = [c for c in competencies if c.score is not None]
    unscored = [c for c in competencies if c.score is None]
    weight = sum(c.weight for c in scored)
    total = round(sum(c.weight * c.score for c in scored) / weight, 1) if weight > 0 else None
    reasons: list[ReasonDraft] = []
    notes: list[str] = []
    if role_match < min_role_match:
        reasons.append(ReasonDraft(FailureCategory.job_match, job_match_detail, score=role_match,
                                   required=min_role_match))
    for c in scored:
        if c.score < c.required:
            reasons.append(ReasonDraft(FailureCategory.competency_gap,
                                       f"{c.name_en} {c.score:g} < {c.required:g} / {c.name_zh} {c.score:g} < {c.required:g}",
                                       competency_id=c.competency_id, competency_key=c.key, score=c.score,
                                       required=c.required))
    gaps = [r for r in reasons if r.category == FailureCategory.competency_gap]
    if total is not None and total < pass_mark and not gaps:
        reasons.append(ReasonDraft(FailureCategory.competency_gap,
                                   f"weighted total {total:g} < pass mark {pass_mark:g} / 加权总分 {total:g} 低于及格线 {pass_mark:g}",
                                   score=total, required=pass_mark))
    failed = bool(reasons)
    if unscored:
        names = ", ".join(c.name_en for c in unscored)
        notes.append(f"not scored, no answer addressed them: {names}; the total is weighted over the "
                     f"{len(scored)} scored competencies" + ("" if failed else "; a person decides"))
    if inconsistency_detail:
        reasons.append(ReasonDraft(FailureCategory.behavior_inconsistency, inconsistency_detail))
    if failed:
        outcome = Outcome.failed
    elif inconsistency_detail or unscored:
        outcome = Outcome.under_review
    else:
        outcome = Outcome.passed
    return Decision(outcome, total, reasons, notes)
