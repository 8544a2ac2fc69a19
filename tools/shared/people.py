"""Candidates and interviews by what staff call them: the external id (C000123, I0000812) or its number (123, 812)."""

from __future__ import annotations

import re

from sqlmodel import Session, func, select

from candor.models import Candidate, Interview
from tools.base import ToolError


def find_candidate(session: Session, ref: str) -> Candidate:
    text = str(ref).strip()
    found = session.exec(select(Candidate).where(func.upper(Candidate.external_id) == text.upper())).first()
    if found is None and re.fullmatch(r"C?\d{1,12}", text, re.I):
        number = int(text.lstrip("Cc"))
        found = session.exec(select(Candidate).where(Candidate.external_id == f"C{number:06d}")).first()
    if found is None:
        raise ToolError("unknown_candidate", f"No candidate '{text}': give their external id (e.g. C000123).",
                        candidate=text, message_zh=f"找不到候选人“{text}”：请提供候选人编号（如 C000123）。")
    return found


INTERVIEW_REF = re.compile(r"^\s*(?:interview\s*#?\s*|面试\s*)?#?(I?)(\d{1,12})\s*$", re.I)


def find_interview(session: Session, ref: str | int) -> Interview:
    """By external id ("I0000812"), by its number ("812" → I0000812) or by numeric database id."""
    text = str(ref).strip()
    found = session.exec(select(Interview).where(Interview.external_id == text)).first()
    m = INTERVIEW_REF.match(text)
    if found is None and m:
        number = int(m.group(2))
        found = session.exec(select(Interview).where(Interview.external_id == f"I{number:07d}")).first()
        if found is None and not m.group(1):
            found = session.get(Interview, number)
    if found is None:
        raise ToolError("unknown_interview", f"No interview '{text}': give its external id (e.g. I0000812) or its "
                        "number; submit new interviews with POST /api/interviews or `python app.py score PATH`.",
                        interview=text, message_zh=f"找不到面试“{text}”：请提供面试编号（如 I0000812）；新面试请通过 "
                                                  "POST /api/interviews 或 `python app.py score PATH` 提交。")
    return found
