"""Write the .xlsx sample exports of the two example column mappings (docs/data-format.md).

    .venv/bin/python docs/examples/mapping-samples.py [FOLDER]

writes `mapping-hirevue-style/AI Interview Export.xlsx` and `mapping-moka-style/能力评分.xlsx` under FOLDER
(default: docs/examples). The CSV files next to them are plain text, kept as they are. Both vendors are
invented; their exports look the way such exports do: a title-cased header, labels instead of values, a
notes sheet, text dates, scores shown as percentages.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from openpyxl import Workbook

PERCENT = "0%"


def hirevue_style(folder: Path) -> Path:
    book = Workbook()
    results = book.active
    results.title = "Results"
    results.append(["Interview ID", "Candidate", "Position", "Date", "Stage", "Result", "Score", "Decision Date",
                    "Reviewer Notes"])
    for row in (
        ["HV-I-301", "HV-C-201", "Sales Manager", "08/05/2026 9:30 AM", "AI Interview", "Passed", 81.5,
         date(2026, 8, 6), "Strong closer"],
        ["HV-I-302", "HV-C-202", "Sales Manager", "08/07/2026 2:00 PM", "AI Interview", "Rejected", 64,
         date(2026, 8, 8), None],
        ["HV-I-303", "HV-C-203", "Field Technician", "08/12/2026 10:00 AM", "AI Interview", "No Show", None, None,
         None],
        ["HV-I-304", "HV-C-201", "Sales Manager", "08/20/2026 3:00 PM", "Onsite", "Offer Extended", None, None,
         "Second round, not an AI interview: left out by rows:"],
    ):
        results.append(row)
    for cell in results["H"][1:]:
        cell.number_format = "yyyy-mm-dd"
    ratings = book.create_sheet("Competency Ratings")
    ratings.append(["Interview ID", "Competency", "Rating", "Comment"])
    for row in (
        ["HV-I-301", "negotiation", 0.84, "Asked for a two-year commitment in exchange for the discount"],
        ["HV-I-301", "customer relationship management", 0.8, None],
        ["HV-I-302", "negotiation", 0.62, "Conceded on price twice"],
        ["HV-I-302", "market insight", 0.66, None],
    ):
        ratings.append(row)
    for cell in ratings["C"][1:]:
        cell.number_format = PERCENT  # shown as 84%, stored as 0.84
    notes = book.create_sheet("Read Me")
    notes.append(["AI interview export — generated for the Candor documentation; all people are invented."])
    path = folder / "mapping-hirevue-style" / "AI Interview Export.xlsx"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def moka_style(folder: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet.append(["面试编号", "能力项", "得分", "评语"])
    for row in (
        ["MK-5001", "谈判能力", 0.82, "主动要求对方承诺采购量;没有无条件让步"],
        ["MK-5001", "客户关系管理", 0.78, None],
        ["MK-5002", "设备故障排查", 0.55, "靠更换零件排除故障"],
        ["MK-5002", "安全操作", 0.7, None],
    ):
        sheet.append(row)
    for cell in sheet["C"][1:]:
        cell.number_format = PERCENT
    path = folder / "mapping-moka-style" / "能力评分.xlsx"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    for written in (hirevue_style(target), moka_style(target)):
        print(written)
