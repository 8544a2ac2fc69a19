"""Signed, expiring candidate links: the only way a candidate reaches Candor.

A token is `base64url(payload).base64url(HMAC-SHA256(secret, payload))` where the payload is the JSON
`{"c": candidate id, "t": token id, "e": expiry (unix seconds)}`. Every issued token is recorded in
`CandidateLink`, so a link can be revoked and an unknown (never issued) token is refused even when
its signature is valid.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlmodel import Session, select

from candor import audit
from candor.clock import as_utc
from candor.models import Candidate, CandidateLink
from candor.principal import Principal
from candor.settings import PLACEHOLDER_SECRETS, Settings

SECRET_FILE = "candidate_link_secret"


class LinkConfigError(RuntimeError):
    """Links cannot be signed or checked with these settings (no secret in production)."""


class LinkError(ValueError):
    """A link that must not open the page. `reason`: malformed | tampered | unknown | expired | revoked."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason

    @property
    def status_code(self) -> int:
        # A link that was real but is no longer valid is "gone"; anything else is unauthorised.
        return 410 if self.reason in ("expired", "revoked") else 401


@dataclass(frozen=True)
class IssuedLink:
    token: str
    url: str
    token_id: str
    candidate_external_id: str
    expires_at: datetime


@dataclass(frozen=True)
class LinkHolder:
    """Who a verified link belongs to."""

    candidate_id: int
    token_id: str
    expires_at: datetime
    language: str = "en"  # the candidate's language: the page opens in it


def link_secret(settings: Settings) -> bytes:
    """CANDOR_LINK_SECRET, or outside production a generated secret kept in the data folder."""
    secret = settings.candidate_link_secret
    if settings.env == "production" and (secret.lower() in PLACEHOLDER_SECRETS or len(secret) < 32):
        raise LinkConfigError("CANDOR_LINK_SECRET must be set in production to a random value of 32+ characters "
                              "(it signs candidate links); generate one with: "
                              "python -c 'import secrets; print(secrets.token_urlsafe(48))'")
    if secret:
        return secret.encode()
    path = Path(settings.data_dir) / SECRET_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:  # exclusive create: two processes starting together agree on one secret
            with open(path, "x", encoding="ascii") as handle:
                handle.write(secrets.token_urlsafe(48))
            path.chmod(0o600)
        except FileExistsError:
            pass
    return path.read_text(encoding="ascii").strip().encode()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign(secret: bytes, candidate_id: int, token_id: str, expires_at: datetime) -> str:
    payload = json.dumps({"c": candidate_id, "t": token_id, "e": int(as_utc(expires_at).timestamp())},
                         separators=(",", ":")).encode()
    mac = hmac.new(secret, payload, hashlib.sha256).digest()
    return f"{_b64(payload)}.{_b64(mac)}"


def read_token(secret: bytes, token: str) -> LinkHolder:
    """The signed payload; raises LinkError('malformed' | 'tampered'). Expiry and revocation: `verify`."""
    try:
        payload_part, mac_part = token.split(".")
        payload, mac = _unb64(payload_part), _unb64(mac_part)
    except (ValueError, TypeError):
        raise LinkError("malformed") from None
    if not hmac.compare_digest(mac, hmac.new(secret, payload, hashlib.sha256).digest()):
        raise LinkError("tampered")
    try:
        data = json.loads(payload)
        return LinkHolder(candidate_id=int(data["c"]), token_id=str(data["t"]),
                          expires_at=datetime.fromtimestamp(int(data["e"]), tz=timezone.utc))
    except (ValueError, KeyError, TypeError):
        raise LinkError("malformed") from None


def verify(session: Session, secret: bytes, token: str, now: datetime) -> LinkHolder:
    """The link's holder when the token is genuine, issued, unexpired and not revoked."""
    holder = read_token(secret, token)
    record = session.exec(select(CandidateLink).where(CandidateLink.token_id == holder.token_id)).first()
    if record is None or record.candidate_id != holder.candidate_id:
        raise LinkError("unknown")
    if record.revoked_at is not None:
        raise LinkError("revoked")
    if as_utc(now) >= holder.expires_at:
        raise LinkError("expired")
    candidate = session.get(Candidate, holder.candidate_id)
    if candidate is None:  # deleted since the link was issued
        raise LinkError("revoked")
    return replace(holder, language="zh" if candidate.language == "zh" else "en")


def base_url(settings: Settings) -> str:
    return (settings.public_base_url or f"http://{settings.host}:{settings.port}").rstrip("/")


def find_candidate(session: Session, reference: str) -> Candidate | None:
    """A candidate by external id (C000123), or by database id when the reference is all digits."""
    candidate = session.exec(select(Candidate).where(Candidate.external_id == reference.strip())).first()
    if candidate is None and reference.strip().isdigit():
        candidate = session.get(Candidate, int(reference.strip()))
    return candidate


def issue_link(session: Session, settings: Settings, candidate: Candidate, *, issued_by: str, now: datetime,
               days: int | None = None, public_base_url: str | None = None, audience: str = "recruiter") -> IssuedLink:
    """Signs a link for the candidate, records it and audits who issued it (`audience`: theirs); the caller commits."""
    days = days if days is not None else settings.candidate_link_days
    if not 1 <= days <= 365:
        raise ValueError(f"--days must be between 1 and 365 (got {days}).")
    token_id = secrets.token_urlsafe(12)
    expires_at = as_utc(now) + timedelta(days=days)
    token = sign(link_secret(settings), candidate.id, token_id, expires_at)
    session.add(CandidateLink(token_id=token_id, candidate_id=candidate.id, expires_at=expires_at,
                              created_by=issued_by, created_at=as_utc(now)))
    audit.record(session, Principal(issued_by, audience), "issue_candidate_link",
                 {"candidate": candidate.external_id, "token_id": token_id, "days": days})
    root = (public_base_url or base_url(settings)).rstrip("/")
    return IssuedLink(token=token, url=f"{root}/c/{token}", token_id=token_id,
                      candidate_external_id=candidate.external_id, expires_at=expires_at)


def revoke_link(session: Session, token_id: str, now: datetime) -> CandidateLink | None:
    """Revokes an issued link; None when no such link was issued. The caller commits."""
    record = session.exec(select(CandidateLink).where(CandidateLink.token_id == token_id)).first()
    if record is not None and record.revoked_at is None:
        record.revoked_at = as_utc(now)
        session.add(record)
        session.flush()
    return record
