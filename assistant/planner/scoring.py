"""Interview-scoring requests: "Score interview 812", "Rescore interview I0000812", "给面试 I0000812 打分".

A pure function over the text: the `score_interview` arguments when a message asks to score (or
re-score, or check the scoring of) one interview; None otherwise.
"""

from __future__ import annotations

import re


def _ref(n: int) -> str:
    return (r"(?:interview|面试)\s*(?:#|no\.?|number|编号|号码|号|id)?\s*"
            rf"(?P<ref{n}>(?=[A-Za-z0-9_\-./]*\d)[A-Za-z0-9][A-Za-z0-9_\-./]{{0,63}})")


SCORE = re.compile(r"(?:\b(?:re-?)?(?:score|grade|evaluate|assess|mark)|(?<!failure )(?<!pass )\brate)\b\s+(?:the\s+)?" + _ref(1)
                   + r"|(?<!failure )(?<!pass )\b(?:re-?)?(?:score|grade|rate|mark)\b\s+(?P<ref6>[Ii]\d{5,9})\b"  # an id says what it is
                   + r"|(?:给|为|对)\s*" + _ref(2) + r"\s*(?:重新)?\s*(?:打分|评分)"
                   + r"|(?:重新)?(?:评分|打分)\s*" + _ref(3)
                   + r"|" + _ref(4) + r"\s*[，,、]?\s*(?:的)?\s*(?:重新)?(?:评分|打分|得分|分数|出分|出个分)"
                   + r"|(?:scor(?:e|es|ing)|status|job)\s+(?:of|for)\s+" + _ref(5), re.I)
RESCORE = re.compile(r"\bre-?scor\w*|\bre-?(run|do|grade|assess|evaluate)\b|\b(score|scoring|grade)\b.{0,30}\bagain\b|"
                     r"重新.{0,16}(打分|评分|评估|跑)|重评|再评|再打分|再给.{0,16}(打分|评分)", re.I)


def scoring_call(text: str) -> dict | None:
    """`score_interview` arguments when the message asks to score one interview; None otherwise."""
    match = SCORE.search(text)
    if match is None:
        return None
    ref = next(v for k, v in match.groupdict().items() if k.startswith("ref") and v)
    args: dict = {"interview": ref.rstrip("./-")}
    if RESCORE.search(text):
        args["rescore"] = True
    return args
