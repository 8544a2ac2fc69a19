"""The Bolt app, built from settings: listeners for events, the slash command and buttons."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

from slack_bolt import App, BoltResponse
from slack_sdk import WebClient

from assistant.agent import Assistant
from candor.settings import Settings
from integrations.slack import actions, commands, events
from integrations.slack.runtime import SlackRuntime

log = logging.getLogger("candor.slack")


class _SkipTokenNotice(logging.Filter):
    # Bolt also reads SLACK_BOT_TOKEN from the environment and notes that the client's token wins: it is the same.
    def filter(self, record: logging.LogRecord) -> bool:
        return "`token` will be unused" not in record.getMessage()


class SlackNotConfigured(RuntimeError):
    """Slack settings are missing; the message names them."""


def delivery_key(body: dict) -> str | None:
    """What identifies one delivery: the event id, or a command's or click's trigger id (with the action time)."""
    if body.get("type") == "event_callback":
        return f"ev:{body['event_id']}" if body.get("event_id") else None
    if body.get("command") and body.get("trigger_id"):
        return f"cmd:{body['trigger_id']}"
    if body.get("type") == "block_actions" and body.get("trigger_id"):
        stamps = ",".join(str(a.get("action_ts", "")) for a in body.get("actions") or [])
        return f"act:{body['trigger_id']}:{stamps}"
    return None


def build_slack_app(settings: Settings, assistant: Assistant | None = None) -> App:
    if not settings.slack_bot_token:
        raise SlackNotConfigured("Slack is not configured: set SLACK_BOT_TOKEN (xoxb-…) and SLACK_SIGNING_SECRET "
                                 "(HTTP events) or SLACK_APP_TOKEN (xapp-…, Socket Mode); see README, section Slack.")
    rt = SlackRuntime(settings=settings, assistant=assistant or Assistant(settings))
    bolt_log = logging.getLogger("candor.slack.bolt")
    if not any(isinstance(f, _SkipTokenNotice) for f in bolt_log.filters):
        bolt_log.addFilter(_SkipTokenNotice())
    if bolt_log.getEffectiveLevel() < logging.INFO:  # Bolt's debug lines carry request bodies: message text
        bolt_log.setLevel(logging.INFO)
    app = App(
        client=WebClient(token=settings.slack_bot_token, base_url=settings.slack_api_url),
        signing_secret=settings.slack_signing_secret,
        token_verification_enabled=False,  # auth.test runs on the first event, not at start-up
        # The ack listeners only call ack(), so running them before the response costs nothing, and acks never
        # queue behind answers in the worker pool; the answers run as lazy listeners on that pool.
        process_before_response=True,
        listener_executor=ThreadPoolExecutor(settings.slack_workers, thread_name_prefix="candor-slack"),
        logger=bolt_log,
        name="candor",
    )

    @app.middleware
    def skip_redelivery(body: dict, next) -> BoltResponse | None:
        # Slack redelivers an event it thinks was lost, and a signed command or click can be replayed within its
        # five minutes: answer each once, whichever process gets it.
        key = delivery_key(body)
        if key is not None and not rt.first_delivery(key):
            log.info("slack redelivery skipped key=%s", key)
            return BoltResponse(status=200, body="")
        return next()

    events.register(app, rt)
    commands.register(app, rt)
    actions.register(app, rt)
    return app
