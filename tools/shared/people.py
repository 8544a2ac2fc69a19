"""Candidates by what staff call them: the external id (C000123) or its number (123)."""

from __future__ import annotations

import re

from sqlmodel import Session, func, select

from candor.models import Candidate
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
