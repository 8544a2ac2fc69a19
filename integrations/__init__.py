"""Surfaces: web (FastAPI), Slack, the command line, HRIS import and printed reports."""
