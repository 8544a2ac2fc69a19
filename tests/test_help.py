""""What can you do?" lists what the asker can use, and every example it gives is answered by the tool it shows."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from assistant.planner.catalogue import load_intents
from assistant.planner.nlu import understand
from assistant.planner.render import render_help
from assistant.planner.route import decide
from assistant.planner.shorthand import expand
from tools.shared.lookup import catalogue_vocabulary

TOOLS = {i.tool for i in load_intents() if i.tool}
QUOTED = re.compile(r"[“\"]([^”\"]+)[”\"]")


def _audience_tools(audience: str) -> set[str]:
    return {i.tool for i in load_intents() if i.tool and audience in i.audiences}


def _examples(language: str) -> list[str]:
    text = render_help(language, ["Sales Manager"], understood=True, can=TOOLS)
    text = re.split(r"; then follow up with|；追问", text)[0] + "\n" + text.split("\n", 2)[2]  # not the follow-ups
    return QUOTED.findall(text)


@pytest.mark.parametrize("example", [*_examples("en"), *_examples("zh")])
def test_every_example_in_the_help_is_answered_by_a_tool(example):
    vocab = catalogue_vocabulary()
    text = expand(example)
    decision = decide(text, understand(text, vocab, datetime(2026, 11, 15)), vocab)
    assert decision.intent in TOOLS, (example, decision.intent, decision.options)


@pytest.mark.parametrize("language, words", [
    ("en", ["Predictions", "Reports", "Monitoring", "Fairness audits", "Competency weights"]),
    ("zh", ["预测", "报告", "监控", "公平性审计", "能力权重"]),
])
def test_an_hr_manager_hears_of_everything_candor_does(language, words):
    text = render_help(language, ["Sales Manager"], understood=True, can=_audience_tools("hr_manager"))
    assert all(w in text for w in words), text


def test_an_evaluator_hears_only_of_what_they_can_use():
    text = render_help("en", ["Sales Manager"], understood=True, can=_audience_tools("evaluator"))
    assert "Failure statistics" in text and "Role profiles" in text
    assert not any(w in text for w in ("Predictions", "Fairness", "Reports", "Score interview", "Approve")), text
