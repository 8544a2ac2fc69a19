"""Run suites in both runners and compare: `python -m evals.promptfoo.parity evals/suites/`.

For each suite: Candor's runner (in process, a fresh copy of the demo company), then promptfoo itself
(`.promptfoo/node_modules/.bin/promptfoo eval -c <suite>`, installed by `make promptfoo`), and a Markdown
table of cases and passes per runner, with the cases whose verdicts differ. Exit 1 when any count differs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

if str(Path(__file__).resolve().parents[2]) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from evals.config import discover  # noqa: E402
from evals.runner import DemoData, RunOptions, run  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
PROMPTFOO = ROOT / ".promptfoo" / "node_modules" / ".bin" / "promptfoo"


def promptfoo_rows(suite: Path, workdir: Path) -> list[dict]:
    env = {**os.environ, "PROMPTFOO_DISABLE_TELEMETRY": "1", "PROMPTFOO_DISABLE_UPDATE": "1",
           "PROMPTFOO_DISABLE_SHARING": "1", "PROMPTFOO_CONFIG_DIR": str(workdir / "config"),
           "PROMPTFOO_PYTHON": sys.executable}
    out = workdir / f"{suite.stem}.json"
    done = subprocess.run([str(PROMPTFOO), "eval", "-c", str(suite), "--no-cache", "--no-progress-bar",
                           "--no-table", "--no-write", "-o", str(out)], cwd=ROOT, env=env, capture_output=True,
                          text=True)
    if done.returncode not in (0, 100) or not out.exists():
        raise RuntimeError(f"promptfoo failed on {suite}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    rows = json.loads(out.read_text(encoding="utf-8"))["results"]["results"]
    return sorted(rows, key=lambda r: (r["testIdx"], r["promptIdx"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "evals" / "suites")])
    args = parser.parse_args(argv)
    if not PROMPTFOO.exists():
        print("promptfoo is not installed: run `make promptfoo` first", file=sys.stderr)
        return 2
    suites = discover([Path(p) for p in args.paths])
    lines = ["| suite | cases | Candor pass | promptfoo pass | differing cases |", "| --- | ---: | ---: | ---: | --- |"]
    same = True
    with DemoData() as demo, tempfile.TemporaryDirectory(prefix="candor-parity-") as tmp:
        for path in suites:
            [candor] = run([path], RunOptions(), demo=demo)["suites"]
            ours = [c["status"] in ("passed", "skipped") for c in candor["cases"]]
            theirs = promptfoo_rows(path, Path(tmp))
            verdicts = [r["success"] for r in theirs]
            differing = [c["id"] for c, v in zip(candor["cases"], verdicts) if (c["status"] in ("passed", "skipped"))
                         != v]
            if len(ours) != len(verdicts) or differing:
                same = False
            lines.append(f"| {path.stem} | {len(ours)}" + ("" if len(ours) == len(verdicts) else f" / {len(verdicts)}")
                         + f" | {sum(ours)} | {sum(verdicts)} | {'; '.join(differing) or '–'} |")
            print(lines[-1], flush=True, file=sys.stderr)
    print("\n".join(lines))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
