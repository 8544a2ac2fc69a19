"""face_signals(): face-present ratio and negative-affect share over frames sampled from an answer's video."""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

from media.vision.policy import face_allowed_zh, policy_allows


def unavailable(reason: str, reason_zh: str, sample_fps: float | None = None) -> dict:
    return {"available": False, "reason": reason, "reason_zh": reason_zh, "frames": 0, "face_frames": 0,
            "face_present_ratio": None, "negative_affect_share": None, "sample_fps": sample_fps,
            "dominant_emotions": {}, "notes": [reason]}


def face_signals(video_path: Path, settings) -> dict:
    """Samples frames at CANDOR_FACE_SAMPLE_FPS and runs deepface's emotion action only (never age, gender or race).
    Checks the deployment policy itself; the candidate's consent is checked by `candidate_face_signals`.
    Never raises for bad media or a missing model: the result says the signal is unavailable, and why."""
    fps = settings.face_sample_fps
    allowed, reason, reason_zh = policy_allows(settings)
    if not allowed:
        return unavailable(reason, reason_zh, fps)
    weights = Path(settings.emotion_weights).expanduser() if settings.emotion_weights else None
    if weights is None or not weights.is_file():
        where = f" ({weights} does not exist)" if weights else ""
        return unavailable(f"emotion model unavailable: CANDOR_EMOTION_WEIGHTS is not set to deepface's "
                           f"{'facial_expression_model_weights.onnx'} file{where}; face signals were not computed",
                           "情绪模型不可用：CANDOR_EMOTION_WEIGHTS 未指向 deepface 的 facial_expression_model_weights.onnx "
                           "文件，因此未计算面部信号。", fps)
    from media.speech.media import probe_media, too_long_error
    from media.speech.model import SpeechError

    try:
        info = probe_media(Path(video_path))
    except SpeechError as exc:
        return unavailable(exc.message, exc.message_zh, fps)
    if not info.has_video:
        return unavailable(f"{Path(video_path).name} has no video track, so there is no face to analyse",
                           f"{Path(video_path).name} 没有视频画面，无法做面部分析。", fps)
    if info.duration_s and info.duration_s > settings.media_max_seconds:
        exc = too_long_error(info.path, info.duration_s, settings.media_max_seconds)
        return unavailable(exc.message, exc.message_zh, fps)
    return _analyse(Path(video_path), settings)


def _analyse(path: Path, settings) -> dict:
    from media.vision.deepface_runner import (
        NEGATIVE_EMOTIONS,
        analyse_frame,
        load_deepface,
    )
    from media.vision.frames import sample_frames

    fps = settings.face_sample_fps
    DeepFace = load_deepface(settings)
    frames = 0
    dominant: Counter[str] = Counter()
    try:
        for _, frame in sample_frames(path, fps, max_frames=math.ceil(settings.media_max_seconds * fps)):
            frames += 1
            face = analyse_frame(DeepFace, frame)
            if face is not None:
                dominant[face["dominant"]] += 1
    except ValueError as exc:
        return unavailable(f"the video could not be read: {exc}", f"无法读取视频：{exc}", fps)
    if frames == 0:
        return unavailable(f"no frames could be read from {path.name}", f"无法从 {path.name} 读取任何画面。", fps)
    face_frames = sum(dominant.values())
    notes = []
    if face_frames == 0:
        notes.append("no face detected in any sampled frame (camera off, or the candidate out of view); "
                     "there is no expression signal for this answer")
    negative = sum(n for emotion, n in dominant.items() if emotion in NEGATIVE_EMOTIONS)
    return {"available": True, "reason": "", "reason_zh": "", "frames": frames, "face_frames": face_frames,
            "face_present_ratio": round(face_frames / frames, 3),
            "negative_affect_share": round(negative / face_frames, 3) if face_frames else None,
            "sample_fps": fps, "dominant_emotions": dict(dominant), "notes": notes,
            "detector": "opencv", "engine": "deepface (onnx)"}


def candidate_face_signals(candidate, video_path: Path, settings) -> dict:
    """face_signals gated by the candidate's recorded consent and the policy: without both, nothing is imported."""
    allowed, reason, reason_zh = face_allowed_zh(candidate, settings)
    if not allowed:
        return unavailable(reason, reason_zh, settings.face_sample_fps)
    return face_signals(video_path, settings)
