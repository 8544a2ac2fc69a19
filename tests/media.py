"""Test helpers that make real media: speech with espeak-ng, videos and silence with ffmpeg.

Shared by the speech, vision and pipeline tests; nothing here is large enough to commit, so tests write
into a tmp folder."""

from __future__ import annotations

import html
import shutil
import subprocess
from pathlib import Path

FILLERS = {"en": ["um,", "you know,", "like,", "I mean,"], "zh": ["嗯，", "那个，", "就是，", "然后，"]}
CALM_RATE = {"en": 150, "zh": 150}
NERVOUS_RATE = {"en": 215, "zh": 210}
ESPEAK_VOICE = {"en": "en-us", "zh": "cmn"}


def have_media_tools() -> bool:
    return all(shutil.which(t) for t in ("espeak-ng", "ffmpeg", "ffprobe"))


def nervous_text(text: str, lang: str = "en", every: int = 6, pause_ms: int = 1400) -> str:
    """SSML: the answer with a filler every few words and a long break every second filler."""
    if lang == "zh":
        units = [c for c in text]
        every *= 2
    else:
        units = text.split()
    out, fillers = [], FILLERS[lang]
    for i, unit in enumerate(units):
        if i and i % every == 0:
            k = i // every
            if k % 2 == 0:
                out.append(f'<break time="{pause_ms}ms"/>')
            out.append(html.escape(fillers[k % len(fillers)]))
        out.append(html.escape(unit))
    sep = "" if lang == "zh" else " "
    return "<speak>" + sep.join(out) + "</speak>"


def speak(text: str, path: Path, voice: str = "en", rate: int | None = None, nervous: bool = False) -> Path:
    """Synthesises `text` with espeak-ng into `path` (WAV, or any format ffmpeg writes, by its suffix).
    voice: "en" or "zh" (Mandarin, espeak's cmn) or any espeak voice name. nervous: faster, with fillers
    and long pauses inserted."""
    lang = "zh" if voice in ("zh", "cmn") else "en"
    espeak_voice = ESPEAK_VOICE.get(voice, voice)
    rate = rate or (NERVOUS_RATE if nervous else CALM_RATE)[lang]
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wav = path if path.suffix == ".wav" else path.with_suffix(".espeak.wav")
    body = nervous_text(text, lang) if nervous else "<speak>" + html.escape(text) + "</speak>"
    subprocess.run(["espeak-ng", "-m", "-v", espeak_voice, "-s", str(rate), "-w", str(wav), body],
                   check=True, capture_output=True)
    if wav != path:
        ffmpeg("-i", str(wav), str(path))
        wav.unlink()
    return path


def ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-nostdin", "-y", "-v", "error", *args], check=True, capture_output=True)


def silence(path: Path, seconds: float, codec_args: tuple[str, ...] = ()) -> Path:
    """A silent recording; with ("-c:a", "libopus", "-b:a", "6k") a 2-hour file is a few MB and made in seconds."""
    ffmpeg("-f", "lavfi", "-i", "anullsrc=r=16000:cl=mono", "-t", str(seconds), *codec_args, str(path))
    return Path(path)


def long_silence(path: Path, seconds: int) -> Path:
    """Hours of silent Ogg/Opus in about two seconds: a 2-second piece looped by stream copy, not re-encoded."""
    seed = Path(path).with_suffix(".seed.ogg")
    ffmpeg("-f", "lavfi", "-i", "anullsrc=r=16000:cl=mono", "-t", "2", "-c:a", "libopus", "-b:a", "6k", str(seed))
    ffmpeg("-stream_loop", str(max(seconds // 2 - 1, 0)), "-i", str(seed), "-c", "copy", str(path))
    seed.unlink()
    return Path(path)


def video_from_image(image: Path, path: Path, seconds: float = 3.0, fps: int = 10, audio: Path | None = None) -> Path:
    """A still image as a short H.264 video (optionally with an audio track)."""
    args = ["-loop", "1", "-framerate", str(fps), "-t", str(seconds), "-i", str(image)]
    if audio:
        args += ["-i", str(audio), "-shortest"]
    ffmpeg(*args, "-vf", "scale=trunc(iw/2)*2:trunc(ih/2)*2", "-c:v", "libx264", "-pix_fmt", "yuv420p",
           "-r", str(fps), str(path))
    return Path(path)


def blank_video(path: Path, seconds: float = 3.0, fps: int = 10, color: str = "gray") -> Path:
    """A video without any face in it."""
    ffmpeg("-f", "lavfi", "-i", f"color=c={color}:s=320x240:r={fps}", "-t", str(seconds), "-c:v", "libx264",
           "-pix_fmt", "yuv420p", str(path))
    return Path(path)


EMOTIONS = ["angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"]  # deepface's output order


def stand_in_emotion_model(path: Path, dominant: str = "sad") -> Path:
    """PLUMBING ONLY, not an emotion model: an ONNX graph with the shapes of deepface's
    facial_expression_model_weights.onnx (input float [N,48,48,1], output [N,7] probabilities) whose answer is
    always `dominant`, nudged by the pixels. It lets deepface's real loading and inference code run offline."""
    import numpy as np
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    rng = np.random.default_rng(7)
    bias = np.zeros(7, np.float32)
    bias[EMOTIONS.index(dominant)] = 3.0
    initializers = [numpy_helper.from_array(np.array([-1, 48 * 48], np.int64), "shape"),
                    numpy_helper.from_array(rng.normal(0, 1e-4, (48 * 48, 7)).astype(np.float32), "weights"),
                    numpy_helper.from_array(bias, "bias")]
    nodes = [helper.make_node("Reshape", ["input", "shape"], ["flat"]),
             helper.make_node("MatMul", ["flat", "weights"], ["scores"]),
             helper.make_node("Add", ["scores", "bias"], ["logits"]),
             helper.make_node("Softmax", ["logits"], ["output"], axis=1)]
    graph = helper.make_graph(nodes, "emotion_stand_in_for_plumbing_tests",
                              [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", 48, 48, 1])],
                              [helper.make_tensor_value_info("output", TensorProto.FLOAT, ["N", 7])], initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, str(path))
    return Path(path)
