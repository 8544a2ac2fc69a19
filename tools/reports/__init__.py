"""Recruiter reports: summary, tables, chart PNG and CSV export."""
