"""Evals: prompt test suites (a promptfoo-compatible YAML subset) and the runner that scores a provider.

`python app.py eval evals/suites/` runs every suite against a fresh copy of the demo company with a
fixed clock; `python app.py eval compare A.json B.json` shows what changed between two runs.
"""
