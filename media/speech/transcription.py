"""transcribe(): probe, check the length limit, decode, refuse silence, run the configured engine."""

from __future__ import annotations

from pathlib import Path

from media.speech.media import (
    SAMPLE_RATE,
    check_length,
    decode_audio,
    is_silent,
    probe_media,
    silence_error,
    silent_runs,
)
from media.speech.model import Transcript

CJK_LANGUAGES = {"zh", "ja", "ko", "yue"}


def normalise_language(language: str | None) -> str | None:
    """'zh-CN', 'cmn', 'ZH' -> 'zh'; 'en-US' -> 'en'; None or '' -> None (detect)."""
    if not language:
        return None
    code = language.strip().lower().replace("_", "-").split("-")[0]
    return {"cmn": "zh", "chi": "zh", "zho": "zh", "eng": "en"}.get(code, code)


def _engine(settings):
    if settings.speech_engine == "whisperx":
        import media.speech.whisperx_engine as whisperx_engine
        return whisperx_engine, "whisperx"
    import media.speech.faster_whisper_engine as faster_whisper_engine
    return faster_whisper_engine, "faster-whisper"


def join_words(words, language: str) -> str:
    if language in CJK_LANGUAGES:
        return "".join(w.word for w in words)
    return " ".join(w.word for w in words)


def transcribe(path: Path, settings, language: str | None = None) -> Transcript:
    """Transcript with word timings. Refuses (SpeechError) media that is corrupt, unsupported, over the length
    limit (checked from the header, before decoding) or silent. A language the configured model cannot
    understand is not transcribed: the transcript is empty and its notes say why."""
    path = Path(path)
    info = probe_media(path)
    check_length(info, settings.media_max_seconds)
    samples = decode_audio(info, settings.media_max_seconds)  # refuses a file without an audio track
    duration = round(samples.size / SAMPLE_RATE, 3)
    if is_silent(samples):
        raise silence_error(path)
    engine, engine_name = _engine(settings)
    language = normalise_language(language)
    model_name, multilingual = engine.describe_model(settings)
    if language and language != "en" and not multilingual:
        note = (f"language unsupported by the configured model: the answer is marked '{language}' but {model_name} "
                "only understands English, so it was not transcribed (a transcript would be nonsense); set "
                "CANDOR_WHISPER_MODEL to a multilingual model, or supply the transcript")
        return Transcript(text="", language=language, duration_s=duration, words=[], segments=[],
                          engine=engine_name, model=model_name, notes=[note])
    result = engine.transcribe_samples(samples, settings, language)
    words = result["words"]
    if not words:
        raise silence_error(path)
    lang = result["language"] or language or "en"
    text = join_words(words, lang) if lang in CJK_LANGUAGES else " ".join(s[2] for s in result["segments"]).strip()
    end = samples.size / SAMPLE_RATE - 0.05
    pauses = [run for run in silent_runs(samples) if run[0] > 0 and run[1] < end]  # leading/trailing silence is no pause
    return Transcript(text=text, language=lang, duration_s=duration, words=words, segments=result["segments"],
                      engine=engine_name, model=result["model"], notes=result["notes"], pauses=pauses)
