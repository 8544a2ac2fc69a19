"""Chinese text a candidate reads speaks to them in one register: 您, never 你 (their own questions aside)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CANDIDATE_TEXT = [*ROOT.glob("prompts/feedback/*.zh.j2"), *ROOT.glob("prompts/answers/my_*.zh.j2"),
                  *ROOT.glob("integrations/web/static/candidate/*"), ROOT / "integrations/web/candidate.py",
                  ROOT / "tools/feedback/build.py", ROOT / "tools/feedback/facts.py"]
# The candidate's own words (suggested questions they may ask) address the company: 你们.
INFORMAL = re.compile(r"你(?!们)")


def test_candidate_facing_chinese_says_nin_not_ni():
    found = [f"{path.relative_to(ROOT)}:{n}: {line.strip()[:80]}" for path in CANDIDATE_TEXT
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if INFORMAL.search(line)]
    assert not found, "\n".join(found)
