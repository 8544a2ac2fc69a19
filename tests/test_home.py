"""GET /: how to get a staff token, offered only where the development tokens really work."""

from __future__ import annotations

import json

import httpx
import pytest

from candor.settings import DEV_STAFF_TOKENS
from tests.conftest import make_settings
from tests.live_server import serve


@pytest.mark.parametrize("env, offered", [("development", True), ("test", False)])
def test_the_home_page_offers_development_tokens_only_in_development(tmp_path, env, offered):
    from candor.migrate import upgrade
    from integrations.web.app import create_app

    url = f"sqlite:///{tmp_path / 'candor.db'}"
    upgrade(url)
    settings = make_settings(url, CANDOR_DATA_DIR=str(tmp_path), CANDOR_ENV=env,
                             CANDOR_STAFF_TOKENS=json.dumps(DEV_STAFF_TOKENS))
    with serve(create_app(settings)) as base:
        page = httpx.get(f"{base}/", timeout=10).text
    assert ("Bearer dev-hr-token" in page) is offered
    assert ("<code>dev-recruiter-token</code>" in page) is offered and ("开发环境可直接使用" in page) is offered
    assert ("Bearer TOKEN" in page) is not offered
