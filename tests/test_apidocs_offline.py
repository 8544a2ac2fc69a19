"""/docs and /redoc render in headless chromium with every request outside the server refused (no network).

UPDATE_SCREENSHOTS=1 also writes docs/img/swagger-offline.png (linked from docs/web.md)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.browser import launch, needs_chromium
from tests.conftest import make_settings
from tests.live_server import serve

SCREENSHOT = Path(__file__).resolve().parents[1] / "docs" / "img" / "swagger-offline.png"
pytestmark = [pytest.mark.slow, needs_chromium]


@pytest.fixture(scope="module")
def offline(tmp_path_factory):
    """A live server and a browser whose requests to anywhere but that server are aborted and recorded."""
    from playwright.sync_api import sync_playwright

    from candor.migrate import upgrade
    from candor.settings import DEV_STAFF_TOKENS
    from integrations.web.app import create_app

    folder = tmp_path_factory.mktemp("apidocs")
    url = f"sqlite:///{folder / 'candor.db'}"
    upgrade(url)
    # The development tokens configured, but CANDOR_ENV=test: the home page must not offer them.
    settings = make_settings(url, CANDOR_DATA_DIR=str(folder), CANDOR_STAFF_TOKENS=json.dumps(DEV_STAFF_TOKENS))
    with serve(create_app(settings)) as base, sync_playwright() as pw:
        browser = launch(pw)
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        refused: list[str] = []

        def only_the_server(route):
            if route.request.url.startswith(base):
                return route.continue_()
            refused.append(route.request.url)
            return route.abort("internetdisconnected")

        context.route("**/*", only_the_server)
        yield base, context, refused
        browser.close()


@pytest.fixture
def page(offline):
    """A new page on the server; nothing it loads may have needed the network."""
    base, context, refused = offline
    refused.clear()
    page = context.new_page()
    page.base = base
    yield page
    assert refused == [], refused
    page.close()


def test_swagger_ui_renders_the_api_with_no_network(page):
    assert page.goto(f"{page.base}/docs").status == 200
    page.locator(".opblock-summary-path").first.wait_for(timeout=20_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/chat" in paths and "/api/interviews" in paths, paths
    assert page.locator(".info .title").inner_text().startswith("Candor")
    if os.environ.get("UPDATE_SCREENSHOTS"):
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT), full_page=False)


def test_redoc_renders_the_api_with_no_network(page):
    assert page.goto(f"{page.base}/redoc").status == 200
    page.locator("h1:has-text('Candor')").first.wait_for(timeout=30_000)
    assert page.get_by_text("Ask Candor a question").count() > 0  # the operations are listed (menu and body)


def test_the_home_page_says_where_things_are_in_both_languages(page):
    assert page.goto(f"{page.base}/").status == 200
    text = page.locator("body").inner_text()
    for expected in ("API documentation", "candidate-link", "CANDOR_STAFF_TOKENS", "app.py chat", "API 文档",
                     "候选人页面", "员工令牌"):
        assert expected in text, expected
    assert "dev-hr-token" not in text  # configured, but outside development no development token is offered
    page.locator("a[href='/docs']").first.click()
    page.locator(".opblock-summary-path").first.wait_for(timeout=20_000)
