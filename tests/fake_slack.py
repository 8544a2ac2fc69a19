"""A local HTTP server standing in for Slack's Web API (and for response_url and file-upload URLs).

It stands in for Slack at the outer boundary only: Bolt's real WebClient, the listeners, the
assistant and the tools all run for real against it. Every call is recorded for the test to assert on.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable
from urllib.parse import parse_qs

BOT_USER, BOT_ID, TEAM = "U0CANDORBOT", "B0CANDORBOT", "T0CANDOR01"


@dataclass
class Call:
    method: str  # "chat.postMessage", …, "response_url", "upload"
    params: dict[str, Any]
    path: str
    reply: dict[str, Any] = field(default_factory=dict)
    at: float = field(default_factory=time.monotonic)


class FakeSlack:
    def __init__(self, token: str = "xoxb-test", app_token: str = "xapp-test"):
        self.token, self.app_token, self.calls, self.lock = token, app_token, [], threading.Lock()
        self.socket_url = ""  # what apps.connections.open hands out (Socket Mode)
        self._ts = itertools.count(1)
        self.uploads: dict[str, bytes] = {}
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep test output clean
                pass

            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if self.path.startswith("/upload/"):
                    file_id = self.path.rsplit("/", 1)[-1]
                    server.uploads[file_id] = raw
                    server._record("upload", {"file_id": file_id, "bytes": len(raw)}, self.path)
                    return self._send(200, f"OK - {len(raw)}".encode(), "text/plain")
                params = server._parse(raw, self.headers.get("Content-Type", ""))
                if self.path.startswith("/respond/"):
                    server._record("response_url", params, self.path)
                    return self._send(200, b"ok", "text/plain")
                if not self.path.startswith("/api/"):
                    return self._send(404, b"not found", "text/plain")
                method = self.path[len("/api/"):].split("?")[0]
                token = server.app_token if method == "apps.connections.open" else server.token
                if self.headers.get("Authorization") != f"Bearer {token}":
                    return self._json({"ok": False, "error": "invalid_auth"})
                reply = server._answer(method, params, f"http://{self.headers['Host']}")
                server._record(method, params, self.path, reply)
                self._json(reply)

            def _json(self, payload: dict):
                self._send(200, json.dumps(payload).encode(), "application/json; charset=utf-8")

            def _send(self, status: int, data: bytes, content_type: str):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.api_url = f"{self.base}/api/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    # ---- server side -------------------------------------------------------------------------------

    @staticmethod
    def _parse(raw: bytes, content_type: str) -> dict[str, Any]:
        if "json" in content_type:
            return json.loads(raw or b"{}")
        params: dict[str, Any] = {k: v[0] for k, v in parse_qs(raw.decode()).items()}
        for key in ("blocks", "files", "attachments"):  # the SDK form-encodes these as JSON strings
            if isinstance(params.get(key), str):
                params[key] = json.loads(params[key])
        return params

    def _record(self, method: str, params: dict, path: str, reply: dict | None = None) -> None:
        with self.lock:
            self.calls.append(Call(method, params, path, reply or {}))

    def _answer(self, method: str, params: dict, host: str) -> dict:
        if method == "auth.test":
            return {"ok": True, "url": "https://candor-test.slack.com/", "team": "Candor test", "user": "candor",
                    "team_id": TEAM, "user_id": BOT_USER, "bot_id": BOT_ID, "is_enterprise_install": False}
        if method == "apps.connections.open":
            return {"ok": True, "url": self.socket_url}
        if method == "chat.postMessage":
            ts = f"1800000000.{next(self._ts):06d}"
            return {"ok": True, "channel": params.get("channel"), "ts": ts,
                    "message": {"type": "message", "text": params.get("text"), "user": BOT_USER, "bot_id": BOT_ID,
                                "ts": ts, "thread_ts": params.get("thread_ts")}}
        if method == "chat.update":
            return {"ok": True, "channel": params.get("channel"), "ts": params.get("ts"), "text": params.get("text")}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": f"1800000000.{next(self._ts):06d}"}
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": "D" + str(params.get("users", "")).split(",")[0]}}
        if method == "files.getUploadURLExternal":
            file_id = f"F{next(self._ts):08d}"
            return {"ok": True, "upload_url": f"{host}/upload/{file_id}", "file_id": file_id}
        if method == "files.completeUploadExternal":
            return {"ok": True, "files": [{"id": f["id"], "title": f.get("title")} for f in params.get("files", [])]}
        return {"ok": False, "error": "unknown_method"}

    # ---- test side ---------------------------------------------------------------------------------

    def of(self, method: str, **match: Any) -> list[Call]:
        with self.lock:
            calls = list(self.calls)
        return [c for c in calls if c.method == method and all(c.params.get(k) == v for k, v in match.items())]

    def wait_for(self, condition: Callable[["FakeSlack"], Any], timeout: float = 20.0) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = condition(self)
            if found:
                return found
            time.sleep(0.02)
        raise AssertionError(f"Slack stand-in did not see the expected call within {timeout} s; saw "
                             f"{[c.method for c in self.calls][-20:]}")

    def __enter__(self) -> "FakeSlack":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# ---- what Slack sends: signed requests in the documented payload shapes ------------------------------

def signed_headers(secret: str, body: str, content_type: str, timestamp: int | None = None) -> dict[str, str]:
    """Slack's v0 signature: HMAC-SHA256 over "v0:{timestamp}:{body}" with the signing secret."""
    import hashlib
    import hmac

    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"Content-Type": content_type, "X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


def event_callback(event: dict, event_id: str) -> str:
    return json.dumps({
        "token": "legacy-verification-token", "team_id": TEAM, "api_app_id": "A0CANDOR01", "event": event,
        "type": "event_callback", "event_id": event_id, "event_time": int(time.time()),
        "authorizations": [{"enterprise_id": None, "team_id": TEAM, "user_id": BOT_USER, "is_bot": True,
                            "is_enterprise_install": False}],
        "is_ext_shared_channel": False, "event_context": f"4-{event_id}"})


def app_mention(user: str, text: str, channel: str, ts: str, thread_ts: str | None = None) -> dict:
    event = {"type": "app_mention", "user": user, "text": f"<@{BOT_USER}> {text}", "ts": ts, "channel": channel,
             "event_ts": ts, "client_msg_id": f"m-{ts}", "team": TEAM}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def direct_message(user: str, text: str, channel: str, ts: str, **extra: Any) -> dict:
    return {"type": "message", "user": user, "text": text, "ts": ts, "channel": channel, "event_ts": ts,
            "channel_type": "im", "client_msg_id": f"m-{ts}", "team": TEAM, **extra}


def slash_command(user: str, text: str, channel: str, response_url: str, trigger_id: str | None = None) -> str:
    """A /candor invocation; Slack gives every invocation its own trigger id (a replay repeats it)."""
    from urllib.parse import urlencode
    from uuid import uuid4

    return urlencode({"token": "legacy-verification-token", "team_id": TEAM, "team_domain": "candor-test",
                      "channel_id": channel, "channel_name": "hr-analytics", "user_id": user, "user_name": "someone",
                      "command": "/candor", "text": text, "api_app_id": "A0CANDOR01", "is_enterprise_install": "false",
                      "response_url": response_url, "trigger_id": trigger_id or f"1337.{uuid4().hex[:12]}"})


def block_actions(user: str, action_id: str, value: dict, block_id: str, channel: str, message_ts: str,
                  response_url: str, blocks: list[dict] | None = None) -> str:
    from urllib.parse import urlencode

    payload = {
        "type": "block_actions", "user": {"id": user, "username": "someone", "name": "someone", "team_id": TEAM},
        "api_app_id": "A0CANDOR01", "token": "legacy-verification-token",
        "container": {"type": "message", "message_ts": message_ts, "channel_id": channel, "is_ephemeral": False},
        "trigger_id": "1337.42.efgh", "team": {"id": TEAM, "domain": "candor-test"}, "enterprise": None,
        "is_enterprise_install": False, "channel": {"id": channel, "name": "hr-analytics"},
        "message": {"type": "message", "user": BOT_USER, "bot_id": BOT_ID, "ts": message_ts, "text": "…",
                    "blocks": blocks or []},
        "state": {"values": {}}, "response_url": response_url,
        "actions": [{"action_id": action_id, "block_id": block_id, "type": "button", "action_ts": str(time.time()),
                     "value": json.dumps(value), "text": {"type": "plain_text", "text": "Approve"}}]}
    return urlencode({"payload": json.dumps(payload)})
