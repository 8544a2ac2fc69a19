"""Chat-model providers: the embedded planner (default, offline), OpenAI, or any OpenAI-compatible server."""

from __future__ import annotations

from typing import Any, Callable

from .settings import Settings


class ProviderError(RuntimeError):
    """The configured provider cannot be used; the message names the setting to fix."""


def build_chat_model(settings: Settings, *, vocabulary: Callable[[], Any], clock: Callable[[], Any]):
    if settings.provider == "embedded":
        from .planner import EmbeddedPlanner

        return EmbeddedPlanner(vocabulary=vocabulary, clock=clock)
    # Imported here: langchain_openai costs ~2 s to import and the default path never needs it.
    from langchain_openai import ChatOpenAI

    if settings.provider == "openai":
        if not settings.openai_api_key:
            raise ProviderError("CANDOR_PROVIDER=openai needs an API key: set OPENAI_API_KEY "
                                "(or use CANDOR_PROVIDER=embedded, the offline default).")
        return ChatOpenAI(model=settings.openai_model, api_key=settings.openai_api_key,
                          base_url=settings.openai_base_url or None, timeout=settings.openai_timeout_s,
                          max_retries=1, temperature=0)
    # openai-compatible: vLLM, Ollama, llama.cpp server… many need no key.
    return ChatOpenAI(model=settings.openai_model, api_key=settings.openai_api_key or "not-needed",
                      base_url=settings.openai_base_url, timeout=settings.openai_timeout_s,
                      max_retries=1, temperature=0)
