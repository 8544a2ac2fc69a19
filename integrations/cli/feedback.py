"""`python app.py feedback draft|show|approve|edit|send`: the feedback letters from the terminal."""

from __future__ import annotations

import getpass
import json
from pathlib import Path
from typing import Optional

import typer

app = typer.Typer(help="Candidate feedback letters: draft, show, approve, edit, mark sent.", no_args_is_help=True)
AUDIENCE = typer.Option("recruiter", "--as", help="recruiter or hr_manager (both may draft and approve).")
JSON = typer.Option(False, "--json", help="Print the structured result.")


def _run(tool: str, args: dict, audience: str, as_json: bool, language: str, body_only: bool = False) -> None:
    from assistant.actions import call_tool
    from assistant.agent import Assistant
    from candor.principal import Principal
    from candor.settings import SettingsError, get_settings
    from prompts import render
    from tools.base import ToolError
    from tools.feedback.draft import SPEC, SPEC_REVIEW

    try:
        settings = get_settings()
    except SettingsError as exc:
        typer.secho(str(exc), fg="red", err=True)
        raise typer.Exit(2)
    principal = Principal(id=f"cli:{getpass.getuser()}", audience=audience)
    try:
        result = call_tool(Assistant(settings), principal, (SPEC if tool == "draft_feedback" else SPEC_REVIEW).name, args)
    except ToolError as exc:
        message = exc.data.get("message_zh") if language == "zh" else None
        typer.secho(message or exc.message, fg="red", err=True)
        raise typer.Exit(1)
    payload = result.model_dump(mode="json")
    if body_only:
        typer.echo(payload["draft"]["body"])
    elif as_json:
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        typer.echo(render(f"answers/{tool}.{language}.j2", result=payload))


@app.command()
def draft(interview: Optional[str] = typer.Option(None, "--interview", "-i", help="Interview id, e.g. I0000812."),
          candidate: Optional[str] = typer.Option(None, "--candidate", "-c", help="Candidate id, e.g. C000123."),
          role: Optional[str] = typer.Option(None, "--role", help="Batch: everyone who failed this role…"),
          period: Optional[str] = typer.Option(None, "--period", help="…in this period, e.g. 'October', '10月份'."),
          language: Optional[str] = typer.Option(None, "--lang", help="en or zh; default: the candidate's."),
          replace_approved: bool = typer.Option(False, "--replace-approved", help="Re-draft an approved letter."),
          polish: bool = typer.Option(True, "--polish/--no-polish", help="Let a configured LLM polish it."),
          audience: str = AUDIENCE, as_json: bool = JSON) -> None:
    """Draft a letter for an interview or a candidate, or for everyone who failed a role in a period."""
    args = {"interview": interview, "candidate": candidate, "role": role, "period": period, "language": language,
            "replace_approved": replace_approved, "polish": polish}
    _run("draft_feedback", {k: v for k, v in args.items() if v is not None}, audience, as_json, "en")


@app.command()
def show(draft_id: int = typer.Argument(..., help="The draft's number."), audience: str = AUDIENCE,
         as_json: bool = JSON,
         body: bool = typer.Option(False, "--body", help="Print only the letter, e.g. into a file to edit and "
                                   "give back with `feedback edit N --body-file FILE`.")) -> None:
    """Show a draft with its full letter."""
    _run("review_feedback", {"draft_id": draft_id, "action": "show"}, audience, as_json, "en", body_only=body)


@app.command()
def approve(draft_id: int = typer.Argument(..., help="The draft's number."), audience: str = AUDIENCE,
            as_json: bool = JSON) -> None:
    """Approve a draft (draft → approved)."""
    _run("review_feedback", {"draft_id": draft_id, "action": "approve"}, audience, as_json, "en")


@app.command()
def edit(draft_id: int = typer.Argument(..., help="The draft's number."),
         body_file: Path = typer.Option(..., "--body-file", exists=True, dir_okay=False,
                                        help="A UTF-8 text file with the full new letter."),
         audience: str = AUDIENCE, as_json: bool = JSON) -> None:
    """Replace a draft's letter; it is checked against the stored scores, and an approved draft goes back to draft."""
    _run("review_feedback", {"draft_id": draft_id, "action": "edit",
                             "body": body_file.read_text(encoding="utf-8")}, audience, as_json, "en")


@app.command()
def send(draft_id: int = typer.Argument(..., help="The draft's number."), audience: str = AUDIENCE,
         as_json: bool = JSON) -> None:
    """Mark an approved letter sent (approved → sent)."""
    _run("review_feedback", {"draft_id": draft_id, "action": "send"}, audience, as_json, "en")
