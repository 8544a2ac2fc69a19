"""Candor's command line. Wiring only: the commands live in integrations/cli/."""

import sys

from integrations.cli.main import cli, main  # noqa: F401  (cli: for tests and tools that drive typer)

if __name__ == "__main__":
    sys.exit(main())
