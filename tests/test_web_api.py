"""The staff chat API over real HTTP: auth, validation, answers with tool results, follow-ups."""

from __future__ import annotations

import httpx
import pytest

from integrations.web.app import create_app
from tests.conftest import make_settings
from tests.live_server import serve

TOKEN = "recruiter-token-0123456789"


@pytest.fixture(scope="module")
def base_url(request):
    url = request.getfixturevalue("seeded_sqlite_url")
    settings = make_settings(url, CANDOR_STAFF_TOKENS=f'{{"{TOKEN}": {{"id": "rita", "audience": "recruiter"}}}}')
    with serve(create_app(settings)) as base:
        yield base


def post(base, body, token=TOKEN, **kw):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.post(f"{base}/api/chat", json=body, headers=headers, timeout=30, **kw)


def test_health_and_openapi(base_url):
    health = httpx.get(f"{base_url}/healthz")
    assert health.status_code == 200 and health.json()["database"] == "ok"
    spec = httpx.get(f"{base_url}/openapi.json").json()
    assert "/api/chat" in spec["paths"]
    assert httpx.get(f"{base_url}/docs").status_code == 200


def test_chat_answers_with_tool_results(base_url):
    response = post(base_url, {"message": "市场策划近3个月的AI面试失败率是多少？主要原因是什么？"})
    assert response.status_code == 200, response.text
    body = response.json()
    call = body["tool_calls"][0]
    assert call["tool"] == "failure_stats" and abs(call["result"]["failure_rate"] - 50) <= 5
    assert f"{call['result']['failure_rate']}%" in body["answer"]
    assert body["language"] == "zh"

    follow = post(base_url, {"message": "And for Sales Manager?", "conversation_id": body["conversation_id"]}).json()
    assert follow["conversation_id"] == body["conversation_id"]
    assert follow["tool_calls"][0]["arguments"]["role"] == "sales_manager"


@pytest.mark.parametrize("token", [None, "wrong-token"])
def test_missing_or_wrong_token_is_401(base_url, token):
    response = post(base_url, {"message": "Failure rate for Sales Manager?"}, token=token)
    assert response.status_code == 401
    assert "bearer token" in response.json()["detail"]
    assert response.headers["www-authenticate"] == "Bearer"


def test_dev_token_is_not_accepted_outside_development(base_url):
    assert post(base_url, {"message": "hi"}, token="dev-hr-token").status_code == 401


@pytest.mark.parametrize("body", [{}, {"msg": "hi"}, {"message": 42}, {"message": "hi", "conversation_id": "x" * 65}])
def test_malformed_body_is_422(base_url, body):
    assert post(base_url, body).status_code == 422


def test_not_json_is_422(base_url):
    response = httpx.post(f"{base_url}/api/chat", content=b"not json", timeout=10,
                          headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    assert response.status_code == 422


@pytest.mark.parametrize("message", ["", "   \n "])
def test_empty_message_is_400_with_a_clear_message(base_url, message):
    response = post(base_url, {"message": message})
    assert response.status_code == 400
    assert "empty" in response.json()["detail"]


def test_an_oversized_body_is_refused_before_it_is_read_or_the_token_checked(seeded_sqlite_url):
    import httpx

    from integrations.web.app import create_app
    from tests.conftest import make_settings
    from tests.live_server import serve

    settings = make_settings(seeded_sqlite_url, CANDOR_BODY_MAX_KB="64")
    with serve(create_app(settings)) as base:
        big = b'{"message": "' + b"x" * (2 * 1024 * 1024) + b'"}'
        declared = httpx.post(f"{base}/api/chat", content=big, headers={"Content-Type": "application/json"}, timeout=30)
        assert declared.status_code == 413 and declared.json()["detail"]["error"] == "body_too_large"
        assert "CANDOR_BODY_MAX_KB" in declared.json()["detail"]["message"]

        def chunks():  # no Content-Length: counted as it arrives
            for _ in range(64):
                yield b"x" * 4096

        streamed = httpx.post(f"{base}/api/chat", content=chunks(), headers={"Content-Type": "application/json"},
                              timeout=30)
        assert streamed.status_code == 413
        small = httpx.post(f"{base}/api/chat", json={"message": "hi"}, timeout=30)
        assert small.status_code == 401  # within the limit: on to the token check as before
