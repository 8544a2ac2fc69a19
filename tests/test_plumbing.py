"""The surfaces' plumbing, driven by a scripted chat model instead of the planner: what a surface sends the
agent, which tools the principal is offered, and how a tool's result comes back over HTTP, Slack and the CLI."""

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


def _cli(*args: str, url: str, base_url: str, stdin: str | None = None):
    """`python app.py ARGS` as a user runs it, its chat model scripted over the OpenAI protocol (the outer boundary)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from tests.conftest import NOW

    env = {k: v for k, v in os.environ.items() if not k.startswith(("CANDOR_", "OPENAI_"))}
    env.update(DATABASE_URL=url, CANDOR_NOW=NOW.isoformat(), CANDOR_ENV="test", CANDOR_PROVIDER="openai",
               OPENAI_API_KEY="sk-test", CANDOR_OPENAI_BASE_URL=base_url, CANDOR_OPENAI_MODEL="scripted")
    return subprocess.run([sys.executable, "app.py", *args], cwd=Path(__file__).resolve().parent.parent, env=env,
                          input=stdin, capture_output=True, text=True, timeout=120)


def test_the_cli_carries_the_question_to_the_model_and_the_tool_result_back(seeded_sqlite_url):
    from tests.fake_openai import FakeOpenAI, tool_call

    def script(body):  # whatever the question: one tool call, then an answer built from its result
        last = body["messages"][-1]
        if last["role"] == "user":
            return tool_call("failure_stats", {"role": "Sales Manager", "period": "this year"})
        return {"content": f"Scripted: {json.loads(last['content'])['interviews']} interviews."}

    with FakeOpenAI(script) as server:
        out = _cli("ask", "anything at all", "--json", url=seeded_sqlite_url, base_url=server.base_url)
        assert out.returncode == 0, out.stderr
        turn = json.loads(out.stdout)
        call = turn["tool_calls"][0]
        assert call["tool"] == "failure_stats" and call["result"]["role"]["key"] == "sales_manager"
        assert turn["answer"] == f"Scripted: {call['result']['interviews']} interviews."
        first, second = server.requests
        assert first["messages"][-1] == {"role": "user", "content": "anything at all"}
        assert second["messages"][-1]["role"] == "tool"
        recruiter = _cli("ask", "hello", "--as", "recruiter", url=seeded_sqlite_url, base_url=server.base_url)
        assert recruiter.returncode == 0, recruiter.stderr
        offered = {t["function"]["name"] for t in server.requests[-1]["tools"]}
        assert offered and not {"fairness_audit", "decide_proposal"} & offered


def test_the_cli_chat_sends_the_earlier_turns_with_each_question(seeded_sqlite_url):
    from tests.fake_openai import FakeOpenAI

    def script(body):
        users = [m["content"] for m in body["messages"] if m["role"] == "user"]
        return {"content": f"turn {len(users)}: " + " | ".join(users)}

    with FakeOpenAI(script) as server:
        out = _cli("chat", url=seeded_sqlite_url, base_url=server.base_url, stdin="first question\nsecond one\n")
    assert out.returncode == 0, out.stderr
    assert "turn 1: first question" in out.stdout
    assert "turn 2: first question | second one" in out.stdout


def test_a_turns_tool_calls_come_back_in_the_order_the_model_made_them():
    """A turn's calls run in parallel threads and are recorded as each finishes; the turn lists them as asked."""
    from langchain_core.messages import AIMessage

    from assistant.agent import in_call_order

    asked = AIMessage(content="", tool_calls=[
        {"name": "build_report", "args": {}, "id": "call_report", "type": "tool_call"},
        {"name": "fairness_audit", "args": {}, "id": "call_audit", "type": "tool_call"}])
    finished = [{"tool": "fairness_audit", "arguments": {}, "result": {"n": 1}, "call_id": "call_audit"},
                {"tool": "build_report", "arguments": {}, "result": {"n": 2}, "call_id": "call_report"}]
    turn = in_call_order(finished, [HumanMessage(content="report with the audit"), asked])
    assert [(c.tool, c.result) for c in turn] == [("build_report", {"n": 2}), ("fairness_audit", {"n": 1})]
    assert "call_id" not in turn[0].model_dump()  # the id orders the calls; the surfaces never see it
