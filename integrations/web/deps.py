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


def get_staff_principal(settings: Annotated[Settings, Depends(get_settings)],
                        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> Principal:
    unauthorized = HTTPException(status.HTTP_401_UNAUTHORIZED,
                                 detail="A valid staff bearer token is required: send 'Authorization: Bearer <token>' "
                                        "with a token configured in CANDOR_STAFF_TOKENS.",
                                 headers={"WWW-Authenticate": "Bearer"})
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise unauthorized
    for token, staff in settings.staff_tokens.items():
        if hmac.compare_digest(token.encode(), credentials.credentials.encode()):
            return Principal(id=staff.id, audience=staff.audience)
    raise unauthorized


SettingsDep = Annotated[Settings, Depends(get_settings)]
AssistantDep = Annotated[Assistant, Depends(get_assistant)]
StaffPrincipal = Annotated[Principal, Depends(get_staff_principal)]
