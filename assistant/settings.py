"""One validated settings object for the whole product (environment variables or `.env`)."""

from __future__ import annotations

import json
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

Audience = Literal["hr_manager", "recruiter", "evaluator", "candidate"]
STAFF_AUDIENCES: tuple[str, ...] = ("hr_manager", "recruiter", "evaluator")

# Development-only token; refused when CANDOR_ENV is not "development".
DEV_STAFF_TOKENS = {"dev-hr-token": {"id": "dev-hr", "audience": "hr_manager"},
                    "dev-recruiter-token": {"id": "dev-recruiter", "audience": "recruiter"}}
PLACEHOLDER_SECRETS = {"", "changeme", "change-me", "secret", "dev-hr-token", "dev-recruiter-token"}


class StaffToken(BaseModel):
    id: str
    audience: Audience


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    env: Literal["development", "test", "production"] = Field("development", alias="CANDOR_ENV")
    data_dir: Path = Field(Path("data"), alias="CANDOR_DATA_DIR")
    database_url: str = Field("", alias="DATABASE_URL")
    provider: Literal["embedded", "openai", "openai-compatible"] = Field("embedded", alias="CANDOR_PROVIDER")
    openai_api_key: str = Field("", alias="OPENAI_API_KEY")
    openai_model: str = Field("gpt-4o-mini", alias="CANDOR_OPENAI_MODEL")
    openai_base_url: str = Field("", alias="CANDOR_OPENAI_BASE_URL")
    openai_timeout_s: float = Field(60.0, alias="CANDOR_OPENAI_TIMEOUT")
    staff_tokens: dict[str, StaffToken] = Field(default_factory=dict, alias="CANDOR_STAFF_TOKENS")
    # A fixed clock (ISO date or datetime) for reproducible demos, tests and evals.
    now: datetime | None = Field(None, alias="CANDOR_NOW")
    host: str = Field("127.0.0.1", alias="CANDOR_HOST")
    port: int = Field(8000, alias="CANDOR_PORT")
    history_turns: int = Field(20, alias="CANDOR_HISTORY_TURNS", ge=1)

    @field_validator("staff_tokens", mode="before")
    @classmethod
    def _parse_tokens(cls, value):
        if isinstance(value, str):
            value = value.strip()
            if not value:
                return {}
            try:
                return json.loads(value)
            except json.JSONDecodeError as exc:
                raise ValueError(
                    'CANDOR_STAFF_TOKENS must be JSON like {"<token>": {"id": "ana", "audience": "hr_manager"}}'
                ) from exc
        return value

    @model_validator(mode="after")
    def _defaults_and_safety(self) -> "Settings":
        if not self.database_url:
            self.database_url = f"sqlite:///{self.data_dir / 'candor.db'}"
        if self.env == "development" and not self.staff_tokens:
            self.staff_tokens = {k: StaffToken(**v) for k, v in DEV_STAFF_TOKENS.items()}
        if self.env == "production":
            weak = [t for t in self.staff_tokens if t in PLACEHOLDER_SECRETS or len(t) < 16]
            if weak:
                raise ValueError("CANDOR_STAFF_TOKENS holds a placeholder or short token (under 16 characters); "
                                 "generate one with: python -c 'import secrets; print(secrets.token_urlsafe(32))'")
        if self.provider == "openai-compatible" and not self.openai_base_url:
            raise ValueError("CANDOR_PROVIDER=openai-compatible needs CANDOR_OPENAI_BASE_URL "
                             "(e.g. http://127.0.0.1:8080/v1 for a llama.cpp or vLLM server)")
        return self


class SettingsError(RuntimeError):
    """Settings could not be validated; the message names the variable to fix."""


def load_settings(**overrides) -> Settings:
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            loc = ".".join(str(p) for p in err["loc"]) or "settings"
            lines.append(f"  {loc}: {err['msg']}")
        raise SettingsError("Invalid Candor settings:\n" + "\n".join(lines)) from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()
