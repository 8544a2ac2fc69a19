"""What promptfoo itself loads to run Candor's suites: the `candor:*` assertions as promptfoo Python
assertions (assertions.py) and the MiniLM embedding provider for `similar` (embedding.py)."""
