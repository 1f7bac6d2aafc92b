"""Settings for the project's own tests: fixed test keys, mail kept in memory and sent inline."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-" + "d" * 60)
os.environ.setdefault("AUTH_JWT_SECRET", "a1" * 32)
os.environ.setdefault("TOTP_ENCRYPTION_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=")
os.environ.setdefault("RECOVERY_CODE_PEPPER", "b2" * 32)
os.environ.setdefault("AUTH_COOKIE_SECURE", "true")

from .settings import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
AUTH_RUN_IN_BACKGROUND = False
# Each test reads sessions from the database; tests/test_liveness.py turns the worker's memory on.
SESSION_LIVENESS_SECONDS = 0
