"""The surfaces' plumbing, driven by a scripted chat model instead of the planner: what a surface sends the
agent, which tools the principal is offered, and how a tool's result comes back over HTTP and Slack."""

from __future__ import annotations

import json

import httpx
import pytest
from langchain_core.messages import HumanMessage, SystemMessage, ToolMessage

from assistant.agent import Assistant
from integrations.web.app import create_app
from tests.conftest import make_settings
from tests.fake_slack import FakeSlack, app_mention, event_callback, signed_headers
from tests.live_server import serve
from tests.scripted_model import ScriptedChatModel

TOKENS = {"hr-token-0123456789abcdef": {"id": "ana", "audience": "hr_manager"},
          "rec-token-0123456789abcdef": {"id": "rita", "audience": "recruiter"}}


@pytest.fixture
def scripted(seeded_sqlite_url):
    model = ScriptedChatModel()
    settings = make_settings(seeded_sqlite_url, CANDOR_STAFF_TOKENS=json.dumps(TOKENS))
    return model, settings, Assistant(settings, model=model)


def test_web_chat_carries_the_message_to_the_agent_and_the_tool_result_back(scripted):
    model, settings, assistant = scripted
    model.enqueue(tool="failure_stats", args={"role": "Sales Manager", "period": "this year"})
    model.enqueue("Scripted answer.")
    with serve(create_app(settings, assistant=assistant)) as base:
        reply = httpx.post(f"{base}/api/chat", json={"message": "anything at all"}, timeout=30,
                           headers={"Authorization": "Bearer hr-token-0123456789abcdef"})
    assert reply.status_code == 200, reply.text
    data = reply.json()
    assert data["answer"] == "Scripted answer."
    call = data["tool_calls"][0]
    assert call["tool"] == "failure_stats" and call["result"]["role"]["key"] == "sales_manager"
    first, second = model.history
    assert isinstance(first[0], SystemMessage) and isinstance(first[-1], HumanMessage)
    assert first[-1].content == "anything at all"
    assert isinstance(second[-1], ToolMessage) and json.loads(second[-1].content)["role"]["key"] == "sales_manager"
    assert "fairness_audit" in model.tools_seen[0]  # an HR manager is offered the audit


def test_a_recruiter_is_never_offered_hr_only_tools(scripted):
    model, settings, assistant = scripted
    model.enqueue("ok")
    with serve(create_app(settings, assistant=assistant)) as base:
        httpx.post(f"{base}/api/chat", json={"message": "hello"}, timeout=30,
                   headers={"Authorization": "Bearer rec-token-0123456789abcdef"})
    assert model.tools_seen and not {"fairness_audit", "decide_proposal"} & set(model.tools_seen[0])


def test_a_slack_mention_reaches_the_agent_and_its_answer_the_thread(scripted):
    model, settings, _ = scripted
    model.enqueue("Scripted Slack answer.")
    with FakeSlack(token="xoxb-plumbing") as slack:
        slack_settings = make_settings(settings.database_url, SLACK_BOT_TOKEN="xoxb-plumbing",
                                       SLACK_SIGNING_SECRET="plumbing-secret-0123456789",
                                       CANDOR_SLACK_USERS=json.dumps({"U0HR": {"id": "ana", "audience": "hr_manager"}}),
                                       CANDOR_SLACK_API_URL=slack.api_url)
        with serve(create_app(slack_settings, assistant=Assistant(slack_settings, model=model))) as base:
            body = event_callback(app_mention("U0HR", "<@U0CANDOR> anything", "C0PLUMB", "1700000099.000100"),
                                  "Ev0PLUMB01")
            response = httpx.post(f"{base}/slack/events", content=body.encode(), timeout=10,
                                  headers=signed_headers("plumbing-secret-0123456789", body, "application/json"))
            assert response.status_code == 200
            update = slack.wait_for(lambda s: s.of("chat.update", channel="C0PLUMB"))[-1]
    assert update.params["text"] == "Scripted Slack answer."
    assert model.history[0][-1].content == "anything"  # the mention itself is stripped before the agent sees it
