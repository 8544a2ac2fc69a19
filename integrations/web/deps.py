"""FastAPI dependencies as Annotated aliases: settings, the assistant, the calling principal."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from assistant.agent import Assistant
from candor.principal import Principal
from candor.settings import Settings

bearer = HTTPBearer(auto_error=False, description="A staff token from CANDOR_STAFF_TOKENS")


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_assistant(request: Request) -> Assistant:
    return request.app.state.assistant


def get_staff_principal(request: Request, settings: Annotated[Settings, Depends(get_settings)],
                        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> Principal:
    unauthorized = HTTPException(status.HTTP_401_UNAUTHORIZED,
                                 detail="A valid staff bearer token is required: send 'Authorization: Bearer <token>' "
                                        "with a token configured in CANDOR_STAFF_TOKENS.",
                                 headers={"WWW-Authenticate": "Bearer"})
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise unauthorized
    for token, staff in settings.staff_tokens.items():
        if hmac.compare_digest(token.encode(), credentials.credentials.encode()):
            limit_rate(request, f"staff:{staff.id}", settings.rate_limit_staff, "CANDOR_RATE_LIMIT_STAFF")
            return Principal(id=staff.id, audience=staff.audience)
    raise unauthorized


def limit_rate(request: Request, key: str, rate: str, setting: str) -> None:
    """Count a request by `key` (a staff member, a candidate); over `rate`: 429 with Retry-After."""
    wait = request.app.state.rate_limiter.hit(key, rate)
    if wait is not None:
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, headers={"Retry-After": str(wait)}, detail={
            "error": "rate_limited", "retry_after_s": wait,
            "message": f"Too many requests ({rate}, {setting}): try again in {wait} s.",
            "message_zh": f"请求过于频繁（上限 {rate}，{setting}）：请 {wait} 秒后再试。"})


SettingsDep = Annotated[Settings, Depends(get_settings)]
AssistantDep = Annotated[Assistant, Depends(get_assistant)]
StaffPrincipal = Annotated[Principal, Depends(get_staff_principal)]
