"""Fairness audits: selection rates and impact ratios by group, four-fifths rule, significance."""
