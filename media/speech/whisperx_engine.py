"""Second engine: whisperx (VAD + batched faster-whisper, then forced alignment where its model is local).

Installed as the optional extra `.[whisperx]` in its own environment (it pins its own torch); imported only here."""

from __future__ import annotations

import os
from functools import lru_cache

import numpy as np

from media.speech.faster_whisper_engine import not_english_notes, resolve_model
from media.speech.media import SAMPLE_RATE
from media.speech.model import SpeechError, Word


def _whisperx():
    try:
        import whisperx
    except ImportError:
        raise SpeechError("engine_missing", "CANDOR_SPEECH_ENGINE=whisperx but whisperx is not installed: pip install "
                          "'.[whisperx]' (in its own environment: `make test-whisperx` shows how), or set "
                          "CANDOR_SPEECH_ENGINE=faster-whisper.", "已设置 CANDOR_SPEECH_ENGINE=whisperx，但未安装 "
                          "whisperx：请 pip install '.[whisperx]'（建议独立环境，见 make test-whisperx），或改用 "
                          "CANDOR_SPEECH_ENGINE=faster-whisper。") from None
    return whisperx


@lru_cache(maxsize=2)
def load_pipeline(model: str, device: str, compute_type: str, threads: int, english_only: bool):
    whisperx = _whisperx()
    try:
        return whisperx.load_model(model, device if device != "auto" else "cpu", compute_type=compute_type,
                                   language="en" if english_only else None, vad_method="pyannote",
                                   threads=threads or (os.cpu_count() or 1))
    except SpeechError:
        raise
    except Exception as exc:
        raise SpeechError("model_missing", f"whisperx could not load the speech model {model!r} ({exc}); set "
                          "CANDOR_WHISPER_MODEL to a local CTranslate2 model directory.",
                          f"whisperx 无法加载语音模型 {model!r}（{exc}）：请将 CANDOR_WHISPER_MODEL 设为本地 "
                          "CTranslate2 模型目录。") from None


def _english_only(model: str, name: str) -> bool:
    if name.endswith(".en"):
        return True
    # English-only Whisper vocabularies have 51,864 tokens, multilingual ones 51,865 or more.
    vocabulary = os.path.join(model, "vocabulary.txt")
    if os.path.isfile(vocabulary):
        with open(vocabulary, encoding="utf-8") as handle:
            return sum(1 for _ in handle) < 51865
    return False


def describe_model(settings) -> tuple[str, bool]:
    model, name = resolve_model(settings.whisper_model)
    return name, not _english_only(model, name)


# An alignment model that could not be loaded is not tried again for every answer (offline, each try waits on
# the network); the process remembers why.
_align_failures: dict[tuple[str, str, str], str] = {}


@lru_cache(maxsize=4)
def _load_align_model(language: str, device: str, model_name: str):
    return _whisperx().load_align_model(language_code=language, device=device, model_name=model_name or None)


def load_aligner(language: str, device: str, model_name: str):
    key = (language, device, model_name)
    if key in _align_failures:
        raise RuntimeError(_align_failures[key])
    try:
        return _load_align_model(language, device, model_name)
    except Exception as exc:
        _align_failures[key] = f"{type(exc).__name__}: {str(exc)[:160]}"
        raise RuntimeError(_align_failures[key]) from None


def _interpolated_words(segments: list[dict]) -> list[Word]:
    """Without alignment: each segment's words spread over the segment in proportion to their length."""
    words = []
    for seg in segments:
        tokens = seg["text"].split()
        total = sum(len(t) for t in tokens) or 1
        t, step = float(seg["start"]), (float(seg["end"]) - float(seg["start"])) / total
        for token in tokens:
            words.append(Word(token, round(t, 3), round(t + step * len(token), 3), None))
            t += step * len(token)
    return words


def transcribe_samples(samples: np.ndarray, settings, language: str | None) -> dict:
    model, name = resolve_model(settings.whisper_model)
    english_only = _english_only(model, name)
    device = settings.whisper_device if settings.whisper_device != "auto" else "cpu"
    pipeline = load_pipeline(model, device, settings.whisper_compute_type, settings.whisper_threads, english_only)
    result = pipeline.transcribe(samples.astype(np.float32), batch_size=settings.whisperx_batch_size,
                                 language="en" if english_only else language)
    lang = result.get("language") or language or "en"
    segments = [s for s in result["segments"] if s.get("text", "").strip()]
    notes: list[str] = []
    if not settings.whisper_vad:
        notes.append("whisperx always filters with its VAD (CANDOR_WHISPER_VAD=false is ignored by this engine)")
    try:
        align_model, metadata = load_aligner(lang, device, settings.whisperx_align_model)
        aligned = _whisperx().align(segments, align_model, metadata, samples, device, return_char_alignments=False)
        words = [Word(w["word"].strip(), round(float(w["start"]), 3), round(float(w["end"]), 3),
                      round(float(w.get("score", 0.0)), 4))
                 for w in aligned.get("word_segments", []) if w.get("word", "").strip() and "start" in w]
    except Exception as exc:  # offline the align model (wav2vec2) and nltk data cannot be fetched
        notes.append(f"alignment unavailable: {exc}; word timings are interpolated "
                     "within segment timings (set CANDOR_WHISPERX_ALIGN_MODEL to a local alignment model)")
        words = _interpolated_words(segments)
    if english_only and words and all(w.probability is not None for w in words):
        notes += not_english_notes(words, [], name)
    spans = [(round(float(s["start"]), 3), round(float(s["end"]), 3), s["text"].strip()) for s in segments]
    return {"words": words, "segments": spans, "language": lang, "model": name, "notes": notes,
            "multilingual": not english_only, "duration_s": samples.size / SAMPLE_RATE}
