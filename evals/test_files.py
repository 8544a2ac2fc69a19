"""Tests kept in files, read the way promptfoo reads them (src/util/testCaseReader.ts, src/csv.ts).

`tests: file://cases.csv` (or `.jsonl`, `.json`, `.yaml`), a list mixing inline tests and `file://` paths,
and globs (`file://tests/*.yaml`). CSV columns are vars; `__expected…` cells hold one assertion each
("contains:…", "similar(0.8):…", "python:…"); `__description`, `__threshold`, `__metric`, `__prefix`,
`__suffix`, `__metadata:<key>` (`<key>[]` splits on commas) and `__config:__expected<N>:threshold` are
promptfoo's special columns. JSONL holds one test per non-empty line.
"""

from __future__ import annotations

import csv
import glob
import json
import re
from pathlib import Path
from typing import Any

import yaml

# promptfoo's assertion types (BaseAssertionTypesSchema in src/types/index.ts, 0.121): a CSV cell is read
# against this list, so "levenshtein:…" is a levenshtein assertion (refused later), never an `equals`.
PROMPTFOO_TYPES = (
    "agent-rubric", "answer-relevance", "bleu", "classifier", "contains", "contains-all", "contains-any",
    "contains-html", "contains-json", "contains-sql", "contains-xml", "context-faithfulness", "context-recall",
    "context-relevance", "conversation-relevance", "cost", "equals", "factuality", "finish-reason", "g-eval",
    "gleu", "guardrails", "icontains", "icontains-all", "icontains-any", "is-html", "is-json", "is-refusal",
    "is-sql", "is-valid-function-call", "is-valid-openai-function-call", "is-valid-openai-tools-call", "is-xml",
    "javascript", "latency", "levenshtein", "llm-rubric", "pi", "meteor", "model-graded-closedqa",
    "model-graded-factuality", "moderation", "perplexity", "perplexity-score", "python", "regex", "rouge-n",
    "ruby", "similar", "similar:cosine", "similar:dot", "similar:euclidean", "starts-with", "tool-call-f1",
    "skill-used", "trajectory:goal-success", "trajectory:tool-args-match", "trajectory:step-count",
    "trajectory:tool-sequence", "trajectory:tool-used", "trace-error-spans", "trace-span-count",
    "trace-span-duration", "search-rubric", "webhook", "word-count",
)
THRESHOLD_TYPES = ("answer-relevance", "classifier", "context-faithfulness", "context-recall", "context-relevance",
                   "cost", "latency", "levenshtein", "perplexity-score", "perplexity", "rouge-n", "similar",
                   "starts-with")
LIST_TYPES = ("contains-all", "contains-any", "icontains-all", "icontains-any")


class _Yaml12Loader(yaml.SafeLoader):
    """YAML as promptfoo's js-yaml reads it (YAML 1.2): only true/false are booleans, so `yes`, `no`, `on`
    and `off` stay strings."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
_Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                    list("tTfF"))


def load_yaml(text: str) -> Any:
    try:
        return yaml.load(text, Loader=_Yaml12Loader)
    except yaml.YAMLError as exc:
        raise ValueError(f"not valid YAML: {exc}") from None


class ConfigError(ValueError):
    """A suite cannot be loaded; the message names the file, the key (or line, or column) and the fix."""


def _cell_regex() -> re.Pattern:
    names = "|".join(re.escape(t) for t in PROMPTFOO_TYPES)
    return re.compile(rf"^(not-)?({names})(?:\((\d+(?:\.\d+)?)\))?(?::([\s\S]*))?$")


_CELL = _cell_regex()


def _comma_values(value: str) -> list[str]:
    """promptfoo's parseCommaSeparatedAssertionValues: fields split on commas, double-quoted fields kept whole."""
    out, i = [], 0
    while i < len(value):
        while i < len(value) and (value[i].isspace() or value[i] == ","):
            i += 1
        if i >= len(value):
            break
        if value[i] == '"':
            i += 1
            field = ""
            while i < len(value):
                if value[i] == "\\" and i + 1 < len(value) and value[i + 1] in '"\\':
                    field, i = field + value[i + 1], i + 2
                elif value[i] == '"' and i + 1 < len(value) and value[i + 1] == '"':
                    field, i = field + '"', i + 2
                elif value[i] == '"':
                    i += 1
                    break
                else:
                    field, i = field + value[i], i + 1
            out.append(field)
        else:
            end = value.find(",", i)
            end = len(value) if end < 0 else end
            out.append(value[i:end].strip())
            i = end
    return out


def assertion_from_string(expected: str, where: str = "") -> dict:
    """One `__expected` cell as an assertion mapping, as promptfoo's assertionFromString reads it."""
    if expected.startswith(("javascript:", "fn:", "eval:")) or (
            expected.startswith("file://") and re.search(r"\.(js|ts|mjs|cjs)(:|$)", expected)):
        raise ConfigError(f"{where}: JavaScript assertions are not supported by Candor's runner; "
                            "write python:<expression> or file://checks.py:function instead")
    if expected.startswith(("grade:", "llm-rubric:")):
        return {"type": "llm-rubric", "value": expected.split(":", 1)[1]}
    if expected.startswith("file://") and re.search(r"\.py(:|$)", expected):
        # promptfoo strips the file:// and then runs "checks.py:f" as Python code, which cannot work
        raise ConfigError(f"{where}: {expected!r}: promptfoo reads a bare file:// cell as inline Python code; "
                          f"write python:{expected} instead")
    if expected.startswith("python:"):
        return {"type": "python", "value": expected[len("python:"):].strip()}
    if re.match(r"^(not-)?candor:", expected):
        raise ConfigError(f"{where}: {expected!r}: promptfoo reads a candor:… cell as an `equals` assertion; write "
                          "python:file://…/evals/promptfoo/assertions.py:<check> and give its expectation in a "
                          "__metadata:tool_called or __metadata:language column (docs/evals.md)")
    match = _CELL.match(expected)
    if not match:
        return {"type": "equals", "value": expected}
    negate, kind, threshold, value = match.groups()
    out: dict[str, Any] = {"type": (negate or "") + kind}
    if kind in LIST_TYPES:
        out["value"] = _comma_values(value) if value else value
    elif kind in ("contains-json", "is-json"):
        out["value"] = value
    else:
        out["value"] = value.strip() if value is not None else None
    if kind in THRESHOLD_TYPES:
        out["threshold"] = float(threshold) if threshold is not None else (0.8 if kind == "similar" else 0.75)
    elif threshold is not None:
        out["threshold"] = float(threshold)
    if out.get("value") is None:
        out.pop("value")
    return out


def _number(value: str) -> float | None:
    text = (value or "").strip()
    return float(text) if re.fullmatch(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", text) else None


def csv_tests(path: Path) -> list[dict]:
    """Each CSV row as a test, with promptfoo's special columns (testCaseFromCsvRow)."""
    with Path(path).open(encoding="utf-8-sig", newline="") as handle:
        sample = handle.read(4096)
        handle.seek(0)
        first = sample.splitlines()[0] if sample else ""
        dialect = csv.excel_tab if "\t" in first and "," not in first else csv.excel
        rows = list(csv.DictReader(handle, dialect=dialect))
    return [csv_row_test(row, f"{path}:{number}") for number, row in enumerate(rows, start=2)]


def csv_row_test(row: dict, where: str) -> dict:
    test: dict[str, Any] = {"vars": {}, "assert": [], "options": {}}
    metadata: dict[str, Any] = {}
    configs: dict[int, dict[str, float]] = {}
    metric = None
    for raw_key, value in row.items():
        if raw_key is None:
            raise ConfigError(f"{where}: more cells than columns")
        key, value = raw_key.strip(), value or ""
        if key.startswith("__expected"):
            if value.strip():
                test["assert"].append(assertion_from_string(value.strip(), f"{where}: {key}"))
        elif key in ("__prefix", "__suffix"):
            test["options"][key[2:]] = value
        elif key == "__description":
            test["description"] = value
        elif key == "__metric":
            metric = value
        elif key == "__threshold":
            if _number(value) is not None:
                test["threshold"] = _number(value)
        elif key.startswith("__metadata:"):
            name = key[len("__metadata:"):]
            if name.endswith("[]"):
                if value.strip():
                    metadata[name[:-2]] = [v.strip().replace("\\,", ",") for v in re.split(r"(?<!\\),", value)]
            elif value.strip():
                metadata[name] = value
        elif key == "__metadata":
            continue  # promptfoo warns and ignores a __metadata column without a key
        elif key.startswith("__config:"):
            parts = key[len("__config:"):].split(":")
            found = re.fullmatch(r"__expected(\d*)", parts[0]) if len(parts) == 2 else None
            if not found or (found.group(1) and int(found.group(1)) < 1):
                raise ConfigError(f"{where}: column {key}: write __config:__expected<N>:threshold")
            if parts[1] != "threshold":
                raise ConfigError(f"{where}: column {key}: the only config key a CSV can set is threshold")
            number = _number(value)
            if number is None:
                raise ConfigError(f"{where}: column {key}: {value!r} is not a number")
            configs.setdefault(int(found.group(1) or 1) - 1, {})["threshold"] = number
        elif key == "__providerOutput":
            raise ConfigError(f"{where}: column __providerOutput (a fixed output instead of calling the provider) is "
                              "not supported by Candor's runner; use the echo provider with the text as the prompt")
        elif key.startswith("__"):
            raise ConfigError(f"{where}: unsupported column {key} (promptfoo's special columns: __expected<N>, "
                                "__description, __threshold, __metric, __prefix, __suffix, __metadata:<key>, "
                                "__config:__expected<N>:threshold)")
        else:
            test["vars"][key] = value
    for index, assertion in enumerate(test["assert"]):
        if metric is not None:
            assertion["metric"] = metric
        for name, number in configs.get(index, {}).items():
            # promptfoo sets the value on the assertion and, as it does, in the test's metadata too
            assertion[name] = number
            metadata[name] = number
    if metadata:
        test["metadata"] = metadata
    return test


def jsonl_tests(path: Path, default_descriptions: bool) -> list[dict]:
    tests = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").split("\n"), start=1):
        if not line.strip():
            continue
        try:
            test = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{path}:{number}: not a JSON test: {exc.msg} (JSONL holds one JSON object "
                                "per line)") from None
        if default_descriptions and isinstance(test, dict):
            test = {**test, "description": test.get("description") or f"Row #{len(tests) + 1}"}
        tests.append(test)
    return tests


def _structured(path: Path) -> list:
    text = path.read_text(encoding="utf-8")
    try:
        loaded = json.loads(text) if path.suffix == ".json" else load_yaml(text)
    except ValueError as exc:
        raise ConfigError(f"{path}: cannot read the tests: {exc}") from None
    return loaded if isinstance(loaded, list) else [loaded] if loaded is not None else []


UNSUPPORTED_SOURCES = {
    ".py": "Python test generators are not supported by Candor's runner; write the tests to a YAML/CSV/JSONL file",
    ".js": "JavaScript test generators are not supported; write the tests to a YAML/CSV/JSONL file",
    ".ts": "TypeScript test generators are not supported; write the tests to a YAML/CSV/JSONL file",
    ".xlsx": "Excel sheets are not supported; save the sheet as CSV",
    ".xls": "Excel sheets are not supported; save the sheet as CSV",
}


def read_tests_file(path: Path, where: str, standalone: bool) -> list[tuple[dict, Path]]:
    """The tests in one file, each with the folder its relative paths are read from."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        found = csv_tests(path)
    elif suffix == ".jsonl":
        found = jsonl_tests(path, default_descriptions=standalone)
    elif suffix in (".yaml", ".yml", ".json"):
        found = _structured(path)
    else:
        hint = UNSUPPORTED_SOURCES.get(suffix, "use a CSV, JSONL, JSON or YAML file")
        raise ConfigError(f"{where}: {path.name}: {hint}")
    return [(test, path.parent) for test in found]


def read_tests(value: Any, base: Path, where: str) -> list[tuple[dict, Path, str]]:
    """`tests:` as promptfoo reads it: a path (CSV/JSONL/JSON, or a YAML glob), or a list of inline tests and
    paths or globs. Each test comes with its folder and its location for messages."""
    if value is None:
        return []
    if isinstance(value, str):
        return _from_path(value, base, f"{where}: tests", standalone=not value.endswith(("yaml", "yml")))
    if isinstance(value, dict) and "path" in value:
        raise ConfigError(f"{where}: tests: {{path, config}} sources are not supported by Candor's runner; "
                            "write tests: file://<file>")
    if not isinstance(value, list):
        raise ConfigError(f"{where}: tests must be a list of tests or a file:// path")
    out: list[tuple[dict, Path, str]] = []
    for i, item in enumerate(value):
        if isinstance(item, str):
            out += _from_path(item, base, f"{where}: tests[{i}]", standalone=False)
        elif isinstance(item, dict):
            out.append((item, base, f"{where}: tests[{i}]"))
        else:
            raise ConfigError(f"{where}: tests[{i}] must be a test mapping or a file:// path")
    return out


def _from_path(ref: str, base: Path, where: str, standalone: bool) -> list[tuple[dict, Path, str]]:
    if ref.startswith(("huggingface://", "https://", "http://", "az://", "gs://", "s3://")):
        raise ConfigError(f"{where}: remote test sources ({ref.split('://')[0]}://) are not supported by Candor's "
                            "runner; download the tests into a CSV/JSONL/YAML file")
    pattern = ref[len("file://"):] if ref.startswith("file://") else ref
    if re.search(r"\.(py|js|ts|mjs|cjs)(:[\w.]+)?$", pattern):
        suffix = "." + re.search(r"\.(py|js|ts|mjs|cjs)", pattern).group(1)
        raise ConfigError(f"{where}: {ref}: {UNSUPPORTED_SOURCES.get(suffix, UNSUPPORTED_SOURCES['.js'])}")
    full = str((base / pattern)) if not Path(pattern).is_absolute() else pattern
    files = sorted(glob.glob(full, recursive=True)) if glob.has_magic(pattern) else ([full] if Path(full).exists()
                                                                                     else [])
    if not files:
        raise ConfigError(f"{where}: {ref} matches no file (looked for {Path(full).resolve()})")
    out = []
    for file in files:
        for n, (test, folder) in enumerate(read_tests_file(Path(file), where, standalone)):
            out.append((test, folder, f"{file}[{n}]"))
    return out
