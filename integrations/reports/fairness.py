"""`python app.py audit`: the fairness audit as a filing-ready HTML summary, a CSV of every table, or text.

A surface: it runs the `fairness_audit` tool (audited, as an HR manager) and formats its result.
"""

from __future__ import annotations

import csv
import getpass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from candor.principal import Principal
from tools.base import ToolError
from tools.fairness.models import FairnessAuditResult

TEMPLATES = Path(__file__).parent / "templates"
CSV_COLUMNS = ("role", "role_zh", "period_start", "period_end", "table", "group", "applications", "share_pct",
               "selected", "selection_rate", "impact_ratio", "four_fifths_flag", "p_value", "test", "significant",
               "adverse_impact", "reference", "scoring_rate", "scoring_impact_ratio", "excluded", "hidden")


class AuditCommandError(RuntimeError):
    """The audit could not be run as asked; the message says what to change."""


def run_audit(settings, *, principal: Principal | None = None, **arguments) -> FairnessAuditResult:
    from assistant.actions import call_tool
    from assistant.agent import Assistant

    principal = principal or Principal(id=f"cli:{getpass.getuser()}", audience="hr_manager")
    try:
        return call_tool(Assistant(settings), principal, "fairness_audit", arguments)
    except ToolError as exc:
        raise AuditCommandError(exc.message) from None


def write_csv(result: FairnessAuditResult, path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for audit in result.roles:
            base = {"role": audit.role.name_en, "role_zh": audit.role.name_zh,
                    "period_start": result.period.start, "period_end": result.period.end}
            for table in audit.tables:
                for g in table.groups:
                    writer.writerow({**base, "table": table.attribute, "group": g.group,
                                     "applications": g.applications, "share_pct": g.share_pct, "selected": g.selected,
                                     "selection_rate": g.selection_rate, "impact_ratio": g.impact_ratio,
                                     "four_fifths_flag": g.four_fifths_flag, "p_value": g.p_value, "test": g.test,
                                     "significant": g.significant, "adverse_impact": g.adverse_impact,
                                     "reference": g.reference, "scoring_rate": g.scoring_rate,
                                     "scoring_impact_ratio": g.scoring_impact_ratio, "excluded": g.excluded,
                                     "hidden": g.hidden})
                writer.writerow({**base, "table": table.attribute, "group": "(unknown)",
                                 "applications": table.unknown, "excluded": "value not known: counted, not compared"})


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    return Environment(loader=FileSystemLoader(str(TEMPLATES)), undefined=StrictUndefined,
                       autoescape=select_autoescape(["html", "j2"]), trim_blocks=True, lstrip_blocks=True)


def render_html(result: FairnessAuditResult, generated_at: datetime) -> str:
    return _environment().get_template("fairness.html.j2").render(r=result, generated_at=generated_at)


def render_text(result: FairnessAuditResult) -> str:
    from prompts import render

    return render("answers/fairness_audit.en.j2", result=result.model_dump(mode="json"), show_trend=False)


def audit_command(settings, *, role: str | None, period: str | None, attributes: list[str] | None,
                  intersections: bool, min_share_pct: float, min_group_size: int, output: Path | None) -> str:
    """Run the audit and write `output` (.html or .csv); returns what to print."""
    if output is not None and output.suffix.lower() not in (".html", ".htm", ".csv"):
        raise AuditCommandError(f"--output must end in .html or .csv, not '{output.name}'")
    if min_group_size < 5:
        raise AuditCommandError("--min-group-size must be at least 5, so no individual can be singled out")
    from candor.clock import current_time

    result = run_audit(settings, role=role, period=period, attributes=attributes, intersections=intersections,
                       min_share_pct=min_share_pct, min_group_size=min_group_size)
    if output is None:
        return render_text(result)
    output.parent.mkdir(parents=True, exist_ok=True)
    if output.suffix.lower() == ".csv":
        write_csv(result, output)
    else:
        output.write_text(render_html(result, current_time(settings.now)), encoding="utf-8")
    flagged = ", ".join(f"{f.role.name_en}: {f.attribute_en} {f.group_en}" for f in result.flags) or "none"
    return (f"Wrote {output} — {result.applications} candidates, {result.period.label_en}; "
            f"adverse impact flagged: {flagged}.")
