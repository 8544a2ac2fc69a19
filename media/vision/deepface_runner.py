"""deepface on its ONNX backend, emotion only. Weights come from CANDOR_EMOTION_WEIGHTS and are linked into a
private DEEPFACE_HOME, so deepface finds them and never downloads anything."""

from __future__ import annotations

import os
import tempfile
from functools import lru_cache
from pathlib import Path

import numpy as np

EMOTION_FILE = "facial_expression_model_weights.onnx"
NEGATIVE_EMOTIONS = {"angry", "disgust", "fear", "sad"}
# Never computed: deepface can estimate these, Candor must not (DESIGN.md: media and consent).
FORBIDDEN_ACTIONS = ("age", "gender", "race")


@lru_cache(maxsize=1)
def _private_home() -> str:
    return tempfile.mkdtemp(prefix="candor-deepface-")


def prepare_home(settings) -> Path:
    """Links the emotion weights where deepface's loader looks: $DEEPFACE_HOME/.deepface/weights/."""
    weights = Path(settings.emotion_weights).expanduser().resolve()
    home = Path(settings.deepface_home or _private_home()).expanduser()
    target = home / ".deepface" / "weights" / EMOTION_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_symlink() or target.exists():
        if target.resolve() != weights:
            target.unlink()
    if not target.exists():
        target.symlink_to(weights)
    return home


def load_deepface(settings):
    """Imports deepface with the ONNX backend and our home; rebuilds the emotion model if the weights changed."""
    home = prepare_home(settings)
    os.environ["DEEPFACE_BACKEND_ENGINE"] = "onnx"  # otherwise it picks torch and wants .pth downloads
    os.environ["DEEPFACE_HOME"] = str(home)
    from deepface import DeepFace
    from deepface.modules import modeling

    _forget_stale_emotion_model(modeling, Path(settings.emotion_weights).expanduser().resolve())
    return DeepFace


_loaded_weights: list[Path] = []


def _forget_stale_emotion_model(modeling, weights: Path) -> None:
    if _loaded_weights and _loaded_weights[-1] != weights:
        cached = getattr(modeling, "cached_models", {})
        cached.get("facial_attribute", {}).pop("Emotion", None)
    _loaded_weights[:] = [weights]


def analyse_frame(DeepFace, frame: np.ndarray) -> dict | None:
    """The largest face's emotion, or None when no face is found."""
    try:
        faces = DeepFace.analyze(frame, actions=("emotion",), detector_backend="opencv", enforce_detection=True,
                                 silent=True)
    except ValueError as exc:
        if "Face could not be detected" in str(exc):
            return None
        raise
    if not faces:
        return None
    face = max(faces, key=lambda f: f["region"]["w"] * f["region"]["h"])
    return {"dominant": face["dominant_emotion"], "scores": {k: float(v) for k, v in face["emotion"].items()},
            "confidence": float(face.get("face_confidence") or 0.0)}
