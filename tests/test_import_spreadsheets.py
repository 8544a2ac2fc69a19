"""`python app.py import` of Excel workbooks and of vendors' exports through a column mapping (`--map`)."""

from __future__ import annotations

import csv
import runpy
import shutil
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select
from sqlmodel import Session

from candor.db import get_engine
from candor.models import Candidate, CompetencyScore, Interview, Outcome
from integrations.hris import ImportFailed, import_paths
from integrations.hris.check import check_paths
from integrations.hris.mapping import (
    MappingError,
    column_types,
    load_mapping,
    read_format,
)
from integrations.hris.sources import cell_text
from tests.test_cli import run
from tests.test_import import CSV_DIR, EXAMPLE_ROWS, by_kind, one, row_counts, snapshot

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "docs" / "examples"
HIREVUE, HIREVUE_MAP = EXAMPLES / "mapping-hirevue-style", EXAMPLES / "mapping-hirevue-style.yaml"
MOKA, MOKA_MAP = EXAMPLES / "mapping-moka-style", EXAMPLES / "mapping-moka-style.yaml"


def typed(cell: str):
    """A CSV cell as a spreadsheet holds it: numbers, booleans and dates as such, the rest as text."""
    for read in (int, float):
        try:
            return read(cell)
        except ValueError:
            pass
    if cell in ("true", "false"):
        return cell == "true"
    for read in (date.fromisoformat, datetime.fromisoformat):
        try:
            value = read(cell)
            return value if getattr(value, "tzinfo", None) is None else cell  # Excel has no time zones
        except ValueError:
            pass
    return cell or None


def write_book(path: Path, sheets: dict[str, list[list]], percent: str = "") -> Path:
    """A workbook with these sheets; `percent` names cells (e.g. "C2") shown as percentages, as Excel does."""
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    for ref in filter(None, percent.split(",")):
        title, cell = ref.split("!") if "!" in ref else (next(iter(sheets)), ref)
        book[title][cell].number_format = "0%"
    book.save(path)
    return path


def csv_sheet(name: str) -> list[list]:
    with open(CSV_DIR / name, encoding="utf-8-sig", newline="") as f:
        lines = list(csv.reader(f))
    return [lines[0]] + [[typed(c) for c in line] for line in lines[1:]]


def test_cells_read_as_csv_text():
    assert [cell_text(v) for v in (82.0, 66.2, 66.20000000000001, 0.1 + 0.2, 1001, 1e-7, 1e20, -0.0, None)] == [
        "82", "66.2", "66.2", "0.3", "1001", "0.0000001", "100000000000000000000", "0", ""]
    assert (cell_text(True), cell_text(False), cell_text("  C-1 ")) == ("true", "false", "  C-1 ")
    assert cell_text(datetime(2026, 8, 5, 9, 30)) == "2026-08-05T09:30:00"
    assert cell_text(datetime(2026, 8, 5, 9, 29, 59, 999_600)) == "2026-08-05T09:30:00"  # Excel's float noise
    assert cell_text(datetime(2026, 9, 1)) == cell_text(date(2026, 9, 1)) == "2026-09-01"
    assert cell_text(0.85, "0%") == "85%" and cell_text(0.665, "0.0%") == "66.5%"


def test_workbook_with_a_sheet_per_kind_equals_the_csv_import(db_url, tmp_path):
    sheets = {title: csv_sheet(f"{kind}.csv") for title, kind in (
        ("Candidates", "candidates"), ("demographics", "demographics"), ("Interviews", "interviews"),
        ("Competency Scores", "competency_scores"), ("failure-reasons", "failure_reasons"),
        ("Employees", "employees"), ("Performance", "performance"))}
    sheets["Interviews"] += [[], [None, None], []]  # empty rows at the end
    book = write_book(tmp_path / "candor-export.xlsx", sheets)
    assert isinstance(load_workbook(book)["Interviews"]["D3"].value, str)  # zoned date-times stay text
    assert load_workbook(book)["Interviews"]["F3"].value == 66.2 and load_workbook(book)["Employees"]["E2"].is_date

    summary = import_paths(db_url, [CSV_DIR / "roles.json", book])
    assert by_kind(summary) == {k: (n, 0, 0, n) if k == "roles" else (n, n, 0, 0) for k, n in EXAMPLE_ROWS.items()}
    assert "candor-export.xlsx (Competency Scores)" in [f.file for f in summary.files]
    before = snapshot(db_url)
    again = import_paths(db_url, [CSV_DIR])  # the same data as CSV: every row unchanged
    assert by_kind(again) == {k: (n, 0, 0, n) for k, n in EXAMPLE_ROWS.items()} and not again.changed
    assert snapshot(db_url) == before
    with Session(get_engine(db_url)) as s:
        assert one(s, Interview, external_id="I-5002").total_score == 66.2
        assert one(s, Interview, external_id="I-5003").interviewed_at == datetime(2026, 8, 12, 9, tzinfo=timezone.utc)


def test_single_sheet_workbook_takes_its_kind_from_the_file_name(db_url, tmp_path):
    import_paths(db_url, [CSV_DIR])
    write_book(tmp_path / "2026-11_interviews.xlsx", {"Sheet1": [
        ["Interview_ID", "candidate_id", "role", "interviewed_at", "outcome", "total_score", "attempt"],
        ["I-7001", "C-1001", "销售经理", datetime(2026, 11, 2, 10, 0), "passed", 82.0, 1],
        [],
        ["I-7002", 1002, "Sales Manager", date(2026, 11, 3), "under review", 71.25, 2.0],
    ]})
    (tmp_path / "2026-11_candidates.csv").write_text("candidate_id,name\n1002,Numbered Person\n", encoding="utf-8")
    summary = import_paths(db_url, [tmp_path])
    assert by_kind(summary)["interviews"] == (2, 2, 0, 0)
    assert summary.files[-1].file == "2026-11_interviews.xlsx (Sheet1)"
    with Session(get_engine(db_url)) as s:
        first, second = one(s, Interview, external_id="I-7001"), one(s, Interview, external_id="I-7002")
        assert (first.total_score, first.attempt, first.outcome) == (82, 1, Outcome.passed)
        assert first.interviewed_at == datetime(2026, 11, 2, 10, tzinfo=timezone.utc)
        assert second.interviewed_at == datetime(2026, 11, 3, tzinfo=timezone.utc) and second.attempt == 2
        assert s.get(Candidate, second.candidate_id).external_id == "1002"  # a numeric id cell is the text 1002


# -- the two shipped example mappings ---------------------------------------------------------------

def test_the_shipped_examples_import_as_written(db_url):
    hirevue = import_paths(db_url, [HIREVUE], mapping=HIREVUE_MAP)
    assert by_kind(hirevue) == {"candidates": (3, 3, 0, 0), "interviews": (3, 3, 0, 0),
                                "competency_scores": (4, 4, 0, 0)}  # the onsite round is left out by rows:
    moka = import_paths(db_url, [MOKA], mapping=MOKA_MAP)
    assert by_kind(moka) == {"candidates": (3, 3, 0, 0), "interviews": (3, 3, 0, 0), "competency_scores": (4, 4, 0, 0)}
    assert [f.file for f in moka.files] == ["候选人.csv", "面试记录.csv", "能力评分.xlsx (Sheet1)"]
    with Session(get_engine(db_url)) as s:
        iv = one(s, Interview, external_id="HV-I-301")  # "08/05/2026 9:30 AM", month-first
        assert (iv.interviewed_at, iv.decided_at) == (datetime(2026, 8, 5, 9, 30, tzinfo=timezone.utc),
                                                       datetime(2026, 8, 6, tzinfo=timezone.utc))
        assert (iv.outcome, iv.total_score) == (Outcome.passed, 81.5)
        assert one(s, Interview, external_id="HV-I-303").outcome == Outcome.no_show
        assert one(s, CompetencyScore, interview_id=iv.id, score=84).evidence == [
            "Asked for a two-year commitment in exchange for the discount"]  # a rating shown as 84%
        mk = one(s, Interview, external_id="MK-5001")  # "2026/8/5 09:30" in +08:00
        assert mk.interviewed_at == datetime(2026, 8, 5, 1, 30, tzinfo=timezone.utc) and mk.outcome == Outcome.passed
        assert one(s, Interview, external_id="MK-5003").outcome == Outcome.no_show
        assert sorted(s.exec(select(CompetencyScore.score).where(CompetencyScore.interview_id == mk.id)).scalars()) \
            == [78, 82]
        assert one(s, Candidate, external_id="MK-1003").language == "en"  # 英文
        assert not s.exec(select(Interview.id).where(Interview.external_id.in_(["HV-I-304", "MK-5004"]))).all()
    before = snapshot(db_url)
    assert not import_paths(db_url, [HIREVUE], mapping=HIREVUE_MAP).changed
    assert not import_paths(db_url, [MOKA], mapping=MOKA_MAP).changed
    assert snapshot(db_url) == before


def test_the_sample_script_writes_the_shipped_workbooks(tmp_path):
    written = runpy.run_path(str(EXAMPLES / "mapping-samples.py"))
    for make in (written["hirevue_style"], written["moka_style"]):
        fresh = make(tmp_path)
        shipped = load_workbook(EXAMPLES / fresh.relative_to(tmp_path))
        regenerated = load_workbook(fresh)
        assert shipped.sheetnames == regenerated.sheetnames
        for title in shipped.sheetnames:
            cells = lambda book: [[(c.value, c.number_format) for c in row] for row in book[title].iter_rows()]  # noqa: E731
            assert cells(shipped) == cells(regenerated), f"run docs/examples/mapping-samples.py ({title})"


def test_the_cli_imports_with_a_map_and_checks_with_one(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    out = run("import", "--map", str(MOKA_MAP), str(MOKA), url=url)
    assert out.returncode == 0, out.stderr
    assert '"file": "能力评分.xlsx (Sheet1)"' in out.stdout
    bad = tmp_path / "moka.yaml"
    bad.write_text(MOKA_MAP.read_text(encoding="utf-8").replace("缺席: no_show, ", ""), encoding="utf-8")
    out = run("import", "--check", "--map", str(bad), str(MOKA), url=url)
    assert out.returncode == 1 and "面试记录.csv row 3, column 结果 → outcome: '缺席' is not a label" in out.stdout
    out = run("import", "--map", str(bad), str(MOKA), url=url)
    assert out.returncode == 2 and "Import failed, nothing was imported: 面试记录.csv row 3" in out.stderr


# -- refusals: file, sheet, row, column and the fix; the database unchanged ---------------------------

def moka_copy(tmp_path: Path, mapping_edit=None, files: dict[str, str] | None = None) -> tuple[Path, Path]:
    """The Moka-style example in tmp_path, its mapping edited by (old, new) and files replaced by name."""
    data = tmp_path / "moka"
    shutil.copytree(MOKA, data)
    text = MOKA_MAP.read_text(encoding="utf-8")
    if mapping_edit:
        assert mapping_edit[0] in text
        text = text.replace(*mapping_edit)
    (tmp_path / "moka.yaml").write_text(text, encoding="utf-8")
    for name, content in (files or {}).items():
        (data / name).write_text(content, encoding="utf-8")
    return data, tmp_path / "moka.yaml"


INTERVIEW_HEADER = ["interview_id", "candidate_id", "role", "interviewed_at", "outcome", "total_score"]


def acme(tmp_path: Path, row4: list, percent: str = "") -> Path:
    """acme.xlsx: candidates, and interviews whose 4th data row is `row4` (after a blank line)."""
    good = [["I-8001", "C-8001", "sales_manager", "2026-11-02T10:00:00Z", "passed", 80],
            ["I-8002", "C-8001", "sales_manager", datetime(2026, 11, 3, 10), "failed", 60]]
    return write_book(tmp_path / "acme.xlsx", {
        "Candidates": [["candidate_id", "name"], ["C-8001", "Acme Person"]],
        "Interviews": [INTERVIEW_HEADER, *good, [], row4],
    }, percent)


def test_a_label_not_in_the_mapping(db_url, tmp_path):
    data, mapping = moka_copy(tmp_path, ("缺席: no_show, ", ""))
    refused(db_url, lambda: import_paths(db_url, [data], mapping=mapping),
            ("面试记录.csv", None, 3, "结果 → outcome"),
            "面试记录.csv row 3, column 结果 → outcome: '缺席' is not a label moka.yaml maps — accepted labels: 通过, "
            "未通过, 待定; add it under values: interviews: outcome: in moka.yaml")


def test_a_column_neither_mapped_nor_known(db_url, tmp_path):
    data, mapping = moka_copy(tmp_path, ("interviews: [备注]", "interviews: []"))
    refused(db_url, lambda: import_paths(db_url, [data], mapping=mapping), ("面试记录.csv", None, None, "备注"),
            "面试记录.csv, column 备注: the column is neither mapped nor a column of interviews — map it under "
            "columns: interviews: in moka.yaml (interviews columns: interview_id,candidate_id,role,")
    failure = refused(db_url, lambda: import_paths(db_url, [HIREVUE], mapping=tmp_path / "hv.yaml"), None, "",
                      write=(tmp_path / "hv.yaml", HIREVUE_MAP.read_text().replace("[Reviewer Notes]", "[]")))
    assert (failure.file, failure.section, failure.column) == ("AI Interview Export.xlsx", "Results", "reviewer notes")
    assert str(failure).startswith("AI Interview Export.xlsx (Results), column reviewer notes: the column is neither "
                                   "mapped nor a column of interviews")
    assert "or list it under ignore: interviews: to leave it out" in str(failure)


def test_a_day_first_date_without_the_declaration(db_url, tmp_path):
    book = acme(tmp_path, ["I-8004", "C-8001", "sales_manager", "05/03/2026 14:30", "passed", 75])
    refused(db_url, lambda: import_paths(db_url, [book]), ("acme.xlsx", "Interviews", 4, "interviewed_at"),
            "acme.xlsx (Interviews) row 4, column interviewed_at: '05/03/2026 14:30' is not an ISO 8601 date-time — "
            "write e.g. 2026-10-03T09:30:00+08:00 (without a zone the time is read as UTC); if the export writes "
            "dates as 05/03/2026, declare their order — formats: {dates: day-first} or {dates: month-first} — in a "
            "column mapping and import with --map")
    (tmp_path / "acme.yaml").write_text("formats: {dates: day-first}\n")
    import_paths(db_url, [book], mapping=tmp_path / "acme.yaml")
    with Session(get_engine(db_url)) as s:
        assert one(s, Interview, external_id="I-8004").interviewed_at == datetime(2026, 3, 5, 14, 30,
                                                                                   tzinfo=timezone.utc)


def test_a_percent_without_the_declaration(db_url, tmp_path):
    book = acme(tmp_path, ["I-8004", "C-8001", "sales_manager", "2026-11-04", "passed", 0.85],
                percent="Interviews!F5")  # row 4 of the data is sheet row 5: a blank row comes before it
    refused(db_url, lambda: import_paths(db_url, [book]), ("acme.xlsx", "Interviews", 4, "total_score"),
            "acme.xlsx (Interviews) row 4, column total_score: '85%' is not a number — write a plain number such as "
            "4.5 (a dot for decimals; no units, % signs or thousands separators); to read 85% as 85, declare "
            "formats: {percent: true} in a column mapping and import with --map")
    (tmp_path / "acme.yaml").write_text("formats:\n  percent: true\n")
    import_paths(db_url, [book], mapping=tmp_path / "acme.yaml")
    with Session(get_engine(db_url)) as s:
        assert one(s, Interview, external_id="I-8004").total_score == 85


BAD_MAPPINGS = [  # mapping text, key, words
    ("colums: {}\n", "colums", "unknown key — a mapping has the keys files, sheets, columns, values, rows, ignore"),
    ("columns:\n  interviews: {Score: total_scor}\n", "columns.interviews.Score",
     "'total_scor' is not a column of interviews — use one of interview_id,candidate_id,role,interviewed_at"),
    ("columns:\n  interview: {Score: total_score}\n", "columns.interview",
     "'interview' is not a kind — use one of metrics, candidates, demographics, interviews"),
    ("values:\n  interviews: {outcome: {Passed: pass}}\n", "values.interviews.outcome.Passed",
     "'pass' is not an outcome — use one of passed, failed, under_review"),
    ("formats: {dates: dd/mm/yyyy}\n", "formats.dates",
     "'dd/mm/yyyy' is not a date order — use one of iso, day-first, month-first, year-first"),
    ("formats: {timezone: Beijing}\n", "formats.timezone", "is not a UTC offset — write it as \"+08:00\""),
    ("columns:\n  interviews: {Candidate: candidate_id, Cand: candidate_id}\n", "columns.interviews.Cand",
     "'Candidate' already maps to candidate_id"),
    ("columns: [interview_id]\n", "columns", "expected kind: {vendor column: column}, got a list"),
]


@pytest.mark.parametrize("text, key, words", BAD_MAPPINGS, ids=[b[1] for b in BAD_MAPPINGS])
def test_a_bad_mapping_file_names_the_key(text, key, words, tmp_path):
    (tmp_path / "vendor.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(MappingError) as err:
        load_mapping(tmp_path / "vendor.yaml")
    assert str(err.value).startswith(f"vendor.yaml, key {key}: ") and words in str(err.value), str(err.value)


def test_a_bad_mapping_is_refused_before_anything_is_read(db_url, tmp_path):
    (tmp_path / "vendor.yaml").write_text("columns:\n  interviews: {Score: total_scor}\n")
    refused(db_url, lambda: import_paths(db_url, [MOKA], mapping=tmp_path / "vendor.yaml"),
            ("vendor.yaml", "columns.interviews.Score", None, None), "vendor.yaml, key columns.interviews.Score: "
            "'total_scor' is not a column of interviews")
    (tmp_path / "broken.yaml").write_text("columns: {interviews: [\n")
    with pytest.raises(MappingError, match=r"^broken.yaml: not valid YAML: "):
        import_paths(db_url, [MOKA], mapping=tmp_path / "broken.yaml")
    before = row_counts(db_url)
    problems, rows = check_paths(db_url, [MOKA], mapping=tmp_path / "vendor.yaml")
    assert len(problems) == 1 and str(problems[0]).startswith("vendor.yaml, key columns.interviews.Score: ")
    assert rows == 0 and row_counts(db_url) == before


def refused(url: str, call, where, message: str, write=None) -> ImportFailed:
    """Run an import that must fail: (file, section, row, column) and the message as given, nothing kept."""
    if write:
        write[0].write_text(write[1], encoding="utf-8")
    import_paths(url, [CSV_DIR])  # the database holds something the failed import must leave alone
    before = row_counts(url)
    with pytest.raises(ImportFailed) as err:
        call()
    failure = err.value
    if where is not None:
        assert (failure.file, failure.section, failure.row, failure.column) == where, str(failure)
    assert str(failure).startswith(message), str(failure)
    assert row_counts(url) == before
    return failure


# -- declared formats ---------------------------------------------------------------------------------

def test_declared_formats_are_read_and_nothing_else(tmp_path):
    (tmp_path / "f.yaml").write_text('formats: {dates: day-first, excel_serial_dates: true, percent: true, '
                                     'thousands_separator: ",", timezone: "+08:00"}\n')
    formats = load_mapping(tmp_path / "f.yaml").formats
    read = lambda value, kind: read_format(value, kind, formats, "f.yaml")  # noqa: E731
    assert read("05/03/2026", "date") == "2026-03-05" and read("5.3.2026", "date") == "2026-03-05"
    assert read("05/03/2026 2:30 PM", "datetime") == "2026-03-05T14:30:00+08:00"
    assert read("2026-03-05T09:00:00Z", "datetime") == "2026-03-05T09:00:00Z"  # a zone given stays
    assert read("46000", "date") == "2025-12-09" and read("46000.5", "datetime") == "2025-12-09T12:00:00+08:00"
    assert read("85%", "score") == "85" and read("67.5 %", "share") == "0.675" and read("85%", "number") == "85%"
    assert read("1,234.5", "number") == "1234.5" and read("1,2", "number") == "1,2"  # only real groupings
    assert read("46000", "number") == "46000"  # serials only in date columns
    with pytest.raises(Exception, match="'31/02/2026' is not a date read day-first"):
        read("31/02/2026", "date")
    (tmp_path / "eu.yaml").write_text("formats: {thousands_separator: \".\", dates: year-first}\n")
    eu = load_mapping(tmp_path / "eu.yaml").formats
    assert read_format("1.234,5", "number", eu, "eu.yaml") == "1234.5"
    assert read_format("2026/3/5 9:05", "datetime", eu, "eu.yaml") == "2026-03-05T09:05:00"
    interviews = column_types("interviews")
    assert (interviews["interviewed_at"], interviews["role_match"], interviews["attempt"]) == ("datetime", "share",
                                                                                             "number")
    assert column_types("performance") == {"month": "date", "value": "number"}
    assert column_types("employees")["hired_at"] == "date" and column_types("competency_scores")["weight"] == "share"
    assert column_types("failure_reasons")["score"] == "score" and "competency" not in column_types("failure_reasons")


def test_excel_serials_and_thousands_without_the_declaration_say_how(db_url, tmp_path):
    (tmp_path / "employees.csv").write_text("employee_id,candidate_id,interview_id,hired_at\nE-1,C-1001,I-5001,46000\n")
    refused(db_url, lambda: import_paths(db_url, [tmp_path / "employees.csv"]),
            ("employees.csv", None, 1, "hired_at"), "employees.csv row 1, column hired_at: '46000' is not an ISO 8601 "
            "date — write YYYY-MM-DD, e.g. 2026-10-03; if 46000 is an Excel serial date, format the column as a date "
            "in Excel, or declare formats: {excel_serial_dates: true} in a column mapping and import with --map")
    (tmp_path / "performance.csv").write_text("employee_id,month,metric,value\nE-9001,2026-11,sales_attainment,"
                                              '"1,234.5"\n')
    failure = refused(db_url, lambda: import_paths(db_url, [tmp_path / "performance.csv"]),
                      ("performance.csv", None, 1, "value"), "performance.csv row 1, column value: '1,234.5' is not")
    assert 'declare formats: {thousands_separator: ","}' in str(failure)


# -- import --check with a mapping --------------------------------------------------------------------

def test_check_with_a_map_lists_every_problem_in_one_pass(db_url, tmp_path):
    interviews = (MOKA / "面试记录.csv").read_text(encoding="utf-8")
    interviews = interviews.replace("2026/8/6 14:00,未通过", "2026/13/6 14:00,未通过")  # row 2: no month 13
    interviews = interviews.replace("缺席", "迟到")  # row 3: a label the mapping does not know
    interviews = interviews.replace("MK-5001,MK-1001,销售经理", "MK-5001,MK-1001,厨师")  # row 1: an unknown role
    data, mapping = moka_copy(tmp_path, files={"面试记录.csv": interviews})
    write_book(data / "能力评分.xlsx", {"Sheet1": [["面试编号", "能力项", "得分"], ["MK-5001", "谈判能力", "82"],
                                                   ["MK-5002", "设备故障排查", "9,5"]]})
    import_paths(db_url, [CSV_DIR])
    before = snapshot(db_url)
    problems, rows = check_paths(db_url, [data], mapping=mapping)
    found = {(p.file, p.section, p.row, p.column): str(p) for p in problems}
    assert "'2026/13/6 14:00' is not a date read year-first" in found[("面试记录.csv", None, 2,
                                                                        "面试时间 → interviewed_at")]
    assert ("面试记录.csv", None, 3, "结果 → outcome") in found
    assert "'厨师' is not a known role" in found[("面试记录.csv", None, 1, "岗位 → role")]
    assert "is not a number" in found[("能力评分.xlsx", "Sheet1", 2, "得分 → score")]
    assert "(it follows from a problem above)" in found[("能力评分.xlsx", "Sheet1", 1, "面试编号 → interview_id")]
    assert rows == 3 + 4 + 2 and snapshot(db_url) == before
