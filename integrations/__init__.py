"""Surfaces and adapters: web (FastAPI), Slack, speech, vision, HRIS import."""
