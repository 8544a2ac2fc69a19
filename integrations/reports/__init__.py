"""Reports a person files or forwards: the fairness audit as HTML or CSV."""
