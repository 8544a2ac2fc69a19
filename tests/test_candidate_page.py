"""The candidate page in a real browser (Debian's chromium via Playwright) against a real uvicorn server."""

from __future__ import annotations

import json

import httpx
import pytest
from sqlmodel import Session, select

from assistant.agent import Assistant
from candor.models import CandidateRequest
from tests.browser import launch, needs_chromium
from tests.candidate_fixtures import HR, STAFF, built_once, copy_of
from tests.conftest import make_settings
from tests.live_server import serve

pytestmark = [pytest.mark.slow, needs_chromium]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A live server over a copy of the candidates' company, and a browser."""
    from playwright.sync_api import sync_playwright

    from integrations.web.app import create_app

    folder = tmp_path_factory.mktemp("candidate-page")
    company = copy_of(built_once(folder), folder)
    settings = make_settings(company.url, CANDOR_DATA_DIR=str(folder / "data"),
                             CANDOR_STAFF_TOKENS=json.dumps(STAFF))
    assistant = Assistant(settings)
    with serve(create_app(settings, assistant)) as base, sync_playwright() as pw:
        browser = launch(pw)
        yield base, company, assistant, browser
        browser.close()


def _link(base: str, external_id: str) -> str:
    reply = httpx.post(f"{base}/api/candidates/{external_id}/link", headers=HR, json={"base_url": base})
    assert reply.status_code == 200, reply.text
    return reply.json()["url"]


def test_a_candidate_reads_feedback_asks_and_requests_a_review(site):
    base, company, assistant, browser = site
    page = browser.new_page(viewport={"width": 390, "height": 844})  # a phone
    response = page.goto(_link(base, "C000101"))
    assert response.status == 200 and page.locator("html").get_attribute("lang") == "en"
    letter = page.locator("#feedback-body .letter")
    letter.wait_for()
    assert "Your negotiation score was 65, below the 80" in letter.inner_text()
    assert "Negotiation: your score 65, required 80" in page.locator("#feedback-body .gaps").inner_text()
    assert "used, with your consent" in page.locator("#data-list").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # no sideways scrolling

    # A follow-up typed with the keyboard: the labelled input, then Enter.
    page.get_by_label("Your question").fill("What should I practise?")
    page.keyboard.press("Enter")
    answer = page.locator("#chat-log li.assistant[data-answered]").last
    answer.wait_for()
    assert "Getting to Yes" in answer.inner_text() and "required 80" in answer.inner_text()

    page.get_by_role("button", name="Ask for a human review").click()
    page.locator("#request-status").filter(has_text="human review").wait_for()
    page.locator("#request-list li").filter(has_text="Human review").wait_for()
    assert page.get_by_role("button", name="Ask for a human review").is_disabled()  # one open request at a time
    with Session(assistant.engine) as session:
        rows = session.exec(select(CandidateRequest).where(CandidateRequest.candidate_id == company.alice.id)).all()
    assert [(r.kind, r.status) for r in rows] == [("human_review", "open")]
    page.close()


def test_chinese_page_and_the_language_switch(site):
    base, company, assistant, browser = site
    page = browser.new_page()
    page.goto(_link(base, "C000102"))
    assert page.locator("html").get_attribute("lang") == "zh"
    page.locator("#feedback-body .letter").wait_for()
    assert page.locator("h1").inner_text() == "您的面试反馈"
    assert "用户需求洞察：您的得分 60，要求 80" in page.locator("#feedback-body").inner_text()
    page.get_by_role("button", name="我哪里需要提高？").click()
    answer = page.locator("#chat-log li.assistant[data-answered]").last
    answer.wait_for()
    assert "《用户体验要素》" in answer.inner_text()
    page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Your interview feedback"
    assert page.get_by_role("button", name="English").get_attribute("aria-pressed") == "true"
    page.close()


def test_a_tampered_link_shows_the_error_page(site):
    base, company, assistant, browser = site
    url = _link(base, "C000101")
    page = browser.new_page()
    response = page.goto(url[:-4] + ("AAAA" if not url.endswith("AAAA") else "BBBB"))
    assert response.status == 401
    text = page.locator("main").inner_text()
    assert "This link is not valid" in text and "此链接无效" in text
    assert "Alice" not in page.content() and "negotiation" not in page.content().lower()
    page.close()
