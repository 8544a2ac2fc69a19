"""Changes to a stored letter's text: quoted words replaced or removed, a paragraph added at the end.

review_feedback's `edit` takes either the full new letter (`body`) or these changes to the letter as stored, so a
user in a chat can say only what changes ("replace “Dear candidate” with “Dear Ms Li”").
"""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

from tools.base import ToolError


class TextChange(BaseModel):
    find: str = Field(..., min_length=1, max_length=2000, description="Words in the letter, as the letter has them.")
    replace_with: str = Field("", max_length=5000, description="What replaces them ('' removes them).")


def changed_body(body: str, draft_id: int, changes: list[TextChange], append: str | None) -> str:
    """The letter with each change made (every place its words occur) and `append` added as a last paragraph."""
    removed = False
    for change in changes:
        at = _find(body, change.find)
        if at is None:
            raise ToolError(
                "text_not_found", f"Feedback draft {draft_id} does not contain “{change.find}”: quote the words exactly "
                f"as the letter has them (see it with \"Show feedback draft {draft_id}\").", draft_id=draft_id,
                find=change.find, message_zh=f"反馈草稿 {draft_id} 中没有“{change.find}”：请按信中原文加引号引用（可先说"
                f"“查看反馈草稿{draft_id}”）。")
        body = body.replace(at, change.replace_with)
        removed |= not change.replace_with
    if append and append.strip():
        body = f"{body.rstrip()}\n\n{append.strip()}"
    if removed:  # no double spaces or empty paragraphs where words were taken out
        body = re.sub(r"[ \t]+\n", "\n", re.sub(r"(?<=\S)[ \t]{2,}(?=\S)", " ", body))
        body = re.sub(r"\n{3,}", "\n\n", body).strip()
    return body


def _find(body: str, words: str) -> str | None:
    """The words as the letter has them: exactly, else ignoring case and runs of spaces."""
    if words in body:
        return words
    pattern = r"\s+".join(re.escape(w) for w in words.split())
    m = re.search(pattern, body, re.I)
    return m.group(0) if m else None
