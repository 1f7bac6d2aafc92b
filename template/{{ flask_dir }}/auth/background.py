"""Work done beside the answer (mail, account lookups whose timing must not show), on a small
thread pool, inside a copy of the request's context (its client address for the events);
inline when AUTH_RUN_IN_BACKGROUND is off, as in the tests."""

import logging
from concurrent.futures import ThreadPoolExecutor

from flask import copy_current_request_context, has_request_context

from . import settings
from .db import Session

logger = logging.getLogger("auth.background")
_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="auth-background")


def _run(job, args) -> None:
    try:
        job(*args)
    except Exception:  # a failed mail or job must never surface to the caller; it is logged
        logger.exception("background job %s failed", job.__name__)
    finally:
        Session.remove()


def later(job, *args) -> None:
    if settings.RUN_IN_BACKGROUND:
        _pool.submit(copy_current_request_context(_run) if has_request_context() else _run, job, args)
    else:
        job(*args)
