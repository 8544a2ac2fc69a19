"""Candidate feedback letters: facts from stored scores, Jinja2 letters, a fact checker, an optional LLM
polish, and the draft → approved → sent lifecycle. `tools/draft_feedback.py` wraps them as tools."""
