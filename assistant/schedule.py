"""The scheduled fairness audit: `serve` audits every role every CANDOR_AUDIT_SCHEDULE_DAYS days,
records the result in `FairnessAuditRun`, and tells HR managers (through a `Notifier`) when a flag
appears that the previous run did not have.

Each run claims a schedule slot (a unique column), so several web workers run each slot once.
"""

from __future__ import annotations

import logging
import threading
from datetime import date, datetime
from typing import Any, Callable

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from assistant.deps import tool_deps
from candor.models import FairnessAuditRun
from candor.notify import Notice, Notifier
from candor.principal import Principal
from tools.competency.monitoring import run_monitoring
from tools.fairness.audit import SPEC

log = logging.getLogger("candor.audit_schedule")
EPOCH = date(1970, 1, 1)
SCHEDULER = Principal(id="scheduler:fairness_audit", audience="hr_manager", display_name="scheduled fairness audit")


def slot_for(now: datetime, days: int) -> str:
    return f"every-{days}d:{(now.date() - EPOCH).days // days}"


def _flag_key(flag: dict) -> tuple:
    return flag["role"], flag["attribute"], flag["group"]


def _flag_summary(flag) -> dict[str, Any]:
    return {"role": flag.role.key, "role_en": flag.role.name_en, "role_zh": flag.role.name_zh,
            "attribute": flag.attribute, "attribute_en": flag.attribute_en, "attribute_zh": flag.attribute_zh,
            "group": flag.group, "group_en": flag.group_en, "group_zh": flag.group_zh,
            "applications": flag.applications, "selection_pct": flag.selection_pct,
            "reference_group_en": flag.reference_group_en, "reference_group_zh": flag.reference_group_zh,
            "reference_pct": flag.reference_pct, "impact_ratio": flag.impact_ratio_rounded, "p_value": flag.p_value}


def record_audit(engine, *, now: datetime, period: str, notifier: Notifier, role: str | None = None,
                 slot: str | None = None, trigger: str = "manual", vocabulary: Any = None) -> FairnessAuditRun | None:
    """Run the audit as the scheduler, record it, notify about new flags; None if the slot was taken."""


    with Session(engine, expire_on_commit=False) as session:
        run = FairnessAuditRun(slot=slot, trigger=trigger, started_at=now, period_expression=period, role_key=role)
        session.add(run)
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
            return None  # another process holds this slot
        run_id = run.id
        try:
            deps = tool_deps(session, SCHEDULER, now=now, vocabulary=vocabulary, defer_audit=False)
            result = SPEC.call(deps, {"period": period, "role": role})
        except Exception:
            session.rollback()
            session.delete(session.get(FairnessAuditRun, run_id))  # free the slot for the next try
            session.commit()
            raise
        before = select(FairnessAuditRun).where(FairnessAuditRun.status == "done", FairnessAuditRun.id != run.id)
        before = before.where(FairnessAuditRun.role_key == role if role else FairnessAuditRun.role_key.is_(None))
        previous = session.exec(before.order_by(FairnessAuditRun.id.desc())).first()
        known = {_flag_key(f) for f in previous.flags} if previous else set()
        flags = [_flag_summary(f) for f in result.flags]
        run.status, run.finished_at = "done", now
        run.period_start, run.period_end = result.period.start, result.period.end
        run.applications, run.flags = result.applications, flags
        run.new_flags = [f for f in flags if _flag_key(f) not in known]
        run.summary = {"with_demographics": result.with_demographics,
                       "without_demographics": result.without_demographics, "watch": result.watch_count,
                       "roles": [{"role": a.role.key, "applications": a.applications, "selection_pct": a.selection_pct,
                                  "flags": len(a.flags), "watch": len(a.watch)} for a in result.roles]}
        session.add(run)
        session.commit()  # the run and the tool's own audit event
        if run.new_flags:
            notifier.notify(_notice(run))
            run.notified_at = now
            session.add(run)
            session.commit()
        return run


def _notice(run: FairnessAuditRun) -> Notice:
    en = [f"- {f['role_en']}, {f['attribute_en']} {f['group_en']}: selection rate {f['selection_pct']}% vs "
          f"{f['reference_pct']}% ({f['reference_group_en']}), impact ratio {f['impact_ratio']}, p = {f['p_value']}, "
          f"{f['applications']} candidates" for f in run.new_flags]
    zh = [f"- {f['role_zh']}，{f['attribute_zh']}{f['group_zh']}：通过率 {f['selection_pct']}%，{f['reference_group_zh']}为 "
          f"{f['reference_pct']}%，影响比 {f['impact_ratio']}，p = {f['p_value']}，{f['applications']} 名候选人"
          for f in run.new_flags]
    period = f"{run.period_start} – {run.period_end}"
    return Notice(
        audience="hr_manager", kind="fairness_flag",
        title_en=f"Fairness audit: new adverse impact ({period})", title_zh=f"公平性审计：发现新的不利影响（{period}）",
        text_en="\n".join(en) + "\nAsk Candor \"Which groups are flagged?\" or run `python app.py audit` for the report.",
        text_zh="\n".join(zh) + "\n可以问 Candor“哪些群体被标记了？”，或运行 `python app.py audit` 生成报告。",
        data={"run_id": run.id, "new_flags": run.new_flags})


class AuditScheduler:
    """A daemon thread that runs the audit once per slot of `days` days, checking every `poll_s` seconds."""

    def __init__(self, engine, *, days: int, period: str, notifier: Notifier, clock: Callable[[], datetime],
                 vocabulary: Callable[[], Any] | None = None, poll_s: float = 3600.0):
        self.engine, self.days, self.period, self.notifier = engine, days, period, notifier
        self.clock, self.vocabulary, self.poll_s = clock, vocabulary, poll_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def run_pending(self) -> FairnessAuditRun | None:
        now = self.clock()
        slot = slot_for(now, self.days)
        with Session(self.engine) as session:
            if session.exec(select(FairnessAuditRun.id).where(FairnessAuditRun.slot == slot)).first() is not None:
                return None
        vocabulary = self.vocabulary() if self.vocabulary else None
        run = record_audit(self.engine, now=now, period=self.period, notifier=self.notifier, slot=slot,
                           trigger="schedule", vocabulary=vocabulary)
        if run is not None:
            # Only the process that won this slot runs the monitoring rules, so proposals are not doubled.
            run_monitoring_rules(self.engine, now=now, notifier=self.notifier, vocabulary=vocabulary)
        return run

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="candor-audit-scheduler", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                run = self.run_pending()
                if run is not None:
                    log.info("fairness audit recorded (run %s, %d flags, %d new)", run.id, len(run.flags),
                             len(run.new_flags))
            except Exception:
                log.exception("scheduled fairness audit failed; trying again in %.0f s", self.poll_s)
            self._stop.wait(self.poll_s)


MONITOR = Principal(id="scheduler:monitoring", audience="hr_manager", display_name="scheduled competency monitoring")


def run_monitoring_rules(engine, *, now: datetime, notifier: Notifier | None, vocabulary: Any = None):
    """The competency monitoring rules (knowledge/monitoring.yaml); they only ever propose."""


    with Session(engine, expire_on_commit=False) as session:
        result = run_monitoring(tool_deps(session, MONITOR, now=now, vocabulary=vocabulary, defer_audit=False))
        session.commit()
    if result.proposals_created and notifier is not None:
        notifier.notify(Notice(
            audience="hr_manager", kind="competency_proposals",
            title_en="Competency monitoring: new weight proposals", title_zh="胜任力监控：新的权重调整方案",
            text_en="Monitoring rules drafted new proposals; ask Candor \"Run the competency monitoring\" to review them.",
            text_zh="监控规则生成了新的调整方案；可以问 Candor“检查胜任力监控规则”查看。",
            data=result.model_dump(mode="json")))
    return result


def scheduler_for(settings, assistant, notifier: Notifier) -> AuditScheduler:
    return AuditScheduler(assistant.engine, days=settings.audit_schedule_days, period=settings.audit_period,
                          notifier=notifier, clock=assistant.clock, vocabulary=assistant.vocabulary)
