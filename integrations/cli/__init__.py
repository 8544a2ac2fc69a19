"""The `python app.py …` commands."""
