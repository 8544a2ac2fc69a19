"""Notices (a new fairness flag, new competency proposals) delivered in Slack.

To `CANDOR_SLACK_NOTIFY_CHANNEL` when set, otherwise as a direct message to every Slack user mapped to
the notice's audience. Aggregates only: a notice never names a candidate.
"""

from __future__ import annotations

import logging

from candor.notify import Notice

log = logging.getLogger("candor.slack.notify")


class SlackNotifier:
    def __init__(self, settings, client=None):
        from slack_sdk import WebClient

        self.settings = settings
        self.client = client or WebClient(token=settings.slack_bot_token, base_url=settings.slack_api_url)

    def recipients(self, notice: Notice) -> list[str]:
        if self.settings.slack_notify_channel:
            return [self.settings.slack_notify_channel]
        return sorted(uid for uid, user in self.settings.slack_users.items() if user.audience == notice.audience)

    def notify(self, notice: Notice) -> None:
        text = f"*{notice.title_en}*\n{notice.text_en}\n\n*{notice.title_zh}*\n{notice.text_zh}"
        blocks = [{"type": "header", "text": {"type": "plain_text", "text": notice.title_en[:150]}},
                  {"type": "section", "text": {"type": "mrkdwn", "text": notice.text_en[:2900]}},
                  {"type": "divider"},
                  {"type": "section", "text": {"type": "mrkdwn", "text": f"*{notice.title_zh}*\n{notice.text_zh}"[:2900]}}]
        for channel in self.recipients(notice):
            try:
                self.client.chat_postMessage(channel=channel, text=text[:3000], blocks=blocks)
            except Exception as exc:  # one unreachable recipient must not silence the others
                log.warning("notice %s to %s failed: %s", notice.kind, channel, type(exc).__name__)
        if not self.recipients(notice):
            log.warning("notice %s: no Slack recipient (set CANDOR_SLACK_NOTIFY_CHANNEL or map an %s in "
                        "CANDOR_SLACK_USERS)", notice.kind, notice.audience)
