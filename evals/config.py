"""Loading suites: a compatible subset of promptfoo's `promptfooconfig.yaml`, plus Candor's extensions.

promptfoo keys read here: `description`, `prompts` (a `{{var}}` template or `file://`), `providers`,
`defaultTest`, `tests` (inline, or `file://` CSV/YAML with promptfoo's CSV conventions), `vars`,
`assert` (`type`, `value`, `threshold`, `weight`, `metric`, `provider`), test `threshold`,
`options.prefix/suffix/provider`, `metadata`, `tags`, `evaluateOptions.repeat`.
Candor's extensions: a suite-level `threshold` (the pass rate the suite must reach, default 1.0),
multi-turn tests (`turns:`), the `audience` and `candidate_id` vars, and the `candor:*` assertions.
Anything else is refused with the key's location, so a suite never half-runs on an ignored feature.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from candor.principal import AUDIENCES
from evals.assertions import TYPES

DEFAULT_PROMPT = "{{question}}"
SUITE_KEYS = {"description", "prompts", "providers", "defaultTest", "tests", "threshold", "tags", "metadata",
              "evaluateOptions", "outputPath", "sharing"}
TEST_KEYS = {"description", "vars", "assert", "threshold", "options", "metadata", "turns"}
TURN_KEYS = {"message", "vars", "assert", "description"}
ASSERT_KEYS = {"type", "value", "threshold", "weight", "metric", "provider"}
OPTION_KEYS = {"prefix", "suffix", "provider"}


class ConfigError(ValueError):
    """A suite cannot be loaded; the message names the file and the key to fix."""


@dataclass
class Assertion:
    type: str  # without the "not-" prefix
    negate: bool = False
    value: Any = None
    threshold: float | None = None
    weight: float = 1.0
    metric: str | None = None
    provider: Any = None  # grading provider for llm-rubric

    @property
    def label(self) -> str:
        return ("not-" if self.negate else "") + self.type


@dataclass
class Turn:
    message: str | None  # sent as written (vars rendered in); otherwise the suite's prompt is rendered
    vars: dict[str, Any]
    asserts: list[Assertion]


@dataclass
class Case:
    id: str
    description: str | None
    vars: dict[str, Any]
    turns: list[Turn]
    threshold: float | None = None
    options: dict[str, Any] = field(default_factory=dict)
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def multi_turn(self) -> bool:
        return len(self.turns) > 1


@dataclass
class ProviderSpec:
    id: str
    label: str
    config: dict[str, Any] = field(default_factory=dict)


@dataclass
class Prompt:
    raw: str
    label: str


@dataclass
class Suite:
    path: Path
    name: str
    description: str
    prompts: list[Prompt]
    providers: list[ProviderSpec]
    cases: list[Case]
    threshold: float = 1.0
    repeat: int = 1
    # metadata.warm: questions asked once, unscored, before the cases (e.g. one that builds the role index)
    warm: list[str] = field(default_factory=list)

    @property
    def base_dir(self) -> Path:
        return self.path.parent


def discover(paths: list[Path]) -> list[Path]:
    """Suite files among `paths`: YAML files, and the YAML files directly inside folders."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
        elif path.is_file():
            found.append(path)
        else:
            raise ConfigError(f"{path}: no such file or folder")
    if not found:
        raise ConfigError(f"no suite files (*.yaml) in {', '.join(str(p) for p in paths)}")
    return found


def load_suite(path: Path) -> Suite:
    path = Path(path)
    where = str(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{where}: cannot read the suite: {exc}") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: a suite is a YAML mapping with at least `tests`")
    _only(raw, SUITE_KEYS, where)
    base = path.parent
    default = raw.get("defaultTest") or {}
    if isinstance(default, str):
        default = _load_structured(base, default, where + ": defaultTest")
    if not isinstance(default, dict):
        raise ConfigError(f"{where}: defaultTest must be a mapping")
    _only(default, TEST_KEYS - {"turns"}, where + ": defaultTest")
    default_asserts = [_assertion(a, f"{where}: defaultTest.assert[{i}]")
                       for i, a in enumerate(default.get("assert") or [])]

    tests = _expand_tests(raw.get("tests"), base, where)
    if not tests:
        raise ConfigError(f"{where}: `tests` is empty")
    cases, seen = [], {}
    for i, test in enumerate(tests):
        case = _case(test, default, default_asserts, f"{where}: tests[{i}]", base)
        n = seen[case.id] = seen.get(case.id, 0) + 1
        if n > 1:
            case.id = f"{case.id} ({n})"
        cases.append(case)

    threshold = raw.get("threshold", 1.0)
    if not isinstance(threshold, (int, float)) or not 0 <= threshold <= 1:
        raise ConfigError(f"{where}: threshold is the pass rate the suite must reach, between 0 and 1")
    repeat = (raw.get("evaluateOptions") or {}).get("repeat", 1)
    return Suite(path=path, name=path.stem, description=str(raw.get("description") or path.stem),
                 prompts=_prompts(raw.get("prompts"), base, where), providers=_providers(raw.get("providers"), where),
                 cases=cases, threshold=float(threshold), repeat=int(repeat),
                 warm=[str(q) for q in (raw.get("metadata") or {}).get("warm", [])])


def _only(mapping: dict, allowed: set[str], where: str) -> None:
    unknown = sorted(set(mapping) - allowed)
    if unknown:
        raise ConfigError(f"{where}: unsupported key(s) {', '.join(unknown)} "
                          f"(supported: {', '.join(sorted(allowed))})")


def _file_ref(base: Path, ref: str, where: str) -> Path:
    path = (base / ref[len("file://"):]).resolve()
    if not path.exists():
        raise ConfigError(f"{where}: {ref} not found (looked for {path})")
    return path


def _load_structured(base: Path, ref: str, where: str) -> Any:
    if not ref.startswith("file://"):
        raise ConfigError(f"{where}: expected a file:// reference, got {ref!r}")
    path = _file_ref(base, ref, where)
    text = path.read_text(encoding="utf-8")
    return json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)


def _prompts(value: Any, base: Path, where: str) -> list[Prompt]:
    if value is None:
        return [Prompt(DEFAULT_PROMPT, DEFAULT_PROMPT)]
    items = value if isinstance(value, list) else [value]
    prompts = []
    for i, item in enumerate(items):
        label = None
        if isinstance(item, dict):
            label = item.get("label")
            item = item.get("raw") or item.get("id")
        if not isinstance(item, str) or not item.strip():
            raise ConfigError(f"{where}: prompts[{i}] must be a template string or file:// path")
        if item.startswith("file://"):
            path = _file_ref(base, item, f"{where}: prompts[{i}]")
            prompts.append(Prompt(path.read_text(encoding="utf-8").strip(), label or item))
        else:
            prompts.append(Prompt(item, label or item))
    return prompts


def _providers(value: Any, where: str) -> list[ProviderSpec]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    specs = []
    for i, item in enumerate(items):
        if isinstance(item, str):
            specs.append(ProviderSpec(id=item, label=item))
        elif isinstance(item, dict) and isinstance(item.get("id"), str):
            specs.append(ProviderSpec(id=item["id"], label=str(item.get("label") or item["id"]),
                                      config=dict(item.get("config") or {})))
        else:
            raise ConfigError(f"{where}: providers[{i}] must be an id or a mapping with `id`")
    return specs


def _expand_tests(value: Any, base: Path, where: str) -> list[dict]:
    items = value if isinstance(value, list) else [value] if value is not None else []
    tests: list[dict] = []
    for i, item in enumerate(items):
        if isinstance(item, dict):
            tests.append(item)
        elif isinstance(item, str) and item.startswith("file://"):
            path = _file_ref(base, item, f"{where}: tests[{i}]")
            if path.suffix == ".csv":
                tests += csv_tests(path)
            else:
                loaded = _load_structured(base, item, f"{where}: tests[{i}]")
                tests += loaded if isinstance(loaded, list) else [loaded]
        else:
            raise ConfigError(f"{where}: tests[{i}] must be a test mapping or a file:// path (CSV, YAML or JSON)")
    return tests


# promptfoo's CSV conventions (src/csv.ts): columns are vars; `__expected*` hold assertions such as
# "contains:foo", "not-icontains:bar", "latency(500)", "python:len(output) < 900", "grade:is polite";
# `__description`, `__threshold`, `__metric`, `__prefix`, `__suffix` are special.
def csv_tests(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        sample = handle.read(4096)
        handle.seek(0)
        dialect = csv.excel_tab if "\t" in sample.splitlines()[0] and "," not in sample.splitlines()[0] else csv.excel
        rows = list(csv.DictReader(handle, dialect=dialect))
    tests = []
    for number, row in enumerate(rows, start=2):
        test: dict[str, Any] = {"vars": {}, "assert": [], "options": {}}
        metric = None
        for key, value in row.items():
            if key is None:
                raise ConfigError(f"{path}:{number}: more cells than columns")
            value = value or ""
            if key.startswith("__expected"):
                if value.strip():
                    test["assert"].append(assertion_from_string(value, f"{path}:{number}: {key}"))
            elif key in ("__prefix", "__suffix"):
                test["options"][key[2:]] = value
            elif key == "__description":
                test["description"] = value
            elif key == "__metric":
                metric = value or None
            elif key == "__threshold":
                if value.strip():
                    test["threshold"] = float(value)
            elif key.startswith("__"):
                raise ConfigError(f"{path}:{number}: unsupported column {key}")
            else:
                test["vars"][key] = value
        for a in test["assert"]:
            a["metric"] = metric
        tests.append(test)
    return tests


def _assertion_regex() -> re.Pattern:
    names = "|".join(re.escape(t) for t in sorted(TYPES, key=len, reverse=True))
    return re.compile(rf"^(not-)?({names})(?:\((\d+(?:\.\d+)?)\))?(?::([\s\S]*))?$")


def assertion_from_string(expected: str, where: str = "") -> dict:
    """One `__expected` cell as an assertion mapping, the way promptfoo reads it."""
    if expected.startswith(("javascript:", "fn:", "eval:")) or (
            expected.startswith("file://") and re.search(r"\.(js|ts)(:|$)", expected)):
        raise ConfigError(f"{where}: JavaScript assertions are not supported here; use python: instead")
    if expected.startswith(("grade:", "llm-rubric:")):
        return {"type": "llm-rubric", "value": expected.split(":", 1)[1]}
    if expected.startswith("python:"):
        return {"type": "python", "value": expected[len("python:"):].strip()}
    if expected.startswith("file://") and re.search(r"\.py(:|$)", expected):
        return {"type": "python", "value": expected}
    match = _assertion_regex().match(expected)
    if not match:
        return {"type": "equals", "value": expected}
    negate, kind, threshold, value = match.groups()
    out: dict[str, Any] = {"type": (negate or "") + kind}
    if kind in ("contains-any", "contains-all", "icontains-any", "icontains-all"):
        out["value"] = [part.strip() for part in (value or "").split(",")]
    elif kind == "candor:tool-called" and value and value.lstrip().startswith("{"):
        try:
            out["value"] = json.loads(value)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{where}: candor:tool-called expects a tool name or JSON: {exc}") from None
    elif value is not None:
        out["value"] = value
    if threshold is not None:
        out["threshold"] = float(threshold)
    return out


def _assertion(raw: Any, where: str) -> Assertion:
    if isinstance(raw, str):
        raw = assertion_from_string(raw, where)
    if not isinstance(raw, dict) or not isinstance(raw.get("type"), str):
        raise ConfigError(f"{where}: an assertion is a mapping with `type`")
    _only(raw, ASSERT_KEYS, where)
    kind = raw["type"]
    negate = kind.startswith("not-")
    base = kind[4:] if negate else kind
    if base not in TYPES:
        hint = "; use python instead" if base == "javascript" else ""
        raise ConfigError(f"{where}: unknown assertion type {kind!r}{hint} (supported: {', '.join(sorted(TYPES))})")
    threshold = raw.get("threshold")
    if base == "latency" and threshold is None:
        raise ConfigError(f"{where}: latency needs `threshold` (milliseconds)")
    if base in ("contains-any", "contains-all", "icontains-any", "icontains-all") and not isinstance(
            raw.get("value"), (list, str)):
        raise ConfigError(f"{where}: {kind} needs a list `value`")
    if base in ("equals", "contains", "icontains", "regex", "starts-with", "llm-rubric", "python",
                "candor:language") and raw.get("value") in (None, ""):
        raise ConfigError(f"{where}: {kind} needs a `value`")
    if base == "candor:language" and raw.get("value") not in ("en", "zh"):
        raise ConfigError(f"{where}: candor:language value must be en or zh")
    if base == "regex":
        try:
            re.compile(str(raw["value"]))
        except re.error as exc:
            raise ConfigError(f"{where}: bad regular expression: {exc}") from None
    return Assertion(type=base, negate=negate, value=raw.get("value"),
                     threshold=float(threshold) if threshold is not None else None,
                     weight=float(raw.get("weight", 1.0)), metric=raw.get("metric"), provider=raw.get("provider"))


def _case(test: dict, default: dict, default_asserts: list[Assertion], where: str, base: Path) -> Case:
    if not isinstance(test, dict):
        raise ConfigError(f"{where}: a test is a mapping")
    _only(test, TEST_KEYS, where)
    test_vars = test.get("vars") or {}
    if isinstance(test_vars, str):
        test_vars = _load_structured(base, test_vars if test_vars.startswith("file://") else "file://" + test_vars,
                                     where + ".vars")
    if not isinstance(test_vars, dict):
        raise ConfigError(f"{where}: vars must be a mapping")
    variables = {**(default.get("vars") or {}), **test_vars}
    audience = variables.get("audience", "hr_manager")
    if audience not in AUDIENCES:
        raise ConfigError(f"{where}: audience must be one of {', '.join(AUDIENCES)}, not {audience!r}")
    options = {**(default.get("options") or {}), **(test.get("options") or {})}
    _only(options, OPTION_KEYS, where + ".options")

    if "turns" in test:
        if "assert" in test:
            raise ConfigError(f"{where}: a multi-turn test puts `assert` inside each turn")
        raw_turns = test["turns"]
        if not isinstance(raw_turns, list) or not raw_turns:
            raise ConfigError(f"{where}: turns must be a non-empty list")
        turns = []
        for j, raw_turn in enumerate(raw_turns):
            if isinstance(raw_turn, str):
                raw_turn = {"message": raw_turn}
            if not isinstance(raw_turn, dict):
                raise ConfigError(f"{where}.turns[{j}]: a turn is a message or a mapping")
            _only(raw_turn, TURN_KEYS, f"{where}.turns[{j}]")
            asserts = [_assertion(a, f"{where}.turns[{j}].assert[{k}]")
                       for k, a in enumerate(raw_turn.get("assert") or [])]
            turns.append(Turn(message=raw_turn.get("message"), vars=dict(raw_turn.get("vars") or {}),
                              asserts=list(default_asserts) + asserts))
    else:
        asserts = [_assertion(a, f"{where}.assert[{k}]") for k, a in enumerate(test.get("assert") or [])]
        turns = [Turn(message=None, vars={}, asserts=list(default_asserts) + asserts)]

    description = test.get("description")
    first = turns[0].message or next((str(v) for k, v in {**variables, **turns[0].vars}.items()
                                      if k not in ("audience", "candidate_id")), "")
    threshold = test.get("threshold", default.get("threshold"))
    return Case(id=str(description or first or where), description=description, vars=variables, turns=turns,
                threshold=float(threshold) if threshold is not None else None, options=options,
                metadata=dict(test.get("metadata") or {}))
