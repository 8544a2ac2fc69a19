"""Runs the shell blocks of README.md and docs/*.md as a reader would, in order, and says what it ran.

A doc is run in a fresh folder of its own: every top-level entry of the checkout is linked into it
(`app.py` is copied, so Python imports the project through the links) and nothing else, so `data/` is
an empty data folder and a file an example writes lands in that folder, not in the checkout. Each
command of a ```sh / ```bash block runs in its own `bash`, with the variables earlier commands set;
it fails the doc when it exits non-zero (curl too: 4xx/5xx), prints a third-party warning on stderr,
or leaves a file outside `data/`.

Directives, in an HTML comment right above a block (readers of the rendered page do not see them):

    <!-- docs-test: skip: needs Slack tokens -->          the block is not run; the reason is listed
    <!-- docs-test: skip-line: make test: it runs this test -->   a command (as written, without its comment)
                                                          is not run; the reason is listed
    <!-- docs-test: output -->                            on a ```text block: the previous block's output
                                                          holds these lines, in order (… matches anything)
    <!-- docs-test: setup: demo -->                       anywhere in a doc: start from a seeded, indexed
                                                          data folder (the state `make run` leaves)

A command that starts Candor (`make run`, `app.py serve`) runs in the background until the doc ends;
a block that calls the API (`127.0.0.1:8000`, `localhost:8000`) without one gets a server started by
the harness. Port 8000 is replaced by a free port everywhere, and CANDOR_PORT says so.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from tests.live_server import free_port

ROOT = Path(__file__).resolve().parents[1]
SHELL_LANGS = {"sh", "bash", "shell", "console"}
NOT_LINKED = {".git", "data", ".env", "mutants", ".pytest_cache", ".hypothesis", ".promptfoo"}
# Copied, not linked: app.py (so Python imports the project through the doc's folder) and files a documented
# command rewrites (`nlu train` writes the intent model): the checkout keeps its own.
COPIED = ("app.py", "assistant/planner/intent_model.bin")
# What a reader should never see on stderr: warnings and chatter of the libraries underneath.
NOISE = re.compile(r"(\w+Warning\b|warnings\.warn|Building prefix dict|Loading model (from|cost)|"
                   r"Prefix dict has been built|Loading weights|\d+it/s\]|will produce incorrect results)")
SERVER_LINE = re.compile(r"^(\S*=\S*\s+)*(make run\b|\S*python3?\s+app\.py\s+serve\b)")
API_URL = re.compile(r"\b(127\.0\.0\.1|localhost):8000\b")
LOOKS_LIKE_COMMANDS = re.compile(r"^\s*(\.venv/bin/|python3? |make |curl |export )", re.M)
DIRECTIVE = re.compile(r"<!--\s*docs-test:?(.*?)-->", re.S)
FENCE = re.compile(r"^(\s*)```(\S*)\s*$")
COMMAND_TIMEOUT_S = 600
SERVER_TIMEOUT_S = 600


@dataclass
class Block:
    doc: str
    line: int  # 1-based line of the opening fence
    lang: str
    text: str
    skip: str | None = None
    skip_lines: dict[str, str] = field(default_factory=dict)
    output: bool = False

    @property
    def where(self) -> str:
        return f"{self.doc}:{self.line}"

    @property
    def runnable(self) -> bool:
        return self.lang in SHELL_LANGS


@dataclass
class Doc:
    path: str
    blocks: list[Block]
    setup: str | None = None
    problems: list[str] = field(default_factory=list)


@dataclass
class Outcome:
    block: Block
    status: str  # ran | skipped | failed
    reason: str = ""
    commands: int = 0
    skipped_commands: list[str] = field(default_factory=list)
    known: list[str] = field(default_factory=list)  # known failures of docs owned elsewhere, reported
    seconds: float = 0.0
    output: str = ""


def parse(path: Path, root: Path = ROOT) -> Doc:
    """The fenced blocks of a Markdown file with the directives above them."""
    rel = str(path.relative_to(root)) if path.is_absolute() and path.is_relative_to(root) else str(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    doc, pending, i = Doc(rel, []), [], 0
    text = "\n".join(lines)
    for m in DIRECTIVE.finditer(text):
        for entry in _entries(m.group(1)):
            if entry[0] == "setup":
                doc.setup = entry[1]
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if stripped.startswith("<!--") and "docs-test" in stripped:
            chunk = [line]
            while "-->" not in chunk[-1] and i + 1 < len(lines):
                i += 1
                chunk.append(lines[i])
            pending = _entries(DIRECTIVE.search("\n".join(chunk)).group(1))
            i += 1
            continue
        fence = FENCE.match(line)
        if fence:
            indent, lang, start, body = fence.group(1), fence.group(2).lower(), i + 1, []
            i += 1
            while i < len(lines) and not re.match(rf"^{re.escape(indent)}```\s*$", lines[i]):
                body.append(lines[i][len(indent):] if lines[i].startswith(indent) else lines[i])
                i += 1
            block = Block(rel, start, lang, "\n".join(body))
            for key, value in pending:
                if key == "skip":
                    block.skip = value or "no reason given"
                elif key == "skip-line":
                    start_text, _, reason = value.partition(": ")
                    block.skip_lines[start_text.strip()] = reason.strip() or "no reason given"
                elif key == "output":
                    block.output = True
                elif key != "setup":
                    doc.problems.append(f"{rel}:{start}: unknown docs-test directive {key!r}")
            if not lang and LOOKS_LIKE_COMMANDS.search(block.text):
                doc.problems.append(f"{rel}:{start}: a block of commands without a language: tag it ```sh "
                                    "(run by the docs test) or ```text")
            doc.blocks.append(block)
            pending = []
        elif stripped:
            pending = [] if not stripped.startswith("<!--") else pending
        i += 1
    return doc


def _entries(body: str) -> list[tuple[str, str]]:
    out = []
    for raw in body.strip().splitlines():
        raw = raw.strip()
        if not raw:
            continue
        key, _, value = raw.partition(":")
        out.append((key.strip().lower(), value.strip()))
    return out


def commands(text: str) -> list[tuple[int, str]]:
    """(line offset, command) per command of a shell block: `\\` continuations joined, heredocs kept whole,
    comment-only and blank lines left out."""
    lines, out, i = text.splitlines(), [], 0
    while i < len(lines):
        line = lines[i]
        if not line.strip() or line.strip().startswith("#"):
            i += 1
            continue
        start, parts = i, [line]
        while (parts[-1].rstrip().endswith("\\") or _open_quote("\n".join(parts))) and i + 1 < len(lines):
            i += 1
            parts.append(lines[i])
        heredoc = re.search(r"<<-?\s*['\"]?(\w+)['\"]?", " ".join(parts))
        if heredoc:
            end = heredoc.group(1)
            while i + 1 < len(lines):
                i += 1
                parts.append(lines[i])
                if lines[i].strip() == end:
                    break
        out.append((start, "\n".join(parts)))
        i += 1
    return out


def _strip_comment(line: str) -> str:
    """The line without a trailing `# comment` (a # inside quotes is kept)."""
    quote = None
    for i, c in enumerate(line):
        if quote is None and c == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i].rstrip()
        if c in "'\"":
            quote = None if quote == c else (c if quote is None else quote)
    return line


def _open_quote(text: str) -> bool:
    """True when a '…' or "…" string is still open at the end of `text` (comments outside quotes ignored)."""
    quote, i = None, 0
    while i < len(text):
        c = text[i]
        if quote is None:
            if c == "#" and (i == 0 or text[i - 1] in " \t\n"):
                end = text.find("\n", i)
                i = len(text) if end < 0 else end
                continue
            if c in "'\"":
                quote = c
            elif c == "\\":
                i += 1
        elif c == quote:
            quote = None
        elif c == "\\" and quote == '"':
            i += 1
        i += 1
    return quote is not None


def expected_lines_found(expected: str, output: str, port: int | None = None) -> str | None:
    """None when every non-blank expected line occurs in the output in order; else the first missing line."""
    pos = 0
    for line in expected.splitlines():
        if not line.strip():
            continue
        if port:
            line = API_URL.sub(lambda m: f"{m.group(1)}:{port}", line)
        pattern = r"\s+".join(".*?".join(re.escape(part) for part in word.split("…"))
                              for word in line.split())
        found = re.compile(pattern).search(output, pos)
        if not found:
            return line
        pos = found.end()
    return None


def clean_env(base: dict[str, str], port: int) -> dict[str, str]:
    """The environment of a new terminal: no Candor, database or Slack settings, no activated venv."""
    drop = ("CANDOR_", "DATABASE_URL", "CHROMA_", "SLACK_", "OPENAI_", "VIRTUAL_ENV", "PYTEST", "COV_")
    env = {k: v for k, v in base.items() if not k.startswith(drop)}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                  if p and not (Path(p) / "activate").exists())
    env["CANDOR_PORT"] = str(port)
    return env


PRELUDE = r"""
set -o pipefail
# curl -s hides HTTP errors; a documented call that gets 4xx/5xx fails the doc.
curl() { command curl --fail-with-body --show-error "$@"; }
__base=" $(compgen -v | tr '\n' ' ') "
[ -f "$DOCS_STATE" ] && . "$DOCS_STATE"
"""
EPILOGUE = r"""
__status=$?
for __v in $(compgen -v); do
  case "$__v" in __*|BASH*|FUNCNAME|PIPESTATUS|_|LINENO|RANDOM|SECONDS|EPOCH*|SRANDOM|OLDPWD|PWD|SHLVL) continue;; esac
  case "$__base" in *" $__v "*) continue;; esac
  declare -p "$__v" 2>/dev/null
done > "$DOCS_STATE.new" && mv "$DOCS_STATE.new" "$DOCS_STATE"
exit $__status
"""


class DocRun:
    """One doc's folder, environment, server and results."""

    def __init__(self, doc: Doc, *, root: Path = ROOT, demo: Path | None = None, log=print,
                 known: dict[str, str] | None = None):
        self.doc, self.root, self.log = doc, root, log
        self.known = known or {}  # command start → why it fails today (a doc someone else is fixing)
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="candor-docs-"))
        _link_tree(root, self.dir, [Path(p) for p in COPIED])
        if doc.setup == "demo":
            if demo is None:
                raise ValueError(f"{doc.path} asks for the demo data folder; none was prepared")
            shutil.copytree(demo, self.dir / "data", symlinks=True)
        self.state = self.dir / ".docs-state.sh"
        self.env = clean_env(dict(os.environ), self.port)
        self.env["DOCS_STATE"] = str(self.state)
        self.servers: list[subprocess.Popen] = []
        self.server_log = self.dir / ".docs-server.log"
        self.outcomes: list[Outcome] = []
        self.started = set(p.name for p in self.dir.iterdir())

    # --- running ------------------------------------------------------------------------------------
    def run(self) -> list[Outcome]:
        last: Outcome | None = None
        try:
            for block in self.doc.blocks:
                if block.output:
                    self.outcomes.append(self._check_output(block, last))
                    continue
                if not block.runnable:
                    continue
                if block.skip:
                    self.outcomes.append(Outcome(block, "skipped", block.skip))
                    continue
                last = self._run_block(block)
                self.outcomes.append(last)
        finally:
            self.stop_servers()
        stray = self.stray_files()
        if stray and not any(o.status == "failed" for o in self.outcomes):
            self.outcomes.append(Outcome(self.doc.blocks[-1], "failed", "examples left files outside the data "
                                         f"folder: {', '.join(stray)} (write them under data/)"))
        return self.outcomes

    def _run_block(self, block: Block) -> Outcome:
        outcome, started = Outcome(block, "ran"), time.monotonic()
        out_parts = []
        for offset, command in commands(block.text):
            line = block.line + 1 + offset
            first = command.splitlines()[0].strip()
            bare = " ".join(_strip_comment(first).split())
            skipped = next((f"{s}: {r}" for s, r in block.skip_lines.items() if bare == " ".join(s.split())), None)
            if skipped:
                outcome.skipped_commands.append(skipped)
                continue
            needs_server = bool(API_URL.search(command))
            command = API_URL.sub(lambda m: f"{m.group(1)}:{self.port}", command)
            if SERVER_LINE.match(first):
                problem = self.start_server(command, f"{block.doc}:{line}")
            else:
                if needs_server and not self.servers:
                    problem = self.start_server(".venv/bin/python app.py serve", "started by the docs test")
                    if problem:
                        return self._failed(outcome, started, line, first, problem, out_parts)
                problem, stdout = self.run_command(command)
                out_parts.append(stdout)
            outcome.commands += 1
            known = next((r for k, r in self.known.items() if first.startswith(k)), None)
            if known is not None:
                if not problem:
                    return self._failed(outcome, started, line, first, "listed as a known failure, but it "
                                        "works now: take it off the list in tests/test_docs.py", out_parts)
                outcome.known.append(f"line {line}: `{first[:80]}` — {known}")
                continue
            if problem:
                return self._failed(outcome, started, line, first, problem, out_parts)
        outcome.seconds = time.monotonic() - started
        outcome.output = "\n".join(out_parts)
        return outcome

    def _failed(self, outcome, started, line, first, problem, out_parts) -> Outcome:
        outcome.status, outcome.seconds = "failed", time.monotonic() - started
        outcome.reason = f"line {line}: `{first[:120]}` — {problem}"
        outcome.output = "\n".join(out_parts)
        return outcome

    def run_command(self, command: str) -> tuple[str | None, str]:
        script = PRELUDE + command + "\n" + EPILOGUE
        try:
            proc = subprocess.run(["bash", "-c", script], cwd=self.dir, env=self.env, stdin=subprocess.DEVNULL,
                                  capture_output=True, text=True, timeout=COMMAND_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            return f"did not finish within {COMMAND_TIMEOUT_S} s", ""
        if proc.returncode != 0:
            return (f"exit {proc.returncode}\n--- stdout ---\n{proc.stdout[-3000:]}\n--- stderr ---\n"
                    f"{proc.stderr[-3000:]}"), proc.stdout
        noise = [ln for ln in proc.stderr.splitlines() if NOISE.search(ln)]
        if noise:
            return "third-party warnings on stderr:\n" + "\n".join(noise[:10]), proc.stdout
        return None, proc.stdout

    def start_server(self, command: str, where: str) -> str | None:
        """Runs a server command in the background; waits until /healthz answers."""
        self.stop_servers()
        script = PRELUDE + command + "\n"
        log = self.server_log.open("ab")
        proc = subprocess.Popen(["bash", "-c", script], cwd=self.dir, env=self.env, stdin=subprocess.DEVNULL,
                                stdout=log, stderr=log, start_new_session=True)
        self.servers.append(proc)
        self.log(f"  {self.doc.path}: server `{command.splitlines()[0][:60]}` on :{self.port} ({where})")
        deadline = time.monotonic() + SERVER_TIMEOUT_S
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                return f"the server exited ({proc.returncode}):\n{self.server_log.read_text()[-3000:]}"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.5)
        else:
            return f"no answer on :{self.port}/healthz within {SERVER_TIMEOUT_S} s"
        noise = [ln for ln in self.server_log.read_text(errors="replace").splitlines() if NOISE.search(ln)]
        if noise:
            return "third-party warnings while starting:\n" + "\n".join(noise[:10])
        return None

    def stop_servers(self) -> None:
        for proc in self.servers:
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGTERM)
                    proc.wait(timeout=30)
                except (ProcessLookupError, subprocess.TimeoutExpired):
                    try:
                        os.killpg(proc.pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
                    proc.wait(timeout=10)
        self.servers = []

    def _check_output(self, block: Block, last: Outcome | None) -> Outcome:
        if last is None or last.status != "ran":
            return Outcome(block, "skipped", "the block it shows the output of did not run")
        missing = expected_lines_found(block.text, last.output, self.port)
        if missing is not None:
            return Outcome(block, "failed", f"output of {last.block.where} lacks the documented line "
                           f"{missing!r}; it printed:\n{last.output[-2000:]}")
        return Outcome(block, "ran", f"output of {last.block.where} checked")

    def stray_files(self) -> list[str]:
        ignore = {".docs-state.sh", ".docs-server.log", "data"}
        return sorted(p.name for p in self.dir.iterdir() if p.name not in self.started | ignore)

    def cleanup(self) -> None:
        self.stop_servers()
        shutil.rmtree(self.dir, ignore_errors=True)


def _link_tree(source: Path, target: Path, copied: list[Path]) -> None:
    """`target` mirrors `source` with symlinks, except the `copied` paths, which are real copies (and the
    folders on their way real folders)."""
    heads = {p.parts[0]: p for p in copied}
    for entry in source.iterdir():
        if entry.name in NOT_LINKED:
            continue
        inner = heads.get(entry.name)
        if inner is None:
            (target / entry.name).symlink_to(entry)
        elif len(inner.parts) == 1:
            if entry.exists():
                shutil.copy2(entry, target / entry.name)
        else:
            (target / entry.name).mkdir()
            _link_tree(entry, target / entry.name, [Path(*p.parts[1:]) for p in copied if p.parts[0] == entry.name])


def prepare_demo(root: Path = ROOT) -> Path:
    """A data folder with the demo company seeded and the role profiles indexed, as `make run` leaves it."""
    doc = Doc("(demo data)", [], None)
    run = DocRun(doc, root=root)
    for command in (".venv/bin/python app.py db upgrade", ".venv/bin/python app.py seed",
                    ".venv/bin/python app.py index"):
        problem, _ = run.run_command(command)
        if problem:
            run.cleanup()
            raise RuntimeError(f"preparing the demo data folder: `{command}` failed: {problem}")
    return run.dir / "data"


def doc_paths(root: Path = ROOT) -> list[Path]:
    return [root / "README.md", *sorted((root / "docs").glob("*.md"))]


def summary(outcomes: list[Outcome]) -> str:
    ran = [o for o in outcomes if o.status == "ran"]
    skipped = [o for o in outcomes if o.status == "skipped"]
    commands = sum(o.commands for o in outcomes)
    lines = [f"{len(ran)} blocks run ({commands} commands, {sum(o.seconds for o in outcomes):.0f} s), "
             f"{len(skipped)} skipped, {sum(o.status == 'failed' for o in outcomes)} failed"]
    lines += [f"    skipped {o.block.where}: {o.reason}" for o in skipped]
    lines += [f"    skipped a command in {o.block.where}: {s}" for o in outcomes for s in o.skipped_commands]
    lines += [f"    KNOWN FAILURE in {o.block.where}, {k}" for o in outcomes for k in o.known]
    return "\n".join(lines)
