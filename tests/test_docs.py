"""Docs that run: every shell block of README.md and docs/*.md, in order, as a reader would run it
(tests/docs_harness.py says how). Each doc prints how many blocks and commands ran and what was skipped."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from tests import docs_harness as harness

DOCS = harness.doc_paths()
# Commands in docs owned by someone else that fail today: run, listed as KNOWN FAILURE, and reported to the
# owner. A listed command that starts to work fails the test, so the list only shrinks.
KNOWN: dict[str, str] = {
}


RESULTS: list[harness.Outcome] = []


@pytest.fixture(scope="module", autouse=True)
def totals(request):
    """After the last doc: the totals over every doc, on the terminal (under -q too)."""
    yield
    if RESULTS:
        capture = request.config.pluginmanager.get_plugin("capturemanager")
        with capture.global_and_fixture_disabled():
            print("\n  docs test, all docs: " + harness.summary(RESULTS).splitlines()[0])


@pytest.fixture(scope="module")
def demo_data():
    """One seeded and indexed data folder, copied into each doc that starts from the demo company."""
    folder = harness.prepare_demo()
    yield folder
    shutil.rmtree(folder.parent, ignore_errors=True)


def test_every_block_of_commands_is_tagged_and_every_directive_known():
    problems = [p for path in DOCS for p in harness.parse(path).problems]
    assert not problems, "\n".join(problems)


@pytest.mark.slow
@pytest.mark.timeout(1800)  # README.md alone runs ~45 commands, a `make run` and the eval suites
@pytest.mark.parametrize("path", DOCS, ids=[str(p.relative_to(harness.ROOT)) for p in DOCS])
def test_doc_runs_as_written(path: Path, request, capsys):
    doc = harness.parse(path)
    if not any(b.runnable for b in doc.blocks):
        pytest.skip(f"{doc.path} has no shell blocks")
    demo = request.getfixturevalue("demo_data") if doc.setup == "demo" else None
    with capsys.disabled():
        run = harness.DocRun(doc, demo=demo, log=print, known=KNOWN)
        try:
            outcomes = run.run()
        finally:
            run.cleanup()
        print(f"\n  {doc.path}: " + harness.summary(outcomes).replace("\n", "\n  "))
    RESULTS.extend(outcomes)
    failed = [o for o in outcomes if o.status == "failed"]
    assert not failed, "\n\n".join(f"{o.block.where}: {o.reason}" for o in failed)


# --- the harness catches what it is for -----------------------------------------------------------------
def _doc(tmp_path: Path, text: str) -> harness.Doc:
    (tmp_path / "doc.md").write_text(textwrap.dedent(text), encoding="utf-8")
    return harness.parse(tmp_path / "doc.md", root=tmp_path)


def _run(doc: harness.Doc) -> list[harness.Outcome]:
    run = harness.DocRun(doc)
    try:
        return run.run()
    finally:
        run.cleanup()


def test_the_harness_fails_a_broken_example_and_lists_what_it_skipped(tmp_path):
    doc = _doc(tmp_path, """\
        ```sh
        X=from-the-first-block
        echo ok   # a comment
        ```
        <!-- docs-test: skip: needs Slack tokens -->
        ```sh
        .venv/bin/python app.py slack --socket
        ```
        ```sh
        test "$X" = from-the-first-block && .venv/bin/python app.py no-such-command
        ```
        """)
    outcomes = _run(doc)
    assert [o.status for o in outcomes] == ["ran", "skipped", "failed"]
    assert outcomes[1].reason == "needs Slack tokens"
    assert "no-such-command" in outcomes[2].reason and "exit 2" in outcomes[2].reason
    assert "1 skipped, 1 failed" in harness.summary(outcomes)


def test_the_harness_fails_an_http_error_a_wrong_output_and_a_stray_file(tmp_path):
    doc = _doc(tmp_path, """\
        ```sh
        printf 'Ran 1 job(s)\\n'
        ```
        <!-- docs-test: output -->
        ```text
        Ran … job(s); the queue is empty.
        ```
        """)
    outcomes = _run(doc)
    assert outcomes[1].status == "failed" and "the queue is empty" in outcomes[1].reason
    stray = _run(_doc(tmp_path, "```sh\necho x > report.csv\n```\n"))
    assert stray[-1].status == "failed" and "report.csv" in stray[-1].reason
    assert harness.commands("curl -s a \\\n  -H b   # c\n# only a comment\ncat <<'EOF'\nx\nEOF\n") == [
        (0, "curl -s a \\\n  -H b   # c"), (3, "cat <<'EOF'\nx\nEOF")]
    assert harness.commands("python -c 'import x\nprint(1)' > f   # it's\necho \"a'b\"\n") == [
        (0, "python -c 'import x\nprint(1)' > f   # it's"), (2, "echo \"a'b\"")]
    untagged = _doc(tmp_path, "```\n.venv/bin/python app.py seed\n```\n")
    assert "without a language" in untagged.problems[0]


def test_the_harness_fails_an_api_call_that_gets_an_error(tmp_path):
    doc = _doc(tmp_path, """\
        ```sh
        curl -s http://127.0.0.1:8000/api/chat -H 'Authorization: Bearer wrong-token' -d '{}'
        ```
        """)
    outcomes = _run(doc)
    assert outcomes[0].status == "failed" and "401" in outcomes[0].reason, outcomes[0].reason
