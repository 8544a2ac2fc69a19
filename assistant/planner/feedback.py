"""Feedback-letter requests: draft one or a batch, show, approve or mark sent a stored draft.

Pure functions over the text: which feedback tool a message asks for and with which arguments.
"""

from __future__ import annotations

import re

from assistant.planner.competency import CompetencyCall, candidate_ref
from assistant.planner.letter_edits import asks_to_edit
from assistant.planner.nlu import Understanding

DRAFT_WORDS = re.compile(r"(\b(re-?)?(draft|write|prepare|compose|generate)\w*\b.{0,40}\b(feedback|letters?)\b|"
                         r"\bfeedback (letters?|drafts?) for\b|起草.{0,20}反馈|撰写.{0,20}反馈|写.{0,8}反馈信|生成.{0,12}反馈)",
                         re.I | re.A)
REVIEW = re.compile(r"\b(?P<verb>approve|show|view|open|display|send|mark)\w*\s+(?:the\s+)?feedback\s*"
                    r"(?:draft|letter)?\s*(?:#|no\.?|number)?\s*(?P<id>\d+)(?P<rest>.*)$"
                    r"|(?P<zverb>批准|通过|查看|显示|打开|发送|标记)\s*(?:第\s*)?反馈\s*(?:草稿|信)?\s*#?\s*(?P<zid>\d+)(?P<zrest>.*)$",
                    re.I | re.A)
# Chinese text puts no space after an id ("C000123起草"), so ids end at the last digit, not at a \b.
INTERVIEW = re.compile(r"(?:interview|面试)\s*(?:#|no\.?|number|编号|id|号|号码|ID)?\s*(I?\d{1,9})(?!\d)|"
                       r"(?<![A-Za-z0-9])(I\d{3,9})(?!\d)", re.I)
CANDIDATE = re.compile(r"(?:candidate|applicant|候选人|应聘者)\s*#?\s*(C?\d{1,9})(?!\d)|(?<![A-Za-z0-9])(C\d{4,9})(?!\d)",
                       re.I)
# A letter asked for in a language: "in Chinese", "a Chinese version too", "出个英文版", "翻译成中文".
LANGUAGE = {"zh": re.compile(r"\b(?:in (?:chinese|mandarin)|(?:chinese|mandarin) (?:version|copy|one|letter|translation)|"
                             r"(?:translate|translated|put|make|do|turn|switch|change|redo) (?:it |this |that |the letter |draft "
                             r"#?\d+ )?(?:(?:in|into|to) )?(?:chinese|mandarin))\b|"
                             r"用中文|中文版|中文的|(?:翻译|翻|译|换|改|转)成(?:中文|汉语)", re.I),
            "en": re.compile(r"\b(?:in english|english (?:version|copy|one|letter|translation)|"
                             r"(?:translate|translated|put|make|do|turn|switch|change|redo) (?:it |this |that |the letter |draft "
                             r"#?\d+ )?(?:(?:in|into|to) )?english)\b|"
                             r"用英文|英文版|英语版|英文的|(?:翻译|翻|译|换|改|转)成(?:英文|英语)", re.I)}
# A feedback draft by its number ("draft 51", "草稿58", "58号草稿").
DRAFT_NAMED = re.compile(r"\b(?:draft|letter)\s*(?:#|no\.?|number)?\s*(\d{1,6})\b|(?:草稿|反馈信)\s*#?\s*(\d{1,6})"
                         r"|(\d{1,6})\s*号\s*(?:草稿|反馈信)", re.I | re.A)
REPLACE_APPROVED = re.compile(r"(even if (it'?s |it is )?approved|replace the approved|redraft the approved|"
                              r"即使已批准|覆盖已批准)", re.I)
VERBS = {"approve": "approve", "show": "show", "view": "show", "open": "show", "display": "show", "send": "send",
         "mark": "send", "批准": "approve", "通过": "approve", "查看": "show", "显示": "show", "打开": "show",
         "发送": "send", "标记": "send"}


def feedback_call(text: str, u: Understanding) -> CompetencyCall | None:
    """The feedback tool a message asks for, or None when it asks for none."""
    if (language := language_asked(text)) and (named := DRAFT_NAMED.search(text)) and not (
            INTERVIEW.search(text) or CANDIDATE.search(text) or asks_to_edit(text)):  # "Draft 40, less formal? …"
        # "Could you produce a Chinese version of draft 62?": that draft's interview, in that language
        return CompetencyCall("draft_feedback", {"draft": int(next(g for g in named.groups() if g)), "language": language})
    if m := REVIEW.search(text):
        verb = (m.group("verb") or m.group("zverb") or "").lower()
        return CompetencyCall("review_feedback", {"draft_id": int(m.group("id") or m.group("zid")),
                                                  "action": VERBS[verb]})
    if not DRAFT_WORDS.search(text):
        return None
    return CompetencyCall("draft_feedback", draft_args(text, u))


def language_asked(text: str) -> str | None:
    """The language a letter is asked for in ("a Chinese version too" → "zh"), or None."""
    return next((language for language, words in LANGUAGE.items() if words.search(text)), None)


def draft_args(text: str, u: Understanding) -> dict:
    """draft_feedback's arguments: one interview, one candidate, or everyone who failed a role in a period."""
    args: dict = {}
    if language := language_asked(text):
        args["language"] = language
    if REPLACE_APPROVED.search(text):
        args["replace_approved"] = True
    if m := INTERVIEW.search(text):
        return {"interview": (m.group(1) or m.group(2)).upper(), **args}
    if m := CANDIDATE.search(text):
        return {"candidate": candidate_ref(m.group(1) or m.group(2)), **args}
    if u.role:  # "everyone who failed Field Technician in October", or just the role and period
        return {"role": u.role, **({"period": u.period} if u.period else {}), **args}
    # Nobody named: the tool says what it needs (an interview, a candidate, or a role and period).
    return {**args, **({"period": u.period} if u.period else {})}
