"""Telling people about things that happened without them asking (a new fairness flag…).

A `Notifier` takes a `Notice`; the default only logs it. Slack (or e-mail) plugs in by implementing
`notify` and being passed to the scheduler / web app instead of `LogNotifier`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Protocol

log = logging.getLogger("candor.notify")


@dataclass(frozen=True)
class Notice:
    audience: str  # who should hear it: "hr_manager"
    kind: str  # what happened: "fairness_flag"
    title_en: str
    title_zh: str
    text_en: str
    text_zh: str
    data: dict[str, Any] = field(default_factory=dict)  # aggregates only, never a candidate


class Notifier(Protocol):
    def notify(self, notice: Notice) -> None: ...


class LogNotifier:
    """The default: writes the notice to the log (where nothing else is configured)."""

    def notify(self, notice: Notice) -> None:
        log.warning("[%s → %s] %s\n%s", notice.kind, notice.audience, notice.title_en, notice.text_en)


class RecordingNotifier:
    """Keeps notices in memory: for tests and for surfaces that poll."""

    def __init__(self) -> None:
        self.notices: list[Notice] = []

    def notify(self, notice: Notice) -> None:
        self.notices.append(notice)
