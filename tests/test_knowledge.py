"""Role-profile knowledge: validation, the question bank, the Chroma index, hybrid retrieval, grounded answers."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from sqlmodel import Session, select

from candor.db import get_engine
from candor.models import CompetencyModel, Question, Role
from knowledge.catalogue import ROLES_DIR, CatalogueError, load_roles
from knowledge.passages import build_passages
from knowledge.sync import active_model, sync_catalogue, sync_role
from tests.live_server import free_port

pytest.importorskip("chromadb", reason="the knowledge extra is not installed (pip install -e '.[knowledge]')")

QUERIES = Path(__file__).parent / "data" / "retrieval_queries.yaml"


def chroma_settings(path: Path, host: str = "", port: int = 8000):
    return SimpleNamespace(chroma_path=path, chroma_host=host, chroma_port=port)


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    """One built index for the module: (client, collection, first report, second report, retriever)."""
    from knowledge.index import chroma_client, sync_index
    from knowledge.retrieval import HybridRetriever

    roles = load_roles()
    passages = build_passages(roles)
    client = chroma_client(chroma_settings(tmp_path_factory.mktemp("chroma")))
    collection, first = sync_index(client, "role_profiles", passages)
    collection, second = sync_index(client, "role_profiles", passages)
    return SimpleNamespace(client=client, collection=collection, first=first, second=second, passages=passages,
                           retriever=HybridRetriever(passages, collection, tuple(roles)))


# --- role profiles -------------------------------------------------------------------------------

def test_every_role_has_a_bilingual_profile_with_the_source_questions():
    roles = {r.key: r for r in load_roles()}
    assert len(roles) == 7
    for role in roles.values():
        assert role.summary and role.summary.en and role.summary.zh
        for comp in role.competencies:
            assert comp.definition and comp.definition.en and comp.definition.zh, (role.key, comp.key)
            assert {q.kind for q in comp.questions} == {"behavioral", "situational", "scenario"}, (role.key, comp.key)
            assert comp.resources, (role.key, comp.key)
            assert [s.level for s in comp.scale] == [1, 2, 3, 4, 5], (role.key, comp.key)
    texts = {q.text.en for r in roles.values() for c in r.competencies for q in c.questions}
    assert "Suppose a hydraulic unit suddenly fails to start: how do you troubleshoot it?" in texts
    assert "How do you handle conflict in your team?" in texts
    assert "How do you respond to the different needs of users from traditional industries?" in texts


def _broken(tmp_path: Path, edit) -> Path:
    for f in ROLES_DIR.glob("*.yaml"):
        shutil.copy(f, tmp_path / f.name)
    path = tmp_path / "field_technician.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("edit, field, problem", [
    (lambda d: d["competencies"][0]["scale"].pop(2), "competencies.0.scale", "five levels"),
    (lambda d: d["competencies"][0]["questions"][1].update(kind="trick"), "competencies.0.questions.1.kind",
     "'behavioral', 'situational' or 'scenario'"),
    (lambda d: d["competencies"][1]["definition"].pop("zh"), "competencies.1.definition.zh", "Field required"),
    (lambda d: d["competencies"][0]["scale"][0]["evidence"].update(en=None), "competencies.0.scale.0.evidence.en",
     "valid string"),
])
def test_a_bad_profile_names_the_file_and_the_field(tmp_path, edit, field, problem):
    path = _broken(tmp_path, edit)
    with pytest.raises(CatalogueError) as info:
        load_roles(tmp_path)
    message = str(info.value)
    assert str(path) in message and field in message and problem in message, message


def test_question_bank_loads_once_with_stable_ids_and_a_weight_edit_makes_a_new_version(sqlite_url):
    with Session(get_engine(sqlite_url)) as session:
        sync_catalogue(session, questions=True)
        sync_catalogue(session, questions=True)  # idempotent
        session.commit()
        questions = session.exec(select(Question)).all()
        assert len(questions) == sum(len(c.questions) for r in load_roles() for c in r.competencies)
        ids = {q.external_id for q in questions}
        assert "field_technician/equipment_troubleshooting/scenario/1" in ids
        scenario = next(q for q in questions if q.external_id == "field_technician/equipment_troubleshooting/scenario/1")
        assert scenario.text_zh == "假设一台液压站突然无法启动，你会如何排查？"

        spec = next(r for r in load_roles() if r.key == "production_supervisor")
        edited = spec.model_copy(deep=True)
        weights = {"team_management": 0.35, "technical_expertise": 0.30, "cost_control": 0.25}
        for comp in edited.competencies:
            comp.weight = weights.get(comp.key, comp.weight)
        role, model, created = sync_role(session, edited)
        session.commit()
        assert created and model.version == 2
        versions = session.exec(select(CompetencyModel).where(CompetencyModel.role_id == role.id)
                                .order_by(CompetencyModel.version)).all()
        assert [(m.version, m.active) for m in versions] == [(1, False), (2, True)]
        assert active_model(session, role.id).id == model.id
        assert sync_role(session, edited)[2] is False  # unchanged: no third version


# --- the index -----------------------------------------------------------------------------------

def test_passages_have_stable_unique_source_ids():
    passages = build_passages(load_roles())
    assert len({p.source_id for p in passages}) == len(passages) > 100
    ids = {p.source_id for p in passages}
    assert {"field_technician/questions/equipment_troubleshooting.scenario.1",
            "production_supervisor/profile/summary", "marketing_planner/resources/event_execution"} <= ids
    assert all(p.source_id.count("/") == 2 for p in passages)


def test_reindexing_unchanged_passages_embeds_nothing(index):
    assert index.first.embedded == index.first.total == len(index.passages)
    assert (index.second.embedded, index.second.unchanged, index.second.deleted) == (0, len(index.passages), 0)


def test_an_edited_passage_is_the_only_one_embedded_and_rebuild_embeds_all(index, tmp_path):
    from dataclasses import replace

    from knowledge.index import chroma_client, sync_index

    client = chroma_client(chroma_settings(tmp_path))
    few = index.passages[:12]
    sync_index(client, "edit_test", few)
    edited = [replace(few[0], text_en=few[0].text_en + " Edited."), *few[1:11]]  # one edited, one removed
    _, report = sync_index(client, "edit_test", edited)
    assert (report.embedded, report.unchanged, report.deleted) == (1, 10, 1)
    _, report = sync_index(client, "edit_test", edited, rebuild=True)
    assert report.embedded == 11


def _recall_at_3(retriever, queries) -> tuple[float, list]:
    misses = []
    for q in queries:
        got = [h.passage.source_id for h in retriever.search(q["q"], k=3)]
        if not set(got) & set(q["expect"]):
            misses.append((q["q"], got))
    return 1 - len(misses) / len(queries), misses


def test_retrieval_recall_at_3_in_both_languages(index):
    data = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    assert len(data["en"]) >= 30 and len(data["zh"]) >= 30
    assert sum(q.get("paraphrase", False) for q in data["en"] + data["zh"]) >= 14
    ids = {p.source_id for p in index.passages}
    assert all(set(q["expect"]) <= ids for q in data["en"] + data["zh"])
    results = {lang: _recall_at_3(index.retriever, data[lang]) for lang in ("en", "zh")}
    for lang, (recall, misses) in results.items():
        print(f"recall@3 {lang}: {recall:.3f} ({len(data[lang])} queries); misses: {misses}")
    for lang, (recall, misses) in results.items():
        assert recall >= 0.90, (lang, recall, misses)


def test_filters_restrict_role_section_and_competency(index):
    hits = index.retriever.search("what should they practise", role="sales_manager", section="resources", k=10)
    assert hits and all(h.passage.role == "sales_manager" and h.passage.section == "resources" for h in hits)
    hits = index.retriever.search("interview questions", competency="teamwork", section="questions", k=10)
    assert {h.passage.source_id for h in hits} == {f"product_rnd/questions/teamwork.{k}.1"
                                                   for k in ("behavioral", "situational", "scenario")}
    with pytest.raises(ValueError, match="unknown section"):
        index.retriever.search("x", section="gossip")


@pytest.mark.slow
def test_http_client_against_a_local_chroma_server(index, tmp_path):
    chroma = shutil.which("chroma") or str(Path(__import__("sys").executable).parent / "chroma")
    if not Path(chroma).exists():
        pytest.skip("the `chroma` CLI is not installed (it comes with the chromadb package)")
    from knowledge.index import chroma_client, sync_index
    from knowledge.retrieval import HybridRetriever

    port = free_port()
    server = subprocess.Popen([chroma, "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1",
                               "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        client = None
        for _ in range(150):
            try:
                client = chroma_client(chroma_settings(tmp_path, host="127.0.0.1", port=port))
                client.heartbeat()
                break
            except Exception:
                client = None
                time.sleep(0.2)
        assert client is not None, "the Chroma server did not start"
        collection, first = sync_index(client, "role_profiles", index.passages)
        _, second = sync_index(client, "role_profiles", index.passages)
        assert first.embedded == len(index.passages) and second.embedded == 0
        retriever = HybridRetriever(index.passages, collection, index.retriever.roles)
        hits = retriever.search("Suppose a hydraulic unit suddenly fails to start: how do you troubleshoot it?", k=3)
        assert hits[0].passage.source_id == "field_technician/questions/equipment_troubleshooting.scenario.1"
        assert hits[0].vector_rank is not None  # the vector side came from the server
    finally:
        server.terminate()
        server.wait(timeout=20)


# --- in the assistant ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def assistant(index, seeded_sqlite_url):
    from assistant.agent import Assistant
    from tests.conftest import make_settings

    return Assistant(make_settings(seeded_sqlite_url), knowledge=index.retriever)


def _search(turn):
    calls = [c for c in turn.tool_calls if c.tool == "search_role_profiles"]
    assert calls, turn.tool_calls
    assert calls[0].error is None, calls[0].error
    return calls[0].result


@pytest.mark.parametrize("question, expected_source", [
    ("What does a Production Supervisor need?", "production_supervisor/profile/summary"),
    ("生产主管需要哪些能力？权重是多少？", "production_supervisor/profile/summary"),
    ("Give me scenario questions for teamwork", "product_rnd/questions/teamwork.scenario.1"),
    ("What should a candidate practise for event execution?", "marketing_planner/resources/event_execution"),
])
def test_role_questions_are_answered_from_cited_passages(assistant, question, expected_source):
    from candor.principal import Principal

    turn = assistant.ask(Principal(id="ana", audience="hr_manager"), question)
    result = _search(turn)
    assert result["passages"][0]["source_id"] == expected_source
    assert f"[{expected_source}]" in turn.answer


def test_weights_in_answers_come_from_the_active_model(assistant, seeded_sqlite_url):
    from candor.principal import Principal

    turn = assistant.ask(Principal(id="ana", audience="hr_manager"), "生产主管需要哪些能力？权重是多少？")
    model = _search(turn)["models"][0]
    with Session(get_engine(seeded_sqlite_url)) as session:
        role = session.exec(select(Role).where(Role.key == "production_supervisor")).one()
        assert model["version"] == active_model(session, role.id).version
    weights = {w["competency"]: w["weight"] for w in model["weights"]}
    assert weights == {"technical_expertise": 35, "cost_control": 30, "team_management": 25, "safety_compliance": 10}
    assert "团队管理：权重 25%" in turn.answer


# --- roles described instead of named ------------------------------------------------------------

# Descriptions of the demo roles that name no alias, and jobs the company does not have. The second group
# must never be matched to a role: a wrong role would answer with another role's figures.
DESCRIBED = [
    ("the people who plan our marketing events", "marketing_planner"),
    ("engineers who design mechanical parts", "mechanical_design"),
    ("the supervisors who run our production lines", "production_supervisor"),
    ("those who build our products", "product_rnd"),
    ("software developers", "product_rnd"),
    ("负责策划市场活动的人", "marketing_planner"),
    ("车间里带班的人", "production_supervisor"),
    ("做机械设计的工程师", "mechanical_design"),
    ("负责用户增长的运营", "product_operations"),
]
NOT_OURS = ["Data Scientist", "nurses", "airline pilots", "the accountants", "our warehouse pickers", "lawyers",
            "the people who cook in our canteen", "护士", "律师", "做财务的人"]


@pytest.mark.parametrize("description, role", DESCRIBED)
def test_a_described_role_is_found_by_meaning(description, role):
    from knowledge.role_finder import find_role

    assert find_role(description).role_key == role


@pytest.mark.parametrize("description", NOT_OURS)
def test_jobs_we_do_not_have_are_never_matched(description):
    from knowledge.role_finder import find_role

    assert find_role(description).role_key is None


def test_statistics_for_a_described_role_say_which_role_they_are(assistant):
    from candor.principal import Principal

    turn = assistant.ask(Principal(id="ana", audience="hr_manager"),
                         "What is the failure rate for the supervisors who run our production lines in the last 3 months?")
    call = next(c for c in turn.tool_calls if c.tool == "failure_stats")
    assert call.error is None, call.error
    assert call.result["role"]["key"] == "production_supervisor"
    assert "I took “the supervisors who run our production lines” to mean Production Supervisor" in turn.answer
    zh = assistant.ask(Principal(id="ana", audience="hr_manager"), "车间里带班的人近3个月的失败率是多少？")
    call = next(c for c in zh.tool_calls if c.tool == "failure_stats")
    assert call.result["role"]["key"] == "production_supervisor"
    assert "理解为生产主管" in zh.answer


def test_an_unclear_description_gets_a_question_back_not_another_roles_figures(assistant):
    from candor.principal import Principal

    turn = assistant.ask(Principal(id="ana", audience="hr_manager"),
                         "What is the failure rate for the people who cook in our canteen?")
    call = next(c for c in turn.tool_calls if c.tool == "failure_stats")
    assert call.error and call.error["error"] == "unknown_role"
    assert "couldn't tell which role" in turn.answer and "%" not in turn.answer


# --- the query encoder through onnxruntime -------------------------------------------------------

@pytest.fixture(scope="module")
def onnx_dir(tmp_path_factory):
    from knowledge.onnx_encoder import export

    directory = tmp_path_factory.mktemp("onnx")
    export("", directory)
    return directory


def test_onnx_query_vectors_equal_the_sentence_transformers_ones(onnx_dir):

    from knowledge.minilm import load_model
    from knowledge.onnx_encoder import OnnxEncoder, onnx_file

    texts = [q["q"] for q in yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["en"][:12]] + ["a", "x " * 400]
    onnx = OnnxEncoder("", onnx_file("", onnx_dir)).encode(texts)
    torch_side = load_model("").encode(texts, normalize_embeddings=True, show_progress_bar=False)
    cosines = (onnx * torch_side).sum(axis=1)
    assert cosines.min() > 0.9999, cosines  # long inputs are truncated at the model's 256 tokens, as in ST


def test_a_knowledge_question_does_not_load_torch(index, onnx_dir, seeded_sqlite_url, tmp_path):
    """The cold path of a role question: tokenizers + onnxruntime only, when the index and export exist."""
    import subprocess
    import sys

    from tests.conftest import copy_sqlite

    seeded_sqlite_url = copy_sqlite(seeded_sqlite_url, tmp_path / "copy.db")  # the subprocess writes its turn

    chroma_path = Path(index.client.get_settings().persist_directory)
    script = (
        "import sys; from assistant.agent import Assistant; from candor.principal import Principal; "
        "from tests.conftest import make_settings; "
        f"s = make_settings({seeded_sqlite_url!r}, CHROMA_PATH={str(chroma_path)!r}, "
        f"CANDOR_EMBEDDING_ONNX_DIR={str(onnx_dir)!r}); "
        "t = Assistant(s).ask(Principal(id='ana', audience='hr_manager'), "
        "'What should a candidate practise for event execution?'); "
        "print('TORCH' if 'torch' in sys.modules else 'NO-TORCH'); print(t.answer)")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=180,
                         cwd=Path(__file__).parents[1])
    assert out.returncode == 0, out.stderr[-2000:]
    assert "NO-TORCH" in out.stdout and "[marketing_planner/resources/event_execution]" in out.stdout, out.stdout


def test_a_described_role_in_a_statistics_question_does_not_load_torch(onnx_dir, seeded_sqlite_url, tmp_path):
    """Role descriptions are embedded with the configured model's ONNX export, as retrieval queries are."""
    import subprocess
    import sys

    from tests.conftest import copy_sqlite

    seeded_sqlite_url = copy_sqlite(seeded_sqlite_url, tmp_path / "copy.db")  # the subprocess writes its turn
    script = (
        "import sys; from assistant.agent import Assistant; from candor.principal import Principal; "
        "from tests.conftest import make_settings; "
        f"s = make_settings({seeded_sqlite_url!r}, CANDOR_EMBEDDING_ONNX_DIR={str(onnx_dir)!r}); "
        "t = Assistant(s).ask(Principal(id='ana', audience='hr_manager'), "
        "'What is the failure rate for the supervisors who run our production lines in the last 3 months?'); "
        "print('TORCH' if 'torch' in sys.modules else 'NO-TORCH'); print(t.answer)")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=180,
                         cwd=Path(__file__).parents[1])
    assert out.returncode == 0, out.stderr[-2000:]
    assert "NO-TORCH" in out.stdout and "to mean Production Supervisor" in out.stdout, out.stdout
