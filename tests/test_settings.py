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
