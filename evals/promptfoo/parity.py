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


def promptfoo_env(config_dir: Path, base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment promptfoo runs in here: no telemetry, updates or sharing, its state in `config_dir`, this
    Python for Python providers and assertions."""
    env = dict(os.environ if base is None else base)
    env.update(PROMPTFOO_DISABLE_TELEMETRY="1", PROMPTFOO_DISABLE_UPDATE="1", PROMPTFOO_DISABLE_SHARING="1",
               PROMPTFOO_DISABLE_REDTEAM_REMOTE_GENERATION="1", PROMPTFOO_CONFIG_DIR=str(config_dir),
               PROMPTFOO_PYTHON=sys.executable)
    return env


def promptfoo_rows(config: Path, out: Path, env: dict[str, str], cwd: Path = ROOT) -> list[dict]:
    """`promptfoo eval -c config -o out`: its result rows in promptfoo's order (tests, then prompts)."""
    done = subprocess.run([str(PROMPTFOO), "eval", "-c", os.path.relpath(config, cwd), "--no-cache",
                           "--no-progress-bar", "--no-table", "--no-write", "-o", str(out)],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    if done.returncode not in (0, 100) or not out.exists():  # 100: some tests failed
        raise RuntimeError(f"promptfoo failed on {config}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    rows = json.loads(out.read_text(encoding="utf-8"))["results"]["results"]
    return sorted(rows, key=lambda r: (r["testIdx"], r["promptIdx"]))


def _same_json(value):
    """promptfoo shows a var holding JSON text re-serialised ('{"a":1}' for '{"a": 1}'): compare the data."""
    try:
        return json.loads(value) if isinstance(value, str) and value.lstrip().startswith(("{", "[")) else value
    except ValueError:
        return value


def vars_key(variables: dict) -> str:
    """A case's identity across the two runners: its vars (promptfoo does not sort the files a glob matches)."""
    return json.dumps({k: _same_json(v) for k, v in variables.items() if not k.startswith("_")}, sort_keys=True)


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
            cases = sorted(candor["cases"], key=lambda c: vars_key(c["vars"]))  # both sides in the same order
            ours = [c["status"] in ("passed", "skipped") for c in cases]
            rows = promptfoo_rows(path, Path(tmp) / f"{path.stem}.json", promptfoo_env(Path(tmp) / "config"))
            verdicts = [r["success"] for r in sorted(rows, key=lambda r: vars_key(r["testCase"]["vars"]))]
            differing = [c["id"] for c, ok, v in zip(cases, ours, verdicts) if ok != v]
            if len(ours) != len(verdicts) or differing:
                same = False
            lines.append(f"| {path.stem} | {len(ours)}" + ("" if len(ours) == len(verdicts) else f" / {len(verdicts)}")
                         + f" | {sum(ours)} | {sum(verdicts)} | {'; '.join(differing) or '–'} |")
            print(lines[-1], flush=True, file=sys.stderr)
    print("\n".join(lines))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
