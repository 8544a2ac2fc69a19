"""promptfoo's Python transforms (src/util/transform.ts): `file://transform.py:function` (default
`get_transform`), called with the value and a context. Inline transforms are JavaScript in promptfoo, so the
loader refuses them before they could run here with another meaning."""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path
from typing import Any


@lru_cache(maxsize=64)
def load_module(path: Path):
    """A Python file named by a suite (an assertion, a transform, a provider), loaded once per run."""
    spec = importlib.util.spec_from_file_location(f"candor_eval_{abs(hash(path))}", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def is_python_file(spec: Any) -> bool:
    return isinstance(spec, str) and spec.startswith("file://") and spec[7:].partition(":")[0].endswith(".py")


def run_transform(spec: str, value: Any, context: dict[str, Any], base_dir: Path) -> Any:
    """Run a Python transform; like promptfoo, a transform that returns nothing is an error."""
    location, _, name = spec[len("file://"):].partition(":")
    func = getattr(load_module((Path(base_dir) / location).resolve()), name or "get_transform")
    result = func(value, context)
    if result is None:
        raise ValueError(f"Transform function did not return a value ({spec})")
    return result
