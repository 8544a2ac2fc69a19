"""Candor's command line. Wiring only: the commands live in integrations/cli/."""

import sys

from integrations.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
