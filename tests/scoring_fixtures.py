"""Shared by the scoring-pipeline, job-queue and interview-API tests: a catalogue DB and interview payloads."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from sqlmodel import Session, select

from candor.db import get_engine
from candor.models import CompetencyModel
from knowledge.sync import sync_catalogue

MD = "mechanical_design/{}/behavioral/1"
STRONG = {
    "structural_design": "At my last company I was responsible for a motor bracket for a packaging line. I designed it "
                         "for assembly with two bolts instead of six, set the tolerances with GD&T and cut assembly "
                         "time by 25%. I also wrote our design checklist, which the whole team now uses in reviews.",
    "finite_element_analysis": "Last year I had to validate a welded frame before prototyping. I set realistic loads "
                               "and boundary conditions in ANSYS, ran a mesh convergence study and compared the peak "
                               "stress with a beam-theory hand calculation; they agreed within 6%. After a fatigue "
                               "analysis I changed the gussets and reduced the mass by 15%.",
    "problem_solving": "A shaft broke in the field twice in one month. I collected the broken parts, checked the "
                       "fracture surface and found fatigue starting at the keyway. I tested the hypothesis with a "
                       "stress calculation, changed the keyway radius and there were zero failures in the next year.",
    "communication": "When manufacturing disagreed with my tolerances, I organised a meeting with the supplier, "
                     "showed the stack-up analysis and we agreed a change within two days. I now run a monthly "
                     "review with the suppliers so drawings are released with no queries.",
}


def catalogue(url: str) -> str:
    """Roles, competency models and the question bank (what `python app.py index` loads), no embeddings index."""
    with Session(get_engine(url)) as session:
        sync_catalogue(session, questions=True)
        session.commit()
    return url


def deactivate_models(url: str) -> None:
    """No role has an active competency model: nothing to score against."""
    with Session(get_engine(url)) as session:
        for model in session.exec(select(CompetencyModel)):
            model.active = False
            session.add(model)
        session.commit()


_TEMPLATE: list[Path] = []


def catalogue_sqlite(folder: Path) -> str:
    """A copy of a migrated SQLite database with the catalogue, built once per process (saves ~2 s a test)."""
    from candor.migrate import upgrade

    if not _TEMPLATE:
        path = Path(tempfile.mkdtemp(prefix="candor-catalogue-")) / "template.db"
        upgrade(f"sqlite:///{path}")
        catalogue(f"sqlite:///{path}")
        get_engine(f"sqlite:///{path}").dispose()  # checkpoints the WAL into the file
        _TEMPLATE.append(path)
    target = Path(folder) / "candor.db"
    shutil.copy(_TEMPLATE[0], target)
    return f"sqlite:///{target}"


def interview_payload(external_id: str = "IV-1", *, answers: dict[str, str] | None = None, media: dict | None = None,
                      skills=("finite_element_analysis", "3d_modelling", "engineering_drawing", "tolerance_analysis"), claims=(), consent=False,
                      role: str = "Mechanical Design") -> dict:
    """A Mechanical Design interview: one answer per competency (typed transcript), `media` adds files by competency."""
    answers = STRONG if answers is None else answers
    rows = [{"question": MD.format(key), "transcript": text} for key, text in answers.items()]
    for key, name in (media or {}).items():
        row = next((r for r in rows if r["question"] == MD.format(key)), None)
        if row is None:
            rows.append(row := {"question": MD.format(key)})
        row["media"] = name
    return {"external_id": external_id, "role": role,
            "candidate": {"external_id": f"C-{external_id}", "language": "en", "skills": list(skills),
                          "years_experience": 6, "past_roles": ["Mechanical Engineer"], "claims": list(claims),
                          "face_consent": consent},
            "answers": rows}
