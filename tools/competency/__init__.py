"""Competency insights, weight proposals, outcome tracking and monitoring rules."""
