"""Buttons: approve or reject a competency proposal, approve a feedback draft, get a report as CSV.

Every click is checked against the clicking user's audience before anything runs; the tool behind
the button checks again and writes the audit event. A refused click changes nothing and is audited.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Callable

from slack_bolt import App

from assistant.actions import ActionUnavailable, record_denied, run_tool
from assistant.agent import MessageError
from assistant.memory import ConversationError
from candor.principal import Principal
from integrations.slack.render import render_turn
from integrations.slack.replies import REFUSAL, boundary, direct_channel
from integrations.slack.runtime import SlackRuntime
from tools.base import ToolError


@dataclass(frozen=True)
class Button:
    tool: str
    audiences: tuple[str, ...]
    arguments: Callable[[dict], dict]
    done: tuple[str, str]  # the outcome line, English and Chinese
    upload: str | None = None  # a result field naming a file to upload into the thread instead


BUTTONS: dict[str, Button] = {
    "candor_proposal_approve": Button(
        "decide_proposal", ("hr_manager",),
        lambda v: {"proposal_id": int(v["proposal_id"]), "decision": "approve", "note": "Approved in Slack"},
        ("approved", "已批准")),
    "candor_proposal_reject": Button(
        "decide_proposal", ("hr_manager",),
        lambda v: {"proposal_id": int(v["proposal_id"]), "decision": "reject", "note": "Rejected in Slack"},
        ("rejected", "已驳回")),
    "candor_feedback_approve": Button(  # tools/draft_feedback.py: draft → approved, audited
        "review_feedback", ("hr_manager", "recruiter"), lambda v: {"draft_id": int(v["draft_id"]), "action": "approve"},
        ("approved", "已批准")),
    # The report is built again as the clicker (audience-checked, audited); the button never carries a path.
    "candor_report_csv": Button(
        "build_report", ("hr_manager", "recruiter"),
        lambda v: {k: v.get(k) for k in ("role", "period", "language")}, ("CSV sent", "已发送 CSV"),
        upload="csv_path"),
}
AUDIENCE_NAMES = {"hr_manager": ("HR managers", "HR 经理"), "recruiter": ("recruiters", "招聘人员"),
                  "evaluator": ("evaluators", "评估人员")}


def not_allowed(button: Button, principal: Principal) -> str:
    en = " or ".join(AUDIENCE_NAMES[a][0] for a in button.audiences)
    zh = "或".join(AUDIENCE_NAMES[a][1] for a in button.audiences)
    mine = AUDIENCE_NAMES.get(principal.audience, (principal.audience, principal.audience))
    return (f"Only {en} can do this; your Candor role is {principal.audience.replace('_', ' ')}, so nothing was "
            f"changed.\n只有{zh}可以执行此操作；你的 Candor 角色是{mine[1]}，因此未做任何更改。")


BAD_VALUE = ("That button does not carry anything Candor can act on (it may come from an old or edited message); "
             "nothing was changed. Ask again to get a fresh answer.\n这个按钮没有 Candor 能处理的内容（可能来自旧消息或被修改过的消息），"
             "未做任何更改。请重新提问以获得新的回答。")
UNAVAILABLE = ("This action is not available in this Candor deployment yet; nothing was changed.\n"
               "此 Candor 部署暂不支持该操作，未做任何更改。")


def register(app: App, rt: SlackRuntime) -> None:
    def ack_now(ack) -> None:
        ack()

    def run_button(body: dict, action: dict, respond: Any, client: Any) -> None:
        user = (body.get("user") or {}).get("id")
        container = body.get("container") or {}
        ids = {"team": (body.get("team") or {}).get("id"), "channel": container.get("channel_id"), "user": user,
               "message": container.get("message_ts"), "action": action.get("action_id")}

        def tell(text: str) -> None:  # only the clicker sees it; the message stays as it is
            respond(text=text, response_type="ephemeral", replace_original=False)

        with boundary("button", ids, tell):
            button = BUTTONS.get(action.get("action_id", ""))
            principal = rt.principal_for(user)
            if principal is None:
                record_denied(rt.assistant, Principal(id=f"slack:{user}", audience="unknown"), "slack:button",
                              {"slack_user": user, "action": action.get("action_id")},
                              "Slack user not in CANDOR_SLACK_USERS")
                ids["refused"] = "unknown_user"
                return tell(REFUSAL)
            if button is None:
                ids["refused"] = "unknown_action"
                return tell(UNAVAILABLE)
            try:
                value = json.loads(action.get("value") or "{}")
                arguments = button.arguments(value if isinstance(value, dict) else {})
            except (ValueError, TypeError, KeyError, AttributeError):
                ids["refused"] = "bad_value"
                return tell(BAD_VALUE)
            if principal.audience not in button.audiences:
                record_denied(rt.assistant, principal, button.tool, arguments,
                              f"Slack button {action['action_id']}: not allowed for {principal.audience}")
                ids["refused"] = "audience"
                return tell(not_allowed(button, principal))
            try:
                result = run_tool(rt.assistant, principal, button.tool, arguments, conversation_id=None)
            except ActionUnavailable:
                ids["refused"] = "tool_missing"
                return tell(UNAVAILABLE)
            except ToolError as exc:  # e.g. already decided: say so, change nothing
                ids["refused"] = exc.code
                return tell(exc.message)
            if button.upload:
                return _upload(client, body, result[button.upload], button, tell)
            _mark_done(body, action, button, user, respond)

    def pick_option(body: dict, action: dict, respond: Any) -> None:
        """A reading picked from Candor's "did you mean…": answered as if the number had been typed."""
        user = (body.get("user") or {}).get("id")
        ids = {"user": user, "action": action.get("action_id")}

        def tell(text: str) -> None:
            respond(text=text, response_type="ephemeral", replace_original=False)

        with boundary("option", ids, tell):
            principal = rt.principal_for(user)
            if principal is None:
                return tell(REFUSAL)
            try:
                value = json.loads(action.get("value") or "{}")
                conversation, n = str(value["conversation"]), int(value["n"])
            except (ValueError, TypeError, KeyError):
                return tell(BAD_VALUE)
            try:
                turn = rt.assistant.ask(principal, str(n), conversation)
            except (MessageError, ConversationError) as exc:  # someone else's conversation, or it is gone
                return tell(str(exc))
            text, blocks = render_turn(turn)
            respond(text=text, blocks=blocks, replace_original=False)

    app.action(re.compile(r"^candor_pick_[1-3]$"))(ack=ack_now, lazy=[pick_option])
    app.action(re.compile(r"^candor_(?!pick_)"))(ack=ack_now, lazy=[run_button])


def _upload(client: Any, body: dict, path: str, button: Button, tell: Callable[[str], None]) -> None:
    """Post the file the tool wrote where the clicked message was seen: its thread, or (a message only the
    clicker saw, such as a /candor answer) a direct message to the clicker."""
    from pathlib import Path

    container, message = body.get("container") or {}, body.get("message") or {}
    file = Path(path)
    if container.get("is_ephemeral") or not message:
        dm = direct_channel(client, (body.get("user") or {}).get("id"))
        client.files_upload_v2(channel=dm, file=str(file), filename=file.name, title=file.stem)
        return tell(f":white_check_mark: {button.done[0]} (in your direct messages) · {button.done[1]}（已私信发送）")
    client.files_upload_v2(channel=container.get("channel_id"), file=str(file), filename=file.name, title=file.stem,
                           thread_ts=message.get("thread_ts") or container.get("message_ts"))
    tell(f":white_check_mark: {button.done[0]} · {button.done[1]}")


def _mark_done(body: dict, action: dict, button: Button, user: str | None, respond: Any) -> None:
    """Replace the clicked buttons with who decided what, keeping the rest of the message."""
    outcome = f":white_check_mark: {button.done[0]} by <@{user}> · {button.done[1]}"
    message = body.get("message")
    if not message:  # an ephemeral message: tell the clicker only
        respond(text=outcome, response_type="ephemeral", replace_original=False)
        return
    blocks = [b for b in message.get("blocks", []) if b.get("block_id") != action.get("block_id")]
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": outcome}]})
    respond(text=message.get("text") or outcome, blocks=blocks, replace_original=True)
