"""What every Slack handler shares: who the Slack user is to Candor, conversation ids, clean text."""

from __future__ import annotations

import hashlib
import html
import logging
import re
from dataclasses import dataclass

from assistant.actions import first_delivery
from assistant.agent import Assistant
from candor.principal import Principal
from candor.settings import Settings

log = logging.getLogger("candor.slack")

MENTION = re.compile(r"<@[UW][A-Z0-9]+(?:\|[^>]*)?>")
CHANNEL_REF = re.compile(r"<#[CGD][A-Z0-9]+\|([^>]*)>")
LINK = re.compile(r"<((?:https?|mailto):[^|>]+)(?:\|([^>]*))?>")
MAX_CONVERSATION_ID = 64  # Conversation.id column


def question_text(slack_text: str) -> str:
    """The question as the user typed it: mentions removed, links and channel refs readable, unescaped."""
    text = MENTION.sub(" ", slack_text or "")
    text = CHANNEL_REF.sub(lambda m: f"#{m.group(1)}", text)
    text = LINK.sub(lambda m: m.group(2) or m.group(1), text)
    return " ".join(html.unescape(text).split())


def conversation_id(*parts: str) -> str:
    """A stable conversation id from Slack ids (thread or DM channel, plus the user)."""
    readable = "slack:" + ":".join(p for p in parts if p)
    if len(readable) <= MAX_CONVERSATION_ID:
        return readable
    return "slack:" + hashlib.sha1(readable.encode()).hexdigest()


@dataclass
class SlackRuntime:
    """Handlers receive this, never globals: settings, the assistant and the user mapping."""

    settings: Settings
    assistant: Assistant

    def principal_for(self, slack_user_id: str | None) -> Principal | None:
        """The Candor principal of a Slack user, or None for anyone not in CANDOR_SLACK_USERS."""
        user = self.settings.slack_users.get(slack_user_id or "")
        if user is None:
            return None
        return Principal(id=user.id, audience=user.audience, display_name=f"slack:{slack_user_id}")

    def first_delivery(self, key: str | None) -> bool:
        """False for a delivery any Candor process already took (Slack retries one it thinks was lost; a replayed
        command or click repeats its trigger id). Stored in the database: shared and kept across restarts."""
        if not key:
            return True
        return first_delivery(self.assistant, key)
