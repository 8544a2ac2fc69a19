"""The FastAPI application: health, the home page, the staff APIs, the candidate page and the OpenAPI pages."""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as SATimeoutError

from assistant.agent import Assistant
from candor.ratelimit import RateLimiter
from candor.settings import Settings, get_settings
from integrations.web import apidocs, candidate, chat, feedback, home, interviews, reports
from integrations.web.limits import BodySizeLimit, RequestTimeout

log = logging.getLogger("candor.web")
RETRY_AFTER_S = 5


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


async def _database_busy(request: Request, exc: Exception) -> JSONResponse:
    """A slow or unreachable database is a 503 the client may retry, never a 500 with a traceback."""
    log.warning("database busy or unreachable on %s %s: %s", request.method, request.url.path,
                str(exc).splitlines()[0][:300])
    return JSONResponse({"detail": {
        "error": "database_busy",
        "message": "The database is busy or unreachable; nothing was changed. Try again in a few seconds "
                   "(operators: see CANDOR_DB_POOL_TIMEOUT and CANDOR_DB_STATEMENT_TIMEOUT in docs/deploy.md).",
        "message_zh": "数据库繁忙或无法连接，未做任何更改。请几秒后重试（运维人员请参阅 docs/deploy.md 中的 "
                      "CANDOR_DB_POOL_TIMEOUT 与 CANDOR_DB_STATEMENT_TIMEOUT）。"}},
        status_code=503, headers={"Retry-After": str(RETRY_AFTER_S)})


def create_app(settings: Settings | None = None, assistant: Assistant | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(title="Candor", version="0.1.0", lifespan=_background_work, docs_url=None, redoc_url=None,
                  description="HR assistant that turns failed AI interviews into insight through conversation.")
    app.state.settings = settings
    app.state.assistant = assistant or Assistant(settings)
    app.state.rate_limiter = RateLimiter(settings.rate_limit_storage, app.state.assistant.engine)
    app.include_router(chat.router)
    app.include_router(reports.router)  # GET /api/reports: the recruiter report as JSON, CSV or PNG
    candidate.mount(app)  # GET /c/{token}: the candidate chat page; staff API for links and requests
    apidocs.mount(app)  # /docs and /redoc from vendored Swagger UI and ReDoc: they work offline
    app.include_router(home.router)  # GET /: what Candor is, where the docs, console and candidate pages are
    app.include_router(interviews.router)  # POST /api/interviews, GET /api/jobs/{id}: scoring (tools/score_interview.py)
    app.include_router(feedback.router)  # /api/feedback/drafts: letters, approval, sending (tools/draft_feedback.py)

    # --- Slack HTTP events: POST /slack/events, only when Slack is configured (integrations/slack) ---
    if settings.slack_http_enabled:
        from integrations.slack.http_events import mount_slack

        mount_slack(app, settings, app.state.assistant)
    # --- end Slack ---

    # Streamed uploads take as long as they take; the health probe answers for itself (503 when the database does
    # not), so a busy moment never reads as the service being down.
    app.add_middleware(RequestTimeout, seconds=settings.request_timeout_s,
                       exempt_prefixes=("/api/interviews", "/healthz"))
    # Before anything reads a body: routing, form parsing, token checks (added last, so it runs first).
    app.add_middleware(BodySizeLimit, limit=int(settings.body_max_kb * 1024),
                       uploads=int(settings.upload_max_mb * 1024 * 1024), upload_prefixes=("/api/interviews",))

    app.add_exception_handler(SATimeoutError, _database_busy)  # every pooled connection in use for too long
    app.add_exception_handler(OperationalError, _database_busy)  # a statement cancelled, the server gone

    @app.get("/healthz", tags=["ops"], summary="Liveness and database check")
    def healthz() -> JSONResponse:
        try:
            with app.state.assistant.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except Exception as exc:  # report, don't crash the probe
            log.warning("health check failed: %s", exc)
            return JSONResponse({"status": "error", "database": "unreachable"}, status_code=503)
        return JSONResponse({"status": "ok", "database": "ok", "provider": settings.provider})

    return app
