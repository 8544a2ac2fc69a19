"""The speech layer's data: words with timings, a transcript, what a media file holds, and its errors."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

ERROR_CODES = ("corrupt_media", "unsupported_media", "too_long", "model_missing", "engine_missing", "silence")


@dataclass(frozen=True)
class Word:
    word: str
    start: float
    end: float
    probability: float | None = None


@dataclass
class Transcript:
    text: str
    language: str
    duration_s: float
    words: list[Word]
    segments: list[tuple[float, float, str]]
    engine: str
    model: str
    # Degraded signals, each with its reason: "alignment unavailable: …", "language unsupported: …".
    notes: list[str] = field(default_factory=list)
    # Silences of at least 0.3 s between the first and the last word, measured on the audio itself
    # (word timestamps tend to swallow pauses); empty when only a transcript was given.
    pauses: list[tuple[float, float]] = field(default_factory=list)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["segments"] = [list(s) for s in self.segments]
        data["pauses"] = [list(p) for p in self.pauses]
        return data


@dataclass(frozen=True)
class MediaInfo:
    path: Path
    duration_s: float | None
    has_audio: bool
    has_video: bool
    format: str
    audio_codec: str = ""
    video_codec: str = ""
    fps: float | None = None


class SpeechError(Exception):
    """Media that cannot be transcribed; `message` says how to fix it, `message_zh` says it in Chinese."""

    def __init__(self, code: str, message: str, message_zh: str):
        if code not in ERROR_CODES:
            raise ValueError(f"unknown SpeechError code {code!r}")
        super().__init__(message)
        self.code = code
        self.message = message
        self.message_zh = message_zh

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "message_zh": self.message_zh}
