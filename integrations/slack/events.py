"""Events: @Candor mentions in channels (answered in the thread) and direct messages.

The thread (or the DM) is the conversation, per user, so follow-ups keep their context.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import App

from assistant.actions import record_denied
from candor.language import language_of
from candor.principal import Principal
from integrations.slack.replies import REFUSAL, ConversationReply, answer, boundary
from integrations.slack.runtime import SlackRuntime, conversation_id, question_text

# Message subtypes a person sends with words in them: a message with a file attached, a thread reply also
# sent to the channel. Edits, deletions, joins and bots' posts are not questions.
ASKING_SUBTYPES = (None, "file_share", "thread_broadcast")


def is_user_dm(event: dict) -> bool:
    """A direct message a person typed (with or without a file; not an edit, a join, or a bot's own post)."""
    return (event.get("channel_type") == "im" and event.get("subtype") in ASKING_SUBTYPES
            and not event.get("bot_id") and bool(event.get("user")))


def register(app: App, rt: SlackRuntime) -> None:
    def ack_now(ack) -> None:
        ack()

    def answer_mention(event: dict, client: Any, context: Any) -> None:
        channel, user = event["channel"], event.get("user")
        thread = event.get("thread_ts") or event["ts"]
        _handle(rt, client, surface="app_mention", event=event, channel=channel, user=user, thread=thread,
                conversation=conversation_id(channel, thread, user), team=context.team_id, in_dm=False)

    def answer_dm(event: dict, client: Any, context: Any) -> None:
        channel, user, thread = event["channel"], event.get("user"), event.get("thread_ts")
        _handle(rt, client, surface="message.im", event=event, channel=channel, user=user, thread=thread,
                conversation=conversation_id(channel, thread or "", user), team=context.team_id, in_dm=True)

    app.event("app_mention")(ack=ack_now, lazy=[answer_mention])
    app.event("message", matchers=[is_user_dm])(ack=ack_now, lazy=[answer_dm])
    # Edits, deletions, our own posts: acknowledged (so Slack does not retry) and ignored.
    app.event("message")(ack_now)


def _handle(rt: SlackRuntime, client: Any, *, surface: str, event: dict, channel: str, user: str | None,
            thread: str | None, conversation: str, team: str | None, in_dm: bool) -> None:
    text = question_text(event.get("text", ""))
    reply = ConversationReply(client, channel, thread)
    ids = {"team": team, "channel": channel, "user": user, "ts": event.get("ts")}
    with boundary(surface, ids, reply.notice, language_of(text)):
        principal = rt.principal_for(user)
        if principal is None:
            record_denied(rt.assistant, Principal(id=f"slack:{user}", audience="unknown"), f"slack:{surface}",
                          {"slack_user": user, "channel": channel}, "Slack user not in CANDOR_SLACK_USERS")
            if in_dm:
                client.chat_postMessage(channel=channel, thread_ts=thread, text=REFUSAL)
            else:  # only the person who asked sees it
                client.chat_postEphemeral(channel=channel, user=user, thread_ts=thread, text=REFUSAL)
            ids["refused"] = "unknown_user"
            return
        answer(rt, reply, principal, text, conversation, ids)
