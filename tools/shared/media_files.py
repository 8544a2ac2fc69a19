"""Where interview media lives under CANDOR_MEDIA_DIR (scoring writes it, a deletion request removes it)."""

from __future__ import annotations

from pathlib import Path


def media_path(ref: str, media_dir: Path) -> Path:
    """Where an answer's media lives: absolute as stored, or relative to CANDOR_MEDIA_DIR."""
    path = Path(ref)
    return path if path.is_absolute() else Path(media_dir) / path


def interview_folder(media_dir: Path, external_id: str) -> Path:
    """The folder of one interview's uploads and derived files."""
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in external_id).strip(".") or "interview"
    return Path(media_dir) / safe
