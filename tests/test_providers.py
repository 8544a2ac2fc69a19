"""The OpenAI and OpenAI-compatible providers, against a local server speaking the real protocol."""

from __future__ import annotations

import json

import pytest

from assistant.agent import Assistant
from assistant.providers import ProviderError, build_chat_model
from candor.principal import Principal
from candor.settings import SettingsError
from tests.conftest import make_settings
from tests.fake_openai import FakeOpenAI, tool_call

HR = Principal(id="ana", audience="hr_manager")


def scripted(body: dict) -> dict:
    last = body["messages"][-1]
    if last["role"] == "user":
        return tool_call("failure_stats", {"role": "Marketing Planner", "period": "last 3 months"})
    result = json.loads(last["content"])
    return {"content": f"Marketing Planner failed {result['failure_rate']}% of {result['interviews']} interviews."}


@pytest.mark.parametrize("provider", ["openai", "openai-compatible"])
def test_openai_protocol_runs_the_real_tool_loop(seeded_sqlite_url, provider):
    with FakeOpenAI(scripted) as server:
        settings = make_settings(seeded_sqlite_url, CANDOR_PROVIDER=provider, OPENAI_API_KEY="sk-test",
                                 CANDOR_OPENAI_BASE_URL=server.base_url, CANDOR_OPENAI_MODEL="gpt-test")
        turn = Assistant(settings).ask(HR, "How is Marketing Planner doing?")
    call = turn.tool_calls[0]
    assert call.tool == "failure_stats" and abs(call.result["failure_rate"] - 50) <= 5
    assert turn.answer == (f"Marketing Planner failed {call.result['failure_rate']}% "
                           f"of {call.result['interviews']} interviews.")
    first, second = server.requests
    assert first["model"] == "gpt-test"
    from tools.registry import tools_for

    assert [t["function"]["name"] for t in first["tools"]] == [spec.name for spec in tools_for("hr_manager")]
    assert first["messages"][0]["role"] == "system" and "Candor" in first["messages"][0]["content"]
    assert second["messages"][-1]["role"] == "tool"


def test_a_tool_error_reaches_the_model_as_a_tool_message(seeded_sqlite_url):
    def script(body):
        last = body["messages"][-1]
        if last["role"] == "user":
            return tool_call("failure_stats", {"role": "Astronaut"})
        return {"content": "error seen: " + json.loads(last["content"])["error"]}

    with FakeOpenAI(script) as server:
        settings = make_settings(seeded_sqlite_url, CANDOR_PROVIDER="openai", OPENAI_API_KEY="sk-test",
                                 CANDOR_OPENAI_BASE_URL=server.base_url)
        turn = Assistant(settings).ask(HR, "Failure rate for astronauts?")
    assert turn.answer == "error seen: unknown_role"
    assert turn.tool_calls[0].error["suggestions"]


def test_openai_without_a_key_names_the_setting(sqlite_url):
    settings = make_settings(sqlite_url, CANDOR_PROVIDER="openai")
    with pytest.raises(ProviderError, match="OPENAI_API_KEY"):
        build_chat_model(settings, vocabulary=lambda: None, clock=lambda: None)


def test_openai_compatible_needs_a_base_url(sqlite_url):
    with pytest.raises(SettingsError, match="CANDOR_OPENAI_BASE_URL"):
        make_settings(sqlite_url, CANDOR_PROVIDER="openai-compatible")


def test_wrong_key_is_a_clear_error(seeded_sqlite_url):
    with FakeOpenAI(scripted, api_key="sk-right") as server:
        settings = make_settings(seeded_sqlite_url, CANDOR_PROVIDER="openai", OPENAI_API_KEY="sk-wrong",
                                 CANDOR_OPENAI_BASE_URL=server.base_url)
        with pytest.raises(Exception, match="Incorrect API key"):
            Assistant(settings).ask(HR, "Failure rate for Sales Manager?")
