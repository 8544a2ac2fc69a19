"""Candor's capabilities: one module per tool."""
