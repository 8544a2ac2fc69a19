"""Running suites: a fresh copy of the demo company per suite, a fixed clock, one result per case.

The demo company is seeded once (fixed seed, fixed "now") into a temporary SQLite file and copied for
each suite, so suites cannot see each other's conversations and two runs see the same data.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from evals.assertions import Context, PiiIndex, check, select_best, tool_calls_of
from evals.config import Case, ConfigError, ProviderSpec, Suite, discover, load_suite
from evals.templates import render_prompt
from evals.transforms import load_module, run_transform

FIXED_NOW = datetime(2026, 11, 15, 12, 0, tzinfo=timezone.utc)
DEMO_SEED = 7
DEMO_CANDIDATES = 3000
PROVIDERS = ("embedded", "openai", "openai-compatible")
CANDOR_PROVIDER_FILE = Path(__file__).with_name("promptfoo_provider.py")
RUN_FORMAT = "candor-eval-run/1"


class TargetError(RuntimeError):
    """The provider under test cannot be used (a missing key, an unknown provider id)."""


class DemoData:
    """The demo company, seeded once into a temporary SQLite file; `fresh()` gives each suite a copy.

    `source` names an already seeded SQLite file to copy instead (the test suite passes its own).
    """

    def __init__(self, source: Path | None = None):
        self.workdir = Path(tempfile.mkdtemp(prefix="candor-eval-"))
        self.source = Path(source) if source else None
        self._copies = 0
        self._pii: PiiIndex | None = None

    def prepare(self) -> Path:
        """The seeded base database (seeded on first use)."""
        if self.source is None:
            from candor.db import get_engine
            from candor.migrate import upgrade
            from demo.seed import seed_demo

            path = self.workdir / "demo.db"
            url = f"sqlite:///{path}"
            upgrade(url)
            seed_demo(url, now=FIXED_NOW, seed=DEMO_SEED, candidates=DEMO_CANDIDATES)
            get_engine(url).dispose()
            self.source = path
        return self.source

    def fresh(self) -> str:
        """A URL to a new copy of the demo database (SQLite's backup API, so WAL content comes along)."""
        base = self.prepare()
        self._copies += 1
        target = self.workdir / f"suite-{self._copies}.db"
        with sqlite3.connect(base) as src, sqlite3.connect(target) as dst:
            src.backup(dst)
        return f"sqlite:///{target}"

    def pii(self, url: str) -> PiiIndex:
        if self._pii is None:
            self._pii = PiiIndex.from_database(url)
        return self._pii

    def close(self) -> None:
        shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> "DemoData":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


@dataclass
class Answer:
    output: str
    tool_calls: list[dict[str, Any]] = field(default_factory=list)
    latency_ms: float = 0.0
    language: str | None = None
    conversation_id: str | None = None
    error: str | None = None
    metadata: dict[str, Any] | None = None  # the provider response's metadata, as promptfoo passes it on


class CandorTarget:
    """Candor itself, in process, on the given chat-model provider and database."""

    def __init__(self, url: str, provider: str, overrides: dict[str, Any] | None = None):
        from assistant.agent import Assistant
        from assistant.providers import ProviderError
        from candor.settings import SettingsError, load_settings

        try:
            # Role-profile questions use an index beside the demo copies, built on the first such question; reports
            # a suite builds are written there too, never into the user's data/reports.
            beside = Path(url.removeprefix("sqlite:///")).parent
            index = {"CHROMA_PATH": str(beside / "chroma"), "CANDOR_REPORTS_DIR": str(beside / "reports")}
            settings = load_settings(DATABASE_URL=url, CANDOR_NOW=FIXED_NOW, CANDOR_ENV="test",
                                     CANDOR_PROVIDER=provider, **{**index, **(overrides or {})})
        except SettingsError as exc:
            raise TargetError(str(exc)) from None
        self.assistant = Assistant(settings)
        try:
            self.assistant.model
        except ProviderError as exc:
            raise TargetError(str(exc)) from None
        self.label = provider
        self.url = url

    def warm(self, audiences: set[str]) -> None:
        """Build the agents and load the vocabulary, so the first case's latency is not start-up time."""
        self.assistant.vocabulary()
        for audience in audiences:
            self.assistant.agent_for(audience)
            if self.label == "embedded":  # offline and free: one throwaway turn warms the whole path
                self.ask("help", None, audience, 1 if audience == "candidate" else None, {})

    def ask(self, text: str, conversation_id: str | None, audience: str, candidate_id: int | None,
            variables: dict[str, Any], test: dict[str, Any] | None = None) -> Answer:
        from assistant.agent import MessageError
        from assistant.memory import ConversationError
        from candor.principal import Principal

        principal = Principal(id=f"eval:{audience}" + (f":{candidate_id}" if candidate_id is not None else ""),
                              audience=audience, candidate_id=candidate_id)
        started = time.perf_counter()
        try:
            turn = self.assistant.ask(principal, text, conversation_id)
        except (MessageError, ConversationError) as exc:
            return Answer(output="", error=str(exc), latency_ms=_ms(started))
        except Exception as exc:  # a provider failure ends this case, not the run
            return Answer(output="", error=f"{type(exc).__name__}: {exc}", latency_ms=_ms(started))
        calls = [c.model_dump(mode="json") for c in turn.tool_calls]
        latency = _ms(started)
        # The same metadata the promptfoo provider returns, so evals/promptfoo/assertions.py reads both runners.
        return Answer(output=turn.answer, tool_calls=calls, latency_ms=latency, language=turn.language,
                      conversation_id=turn.conversation_id,
                      metadata={"tool_calls": calls, "tool_calls_json": json.dumps(calls, ensure_ascii=False),
                                "language": turn.language,
                                "conversation_id": turn.conversation_id, "audience": audience,
                                "candidate_id": candidate_id, "database_url": self.url})

    def close(self) -> None:
        self.assistant.engine.dispose()


class PythonProviderTarget:
    """A promptfoo Python provider (`call_api(prompt, options, context)`): output only, one turn at a time."""

    def __init__(self, path: Path, function: str, config: dict[str, Any], label: str):
        try:
            module = load_module(path)
        except FileNotFoundError:
            raise TargetError(f"cannot load the provider {path}: no such Python file (check the path in `providers:`)")
        self.call = getattr(module, function)
        self.config, self.label = config, label
        self.id = f"file://{path}" + (f":{function}" if function != "call_api" else "")

    def warm(self, audiences: set[str]) -> None:
        pass

    def ask(self, text, conversation_id, audience, candidate_id, variables, test=None) -> Answer:
        started = time.perf_counter()
        try:
            response = self.call(text, {"id": self.id, "label": self.label, "config": self.config},
                                 {"vars": variables, "prompt": {"raw": text}, "test": test or {"vars": variables}})
        except Exception as exc:
            return Answer(output="", error=f"{type(exc).__name__}: {exc}", latency_ms=_ms(started))
        if not isinstance(response, dict) or not ("output" in response or "error" in response):
            return Answer(output="", error=f"the provider must return a dict with `output` or `error`, not "
                                           f"{response!r:.200}", latency_ms=_ms(started))
        metadata = response.get("metadata")
        output = response.get("output")
        return Answer(output=output if isinstance(output, str) else "" if output is None
                      else json.dumps(output, ensure_ascii=False),
                      error=response.get("error") or None,
                      tool_calls=tool_calls_of(metadata),
                      latency_ms=float(response["latencyMs"]) if isinstance(response.get("latencyMs"), (int, float))
                      else _ms(started), language=(metadata or {}).get("language"), metadata=metadata)

    def close(self) -> None:
        pass


class EchoTarget:
    """promptfoo's `echo` provider: the rendered prompt is the output (metadata empty, as promptfoo's)."""

    label = "echo"

    def warm(self, audiences: set[str]) -> None:
        pass

    def ask(self, text, conversation_id, audience, candidate_id, variables, test=None) -> Answer:
        return Answer(output=text, latency_ms=0.0, metadata={})

    def close(self) -> None:
        pass


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)


def build_target(spec: ProviderSpec, url: str, base_dir: Path):
    """A provider id from the suite (promptfoo syntax) or the command line, as something to ask."""
    config, ident = spec.config, spec.id
    if ident == "echo":
        return EchoTarget()
    if ident in PROVIDERS:
        return CandorTarget(url, ident)
    if ident.startswith("candor:"):
        kind = ident.split(":", 1)[1]
        if kind not in PROVIDERS:
            raise TargetError(f"unknown provider {ident!r}; use one of " + ", ".join(f"candor:{p}" for p in PROVIDERS))
        return CandorTarget(url, kind, _openai_overrides(config, config.get("model")))
    if ident.startswith("openai:"):
        model = ident.split(":", 2)[2] if ident.startswith("openai:chat:") else ident.split(":", 1)[1]
        kind = "openai-compatible" if config.get("apiBaseUrl") else "openai"
        return CandorTarget(url, kind, _openai_overrides(config, model))
    if ident.startswith("file://"):
        location, _, function = ident[len("file://"):].partition(":")
        path = (base_dir / location).resolve()
        if not path.exists():
            raise TargetError(f"provider file {path} not found")
        if path == CANDOR_PROVIDER_FILE.resolve():
            # Candor's own promptfoo adapter: run Candor in process on this suite's database copy.
            kind = config.get("provider", "embedded")
            if kind not in PROVIDERS:
                raise TargetError(f"{ident}: config.provider must be one of {', '.join(PROVIDERS)}")
            return CandorTarget(url, kind, _openai_overrides(config, config.get("model")))
        return PythonProviderTarget(path, function or "call_api", config, spec.label)
    raise TargetError(f"unsupported provider {ident!r}: use embedded, openai, openai-compatible, candor:<provider>, "
                      "openai:<model> (config.apiBaseUrl for a compatible server), echo or file://provider.py")


def _openai_overrides(config: dict[str, Any], model: str | None) -> dict[str, Any]:
    import os

    out: dict[str, Any] = {}
    if model:
        out["CANDOR_OPENAI_MODEL"] = model
    if config.get("apiBaseUrl"):
        out["CANDOR_OPENAI_BASE_URL"] = config["apiBaseUrl"]
    key = config.get("apiKey") or (os.environ.get(config["apiKeyEnvar"]) if config.get("apiKeyEnvar") else None)
    if key:
        out["OPENAI_API_KEY"] = key
    return out


# -- running ----------------------------------------------------------------------------------------------

@dataclass
class RunOptions:
    provider: str | None = None  # overrides every suite's providers
    filter: str | None = None
    repeat: int | None = None
    grader: Any = None  # llm-rubric grading provider (promptfoo id), overriding the suites'


def _render_input(case: Case, turn, prompt, variables: dict[str, Any]) -> str:
    # promptfoo puts the prefix and suffix around the prompt's template, then renders it
    template = turn.message if turn.message is not None else prompt.raw
    return render_prompt(case.options.get("prefix", "") + template + case.options.get("suffix", ""), variables)


def _matches(needle: str | None, suite: Suite, case: Case) -> bool:
    if not needle:
        return True
    needle = needle.lower()
    haystack = [suite.name, case.id, case.description or "", *(str(v) for v in case.vars.values())]
    for turn in case.turns:
        haystack += [turn.message or "", *(str(v) for v in turn.vars.values())]
    return any(needle in h.lower() for h in haystack)


@dataclass
class Thread:
    """One conversation (promptfoo's metadata.conversationId, or a multi-turn test): Candor's conversation id
    and promptfoo's `_conversation` var, the earlier inputs and outputs."""

    conversation_id: str | None = None
    history: list[dict[str, str]] = field(default_factory=list)


def run_case(target, suite: Suite, case: Case, prompt, ctx_extra: dict[str, Any],
             thread: Thread | None = None, registers: dict[str, Any] | None = None,
             provider: dict[str, Any] | None = None) -> dict[str, Any]:
    audience = case.vars.get("audience", "hr_manager")
    candidate_id = case.vars.get("candidate_id")
    if audience == "candidate":
        candidate_id = int(candidate_id) if candidate_id not in (None, "") else 1
    else:
        candidate_id = None
    grader = ctx_extra.get("grader") or case.options.get("provider")
    thread = thread or Thread()
    registers = {} if registers is None else registers
    uses_conversation = "_conversation" in prompt.raw and not case.options.get("disableConversationVar")
    turns, status, reason, scores = [], "passed", "", []
    skipped_only = True
    for index, turn in enumerate(case.turns):
        # promptfoo: the conversation so far, then the stored outputs, override the test's vars
        variables = {**case.vars, **turn.vars, **({"_conversation": list(thread.history)} if uses_conversation
                                                   else {}), **registers}
        where = f"turn {index + 1}: " if case.multi_turn else ""
        try:
            text = _render_input(case, turn, prompt, variables)
        except Exception as exc:
            status, reason = "error", f"{where}cannot render the prompt: {exc}"
            break
        answer = target.ask(text, thread.conversation_id, audience, candidate_id, variables, case.test)
        thread.conversation_id = answer.conversation_id or thread.conversation_id
        output = answer.output
        if not answer.error and (case.options.get("transform") or case.options.get("postprocess")):
            try:
                output = run_transform(case.options.get("transform") or case.options["postprocess"], output,
                                       {"vars": variables, "prompt": {"raw": text, "label": prompt.label},
                                        **({"metadata": answer.metadata} if answer.metadata is not None else {})},
                                       case.base_dir)
                output = output if isinstance(output, str) else json.dumps(output, ensure_ascii=False)
            except Exception as exc:
                answer.error = f"options.transform failed: {type(exc).__name__}: {exc}"
        record = {"input": text, "output": output, "language": answer.language,
                  "tool_calls": answer.tool_calls, "latency_ms": answer.latency_ms, "error": answer.error,
                  "metadata": answer.metadata, "assertions": []}
        turns.append(record)
        if answer.error:
            status, reason = "error", where + answer.error
            break
        thread.history.append({"input": text, "output": output})
        if case.options.get("storeOutputAs") and output:
            registers[case.options["storeOutputAs"]] = output
        ctx = Context(output=output, prompt=text, vars=variables, audience=audience,
                      candidate_id=candidate_id, tool_calls=answer.tool_calls, latency_ms=answer.latency_ms,
                      base_dir=suite.base_dir, pii=ctx_extra.get("pii"), grader=grader,
                      test=case.test, provider=provider or {}, metadata=answer.metadata, options=case.options)
        # select-best compares this output with the other prompts' and providers' ones, after every row ran
        results = [check(a, ctx) for a in turn.asserts if a.type != "select-best"]
        record["assertions"] = [r.to_dict() for r in results]
        counted = [r for r in results if not r.skipped]
        skipped_only = skipped_only and bool(results) and not counted
        # promptfoo's scoring: the weighted mean of the assertion scores (weight 0 only informs).
        weighted = [(r.weight, r.score) for r in counted if r.weight > 0]
        total = sum(w for w, _ in weighted)
        score = sum(w * s for w, s in weighted) / total if total else 1.0
        scores.append(score)
        if case.threshold is not None:
            ok = score >= case.threshold
            failure = None if ok else f"score {score:.2f} below the test's threshold {case.threshold}"
        else:
            first = next((r for r in counted if not r.passed and r.weight > 0), None)
            ok, failure = first is None, (f"{first.type}: {first.reason}" if first else None)
        if not ok and status == "passed":
            status, reason = "failed", where + failure
    if status == "passed" and skipped_only:
        status = "skipped"
        reason = next((a["reason"] for t in turns for a in t["assertions"] if a["skipped"]), "")
    return {"status": status, "reason": reason, "turns": turns,
            "latency_ms": round(sum(t["latency_ms"] for t in turns), 2),
            "score": round(min(scores), 4) if scores else 0.0}


def _select_best(cases: list[Case], results: list[dict[str, Any]], options: RunOptions) -> None:
    """promptfoo's comparison pass: for each test (and repetition) with select-best, the grader picks the best
    of its outputs; that row keeps its verdict, the others fail (evaluator.ts, mergeSelectBestGradingResult)."""
    rows: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for row in results:
        rows.setdefault((row["case_index"], row["repeat"]), []).append(row)
    for (index, _), group in rows.items():
        case = cases[index]
        assertion = next((a for a in case.turns[-1].asserts if a.type == "select-best"), None)
        if assertion is None:
            continue
        outputs = [(r["turns"][-1]["output"] if r["turns"] else "") for r in group]
        try:
            verdicts = select_best(assertion.value, outputs, assertion.provider or options.grader
                                   or case.options.get("provider"), case.vars)
        except Exception as exc:
            verdicts = [(False, 0.0, f"select-best could not be evaluated: {type(exc).__name__}: {exc}")] * len(group)
        for row, (passed, score, reason) in zip(group, verdicts):
            if row["turns"]:
                row["turns"][-1]["assertions"].append({"type": "select-best", "passed": passed, "skipped": False,
                                                       "score": score, "weight": assertion.weight, "reason": reason})
            if not passed and row["status"] in ("passed", "skipped"):
                row["status"], row["reason"], row["score"] = "failed", f"select-best: {reason}", score


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return round(ordered[low] + (ordered[high] - ordered[low]) * (position - low), 2)


def summarise(cases: list[dict[str, Any]], threshold: float) -> dict[str, Any]:
    counts = {s: sum(1 for c in cases if c["status"] == s) for s in ("passed", "failed", "error", "skipped")}
    scored = len(cases) - counts["skipped"]
    pass_rate = round(counts["passed"] / scored, 4) if scored else None
    latencies = [t["latency_ms"] for c in cases for t in c["turns"] if not t.get("error")]
    return {"total": len(cases), "passed": counts["passed"], "failed": counts["failed"], "errors": counts["error"],
            "skipped": counts["skipped"], "pass_rate": pass_rate, "threshold": threshold,
            "ok": pass_rate is None or pass_rate >= threshold - 1e-9,
            "latency_p50_ms": percentile(latencies, 0.5), "latency_p95_ms": percentile(latencies, 0.95)}


def run_suite(suite: Suite, demo: DemoData, options: RunOptions, advance=None) -> dict[str, Any] | None:
    """promptfoo's order: each test (and repetition), then each provider, then each prompt; tests that share
    a metadata.conversationId continue one conversation per provider, prompt and repetition."""
    cases = [c for c in suite.cases if _matches(options.filter, suite, c)]
    if not cases:
        return None
    repeat = options.repeat or suite.repeat
    specs = ([ProviderSpec(id=options.provider, label=options.provider)] if options.provider
             else suite.providers or [ProviderSpec(id="embedded", label="embedded")])
    url = demo.fresh()
    extra = {"pii": lambda: demo.pii(url), "grader": options.grader}
    results, targets, threads, registers = [], [], {}, {}
    try:
        for spec in specs:
            target = build_target(spec, url, suite.base_dir)
            targets.append(target)
            target.warm({c.vars.get("audience", "hr_manager") for c in cases})
            # start-up work (the role index) stays out of the cases' latency
            for question in [*suite.warm, *spec.config.get("warm", [])]:
                target.ask(str(question), None, "hr_manager", None, {})
        for case_index, case in enumerate(cases):
            for r in range(repeat):
                for spec, target in zip(specs, targets):
                    for prompt in suite.prompts:
                        key = (case.conversation, case.vars.get("audience"), case.vars.get("candidate_id"),
                               spec.label, prompt.label, r)
                        thread = threads.setdefault(key, Thread()) if case.conversation is not None else Thread()
                        outcome = run_case(target, suite, case, prompt, extra, thread, registers,
                                           {"id": spec.id, "label": spec.label, "config": spec.config})
                        suffix = "".join(f" [{x}]" for x, many in ((prompt.label, len(suite.prompts) > 1),
                                                                     (spec.label, len(specs) > 1)) if many)
                        results.append({"id": case.id + suffix, "case_index": case_index,
                                        "description": case.description,
                                        "provider": spec.label, "prompt": prompt.label, "repeat": r + 1,
                                        "audience": case.vars.get("audience", "hr_manager"), "vars": case.vars,
                                        "test": case.test, **outcome})
                        if advance:
                            advance()
    finally:
        for target in targets:
            target.close()
    _select_best(cases, results, options)
    from candor.db import get_engine

    get_engine(url).dispose()
    return {"name": suite.name, "path": str(suite.path), "description": suite.description,
            "providers": [s.label for s in specs], "prompts": [p.raw for p in suite.prompts],
            "prompt_labels": [p.label for p in suite.prompts], **summarise(results, suite.threshold),
            "cases": results}


def run(paths: list[Path], options: RunOptions | None = None, *, demo: DemoData | None = None,
        console=None) -> dict[str, Any]:
    """Load every suite first (a broken suite stops the run before anything is asked), then run them."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    options = options or RunOptions()
    if options.provider and options.provider not in PROVIDERS:
        raise ConfigError(f"--provider must be one of {', '.join(PROVIDERS)}")
    suites = [load_suite(p) for p in discover([Path(p) for p in paths])]
    own_demo = demo is None
    demo = demo or DemoData()
    started = datetime.now(timezone.utc)
    err = Console(stderr=True)
    total = sum(len([c for c in s.cases if _matches(options.filter, s, c)]) * (options.repeat or s.repeat)
                * len(s.prompts) * (1 if options.provider else max(1, len(s.providers))) for s in suites)
    results = []
    try:
        with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                      TimeElapsedColumn(), console=err, transient=True, disable=not err.is_terminal) as progress:
            task = progress.add_task("seeding the demo company", total=total)
            demo.prepare()
            for suite in suites:
                progress.update(task, description=suite.name)
                result = run_suite(suite, demo, options, advance=lambda: progress.advance(task))
                if result is not None:
                    results.append(result)
    finally:
        if own_demo:
            demo.close()
    finished = datetime.now(timezone.utc)
    run_result = {"format": RUN_FORMAT, "started_at": started.isoformat(), "finished_at": finished.isoformat(),
                  "duration_s": round((finished - started).total_seconds(), 2),
                  "provider": options.provider, "filter": options.filter, "repeat": options.repeat,
                  "now": FIXED_NOW.isoformat(), "demo": {"seed": DEMO_SEED, "candidates": DEMO_CANDIDATES},
                  "ok": all(s["ok"] for s in results), "suites": results}
    if console is not None:
        print_results(run_result, console)
    return run_result


# -- the terminal report ------------------------------------------------------------------------------------

def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%" if value in (0, 1) else f"{value * 100:.1f}%"


def _ms_text(value: float | None, unit: bool = True) -> str:
    return "–" if value is None else f"{value:.0f}" + (" ms" if unit else "")


def print_results(run_result: dict[str, Any], console) -> None:
    from rich.markup import escape
    from rich.table import Table

    for suite in run_result["suites"]:
        bad = [c for c in suite["cases"] if c["status"] in ("failed", "error")]
        skipped = [c for c in suite["cases"] if c["status"] == "skipped"]
        if not bad and not skipped:
            continue
        table = Table(title=f"{suite['name']}: failures and skips", title_justify="left", show_lines=False,
                      expand=False)
        table.add_column("case", overflow="fold", max_width=40)
        table.add_column("status")
        table.add_column("reason", overflow="fold")
        repeated = any(c["repeat"] > 1 for c in suite["cases"])
        for case in bad + skipped:
            colour = {"failed": "red", "error": "red", "skipped": "yellow"}[case["status"]]
            label = case["id"] + (f" (run {case['repeat']})" if repeated else "")
            table.add_row(escape(label), f"[{colour}]{case['status']}[/]", escape(case["reason"]))
        console.print(table)
    from rich import box

    if not run_result["suites"]:
        return
    providers = sorted({p for s in run_result["suites"] for p in s["providers"]})
    summary = Table(title=f"Candor evals (clock {run_result['now'][:10]}, demo seed {run_result['demo']['seed']})",
                    caption=f"provider: {', '.join(providers) or '–'}", title_justify="left", caption_justify="left",
                    box=box.SIMPLE_HEAD, collapse_padding=True, pad_edge=False)
    for column in ("suite", "cases", "pass", "fail", "skip", "rate", "min", "p50 ms", "p95 ms", "result"):
        summary.add_column(column, justify="left" if column in ("suite", "result") else "right",
                           no_wrap=True)
    for s in run_result["suites"]:
        summary.add_row(s["name"], str(s["total"]), str(s["passed"]), str(s["failed"] + s["errors"]),
                        str(s["skipped"]), _pct(s["pass_rate"]), _pct(s["threshold"]),
                        _ms_text(s["latency_p50_ms"], unit=False), _ms_text(s["latency_p95_ms"], unit=False),
                        "[green]ok[/]" if s["ok"] else "[red]BELOW[/]")
    console.print(summary)
