"""Words: system prompts per audience and answer templates (Jinja2), in English and Chinese."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

PROMPTS_DIR = Path(__file__).parent


@lru_cache(maxsize=1)
def environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(loader=FileSystemLoader(str(PROMPTS_DIR)), undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False, autoescape=False)
    env.globals["n"] = number
    return env


def number(x):
    """A figure as the tool gave it, without a trailing .0: 60.0 → 60, 72.5 → 72.5 (templates: `n(x)`)."""
    return int(x) if isinstance(x, float) and x.is_integer() else x


def render(name: str, **context) -> str:
    return environment().get_template(name).render(**context).strip()


def system_prompt(audience: str) -> str:
    path = PROMPTS_DIR / "system" / f"{audience}.md"
    if not path.exists():
        path = PROMPTS_DIR / "system" / "staff.md"
    return path.read_text(encoding="utf-8")
