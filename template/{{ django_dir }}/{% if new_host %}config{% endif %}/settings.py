"""Django settings of the project.

Everything comes from the environment (and `.env` beside manage.py). The auth feature (the
identity app) is wired in by the lines marked AUTH_INTEGRATION_POINT, exactly as in an existing
project; its own settings, which depend on the security mode, live in identity/auth_settings.py
and can be overridden here under the same names.
"""

from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url

from identity import env

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = env.secret("DJANGO_SECRET_KEY", min_length=50)
DEBUG = env.boolean("DJANGO_DEBUG", False)

ALLOWED_HOSTS = env.listing("DJANGO_ALLOWED_HOSTS") or [
    "localhost",
    "127.0.0.1",
    "[::1]",
    urlsplit(env.text("APP_URL", "http://localhost:8000")).hostname,
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "users",
    "rest_framework",  # AUTH_INTEGRATION_POINT
    "identity",  # AUTH_INTEGRATION_POINT
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "identity.middleware.AuthRoutesMiddleware",  # AUTH_INTEGRATION_POINT
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def database_from_url(url: str) -> dict:
    config = dj_database_url.parse(url, conn_max_age=600, conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        name = Path(config["NAME"])
        config["NAME"] = str(name if name.is_absolute() else BASE_DIR / name)
        # Several gunicorn workers share the file: write transactions queue instead of failing.
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    return config


DATABASES = {"default": database_from_url(env.text("DATABASE_URL", "sqlite:///db.sqlite3"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "users.User"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"

# Email: printed to the console unless SMTP_HOST is set.
SMTP_HOST = env.text("SMTP_HOST")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if SMTP_HOST else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = SMTP_HOST or "localhost"
EMAIL_PORT = env.integer("SMTP_PORT", 587)
EMAIL_HOST_USER = env.text("SMTP_USER")
EMAIL_HOST_PASSWORD = env.text("SMTP_PASSWORD")
EMAIL_USE_TLS = env.boolean("SMTP_STARTTLS", bool(SMTP_HOST) and EMAIL_PORT == 587)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env.text("EMAIL_FROM", "no-reply@localhost")

# Transport security. The auth's routes also send these headers on plain http (identity.middleware).
SECURE_SSL_REDIRECT = env.boolean("DJANGO_SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.boolean("AUTH_COOKIE_SECURE", True)
if env.listing("TRUSTED_PROXIES"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# HSTS preloading is a commitment the operator makes for the whole domain (README: production).
SILENCED_SYSTEM_CHECKS = ["security.W021"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"identity": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}
