"""The vendor chat model (OpenAI or an OpenAI-compatible server) the settings name, for the work that asks a
model directly: the agent's `openai` providers, LLM scoring and the feedback letter's polish."""

from __future__ import annotations

from typing import Any


class ProviderError(RuntimeError):
    """The configured provider cannot be used; the message names the setting to fix."""


def vendor_chat_model(settings: Any):
    """`langchain_openai.ChatOpenAI` for CANDOR_PROVIDER=openai or openai-compatible."""
    if settings.provider == "embedded":
        raise ProviderError("CANDOR_PROVIDER=embedded has no vendor model: set CANDOR_PROVIDER=openai "
                            "(with OPENAI_API_KEY) or openai-compatible (with OPENAI_BASE_URL).")
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
