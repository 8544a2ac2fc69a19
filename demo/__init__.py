"""The reproducible demo company (`python app.py seed`): 12 months of interviews with the planted cases."""

from demo.seed import SeedError, SeedSummary, seed_demo

__all__ = ["SeedError", "SeedSummary", "seed_demo"]
