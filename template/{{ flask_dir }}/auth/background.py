"""Work done beside the answer (mail, account lookups whose timing must not show), on a small
thread pool; inline when AUTH_RUN_IN_BACKGROUND is off, as in the tests."""

import logging
from concurrent.futures import ThreadPoolExecutor

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
        _pool.submit(_run, job, args)
    else:
        job(*args)
