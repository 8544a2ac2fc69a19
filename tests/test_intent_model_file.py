"""The intent model's file: read back exactly as written, refused with a clear error when it is not one, and
chosen by CANDOR_INTENT_MODEL."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from assistant.planner.catalogue import catalogue_hash
from assistant.planner.classifier import (
    MODEL_FILE,
    IntentModel,
    features,
    load_model,
    mask,
    save_model,
)
from assistant.planner.nlu_eval import shipped_names

ROOT = Path(__file__).resolve().parents[1]


def _tiny(intent_weight: dict[str, list[float]]) -> IntentModel:
    """A two-intent model over word features, built as `train` returns it."""
    return IntentModel({"intents": ["failure_stats", "help"], "catalogue_hash": catalogue_hash(), "splits_hash": "y",
                        "threshold": 0.5, "intercepts": [0.0, 0.0],
                        "idf": {name: 1.0 for name in intent_weight}, "weights": intent_weight})


def test_the_shipped_file_reads_back_to_the_same_bytes_and_the_same_probabilities(tmp_path):
    shipped = load_model()
    assert shipped.to_bytes() == MODEL_FILE.read_bytes()
    copy = tmp_path / "copy.bin"
    save_model(shipped, copy)
    again = load_model(copy)
    message = mask("What share of Sales Manager candidates failed last quarter?", shipped_names())
    assert again.probabilities(message) == shipped.probabilities(message)
    assert again.features == shipped.features and len(again.weights) == len(shipped.features) * len(shipped.intents)


def test_a_small_model_written_and_read_keeps_its_weights_to_16_bits(tmp_path):
    model = _tiny({"w:rate": [2.0, -2.0], "w:help": [-1.5, 1.5], "w:what": [0.01, 0.0]})
    path = tmp_path / "tiny.bin"
    save_model(model, path)
    read = load_model(path)
    assert read.intents == ["failure_stats", "help"] and read.threshold == 0.5
    for message in ("rate", "help", "what rate help"):  # the same 16-bit weights in memory and on disk
        assert read.probabilities(message) == model.probabilities(message)
    assert max(abs(w * read.scale - x) for w, x in zip(read.weights, (2.0, -2.0, -1.5, 1.5, 0.01, 0.0))) <= read.scale
    assert read.probabilities("rate")[0][0] == "failure_stats"
    assert read.probabilities("help")[0][0] == "help"
    assert set(features("rate")) & set(read.index)


def test_a_file_cut_short_or_of_another_kind_is_refused_with_how_to_rebuild_it(tmp_path):
    path = tmp_path / "cut.bin"
    whole = MODEL_FILE.read_bytes()
    for cut in (40, 100_000, len(whole) - 1):  # inside the header, the names, the weights
        path.write_bytes(whole[:cut])
        with pytest.raises(ValueError, match="cut short.*nlu train"):
            load_model.cache_clear() or load_model(path)
    other = tmp_path / "other.bin"
    other.write_bytes(b'{"intents": []}')
    with pytest.raises(ValueError, match="not a Candor intent model.*nlu train"):
        load_model(other)


def _ask(question: str, url: str, **env: str) -> subprocess.CompletedProcess:
    import os

    environment = {**os.environ, "CANDOR_ENV": "test", "DATABASE_URL": url, **env}
    return subprocess.run([sys.executable, "app.py", "ask", question], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=120)


def test_candor_intent_model_chooses_the_model_a_chat_turn_uses(tmp_path, seeded_sqlite_url):
    # A model that reads everything as a request for help: the answer is the help text, not a failure rate.
    path = tmp_path / "always-help.bin"
    save_model(_tiny({"w:failure": [-5.0, 5.0], "w:rate": [-5.0, 5.0]}), path)
    out = _ask("failure rate please", seeded_sqlite_url, CANDOR_INTENT_MODEL=str(path))
    assert out.returncode == 0, out.stderr
    shipped = _ask("failure rate please", seeded_sqlite_url)
    assert out.stdout.startswith("I turn AI-interview results into answers")  # the help text
    assert not shipped.stdout.startswith("I turn AI-interview results into answers")
    assert "trained on another version" not in out.stdout + out.stderr


def test_a_missing_or_foreign_model_file_is_a_clear_error_not_a_traceback(tmp_path, seeded_sqlite_url):
    missing = _ask("failure rate please", seeded_sqlite_url, CANDOR_INTENT_MODEL=str(tmp_path / "nowhere.bin"))
    assert missing.returncode == 2
    assert "CANDOR_INTENT_MODEL" in missing.stderr and "nlu train --output" in missing.stderr
    assert "Traceback" not in missing.stderr
    foreign = tmp_path / "notes.bin"
    foreign.write_text("not a model")
    wrong = _ask("failure rate please", seeded_sqlite_url, CANDOR_INTENT_MODEL=str(foreign))
    assert wrong.returncode == 2 and "not a Candor intent model" in wrong.stderr
    assert "Traceback" not in wrong.stderr
