"""The FastAPI application: health, the staff chat API and the OpenAPI page."""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse
from sqlalchemy import text

from assistant.agent import Assistant
from candor.settings import Settings, get_settings
from integrations.web import candidate, chat, feedback, interviews, reports
from integrations.web.limits import BodySizeLimit

log = logging.getLogger("candor.web")

INDEX = """<!doctype html><html lang="en"><meta charset="utf-8"><title>Candor</title>
<body style="font-family:system-ui;max-width:40rem;margin:3rem auto;line-height:1.5">
<h1>Candor</h1><p>The HR assistant for AI-interview programs is running.</p>
<p>Ask a question with a staff token:</p>
<pre>curl -s http://HOST/api/chat -H 'Authorization: Bearer TOKEN' -H 'Content-Type: application/json' \\
  -d '{"message": "What is the AI interview failure rate for Marketing Planner over the last 3 months?"}'</pre>
<p><a href="/docs">API documentation (OpenAPI)</a> · <a href="/healthz">health</a></p></body></html>"""


# --- Background work (the scheduled fairness audit), for as long as the app runs ---------------
@asynccontextmanager
async def _background_work(app: FastAPI):
    """Starts the fairness-audit scheduler when enabled (never under CANDOR_ENV=test unless asked).
    Set `app.state.notifier` before start-up to send its notices somewhere other than the log."""
    settings, scheduler = app.state.settings, None
    if settings.audit_scheduler_enabled:
        from assistant.schedule import scheduler_for
        from integrations.notifiers import default_notifier

        notifier = getattr(app.state, "notifier", None) or default_notifier(settings)
        scheduler = scheduler_for(settings, app.state.assistant, notifier)
        scheduler.start()
    app.state.audit_scheduler = scheduler
    worker = None
    if settings.worker_enabled:  # media scoring jobs (assistant/jobs.py); CANDOR_WORKER=false leaves it to `app.py worker`
        from assistant.workers import worker_for

        worker = worker_for(settings, app.state.assistant.engine).start()
    app.state.worker = worker
    try:
        yield
    finally:
        if worker is not None:
            worker.stop()
        if scheduler is not None:
            scheduler.stop()
# --- end background work -----------------------------------------------------------------------


def create_app(settings: Settings | None = None, assistant: Assistant | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(title="Candor", version="0.1.0", lifespan=_background_work,
                  description="HR assistant that turns failed AI interviews into insight through conversation.")
    app.state.settings = settings
    app.state.assistant = assistant or Assistant(settings)
    app.include_router(chat.router)
    app.include_router(reports.router)  # GET /api/reports: the recruiter report as JSON, CSV or PNG
    candidate.mount(app)  # GET /c/{token}: the candidate chat page; staff API for links and requests
    app.include_router(interviews.router)  # POST /api/interviews, GET /api/jobs/{id}: scoring (tools/score_interview.py)
    app.include_router(feedback.router)  # /api/feedback/drafts: letters, approval, sending (tools/draft_feedback.py)

    # --- Slack HTTP events: POST /slack/events, only when Slack is configured (integrations/slack) ---
    if settings.slack_http_enabled:
        from integrations.slack.http_events import mount_slack

        mount_slack(app, settings, app.state.assistant)
    # --- end Slack ---

    # Before anything reads a body: routing, form parsing, token checks.
    app.add_middleware(BodySizeLimit, limit=int(settings.body_max_kb * 1024),
                       uploads=int(settings.upload_max_mb * 1024 * 1024), upload_prefixes=("/api/interviews",))

    @app.get("/healthz", tags=["ops"], summary="Liveness and database check")
    def healthz() -> JSONResponse:
        try:
            with app.state.assistant.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except Exception as exc:  # report, don't crash the probe
            log.warning("health check failed: %s", exc)
            return JSONResponse({"status": "error", "database": "unreachable"}, status_code=503)
        return JSONResponse({"status": "ok", "database": "ok", "provider": settings.provider})

    @app.get("/", include_in_schema=False)
    def index(request: Request) -> HTMLResponse:
        return HTMLResponse(INDEX.replace("HOST", request.url.netloc))

    return app
