"""Role profiles (YAML, the source of truth) and what is built from them."""
