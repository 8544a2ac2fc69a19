"""The web surface: JSON API for staff (and later the candidate chat page)."""
