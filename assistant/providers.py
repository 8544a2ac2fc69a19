"""Chat-model providers: the embedded planner (default, offline), OpenAI, or any OpenAI-compatible server."""

from __future__ import annotations

from typing import Any, Callable

from assistant.planner import EmbeddedPlanner
from assistant.planner.route import model as intent_model
from candor.llm import ProviderError, vendor_chat_model
from candor.settings import Settings

__all__ = ["ProviderError", "build_chat_model"]


def build_chat_model(settings: Settings, *, vocabulary: Callable[[], Any], clock: Callable[[], Any]):
    if settings.provider == "embedded":
        try:
            intent_model()  # fail fast on a missing or foreign intent model file (CANDOR_INTENT_MODEL)
        except (OSError, ValueError) as exc:
            raise ProviderError(str(exc)) from exc
        return EmbeddedPlanner(vocabulary=vocabulary, clock=clock)
    return vendor_chat_model(settings)
