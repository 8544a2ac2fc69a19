"""Media-pipeline benchmark: a 60-second spoken answer (espeak-ng) through bare faster-whisper and through
the whole scoring pipeline (probe, decode, transcribe, speech features, DB writes, competency scoring).

    python bench/media_pipeline.py [--seconds 60] [--runs 3]

Prints medians over the runs: the transcription real-time factor (transcription time / audio length)
and the pipeline's time as a ratio to the bare transcription of the same file (target ≤ 1.25, i.e. the
pipeline adds at most 25 %). Both use warm models: loading them is measured once, separately.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ANSWER = ("Last year I had to validate a welded frame before prototyping. I set realistic loads and boundary "
          "conditions in ANSYS, ran a mesh convergence study and compared the peak stress with a beam theory hand "
          "calculation; they agreed within six percent. After a fatigue analysis I changed the gussets and reduced "
          "the mass by fifteen percent. ")


def make_answer(folder: Path, seconds: float) -> tuple[Path, float]:
    from media.speech import probe_media
    from tests.media import speak

    text, path = ANSWER, folder / "answer.wav"
    while True:
        speak(text, path)
        duration = probe_media(path).duration_s
        if duration >= seconds:
            return path, duration
        text += ANSWER


def bare_transcription(path: Path, settings) -> float:
    from media.speech.faster_whisper_engine import model_for

    model, _ = model_for(settings)
    started = time.perf_counter()
    segments, _ = model.transcribe(str(path), language="en", vad_filter=settings.whisper_vad, word_timestamps=True,
                                   beam_size=5, condition_on_previous_text=False)
    words = sum(len(s.words or []) for s in segments)  # a generator: decoding happens here
    assert words > 50, "the bare transcription recognised almost nothing"
    return time.perf_counter() - started


def pipeline(path: Path, url: str, settings, n: int) -> float:
    from candor.clock import current_time
    from candor.db import get_engine
    from tests.scoring_fixtures import interview_payload
    from tools.scoring.input import InterviewIn
    from tools.scoring.submit import submit_interview
    from tools.scoring.tool import process_interview

    engine = get_engine(url)
    payload = interview_payload(f"BENCH-{n}", answers={}, media={"finite_element_analysis": path.name})
    started = time.perf_counter()
    submitted = submit_interview(engine, settings, InterviewIn.model_validate(payload), now=current_time(None),
                                 save_media=lambda _folder: {path.name: str(path)})
    result = process_interview(engine, submitted.interview_id, settings)
    elapsed = time.perf_counter() - started
    assert result["competencies"], "the pipeline scored nothing"
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from candor.migrate import upgrade
    from candor.settings import load_settings
    from tests.scoring_fixtures import catalogue

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url = f"sqlite:///{folder / 'bench.db'}"
        upgrade(url)
        catalogue(url)
        settings = load_settings(_env_file=None, DATABASE_URL=url, CANDOR_ENV="test", CANDOR_MEDIA_DIR=str(folder))
        path, duration = make_answer(folder, args.seconds)
        started = time.perf_counter()
        bare_transcription(path, settings)  # warm-up: loads the speech model
        pipeline(path, url, settings, 0)  # warm-up: loads the embedding model
        print(f"models loaded and warmed in {time.perf_counter() - started:.1f} s")
        bare, full = [], []
        for n in range(1, args.runs + 1):
            bare.append(bare_transcription(path, settings))
            full.append(pipeline(path, url, settings, n))
        bare_s, full_s = statistics.median(bare), statistics.median(full)
        ratio = full_s / bare_s
        print(f"answer: {duration:.1f} s of espeak-ng speech; medians over {args.runs} runs")
        print(f"bare faster-whisper transcription: {bare_s:.2f} s, real-time factor {bare_s / duration:.3f}")
        print(f"whole pipeline (probe, decode, transcribe, features, DB, scoring): {full_s:.2f} s, "
              f"{ratio:.2f}x the bare transcription ({(ratio - 1) * 100:+.0f} %; target ≤ +25 %)")


if __name__ == "__main__":
    main()
