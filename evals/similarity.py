"""`similar`: cosine similarity of two texts with the shipped MiniLM encoder, offline.

promptfoo embeds both texts with its embedding provider (OpenAI's by default) and compares the cosine with
the threshold (src/matchers.ts, matchesSimilarity). Candor's runner always uses the project's MiniLM encoder
(knowledge/: the ONNX export when present, sentence-transformers otherwise); a suite that wants promptfoo to
compute the same numbers names `file://…/evals/promptfoo/embedding.py` as its embedding provider.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

EMBEDDING_PROVIDER_FILE = Path(__file__).resolve().with_name("promptfoo") / "embedding.py"


def embedding_provider_problem(grading_provider: Any, base_dir: Path) -> str | None:
    """Why this suite's embedding provider cannot be honoured here (None when it can): Candor's runner embeds
    with MiniLM, so only no provider, or the MiniLM provider file, keeps promptfoo's meaning."""
    spec = grading_provider.get("embedding") if isinstance(grading_provider, dict) else None
    if spec is None and isinstance(grading_provider, (str, dict)) and grading_provider:
        spec = grading_provider  # options.provider given directly: promptfoo would embed with it
    if spec is None:
        return None
    ident = spec.get("id") if isinstance(spec, dict) else spec
    if isinstance(ident, str) and ident.startswith("file://"):
        path = (base_dir / ident[len("file://"):].partition(":")[0]).resolve()
        if path == EMBEDDING_PROVIDER_FILE:
            return None
    return (f"similar embeds with {ident!r} here, which Candor's runner cannot call; it embeds with the shipped "
            f"MiniLM encoder: remove options.provider or set options.provider.embedding.id to "
            f"file://{EMBEDDING_PROVIDER_FILE} (relative to the suite)")


@lru_cache(maxsize=1)
def _model_path() -> str:
    from candor.settings import load_settings
    from knowledge.onnx_encoder import query_model_path

    return query_model_path(load_settings())


@lru_cache(maxsize=4096)
def embed(text: str) -> tuple[float, ...]:
    from knowledge.embeddings import encode_texts

    return tuple(float(x) for x in encode_texts(_model_path(), [text])[0])


def cosine_similarity(a: str, b: str) -> float:
    import numpy as np

    va, vb = np.asarray(embed(a)), np.asarray(embed(b))
    norm = float(np.linalg.norm(va) * np.linalg.norm(vb))
    return float(va @ vb / norm) if norm else 0.0
