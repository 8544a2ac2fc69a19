"""Slack HTTP events in the FastAPI app: POST /slack/events (events, slash command, buttons)."""

from __future__ import annotations

from typing import Any, Optional

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from slack_bolt.adapter.fastapi import SlackRequestHandler
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from starlette.responses import Response

from assistant.agent import Assistant
from candor.settings import Settings
from integrations.slack.app import build_slack_app


class ThreadedSlackRequestHandler(SlackRequestHandler):
    """Bolt's FastAPI adapter with the synchronous dispatch (signature check, ack, the first auth.test)
    moved off the event loop, so a slow Slack API call never stalls the web app."""

    async def handle(self, req: Request, addition_context_properties: Optional[dict[str, Any]] = None) -> Response:
        if req.method != "POST":
            return await super().handle(req, addition_context_properties)
        body = await req.body()
        bolt_response = await run_in_threadpool(self.app.dispatch,
                                                to_bolt_request(req, body, addition_context_properties))
        return to_starlette_response(bolt_response)


def mount_slack(app: FastAPI, settings: Settings, assistant: Assistant) -> None:
    """Add POST /slack/events: the Request URL for events, interactivity and the /candor command."""
    bolt = build_slack_app(settings, assistant)
    handler = ThreadedSlackRequestHandler(bolt)
    app.state.slack = bolt

    @app.post("/slack/events", include_in_schema=False)
    async def slack_events(request: Request) -> Response:
        return await handler.handle(request)
