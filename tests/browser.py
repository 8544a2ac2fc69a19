"""Debian's chromium for the browser tests (via Playwright): where it is, and the tests' skip when it is not."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else shutil.which("chromium")
needs_chromium = pytest.mark.skipif(CHROMIUM is None,
                                    reason="Debian's chromium is not installed (apt-get install -y chromium)")


def launch(playwright):
    """A headless chromium that fetches nothing on its own (no updates, no background requests)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=[
        "--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run"])
