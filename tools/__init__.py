"""Candor's capabilities: one package per capability, over what they share (tools/shared) and tools/base."""
