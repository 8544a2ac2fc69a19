"""Candor's assistant layer: settings, the domain model, providers, the planner and the agent."""
