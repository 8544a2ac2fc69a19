"""Slack: HR managers and recruiters ask Candor in mentions, DMs and `/candor`, and decide with buttons.

`build_slack_app(settings)` builds the Bolt app; `http_events.mount_slack` serves it at POST /slack/events in
the FastAPI app, `socket_mode.run_socket_mode` over Socket Mode. Listeners are grouped by surface in
`events`, `commands` and `actions`; `render` turns answers into Block Kit.
"""
