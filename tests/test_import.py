"""`python app.py import`: the documented examples, re-imports, edits and every class of bad row."""

from __future__ import annotations

import json
import re
import shutil
import time
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import event, func, select
from sqlmodel import Session, SQLModel

from candor.db import get_engine
from candor.migrate import upgrade
from candor.models import (
    Candidate,
    Competency,
    CompetencyModel,
    CompetencyScore,
    Demographics,
    Employee,
    FailureReason,
    Interview,
    Outcome,
    PerformanceRecord,
    Role,
)
from integrations.hris import ImportFailed, import_paths
from integrations.hris.rows import SCHEMAS
from integrations.hris.sources import kind_from_name

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "docs" / "examples" / "import"
CSV_DIR = EXAMPLES / "csv"
JSON_DOC = EXAMPLES / "json" / "candor-export.json"
EXAMPLE_ROWS = {"roles": 2, "candidates": 5, "demographics": 5, "interviews": 5, "competency_scores": 20,
                "failure_reasons": 6, "employees": 2, "performance": 7}


def snapshot(url: str) -> dict[str, list[tuple]]:
    """Every row of every table, in primary-key order: equal snapshots mean an unchanged database."""
    out = {}
    with get_engine(url).connect() as conn:
        for table in SQLModel.metadata.sorted_tables:
            out[table.name] = [tuple(r) for r in conn.execute(select(table).order_by(*table.primary_key.columns))]
    return out


def row_counts(url: str) -> dict[str, int]:
    with get_engine(url).connect() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in SQLModel.metadata.sorted_tables}


def by_kind(summary) -> dict[str, tuple[int, int, int, int]]:
    return {f.kind: (f.rows, f.created, f.updated, f.unchanged) for f in summary.files}


def test_a_companys_own_roles_come_beside_the_catalogue(db_url, tmp_path):
    """Its roles file adds to the shipped roles; an interview naming a catalogue role it did not bring resolves."""
    import json
    import shutil

    data = tmp_path / "own"
    shutil.copytree(CSV_DIR, data)
    own = [r for r in json.loads((data / "roles.json").read_text(encoding="utf-8")) if r["key"] == "sales_manager"]
    own[0] = {**own[0], "key": "key_account_manager", "name": {"en": "Key Account Manager", "zh": "大客户经理"},
              "aliases": {"en": [], "zh": []}}
    (data / "roles.json").write_text(json.dumps(own, ensure_ascii=False), encoding="utf-8")
    summary = import_paths(db_url, [data])  # its interviews name sales_manager and field_technician
    assert summary.catalogue_synced and "field_technician" in summary.catalogue_roles
    assert len(summary.catalogue_roles) == 7 and by_kind(summary)["roles"] == (1, 1, 0, 0)
    assert row_counts(db_url)["role"] == 8 and by_kind(summary)["interviews"][1] == EXAMPLE_ROWS["interviews"]


def one(session: Session, model, **where):
    return session.exec(select(model).filter_by(**where)).scalars().one()


def test_examples_import_with_values_and_reimport_unchanged(db_url):
    summary = import_paths(db_url, [CSV_DIR], catalogue=False)  # only the company's own roles
    assert by_kind(summary) == {k: (n, n, 0, 0) for k, n in EXAMPLE_ROWS.items()}
    assert not summary.catalogue_synced and summary.catalogue_roles == []
    counts = row_counts(db_url)
    assert counts["candidate"] == 5 and counts["competencyscore"] == 20 and counts["failurereason"] == 6
    assert counts["role"] == 2 and counts["competencymodel"] == 2 and counts["performancerecord"] == 7

    with Session(get_engine(db_url)) as s:
        li = one(s, Candidate, external_id="C-1001")
        assert li.background_skills == ["b2b_sales", "negotiation", "crm"] and li.years_experience == 6
        assert li.language == "zh" and li.consent_recorded_at is None
        assert one(s, Candidate, external_id="C-1005").consent_recorded_at == datetime(2026, 8, 10, 7, 15, tzinfo=timezone.utc)
        assert one(s, Demographics, candidate_id=li.id).age_band == "25-34"
        sales = one(s, Role, key="sales_manager")
        iv = one(s, Interview, external_id="I-5002")  # role given by its Chinese name
        assert iv.role_id == sales.id and iv.outcome == Outcome.failed and iv.total_score == 66.2
        assert iv.interviewed_at == datetime(2026, 8, 7, 6, 0, tzinfo=timezone.utc)
        assert s.get(CompetencyModel, iv.competency_model_id).version == 1
        assert one(s, Interview, external_id="I-5003").interviewed_at == datetime(2026, 8, 12, 9, tzinfo=timezone.utc)
        negotiation = one(s, Competency, role_id=sales.id, key="negotiation")
        score = one(s, CompetencyScore, interview_id=iv.id, competency_id=negotiation.id)  # named 谈判能力
        assert (score.score, score.required, score.weight) == (65, 80, 0.3)  # required and weight from model v1
        assert score.evidence == ["第一次让步后没有要求任何回报", "Conceded on price twice"] and score.scorer == "import"
        gap = one(s, FailureReason, interview_id=iv.id, competency_id=negotiation.id)
        assert (gap.category.value, gap.score, gap.required) == ("competency_gap", 65, 80)  # filled from the score row
        hired = one(s, Employee, external_id="E-9001")
        assert hired.role_id == sales.id and not hired.hired_by_override  # role from the hiring interview
        override = one(s, Employee, external_id="E-9002")
        assert override.hired_by_override and override.hired_at == date(2026, 9, 1)
        rating = one(s, PerformanceRecord, employee_id=override.id, metric="performance_rating")
        assert (rating.month, rating.value) == (date(2026, 10, 1), 3)  # "2026-10-31" is that month

    before = snapshot(db_url)
    again = import_paths(db_url, [CSV_DIR])
    assert by_kind(again) == {k: (n, 0, 0, n) for k, n in EXAMPLE_ROWS.items()} and not again.changed
    # The JSON document holds the same data, so it changes nothing either.
    mirrored = import_paths(db_url, [JSON_DOC])
    assert by_kind(mirrored) == {k: (n, 0, 0, n) for k, n in EXAMPLE_ROWS.items()}
    assert snapshot(db_url) == before


def test_json_document_into_an_empty_database(db_url):
    summary = import_paths(db_url, [JSON_DOC])
    # The catalogue came first; the document's two roles are the catalogue's own, unchanged.
    assert by_kind(summary) == {k: (n, 0, 0, n) if k == "roles" else (n, n, 0, 0) for k, n in EXAMPLE_ROWS.items()}
    assert summary.files[0].file == "candor-export.json (roles)"
    with Session(get_engine(db_url)) as s:
        iv = one(s, Interview, external_id="I-5001")
        assert iv.interviewed_at == datetime(2026, 8, 5, 1, 30, tzinfo=timezone.utc)
        assert one(s, Candidate, external_id="C-1005").claims == ["I handle pressure well", "I always hit my targets"]


def test_empty_database_gets_the_catalogue_first(sqlite_url, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(CSV_DIR, data)
    (data / "roles.json").unlink()
    summary = import_paths(sqlite_url, [data])
    assert summary.catalogue_synced and "roles" not in by_kind(summary)
    assert row_counts(sqlite_url)["role"] == 7
    assert not import_paths(sqlite_url, [data]).catalogue_synced


def test_edits_update_only_what_changed(sqlite_url, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(CSV_DIR, data)
    import_paths(sqlite_url, [data])
    edit = lambda name, old, new: (data / name).write_text((data / name).read_text().replace(old, new, 1))
    edit("candidates.csv", "zh,3,crm;b2b_sales", "zh,4,crm;b2b_sales")
    edit("competency_scores.csv", "I-5003,safety_procedures,82", "I-5003,safety_procedures,84")
    edit("failure_reasons.csv", "Team leadership 62 is under the minimum of 65", "Has not led a team")
    edit("performance.csv", "E-9002,2026-09,downtime_hours,14.5", "E-9002,2026-09,downtime_hours,13")
    summary = by_kind(import_paths(sqlite_url, [data]))
    assert summary["candidates"] == (5, 0, 1, 4)
    assert summary["competency_scores"] == (20, 0, 1, 19)
    assert summary["failure_reasons"] == (6, 0, 2, 4)  # I-5002's two reasons are replaced as a set
    assert summary["performance"] == (7, 0, 1, 6)
    assert summary["interviews"] == (5, 0, 0, 5)
    counts = row_counts(sqlite_url)
    assert counts["failurereason"] == 6 and counts["competencyscore"] == 20
    with Session(get_engine(sqlite_url)) as s:
        assert one(s, Candidate, external_id="C-1002").years_experience == 4
        details = s.exec(select(FailureReason.detail)).scalars().all()
        assert "Has not led a team" in details and "Team leadership 62 is under the minimum of 65" not in details

    # Only the columns a file has are written: this one changes phone numbers and nothing else.
    partial = tmp_path / "partial" / "2026-11_candidates.csv"
    partial.parent.mkdir()
    partial.write_text("candidate_id,phone\nC-1002,+86 139 0000 1002\nC-1003,\n")  # an empty cell clears
    assert by_kind(import_paths(sqlite_url, [partial]))["candidates"] == (2, 0, 2, 0)
    with Session(get_engine(sqlite_url)) as s:
        zhang = one(s, Candidate, external_id="C-1002")
        assert zhang.phone == "+86 139 0000 1002" and zhang.name == "张敏 Zhang Min" and zhang.years_experience == 4
        assert one(s, Candidate, external_id="C-1003").phone == ""


def test_changed_weight_creates_model_version_2(sqlite_url, tmp_path):
    import_paths(sqlite_url, [CSV_DIR])
    roles = json.loads((CSV_DIR / "roles.json").read_text())
    sales = next(r for r in roles if r["key"] == "sales_manager")
    weights = {c["key"]: c for c in sales["competencies"]}
    weights["negotiation"]["weight"], weights["market_insight"]["weight"] = 0.35, 0.15
    (tmp_path / "roles.json").write_text(json.dumps([sales]))
    (tmp_path / "interviews.csv").write_text(
        "interview_id,candidate_id,role,interviewed_at,competency_model_version\n"
        "I-6001,C-1005,Sales Manager,2026-11-02T10:00:00Z,\n"
        "I-6002,C-1002,sales_manager,2026-11-03T10:00:00Z,1\n")
    (tmp_path / "competency_scores.csv").write_text(
        "interview_id,competency,score\nI-6001,negotiation,90\nI-6002,negotiation,70\n")
    summary = by_kind(import_paths(sqlite_url, [tmp_path / "competency_scores.csv", tmp_path / "roles.json",
                                                tmp_path / "interviews.csv"]))
    assert summary["roles"] == (1, 0, 1, 0)
    with Session(get_engine(sqlite_url)) as s:
        role = one(s, Role, key="sales_manager")
        models = s.exec(select(CompetencyModel).where(CompetencyModel.role_id == role.id)
                        .order_by(CompetencyModel.version)).scalars().all()
        assert [(m.version, m.active, m.source) for m in models] == [(1, False, "import"), (2, True, "import")]
        version = {m.id: m.version for m in models}
        assert version[one(s, Interview, external_id="I-5001").competency_model_id] == 1  # kept
        new, pinned = one(s, Interview, external_id="I-6001"), one(s, Interview, external_id="I-6002")
        assert version[new.competency_model_id] == 2 and version[pinned.competency_model_id] == 1
        assert one(s, CompetencyScore, interview_id=new.id).weight == 0.35
        assert one(s, CompetencyScore, interview_id=pinned.id).weight == 0.3


def test_files_in_any_order_and_folders(sqlite_url, tmp_path):
    files = sorted(CSV_DIR.iterdir(), key=lambda p: p.name, reverse=True)  # performance.csv first
    summary = import_paths(sqlite_url, files)
    assert [f.kind for f in summary.files] == list(EXAMPLE_ROWS)
    empty = tmp_path / "nothing"
    empty.mkdir()
    (empty / "notes.txt").write_text("hello")
    with pytest.raises(ImportFailed, match="holds no .csv, .json or .yaml files"):
        import_paths(sqlite_url, [empty])
    with pytest.raises(ImportFailed, match="no such file or folder"):
        import_paths(sqlite_url, [tmp_path / "missing.csv"])


@pytest.mark.parametrize("name, kind", [
    ("candidates.csv", "candidates"), ("2026-10_candidates.csv", "candidates"),
    ("candidates_2026-10.json", "candidates"), ("acme-failure-reasons.csv", "failure_reasons"),
    ("Q3 Competency_Scores.CSV", "competency_scores"), ("roles.yaml", "roles"),
    ("people.csv", None), ("interviews_and_employees.csv", None),
])
def test_kind_from_file_name(name, kind):
    assert kind_from_name(name) == kind


def test_unknown_file_names_list_the_accepted_ones(sqlite_url, tmp_path):
    (tmp_path / "people.csv").write_text("candidate_id\nC-1\n")
    with pytest.raises(ImportFailed) as err:
        import_paths(sqlite_url, [tmp_path / "people.csv"])
    assert err.value.file == "people.csv" and err.value.row is None
    for accepted in ("candidates.csv", "competency_scores.csv", "performance.csv", "2026-10_candidates.csv"):
        assert accepted in str(err.value)
    (tmp_path / "export.json").write_text('{"people": []}')
    with pytest.raises(ImportFailed, match="unknown key 'people'.*candidates, demographics"):
        import_paths(sqlite_url, [tmp_path / "export.json"])


@pytest.fixture(scope="module")
def loaded_url(tmp_path_factory):
    """A database holding the examples; bad imports must leave it exactly as it is."""
    url = f"sqlite:///{tmp_path_factory.mktemp('loaded') / 'candor.db'}"
    upgrade(url)
    import_paths(url, [CSV_DIR])
    return url


SCORES = "interview_id,competency,score\n"
BAD = [  # file name, content, row, column, words the message must hold
    ("candidates.csv", "candidate_id,name,email\nC-3101,Ann,ann@example.org\nC-3102,Bo", 2, None,
     "the file may be cut off"),  # the last row cut mid-way in the export
    ("candidates.csv", 'candidate_id,name\nC-3101,"Ann\nC-3102,Bo\n', None, None, "unmatched quote"),
    ("candidates.csv", "candidate_id,name\nC-3101,An\x00n\n", None, None, "control character U+0000"),
    ("candidates.csv", "candidate_id,name\nC-3101,An\x1bn\n", None, None, "control character U+001B"),
    ("candidates.csv", "candidate_id,name,name\nC-3101,Ann,Anne\n", None, None, "the header repeats name"),
    ("candidates.csv", "candidate_id,consent_face_analysis\nC-3101,maybe\n", 1, "consent_face_analysis", "maybe"),
    ("candidates.csv", "candidate_id,years_experience\nC-2001,5\nC-2002,abc\n", 2, "years_experience",
     "'abc' is not a number — write a plain number"),
    ("interviews.csv", "interview_id,candidate_id,role\nI-1,C-1001,sales_manager\n", None, "interviewed_at",
     "required column is missing — add it to the header; expected columns: "
     "interview_id,candidate_id,role,interviewed_at,outcome"),
    ("interviews.csv", "interview_id,candidate_id,role,interviewed_at\nI-1,C-1001,chef,2026-11-01\n", 1, "role",
     "'chef' is not a known role — use a role key (field_technician, marketing_planner,"),
    ("2026-11_interviews.csv", "interview_id,candidate_id,role,interviewed_at\nI-1,C-1001,sales_manager,2026-11-01\n"
     "I-2,C-404,sales_manager,2026-11-01\n", 2, "candidate_id",
     "'C-404' is not a known candidate — import candidates.csv first or in the same call"),
    ("interviews.csv", "interview_id,candidate_id,role,interviewed_at,outcome\nI-1,C-1001,sales_manager,2026-11-01,"
     "rejected\n", 1, "outcome", "'rejected' is not an outcome — use one of passed, failed, under_review, pending"),
    ("interviews.csv", "interview_id,candidate_id,role,interviewed_at\nI-1,C-1001,sales_manager,01/11/2026\n", 1,
     "interviewed_at", "is not an ISO 8601 date-time — write e.g. 2026-10-03T09:30:00+08:00"),
    ("failure_reasons.csv", "interview_id,category\nI-5001,bad_attitude\n", 1, "category",
     "'bad_attitude' is not a failure category — use one of job_match, competency_gap, behavior_inconsistency"),
    ("competency_scores.csv", SCORES + "I-5001,negotiation,90\nI-5001,market_insight,101\n", 2, "score",
     "101 is outside the 0-100 scale (0 to 100) (sales_manager's score_scale) — write the score on that scale"),
    ("competency_scores.csv", SCORES + "I-5001,cooking,90\n", 1, "competency",
     "'cooking' is not a competency of sales_manager — use one of negotiation, customer_relationship"),
    ("competency_scores.csv", SCORES + "I-404,negotiation,90\n", 1, "interview_id",
     "'I-404' is not a known interview — import interviews.csv first or in the same call"),
    ("competency_scores.csv", SCORES + "I-5001,negotiation,90\nI-5001,谈判能力,91\n", 2, "competency",
     "the same interview and competency is already in competency_scores.csv row 1"),
    ("competency_scores.csv", "interview_id,competency,score,scroe\nI-5001,negotiation,90,1\n", None, "scroe",
     "unknown column — expected columns: interview_id,competency,score,required,weight,evidence,scorer"),
    ("competency_scores.csv", SCORES, None, None, "the file is empty: a header but no data rows"),
    ("performance.csv", "employee_id,month,metric,value\nE-9001,2026-11,nps,3\n", 1, "metric",
     "'nps' is not a known metric — use one of campaign_roi, design_rework_rate, downtime_hours"),
    ("performance.csv", "employee_id,month,metric,value\nE-404,2026-11,performance_rating,3\n", 1, "employee_id",
     "import employees.csv first or in the same call"),
    ("employees.csv", "employee_id,candidate_id,interview_id,hired_at\nE-1,C-1002,I-5001,2026-11-01\n", 1,
     "interview_id", "interview 'I-5001' is another candidate's"),
    ("candidates.json", '[{"candidate_id": "C-2001"}, {"candidate_id": "C-2002", "background_skills": "crm"}]', 2,
     "background_skills", "in JSON write an array of strings"),
    ("candidates.json", '[{"candidate_id": "C-2001",}]', None, None, "not valid JSON: "),
    ("roles.json", '[{"key": "chef", "name": {"en": "Chef", "zh": "厨师"}, "competencies": [{"key": "cooking", '
     '"name": {"en": "cooking", "zh": "烹饪"}, "weight": 0.5, "minimum": 60}]}]', 1, None,
     "competency weights must sum to 1.0, got 0.500 — roles follow the schema of knowledge/roles/*.yaml"),
]


@pytest.mark.parametrize("name, content, row, column, words", BAD, ids=[f"{b[0]}:{b[4][:30]}" for b in BAD])
def test_bad_rows_name_file_row_column_and_keep_nothing(loaded_url, tmp_path, name, content, row, column, words):
    before = snapshot(loaded_url)
    (tmp_path / name).write_text(content, encoding="utf-8")
    # A good file in the same call is not kept either.
    (tmp_path / "2026-11_candidates.csv").write_text("candidate_id,name\nC-3001,New Person\n")
    with pytest.raises(ImportFailed) as err:
        import_paths(loaded_url, [tmp_path / "2026-11_candidates.csv", tmp_path / name])
    failed = err.value
    assert (failed.file, failed.row, failed.column) == (name, row, column), str(failed)
    assert words in str(failed)
    where = f"{name} row {row}" if row is not None else name
    assert str(failed).startswith(where + (f", column {column}: " if column else ": "))
    assert snapshot(loaded_url) == before


def test_rows_pasted_from_two_encodings_name_the_first_bad_line(loaded_url, tmp_path):
    before = snapshot(loaded_url)
    path = tmp_path / "candidates.csv"
    path.write_bytes("candidate_id,name\nC-3101,李伟\n".encode() + "C-3102,张三\n".encode("gbk"))
    with pytest.raises(ImportFailed) as err:
        import_paths(loaded_url, [path])
    assert "line 3 holds bytes that are not UTF-8" in str(err.value) and "two encodings" in str(err.value)
    assert snapshot(loaded_url) == before


def test_bad_row_in_a_json_document_names_the_section(loaded_url, tmp_path):
    before = snapshot(loaded_url)
    doc = {"candidates": [{"candidate_id": "C-3001"}],
           "interviews": [{"interview_id": "I-7001", "candidate_id": "C-3001", "role": "销售经理",
                           "interviewed_at": "2026-11-01T09:00:00+08:00", "outcome": "passed", "role_match": 75}]}
    (tmp_path / "export.json").write_text(json.dumps(doc, ensure_ascii=False))
    with pytest.raises(ImportFailed) as err:
        import_paths(loaded_url, [tmp_path / "export.json"])
    assert (err.value.file, err.value.section, err.value.row, err.value.column) == (
        "export.json", "interviews", 1, "role_match")
    assert str(err.value).startswith("export.json (interviews) row 1, column role_match: 75 is out of range 0–1 — "
                                     "role_match is a share: write 0.75 for 75 %")
    assert snapshot(loaded_url) == before


def test_failed_import_into_an_empty_database_keeps_nothing(db_url, tmp_path):
    shutil.copy(CSV_DIR / "candidates.csv", tmp_path)
    (tmp_path / "interviews.csv").write_text(
        (CSV_DIR / "interviews.csv").read_text().replace("I-5003,C-1003", "I-5003,C-9999"))
    with pytest.raises(ImportFailed, match=r"interviews.csv row 3, column candidate_id: 'C-9999'"):
        import_paths(db_url, [tmp_path])
    assert set(row_counts(db_url).values()) == {0}  # not even the catalogue synced for the import


def test_imports_in_batches_not_per_row(sqlite_url, tmp_path):
    n = 2000
    (tmp_path / "candidates.csv").write_text("candidate_id\n" + "".join(f"C{i}\n" for i in range(n)))
    import_paths(sqlite_url, [tmp_path / "candidates.csv"])  # and the catalogue, a fixed number of statements
    (tmp_path / "interviews.csv").write_text("interview_id,candidate_id,role,interviewed_at\n" + "".join(
        f"I{i},C{i},sales_manager,2026-10-{1 + i % 28:02d}T10:00:00\n" for i in range(n)))
    comps = ("negotiation", "customer_relationship", "market_insight", "team_leadership")
    (tmp_path / "competency_scores.csv").write_text(SCORES + "".join(
        f"I{i},{c},{(i * 7 + j * 13) % 101}\n" for i in range(n) for j, c in enumerate(comps)))
    statements = []
    engine = get_engine(sqlite_url)
    listener = lambda *args: statements.append(1)  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        started = time.perf_counter()
        summary = by_kind(import_paths(sqlite_url, [tmp_path / "interviews.csv", tmp_path / "competency_scores.csv"]))
        elapsed = time.perf_counter() - started
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert summary["competency_scores"] == (4 * n, 4 * n, 0, 0)
    assert len(statements) < 30, f"{len(statements)} statements for {5 * n} rows: lookups must be batched"
    assert elapsed < 20


def test_the_documentation_lists_every_column():
    doc = (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8")
    sections = dict(re.findall(r"^### (\w+)\n(.*?)(?=^### |\Z)", doc, flags=re.M | re.S))
    for kind, schema in SCHEMAS.items():
        table = sections[kind]
        documented = re.findall(r"^\| `(\w+)` \|", table, flags=re.M)
        assert documented == [c.name for c in schema.columns], kind
        for col in schema.columns:
            line = next(l for l in table.splitlines() if l.startswith(f"| `{col.name}` |"))
            assert ("| yes |" in line) == col.required, (kind, col.name)


def test_check_lists_every_problem_in_one_pass_and_keeps_nothing(loaded_url, tmp_path):
    from integrations.hris.check import check_paths, write_problems

    data = tmp_path / "export"
    shutil.copytree(CSV_DIR, data)
    (data / "roles.json").unlink()
    lines = (data / "interviews.csv").read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("sales_manager", "chef", 1)  # an unknown role in row 1
    lines[3] = lines[3].replace(",passed,", ",maybe,", 1)  # an unknown outcome in row 3
    (data / "interviews.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    scores = (data / "competency_scores.csv").read_text(encoding="utf-8").splitlines()
    scores[2] = scores[2].replace(",80,", ",800,", 1)  # a score off the 0-100 scale in row 2
    (data / "competency_scores.csv").write_text("\n".join(scores) + "\n", encoding="utf-8")
    (data / "extra_candidates.csv").write_text("candidate_id,name\nC-9,\"Cut off\n", encoding="utf-8")
    before = snapshot(loaded_url)
    problems, rows = check_paths(loaded_url, [data])
    found = {(p.file, p.row, p.column) for p in problems}
    assert ("interviews.csv", 1, "role") in found and ("interviews.csv", 3, "outcome") in found
    assert ("competency_scores.csv", 2, "score") in found and any(p.file == "extra_candidates.csv" for p in problems)
    assert snapshot(loaded_url) == before and rows > 20
    written = write_problems(problems, tmp_path / "errors.csv").read_text(encoding="utf-8-sig")
    assert written.splitlines()[0] == "file,section,row,column,problem" and "chef" in written
