"""The facts a feedback letter may state: the contract between drafting and the candidate chat.

`FeedbackDraft.facts` is a JSON dict built only from stored scores, failure reasons, the candidate's
background skills and the role profile. Templates see nothing else, and every polished or edited body
is checked against it (`tools.feedback.check`). The candidate assistant reads it for APPROVED/SENT drafts.

    {
      "interview_external_id": "I0000812",
      "role_key": "field_technician",
      "role_name": {"en": "Field Technician", "zh": "一线技术"},
      "outcome": "failed" | "passed" | "under_review",
      "kind": "failed" | "passed" | "under_review",      # which letter
      "language": "en" | "zh",                          # the letter's language
      "interviewed_on": "2026-10-03",                   # ISO date
      "categories": ["competency_gap", "job_match"],    # failure categories the letter explains
      "below_minimum": [{
          "competency_key": "equipment_troubleshooting",
          "name": {"en": "equipment troubleshooting", "zh": "设备故障排查"},
          "score": 60, "required": 75,                  # numbers as stored (ints when whole)
          "reason": {"en": "In your answer: “…”", "zh": "您的回答：“…”"},   # from the stored evidence
          "evidence": "I'd replace parts one by one…",  # the quote itself ("" when none was stored)
          "target_behaviour": {"en": "…", "zh": "…"} | None,   # the profile's rubric anchor at the minimum
          "resources": [{"title": "…",                  # in the letter's language
                         "title_i18n": {"en": "…", "zh": "…"}, "url": "https://…" | None, "kind": "guide"}],
      }],
      "missing_skills": ["finite-element analysis"],    # names in the letter's language
      "missing_skill_details": [{"key": "finite_element_analysis",
                                 "name": {"en": "finite-element analysis", "zh": "有限元分析"}}],
      "skills_resources": [...],                        # resources for the missing skills (may be empty)
      "reapply_after": "2027-01-01",                    # ISO date
      "reapply_how": {"en": "…", "zh": "…"},
      "interviewed_on_text": {"en": "3 October 2026", "zh": "2026年10月3日"},
      "reapply_after_text": {"en": "1 January 2027", "zh": "2027年1月1日"},
    }

Fields may be added, never removed. No names or contact details: staff read letters in chat and Slack, where
candidate names never appear, and the mail that delivers a letter adds the greeting's name itself.
Never in facts: demographics, other candidates, raw behavioural or
facial signals (speech rate, pauses, affect), weights, internal notes, failure-reason detail text.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, Optional

from pydantic import BaseModel, Field

FACTS_VERSION = 1


class Text2(BaseModel):
    """A text in both languages."""

    en: str
    zh: str


class Resource(BaseModel):
    title: str
    title_i18n: Text2
    url: Optional[str] = None
    kind: Optional[str] = None


class BelowMinimum(BaseModel):
    competency_key: str
    name: Text2
    score: float
    required: float
    reason: Text2
    evidence: str = ""
    target_behaviour: Optional[Text2] = None
    resources: list[Resource] = Field(default_factory=list)


class Skill(BaseModel):
    key: str
    name: Text2


class Facts(BaseModel):
    """The typed form of `FeedbackDraft.facts` (`model_dump(mode="json")` is what is stored)."""

    version: int = FACTS_VERSION
    interview_external_id: str
    role_key: str
    role_name: Text2
    outcome: str
    kind: str
    language: str
    interviewed_on: Optional[str] = None
    categories: list[str] = Field(default_factory=list)
    below_minimum: list[BelowMinimum] = Field(default_factory=list)
    missing_skills: list[str] = Field(default_factory=list)
    missing_skill_details: list[Skill] = Field(default_factory=list)
    skills_resources: list[Resource] = Field(default_factory=list)
    reapply_after: Optional[str] = None
    reapply_how: Text2
    # The dates as a letter writes them: {"en": "13 February 2027", "zh": "2027年2月13日"}.
    interviewed_on_text: Optional[Text2] = None
    reapply_after_text: Optional[Text2] = None

    def stored(self) -> dict[str, Any]:
        return _plain_numbers(self.model_dump(mode="json"))


def reapply_date(interview: Any, settings: Any) -> date:
    """The first day the candidate may apply again: CANDOR_REAPPLY_AFTER_DAYS after the decision."""
    days = int(getattr(settings, "reapply_after_days", 90))
    decided = interview.decided_at or interview.interviewed_at
    if isinstance(decided, datetime):
        decided = decided.date()
    return decided + timedelta(days=days)


def date_text(day: date) -> Text2:
    return Text2(en=f"{day.day} {day:%B} {day.year}", zh=f"{day.year}年{day.month}月{day.day}日")


def _plain_numbers(value: Any) -> Any:
    """60.0 -> 60, so letters, facts and the checker agree on how a whole score is written."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _plain_numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain_numbers(v) for v in value]
    return value
