"""Face signals: a real photograph through deepface's real detector, the emotion path with a stand-in ONNX model
(PLUMBING TEST: the stand-in says nothing about real emotions), frame sampling, and consent/policy gating."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from candor.models import Candidate
from candor.settings import load_settings
from media.vision import candidate_face_signals, face_allowed, face_signals
from media.vision.frames import sample_frames
from tests.media import (
    blank_video,
    ffmpeg,
    have_media_tools,
    speak,
    stand_in_emotion_model,
    video_from_image,
)

pytestmark = pytest.mark.skipif(not have_media_tools(), reason="needs ffmpeg and espeak-ng (make install)")

ASTRONAUT = Path(__file__).parent / "data" / "astronaut.png"  # scikit-image's public-domain photo of Eileen Collins


@pytest.fixture(scope="session")
def vision_dir(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("vision-media")
    stand_in_emotion_model(d / "sad.onnx", "sad")
    stand_in_emotion_model(d / "happy.onnx", "happy")
    video_from_image(ASTRONAUT, d / "face.mp4", seconds=3, fps=10)
    blank_video(d / "blank.mp4", seconds=2, fps=10)
    ffmpeg("-i", str(d / "face.mp4"), "-i", str(d / "blank.mp4"), "-filter_complex",
           "[0:v]scale=320:240,setsar=1[a];[1:v]setsar=1[b];[a][b]concat=n=2:v=1", "-c:v", "libx264",
           "-pix_fmt", "yuv420p", str(d / "face_then_blank.mp4"))
    return d


def media_settings(vision_dir: Path, **overrides):
    values = {"CANDOR_ENV": "test", "CANDOR_DEPLOYMENT_REGION": "US", "CANDOR_FACE_SAMPLE_FPS": 2,
              "CANDOR_EMOTION_WEIGHTS": str(vision_dir / "sad.onnx"),
              "CANDOR_DEEPFACE_HOME": str(vision_dir / "deepface-home")}
    values.update(overrides)
    return load_settings(**values)


@pytest.fixture
def watched_deepface(vision_dir, monkeypatch):
    """deepface with its model factory and analyze() recorded, so tests can see what ran."""
    from media.vision.deepface_runner import load_deepface

    DeepFace = load_deepface(media_settings(vision_dir))
    from deepface.modules import modeling

    built, actions = [], []
    real_build, real_analyze = modeling.build_model, DeepFace.analyze

    def build_model(task, model_name):
        built.append(model_name)
        return real_build(task=task, model_name=model_name)

    def analyze(*args, **kwargs):
        actions.append(tuple(kwargs.get("actions", ())))
        return real_analyze(*args, **kwargs)

    monkeypatch.setattr(modeling, "build_model", build_model)
    monkeypatch.setattr(DeepFace, "analyze", analyze)
    return built, actions


def test_the_astronaut_photo_has_one_face_found_by_the_opencv_detector(vision_dir):
    from media.vision.deepface_runner import load_deepface

    DeepFace = load_deepface(media_settings(vision_dir))
    faces = DeepFace.extract_faces(str(ASTRONAUT), detector_backend="opencv", enforce_detection=True)
    assert len(faces) == 1
    area = faces[0]["facial_area"]
    # Eileen Collins' face sits in the upper middle of the 512×512 photo.
    assert 120 < area["x"] + area["w"] / 2 < 300 and 40 < area["y"] + area["h"] / 2 < 220
    assert faces[0]["confidence"] > 0


def test_emotion_path_runs_and_produces_the_ratios_plumbing_only(vision_dir, watched_deepface):
    built, actions = watched_deepface
    sad = face_signals(vision_dir / "face.mp4", media_settings(vision_dir))
    assert sad["available"] and sad["frames"] == 6 and sad["face_frames"] == 6
    assert sad["face_present_ratio"] == 1.0 and sad["negative_affect_share"] == 1.0
    assert sad["dominant_emotions"] == {"sad": 6} and sad["sample_fps"] == 2.0
    happy = face_signals(vision_dir / "face.mp4", media_settings(vision_dir, CANDOR_EMOTION_WEIGHTS=str(
        vision_dir / "happy.onnx")))
    assert happy["negative_affect_share"] == 0.0 and happy["dominant_emotions"] == {"happy": 6}
    # Only the emotion action ever runs: age, gender and race models are never built.
    assert set(actions) == {("emotion",)}
    assert "Emotion" in built and not {"Age", "Gender", "Race"} & set(built)


def test_face_present_ratio_follows_the_frames_with_a_face(vision_dir):
    half = face_signals(vision_dir / "face_then_blank.mp4", media_settings(vision_dir))
    assert half["frames"] == 10 and half["face_frames"] == 6
    assert half["face_present_ratio"] == 0.6


def test_video_without_a_face_gives_zero_and_a_note(vision_dir):
    none = face_signals(vision_dir / "blank.mp4", media_settings(vision_dir))
    assert none["available"] and none["frames"] == 4
    assert none["face_present_ratio"] == 0.0 and none["negative_affect_share"] is None
    assert "no face detected" in none["notes"][0]


def test_frames_are_sampled_at_the_configured_rate(vision_dir):
    times = [t for t, _ in sample_frames(vision_dir / "face.mp4", sample_fps=2, max_frames=100)]
    assert times == pytest.approx([0.0, 0.5, 1.0, 1.5, 2.0, 2.5])
    assert len(list(sample_frames(vision_dir / "face.mp4", sample_fps=5, max_frames=100))) == 15
    assert len(list(sample_frames(vision_dir / "face.mp4", sample_fps=5, max_frames=4))) == 4


def test_without_emotion_weights_the_signal_is_unavailable_with_the_reason(vision_dir):
    unset = face_signals(vision_dir / "face.mp4", media_settings(vision_dir, CANDOR_EMOTION_WEIGHTS=""))
    assert not unset["available"] and "CANDOR_EMOTION_WEIGHTS" in unset["reason"] and unset["reason_zh"]
    missing = face_signals(vision_dir / "face.mp4", media_settings(
        vision_dir, CANDOR_EMOTION_WEIGHTS=str(vision_dir / "nowhere.onnx")))
    assert not missing["available"] and "does not exist" in missing["reason"]


def test_bad_video_is_reported_not_raised(vision_dir):
    broken = vision_dir / "broken.mp4"
    broken.write_bytes((vision_dir / "face.mp4").read_bytes()[:2000])
    result = face_signals(broken, media_settings(vision_dir))
    assert not result["available"] and "cannot be read" in result["reason"]
    audio_only = speak("Hello.", vision_dir / "hello.wav")
    result = face_signals(audio_only, media_settings(vision_dir))
    assert not result["available"] and "no video track" in result["reason"]


# --- consent and deployment policy --------------------------------------------------------------------------


def test_face_allowed_needs_consent_and_a_policy_that_allows_it(session):
    consenting = Candidate(external_id="c-1", consent_face_analysis=True)
    refusing = Candidate(external_id="c-2", consent_face_analysis=False)
    session.add_all([consenting, refusing])
    session.commit()
    us = load_settings(CANDOR_ENV="test", CANDOR_DEPLOYMENT_REGION="US")
    assert face_allowed(consenting, us)[0] is True
    assert face_allowed(refusing, us) == (False, "the candidate has not consented to face analysis")
    assert face_allowed({"consent_face_analysis": True}, us)[0] is True
    assert face_allowed(None, us)[0] is False
    for region in ("DE", "eu", "FR"):
        allowed, reason = face_allowed(consenting, load_settings(CANDOR_ENV="test", CANDOR_DEPLOYMENT_REGION=region))
        assert not allowed and "EU law prohibits emotion recognition at work" in reason
    allowed, reason = face_allowed(consenting, load_settings(CANDOR_ENV="test"))
    assert not allowed and "CANDOR_DEPLOYMENT_REGION" in reason  # the default: off until the region is known
    assert not face_allowed(consenting, load_settings(CANDOR_ENV="test", CANDOR_DEPLOYMENT_REGION="US",
                                                       CANDOR_FACE_POLICY="refuse"))[0]
    assert face_allowed(consenting, load_settings(CANDOR_ENV="test", CANDOR_DEPLOYMENT_REGION="DE",
                                                   CANDOR_FACE_POLICY="allow"))[0]


def test_no_consent_or_policy_refusal_means_no_vision_call_at_all(vision_dir, monkeypatch):
    import deepface.DeepFace
    import deepface.modules.demography

    import media.vision.deepface_runner as runner
    import media.vision.frames as frames

    def forbidden(*args, **kwargs):
        pytest.fail("vision ran without consent or against the deployment policy")

    for module, name in ((deepface.DeepFace, "analyze"), (deepface.DeepFace, "extract_faces"),
                         (deepface.modules.demography, "analyze"), (runner, "load_deepface"),
                         (frames, "sample_frames")):
        monkeypatch.setattr(module, name, forbidden)
    video = vision_dir / "face.mp4"
    no_consent = candidate_face_signals(Candidate(external_id="c-3"), video, media_settings(vision_dir))
    assert not no_consent["available"] and "not consented" in no_consent["reason"] and no_consent["reason_zh"]
    eu = candidate_face_signals(Candidate(external_id="c-4", consent_face_analysis=True), video,
                                media_settings(vision_dir, CANDOR_DEPLOYMENT_REGION="DE"))
    assert not eu["available"] and "AI Act" in eu["reason"]
    assert not face_signals(video, media_settings(vision_dir, CANDOR_FACE_POLICY="refuse"))["available"]


def test_refusal_imports_no_vision_library(vision_dir):
    """In a fresh interpreter: refusing loads neither deepface nor opencv."""
    code = (
        "import sys\n"
        "from candor.settings import load_settings\n"
        "from media.vision import candidate_face_signals\n"
        "s = load_settings(CANDOR_ENV='test', CANDOR_DEPLOYMENT_REGION='DE', "
        f"CANDOR_EMOTION_WEIGHTS={str(vision_dir / 'sad.onnx')!r})\n"
        f"r = candidate_face_signals({{'consent_face_analysis': True}}, {str(vision_dir / 'face.mp4')!r}, s)\n"
        "assert not r['available'], r\n"
        "loaded = sorted(m for m in ('deepface', 'cv2', 'onnxruntime') if m in sys.modules)\n"
        "assert not loaded, loaded\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=Path(__file__).parent.parent)
    assert proc.returncode == 0, proc.stderr
