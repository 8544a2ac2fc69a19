"""The conformance suite (evals/conformance/): each mini-config runs in promptfoo itself and in Candor's
runner, with the same number of cases and the same verdict per case; each refused config is refused by
Candor's runner with the message its first line names.

promptfoo comes from `make test` (npm, pinned in the Makefile); without it the promptfoo runs are skipped
with the reason, and the refusals and Candor's own verdicts are still checked.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from evals.config import ConfigError, load_suite
from evals.promptfoo.parity import PROMPTFOO, promptfoo_rows, vars_key
from evals.promptfoo.parity import promptfoo_env as environment
from evals.runner import RunOptions, run
from tests.fake_openai import FakeOpenAI

ROOT = Path(__file__).resolve().parent.parent
CONFORMANCE = ROOT / "evals" / "conformance"

# The verdict of every case, in promptfoo's order (tests, var combinations, prompts), as promptfoo's source
# says it should be: both runners must give exactly these.
EXPECTED = {
    "var_arrays": [True, False, True, False, True, True],
    "scenarios": [True, True, True, False, False],
    "templates_ref": [True, False, True],
    "assert_set": [True, False, True, False],
    "json": [True, False, True, False, False],
    "similar": [True, False, True, True],
    "csv_similar": [True, False, True, False],
    "transforms": [True, True, False],
    "store_output": [True, True, False],
    "csv_columns": [True, True, False, True, True],
    "jsonl": [True, False, True],
    "globs": [True, False, True, True],
    "nunjucks": [True, False],
    "context": [True, False],
    "conversation": [True, True, False],
    "candor_provider": [True, True, True],
    # two prompts per test: the grader picks the long answer; in the second test that one fails `contains`
    "select_best": [False, True, False, False],
}


def pick_the_long_answer(body: dict) -> dict:
    """The scripted select-best grader: the index of the text that starts with "Long"."""
    texts = re.findall(r'<Text index="(\d+)">\s*(.*?)\s*</Text>', body["messages"][-1]["content"], re.S)
    return {"content": next(i for i, text in texts if text.startswith("Long"))}


@pytest.fixture(scope="module")
def grader():
    with FakeOpenAI(pick_the_long_answer) as server:
        yield server


@pytest.fixture
def grader_env(grader, monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", grader.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", grader.api_key)
    return {"OPENAI_BASE_URL": grader.base_url, "OPENAI_API_KEY": grader.api_key}


@pytest.fixture(scope="module")
def promptfoo_env(tmp_path_factory):
    if not PROMPTFOO.exists():
        pytest.skip("promptfoo is not installed (`make test` installs it with npm; npm was unreachable), "
                    "so the promptfoo runs are skipped")
    base = {k: v for k, v in os.environ.items() if not k.startswith(("CANDOR_", "OPENAI_"))}
    return {**environment(tmp_path_factory.mktemp("promptfoo-config"), base), "CANDOR_ENV": "test"}


def promptfoo_eval(config: Path, env: dict, out: Path, cwd: Path = ROOT) -> list[tuple[str, bool]]:
    """Run promptfoo on one config: each row's vars and verdict, in promptfoo's order."""
    return [(vars_key(r["testCase"]["vars"]), r["success"]) for r in promptfoo_rows(config, out, env, cwd)]


def candor_eval(config: Path, demo) -> list[tuple[str, bool]]:
    [suite] = run([config], RunOptions(), demo=demo)["suites"]
    return [(vars_key(c["vars"]), c["status"] in ("passed", "skipped")) for c in suite["cases"]]


def test_every_config_has_expected_verdicts():
    configs = {p.stem for p in CONFORMANCE.glob("*.yaml")}
    assert configs == set(EXPECTED)
    for name, verdicts in EXPECTED.items():
        suite = load_suite(CONFORMANCE / f"{name}.yaml")
        assert len(suite.cases) * len(suite.prompts) * len(suite.providers) == len(verdicts), name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_candor_gives_promptfoos_verdicts(name, demo, grader_env):
    assert [verdict for _, verdict in candor_eval(CONFORMANCE / f"{name}.yaml", demo)] == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_promptfoo_gives_the_same_verdicts(name, promptfoo_env, demo, grader_env, tmp_path):
    theirs = promptfoo_eval(CONFORMANCE / f"{name}.yaml", {**promptfoo_env, **grader_env}, tmp_path / "out.json")
    ours = candor_eval(CONFORMANCE / f"{name}.yaml", demo)
    # promptfoo does not sort the files a tests glob matches, so cases are matched by their vars
    assert len(theirs) == len(ours) == len(EXPECTED[name])
    assert sorted(theirs) == sorted(ours)


def test_candor_provider_paths_work_from_the_suite_folder(promptfoo_env, tmp_path):
    config = CONFORMANCE / "candor_provider.yaml"
    theirs = promptfoo_eval(config, promptfoo_env, tmp_path / "out.json", cwd=CONFORMANCE)
    assert [verdict for _, verdict in theirs] == EXPECTED["candor_provider"]


@pytest.mark.parametrize("config", sorted((CONFORMANCE / "refused").glob("*.yaml")), ids=lambda p: p.stem)
def test_unsupported_features_are_refused_with_what_to_do(config):
    message = re.match(r"# refused: (.*)", config.read_text(encoding="utf-8")).group(1)
    with pytest.raises(ConfigError) as refused:
        load_suite(config)
    text = str(refused.value)
    assert message in text
    assert str(config.parent) in text  # the file is named
