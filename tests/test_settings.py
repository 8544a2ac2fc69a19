"""Settings are validated at start-up, with errors that name the variable."""

from __future__ import annotations

import pytest

from candor.settings import SettingsError, load_settings


def test_defaults_are_the_embedded_single_machine_setup():
    s = load_settings(_env_file=None, CANDOR_ENV="development")
    assert s.provider == "embedded"
    assert s.database_url.startswith("sqlite:///") and s.database_url.endswith("data/candor.db")
    assert "dev-hr-token" in s.staff_tokens


def test_production_refuses_placeholder_tokens():
    with pytest.raises(SettingsError, match="placeholder or short token"):
        load_settings(_env_file=None, CANDOR_ENV="production",
                      CANDOR_STAFF_TOKENS='{"changeme": {"id": "a", "audience": "hr_manager"}}')


def test_tokens_must_be_json_with_known_audiences():
    with pytest.raises(SettingsError, match="CANDOR_STAFF_TOKENS"):
        load_settings(_env_file=None, CANDOR_STAFF_TOKENS="token=abc")
    with pytest.raises(SettingsError, match="audience"):
        load_settings(_env_file=None, CANDOR_STAFF_TOKENS='{"t0123456789abcdefg": {"id": "a", "audience": "ceo"}}')


def test_environment_variables_are_read(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
    monkeypatch.setenv("CANDOR_PROVIDER", "openai")
    s = load_settings(_env_file=None)
    assert s.database_url.startswith("postgresql://") and s.provider == "openai"


def test_every_file_path_follows_the_data_folder_unless_set_itself(tmp_path):
    from candor.settings import load_settings

    s = load_settings(_env_file=None, CANDOR_DATA_DIR=str(tmp_path), CANDOR_MEDIA_DIR="/srv/candor-media")
    assert (s.reports_dir, s.chroma_path, s.embedding_onnx_dir) == (tmp_path / "reports", tmp_path / "chroma",
                                                                    tmp_path / "models")
    assert str(s.media_dir) == "/srv/candor-media" and s.database_url == f"sqlite:///{tmp_path / 'candor.db'}"


def test_every_setting_is_documented_with_its_variable():
    """Each environment variable Candor reads appears in the README or a page under docs/."""
    from pathlib import Path

    from candor.settings import Settings

    root = Path(__file__).resolve().parent.parent
    text = (root / "README.md").read_text("utf-8") + "".join(p.read_text("utf-8") for p in (root / "docs").glob("*.md"))
    missing = [f.alias for f in Settings.model_fields.values() if f.alias and f.alias not in text]
    assert missing == [], f"document these settings in README.md or docs/: {missing}"
