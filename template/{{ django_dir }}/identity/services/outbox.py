"""The outbox: work an answer promised (mail, the steps that follow a registration), done after it.

`later(task, **payload)` writes a job row in the caller's transaction, so the job exists exactly
when the change that causes it does, and no crash can lose it. Each process runs one worker
thread, started by its first request. The worker runs due jobs oldest first, each in a
transaction that also deletes the job: on PostgreSQL the row is locked (SKIP LOCKED) so several
processes share the table, and a process killed mid-job leaves the row to the next worker. A
failed job is tried again later, after a growing delay. Mail is therefore delivered at least
once: a crash after the mail server accepted a message and before the commit sends it again.

Jobs queued by a request are started once its response has been sent (`request_finished`), so
their work never shows in the answer's timing. With AUTH_RUN_IN_BACKGROUND off (the project's
tests) a job runs inline when its transaction commits.
"""

import logging
import os
import threading
from datetime import timedelta

from django.db import DatabaseError, close_old_connections, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from identity.conf import settings
from identity.models import OutboxJob

logger = logging.getLogger("identity.outbox")
POLL_SECONDS = 2.0
MAX_DELAY_SECONDS = 300
_wake = threading.Event()
_request = threading.local()  # `queued`: whether the request this thread answers queued a job
_worker = {"pid": 0}
_starting = threading.Lock()


def later(task, **payload) -> None:
    """Queues `task(**payload)`: a module-level function and a JSON payload."""
    job = OutboxJob.objects.create(task=f"{task.__module__}.{task.__qualname__}", payload=payload)
    transaction.on_commit(lambda: _committed(job.pk))


def _committed(pk: int) -> None:
    if not settings.AUTH_RUN_IN_BACKGROUND:
        run_one(pk)
    elif getattr(_request, "queued", None) is None:  # outside a request: a job queued by a job
        _wake.set()
    else:
        _request.queued = True


def run_one(pk: int | None = None) -> bool:
    """Runs the oldest due job (or job `pk`, if due); False when there was none to run."""
    with transaction.atomic():
        due = OutboxJob.objects.select_for_update(skip_locked=True).filter(due_at__lte=timezone.now())
        job = (due.filter(pk=pk) if pk is not None else due).order_by("id").first()
        if job is None:
            return False
        try:
            with transaction.atomic():
                import_string(job.task)(**job.payload)
        except Exception as error:  # kept and tried again later; it never surfaces to a caller
            logger.exception("outbox job %s failed (attempt %s)", job, job.attempts + 1)
            job.attempts += 1
            job.due_at = timezone.now() + timedelta(seconds=min(2**job.attempts, MAX_DELAY_SECONDS))
            job.last_error = f"{type(error).__name__}: {error}"[:2000]
            job.save(update_fields=["attempts", "due_at", "last_error"])
        else:
            job.delete()
    return True


def _work() -> None:
    while True:
        _wake.wait(POLL_SECONDS)
        _wake.clear()
        try:
            while settings.AUTH_RUN_IN_BACKGROUND and run_one():
                pass
        except DatabaseError as error:
            logger.warning("outbox: the database is unavailable (%s); trying again", error)
        except Exception:
            logger.exception("outbox: the worker failed; trying again")
        finally:
            close_old_connections()


def start_worker() -> None:
    """This process's worker thread, started once (and again in a forked child)."""
    if not settings.AUTH_RUN_IN_BACKGROUND or _worker["pid"] == os.getpid():
        return
    with _starting:
        if _worker["pid"] != os.getpid():
            threading.Thread(target=_work, name="auth-outbox", daemon=True).start()
            _worker["pid"] = os.getpid()


def request_started(**_kwargs) -> None:
    start_worker()
    _request.queued = False


def request_finished(**_kwargs) -> None:
    queued, _request.queued = getattr(_request, "queued", None), None
    if queued:
        _wake.set()
