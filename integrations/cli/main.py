"""The `python app.py …` commands: each builds settings, calls the assistant or a tool through one entry, prints."""

from __future__ import annotations

import getpass
import json
import os
import re
import sys
import time
from pathlib import Path
from typing import List, Optional

import typer

from candor.principal import STAFF_AUDIENCES
from evals.cli import (
    app as eval_cli,  # typer only; the runner is imported when `eval` runs
)
from integrations.cli.feedback import app as feedback_cli  # typer only, like eval

cli = typer.Typer(help="Candor: the HR assistant for AI-interview programs.", no_args_is_help=True,
                  pretty_exceptions_enable=False, add_completion=False)
db_cli = typer.Typer(help="Database schema commands.", no_args_is_help=True)
cli.add_typer(db_cli, name="db")
cli.add_typer(eval_cli, name="eval")
cli.add_typer(feedback_cli, name="feedback")
nlu_cli = typer.Typer(help="The planner's intent model.", no_args_is_help=True)
cli.add_typer(nlu_cli, name="nlu")


@nlu_cli.command("train")
def nlu_train(output: Path = typer.Option(None, "--output", "-o", help="Write the model here instead of the shipped "
                                          "file (use it with CANDOR_INTENT_MODEL=<file>).")) -> None:
    """Retrain the intent model from assistant/planner/intents/*.yaml and the tuning splits (run after editing either)."""
    from assistant.planner.classifier import MODEL_FILE, load_model
    from assistant.planner.nlu_eval import CALIBRATION, build, evaluate
    from candor.settings import get_settings

    path = output or MODEL_FILE
    build(progress=typer.echo, path=path)
    if output is not None:  # the calibration splits are read with the model just written
        os.environ["CANDOR_INTENT_MODEL"] = str(path)
        get_settings.cache_clear()
    for split in CALIBRATION:  # never trained on
        report = evaluate(split=split)
        typer.echo(f"{split}: en {report['accuracy']['en']:.3f}, zh {report['accuracy']['zh']:.3f}, "
                   f"{report['asked_back']} of {report['n_test']} asked back")
    load_model.cache_clear()
    typer.echo(f"Wrote {path}; `python app.py eval nlu` reports the test split"
               + ("." if output is None else f" (with CANDOR_INTENT_MODEL={path})."))


@nlu_cli.command("company")
def nlu_company(
        folder: Path = typer.Argument(..., help="A company's folder: its roles and metrics as `import` reads them "
                                                "(roles.yaml, metrics.csv) and messages.yaml, messages in the format "
                                                "of evals/nlu/*.yaml naming that company's roles."),
        min_accuracy: float = typer.Option(0.0, "--min-accuracy", help="Exit 1 when either language is below this."),
) -> None:
    """How the planner understands another company: its roles and metrics are imported into a scratch database (as
    `import --no-catalogue` would) and its messages routed with that vocabulary, without retraining."""
    import tempfile

    from sqlmodel import Session

    from assistant.planner.nlu_eval import evaluate, table
    from candor.db import get_engine
    from candor.migrate import upgrade
    from integrations.hris.importer import ImportFailed, import_paths
    from tools.shared.lookup import load_vocabulary

    messages = folder / "messages.yaml"
    if not messages.is_file():
        _fail(f"{folder} has no messages.yaml: the messages to route, in the format of evals/nlu/*.yaml.", 2)
    files = [p for p in sorted(folder.iterdir()) if p.is_file() and p.name != "messages.yaml"]
    with tempfile.TemporaryDirectory() as scratch:
        url = f"sqlite:///{Path(scratch) / 'company.db'}"
        upgrade(url)
        try:
            import_paths(url, files, catalogue=False)
        except ImportFailed as exc:
            _fail(f"Importing {folder}'s roles and metrics failed: {exc}", 2)
        engine = get_engine(url)
        with Session(engine) as session:
            vocab = load_vocabulary(session)
        engine.dispose()
    typer.echo(f"{len(vocab.roles)} roles of {folder.name}: {', '.join(r.name_en for r in vocab.roles)}")
    report = evaluate(split=messages, vocab=vocab)
    typer.echo(table(report))
    low = {lang: acc for lang, acc in report["accuracy"].items() if acc < min_accuracy}
    if low:
        _fail(f"Routing accuracy below {min_accuracy:.2f}: " + ", ".join(f"{k} {v:.3f}" for k, v in low.items()))  # draft|show|approve|edit|send (tools/feedback/cli.py)



def _settings():
    from candor.settings import SettingsError, get_settings

    try:
        return get_settings()
    except SettingsError as exc:
        typer.secho(str(exc), fg="red", err=True)
        raise typer.Exit(2)


def _fail(message: str, code: int = 1):
    typer.secho(message, fg="red", err=True)
    raise typer.Exit(code)


def _principal(audience: str):
    from candor.principal import Principal

    if audience not in STAFF_AUDIENCES:
        _fail(f"--as must be one of {', '.join(STAFF_AUDIENCES)}", 2)
    return Principal(id=f"cli:{getpass.getuser()}", audience=audience)


def _assistant():
    from assistant.agent import Assistant
    from assistant.providers import ProviderError

    settings = _settings()
    assistant = Assistant(settings)
    try:
        assistant.model  # fail fast on a provider without its key
    except ProviderError as exc:
        _fail(str(exc), 2)
    return assistant


def _print_turn(turn, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(turn.model_dump(mode="json"), ensure_ascii=False, indent=2))
    else:
        typer.echo(turn.answer)


@db_cli.command("upgrade")
def db_upgrade(revision: str = typer.Argument("head", help="Target revision.")) -> None:
    """Apply the schema migrations to DATABASE_URL (SQLite under data/ by default)."""
    from candor.migrate import current, upgrade

    settings = _settings()
    upgrade(settings.database_url, revision)
    typer.echo(f"Database at revision {current(settings.database_url)}: {_redact(settings.database_url)}")


@db_cli.command("current")
def db_current() -> None:
    """Show the schema revision of DATABASE_URL."""
    from candor.migrate import current

    typer.echo(current(_settings().database_url) or "empty (run: python app.py db upgrade)")


def _redact(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


@cli.command()
def ask(question: str = typer.Argument(..., help="The question, in English or Chinese."),
        as_json: bool = typer.Option(False, "--json", help="Print the tool calls, arguments and results too."),
        audience: str = typer.Option("hr_manager", "--as", help="Ask as hr_manager, recruiter or evaluator."),
        conversation: Optional[str] = typer.Option(None, "--conversation", "-c", help="Continue a conversation.")) -> None:
    """Ask one question and print the answer."""
    from assistant.agent import MessageError
    from assistant.memory import ConversationError

    assistant = _assistant()
    try:
        with _working():
            turn = assistant.ask(_principal(audience), question, conversation)
    except (MessageError, ConversationError) as exc:
        _fail(str(exc), 2)
    _print_turn(turn, as_json)


def _working():
    """A spinner on stderr while a turn runs (a first role question loads the index; a rescore takes seconds);
    nothing when stderr is not a terminal."""
    from contextlib import nullcontext

    if not sys.stderr.isatty():
        return nullcontext()
    from rich.console import Console

    return Console(stderr=True).status("Working on it… / 正在处理…", spinner="dots")


@cli.command()
def chat(audience: str = typer.Option("hr_manager", "--as", help="Chat as hr_manager, recruiter or evaluator."),
         conversation: Optional[str] = typer.Option(None, "--conversation", "-c", help="Resume a conversation.")) -> None:
    """A terminal conversation; follow-up questions keep the context. Ctrl-D or 'exit' to leave."""
    from assistant.agent import MessageError

    assistant, principal = _assistant(), _principal(audience)
    typer.echo("Candor — ask about AI-interview failures in English or Chinese. 'exit' to leave.")
    while True:
        try:
            text = input("you> ").strip()
        except (EOFError, KeyboardInterrupt):
            typer.echo("")
            break
        if text.lower() in {"exit", "quit", "退出"}:
            break
        if not text:
            continue
        try:
            with _working():
                turn = assistant.ask(principal, text, conversation)
        except MessageError as exc:
            typer.secho(str(exc), fg="yellow")
            continue
        conversation = turn.conversation_id
        typer.echo(f"candor> {turn.answer}\n")
    if conversation:
        typer.echo(f"(conversation {conversation}; resume with: python app.py chat -c {conversation})")


@cli.command()
def seed(seed_value: int = typer.Option(7, "--seed", help="Random seed; the same seed gives the same company."),
         candidates: int = typer.Option(3000, "--candidates", min=10, help="How many candidates to generate."),
         if_empty: bool = typer.Option(False, "--if-empty", help="Do nothing when the database already has data.")) -> None:
    """Build the demo company (all seven planted cases) in an empty database."""
    from candor.clock import current_time
    from candor.migrate import upgrade
    from demo.seed import SeedError, holds_interviews, seed_demo

    settings = _settings()
    upgrade(settings.database_url)
    if if_empty and holds_interviews(settings.database_url):
        typer.echo("Database already holds interviews; not seeding.")
        return
    from integrations.cli.progress import stages

    with stages() as report:
        try:
            summary = seed_demo(settings.database_url, now=current_time(settings.now), seed=seed_value,
                                candidates=candidates, progress=report)
        except SeedError as exc:
            _fail(str(exc), 2)
    typer.echo("Seeded the demo company: " + json.dumps(summary.model_dump(mode="json"), ensure_ascii=False))


@cli.command("import")
def import_files(paths: List[Path] = typer.Argument(..., exists=True, help="CSV, JSON, YAML or .xlsx files or folders "
                                                                          "(see docs/data-format.md)."),
                 no_catalogue: bool = typer.Option(False, "--no-catalogue", help="Into an empty database, load only "
                                                   "the company's own roles, not the shipped role catalogue."),
                 check: bool = typer.Option(False, "--check", help="Read and check everything, keep nothing, and list "
                                            "every problem (file, row, column, how to fix it)."),
                 errors: Optional[Path] = typer.Option(None, "--errors", help="With --check: also write the problems "
                                                       "to this CSV file."),
                 mapping: Optional[Path] = typer.Option(None, "--map", exists=True, dir_okay=False,
                                                        help="A column mapping (YAML) for a vendor's export: which "
                                                        "file or sheet is which kind, its column names and value "
                                                        "labels, rows to keep, date and number formats "
                                                        "(docs/data-format.md).")) -> None:
    """Import roles, candidates, interviews, scores, failure reasons, employees and performance (one transaction)."""
    from candor.migrate import upgrade
    from integrations.hris.importer import ImportFailed, import_paths

    settings = _settings()
    upgrade(settings.database_url)
    if check:
        from integrations.hris.check import check_paths, write_problems

        problems, rows = check_paths(settings.database_url, paths, catalogue=not no_catalogue, mapping=mapping)
        for problem in problems:
            typer.echo(str(problem))
        if errors is not None and problems:
            typer.echo(f"Wrote the {len(problems)} problem(s) to {write_problems(problems, errors)}", err=True)
        if problems:
            _fail(f"{len(problems)} problem(s) in {rows} rows; nothing was imported. Fix them and import again.", 1)
        typer.echo(f"No problems in {rows} rows; nothing was imported (run without --check to import).")
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description:<18}"), BarColumn(), TextColumn("{task.completed:,}/{task.total:,} rows"),
               TextColumn("{task.fields[rate]}"), TimeElapsedColumn())
    with Progress(*columns, transient=True, disable=not sys.stderr.isatty(),
                  console=Console(stderr=True)) as bar:
        task, started = bar.add_task("reading files", total=None, rate=""), time.monotonic()

        def report(stage: str, done: int, total: int) -> None:
            rate = f"{done / max(time.monotonic() - started, 1e-6):,.0f} rows/s" if done else ""
            bar.update(task, description=stage.replace("_", " "), completed=done, total=total, rate=rate)

        try:
            summary = import_paths(settings.database_url, paths, catalogue=not no_catalogue, mapping=mapping,
                                   progress=report)
        except ImportFailed as exc:
            bar.stop()
            _fail(f"Import failed, nothing was imported: {exc}", 2)
    seconds = time.monotonic() - started
    rows = sum(f.rows for f in summary.files)
    typer.echo(f"Imported {rows:,} rows in {seconds:.1f} s ({rows / max(seconds, 1e-6):,.0f} rows/s).", err=True)
    typer.echo(json.dumps(summary.model_dump(mode="json"), ensure_ascii=False, indent=2))


@cli.command()
def serve(host: Optional[str] = typer.Option(None, help="Bind address (CANDOR_HOST)."),
          port: Optional[int] = typer.Option(None, help="Port (CANDOR_PORT)."),
          workers: int = typer.Option(1, help="uvicorn worker processes.")) -> None:
    """Serve the web app and API (uvicorn)."""
    import uvicorn

    settings = _settings()
    host, port = host or settings.host, port or settings.port
    from candor.settings import dev_tokens
    from integrations.web.home import QUESTION_EN, QUESTION_ZH

    dev = dev_tokens(settings)
    token = dev[0] if dev else "<a token from CANDOR_STAFF_TOKENS>"
    typer.echo(f"Candor on http://{host}:{port}  (home page: /, API docs: /docs)\n"
               "Ask from another terminal:\n"
               f"  .venv/bin/python app.py ask \"{QUESTION_EN}\"\n"
               f"  curl -s http://{host}:{port}/api/chat -H 'Authorization: Bearer {token}' "
               f"-H 'Content-Type: application/json' -d '{{\"message\": \"{QUESTION_ZH}\"}}'")
    if dev:
        typer.echo(f"  (development tokens: {', '.join(dev)} — set CANDOR_STAFF_TOKENS for anything real)")
    # The app's own settings (candidate links' address…) see the host and port it really serves on.
    os.environ["CANDOR_HOST"], os.environ["CANDOR_PORT"] = host, str(port)
    from candor.settings import get_settings

    get_settings.cache_clear()  # read again by the app factory, with them
    from integrations.cli.serving import serving_at

    with serving_at(settings, host, port):  # `candidate-link` in another terminal then links to this address
        uvicorn.run("integrations.web.app:create_app", factory=True, host=host, port=port, workers=workers,
                    log_level=settings.log_level, log_config=log_config(settings.log_level),
                    timeout_graceful_shutdown=settings.shutdown_grace_s or None)


LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_config(level: str) -> dict:
    """uvicorn's and Candor's loggers, every line with its time (UTC), level and logger."""
    line = {"format": LOG_FORMAT, "datefmt": "%Y-%m-%dT%H:%M:%S%z"}
    handler = {"class": "logging.StreamHandler", "formatter": "line", "stream": "ext://sys.stderr"}
    # Everything else (the libraries: jieba, the ONNX export, chromadb…) only from warnings up, or all at debug.
    root = {"handlers": ["default"], "level": "DEBUG" if level.lower() == "debug" else "WARNING"}
    return {"version": 1, "disable_existing_loggers": False, "formatters": {"line": line},
            "handlers": {"default": handler}, "root": root,
            "loggers": {name: {"handlers": ["default"], "level": level.upper(), "propagate": False}
                        for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "candor")}}


@cli.callback()
def _logging() -> None:
    """CANDOR_LOG_LEVEL=debug (environment or .env): every command also logs what it and its libraries do
    (jieba's dictionary, the ONNX export's notes…) on stderr; otherwise only warnings reach it."""
    from candor.settings import SettingsError, get_settings

    try:
        level = get_settings().log_level
    except SettingsError:
        return  # the command that needs the settings says what is wrong with them
    if level == "debug":
        import logging

        logging.basicConfig(level=logging.DEBUG, stream=sys.stderr, format=LOG_FORMAT)


# --- Slack (integrations/slack) ---------------------------------------------------------------------
@cli.command()
def slack(socket: bool = typer.Option(False, "--socket", help="Connect over Socket Mode (needs SLACK_APP_TOKEN).")) -> None:
    """Run the Slack app over Socket Mode; HTTP events are served by `serve` at POST /slack/events."""
    from integrations.slack.app import SlackNotConfigured

    settings = _settings()
    if not socket:
        _fail("HTTP events need no separate process: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET and run "
              "`python app.py serve`; Slack posts to https://<your host>/slack/events. For a workspace without a "
              "public URL run `python app.py slack --socket` with SLACK_APP_TOKEN set.", 2)
    from integrations.slack.socket_mode import run_socket_mode

    if not (settings.slack_bot_token and settings.slack_app_token):
        _fail("Socket Mode needs SLACK_BOT_TOKEN (xoxb-…, OAuth & Permissions) and SLACK_APP_TOKEN (xapp-… with "
              "connections:write, Basic Information → App-Level Tokens); see README, section Slack.", 2)
    if not settings.slack_users:
        typer.secho("CANDOR_SLACK_USERS is empty: every Slack user will get the polite refusal.", fg="yellow", err=True)
    typer.echo(f"Candor on Slack over Socket Mode ({len(settings.slack_users)} mapped users). Ctrl-C to stop.")
    try:
        run_socket_mode(settings, _assistant())
    except SlackNotConfigured as exc:
        _fail(str(exc), 2)
# --- end Slack ---------------------------------------------------------------------------------------


# --- Fairness audit (integrations/reports/fairness.py) ----------------------------------------------
@cli.command()
def audit(role: Optional[str] = typer.Option(None, "--role", help="Role name in English or Chinese; omit for every role."),
          period: Optional[str] = typer.Option(None, "--period", help="e.g. 'this year', 'last 12 months' (default)."),
          attributes: Optional[str] = typer.Option(None, "--attributes", help="Comma-separated, e.g. gender,age_band; "
                                                                                  "default: all in the data."),
          output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write audit.html or audit.csv."),
          intersections: bool = typer.Option(True, "--intersections/--no-intersections",
                                             help="Also audit every intersection of two attributes."),
          min_share: float = typer.Option(2.0, "--min-share", help="Percent under which a group is left out of ratios."),
          min_group_size: int = typer.Option(5, "--min-group-size", help="Groups smaller than this are never shown "
                                                                           "by rate (at least 5).")) -> None:
    """Fairness audit (as an HR manager): selection rates and impact ratios by group, as text, HTML or CSV."""
    from integrations.reports.fairness import AuditCommandError, audit_command

    try:
        typer.echo(audit_command(_settings(), role=role, period=period, output=output, intersections=intersections,
                                 attributes=[a.strip() for a in attributes.split(",") if a.strip()] if attributes
                                 else None, min_share_pct=min_share, min_group_size=min_group_size))
    except AuditCommandError as exc:
        _fail(str(exc), 2)
# --- end fairness audit ------------------------------------------------------------------------------

# --- Recruiter reports (tools/build_report.py, integrations/reports/recruiter.py) --------------------
@cli.command()
def report(role: Optional[str] = typer.Option(None, "--role", help="Role in English or Chinese; omit for all roles."),
           period: str = typer.Option("last month", "--period", help="e.g. 'last month' (default), '2026-Q3', '上个月'."),
           chart: bool = typer.Option(True, "--chart/--no-chart", help="Draw the monthly failure-rate chart (PNG)."),
           output: Optional[Path] = typer.Option(None, "--output", "-o", help="Folder for the CSV and PNG "
                                                                              "(default CANDOR_REPORTS_DIR)."),
           lang: str = typer.Option("en", "--lang", help="en or zh: the language of the report, chart and CSV."),
           audience: str = typer.Option("recruiter", "--as", help="Run as recruiter or hr_manager."),
           as_json: bool = typer.Option(False, "--json", help="Print the structured result.")) -> None:
    """A recruiter report: volume, pass/fail, failure reasons and their trend, competency gaps, open feedback
    drafts and time to decision, with a CSV export and a chart."""
    from integrations.reports.recruiter import ReportError, render_report, run_report

    if lang not in ("en", "zh"):
        _fail("--lang must be en or zh", 2)
    try:
        result = run_report(_assistant(), _principal(audience), reports_dir=output, role=role, period=period,
                            chart=chart, language=lang)
    except ReportError as exc:
        _fail(str(exc), 2)
    if as_json:
        typer.echo(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return
    typer.echo(render_report(result))
    typer.echo(f"\nCSV:   {result.csv_path}" + (f"\nChart: {result.chart_path}" if result.chart_path else ""))
# --- end recruiter reports -------------------------------------------------------------------------


@cli.command()
def monitor(as_json: bool = typer.Option(False, "--json", help="Print the structured result.")) -> None:
    """Run the competency monitoring rules (knowledge/monitoring.yaml); they only ever propose."""
    from assistant.schedule import run_monitoring_rules
    from candor.clock import current_time
    from candor.db import get_engine
    from prompts import render

    settings = _settings()  # notices are for the scheduler: this command prints the result itself
    result = run_monitoring_rules(get_engine(settings.database_url), now=current_time(settings.now), notifier=None)
    payload = result.model_dump(mode="json")
    typer.echo(json.dumps(payload, ensure_ascii=False, indent=2) if as_json
               else render("answers/monitor_competencies.en.j2", result=payload))


# --- role knowledge --------------------------------------------------------------------------------
@cli.command()
def index(rebuild: bool = typer.Option(False, "--rebuild", help="Re-embed every passage, changed or not.")) -> None:
    """Load roles, competencies, models and questions (knowledge/roles) into the DB and build the Chroma index."""
    from assistant.actions import sync_role_profiles
    from candor.migrate import upgrade
    from knowledge.catalogue import CatalogueError

    settings = _settings()
    upgrade(settings.database_url)
    try:
        versions = sync_role_profiles(settings.database_url)
    except CatalogueError as exc:
        _fail(str(exc), 2)
    typer.echo("Synced role profiles (active model versions): " + json.dumps(versions, ensure_ascii=False))
    from integrations.cli.progress import stages

    try:
        from knowledge.index import open_retriever  # chromadb and torch load here only

        with stages() as progress:
            _, report = open_retriever(settings, rebuild=rebuild, progress=progress)
    except ImportError as exc:
        _fail(f"The role-knowledge libraries are missing ({exc.name}): run `pip install torch==2.13.0` and then "
              "`pip install -e '.[knowledge]'` (or `make install`).", 2)
    where = f"{settings.chroma_host}:{settings.chroma_port}" if settings.chroma_host else str(settings.chroma_path)
    typer.echo(f"Indexed {report.total} passages in {where} ({report.collection}): {report.embedded} embedded, "
               f"{report.unchanged} unchanged, {report.deleted} removed, {report.seconds:.1f} s.")
# --- end role knowledge ----------------------------------------------------------------------------


# --- interview scoring (tools/scoring/, candor/jobs.py, integrations/cli/scoring.py) ---------------
@cli.command()
def score(path: Path = typer.Argument(..., help="A folder with interview.json and its media files, or a JSON "
                                               "manifest (see docs/scoring-input.md)."),
          queue: bool = typer.Option(False, "--queue", help="Hand it to the worker (`python app.py worker`) and exit."),
          as_json: bool = typer.Option(False, "--json", help="Print the structured result.")) -> None:
    """Score an interview: transcripts, or audio/video through speech (and, with consent, face) signals."""
    from integrations.cli.progress import stages
    from integrations.cli.scoring import ScoreCommandError, score_path
    from prompts import render

    try:
        with stages() as bar:  # a bar on a terminal; in a pipe, progress lines on stderr
            out = score_path(_settings(), path, queue=queue, echo=lambda line: typer.echo(line, err=True),
                             progress=bar if sys.stderr.isatty() else None)
    except ScoreCommandError as exc:
        _fail(str(exc), 2)
    if as_json:
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
    elif out.get("result"):
        typer.echo(render("answers/score_interview.en.j2", result=out["result"]))
    if out.get("job"):
        job = out["job"]
        typer.echo(f"Job {job['id']}: {job['status']}" + (f" — {job['error']}" if job.get("error") else "")
                   + (" (run `python app.py worker` to process it)" if job["status"] == "queued" else ""),
                   err=as_json)
    if out.get("status") == "failed":
        raise typer.Exit(1)


@cli.command()
def worker(once: bool = typer.Option(False, "--once", help="Run every queued job, then exit.")) -> None:
    """Run queued background jobs (media scoring) until Ctrl-C; several workers may share one database."""
    from integrations.cli.scoring import run_worker

    run_worker(_settings(), once=once, echo=typer.echo)
# --- end interview scoring ------------------------------------------------------------------------------


# --- Candidate links (assistant/candidate_links.py) ------------------------------------------------------
@cli.command("candidate-link")
def candidate_link(candidate: str = typer.Argument(..., help="The candidate's external id, e.g. C000123."),
                   days: Optional[int] = typer.Option(None, "--days", help="Days the link works (CANDOR_LINK_TTL_DAYS)."),
                   base_url: Optional[str] = typer.Option(None, "--base-url", help="Public address of the web app "
                                                          "(CANDOR_PUBLIC_BASE_URL).")) -> None:
    """Issue a signed, expiring link to a candidate's feedback chat page and print it."""
    from assistant import actions
    from candor import candidate_links as links
    from candor.principal import Principal
    from integrations.cli.serving import running_server_url

    issuer = Principal(id=f"cli:{getpass.getuser()}", audience="recruiter")
    settings = _settings()
    if base_url is None and not settings.public_base_url:
        base_url = running_server_url(settings)  # the address a running `serve` was started on, if any
    try:
        issued = actions.issue_candidate_link(_assistant(), issuer, candidate, days=days, public_base_url=base_url)
    except (actions.UnknownCandidate, links.LinkConfigError, ValueError) as exc:
        _fail(str(exc), 2)
    typer.echo(issued.url)
    typer.echo(f"Expires {issued.expires_at:%Y-%m-%d %H:%M} UTC; revoke with POST /api/candidate-links/"
               f"{issued.token_id}/revoke", err=True)
# --- end candidate links ----------------------------------------------------------------------------------


def main() -> int:
    """Run a command; an unreachable database is one line that says what to fix, not a traceback."""
    from sqlalchemy.exc import OperationalError

    try:
        return cli() or 0
    except OperationalError as exc:
        import os

        url = os.environ.get("DATABASE_URL", "")
        reason = str(exc.orig or exc).strip().splitlines()[0]
        where = f" at {_redact(url)}" if url else ""
        if re.search(r"no such (column|table)|(column|relation) .* does not exist", reason):
            fix = "The database is older than this version of Candor: run `python app.py db upgrade`."
        else:
            fix = ("Check DATABASE_URL and that the server is running (or leave DATABASE_URL unset for the "
                   "SQLite file under CANDOR_DATA_DIR).")
        typer.echo(f"Error: cannot use the database{where}: {reason}. {fix}", err=True)
        return 2
