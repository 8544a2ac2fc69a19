"""The slash command `/candor <question>`: acknowledged at once, answered only to the asker."""

from __future__ import annotations

from typing import Any

from slack_bolt import App

from assistant.actions import record_denied
from candor.language import language_of
from candor.principal import Principal
from integrations.slack.replies import REFUSAL, WORKING, CommandReply, answer, boundary
from integrations.slack.runtime import SlackRuntime, conversation_id, question_text

COMMAND = "/candor"
USAGE = ("Usage: `/candor <question>`, e.g. `/candor What is the failure rate for Marketing Planner over the last "
         "3 months?` Follow-ups in the same channel keep the context.\n"
         "用法：`/candor <问题>`，例如 `/candor 市场策划近3个月的AI面试失败率是多少？`")


def register(app: App, rt: SlackRuntime) -> None:
    def ack_command(ack, command: dict) -> None:
        if rt.principal_for(command.get("user_id")) is None:
            ack(text=REFUSAL, response_type="ephemeral")
        elif not question_text(command.get("text", "")):
            ack(text=USAGE, response_type="ephemeral")
        else:
            ack(text=WORKING[language_of(command.get("text", ""))], response_type="ephemeral")

    def answer_command(command: dict, respond: Any, client: Any) -> None:
        user, channel = command.get("user_id"), command.get("channel_id")
        text = question_text(command.get("text", ""))
        reply = CommandReply(respond, client, channel, user)
        ids = {"team": command.get("team_id"), "channel": channel, "user": user}
        with boundary("command", ids, reply.notice, language_of(text)):
            principal = rt.principal_for(user)
            if principal is None:
                record_denied(rt.assistant, Principal(id=f"slack:{user}", audience="unknown"), "slack:command",
                              {"slack_user": user, "channel": channel}, "Slack user not in CANDOR_SLACK_USERS")
                ids["refused"] = "unknown_user"
                return
            if text:
                answer(rt, reply, principal, text, conversation_id(channel, "cmd", user), ids)

    app.command(COMMAND)(ack=ack_command, lazy=[answer_command])
