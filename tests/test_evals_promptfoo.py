"""promptfoo's meaning in Candor's loader and runner: the behaviours that used to be silently wrong (a vars
array, a `similar(0.8)` CSV cell, a multi-line JSONL file, nunjucks `dump`/`load`, `context['test']`), and the
results file in promptfoo's format."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from evals.assertions import Context, check
from evals.config import Assertion, ConfigError, load_suite
from evals.promptfoo.parity import PROMPTFOO, promptfoo_env
from evals.promptfoo_results import from_promptfoo, to_promptfoo
from evals.runner import RunOptions, run
from evals.templates import render, render_prompt
from evals.test_files import assertion_from_string
from tests.conftest import write_suite as _suite

ROOT = Path(__file__).resolve().parent.parent


def test_a_vars_array_is_one_case_per_value(tmp_path, demo):
    path = _suite(tmp_path, """
providers: [echo]
tests:
  - description: fruit
    vars: {question: [apples, pears], n: [1, 2]}
    assert: [{type: contains, value: apples}]
""")
    suite = load_suite(path)
    assert [c.vars for c in suite.cases] == [{"question": "apples", "n": [1, 2]},
                                             {"question": "pears", "n": [1, 2]}]
    [result] = run([path], RunOptions(), demo=demo)["suites"]
    assert [(c["turns"][0]["input"], c["status"]) for c in result["cases"]] == [("apples", "passed"),
                                                                              ("pears", "failed")]


def test_a_similar_csv_cell_is_a_similarity_check_with_its_threshold(tmp_path, demo):
    assert assertion_from_string("similar(0.8):A cat was on the mat.") == {
        "type": "similar", "value": "A cat was on the mat.", "threshold": 0.8}
    assert assertion_from_string("similar:same")["threshold"] == 0.8  # promptfoo's CSV default
    assert assertion_from_string("not-similar(0.5):x") == {"type": "not-similar", "value": "x", "threshold": 0.5}
    (tmp_path / "cases.csv").write_text("question,__expected1\n"
                                        "The cat sat on the mat.,similar(0.8):A cat was sitting on the mat.\n"
                                        "The cat sat on the mat.,similar(0.8):Revenue grew by ten percent.\n")
    [result] = run([_suite(tmp_path, "providers: [echo]\ntests: file://cases.csv\n")], RunOptions(),
                   demo=demo)["suites"]
    assert [c["status"] for c in result["cases"]] == ["passed", "failed"]
    assert "similarity" in result["cases"][1]["reason"] and "< threshold 0.8" in result["cases"][1]["reason"]


def test_a_jsonl_file_is_one_test_per_line(tmp_path):
    (tmp_path / "cases.jsonl").write_text('{"vars": {"question": "one"}}\n\n'
                                          '{"vars": {"question": "two"}, "description": "second"}\n'
                                          '{"vars": {"question": "three"}}\n', encoding="utf-8")
    suite = load_suite(_suite(tmp_path, "providers: [echo]\ntests: file://cases.jsonl\n"))
    assert [(c.id, c.vars["question"]) for c in suite.cases] == [("Row #1", "one"), ("second", "two"),
                                                                 ("Row #3", "three")]
    (tmp_path / "bad.jsonl").write_text('{"vars": {}}\n{"vars": \n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad.jsonl:2: not a JSON test"):
        load_suite(_suite(tmp_path, "tests: file://bad.jsonl\n", "bad.yaml"))


def test_nunjucks_dump_load_and_javascript_printing():
    assert render("{{ x | dump }}", {"x": {"a": [1, "b"], "c": None}}) == '{"a":[1,"b"],"c":null}'
    assert render("{{ (s | load).a }}", {"s": '{"a": 3}'}) == "3"
    assert render("{{ xs }} {{ flag }} {{ nothing }}|", {"xs": ["a", "b"], "flag": True}) == "a,b true |"
    # a var that is a template is rendered first; a JSON prompt comes back indented, as promptfoo writes it
    assert render_prompt("{{ q }}", {"q": "said {{ a }}", "a": "hi"}) == "said hi"
    assert render_prompt('{"q": "{{ a }}"}', {"a": "hi"}) == '{\n  "q": "hi"\n}'


def test_python_assertions_see_promptfoos_context():
    context = Context(output="out", prompt="Q: x", vars={"question": "x"},
                      test={"description": "d", "vars": {"question": "x"}, "metadata": {"k": 1}},
                      metadata={"tool_calls": []})
    source = ("context['test']['description'] == 'd' and context['test']['metadata']['k'] == 1 "
              "and context['prompt'] == 'Q: x' and context['vars']['question'] == 'x' "
              "and context['logProbs'] is None and context['config'] == {'n': 2} "
              "and context['providerResponse']['output'] == 'out'")
    assert check(Assertion(type="python", value=source, config={"n": 2}), context).passed
    assert not check(Assertion(type="python", value="context['config']['n'] == 3", config={"n": 2}), context).passed


def test_the_json_output_is_promptfoos_results_format_and_compare_reads_it(tmp_path, demo):
    path = _suite(tmp_path, """
providers: [echo]
tests:
  - vars: {question: [yes, no]}
    assert: [{type: equals, value: 'yes'}]
""")
    run_result = run([path], RunOptions(), demo=demo)
    data = to_promptfoo(run_result)
    assert data["results"]["version"] == 3
    assert [(r["vars"]["question"], r["success"], r["testIdx"]) for r in data["results"]["results"]] == [
        ("yes", True, 0), ("no", False, 1)]
    assert data["results"]["prompts"][0]["metrics"]["testPassCount"] == 1
    assert data["results"]["stats"] == {**data["results"]["stats"], "successes": 1, "failures": 1, "errors": 0}
    back = from_promptfoo(json.loads(json.dumps(data)))
    assert [(c["id"], c["status"]) for c in back["suites"][0]["cases"]] == [("yes", "passed"), ("no", "failed")]


def test_promptfoo_imports_the_results_file(tmp_path, demo):
    if not PROMPTFOO.exists():
        pytest.skip("promptfoo is not installed (`make test` installs it with npm; npm was unreachable)")
    path = _suite(tmp_path, "providers: [echo]\ntests:\n  - vars: {question: [a, b]}\n"
                            "    assert: [{type: equals, value: a}]\n")
    out = tmp_path / "run.json"
    out.write_text(json.dumps(to_promptfoo(run([path], RunOptions(), demo=demo))), encoding="utf-8")
    env = promptfoo_env(tmp_path / "config")
    imported = subprocess.run([str(PROMPTFOO), "import", str(out)], env=env, capture_output=True, text=True,
                              timeout=120)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    exported = tmp_path / "back.json"
    listed = subprocess.run([str(PROMPTFOO), "export", "eval", "latest", "-o", str(exported)], env=env,
                            capture_output=True, text=True, timeout=120)
    assert listed.returncode == 0, listed.stdout + listed.stderr
    rows = json.loads(exported.read_text(encoding="utf-8"))["results"]["results"]
    assert sorted((r["vars"]["question"], r["success"]) for r in rows) == [("a", True), ("b", False)]
