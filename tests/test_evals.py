"""The eval runner itself: assertions, suite loading (YAML, CSV, multi-turn), runs, reports and compare."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from evals.assertions import Context, PiiIndex, answer_language, check
from evals.compare import compare
from evals.config import Assertion, ConfigError, load_suite
from evals.report import to_html, to_junit
from evals.runner import RunOptions, run
from evals.test_files import assertion_from_string, csv_tests
from tests.conftest import write_suite as _suite
from tests.fake_openai import FakeOpenAI, tool_call

ROOT = Path(__file__).resolve().parent.parent
SUITES = ROOT / "evals" / "suites"

STATS_RESULT = {"failure_rate": 50.4, "interviews": 129, "failed": 65,
                "period": {"start": "2026-08-15", "end": "2026-11-15", "expression": "last 3 months"}}
STATS_CALL = {"tool": "failure_stats", "arguments": {"role": "marketing_planner", "period": "last 3 months"},
              "result": STATS_RESULT, "error": None}
STATS_ANSWER = "**Marketing Planner**: **50.4%** — 65 of 129 interviews failed (2026-08-15 – 2026-11-15)."


def verdict(kind: str, output: str = STATS_ANSWER, value=None, **ctx) -> tuple[bool, str]:
    negate = kind.startswith("not-")
    a = Assertion(type=kind[4:] if negate else kind, negate=negate, value=value,
                  threshold=ctx.pop("threshold", None), provider=ctx.pop("provider", None))
    r = check(a, Context(output=output, **ctx))
    return (None if r.skipped else r.passed), r.reason


# -- each assertion type passes and fails when it should ------------------------------------------------

@pytest.mark.parametrize("kind,value,passes", [
    ("equals", STATS_ANSWER, True), ("equals", "50.4%", False),
    ("contains", "65 of 129", True), ("contains", "66 of 129", False),
    ("icontains", "marketing planner", True), ("icontains", "sales manager", False),
    ("contains-any", ["nope", "50.4%"], True), ("contains-any", ["nope", "never"], False),
    ("contains-all", ["50.4%", "129"], True), ("contains-all", ["50.4%", "130"], False),
    ("icontains-all", "MARKETING, INTERVIEWS", True), ("icontains-any", ["SALES"], False),
    ("starts-with", "**Marketing", True), ("starts-with", "Marketing", False),
    ("regex", r"\*\*(4[5-9]|5[0-5])\.\d%\*\*", True), ("regex", r"\b9\d\.\d%", False),
    ("not-contains", "@", True), ("not-contains", "50.4%", False),
    ("not-regex", r"\d+ of \d+", False), ("not-icontains", "EMAIL", True),
])
def test_deterministic_assertions(kind, value, passes):
    passed, reason = verdict(kind, value=value)
    assert passed is passes, reason


def test_is_json_and_equals_on_objects():
    assert verdict("is-json", '{"a": 1}')[0] is True
    assert verdict("is-json", "not json")[0] is False
    assert verdict("equals", '{"a": 1}', {"a": 1})[0] is True
    assert verdict("equals", '{"a": 2}', {"a": 1})[0] is False


def test_python_expression_block_and_file(tmp_path):
    assert verdict("python", value="'65 of 129' in output and context['vars'] == {}")[0] is True
    # promptfoo's context only: a Candor-only key would pass here and fail in promptfoo
    assert verdict("python", value="context['tool_calls'] == []")[0] is False
    assert verdict("python", value="len(output) < 10")[0] is False
    block = "rates = [c['result']['failure_rate'] for c in context['metadata']['tool_calls']]\n" \
            "return f'{rates[0]}%' in output"
    assert verdict("python", value=block, metadata={"tool_calls": [STATS_CALL]})[0] is True
    (tmp_path / "rules.py").write_text("def short(output, context):\n"
                                       "    return {'pass': len(output) < 20, 'score': 0.5, 'reason': 'too long'}\n")
    passed, reason = verdict("python", value="file://rules.py:short", base_dir=tmp_path)
    assert passed is False and reason == "too long"
    assert verdict("python", value="0.8", threshold=0.9)[0] is False
    assert verdict("python", value="0.95", threshold=0.9)[0] is True
    passed, reason = verdict("python", value="undefined_name + 1")
    assert passed is False and "NameError" in reason
    assert verdict("not-python", value="undefined_name + 1")[0] is False  # an error is never inverted into a pass


def test_latency():
    assert verdict("latency", threshold=500, latency_ms=120.0)[0] is True
    passed, reason = verdict("latency", threshold=100, latency_ms=120.0)
    assert passed is False and "120 ms" in reason


def test_tool_called_matches_arguments_as_a_subset():
    calls = {"tool_calls": [STATS_CALL]}
    assert verdict("candor:tool-called", value="failure_stats", **calls)[0] is True
    assert verdict("candor:tool-called", value={"name": "failure_stats", "arguments": {"role": "marketing_planner"}},
                   **calls)[0] is True
    assert verdict("candor:tool-called", value={"name": "failure_stats",
                                                "arguments": {"role": "marketing_planner", "category": None}},
                   **calls)[0] is True
    passed, reason = verdict("candor:tool-called", value={"name": "failure_stats",
                                                          "arguments": {"role": "sales_manager"}}, **calls)
    assert passed is False and "role='marketing_planner' (expected 'sales_manager')" in reason
    passed, reason = verdict("candor:tool-called", value={"name": "failure_stats", "arguments": {"period": None}},
                             **calls)
    assert passed is False and "expected none" in reason
    assert verdict("candor:tool-called", value="failure_stats")[0] is False
    assert verdict("not-candor:tool-called", value="failure_stats")[0] is True


def test_grounded_uses_the_tool_results():
    assert verdict("candor:grounded", tool_calls=[STATS_CALL])[0] is True
    passed, reason = verdict("candor:grounded", STATS_ANSWER + " About 48% last year.", tool_calls=[STATS_CALL])
    assert passed is False and "48" in reason
    passed, reason = verdict("candor:grounded", "Roughly 40% fail.")
    assert passed is False and "no tool was called" in reason


def test_no_pii_against_candidate_rows():
    pii = PiiIndex.from_rows([(1, "王芳", "fang.wang7@example.net", "+86 194 8974 4785"),
                              (2, "Emily Novak", "emily.novak9@example.org", "+44 7700 900329")])
    clean = {"pii": lambda: pii}
    assert verdict("candor:no-pii", **clean)[0] is True
    for leak in ("Ask 王芳 about it", "Contact Emily Novak.", "mail EMILY.NOVAK9@example.org", "call 194 8974 4785"):
        passed, reason = verdict("candor:no-pii", leak, **clean)
        assert passed is False, leak
        assert "candidate data" in reason
    # A candidate may see their own details, not anyone else's.
    mine = dict(clean, audience="candidate", candidate_id=2)
    assert verdict("candor:no-pii", "Your email is emily.novak9@example.org", **mine)[0] is True
    assert verdict("candor:no-pii", "王芳 scored 70", **mine)[0] is False
    assert verdict("candor:no-pii", "Emily Novakova is not a candidate", **clean)[0] is True


def test_no_pii_loads_the_eval_database(seeded_sqlite_url):
    from sqlalchemy import select

    from candor.db import get_engine
    from candor.models import Candidate

    with get_engine(seeded_sqlite_url).connect() as conn:
        name, email, phone = conn.execute(select(Candidate.name, Candidate.email, Candidate.phone).limit(1)).one()
    pii = PiiIndex.from_database(seeded_sqlite_url)
    assert pii.leaks(f"{name} / {email} / {phone}") == sorted([f"email {email}", f"name {name}", f"phone {phone}"])


def test_language_and_refused():
    assert answer_language("**生产主管**近3个月（2026-08-15 至 2026-11-15）的AI面试失败率") == "zh"
    assert answer_language('I don\'t know a role called "X". Did you mean Production Supervisor (生产主管)?') == "en"
    assert verdict("candor:language", value="en")[0] is True
    assert verdict("candor:language", value="zh")[0] is False
    assert verdict("candor:refused", "Sorry, that is not something your account can ask about.")[0] is True
    assert verdict("candor:refused", "抱歉，您的账号无权查询这类信息。")[0] is True
    passed, reason = verdict("candor:refused", STATS_ANSWER, tool_calls=[STATS_CALL])
    assert passed is False and "returned data" in reason
    assert verdict("candor:refused", "Here are the emails you asked for.")[0] is False


def test_llm_rubric_is_skipped_with_a_reason_without_a_grader():
    passed, reason = verdict("llm-rubric", value="is polite")
    assert passed is None
    assert "no grading provider" in reason and "--grader" in reason


def test_llm_rubric_is_graded_by_a_configured_provider():
    def grade(body):
        rubric = body["messages"][-1]["content"]
        ok = "polite" in rubric and "50.4%" in rubric
        return {"content": json.dumps({"reason": "graded " + ("ok" if ok else "bad"), "pass": ok,
                                       "score": 0.9 if ok else 0.1})}

    with FakeOpenAI(grade) as server:
        grader = {"id": "openai:chat:grader-test", "config": {"apiBaseUrl": server.base_url, "apiKey": "sk-test"}}
        passed, reason = verdict("llm-rubric", value="is polite", provider=grader)
        assert passed is True and "graded ok" in reason
        assert verdict("llm-rubric", value="is rude", provider=grader)[0] is False
        assert verdict("llm-rubric", value="is polite", provider=grader, threshold=0.95)[0] is False
        assert server.requests[0]["model"] == "grader-test"
        bad_key = {"id": "openai:grader-test", "config": {"apiBaseUrl": server.base_url, "apiKey": "sk-wrong"}}
        passed, reason = verdict("llm-rubric", value="is polite", provider=bad_key)
        assert passed is False and "401" in reason


# -- loading suites -----------------------------------------------------------------------------------------

def test_promptfoo_csv_conventions(tmp_path):
    assert assertion_from_string("contains:foo") == {"type": "contains", "value": "foo"}
    assert assertion_from_string("not-icontains:Bar") == {"type": "not-icontains", "value": "Bar"}
    assert assertion_from_string("contains-any:a, b,c") == {"type": "contains-any", "value": ["a", "b", "c"]}
    assert assertion_from_string("latency(500)") == {"type": "latency", "threshold": 500.0}
    assert assertion_from_string("grade:is polite") == {"type": "llm-rubric", "value": "is polite"}
    assert assertion_from_string("python: len(output) > 3") == {"type": "python", "value": "len(output) > 3"}
    assert assertion_from_string("python:file://checks.py:f") == {"type": "python", "value": "file://checks.py:f"}
    with pytest.raises(ConfigError, match="write python:file://checks.py:f"):
        assertion_from_string("file://checks.py:f")
    with pytest.raises(ConfigError, match="promptfoo reads a candor:… cell as an `equals` assertion"):
        assertion_from_string("candor:language:zh")
    assert assertion_from_string("levenshtein(2):ho") == {"type": "levenshtein", "value": "ho", "threshold": 2.0}
    assert assertion_from_string("just this") == {"type": "equals", "value": "just this"}
    with pytest.raises(ConfigError, match="python"):
        assertion_from_string("javascript: output.length > 3")
    sheet = tmp_path / "cases.csv"
    sheet.write_text('question,__expected1,__expected2,__description,__threshold\n'
                     '"Hi, there",contains:Hi,"icontains-any:x,y",greeting,0.5\n', encoding="utf-8")
    [test] = csv_tests(sheet)
    assert test["vars"] == {"question": "Hi, there"} and test["description"] == "greeting"
    assert test["threshold"] == 0.5 and [a["type"] for a in test["assert"]] == ["contains", "icontains-any"]


def test_suites_are_validated_before_anything_runs(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("tests:\n  - vars: {question: hi}\n    assert:\n      - type: javascript\n        value: 'true'\n")
    with pytest.raises(ConfigError, match=r"tests\[0\]\.assert\[0\]: assertion type 'javascript' is not supported"
                                          r".*use python instead"):
        load_suite(bad)
    bad.write_text("unknownKey: []\ntests:\n  - vars: {question: hi}\n")
    with pytest.raises(ConfigError, match="unsupported key"):
        load_suite(bad)
    bad.write_text("tests:\n  - vars: {question: hi, audience: ceo}\n")
    with pytest.raises(ConfigError, match="audience must be one of"):
        load_suite(bad)


def test_the_promptfoo_style_suite_loads_unchanged():
    suite = load_suite(SUITES / "promptfoo_style.yaml")
    assert suite.providers[0].id == "file://../promptfoo_provider.py"
    assert [p.raw for p in suite.prompts] == ["{{question}}"]
    assert all(len(c.turns) == 1 for c in suite.cases)
    assert {a.type for c in suite.cases for a in c.turns[0].asserts} <= {
        "latency", "icontains", "contains", "regex", "contains-all", "contains-any", "python", "not-contains",
        "starts-with", "icontains-all", "not-regex", "icontains-any"}


def test_shipped_suites_load_and_cover_enough_cases():
    suites = {p.stem: load_suite(p) for p in SUITES.glob("*.yaml")}
    assert len(suites["failure_stats.en"].cases) + len(suites["failure_stats.zh"].cases) >= 60
    # follow-ups are conversations promptfoo can run: tests sharing metadata.conversationId, in order
    conversations = [c.conversation for c in suites["follow_ups"].cases]
    assert all(conversations) and len(set(conversations)) < len(conversations)
    assert all(c.options.get("runSerially") for c in suites["follow_ups"].cases)
    assert len(suites["stats_sheet"].cases) >= 10


# -- running --------------------------------------------------------------------------------------------------

WRONG = """
description: one right case, one deliberately wrong
threshold: 1.0
tests:
  - description: right
    vars: {question: 'What is the AI interview failure rate for Marketing Planner over the last 3 months?'}
    assert:
      - type: candor:tool-called
        value: {name: failure_stats, arguments: {role: marketing_planner, period: last 3 months}}
      - {type: candor:grounded}
  - description: wrong on purpose
    vars: {question: 'What is the AI interview failure rate for Marketing Planner over the last 3 months?'}
    assert:
      - type: candor:tool-called
        value: {name: failure_stats, arguments: {role: sales_manager}}
      - type: contains
        value: '99.9%'
"""


def test_a_deliberately_wrong_expectation_fails_and_reports_why(tmp_path, demo):
    result = run([_suite(tmp_path, WRONG)], RunOptions(), demo=demo)
    [suite] = result["suites"]
    right, wrong = suite["cases"]
    assert right["status"] == "passed", right["reason"]
    assert wrong["status"] == "failed"
    assert "role='marketing_planner' (expected 'sales_manager')" in wrong["reason"]
    assert suite["pass_rate"] == 0.5 and suite["ok"] is False and result["ok"] is False
    assert suite["latency_p50_ms"] > 0 and suite["latency_p95_ms"] >= suite["latency_p50_ms"]

    # JUnit XML that a parser reads: one failure with the reason, the transcript kept.
    root = ET.fromstring(to_junit(result))
    assert root.tag == "testsuites" and root.get("tests") == "2" and root.get("failures") == "1"
    cases = root.findall("./testsuite/testcase")
    assert [c.get("name") for c in cases] == ["right", "wrong on purpose"]
    failure = cases[1].find("failure")
    assert "expected 'sales_manager'" in failure.get("message") and "Marketing Planner" in failure.text
    assert cases[0].find("failure") is None and float(cases[0].get("time")) > 0
    assert "wrong on purpose" in to_html(result)


def test_csv_multi_turn_filter_and_repeat(tmp_path, demo):
    checks = "python:file://" + str(ROOT / "evals" / "promptfoo" / "assertions.py")
    (tmp_path / "sheet.csv").write_text(
        "question,audience,__expected1,__expected2,__metadata:tool_called,__metadata:language\n"
        f"Failure rate for Field Technician since March?,recruiter,{checks}:tool_called,{checks}:language,"
        '"{""name"": ""failure_stats"", ""arguments"": {""role"": ""field_technician""}}",en\n'
        f"一线技术的失败率是多少？,hr_manager,contains:一线技术,{checks}:language,,zh\n", encoding="utf-8")
    csv_suite = _suite(tmp_path, "tests: file://sheet.csv\n", "sheet.yaml")
    chat = _suite(tmp_path, """
tests:
  - description: follow-up keeps the period
    turns:
      - message: Marketing Planner failure rate last 3 months
        assert: [{type: candor:tool-called, value: {name: failure_stats, arguments: {role: marketing_planner}}}]
      - message: And for Sales Manager?
        assert: [{type: candor:tool-called, value: {name: failure_stats,
                  arguments: {role: sales_manager, period: last 3 months}}}]
      - message: 那生产主管呢？
        assert: [{type: candor:language, value: zh}, {type: contains, value: 生产主管}]
  - description: unrelated
    vars: {question: Sales Manager failure rate}
""", "chat.yaml")
    result = run([csv_suite, chat], RunOptions(), demo=demo)
    sheet, conversation = result["suites"]
    assert sheet["passed"] == 2, [c["reason"] for c in sheet["cases"]]
    [multi, _] = conversation["cases"]
    assert multi["status"] == "passed", multi["reason"]
    assert len(multi["turns"]) == 3 and multi["turns"][2]["language"] == "zh"

    filtered = run([chat], RunOptions(filter="FOLLOW-UP", repeat=2), demo=demo)
    cases = filtered["suites"][0]["cases"]
    assert [(c["id"], c["repeat"]) for c in cases] == [("follow-up keeps the period", 1),
                                                      ("follow-up keeps the period", 2)]


def test_the_promptfoo_style_suite_runs_unchanged(demo):
    result = run([SUITES / "promptfoo_style.yaml"], RunOptions(), demo=demo)
    [suite] = result["suites"]
    assert suite["providers"] == ["candor-embedded"]
    assert suite["passed"] == suite["total"] >= 5, [c["reason"] for c in suite["cases"] if c["reason"]]


def test_a_promptfoo_python_provider_is_called_as_promptfoo_would(tmp_path, demo):
    (tmp_path / "echo.py").write_text("def call_api(prompt, options, context):\n"
                                      "    return {'output': options['config']['prefix'] + prompt}\n")
    path = _suite(tmp_path, """
providers: [{id: file://echo.py, label: echo, config: {prefix: 'echo: '}}]
tests:
  - vars: {question: hello}
    assert: [{type: equals, value: 'echo: hello'}]
""")
    result = run([path], RunOptions(), demo=demo)
    assert result["suites"][0]["cases"][0]["status"] == "passed"
    assert result["suites"][0]["providers"] == ["echo"]


def test_warm_up_questions_are_asked_first_and_not_scored(tmp_path, demo):
    (tmp_path / "log.py").write_text("def call_api(prompt, options, context):\n"
                                     "    open(options['config']['log'], 'a').write(prompt + '\\n')\n"
                                     "    return {'output': prompt}\n")
    log = tmp_path / "asked.txt"
    path = _suite(tmp_path, f"""
providers: [{{id: file://log.py, label: log, config: {{log: '{log}'}}}}]
metadata:
  warm: ['warm-up question']
tests:
  - vars: {{question: hello}}
    assert: [{{type: equals, value: hello}}]
""")
    result = run([path], RunOptions(), demo=demo)
    assert log.read_text().splitlines() == ["warm-up question", "hello"]
    assert [c["status"] for c in result["suites"][0]["cases"]] == ["passed"]


def test_llm_rubric_in_a_suite_is_skipped_without_a_grader_and_graded_with_one(tmp_path, demo):
    case = """
  - description: rubric only
    vars: {question: Sales Manager failure rate this year}
    assert: [{type: llm-rubric, value: states the failure rate politely}]
"""
    result = run([_suite(tmp_path, "tests:" + case)], RunOptions(), demo=demo)
    [skipped] = result["suites"][0]["cases"]
    assert skipped["status"] == "skipped" and "no grading provider" in skipped["reason"]
    assert result["suites"][0]["pass_rate"] is None and result["ok"] is True
    assert ET.fromstring(to_junit(result)).find("./testsuite/testcase/skipped") is not None

    def grade(body):
        graded = body["messages"][-1]["content"]
        return {"content": json.dumps({"pass": "**Sales Manager**" in graded, "score": 1, "reason": "rate stated"})}

    with FakeOpenAI(grade) as server:
        graded_suite = _suite(tmp_path, f"""
defaultTest:
  options:
    provider: {{id: 'openai:chat:grader', config: {{apiBaseUrl: '{server.base_url}', apiKey: sk-test}}}}
tests:""" + case, "graded.yaml")
        result = run([graded_suite], RunOptions(), demo=demo)
    [graded] = result["suites"][0]["cases"]
    assert graded["status"] == "passed", graded["reason"]
    assert graded["turns"][0]["assertions"][0]["reason"] == "graded by openai:chat:grader: rate stated"
    assert len(server.requests) == 1 and server.requests[0]["model"] == "grader"


def test_other_providers_run_through_the_same_suites(tmp_path, demo, monkeypatch):
    def script(body):
        last = body["messages"][-1]
        if last["role"] == "user":
            return tool_call("failure_stats", {"role": "Marketing Planner", "period": "last 3 months"})
        return {"content": f"The failure rate is {json.loads(last['content'])['failure_rate']}%."}

    path = _suite(tmp_path, """
tests:
  - vars: {question: 'How is Marketing Planner doing?'}
    assert:
      - {type: candor:tool-called, value: {name: failure_stats, arguments: {role: Marketing Planner}}}
      - {type: candor:grounded}
""")
    with FakeOpenAI(script) as server:
        monkeypatch.setenv("CANDOR_OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
        result = run([path], RunOptions(provider="openai-compatible"), demo=demo)
    [case] = result["suites"][0]["cases"]
    assert case["status"] == "passed", case["reason"]
    assert result["suites"][0]["providers"] == ["openai-compatible"]


# -- reports and compare ----------------------------------------------------------------------------------------

def _run(cases: list[tuple[str, str, float]]) -> dict:
    return {"format": "candor-eval-run/1", "suites": [{
        "name": "s", "pass_rate": None, "latency_p50_ms": None, "latency_p95_ms": None,
        "cases": [{"id": i, "status": st, "reason": "" if st == "passed" else f"{i} broke", "latency_ms": ms,
                   "repeat": 1} for i, st, ms in cases]}]}


def test_compare_names_new_failures_fixed_cases_and_latency_shifts():
    before = _run([("a", "passed", 10), ("b", "failed", 10), ("c", "passed", 40), ("d", "passed", 10)])
    after = _run([("a", "failed", 10), ("b", "passed", 12), ("c", "passed", 120), ("e", "passed", 5)])
    cmp = compare(before, after)
    assert [x["case"] for x in cmp.new_failures] == ["a"] and cmp.new_failures[0]["reason"] == "a broke"
    assert [x["case"] for x in cmp.fixed] == ["b"]
    assert [(x["case"], x["before_ms"], x["after_ms"]) for x in cmp.slower] == [("c", 40, 120)]
    assert [x["case"] for x in cmp.added] == ["e"] and [x["case"] for x in cmp.removed] == ["d"]
    assert cmp.regressed
    assert not compare(before, before).regressed


def test_cli_exit_codes_outputs_and_compare(tmp_path):
    suite = _suite(tmp_path, WRONG)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CANDOR_", "OPENAI_"))}
    first = tmp_path / "a.json"
    out = subprocess.run([sys.executable, "app.py", "eval", str(suite), "--output", str(first),
                          "--output", str(tmp_path / "a.xml")], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=180)
    assert out.returncode == 1, out.stderr  # 50 % is below the suite's threshold of 100 %
    assert "wrong on purpose" in out.stdout and "BELOW" in out.stdout
    assert ET.parse(tmp_path / "a.xml").getroot().get("failures") == "1"

    data = json.loads(first.read_text(encoding="utf-8"))  # promptfoo's results format
    assert data["results"]["version"] == 3 and len(data["results"]["results"]) == 2
    assert [r["success"] for r in data["results"]["results"]] == [True, False]
    broken = data["results"]["results"][0]["metadata"]["candor"]  # pretend a later run broke the right case
    broken.update(status="failed", reason="regex: no match")
    second = tmp_path / "b.json"
    second.write_text(json.dumps(data), encoding="utf-8")
    out = subprocess.run([sys.executable, "app.py", "eval", "compare", str(first), str(second)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 1, out.stderr
    assert "New failures (1)" in out.stdout and "regex: no match" in out.stdout
    out = subprocess.run([sys.executable, "app.py", "eval", "compare", str(first), str(first)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "No changes" in out.stdout
