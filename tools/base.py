"""What every tool shares: the injected runtime (deps), tool errors, and the LangChain adapter.

A tool is a plain function `(deps, args) -> result` over typed pydantic models. The adapter turns
it into a LangChain tool whose description is the function's docstring, writes one audit event per
call, and turns a `ToolError` into a structured tool message the model can act on.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Generic, Optional, TypeVar

from pydantic import BaseModel
from sqlmodel import Session

from candor.audit import audit_event
from candor.models import AuditEvent
from candor.principal import Principal
from candor.settings import get_settings

ArgsT = TypeVar("ArgsT", bound=BaseModel)
ResultT = TypeVar("ResultT", bound=BaseModel)


@dataclass
class ToolDeps:
    """The runtime a tool receives: never globals."""

    session: Session
    principal: Principal
    now: datetime
    conversation_id: str | None = None
    # Known role and competency names; the assistant passes its cached copy, tools load it when absent.
    vocabulary: Any = None
    # Filled by the adapter so a surface can show what each tool returned, each with the id of the call the model made
    # (a turn's calls run in parallel threads and finish in any order; the agent puts them back in the model's).
    results: list[dict[str, Any]] = field(default_factory=list)
    # When a list, audit events wait here and the caller writes them with the rest of its turn, so a
    # read-only question never holds SQLite's single write lock while it runs.
    pending_audit: list[AuditEvent] | None = None
    # The role-profile retriever (knowledge.retrieval.HybridRetriever); search_role_profiles opens the
    # configured index when absent.
    knowledge: Any = None
    # Where tools that write files (report charts, CSV exports) put them: CANDOR_REPORTS_DIR, or the CLI's --output.
    reports_dir: Path | None = None
    # The validated settings (tools that need one: feedback re-apply days, the LLM polish); None: defaults.
    settings: Any = None
    # One tool at a time on this session: the agent runs a turn's tool calls in parallel threads ("nix 21 and 23" is
    # two decisions), and a database session is not safe to use from two threads at once.
    lock: Any = field(default_factory=threading.Lock, repr=False, compare=False)


def settings_of(deps: ToolDeps):
    """The settings the caller gave the tool, or (a tool called without them) the validated process settings."""
    return deps.settings if deps.settings is not None else get_settings()


class ToolError(Exception):
    """A failure the model (or the user) can fix: unknown role, bad period… Carries structured data."""

    def __init__(self, code: str, message: str, **data: Any):
        super().__init__(message)
        self.code, self.message, self.data = code, message, data

    def payload(self) -> dict[str, Any]:
        return {"error": self.code, "message": self.message, **self.data}


@dataclass(frozen=True)
class ToolSpec(Generic[ArgsT, ResultT]):
    name: str
    func: Callable[[ToolDeps, ArgsT], ResultT]
    args_model: type[ArgsT]
    audiences: tuple[str, ...]
    # Whether a call can change stored data (a proposal, a model version, a letter, a request, scores). The
    # "nothing was changed" checks and reviews read this, not the tool's name.
    changes_data: bool = False

    @property
    def description(self) -> str:
        return (self.func.__doc__ or "").strip()

    def call(self, deps: ToolDeps, args: ArgsT | dict[str, Any]) -> ResultT:
        """Run the tool with auditing; the API, CLI and tests call this directly."""
        if deps.principal.audience not in self.audiences:
            _audit(deps, self.name, args, "denied", "audience not allowed", 0.0)
            raise ToolError("forbidden", f"The {self.name} tool is not available to {deps.principal.audience} users.")
        started = time.perf_counter()
        try:
            parsed = args if isinstance(args, self.args_model) else self.args_model.model_validate(args or {})
            result = self.func(deps, parsed)
        except ToolError as exc:
            _audit(deps, self.name, args, "error", exc.message, _ms(started))
            raise
        except Exception as exc:
            _audit(deps, self.name, args, "error", f"{type(exc).__name__}: {exc}"[:2000], _ms(started))
            raise
        _audit(deps, self.name, args, "ok", "", _ms(started))
        return result


def pct(part: int, whole: int) -> Optional[float]:
    """part / whole as a percent with one decimal, as answers state it; None without a whole."""
    return round(100.0 * part / whole, 1) if whole else None


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 3)


def _audit(deps: ToolDeps, action: str, args: Any, outcome: str, detail: str, duration_ms: float) -> None:
    arguments = (args.model_dump(mode="json", exclude_defaults=True) if isinstance(args, BaseModel)
                 else {k: v for k, v in dict(args or {}).items() if v is not None})
    event = audit_event(deps.principal, action, arguments, outcome=outcome, detail=detail, duration_ms=duration_ms,
                        conversation_id=deps.conversation_id)
    if deps.pending_audit is not None:
        deps.pending_audit.append(event)
    else:
        deps.session.add(event)
        deps.session.flush()


def to_langchain(spec: ToolSpec):
    """The thin LangChain adapter: deps arrive through the agent's runtime context."""
    from langchain.tools import ToolRuntime
    from langchain_core.tools import StructuredTool

    def run(runtime: ToolRuntime, **kwargs: Any) -> str:
        deps: ToolDeps = runtime.context
        # Record what the model asked for, not the defaults validation filled in.
        kwargs = spec.args_model.model_validate(kwargs).model_dump(mode="json", exclude_defaults=True)
        record = {"tool": spec.name, "arguments": kwargs, "call_id": runtime.tool_call_id}
        try:
            with deps.lock:
                result = spec.call(deps, kwargs)
        except ToolError as exc:
            deps.results.append({**record, "error": exc.payload()})
            return json.dumps(exc.payload(), ensure_ascii=False)
        payload = result.model_dump(mode="json")
        deps.results.append({**record, "result": payload})
        return json.dumps(payload, ensure_ascii=False)

    run.__annotations__["runtime"] = ToolRuntime  # resolved here: this module defers annotations
    return StructuredTool.from_function(func=run, name=spec.name, description=spec.description,
                                        args_schema=spec.args_model)
