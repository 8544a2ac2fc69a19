"""Who is asking: a principal carries an audience, and tools are filtered by it before the model sees them."""

from __future__ import annotations

from dataclasses import dataclass

AUDIENCES = ("hr_manager", "recruiter", "evaluator", "candidate")
STAFF_AUDIENCES = ("hr_manager", "recruiter", "evaluator")


@dataclass(frozen=True)
class Principal:
    id: str
    audience: str  # hr_manager | recruiter | evaluator | candidate
    candidate_id: int | None = None  # set only for candidate principals
    display_name: str = ""
