"""The letter checker: a body may state only what its facts hold.

Every rendered, polished or edited body passes through `check_body` before it is stored. It rejects
a number that is not in the facts, a competency below its minimum that the body leaves out or whose
score it drops, a competency name of the role that the facts do not list, and words that only raw
behavioural or facial signals, weights or demographics would put there.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from candor.grounding import number_tokens, numbers_in_data

# Terms that belong to signals and data a letter never states (see tools/feedback/facts.py).
FORBIDDEN = re.compile(
    r"(words? per minute|speech rate|speaking rate|\bpauses?\b|\bfiller\b|\bhesitat\w*|facial|\bemotions?\b|"
    r"\bweights?\b|\bweighting\b|\bgender\b|\bage band\b|\bethnic\w*|\brace\b|\binternal\b|"
    r"语速|停顿|表情|情绪|面部|权重|性别|年龄|民族|内部)", re.I)


class FactCheckError(ValueError):
    """A letter body states something its facts do not back; `problems` lists each, in English and Chinese."""

    def __init__(self, problems: list[dict[str, str]]):
        self.problems = problems
        super().__init__("The letter does not match the stored scores: " + "; ".join(p["en"] for p in problems)
                         + ". Keep every number and competency exactly as the facts state them.")

    @property
    def message_zh(self) -> str:
        return "反馈信与存储的评分不一致：" + "；".join(p["zh"] for p in self.problems) + "。请保持所有数字和能力项与事实一致。"


def check_body(body: str, facts: dict, *, role_competencies: Iterable[tuple[str, str]] = ()) -> None:
    """Raise FactCheckError unless `body` is backed by `facts`.

    `role_competencies`: (English, Chinese) names of every competency of the role, so a body that names
    one the facts do not list (a strength or weakness nobody scored as such) is caught.
    """
    problems: list[dict[str, str]] = []
    allowed = numbers_in_data(facts)
    stray = [t for t, _ in sorted({(t, v) for t, v in number_tokens(body) if v not in allowed}, key=lambda tv: tv[1])]
    if stray:
        listed = ", ".join(stray)
        problems.append({"en": f"it states {listed}, which the stored scores do not contain",
                         "zh": f"信中出现了{listed}，存储的评分中没有这些数字"})
    lowered = body.casefold()
    language = facts.get("language", "en")
    for item in facts.get("below_minimum") or []:
        name = item["name"][language]
        if name.casefold() not in lowered:
            problems.append({"en": f"it leaves out {item['name']['en']}, which scored below its minimum",
                             "zh": f"信中遗漏了低于最低要求的{item['name']['zh']}"})
            continue
        for key in ("score", "required"):
            if not re.search(rf"(?<![0-9A-Za-z.]){re.escape(_num(item[key]))}(?![\d])", body):
                problems.append({"en": f"it does not state the {key} {_num(item[key])} for {item['name']['en']}",
                                 "zh": f"信中没有写出{item['name']['zh']}的{'得分' if key == 'score' else '要求分'}"
                                       f"{_num(item[key])}"})
    # A name the facts themselves contain (a rubric anchor that mentions safety) may be repeated.
    facts_text = _all_text(facts).casefold()
    for en, zh in role_competencies:
        for name in (en, zh):
            if name and _mentions(lowered, name.casefold()) and not _mentions(facts_text, name.casefold()):
                problems.append({"en": f"it names {en}, which the facts do not list as below its minimum",
                                 "zh": f"信中提到了{zh}，但事实中它并未低于最低要求"})
                break
    for m in sorted({m.group(0) for m in FORBIDDEN.finditer(body)} - _allowed_terms(facts)):
        problems.append({"en": f"it mentions '{m}', which a letter never states (signals, weights, demographics, "
                               "internal notes)",
                         "zh": f"信中出现了“{m}”，反馈信不得包含此类内容（行为或面部信号、权重、人口统计信息、内部备注）"})
    if problems:
        raise FactCheckError(problems)


def _mentions(lowered_body: str, name: str) -> bool:
    if re.search(r"[\u3400-\u9fff]", name):
        return name in lowered_body
    return re.search(rf"(?<![a-z]){re.escape(name)}(?![a-z])", lowered_body) is not None


def _allowed_terms(facts: dict) -> set[str]:
    # A term the facts themselves hold (a resource called "Managing emotions at work") may be repeated.
    text = _all_text(facts)
    return {m.group(0) for m in FORBIDDEN.finditer(text)}


def _all_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return " ".join(_all_text(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return " ".join(_all_text(v) for v in value)
    return ""


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
