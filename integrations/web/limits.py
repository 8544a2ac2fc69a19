"""A request-body limit applied before routing, parsing or authentication (raw ASGI): an unauthenticated 100 MB
body is refused with 413 as soon as its size is known, not read into memory first."""

from __future__ import annotations

import json
from typing import Any, Awaitable, Callable

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
