"""Limits at the edge, as raw ASGI middleware: a request-body limit applied before routing, parsing or
authentication (an unauthenticated 100 MB body is refused with 413 as soon as its size is known, not read
into memory first), and a request timeout (504)."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any, Awaitable, Callable

log = logging.getLogger("candor.web")
Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict]]
Send = Callable[[dict], Awaitable[None]]


class BodySizeLimit:
    """`limit` bytes for every request, `uploads` bytes for paths starting with an upload prefix."""

    def __init__(self, app: Callable, *, limit: int, uploads: int, upload_prefixes: tuple[str, ...]):
        self.app, self.limit, self.uploads, self.upload_prefixes = app, limit, uploads, upload_prefixes

    def limit_for(self, path: str) -> tuple[int, str]:
        if path.startswith(self.upload_prefixes):
            return self.uploads, "CANDOR_UPLOAD_MAX_MB"
        return self.limit, "CANDOR_BODY_MAX_KB"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit, setting = self.limit_for(scope.get("path", ""))
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            return await _too_large(send, limit, setting)
        seen = 0
        state = {"started": False, "refused": False}

        async def counted() -> dict:
            nonlocal seen
            if state["refused"]:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit and not state["started"]:  # a chunked body that did not say its size
                    state["refused"] = True
                    await _too_large(send, limit, setting)
                    return {"type": "http.disconnect"}  # the app stops reading; its answer is dropped
            return message

        async def watched_send(message: dict) -> None:
            if state["refused"]:
                return
            if message["type"] == "http.response.start":
                state["started"] = True
            await send(message)

        await self.app(scope, counted, watched_send)


async def _too_large(send: Send, limit: int, setting: str) -> None:
    size = f"{limit // 1024} KB" if limit < 1024 * 1024 else f"{limit / 1024 / 1024:g} MB"
    body = json.dumps({"detail": {"error": "body_too_large", "limit_bytes": limit,
                                  "message": f"The request body is larger than the {size} limit ({setting}): send "
                                             "less, or raise the setting.",
                                  "message_zh": f"请求体超过 {size} 的上限（{setting}）：请减少内容或调高该设置。"}}).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


class RequestTimeout:
    """A request whose answer has not started after `seconds` gets 504; the work it started finishes on its
    own and its late answer is dropped. Paths under `exempt_prefixes` (streamed uploads, the health probe) are not
    timed."""

    def __init__(self, app: Callable, *, seconds: float, exempt_prefixes: tuple[str, ...] = ()):
        self.app, self.seconds, self.exempt = app, seconds, exempt_prefixes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path", "").startswith(self.exempt):
            return await self.app(scope, receive, send)
        state = {"started": False, "late": False}

        async def guarded(message: dict) -> None:
            if state["late"]:
                return
            if message["type"] == "http.response.start":
                state["started"] = True
            await send(message)

        task = asyncio.ensure_future(self.app(scope, receive, guarded))
        done, _ = await asyncio.wait({task}, timeout=self.seconds)
        if task in done or state["started"]:
            return await task  # finished, or already answering (a streamed response may take longer)
        state["late"] = True
        task.add_done_callback(_log_late_failure)
        seconds = f"{self.seconds:g}"
        body = json.dumps({"detail": {
            "error": "timeout", "timeout_s": self.seconds,
            "message": f"No answer within {seconds} s (CANDOR_REQUEST_TIMEOUT). The request may still complete; "
                       "check before sending it again.",
            "message_zh": f"{seconds} 秒内未能响应（CANDOR_REQUEST_TIMEOUT）。该请求可能仍会完成，重新发送前请先确认。"}},
            ensure_ascii=False).encode()
        await send({"type": "http.response.start", "status": 504,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


def _log_late_failure(task: "asyncio.Future") -> None:
    if not task.cancelled() and task.exception() is not None:
        log.warning("a request that had timed out failed later: %s", task.exception())
