"""The mutation score per module from a `mutmut run` (read from mutants/**/*.meta), and the survivors.

    python evals/mutation_score.py [--min 80]

A killed or timed-out mutant counts as caught; a mutant no selected test reaches counts as survived
(the tests do not look at that code). Exit code 1 when a module scores under --min.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

CAUGHT = {1, 3, 24, -24, 36, 152, 255, 37}  # killed, pytest internal error, timeouts, type check


def scores(root: Path) -> dict[str, dict[str, list[str]]]:
    """module -> {"caught": [...], "survived": [...]}, from every .meta file mutmut wrote."""
    out: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"caught": [], "survived": []})
    for meta in sorted(root.rglob("*.py.meta")):
        for key, code in json.loads(meta.read_text("utf-8"))["exit_code_by_key"].items():
            module = key.split(".x_")[0].split(".xǁ")[0]
            out[module]["caught" if code in CAUGHT else "survived"].append(key)
    return dict(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("mutants"))
    parser.add_argument("--min", type=float, default=0.0, help="lowest acceptable score per module (percent)")
    args = parser.parse_args(argv)
    found = scores(args.root)
    if not found:
        print(f"no mutmut results under {args.root}/: run `make mutation` first", file=sys.stderr)
        return 2
    failing = []
    print(f"{'module':42} {'mutants':>8} {'caught':>8} {'score':>7}")
    for module, r in sorted(found.items()):
        total = len(r["caught"]) + len(r["survived"])
        score = 100.0 * len(r["caught"]) / total
        print(f"{module:42} {total:>8} {len(r['caught']):>8} {score:>6.1f}%")
        if score < args.min:
            failing.append(module)
    print("\nsurvivors (inspect one with: .venv/bin/mutmut show <name>):")
    for module, r in sorted(found.items()):
        for key in r["survived"]:
            print("  " + key)
    if failing:
        print(f"\nunder {args.min:g}%: " + ", ".join(failing), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
