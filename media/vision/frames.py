"""Frames of a video sampled at a fixed rate with opencv (BGR arrays with their time in seconds)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np


def sample_frames(path: Path, sample_fps: float, max_frames: int) -> Iterator[tuple[float, np.ndarray]]:
    import cv2

    capture = cv2.VideoCapture(str(path))
    if not capture.isOpened():
        raise ValueError(f"opencv cannot open {Path(path).name}")
    try:
        fps = capture.get(cv2.CAP_PROP_FPS) or 0.0
        if fps <= 0 or fps > 1000:
            fps = 25.0  # some WebM recordings report no frame rate
        step = max(1, round(fps / sample_fps))
        index = taken = 0
        while taken < max_frames:
            if not capture.grab():  # grab without decoding; only the sampled frames are decoded
                break
            if index % step == 0:
                ok, frame = capture.retrieve()
                if ok and frame is not None:
                    yield index / fps, frame
                    taken += 1
            index += 1
    finally:
        capture.release()
