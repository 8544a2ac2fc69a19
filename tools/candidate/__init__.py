"""The candidate's own tools (feedback, data, requests) and staff handling of their requests."""
