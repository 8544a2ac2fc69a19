"""A message in a language other than English or Chinese: the offline planner says what it reads instead of guessing."""

from __future__ import annotations

import re

import pytest

from assistant.agent import Assistant
from candor.language import another_language
from candor.principal import Principal
from tests.conftest import make_settings

HR = Principal(id="ana", audience="hr_manager")
ONLY_EN_ZH = "I read English and Chinese only"


@pytest.mark.parametrize("text", [
    "Bonjour, quel est le taux d'échec pour le poste de Sales Manager ce trimestre ?",
    "¿Cuál es la tasa de fracaso de los técnicos de campo este año?",
    "Wie hoch ist die Durchfallquote für Vertriebsleiter im letzten Quartal?",
    "Olá, quais candidatos têm risco de sair da empresa?",
    "Ciao, puoi fare un audit di equità per il ruolo di Sales Manager?",
    "Hoeveel kandidaten zijn niet geslaagd voor de functie van Sales Manager?",
    "面接の不合格率を教えてください",
    "영업 관리자 불합격률은?",
    "Какой процент провалов у менеджеров по продажам?",
])
def test_a_message_in_another_language_is_recognised(text):
    assert another_language(text)


@pytest.mark.parametrize("text", [
    "What is the failure rate for Sales Manager this quarter?", "销售经理的失败率是多少", "field tech fails 3m",
    "can or not? he will cabut after probation lah", "Is Marie de la Cruz's request in the queue?",
    "The candidate said 'je ne sais pas' in the interview, does that count against her communication score?",
    "Dear Candor, el jefe wants the report por favor", "Bonjour! What can you do?", "Gracias! And for R&D?",
    "que sera sera, just show me the numbers", "C000123", "ok", "那第2号呢？",
])
def test_english_or_chinese_with_a_foreign_word_or_name_is_not(text):
    assert not another_language(text)


@pytest.fixture
def assistant(seeded_url):
    return Assistant(make_settings(seeded_url))


@pytest.mark.parametrize("question", ["Hola, ¿qué puedes hacer por mí hoy?",
                                      "Bonjour, est-ce que vous pouvez m'aider avec les entretiens ?",
                                      "Какой процент провалов у менеджеров по продажам?"])
def test_an_unclear_message_in_another_language_is_asked_again_in_english_or_chinese(assistant, question):
    turn = assistant.ask(HR, question)
    assert turn.tool_calls == []
    assert ONLY_EN_ZH in turn.answer and "我只能读懂英文和中文" in turn.answer
    assert not re.search(r"\d+(?:\.\d+)?%", turn.answer)  # no figure guessed


def test_a_clear_reading_is_answered_and_says_it_may_be_misread(assistant):
    turn = assistant.ask(HR, "C'est quoi le taux d'échec pour product ops le trimestre dernier? Et la tendance?")
    assert [c.tool for c in turn.tool_calls] == ["failure_stats"]
    assert re.search(r"\d+(?:\.\d+)?%", turn.answer)
    assert ONLY_EN_ZH in turn.answer  # the French period may not have been read: said, not hidden
