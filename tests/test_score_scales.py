"""Score scales: a company that scores on 1–5 (or 1–10, 0–1, percent) imports its own numbers; Candor
compares them on 0–100, keeps the originals, refuses a score outside the scale, and shows the company's
scale in its answers."""

from __future__ import annotations

import csv
import json

import pytest
from sqlmodel import Session, select

from assistant.actions import call_tool
from assistant.agent import Assistant
from candor.db import get_engine
from candor.models import Competency, CompetencyScore, CompetencyWeight, Interview, Role
from candor.principal import Principal
from candor.scales import ScaleError, from_common, scale_name, shown, to_common
from integrations.hris.importer import import_paths
from integrations.hris.rows import ImportFailed
from tests.conftest import make_settings

HR = Principal(id="ana", audience="hr_manager")
ROLE = {"key": "support_agent", "name": {"en": "Customer Support Agent", "zh": "客服专员"}, "score_scale": "1–5",
        "pass_mark": 3,
        "competencies": [
            {"key": "empathy", "name": {"en": "empathy", "zh": "同理心"}, "weight": 0.5, "minimum": 3},
            {"key": "product_knowledge", "name": {"en": "product knowledge", "zh": "产品知识"}, "weight": 0.5,
             "minimum": 2.5}]}


@pytest.mark.parametrize("text,name", [("1-5", "1-5"), ("1–5", "1-5"), ("1 to 10", "1-10"), ("%", "percent"),
                                       ("0..1", "0-1"), ("", "0-100"), (None, "0-100")])
def test_scale_names_are_read_in_the_usual_spellings(text, name):
    assert scale_name(text) == name


@pytest.mark.parametrize("value,scale,common", [(1, "1-5", 0), (5, "1-5", 100), (4, "1-5", 75), (7.75, "1-10", 75),
                                                (0.75, "0-1", 75), (75, "percent", 75), (75, "0-100", 75)])
def test_each_scale_maps_linearly_onto_0_100_and_back(value, scale, common):
    assert to_common(value, scale) == pytest.approx(common)
    assert from_common(common, scale) == pytest.approx(value)


def test_a_value_outside_its_scale_or_an_unknown_scale_is_refused_with_what_is_accepted():
    with pytest.raises(ScaleError, match="outside the 1-5 scale"):
        to_common(6, "1-5")
    with pytest.raises(ScaleError, match="1-5, "):
        scale_name("A-F")
    assert shown(75, "1-5") == "4 / 5" and shown(82.5, "percent") == "82.5%" and shown(82.5, "0-100") == "82.5"


def _write(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def _company(folder, scores):
    folder.mkdir(exist_ok=True)
    (folder / "roles.json").write_text(json.dumps([ROLE], ensure_ascii=False), encoding="utf-8")
    _write(folder / "candidates.csv", [{"candidate_id": "C-1"}, {"candidate_id": "C-2"}])
    _write(folder / "interviews.csv", [
        {"interview_id": "I-1", "candidate_id": "C-1", "role": "support_agent", "interviewed_at": "2026-10-01T09:00:00",
         "outcome": "failed", "total_score": 2.5, "scale": ""},
        {"interview_id": "I-2", "candidate_id": "C-2", "role": "客服专员", "interviewed_at": "2026-10-02T09:00:00",
         "outcome": "passed", "total_score": 80, "scale": "0-100"}])
    _write(folder / "competency_scores.csv", scores)
    return folder


SCORES = [{"interview_id": "I-1", "competency": "empathy", "score": 2, "scale": ""},
          {"interview_id": "I-1", "competency": "product_knowledge", "score": 3, "scale": ""},
          {"interview_id": "I-2", "competency": "empathy", "score": 4.5, "scale": ""},
          {"interview_id": "I-2", "competency": "product_knowledge", "score": 0.8, "scale": "0-1"}]


def test_scores_on_a_companys_scale_are_compared_on_0_100_and_kept_as_written(db_url, tmp_path):
    import_paths(db_url, [_company(tmp_path / "acme", SCORES)])
    with Session(get_engine(db_url)) as session:
        role = session.exec(select(Role).where(Role.key == "support_agent")).one()
        weights = set(session.exec(select(CompetencyWeight.minimum_score).join(
            Competency, Competency.id == CompetencyWeight.competency_id).where(Competency.role_id == role.id)))
        scores = {(s.raw_score, s.raw_scale): s.score for s in session.exec(select(CompetencyScore))}
        totals = {i.external_id: i.total_score for i in session.exec(select(Interview))}
    assert role.score_scale == "1-5" and role.pass_mark == pytest.approx(50)  # 3 on 1–5
    assert weights == {50.0, 37.5}  # minimums 3 and 2.5 on 1–5
    assert scores == {(2, "1-5"): pytest.approx(25), (3, "1-5"): pytest.approx(50), (4.5, "1-5"): pytest.approx(87.5),
                      (0.8, "0-1"): pytest.approx(80)}
    assert totals == {"I-1": pytest.approx(37.5), "I-2": pytest.approx(80)}


def test_a_score_outside_the_roles_scale_names_file_row_column_and_scale(db_url, tmp_path):
    bad = [dict(row) for row in SCORES]
    bad[2]["score"] = 45  # written on 0–100 by mistake
    with pytest.raises(ImportFailed) as err:
        import_paths(db_url, [_company(tmp_path / "acme", bad)])
    message = str(err.value)
    assert "competency_scores.csv row 3, column score" in message and "outside the 1-5 scale" in message
    assert "support_agent's score_scale" in message and "`scale` column" in message
    with Session(get_engine(db_url)) as session:
        assert session.exec(select(Role).where(Role.key == "support_agent")).first() is None  # nothing kept


def test_a_minimum_outside_the_declared_scale_is_refused(db_url, tmp_path):
    role = json.loads(json.dumps(ROLE))
    role["competencies"][0]["minimum"] = 60
    folder = tmp_path / "acme"
    folder.mkdir()
    (folder / "roles.json").write_text(json.dumps([role]), encoding="utf-8")
    with pytest.raises(ImportFailed, match=r"empathy.minimum: 60 is outside the 1-5 scale"):
        import_paths(db_url, [folder])


@pytest.mark.parametrize("lang,expected", [("en", "(2/5)"), ("zh", "(2/5)")])
def test_the_interview_answer_shows_the_companys_scale_beside_0_100(db_url, tmp_path, lang, expected):
    import_paths(db_url, [_company(tmp_path / "acme", SCORES)])
    assistant = Assistant(make_settings(db_url))
    result = call_tool(assistant, HR, "score_interview", {"interview": "I-1"})
    assert result.score_scale == "1-5" and result.scale_high == 5
    empathy = next(c for c in result.competencies if c.key == "empathy")
    assert (empathy.score, empathy.shown_score, empathy.shown_required) == (pytest.approx(25), 2, 3)
    turn = assistant.ask(HR, "Show the scores of interview I-1" if lang == "en" else "面试 I-1 的得分是多少？")
    assert turn.tool_calls and turn.tool_calls[0].tool == "score_interview", turn.answer
    assert expected in turn.answer and "(3/5)" in turn.answer, turn.answer
