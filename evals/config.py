"""Loading suites: promptfoo's `promptfooconfig.yaml` with promptfoo's meaning, plus Candor's extensions.

Read from promptfoo's source (0.121: src/util/config/load.ts, src/evaluator.ts, src/csv.ts): `$ref` into
`assertionTemplates` (or anywhere in the file), `defaultTest`, `tests` (inline, files, globs), `scenarios`,
var arrays expanded into one case per combination, `options.transformVars`/`transform`/`storeOutputAs`,
`metadata.conversationId`, `assert-set`, and the assertion keys `config`, `transform`, `threshold`, `weight`.
Candor's extensions: a suite-level `threshold` (the pass rate the suite must reach, default 1.0), multi-turn
tests (`turns:`), the `audience` and `candidate_id` vars, and the `candor:*` assertions.
Anything else is refused with the file, the path in the config and what to use instead, so a suite never
runs with a meaning promptfoo would not give it.
"""

from __future__ import annotations

import copy
import itertools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from candor.principal import AUDIENCES
from evals.assertions import TYPES
from evals.test_files import ConfigError, assertion_from_string, load_yaml, read_tests
from evals.transforms import is_python_file, run_transform

DEFAULT_PROMPT = "{{question}}"
SUITE_KEYS = {"description", "prompts", "providers", "defaultTest", "tests", "scenarios", "assertionTemplates",
              "threshold", "tags", "metadata", "evaluateOptions", "outputPath", "sharing"}
TEST_KEYS = {"description", "vars", "assert", "threshold", "options", "metadata", "turns"}
TURN_KEYS = {"message", "vars", "assert", "description"}
ASSERT_KEYS = {"type", "value", "threshold", "weight", "metric", "provider", "config", "transform"}
SET_KEYS = {"type", "assert", "threshold", "weight", "metric", "config"}
OPTION_KEYS = {"prefix", "suffix", "provider", "transform", "postprocess", "transformVars", "storeOutputAs",
               "runSerially", "disableVarExpansion", "disableConversationVar", "disableDefaultAsserts"}
EVALUATE_KEYS = {"repeat", "maxConcurrency", "cache", "showProgressBar", "delay", "timeoutMs"}
PROVIDER_KEYS = {"id", "label", "config"}
SCENARIO_KEYS = {"description", "config", "tests"}

# What to use instead, for promptfoo features Candor's runner does not implement.
INSTEAD = {
    "nunjucksFilters": "custom filters are JavaScript; use the built-in filters (dump, load…) or options.transformVars "
                       "with a Python file",
    "derivedMetrics": "compute it from the results JSON (--output run.json)",
    "extensions": "extension hooks are JavaScript; run this suite with promptfoo itself",
    "env": "set the variables in the environment before running",
    "redteam": "run `promptfoo redteam` on this config",
    "targets": "name the target under providers:",
    "tracing": "run this suite with promptfoo itself",
    "commandLineOptions": "pass the options on the command line (python app.py eval --help)",
    "writeLatestResults": "use --output",
    "provider": "name the providers at the suite level (a per-test provider is not supported here)",
    "providers": "split the suite: a test cannot narrow the suite's providers here",
    "prompts": "split the suite: a test cannot narrow the suite's prompts here",
    "providerOutput": "use the echo provider with the text as the prompt",
    "assertScoringFunction": "use the test's threshold and the assertions' weights",
    "repeat": "use evaluateOptions.repeat or --repeat",
    "rubricPrompt": "llm-rubric uses promptfoo's default rubric prompt here",
    "contextTransform": "context-* assertions are not supported by Candor's runner",
}


@dataclass
class Assertion:
    type: str  # without the "not-" prefix
    negate: bool = False
    value: Any = None
    threshold: float | None = None
    weight: float = 1.0
    metric: str | None = None
    provider: Any = None  # grading provider for llm-rubric
    config: dict[str, Any] | None = None  # promptfoo passes it to python assertions as context["config"]
    transform: str | None = None  # file://….py:function, applied to the output before this check
    children: list["Assertion"] = field(default_factory=list)  # assert-set

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
    test: dict[str, Any] = field(default_factory=dict)  # the test as promptfoo shows it to assertions
    base_dir: Path = Path(".")  # where this test's relative paths (transforms) are read from

    @property
    def multi_turn(self) -> bool:
        return len(self.turns) > 1

    @property
    def conversation(self) -> str | None:
        """promptfoo's metadata.conversationId: tests that share it continue one conversation."""
        value = self.metadata.get("conversationId")
        return None if value is None else str(value)


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
        raw = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{where}: cannot read the suite: {exc}") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: a suite is a YAML mapping with at least `tests`")
    raw = dereference(raw, raw, where, "")
    _only(raw, SUITE_KEYS, where)
    _only(raw.get("evaluateOptions") or {}, EVALUATE_KEYS, where + ": evaluateOptions")
    base = path.parent
    default = raw.get("defaultTest") or {}
    if isinstance(default, str):
        default = dereference(_load_structured(base, default, where + ": defaultTest"), raw, where, "defaultTest")
    if not isinstance(default, dict):
        raise ConfigError(f"{where}: defaultTest must be a mapping")
    _only(default, TEST_KEYS - {"turns"}, where + ": defaultTest")
    _only(default.get("options") or {}, OPTION_KEYS, where + ": defaultTest.options")
    default_asserts = [_assertion(a, f"{where}: defaultTest.assert[{i}]", base)
                       for i, a in enumerate(default.get("assert") or [])]

    tests = read_tests(raw.get("tests"), base, where)
    scenarios = raw.get("scenarios")
    if not tests and not scenarios:
        raise ConfigError(f"{where}: `tests` is empty")
    tests = [(dereference(t, raw, w, ""), b, w) for t, b, w in tests] + _scenario_tests(scenarios, default, base,
                                                                                        where)
    cases, seen = [], {}
    for test, test_base, test_where in tests:
        for case in _cases(test, default, default_asserts, test_where, test_base):
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
    for key in unknown:
        if key in INSTEAD:
            raise ConfigError(f"{where}{'.' if ': ' in where else ': '}{key}: not supported by Candor's runner; "
                              f"{INSTEAD[key]}")
    if unknown:
        raise ConfigError(f"{where}: unsupported key(s) {', '.join(unknown)} "
                          f"(supported: {', '.join(sorted(allowed))})")


# -- $ref (promptfoo dereferences the whole config with json-schema-ref-parser) ------------------------------

def dereference(node: Any, root: dict, where: str, path: str, depth: int = 0) -> Any:
    """Local JSON references (`$ref: '#/assertionTemplates/x'`) replaced by what they point at; keys written
    beside `$ref` win over the referenced ones (json-schema-ref-parser's extended references)."""
    if depth > 50:
        raise ConfigError(f"{where}: {path or '(root)'}: $ref nests too deeply (a reference cycle?)")
    if isinstance(node, list):
        return [dereference(v, root, where, f"{path}[{i}]", depth + 1) for i, v in enumerate(node)]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        ref = node["$ref"]
        if not isinstance(ref, str) or not ref.startswith("#/"):
            raise ConfigError(f"{where}: {path}.$ref: only references inside the same file (#/…) are supported; "
                              f"copy the referenced part into this file instead of {ref!r}")
        target: Any = root
        for part in ref[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            if isinstance(target, dict) and part in target:
                target = target[part]
            elif isinstance(target, list) and part.isdigit() and int(part) < len(target):
                target = target[int(part)]
            else:
                raise ConfigError(f"{where}: {path}.$ref: {ref} points at nothing (no {part!r})")
        resolved = dereference(copy.deepcopy(target), root, where, path, depth + 1)
        extra = {k: dereference(v, root, where, f"{path}.{k}", depth + 1) for k, v in node.items() if k != "$ref"}
        if not extra:
            return resolved
        if not isinstance(resolved, dict):
            raise ConfigError(f"{where}: {path}.$ref: {ref} is not a mapping, so keys beside $ref cannot extend it")
        return {**resolved, **extra}
    return {k: dereference(v, root, where, f"{path}.{k}" if path else k, depth + 1) for k, v in node.items()}


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
    return json.loads(text) if path.suffix == ".json" else load_yaml(text)


TEXT_PROMPTS = (".txt", ".md", ".j2", ".jinja", ".prompt")


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
            if path.suffix.lower() not in TEXT_PROMPTS:
                raise ConfigError(f"{where}: prompts[{i}]: {path.name}: only text prompt files "
                                  f"({', '.join(TEXT_PROMPTS)}) are supported by Candor's runner; chat-format "
                                  "JSON/YAML and prompt functions are not — write the prompt as text")
            # promptfoo splits a text prompt file into several prompts on lines that are `---`
            parts, current = [], []
            for line in path.read_text(encoding="utf-8").split("\n"):
                if line.strip() == "---":
                    parts.append("\n".join(current))
                    current = []
                else:
                    current.append(line)
            parts.append("\n".join(current))
            parts = [p.strip() for p in parts if p.strip()]
            for n, part in enumerate(parts):
                name = label or (f"{item}: {part}" if len(parts) > 1 else item)
                prompts.append(Prompt(part, name if len(parts) == 1 or label is None else f"{label} {n + 1}"))
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
            _only(item, PROVIDER_KEYS, f"{where}: providers[{i}]")
            specs.append(ProviderSpec(id=item["id"], label=str(item.get("label") or item["id"]),
                                      config=dict(item.get("config") or {})))
        elif isinstance(item, dict) and len(item) == 1:
            key = next(iter(item))
            raise ConfigError(f"{where}: providers[{i}]: the map form ({key}: {{…}}) is not supported by Candor's "
                              f"runner; write {{id: {key}, config: {{…}}}} instead")
        else:
            raise ConfigError(f"{where}: providers[{i}] must be an id or a mapping with `id`")
    return specs


# -- tests, scenarios and var combinations -------------------------------------------------------------------

def _scenario_tests(scenarios: Any, default: dict, base: Path, where: str) -> list[tuple[dict, Path, str]]:
    """promptfoo's scenarios: every `config` entry combined with every test (src/evaluator.ts,
    mergeScenarioTest); tests of one entry share a conversation unless they name their own."""
    if scenarios is None:
        return []
    if not isinstance(scenarios, list):
        raise ConfigError(f"{where}: scenarios must be a list")
    out, index = [], 0
    for s, scenario in enumerate(scenarios):
        here = f"{where}: scenarios[{s}]"
        if not isinstance(scenario, dict):
            raise ConfigError(f"{here}: a scenario is a mapping with config and tests")
        _only(scenario, SCENARIO_KEYS, here)
        for c, data in enumerate(scenario.get("config") or []):
            for t, test in enumerate(scenario.get("tests") or [{}]):
                if not isinstance(data, dict) or not isinstance(test, dict):
                    raise ConfigError(f"{here}: config and tests entries are mappings")
                metadata = {**(default.get("metadata") or {}), **(data.get("metadata") or {}),
                            **(test.get("metadata") or {})}
                metadata.setdefault("conversationId", f"__scenario_{index}__")
                merged = {**{k: v for k, v in default.items() if k != "assert"}, **data, **test,
                          "vars": {**(default.get("vars") or {}), **(data.get("vars") or {}),
                                   **(test.get("vars") or {})},
                          "options": {**(default.get("options") or {}), **(data.get("options") or {}),
                                      **(test.get("options") or {})},
                          "assert": [*(data.get("assert") or []), *(test.get("assert") or [])],
                          "metadata": metadata}
                out.append((merged, base, f"{here}.config[{c}] × tests[{t}]"))
            index += 1
    return out


def var_combinations(variables: dict[str, Any]) -> list[dict[str, Any]]:
    """promptfoo's generateVarCombinations: a var holding a list of strings gives one case per value (the
    cartesian product over all such vars); a list of anything else stays one value."""
    keys, choices = list(variables), []
    for key in keys:
        value = variables[key]
        if isinstance(value, list) and value and isinstance(value[0], str):
            choices.append(value)
        elif isinstance(value, list) and not value:
            choices.append([])  # an empty list gives no case, as in promptfoo
        else:
            choices.append([value])
    return [dict(zip(keys, combo)) for combo in itertools.product(*choices)]


def _cases(test: dict, default: dict, default_asserts: list[Assertion], where: str, base: Path) -> list[Case]:
    if not isinstance(test, dict):
        raise ConfigError(f"{where}: a test is a mapping")
    _only(test, TEST_KEYS, where)
    test_vars = test.get("vars") or {}
    if isinstance(test_vars, str):
        test_vars = _load_structured(base, test_vars if test_vars.startswith("file://") else "file://" + test_vars,
                                     where + ".vars")
    if not isinstance(test_vars, dict):
        raise ConfigError(f"{where}: vars must be a mapping (a list of var files is not supported here)")
    options = {**(default.get("options") or {}), **(test.get("options") or {})}
    _only(options, OPTION_KEYS, where + ".options")
    for key in ("transform", "postprocess", "transformVars"):
        if key in options and not is_python_file(options[key]):
            raise ConfigError(f"{where}.options.{key}: inline transforms are JavaScript in promptfoo; put the "
                              f"transform in a Python file and write {key}: file://transform.py:function")
    if "storeOutputAs" in options and not isinstance(options["storeOutputAs"], str):
        raise ConfigError(f"{where}.options.storeOutputAs must be a var name")
    variables = {**(default.get("vars") or {}), **test_vars}
    for key, value in variables.items():
        if isinstance(value, str) and value.startswith("file://"):
            raise ConfigError(f"{where}.vars.{key}: file:// var values (read or globbed by promptfoo) are not "
                              "supported by Candor's runner; write the text into the var")
    if "transformVars" in options:
        # promptfoo runs it once per test, on the merged vars, before expanding var arrays
        try:
            changed = run_transform(options["transformVars"], dict(variables), {"prompt": {}, "uuid": ""}, base)
        except Exception as exc:
            raise ConfigError(f"{where}.options.transformVars failed: {type(exc).__name__}: {exc}") from None
        if not isinstance(changed, dict):
            raise ConfigError(f"{where}.options.transformVars must return a mapping of vars")
        variables = {**variables, **changed}
    combos = [variables] if options.get("disableVarExpansion") else var_combinations(variables)
    turns = _turns(test, default_asserts if not options.get("disableDefaultAsserts") else [], where, base)
    for turn in turns:
        for a in turn.asserts:
            if a.type == "select-best" and (len(turns) > 1 or not (a.provider or options.get("provider"))):
                raise ConfigError(f"{where}: select-best is graded by an LLM: set the grader in options.provider "
                                  "(e.g. openai:gpt-4o-mini) or on the assertion, in a single-turn test")
    description = test.get("description")
    threshold = test.get("threshold", default.get("threshold"))
    metadata = {**(default.get("metadata") or {}), **(test.get("metadata") or {})}
    shown = {"vars": variables, "assert": [*(([] if options.get("disableDefaultAsserts") else default.get("assert"))
                                            or []), *(test.get("assert") or [])],
             "options": options, "metadata": metadata,
             **({"description": description} if description else {}),
             **({"threshold": threshold} if threshold is not None else {})}
    expanded = [k for k in variables if isinstance(variables[k], list) and variables[k]
                 and isinstance(variables[k][0], str)] if len(combos) > 1 else []
    cases = []
    for combo in combos:
        audience = combo.get("audience", "hr_manager")
        if audience not in AUDIENCES:
            raise ConfigError(f"{where}: audience must be one of {', '.join(AUDIENCES)}, not {audience!r}")
        first = turns[0].message or next((str(v) for k, v in {**combo, **turns[0].vars}.items()
                                          if k not in ("audience", "candidate_id")), "")
        case_id = str(description or first or where)
        if expanded and description:
            case_id += " [" + ", ".join(f"{k}={combo[k]}" for k in expanded) + "]"
        cases.append(Case(id=case_id, description=description, vars=combo, turns=turns,
                          threshold=float(threshold) if threshold is not None else None, options=options,
                          metadata=metadata, test={**shown, "vars": combo}, base_dir=base))
    return cases


def _turns(test: dict, default_asserts: list[Assertion], where: str, base: Path) -> list[Turn]:
    if "turns" not in test:
        asserts = [_assertion(a, f"{where}.assert[{k}]", base) for k, a in enumerate(test.get("assert") or [])]
        return [Turn(message=None, vars={}, asserts=list(default_asserts) + asserts)]
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
        asserts = [_assertion(a, f"{where}.turns[{j}].assert[{k}]", base)
                   for k, a in enumerate(raw_turn.get("assert") or [])]
        turns.append(Turn(message=raw_turn.get("message"), vars=dict(raw_turn.get("vars") or {}),
                          asserts=list(default_asserts) + asserts))
    return turns


# -- assertions ------------------------------------------------------------------------------------------------

# Python regex syntax JavaScript's RegExp does not read (or reads differently).
PYTHON_ONLY_REGEX = re.compile(r"\(\?[aiLmsux]+(?:-[imsx]+)?[):]|\(\?P[<=>]|\\[AZ]")
UNSUPPORTED_TYPES = {
    "javascript": "use python instead",
    "max-score": "use assert-set with a threshold",
    "human": "grade by hand in promptfoo's viewer",
    "similar:cosine": "write similar (cosine is the default)",
}


def _assertion(raw: Any, where: str, base: Path, in_set: bool = False) -> Assertion:
    if isinstance(raw, str):
        raw = assertion_from_string(raw, where)
    if not isinstance(raw, dict) or not isinstance(raw.get("type"), str):
        raise ConfigError(f"{where}: an assertion is a mapping with `type`")
    kind = raw["type"]
    if kind == "assert-set":
        if in_set:
            raise ConfigError(f"{where}: an assert-set cannot contain another assert-set (promptfoo's schema)")
        _only(raw, SET_KEYS, where)
        children = raw.get("assert")
        if not isinstance(children, list) or not children:
            raise ConfigError(f"{where}: assert-set needs a non-empty `assert` list")
        return Assertion(type="assert-set", threshold=_float(raw.get("threshold")),
                         weight=float(raw.get("weight", 1.0)), metric=raw.get("metric"),
                         children=[_assertion(c, f"{where}.assert[{i}]", base, True) for i, c in enumerate(children)])
    _only(raw, ASSERT_KEYS, where)
    if kind == "select-best":
        if in_set or not isinstance(raw.get("value"), str) or not raw["value"].strip():
            raise ConfigError(f"{where}: select-best needs its criteria as a string `value`, outside assert-sets")
        return Assertion(type="select-best", value=raw["value"], provider=raw.get("provider"),
                         weight=float(raw.get("weight", 1.0)), metric=raw.get("metric"))
    negate = kind.startswith("not-")
    name = kind[4:] if negate else kind
    if name in UNSUPPORTED_TYPES:
        raise ConfigError(f"{where}: assertion type {kind!r} is not supported by Candor's runner; "
                          f"{UNSUPPORTED_TYPES[name]}")
    if name not in TYPES or name == "assert-set":
        raise ConfigError(f"{where}: unknown assertion type {kind!r}; Candor's runner supports "
                          f"{', '.join(sorted(TYPES - {'assert-set'}))} and assert-set — run promptfoo itself for "
                          "the others")
    values = raw.get("value") if isinstance(raw.get("value"), list) else [raw.get("value")]
    if name not in ("python", "is-json", "contains-json") and any(
            isinstance(v, str) and v.startswith("file://") for v in values):
        raise ConfigError(f"{where}: promptfoo reads a file:// value of {kind} from the file; Candor's runner does "
                          "that only for python, is-json and contains-json — write the value inline")
    threshold = raw.get("threshold")
    if name == "latency" and threshold is None:
        raise ConfigError(f"{where}: latency needs `threshold` (milliseconds)")
    if name in ("contains-any", "contains-all", "icontains-any", "icontains-all") and not isinstance(
            raw.get("value"), (list, str)):
        raise ConfigError(f"{where}: {kind} needs a list `value`")
    if name in ("equals", "contains", "icontains", "regex", "starts-with", "llm-rubric", "python",
                "candor:language", "similar") and raw.get("value") in (None, ""):
        raise ConfigError(f"{where}: {kind} needs a `value`")
    if name == "candor:language" and raw.get("value") not in ("en", "zh"):
        raise ConfigError(f"{where}: candor:language value must be en or zh")
    if name == "regex":
        try:
            re.compile(str(raw["value"]))
        except re.error as exc:
            raise ConfigError(f"{where}: bad regular expression: {exc}") from None
        python_only = PYTHON_ONLY_REGEX.search(str(raw["value"]))
        if python_only:
            raise ConfigError(f"{where}: {python_only.group(0)!r} in a regex: promptfoo matches regexes as JavaScript "
                              "(new RegExp), which has no inline flags, (?P…) groups, \\A or \\Z; write the "
                              "pattern without it (e.g. [Ff]emale for a case-insensitive first letter, or icontains)")
    if "transform" in raw and not is_python_file(raw["transform"]):
        raise ConfigError(f"{where}.transform: inline transforms are JavaScript in promptfoo; put the transform in "
                          "a Python file and write transform: file://transform.py:function")
    if name == "python" and isinstance(raw.get("value"), str) and raw["value"].startswith("file://") and not \
            raw["value"][7:].partition(":")[0].endswith(".py"):
        raise ConfigError(f"{where}: a python assertion's file must be a .py file")
    if raw.get("config") is not None and not isinstance(raw["config"], dict):
        raise ConfigError(f"{where}.config must be a mapping")
    return Assertion(type=name, negate=negate, value=raw.get("value"), threshold=_float(threshold),
                     weight=float(raw.get("weight", 1.0)), metric=raw.get("metric"), provider=raw.get("provider"),
                     config=raw.get("config"), transform=raw.get("transform"))


def _float(value: Any) -> float | None:
    return float(value) if value is not None else None
