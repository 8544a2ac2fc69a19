"""One answer's media → transcript, speech features and (with consent, where allowed) face signals.

Every failure becomes a note on the answer (signal, code, message in English and Chinese) and the
pipeline goes on: a corrupt file or silence leaves the answer to its typed transcript, if any; no
consent, a refusing policy or missing emotion weights leave the face signals out and say why.
Heavy libraries (faster-whisper, deepface) load here only, when there is media to process.
"""

from __future__ import annotations

import logging
from typing import Any

from candor.models import Answer, Candidate
from tools.shared.media_files import media_path

log = logging.getLogger("candor.scoring")


def note(signal: str, code: str, message: str, message_zh: str = "") -> dict:
    return {"signal": signal, "code": code, "message": message, "message_zh": message_zh or message}


def media_done(answer: Answer) -> bool:
    """Already processed (a retried job keeps what an earlier attempt computed)."""
    return answer.duration_s is not None or any(n.get("signal") == "speech" and n.get("code") != "degraded"
                                                for n in answer.notes or [] if isinstance(n, dict))


def process_answer_media(answer: Answer, candidate: Candidate, settings: Any) -> list[dict]:
    """Fill the answer's transcript, words, duration, speech features and face signals from its media.

    Mutates `answer`; returns the notes added (also appended to `answer.notes`).
    """
    from media.speech import SpeechError, probe_media, speech_features, transcribe

    added: list[dict] = []
    path = media_path(answer.media_ref, settings.media_dir)
    try:
        info = probe_media(path)  # has_video decides the face step below
        transcript = transcribe(path, settings, answer.language)  # refuses over-long media from the header
    except SpeechError as exc:
        added.append(note("speech", exc.code, exc.message, getattr(exc, "message_zh", "")))
        answer.duration_s = answer.duration_s if answer.duration_s is not None else 0.0
        info = None
    else:
        if not answer.transcript.strip():  # a typed (verified) transcript wins over the recognised one
            answer.transcript = transcript.text.strip()
        answer.language = answer.language or transcript.language
        answer.duration_s = round(transcript.duration_s, 3)
        answer.words = [{"word": w.word, "start": round(w.start, 3), "end": round(w.end, 3)} for w in transcript.words]
        baseline = bool((answer.speech_features or {}).get("baseline"))
        answer.speech_features = {**speech_features(transcript), "baseline": baseline,
                                  "engine": transcript.engine, "model": transcript.model}
        added += [note("speech", "degraded", text) for text in transcript.notes]
        if not transcript.text.strip() and not answer.transcript.strip():
            added.append(note("speech", "no_transcript", f"No words were recognised in {path.name}; the answer "
                              "cannot be scored from its recording.", f"{path.name} 中没有识别出文字，无法根据录音评分。"))
    if info is not None and info.has_video:
        added += _face(answer, candidate, settings, path)
    answer.notes = [*(answer.notes or []), *added]
    return added


def _face(answer: Answer, candidate: Candidate, settings: Any, path) -> list[dict]:
    from media.vision import face_allowed_zh

    allowed, reason, reason_zh = face_allowed_zh(candidate, settings)
    if not allowed:  # no vision call at all: no frames are read
        return [note("face", "not_allowed", f"Face signals not computed: {reason}", f"未计算面部信号：{reason_zh}")]
    from media.vision import face_signals

    try:
        signals = face_signals(path, settings)
    except Exception as exc:  # a vision failure degrades the signal, never the interview
        log.warning("face signals failed for %s: %s", path, exc)
        return [note("face", "failed", f"Face signals failed on {path.name}: {exc}", f"{path.name} 面部信号计算失败：{exc}")]
    answer.face_signals = dict(signals or {})
    if answer.face_signals.get("available") is False:
        return [note("face", "unavailable", f"Face signal unavailable: {answer.face_signals.get('reason', '')}",
                     f"面部信号不可用：{answer.face_signals.get('reason_zh') or answer.face_signals.get('reason', '')}")]
    return [note("face", "degraded", text if isinstance(text, str) else str(text))
            for text in answer.face_signals.get("notes", []) or []]


def apply_baseline_deltas(answers: list[Answer]) -> None:
    """Each transcribed answer's speech features as a change against the candidate's own baseline answers
    (flagged `baseline`), or against the median of their answers when none is flagged."""
    from media.speech import baseline_deltas

    spoken = [a for a in answers if a.words]
    if len(spoken) < 2:
        return
    features = [a.speech_features or {} for a in spoken]
    baseline = [i for i, f in enumerate(features) if f.get("baseline")]
    for answer, deltas in zip(spoken, baseline_deltas(features, baseline)):
        answer.speech_features = {**(answer.speech_features or {}), "baseline_deltas": deltas}
