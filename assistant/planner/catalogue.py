"""The intent catalogue: one YAML file per intent in planner/intents/ (the tool it calls, who may use it, its
slots, a one-line description and example utterances in English and Chinese). Adding an intent is one file
here, the tool and its answer templates (docs/planner.md)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

INTENTS_DIR = Path(__file__).with_name("intents")
META_INTENTS = ("help", "out_of_scope")  # answered by the planner itself, no tool
MIN_EXAMPLES = 25  # per language per intent


class CatalogueError(ValueError):
    """An intent file is malformed; the message names the file and what to fix."""


@dataclass(frozen=True)
class Intent:
    name: str
    tool: str | None
    audiences: tuple[str, ...]
    slots: tuple[str, ...]
    description_en: str
    description_zh: str
    examples_en: tuple[str, ...]
    examples_zh: tuple[str, ...]
    shows: tuple[str, ...] = ()  # kinds of thing it shows by id ("show proposal 4" → the proposal, not a decision)

    def description(self, language: str) -> str:
        return self.description_zh if language == "zh" else self.description_en


# libyaml's loader when PyYAML has it: the catalogue's 18 files (about 6 000 examples) are read on a cold `ask`'s first
# turn, in about 0.6 s by the pure-Python loader and a tenth of that by libyaml.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _intent(path: Path) -> Intent:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or {}
    except yaml.YAMLError as exc:
        raise CatalogueError(f"{path.name}: not valid YAML ({exc})") from None
    name = data.get("intent")
    if name != path.stem:
        raise CatalogueError(f"{path.name}: `intent:` must be {path.stem!r} (the file's name), not {name!r}")
    examples = data.get("examples") or {}
    for language in ("en", "zh"):
        found = [e for e in examples.get(language) or [] if isinstance(e, str) and e.strip()]
        if len(found) < MIN_EXAMPLES:
            raise CatalogueError(f"{path.name}: {len(found)} {language} examples; write at least {MIN_EXAMPLES}, "
                                 "varied in wording, register and word order")
    description = data.get("description") or {}
    if not description.get("en") or not description.get("zh"):
        raise CatalogueError(f"{path.name}: give `description: {{en: …, zh: …}}` (shown when Candor asks back)")
    tool = data.get("tool")
    if tool is None and name not in META_INTENTS:
        raise CatalogueError(f"{path.name}: name the `tool:` this intent calls")
    slots, shows = tuple(data.get("slots") or ()), tuple(data.get("shows") or ())
    if set(shows) - set(slots):
        raise CatalogueError(f"{path.name}: `shows:` may list only its slots ({', '.join(slots) or 'none'}), not "
                             f"{', '.join(sorted(set(shows) - set(slots)))}")
    return Intent(name=name, tool=tool, audiences=tuple(data.get("audiences") or ()), slots=slots, shows=shows,
                  description_en=description["en"].strip(), description_zh=description["zh"].strip(),
                  examples_en=tuple(e.strip() for e in examples["en"]), examples_zh=tuple(e.strip() for e in examples["zh"]))


@lru_cache(maxsize=4)
def load_intents(directory: Path = INTENTS_DIR) -> tuple[Intent, ...]:
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise CatalogueError(f"No intent files in {directory}")
    return tuple(_intent(f) for f in files)


def intent_named(name: str) -> Intent:
    return next(i for i in load_intents() if i.name == name)


def catalogue_hash(directory: Path = INTENTS_DIR) -> str:
    """Changes whenever an intent file does: the trained model records the hash it was built from."""
    digest = hashlib.sha256()
    for path in sorted(directory.glob("*.yaml")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
