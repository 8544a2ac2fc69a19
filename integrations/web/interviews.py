"""Interviews to score: POST /api/interviews (JSON or multipart with media), GET its job and its scores.

JSON with transcripts is scored at once (`?queue=true` hands it to the worker instead); multipart
with audio/video files is saved under CANDOR_MEDIA_DIR and answered at once with 202 and a job id.
Errors say what is wrong and how to fix it, in English and Chinese (`message`, `message_zh`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import ValidationError

from candor.clock import current_time
from integrations.web.deps import AssistantDep, SettingsDep, StaffPrincipal
from tools.base import ToolError
from tools.scoring.input import InterviewIn, check_media_name, validation_problems
from tools.scoring.submit import (
    JobPublic,
    Submitted,
    interview_result,
    job_status,
    submit_interview,
)
from tools.scoring.tool import ScoreInterviewResult

router = APIRouter(prefix="/api", tags=["interviews"])
STATUS_FOR = {"unknown_role": 422, "unknown_question": 422, "question_of_other_role": 422, "unsupported_media": 415,
              "no_active_model": 422, "no_rubric": 422, "nothing_to_score": 422, "unknown_job": 404,
              "unknown_interview": 404}
CHUNK = 1 << 20
JSON_PART_MAX = 16 << 20  # the interview's JSON, sent as a file part, is read into memory


def _error(code: int, error: str, message: str, message_zh: str = "", **extra: Any) -> HTTPException:
    return HTTPException(code, detail={"error": error, "message": message, "message_zh": message_zh or message, **extra})


def _tool_error(exc: ToolError) -> HTTPException:
    data = {k: v for k, v in exc.data.items() if k != "message_zh"}
    return _error(STATUS_FOR.get(exc.code, 400), exc.code, exc.message, exc.data.get("message_zh", ""), **data)


def _invalid(exc: ValidationError) -> HTTPException:
    problems = validation_problems(exc)
    return _error(422, "invalid_interview", "The interview is not valid — " + "; ".join(problems)
                  + ". See docs/scoring-input.md for the format.",
                  "面试数据无效——" + "；".join(problems) + "。格式见 docs/scoring-input.md。", problems=problems)


@router.post("/interviews", response_model=Submitted, status_code=200, summary="Submit an interview to score",
             responses={202: {"model": Submitted, "description": "Media to process: queued for the worker"}})
async def submit(request: Request, principal: StaffPrincipal, settings: SettingsDep, assistant: AssistantDep,
                 queue: bool = False) -> JSONResponse:
    """JSON (`application/json`): the interview with transcripts, scored at once (or queued with `?queue=true`).
    Multipart (`multipart/form-data`): a field `interview` with the same JSON and one file per answer whose
    `media` names it; saved, queued, and answered with 202 and the job id to poll at GET /api/jobs/{id}."""
    limit = int(settings.upload_max_mb * 1024 * 1024)
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > limit:
        raise _too_large(settings)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    now = current_time(settings.now)
    engine = assistant.engine
    if kind == "application/json":
        data = _parse(await request.body())
        save = None
    elif kind == "multipart/form-data":
        form = await request.form(max_files=200, max_fields=50, max_part_size=limit)
        data = _parse(await _field_bytes(form.get("interview")))
        uploads = {f.filename: f for key, f in form.multi_items()
                   if key != "interview" and hasattr(f, "filename") and f.filename}
        wanted = {a.media for a in data.answers if a.media}
        missing, extra = sorted(wanted - set(uploads)), sorted(set(uploads) - wanted)
        if missing or extra:
            raise _error(400, "media_mismatch", f"Each answer's `media` must name one uploaded file: missing uploads "
                         f"{missing or '[]'}, uploads no answer names {extra or '[]'}.",
                         f"每个回答的 media 必须对应一个上传的文件：缺少 {missing or '[]'}，多余 {extra or '[]'}。")
        for name in uploads:
            if Path(name).name != name or name.startswith("."):
                raise _error(400, "bad_filename", f"Upload file names must be plain names, not paths: {name!r}.",
                             f"上传的文件名必须是简单文件名，不能包含路径：{name!r}。")
            try:
                check_media_name(name)
            except ToolError as exc:
                raise _tool_error(exc) from None
        save = _saver(uploads, limit, settings)
        uploads_bytes = sum(getattr(f, "size", 0) or 0 for f in uploads.values())
        if uploads_bytes > limit:
            raise _too_large(settings)
    else:
        raise _error(415, "unsupported_content_type", "Send the interview as application/json (transcripts) or "
                     "multipart/form-data (a field `interview` with the JSON, plus the media files).",
                     "请以 application/json（文字记录）或 multipart/form-data（字段 interview 为 JSON，并附音视频文件）提交。")
    try:
        result = await run_in_threadpool(submit_interview, engine, settings, data, now=now, queue=queue,
                                         save_media=save)
    except ToolError as exc:
        raise _tool_error(exc) from None
    except _UploadTooLarge:
        raise _too_large(settings) from None
    code = 202 if result.job is not None and result.job.status in ("queued", "running") else 200
    return JSONResponse(result.model_dump(mode="json"), status_code=code)


@router.get("/jobs/{job_id}", response_model=JobPublic, summary="A background job's status and result")
async def get_job(job_id: int, principal: StaffPrincipal, assistant: AssistantDep) -> JobPublic:
    try:
        return await run_in_threadpool(job_status, assistant.engine, job_id)
    except ToolError as exc:
        raise _tool_error(exc) from None


@router.get("/interviews/{external_id}", response_model=ScoreInterviewResult, summary="An interview's scores")
async def get_interview(external_id: str, principal: StaffPrincipal, assistant: AssistantDep) -> ScoreInterviewResult:
    """Outcome, total vs pass mark, each competency's level, score, required minimum and evidence, failure
    reasons, and every missing or degraded signal with its reason."""
    try:
        return await run_in_threadpool(interview_result, assistant.engine, external_id)
    except ToolError as exc:
        raise _tool_error(exc) from None


async def _field_bytes(field: Any) -> bytes | str:
    """The `interview` part as sent: a text field (`-F 'interview=<json>'`, `-F interview=<file`) or a file part
    (`-F interview=@interview.json`, what curl's `@` and browsers' file inputs send)."""
    if field is None:
        return b""
    if hasattr(field, "read"):  # an UploadFile
        if (getattr(field, "size", 0) or 0) > JSON_PART_MAX:
            raise _error(413, "interview_too_large", f"The `interview` part is over {JSON_PART_MAX // 1024 // 1024} MB: "
                         "send the interview's JSON there and the recordings as `files`.",
                         f"interview 部分超过 {JSON_PART_MAX // 1024 // 1024} MB：该字段只放面试 JSON，录音请作为 files 上传。")
        return await field.read()
    return field


def _parse(raw: bytes | str) -> InterviewIn:
    if not raw:
        raise _error(400, "empty_body", "No interview was sent: send its JSON (see docs/scoring-input.md).",
                     "没有收到面试数据：请发送 JSON（格式见 docs/scoring-input.md）。")
    try:
        payload = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise _error(400, "bad_json", f"The interview is not valid JSON ({exc.msg} at line {exc.lineno}, column "
                     f"{exc.colno}).", f"面试数据不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}）。") from None
    try:
        return InterviewIn.model_validate(payload)
    except ValidationError as exc:
        raise _invalid(exc) from None


class _UploadTooLarge(Exception):
    pass


def _too_large(settings) -> HTTPException:
    mb = settings.upload_max_mb
    return _error(413, "upload_too_large", f"The upload is larger than the {mb:g} MB limit (CANDOR_UPLOAD_MAX_MB): "
                  "send one answer per file, compress the recordings, or raise the limit.",
                  f"上传内容超过 {mb:g} MB 的上限（CANDOR_UPLOAD_MAX_MB）：请每个回答单独上传、压缩录音，或提高上限。")


def _saver(uploads: dict, limit: int, settings):
    def save(folder: Path) -> dict[str, str]:
        folder.mkdir(parents=True, exist_ok=True)
        refs, written = {}, 0
        for name, upload in uploads.items():
            target = folder / Path(name).name
            with target.open("wb") as out:
                upload.file.seek(0)
                while chunk := upload.file.read(CHUNK):
                    written += len(chunk)
                    if written > limit:
                        raise _UploadTooLarge()
                    out.write(chunk)
            inside = target.is_relative_to(settings.media_dir)
            refs[name] = str(target.relative_to(settings.media_dir)) if inside else str(target.resolve())
        return refs
    return save
