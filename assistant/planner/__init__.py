"""The embedded planner: an offline, deterministic chat model that understands HR questions in
English and Chinese, calls tools, and renders answers from their results through templates."""

from assistant.planner.model import EmbeddedPlanner

__all__ = ["EmbeddedPlanner"]
