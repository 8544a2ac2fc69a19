"""What every Slack handler shares: who the Slack user is to Candor, conversation ids, clean text."""

from __future__ import annotations

import hashlib
import html
import logging
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

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
    _seen: "OrderedDict[str, None]" = field(default_factory=OrderedDict)
    _seen_lock: threading.Lock = field(default_factory=threading.Lock)

    def principal_for(self, slack_user_id: str | None) -> Principal | None:
        """The Candor principal of a Slack user, or None for anyone not in CANDOR_SLACK_USERS."""
        user = self.settings.slack_users.get(slack_user_id or "")
        if user is None:
            return None
        return Principal(id=user.id, audience=user.audience, display_name=f"slack:{slack_user_id}")

    def first_delivery(self, event_id: str | None, keep: int = 5000) -> bool:
        """False for an event this process already took (Slack retries a delivery it thinks was lost)."""
        if not event_id:
            return True
        with self._seen_lock:
            if event_id in self._seen:
                return False
            self._seen[event_id] = None
            while len(self._seen) > keep:
                self._seen.popitem(last=False)
        return True
