"""Work done after the answer: mail, and the account lookups whose timing must not show.

Jobs run on a small thread pool once the transaction commits and, inside a request, once its
response has been sent (`request_finished`), so that a job never competes with the answer whose
timing it must not change. With AUTH_RUN_IN_BACKGROUND off (the project's tests), or when queued
by a job already in the background, they run inline at commit.
"""

import logging
import threading
from concurrent.futures import ThreadPoolExecutor

from django.db import close_old_connections, transaction

from identity.conf import settings

logger = logging.getLogger("identity.background")
_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="auth-background")
_worker = threading.local()
_request = threading.local()  # `held`: the jobs of the request this thread is answering


def _run(job, args) -> None:
    _worker.busy = True
    try:
        job(*args)
    except Exception:  # a failed mail or job must never surface to the caller; it is logged
        logger.exception("background job %s failed", job.__name__)
    finally:
        _worker.busy = False
        close_old_connections()


def _submit(job, args) -> None:
    held = getattr(_request, "held", None)
    if held is None:
        _pool.submit(_run, job, args)
    else:
        held.append((job, args))


def later(job, *args) -> None:
    if settings.AUTH_RUN_IN_BACKGROUND and not getattr(_worker, "busy", False):
        transaction.on_commit(lambda: _submit(job, args))
    else:
        transaction.on_commit(lambda: job(*args))


def request_started(**_kwargs) -> None:
    _request.held = []


def request_finished(**_kwargs) -> None:
    held, _request.held = getattr(_request, "held", None) or [], None
    for job, args in held:
        _pool.submit(_run, job, args)
