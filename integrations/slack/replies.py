"""How an answer gets back to Slack: a "working…" status, then the answer; one error boundary.

Two reply styles: in a conversation (a thread or a DM, via chat.postMessage then chat.update) and
to a slash command (ephemeral, via its response_url). Logs carry Slack ids only, never message text
or channel names.
"""

from __future__ import annotations

import logging
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, Protocol

from assistant.agent import MessageError
from assistant.memory import ConversationError
from candor.language import language_of
from candor.principal import Principal
from integrations.slack.render import charts_of, render_turn
from integrations.slack.runtime import SlackRuntime

log = logging.getLogger("candor.slack")

REFUSAL = ("Sorry, Candor is only open to HR managers and recruiters who have been given access, and your Slack "
           "account is not on the list. If you need it, ask your Candor administrator to add you.\n"
           "抱歉，Candor 仅向已开通权限的 HR 经理和招聘人员开放，你的 Slack 账号尚未开通。如需使用，请联系 Candor 管理员。")
WORKING = {"en": ":hourglass_flowing_sand: Working on it…", "zh": ":hourglass_flowing_sand: 正在处理…"}
FAILED = {"en": "Sorry, something went wrong on my side while answering this (reference {ref}). It has been "
                "logged; please try again in a minute.",
          "zh": "抱歉，处理时出现内部错误（编号 {ref}），已记录，请稍后再试。"}


class Reply(Protocol):
    def working(self, language: str) -> None: ...
    def final(self, text: str, blocks: list[dict]) -> None: ...
    def notice(self, text: str) -> None: ...
    def upload(self, path: Path, title: str) -> None: ...


class ConversationReply:
    """In a channel thread or a DM: a status message that the answer then replaces."""

    def __init__(self, client: Any, channel: str, thread_ts: str | None):
        self.client, self.channel, self.thread_ts = client, channel, thread_ts
        self.status_ts: str | None = None

    def working(self, language: str) -> None:
        posted = self.client.chat_postMessage(channel=self.channel, thread_ts=self.thread_ts, text=WORKING[language])
        self.status_ts = posted.get("ts")

    def final(self, text: str, blocks: list[dict]) -> None:
        if self.status_ts:
            self.client.chat_update(channel=self.channel, ts=self.status_ts, text=text, blocks=blocks)
        else:
            self.client.chat_postMessage(channel=self.channel, thread_ts=self.thread_ts, text=text, blocks=blocks)

    def notice(self, text: str) -> None:
        self.final(text, [{"type": "section", "text": {"type": "plain_text", "text": text[:3000]}}])

    def upload(self, path: Path, title: str) -> None:
        self.client.files_upload_v2(channel=self.channel, thread_ts=self.thread_ts, file=str(path),
                                    filename=path.name, title=title)


def direct_channel(client: Any, user: str | None) -> str:
    """The direct-message channel between Candor and `user` (opened if need be)."""
    return client.conversations_open(users=user)["channel"]["id"]


class CommandReply:
    """To /candor: only the person who asked sees it (the ack already said "working…"), files included: a
    chart goes to the asker's direct messages, never into the channel."""

    def __init__(self, respond: Callable[..., Any], client: Any, channel: str, user: str | None = None):
        self.respond, self.client, self.channel, self.user = respond, client, channel, user

    def working(self, language: str) -> None:
        pass

    def final(self, text: str, blocks: list[dict]) -> None:
        self.respond(text=text, blocks=blocks, response_type="ephemeral", replace_original=False)

    def notice(self, text: str) -> None:
        self.respond(text=text, response_type="ephemeral", replace_original=False)

    def upload(self, path: Path, title: str) -> None:
        self.client.files_upload_v2(channel=direct_channel(self.client, self.user), file=str(path),
                                    filename=path.name, title=title)
        self.notice(f":bar_chart: {title}: sent to you in a direct message · 图表已私信发送给您")


@contextmanager
def boundary(surface: str, ids: dict[str, Any], notify: Callable[[str], None], language: str = "en") -> Iterator[None]:
    """The one error boundary per handler: log with ids and a reference, tell the user, never go silent."""
    started = time.perf_counter()
    try:
        yield
    except Exception as exc:
        ref = uuid.uuid4().hex[:8]
        log.error("slack %s failed ref=%s %s error=%s", surface, ref, _ids(ids), type(exc).__name__, exc_info=True)
        try:
            notify(FAILED.get(language, FAILED["en"]).format(ref=ref))
        except Exception:
            log.error("slack %s could not post the failure notice ref=%s %s", surface, ref, _ids(ids), exc_info=True)
    else:
        log.info("slack %s done %s ms=%.0f", surface, _ids(ids), (time.perf_counter() - started) * 1000)


def _ids(ids: dict[str, Any]) -> str:
    return " ".join(f"{k}={v}" for k, v in ids.items() if v)


def answer(rt: SlackRuntime, reply: Reply, principal: Principal, text: str, conversation: str,
           ids: dict[str, Any]) -> None:
    """Ask the assistant and post the rendered answer (and any chart) through `reply`."""
    language = language_of(text)
    reply.working(language)
    try:
        turn = rt.assistant.ask(principal, text, conversation)
    except (MessageError, ConversationError) as exc:  # the user can fix these: say how
        log.info("slack question refused %s reason=%s", _ids(ids), type(exc).__name__)
        reply.notice(str(exc))
        return
    body, blocks = render_turn(turn)
    reply.final(body, blocks)
    for path, title in charts_of(turn):
        reply.upload(path, title)
    ids.update(conversation=turn.conversation_id, tools=",".join(c.tool for c in turn.tool_calls) or "-",
               answer_ms=turn.duration_ms)
