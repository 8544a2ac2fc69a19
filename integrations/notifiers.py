"""Which notifier the running app uses: the wiring chooses, the core only defines the interface."""

from __future__ import annotations

from typing import Any

from candor.notify import LogNotifier, Notifier
from integrations.slack.notify import SlackNotifier


def default_notifier(settings: Any = None) -> Notifier:
    """Slack when a bot token is configured, otherwise the log."""
    if settings is not None and getattr(settings, "slack_bot_token", ""):
        return SlackNotifier(settings)
    return LogNotifier()
