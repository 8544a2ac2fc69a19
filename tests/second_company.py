"""Northwind Logistics: a second company written for the tests, not by the demo generator.

Two roles of its own beside the catalogue's Sales Manager: Warehouse Picker, scored on 1–5 BARS levels,
and Dispatcher on 0–100; its own metrics (picking accuracy, and mispicks per 1,000 lines where lower is
better); withdrawals and no-shows; failure reasons of every category; hires with monthly performance
driven by one competency. The interviews come as the ATS exports them: an .xlsx with its own column
names, labels and day-first dates, and phone-screen rows to leave out, read through a column mapping. `build(folder)` writes the export files and returns the same data as pandas
frames, from which the tests compute what the answers must say, independently of Candor's code.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

PICKER = {"key": "warehouse_picker", "name": {"en": "Warehouse Picker", "zh": "仓库拣货员"},
          "aliases": {"en": ["picker", "warehouse pickers"], "zh": ["拣货员"]}, "score_scale": "1-5", "pass_mark": 3,
          "metrics": ["picking_accuracy", "mispicks_per_1000"],
          "competencies": [
              {"key": "attention_to_detail", "name": {"en": "attention to detail", "zh": "注重细节"}, "weight": 0.4,
               "minimum": 3},
              {"key": "pace", "name": {"en": "working pace", "zh": "工作节奏"}, "weight": 0.3, "minimum": 2.5},
              {"key": "safety", "name": {"en": "safety awareness", "zh": "安全意识"}, "weight": 0.3, "minimum": 3}]}
DISPATCHER = {"key": "dispatcher", "name": {"en": "Dispatcher", "zh": "调度员"}, "pass_mark": 65,
              "metrics": ["on_time_rate"],
              "competencies": [
                  {"key": "planning", "name": {"en": "route planning", "zh": "路线规划"}, "weight": 0.5, "minimum": 60},
                  {"key": "radio_communication", "name": {"en": "radio communication", "zh": "无线电沟通"},
                   "weight": 0.5, "minimum": 55}]}
METRICS = [{"key": "picking_accuracy", "name_en": "picking accuracy", "name_zh": "拣货准确率", "higher_is_better": "true",
            "unit": "%"},
           {"key": "mispicks_per_1000", "name_en": "mispicks per 1000 lines", "name_zh": "每千行错拣数",
            "higher_is_better": "false", "unit": "count"},
           {"key": "on_time_rate", "name_en": "on-time dispatch rate", "name_zh": "准时调度率", "higher_is_better": "true",
            "unit": "%"}]
SALES = {"key": "sales_manager", "competencies": {"negotiation": 80, "customer_relationship": 70, "market_insight": 65,
                                                  "team_leadership": 65}}


@dataclass
class Northwind:
    folder: Path
    mapping: Path
    interviews: pd.DataFrame  # interview_id, role, month, outcome, total (0–100)
    scores: pd.DataFrame  # interview_id, role, competency, raw, common, minimum (0–100)
    reasons: pd.DataFrame  # interview_id, role, category
    hires: pd.DataFrame  # employee_id, interview_id, hired_at, attention_to_detail (raw 1–5)
    performance: pd.DataFrame  # employee_id, month, metric, value


def _write(path: Path, rows: list[dict]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


# The interviews come from the ATS as a workbook in its own words; this mapping reads them.
LABELS = {"passed": "Hired track", "failed": "Rejected", "under_review": "Manual review", "withdrawn": "Withdrew",
          "no_show": "No-show"}
MAPPING = f"""
files: {{"ATS Interview Export.xlsx": interviews}}
columns:
  interviews: {{Ref: interview_id, Applicant: candidate_id, Job: role, When: interviewed_at, Status: outcome,
               Overall: total_score}}
values:
  interviews: {{outcome: {{{", ".join(f'"{v}": {k}' for k, v in LABELS.items())}}}}}
rows:
  interviews: {{Stage: AI interview}}
formats:
  dates: day-first
  timezone: "+08:00"
"""


def _vendor_workbook(path: Path, interviews: list[dict]) -> None:
    """Day-first dates, the ATS's own labels, and phone-screen rows that are not AI interviews."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Export"
    sheet.append(["Ref", "Applicant", "Job", "Stage", "When", "Status", "Overall"])
    for row in interviews:
        day = row["interviewed_at"]  # 2026-03-07T10:00:00+08:00 → 07/03/2026 10:00, in the mapping's time zone
        when = f"{day[8:10]}/{day[5:7]}/{day[0:4]} {day[11:16]}"
        sheet.append([row["interview_id"], row["candidate_id"], row["role"], "AI interview", when,
                      LABELS[row["outcome"]], row["total_score"] if row["total_score"] != "" else None])
        if row["interview_id"].endswith("7"):
            sheet.append([row["interview_id"] + "-PS", row["candidate_id"], row["role"], "Phone screen", when,
                          "Rejected", None])
    book.save(path)


def build(folder: Path, seed: int = 2026) -> Northwind:
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "roles.json").write_text(json.dumps([PICKER, DISPATCHER], ensure_ascii=False), encoding="utf-8")
    _write(folder / "metrics.csv", METRICS)
    candidates, interviews, scores, reasons, employees, performance = [], [], [], [], [], []
    plan = [("warehouse_picker", 360), ("dispatcher", 140), ("sales_manager", 80)]
    n = 0
    for role, count in plan:
        for _ in range(count):
            n += 1
            c, iv = f"NW-C{n:04d}", f"NW-I{n:04d}"
            month = 1 + int(rng.integers(0, 9))  # January to September 2026
            when = f"2026-{month:02d}-{1 + int(rng.integers(0, 27)):02d}T10:00:00+08:00"
            candidates.append({"candidate_id": c, "name": f"Northwind candidate {n}", "language": "zh" if n % 2 else "en"})
            draw = rng.random()
            if draw < 0.07:
                interviews.append({"interview_id": iv, "candidate_id": c, "role": role, "interviewed_at": when,
                                   "outcome": "withdrawn", "total_score": ""})
                continue
            if draw < 0.12:
                interviews.append({"interview_id": iv, "candidate_id": c, "role": role, "interviewed_at": when,
                                   "outcome": "no_show", "total_score": ""})
                continue
            if role == "warehouse_picker":
                comps = {c_["key"]: (c_["weight"], (c_["minimum"] - 1) / 4 * 100) for c_ in PICKER["competencies"]}
                raw = {k: float(rng.integers(1, 6)) if k != "attention_to_detail" else float(rng.integers(2, 6))
                       for k in comps}
                common = {k: (v - 1) / 4 * 100 for k, v in raw.items()}
                pass_mark = 50.0
            elif role == "dispatcher":
                comps = {c_["key"]: (c_["weight"], float(c_["minimum"])) for c_ in DISPATCHER["competencies"]}
                raw = {k: round(float(rng.uniform(40, 95)), 1) for k in comps}
                common, pass_mark = dict(raw), 65.0
            else:
                comps = {k: (w, float(m)) for k, w, m in zip(SALES["competencies"], (0.3, 0.25, 0.2, 0.25),
                                                             SALES["competencies"].values())}
                raw = {k: round(float(rng.uniform(50, 98)), 1) for k in comps}
                common, pass_mark = dict(raw), 70.0
            total = sum(w * common[k] for k, (w, _) in comps.items())
            gaps = [k for k, (_, minimum) in comps.items() if common[k] < minimum]
            outcome = "failed" if gaps or total < pass_mark else "passed"
            if outcome == "passed" and rng.random() < 0.05:
                outcome = "under_review"
            shown_total = round((total / 100 * 4 + 1) if role == "warehouse_picker" else total, 4)
            interviews.append({"interview_id": iv, "candidate_id": c, "role": role, "interviewed_at": when,
                               "outcome": outcome, "total_score": shown_total})
            for k in comps:
                scores.append({"interview_id": iv, "competency": k, "score": raw[k]})
            if outcome == "failed":
                for k in gaps:
                    reasons.append({"interview_id": iv, "category": "competency_gap", "competency": k})
                if rng.random() < 0.2:
                    reasons.append({"interview_id": iv, "category": "job_match", "competency": ""})
                if rng.random() < 0.1:
                    reasons.append({"interview_id": iv, "category": "behavior_inconsistency", "competency": ""})
                if not gaps and not any(r["interview_id"] == iv for r in reasons):
                    reasons.append({"interview_id": iv, "category": "job_match", "competency": ""})
            if role == "warehouse_picker" and outcome == "passed" and month <= 4:
                e = f"NW-E{n:04d}"
                employees.append({"employee_id": e, "candidate_id": c, "interview_id": iv,
                                  "hired_at": f"2026-{month + 1:02d}-01"})
                detail = raw["attention_to_detail"]
                for offset in range(6):
                    m = f"2026-{month + 1 + offset:02d}"
                    performance.append({"employee_id": e, "month": m, "metric": "picking_accuracy",
                                        "value": round(92 + 1.5 * detail + float(rng.normal(0, 1.2)), 2)})
                    performance.append({"employee_id": e, "month": m, "metric": "mispicks_per_1000",
                                        "value": round(max(0.0, 12 - 1.8 * detail + float(rng.normal(0, 1.0))), 2)})
    for name, rows in (("candidates", candidates), ("competency_scores", scores), ("failure_reasons", reasons),
                       ("employees", employees), ("performance", performance)):
        _write(folder / f"{name}.csv", rows)
    _vendor_workbook(folder / "ATS Interview Export.xlsx", interviews)

    frame = pd.DataFrame(interviews)
    frame["month"] = frame["interviewed_at"].str.slice(0, 7)
    score_frame = pd.DataFrame(scores).merge(frame[["interview_id", "role"]], on="interview_id")
    hires = pd.DataFrame(employees).merge(
        score_frame[score_frame.competency == "attention_to_detail"][["interview_id", "score"]], on="interview_id")
    mapping = folder.parent / "ats-mapping.yaml"
    mapping.write_text(MAPPING, encoding="utf-8")
    return Northwind(folder=folder, mapping=mapping, interviews=frame, scores=score_frame,
                     reasons=pd.DataFrame(reasons).merge(frame[["interview_id", "role"]], on="interview_id"),
                     hires=hires.rename(columns={"score": "attention_to_detail"}),
                     performance=pd.DataFrame(performance))
