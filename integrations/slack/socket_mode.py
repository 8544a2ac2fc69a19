"""Socket Mode: the same Bolt app over a WebSocket, for workspaces without a public URL."""

from __future__ import annotations

from typing import Any

from assistant.agent import Assistant
from candor.settings import Settings
from integrations.slack.app import SlackNotConfigured, build_slack_app


def socket_mode_handler(settings: Settings, assistant: Assistant | None = None) -> Any:
    """Bolt's Socket Mode handler (slack_sdk's built-in WebSocket client) for the Candor app."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    if not settings.slack_app_token:
        raise SlackNotConfigured("Socket Mode needs SLACK_APP_TOKEN: an app-level token (xapp-…) with the "
                                 "connections:write scope, from the app's Basic Information → App-Level Tokens.")
    return SocketModeHandler(build_slack_app(settings, assistant), settings.slack_app_token)


def run_socket_mode(settings: Settings, assistant: Assistant | None = None) -> None:
    """Connect to Slack and serve until interrupted."""
    socket_mode_handler(settings, assistant).start()
