"""`python app.py eval …`: run suites (the default) or compare two runs. Imports stay lazy (app.py start-up)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer
from typer.core import TyperGroup


class _RunByDefault(TyperGroup):
    """`eval PATHS… [options]` means `eval run PATHS… [options]`; `eval compare A B` stays a subcommand."""

    def parse_args(self, ctx, args):
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h")):
            args = ["run", *args]
        return super().parse_args(ctx, args)


app = typer.Typer(cls=_RunByDefault, add_completion=False, pretty_exceptions_enable=False,
                  help="Prompt test suites: run them against a provider (default) or compare two runs.")


@app.command("run")
def run_command(
        paths: Optional[List[Path]] = typer.Argument(None, help="Suite files or folders (default: evals/suites/)."),
        provider: Optional[str] = typer.Option(None, "--provider", "-p",
                                               help="embedded, openai or openai-compatible; overrides the suites' "
                                                    "providers (default: the suite's, else embedded)."),
        filter_text: Optional[str] = typer.Option(None, "--filter", "-f", help="Only cases whose suite, description, "
                                                                                 "message or vars contain this text."),
        repeat: Optional[int] = typer.Option(None, "--repeat", "-n", min=1, help="Run every case N times."),
        output: Optional[List[Path]] = typer.Option(None, "--output", "-o",
                                                    help="Write the run to run.json (promptfoo's results format), "
                                                         "run.html or run.xml (JUnit); repeatable."),
        grader: Optional[str] = typer.Option(None, "--grader", help="Grading provider for llm-rubric, e.g. "
                                                                    "openai:gpt-4o-mini."),
) -> None:
    """Run suites against a fresh copy of the demo company; exit 1 when a suite is below its threshold."""
    from rich.console import Console

    from evals.config import ConfigError
    from evals.report import FORMATS, write
    from evals.runner import RunOptions, TargetError, run

    for path in output or []:
        if path.suffix not in FORMATS:
            _fail(f"--output must end in {', '.join(FORMATS)}: {path}", 2)
    console = Console(width=None if sys.stdout.isatty() else 160)  # CI logs get the whole table
    try:
        result = run(paths or [Path(__file__).with_name("suites")], RunOptions(provider=provider, filter=filter_text,
                                                                 repeat=repeat, grader=grader), console=console)
    except (ConfigError, TargetError) as exc:
        _fail(str(exc), 2)
    for path in output or []:
        console.print(f"wrote {write(result, path)}")
    if not result["suites"]:
        _fail("No case matched" + (f" --filter {filter_text!r}" if filter_text else "") + ".", 2)
    if not result["ok"]:
        raise typer.Exit(1)


@app.command("compare")
def compare_command(
        before: Path = typer.Argument(..., exists=True, dir_okay=False, help="The earlier run (JSON)."),
        after: Path = typer.Argument(..., exists=True, dir_okay=False, help="The later run (JSON)."),
        ratio: float = typer.Option(1.5, help="A latency shift is at least this factor…"),
        min_ms: float = typer.Option(20.0, "--min-ms", help="…and at least this many milliseconds."),
) -> None:
    """What changed between two runs: new failures, fixed cases, latency shifts. Exit 1 on new failures."""
    from rich.console import Console

    from evals.compare import RunFileError, compare, load_run, print_comparison

    try:
        a, b = load_run(before), load_run(after)
    except RunFileError as exc:
        _fail(str(exc), 2)
    result = compare(a, b, ratio=ratio, min_ms=min_ms)
    print_comparison(result, Console(width=None if sys.stdout.isatty() else 160), before.name, after.name)
    if result.regressed:
        raise typer.Exit(1)


def _fail(message: str, code: int) -> None:
    typer.secho(message, fg="red", err=True)
    raise typer.Exit(code)


@app.command("nlu")
def nlu_command(
        split: str = typer.Option("test", "--split", help="test (held out, the reported figure), a calibration split "
                                                            "(dev16 … dev18, never trained on) or a tuning split (learnt "
                                                            "from): any evals/nlu/*.yaml."),
        min_accuracy: float = typer.Option(0.0, "--min-accuracy", help="Exit 1 when either language is below this."),
        as_json: bool = typer.Option(False, "--json", help="Print the structured report."),
) -> None:
    """The planner's understanding on the NLU splits (evals/nlu/): accuracy per intent and language, confusions."""
    import json

    from assistant.planner.nlu_eval import evaluate, split_names, table

    if split not in split_names():
        _fail(f"--split is one of {', '.join(split_names())} (the files in evals/nlu/).", 2)
    report = evaluate(split=split)
    typer.echo(json.dumps(report, ensure_ascii=False, indent=2) if as_json else table(report))
    low = {lang: acc for lang, acc in report["accuracy"].items() if acc < min_accuracy}
    if low:
        _fail(f"Routing accuracy below {min_accuracy:.2f}: " + ", ".join(f"{k} {v:.3f}" for k, v in low.items()), 1)
