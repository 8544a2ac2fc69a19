"""Progress for the commands that take more than a moment (seed, index, score, worker --once): a rich bar
on a terminal, nothing in a pipe or a log, so their stdout stays what scripts read."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, Iterator

Report = Callable[[str, int, int], None]  # (stage, done, total); total 0: a step without a count


@contextmanager
def stages() -> Iterator[Report]:
    """A `report(stage, done, total)` that draws one bar per stage on stderr while the block runs."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    console = Console(stderr=True)
    columns = (SpinnerColumn(), TextColumn("{task.description:<30}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as bar:
        tasks: dict[str, int] = {}
        current: list[str] = []

        def report(stage: str, done: int, total: int, key: str | None = None) -> None:
            """One bar per `key` (default: the stage), labelled with the latest stage."""
            key = key or stage
            if key not in tasks:
                if current:  # the previous one is over: show it full
                    previous = tasks[current[-1]]
                    bar.update(previous, completed=bar.tasks[previous].total or 1, total=bar.tasks[previous].total or 1)
                tasks[key] = bar.add_task(stage, total=total or None)
                current.append(key)
            bar.update(tasks[key], description=stage, completed=done, total=total or None)

        yield report
