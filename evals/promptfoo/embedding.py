"""The shipped MiniLM encoder as a promptfoo embedding provider, so `similar` gives promptfoo the same
numbers as Candor's runner, offline:

    defaultTest:
      options:
        provider:
          embedding: {id: file://../promptfoo/embedding.py}
"""

from __future__ import annotations

import sys
from pathlib import Path

# promptfoo loads this file by path, from whatever folder it runs in: the repository goes on sys.path first.
if str(Path(__file__).resolve().parents[2]) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from evals.similarity import embed


def call_embedding_api(prompt: str, options=None) -> dict:
    return {"embedding": list(embed(prompt))}
