"""`python app.py score PATH` and `python app.py worker`: the command-line ways into the scoring pipeline.

PATH is a folder holding `interview.json` and the media files it names, or a JSON manifest whose
media names are relative to the manifest's folder (see docs/scoring-input.md).
"""

from __future__ import annotations

import json
import signal
import threading
import time
from pathlib import Path
from typing import Callable

from pydantic import ValidationError

from tools.base import ToolError
from tools.scoring.input import InterviewIn, validation_problems


class ScoreCommandError(RuntimeError):
    """Bad input for `score`: the message says what is wrong and how to fix it."""


def load_manifest(path: Path) -> tuple[InterviewIn, dict[str, str]]:
    """The interview and {media name: absolute path}; every named file must exist."""
    path = Path(path)
    manifest = path / "interview.json" if path.is_dir() else path
    if not manifest.is_file():
        raise ScoreCommandError(f"{manifest} does not exist: give a folder with interview.json and its media files, "
                                "or a JSON manifest (see docs/scoring-input.md).")
    try:
        data = InterviewIn.model_validate(json.loads(manifest.read_text(encoding="utf-8")))
    except json.JSONDecodeError as exc:
        raise ScoreCommandError(f"{manifest} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}.")
    except ValidationError as exc:
        problems = "; ".join(validation_problems(exc))
        raise ScoreCommandError(f"{manifest} is not a valid interview — {problems}. See docs/scoring-input.md for "
                                "the format.")
    refs: dict[str, str] = {}
    for answer in data.answers:
        if answer.media:
            media = Path(answer.media) if Path(answer.media).is_absolute() else manifest.parent / answer.media
            if not media.is_file():
                raise ScoreCommandError(f"Answer to {answer.question!r} names media {answer.media!r}, but {media} does "
                                        "not exist: put the file next to the manifest or fix the name.")
            refs[answer.media] = str(media.resolve())
    return data, refs


def score_path(settings, path: Path, *, queue: bool = False, echo: Callable[[str], None] = print,
               progress: Callable[..., None] | None = None) -> dict:
    """Submit the interview at `path`; without `queue`, run its media job here and print progress (as lines
    through `echo`, or to `progress(stage, done, total, key=…)`, a bar on a terminal)."""
    from assistant.workers import worker_for
    from candor.clock import current_time
    from candor.db import get_engine
    from candor.jobs import DONE, FAILED, get_job
    from candor.migrate import upgrade
    from tools.scoring.submit import interview_result, submit_interview

    data, refs = load_manifest(path)
    upgrade(settings.database_url)
    engine = get_engine(settings.database_url)
    if progress is not None:
        progress("storing the interview" if queue or refs else "scoring the transcripts", 0, 0, key="submit")
    try:
        submitted = submit_interview(engine, settings, data, now=current_time(settings.now), queue=queue,
                                     save_media=(lambda _folder: refs) if refs else None)
    except ToolError as exc:
        raise ScoreCommandError(exc.message) from None
    if submitted.job is None or queue or submitted.job.status in (DONE, FAILED):
        return submitted.model_dump(mode="json")
    job_id = submitted.job.id
    runner = threading.Thread(target=worker_for(settings, engine).run_one, args=(job_id,), daemon=True)
    runner.start()  # claims the job unless a running worker already has it; then we only watch
    last = None
    while True:
        job = get_job(engine, job_id)
        line = f"[{job.progress * 100:5.1f}%] {job.stage or job.status}"
        if line != last:
            if progress is not None:
                progress(f"job {job_id}: {job.stage or job.status}"[:60], round(job.progress * 100), 100, key="job")
            else:
                echo(line)
            last = line
        if job.status in (DONE, FAILED) and not runner.is_alive():
            break
        time.sleep(0.5)
    out = submitted.model_dump(mode="json")
    out["status"], out["job"]["status"], out["job"]["error"] = job.status, job.status, job.error
    out["job"]["notes"] = job.notes
    out["result"] = interview_result(engine, data.external_id).model_dump(mode="json")
    return out


def _run_once_showing_progress(worker) -> int:
    """worker.run_once(), with a bar per job this worker runs (on a terminal: transcription takes a while)."""
    from integrations.cli.progress import stages

    outcome: dict[str, int] = {}
    runner = threading.Thread(target=lambda: outcome.setdefault("ran", worker.run_once()), daemon=True)
    with stages() as report:
        runner.start()
        while runner.is_alive():
            for job in worker.running(mine=True):
                report(f"job {job.id}: {job.stage or 'starting'}"[:60], round(job.progress * 100), 100,
                       key=str(job.id))
            runner.join(0.5)
    return outcome.get("ran", 0)


def run_worker(settings, *, once: bool = False, echo: Callable[[str], None] = print) -> int:
    """Run the worker until Ctrl-C (or, with `once`, until the queue is empty); returns jobs run."""
    from assistant.workers import worker_for
    from candor.migrate import upgrade

    upgrade(settings.database_url)
    worker = worker_for(settings)
    if once:
        ran = _run_once_showing_progress(worker)
        echo(f"Ran {ran} job(s); the queue is empty.")
        for job in worker.running(mine=False):
            echo(f"Job {job.id}{f' ({job.key})' if job.key else ''} is running in another worker, {job.worker} (the one inside `serve`, "
                 f"if it runs): {job.progress * 100:.0f}%, {job.stage or 'started'}. Follow it with "
                 f"GET /api/jobs/{job.id}; this worker left it alone.")
        return ran
    echo(f"Candor worker {worker.name}: polling every {settings.worker_poll_s:g} s, lease "
         f"{settings.worker_lease_s:g} s. Ctrl-C to stop.")
    def _stop(*_):
        echo("Stopping: a running job goes back to the queue at its next step…")
        worker.stop(timeout=0)

    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    worker.run_forever()
    return 0
