"""Transcribe one file and print its transcript, speech features and timing as JSON.

    python -m media.speech answer.wav [--language zh] [--engine whisperx]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from candor.settings import load_settings
from media.speech import SpeechError, speech_features, transcribe


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m media.speech", description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--language", default=None, help="en, zh…; default: the model decides")
    parser.add_argument("--engine", choices=["faster-whisper", "whisperx"], default=None)
    args = parser.parse_args(argv)
    overrides = {"CANDOR_SPEECH_ENGINE": args.engine} if args.engine else {}
    settings = load_settings(**overrides)
    started = time.perf_counter()
    try:
        from media.speech.faster_whisper_engine import model_for
        if settings.speech_engine == "faster-whisper":
            model_for(settings)  # load the model outside the timed transcription
        loaded = time.perf_counter()
        t = transcribe(args.path, settings, args.language)
    except SpeechError as exc:
        print(json.dumps({"error": exc.to_dict()}, ensure_ascii=False, indent=2))
        return 2
    seconds = time.perf_counter() - loaded
    print(json.dumps({"text": t.text, "language": t.language, "engine": t.engine, "model": t.model, "notes": t.notes,
                      "features": speech_features(t), "audio_s": t.duration_s, "load_s": round(loaded - started, 2),
                      "transcribe_s": round(seconds, 2), "real_time_factor": round(seconds / t.duration_s, 3)},
                     ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
