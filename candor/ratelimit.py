"""Request rates per caller: a moving window in process memory (`limits`), any `limits` storage URI
(redis://…), or a fixed window counted in the database so that every API process shares one count.

    limiter = RateLimiter(storage="memory", engine=engine)
    wait = limiter.hit("staff:ana", "120/minute")   # None: go ahead; else seconds until a retry succeeds
"""

from __future__ import annotations

import math
import time
from functools import lru_cache

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine
from sqlmodel import Session

from candor.models import RateCounter

OFF = {"", "0", "off", "none", "unlimited"}


class RateLimitConfigError(ValueError):
    """A rate or storage setting that cannot be used; the message says what is accepted."""


@lru_cache(maxsize=32)
def parse_rate(rate: str):
    """'120/minute', '10 per second', '1000/hour' → a `limits` RateLimitItem; None when switched off."""
    from limits import parse

    if rate.strip().lower() in OFF:
        return None
    try:
        return parse(rate)
    except ValueError:
        raise RateLimitConfigError(f"{rate!r} is not a rate: write it like '120/minute', '10/second' or '1000/hour' "
                                   "('off' to switch the limit off)") from None


class RateLimiter:
    def __init__(self, storage: str = "memory", engine: Engine | None = None):
        self.engine, self.kind = engine, storage.strip().lower() or "memory"
        if self.kind == "database":
            if engine is None:
                raise RateLimitConfigError("CANDOR_RATE_LIMIT_STORAGE=database needs the database engine")
            self._limiter = None
            return
        from limits.storage import storage_from_string
        from limits.strategies import MovingWindowRateLimiter

        uri = "memory://" if self.kind == "memory" else storage
        try:
            self._limiter = MovingWindowRateLimiter(storage_from_string(uri))
        except Exception as exc:  # an unknown scheme or a missing driver
            raise RateLimitConfigError(f"CANDOR_RATE_LIMIT_STORAGE={storage!r}: {exc}. Use 'memory', 'database' or "
                                       "a limits storage URI such as redis://host:6379") from None

    def hit(self, key: str, rate: str, now: float | None = None) -> int | None:
        """Count one request by `key`; None when it is within `rate`, else whole seconds to wait."""
        item = parse_rate(rate)
        if item is None:
            return None
        if self._limiter is None:
            return self._hit_database(key, item, time.time() if now is None else now)
        if self._limiter.hit(item, key):
            return None
        reset = self._limiter.get_window_stats(item, key).reset_time
        return max(1, math.ceil(reset - time.time()))

    def _hit_database(self, key: str, item, now: float) -> int | None:
        period = item.get_expiry()
        start = int(now // period * period)
        table = RateCounter.__table__
        dialect = self.engine.dialect.name
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        statement = insert(table).values(key=key[:160], window_start=start, count=1)
        statement = statement.on_conflict_do_update(index_elements=["key", "window_start"],
                                                    set_={"count": table.c.count + 1}).returning(table.c.count)
        with Session(self.engine) as session:
            count = session.execute(statement).scalar_one()
            if count == 1:  # the first hit of a window clears this caller's older windows
                session.execute(delete(table).where(table.c.key == key[:160], table.c.window_start < start))
            session.commit()
        if count <= item.amount:
            return None
        return max(1, math.ceil(start + period - now))

