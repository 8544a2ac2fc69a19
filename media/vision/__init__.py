"""Face signals from interview video: only with the candidate's consent and where the deployment allows it.

deepface (ONNX backend) is imported only when a video is actually analysed."""

from media.vision.policy import face_allowed, face_allowed_zh, policy_allows
from media.vision.signals import candidate_face_signals, face_signals

__all__ = ["candidate_face_signals", "face_allowed", "face_allowed_zh", "face_signals", "policy_allows"]
