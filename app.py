"""Candor's command line. Wiring only: the commands live in integrations/cli/."""

import sys

from integrations.cli.main import cli

if __name__ == "__main__":
    sys.exit(cli())
