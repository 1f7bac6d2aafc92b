"""The outbox: work an answer promised (mail, the steps that follow a registration), done after it.

`later(db, task, **payload)` adds a job row to the caller's transaction, so the job exists exactly
when the change that causes it does, and no crash can lose it. Each process runs one worker
thread, started by its first request and woken when a transaction with a job commits, else every
2 seconds. A job runs as `task(db, **payload)` in a transaction that also deletes the job; on
PostgreSQL and MySQL the row is locked (SKIP LOCKED), so several processes share the table and
a process killed mid-job leaves it to the next worker. A failed job is tried again after a
growing delay. Mail is therefore delivered at least once.

With AUTH_RUN_IN_BACKGROUND off (the project's tests) jobs run inline when their transaction commits.
"""

import logging
import os
import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from sqlalchemy import event, select, update
from sqlalchemy.orm import Session

from identity.database import SessionLocal, utcnow
from identity.models import OutboxJob
from identity.services.users import imported
from identity.settings import settings

logger = logging.getLogger("identity.outbox")
POLL_SECONDS = 2.0
MAX_DELAY_SECONDS = 300
QUEUED = "identity_outbox_queued"
_wake = threading.Event()
_worker = {"pid": 0}
_starting = threading.Lock()


def later(db: Session, task: Callable[..., Any], **payload: Any) -> None:
    """Queues `task(db, **payload)`: a module-level function and a JSON payload."""
    db.add(OutboxJob(task=f"{task.__module__}.{task.__qualname__}", payload=payload))
    db.info[QUEUED] = True


@event.listens_for(SessionLocal, "after_commit")
def _committed(db: Session) -> None:
    if not db.info.pop(QUEUED, False):
        return
    if settings.AUTH_RUN_IN_BACKGROUND:
        _wake.set()
    else:
        while run_one():
            pass


def run_one() -> bool:
    """Runs the oldest due job; False when there was none to run."""
    with SessionLocal() as db:
        due = select(OutboxJob).where(OutboxJob.due_at <= utcnow()).order_by(OutboxJob.id).limit(1)
        job = db.scalar(due.with_for_update(skip_locked=True))
        if job is None:
            return False
        job_id, attempts = job.id, job.attempts
        try:
            imported(job.task)(db, **job.payload)
            db.delete(job)
            db.commit()
        except Exception as error:  # kept and tried again later; it never surfaces to a caller
            db.rollback()
            logger.exception("outbox job %s (%s) failed (attempt %s)", job_id, job.task, attempts + 1)
            _postpone(job_id, attempts + 1, f"{type(error).__name__}: {error}"[:2000])
    return True


def _postpone(job_id: int, attempts: int, error: str) -> None:
    delay = timedelta(seconds=min(2**attempts, MAX_DELAY_SECONDS))
    with SessionLocal() as db:
        values = {"attempts": attempts, "due_at": utcnow() + delay, "last_error": error}
        db.execute(update(OutboxJob).where(OutboxJob.id == job_id).values(**values))
        db.commit()


def _work() -> None:
    while True:
        _wake.wait(POLL_SECONDS)
        _wake.clear()
        try:
            while run_one():
                pass
        except Exception as error:  # the database is out of reach: the next round tries again
            logger.warning("outbox: the worker could not run jobs (%s); trying again", error)


def start_worker() -> None:
    """This process's worker thread, started once (and again in a forked child)."""
    if not settings.AUTH_RUN_IN_BACKGROUND or _worker["pid"] == os.getpid():
        return
    with _starting:
        if _worker["pid"] != os.getpid():
            threading.Thread(target=_work, name="identity-outbox", daemon=True).start()
            _worker["pid"] = os.getpid()
