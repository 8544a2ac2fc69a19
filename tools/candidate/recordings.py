"""Deleting a candidate's interview recordings: the files, the references to them, and the raw signals derived
from them (word timings, speech features, face signals). Transcripts, scores and aggregates stay.

A deletion that cannot remove a file fails (nothing is reported done); a recording stored outside Candor's
media folder (a file a recruiter scored in place) is listed as such, never silently skipped.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from pydantic import BaseModel
from sqlmodel import Session, select

from candor.clock import as_utc
from candor.models import Answer, Interview
from tools.base import ToolError
from tools.shared.media_files import interview_folder, media_path

DELETED = "recording_deleted"  # the note an answer keeps: when its recording went


class DeletionReport(BaseModel):
    candidate_id: int
    deleted_files: list[str]
    outside_media_folder: list[str]  # references to files Candor does not own; removed from the record only
    missing_files: list[str]  # referenced, but already gone
    answers_cleared: int
    deleted_at: datetime

    def summary(self) -> str:
        parts = [f"Deleted {len(self.deleted_files)} recording file(s) and the speech timing and face signals "
                 f"derived from them on {self.deleted_at:%Y-%m-%d}"]
        if self.missing_files:
            parts.append(f"{len(self.missing_files)} referenced recording file(s) were already gone")
        if self.outside_media_folder:
            parts.append(f"{len(self.outside_media_folder)} recording(s) stored outside Candor's media folder were "
                         "unlinked from the interview")
        return "; ".join(parts) + ". Transcripts and scores are kept."


def delete_recordings(session: Session, candidate_id: int, media_dir: Path, now: datetime) -> DeletionReport:
    """Remove the candidate's recordings and derived raw signals; the caller commits. Raises ToolError
    ("deletion_failed") when a file cannot be removed: nothing is cleared then."""
    media_root = Path(media_dir).resolve()
    interviews = session.exec(select(Interview).where(Interview.candidate_id == candidate_id)).all()
    answers = session.exec(select(Answer).where(Answer.interview_id.in_([i.id for i in interviews]))).all() \
        if interviews else []
    deleted, outside, missing, failed = [], [], [], []
    for answer in answers:
        if not answer.media_ref:
            continue
        path = media_path(answer.media_ref, media_root).resolve()
        if not path.is_relative_to(media_root):
            outside.append(str(path))
            continue
        try:
            path.unlink()
            deleted.append(str(path))
        except FileNotFoundError:
            missing.append(str(path))
        except OSError as exc:
            failed.append(f"{path}: {exc.strerror or exc}")
    for interview in interviews:  # frames, extracted audio and uploads kept beside the answers
        folder = interview_folder(media_root, interview.external_id).resolve()
        if folder.is_relative_to(media_root) and folder != media_root and folder.is_dir():
            for file in sorted(p for p in folder.rglob("*") if p.is_file()):
                deleted.append(str(file))
            try:
                shutil.rmtree(folder)
            except OSError as exc:
                failed.append(f"{folder}: {exc.strerror or exc}")
    if failed:
        raise ToolError("deletion_failed", "Some recordings could not be deleted, so the request stays open: "
                        + "; ".join(failed) + ". Fix the file permissions and resolve it again.",
                        message_zh="部分录音无法删除，请求保持未完成：" + "；".join(failed) + "。请修正文件权限后再处理。")
    cleared = 0
    stamp = as_utc(now)
    for answer in answers:
        if answer.media_ref or answer.words or answer.speech_features or answer.face_signals:
            answer.media_ref, answer.words, answer.speech_features, answer.face_signals = None, [], {}, {}
            answer.notes = [*(answer.notes or []), {"signal": DELETED, "at": stamp.isoformat(),
                                                    "reason": "deleted at the candidate's request"}]
            session.add(answer)
            cleared += 1
    session.flush()
    return DeletionReport(candidate_id=candidate_id, deleted_files=sorted(set(deleted)), outside_media_folder=outside,
                          missing_files=missing, answers_cleared=cleared, deleted_at=stamp)


def deleted_on(answer: Answer) -> datetime | None:
    for note in answer.notes or []:
        if isinstance(note, dict) and note.get("signal") == DELETED:
            return datetime.fromisoformat(note["at"])
    return None
