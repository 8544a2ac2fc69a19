"""What a media file holds (ffprobe) and its audio as 16 kHz mono samples (ffmpeg), within the length limit."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np

from media.speech.model import MediaInfo, SpeechError

SAMPLE_RATE = 16_000
# File signatures of audio/video containers: a file that starts like one but cannot be read is corrupt,
# anything else that ffprobe cannot read is simply not media.
MEDIA_SIGNATURES = (b"RIFF", b"OggS", b"ID3", b"fLaC", b"\x1a\x45\xdf\xa3", b"#!AMR", b"FORM", b".snd", b"caff")
STILL_IMAGE_FORMATS = ("image2", "png_pipe", "jpeg_pipe", "webp_pipe", "gif", "bmp_pipe", "tiff_pipe")


def _looks_like_media(path: Path) -> bool:
    with path.open("rb") as handle:
        head = handle.read(16)
    if head.startswith(MEDIA_SIGNATURES) or head[4:8] == b"ftyp":
        return True
    return len(head) >= 2 and head[0] == 0xFF and (head[1] & 0xE0) == 0xE0  # MPEG audio / ADTS frame sync


def _ffmpeg_tool(name: str) -> str:
    tool = shutil.which(name)
    if not tool:
        raise SpeechError("engine_missing", f"{name} is not installed: install ffmpeg (apt-get install ffmpeg).",
                          f"未安装 {name}：请安装 ffmpeg（apt-get install ffmpeg）。")
    return tool


def _unreadable(path: Path, detail: str) -> SpeechError:
    if _looks_like_media(path):
        return SpeechError(
            "corrupt_media",
            f"{path.name} looks like an audio/video file but cannot be read ({detail}); it is probably damaged or "
            "truncated: export or upload the recording again.",
            f"{path.name} 看起来是音视频文件，但无法读取（{detail}），文件可能已损坏或不完整：请重新导出或上传录音。")
    return SpeechError(
        "unsupported_media",
        f"{path.name} is not an audio or video file that Candor can read ({detail}); upload WAV, MP3, M4A, OGG/Opus, "
        "WebM, MP4 or MKV.",
        f"{path.name} 不是 Candor 能读取的音视频文件（{detail}）；请上传 WAV、MP3、M4A、OGG/Opus、WebM、MP4 或 MKV。")


def probe_media(path: Path) -> MediaInfo:
    """Reads the container's header with ffprobe: duration, audio/video streams, format. Decodes nothing."""
    path = Path(path)
    if not path.is_file():
        raise SpeechError("corrupt_media", f"The media file {path} does not exist or cannot be opened; upload it again.",
                          f"媒体文件 {path} 不存在或无法打开：请重新上传。")
    if path.stat().st_size == 0:
        raise SpeechError("corrupt_media", f"{path.name} is empty (0 bytes): upload the recording again.",
                          f"{path.name} 是空文件（0 字节）：请重新上传录音。")
    cmd = [_ffmpeg_tool("ffprobe"), "-v", "error", "-show_format", "-show_streams", "-of", "json", str(path)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    if proc.returncode != 0:
        detail = (proc.stderr.strip().splitlines() or ["ffprobe failed"])[-1].replace(str(path), path.name)
        raise _unreadable(path, detail)
    data = json.loads(proc.stdout or "{}")
    fmt = data.get("format", {})
    streams = data.get("streams", [])
    format_name = fmt.get("format_name", "")
    if format_name in STILL_IMAGE_FORMATS:
        raise SpeechError("unsupported_media", f"{path.name} is a still image ({format_name}), not audio or video; "
                          "upload the interview recording.",
                          f"{path.name} 是静态图片（{format_name}），不是音频或视频：请上传面试录音或录像。")
    audio = [s for s in streams if s.get("codec_type") == "audio"]
    video = [s for s in streams if s.get("codec_type") == "video"
             and not s.get("disposition", {}).get("attached_pic")]
    if not audio and not video:
        raise _unreadable(path, "no audio or video stream")
    return MediaInfo(path=path, duration_s=_duration(fmt, streams), has_audio=bool(audio), has_video=bool(video),
                     format=format_name, audio_codec=audio[0].get("codec_name", "") if audio else "",
                     video_codec=video[0].get("codec_name", "") if video else "",
                     fps=_fps(video[0]) if video else None)


def _duration(fmt: dict, streams: list[dict]) -> float | None:
    for value in [fmt.get("duration")] + [s.get("duration") for s in streams]:
        try:
            if value not in (None, "N/A") and float(value) > 0:
                return float(value)
        except ValueError:
            continue
    return None  # e.g. a browser's WebM recording without a duration header


def _fps(stream: dict) -> float | None:
    num, _, den = str(stream.get("avg_frame_rate") or stream.get("r_frame_rate") or "0/0").partition("/")
    try:
        return float(num) / float(den) if float(den) else None
    except ValueError:
        return None


def too_long_error(path: Path, seconds: float, limit: float, at_least: bool = False) -> SpeechError:
    more, more_zh = ("more than ", "超过 ") if at_least else ("", "")
    return SpeechError(
        "too_long",
        f"{path.name} lasts {more}{seconds / 60:.1f} minutes, over the {limit / 60:.0f}-minute limit "
        "(CANDOR_MEDIA_MAX_SECONDS): upload one answer per file, or raise the limit.",
        f"{path.name} 时长{more_zh}{seconds / 60:.1f} 分钟，超过 {limit / 60:.0f} 分钟的上限（CANDOR_MEDIA_MAX_SECONDS）："
        "请每个回答单独上传一个文件，或提高上限。")


def check_length(info: MediaInfo, max_seconds: float) -> None:
    if info.duration_s is not None and info.duration_s > max_seconds:
        raise too_long_error(info.path, info.duration_s, max_seconds)


def decode_audio(info: MediaInfo, max_seconds: float) -> np.ndarray:
    """16 kHz mono float32 samples; decodes at most just past the limit, so a file without a duration header
    that is too long is still refused without decoding all of it."""
    if not info.has_audio:
        raise SpeechError("unsupported_media", f"{info.path.name} has no audio track: upload a recording with sound.",
                          f"{info.path.name} 没有音轨：请上传带声音的录音或录像。")
    check_length(info, max_seconds)
    cmd = [_ffmpeg_tool("ffmpeg"), "-nostdin", "-v", "error", "-i", str(info.path), "-vn", "-ac", "1",
           "-ar", str(SAMPLE_RATE), "-t", f"{max_seconds + 1:.3f}", "-f", "s16le", "-"]
    proc = subprocess.run(cmd, capture_output=True, timeout=max(120.0, max_seconds))
    if proc.returncode != 0:
        detail = (proc.stderr.decode(errors="replace").strip().splitlines() or ["ffmpeg failed"])[-1]
        raise _unreadable(info.path, detail.replace(str(info.path), info.path.name))
    samples = np.frombuffer(proc.stdout, dtype=np.int16).astype(np.float32) / 32768.0
    if samples.size / SAMPLE_RATE > max_seconds:
        raise too_long_error(info.path, max_seconds, max_seconds, at_least=True)
    if samples.size == 0:
        raise _unreadable(info.path, "no audio samples could be decoded")
    return samples


def silence_error(path: Path) -> SpeechError:
    return SpeechError("silence", f"No speech was detected in {path.name}: check that the microphone was on and "
                       "the right file was uploaded.",
                       f"{path.name} 中没有检测到语音：请确认麦克风已开启，且上传的是正确的文件。")


def is_silent(samples: np.ndarray, floor_dbfs: float = -50.0) -> bool:
    """True when even the loudest 50 ms stays below the floor (digital silence, hum-free room tone)."""
    window = SAMPLE_RATE // 20
    usable = samples[: samples.size - samples.size % window].reshape(-1, window) if samples.size >= window \
        else samples.reshape(1, -1)
    loudest = float(np.sqrt((usable.astype(np.float64) ** 2).mean(axis=1)).max())
    return loudest <= 10 ** (floor_dbfs / 20)


def silent_runs(samples: np.ndarray, min_s: float = 0.3, frame_s: float = 0.02, below_db: float = 30.0
                ) -> list[tuple[float, float]]:
    """Stretches of at least `min_s` quieter than `below_db` under the recording's loud speech level, or, in a noisy
    recording, quieter than 40 % of the way from its noise floor up to that level."""
    frame = int(SAMPLE_RATE * frame_s)
    n = samples.size // frame
    if n == 0:
        return []
    rms = np.sqrt((samples[: n * frame].astype(np.float64).reshape(n, frame) ** 2).mean(axis=1)) + 1e-10
    level = 20 * np.log10(rms)
    loud, floor = np.percentile(level, 95), np.percentile(level, 10)
    quiet = level < max(loud - below_db, floor + 0.4 * (loud - floor))
    runs, start = [], None
    for i, q in enumerate(np.append(quiet, False)):
        if q and start is None:
            start = i
        elif not q and start is not None:
            if (i - start) * frame_s >= min_s:
                runs.append((round(start * frame_s, 3), round(i * frame_s, 3)))
            start = None
    return runs
