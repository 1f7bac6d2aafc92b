"""The environment variables a generated backend reads, with fresh values for ``.env``.

Names and meanings follow the contract's configuration table; every backend reads the
same names. Secrets are generated here, at task time, and never rendered into a file
that is tracked.
"""

from __future__ import annotations

import base64
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import policy
from project import Project


def hex256() -> str:
    return secrets.token_hex(32)


def base64_256() -> str:
    return base64.b64encode(secrets.token_bytes(32)).decode()


@dataclass(frozen=True)
class EnvVar:
    name: str
    example: str
    comment: str = ""
    value: str | None = None  # what .env gets; None means the example value
    secret: Callable[[], str] | None = None
    commented_out: bool = False  # a default the app already applies, listed for reference

    def env_value(self) -> str:
        if self.secret is not None:
            return self.secret()
        return self.example if self.value is None else self.value


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def database_url(database: str) -> str:
    return {
        "sqlite": "sqlite:///db.sqlite3",
        "postgresql": "postgresql://app:change-me@127.0.0.1:5432/app",
        "mysql": "mysql://app:change-me@127.0.0.1:3306/app",
    }[database]


def database_variable(project: Project) -> EnvVar:
    """DATABASE_URL; in an existing application, the auth's own variable when its stack names one, so the
    application's DATABASE_URL (or its absence) stays as it was, and a SQLite file inside the auth's folder."""
    database = project.answers.get("database", "sqlite")
    backend = project.stack("backend")
    if backend and backend.own_database_variable and project.existing("backend"):
        url = f"sqlite:///{backend.owned[0]}/db.sqlite3" if database == "sqlite" else database_url(database)
        return EnvVar(backend.own_database_variable, url, "the auth's own database; its tables are prefixed auth_")
    return EnvVar("DATABASE_URL", database_url(database))


def variables(project: Project) -> list[EnvVar]:
    answers, mode = project.answers, project.mode
    backend = project.stack("backend")
    port = backend.port if backend else 8000
    app_url = answers.get("app_url", f"http://localhost:{port}")
    local_http = app_url.startswith("http://")
    # Added to an existing application, the auth does not listen itself: the application's HOST and PORT
    # (or their absence) stay as they were.
    listening = [] if project.existing("backend") else [EnvVar("HOST", "127.0.0.1"), EnvVar("PORT", str(port))]
    found = [
        *listening,
        EnvVar("APP_URL", app_url, "public base URL used in mailed links"),
        database_variable(project),
    ]
    if answers.get("rate_limit_store") == "redis":
        found.append(EnvVar("REDIS_URL", "redis://127.0.0.1:6379/0", "rate limits and session liveness"))
    smtp = answers.get("email") == "smtp"
    for name, example in (
        ("SMTP_HOST", "smtp.example.com"),
        ("SMTP_PORT", "587"),
        ("SMTP_USER", ""),
        ("SMTP_PASSWORD", ""),
        ("SMTP_STARTTLS", "true"),
    ):
        found.append(
            EnvVar(name, example, "" if name != "SMTP_HOST" else "unset: mail is printed", commented_out=not smtp)
        )
    found.append(EnvVar("EMAIL_FROM", f"no-reply@{urlsplit(app_url).hostname or 'localhost'}"))
    found.append(EnvVar("AUTH_JWT_SECRET", "<64 hex characters>", "openssl rand -hex 32", secret=hex256))
    found.append(EnvVar("AUTH_JWT_PREVIOUS_SECRETS", "", "comma-separated keys still accepted while rotating"))
    if mode >= 2:
        found.append(
            EnvVar("TOTP_ENCRYPTION_KEY", "<base64 of 32 bytes>", "openssl rand -base64 32", secret=base64_256)
        )
        found.append(EnvVar("RECOVERY_CODE_PEPPER", "<64 hex characters>", "openssl rand -hex 32", secret=hex256))
        found.append(EnvVar("TOTP_ISSUER", answers.get("project_name", "app")))
    for name in backend.secrets if backend else ():
        found.append(EnvVar(name, "<64 hex characters>", "openssl rand -hex 32", secret=hex256))
    cookies = answers.get("transport") == "cookie"
    if cookies:
        found.append(
            EnvVar(
                "AUTH_COOKIE_SECURE",
                "true",
                "false only for plain-http local development; drops the __Host-/__Secure- prefixes",
                value="false" if local_http else "true",
            )
        )
    frontend = project.stack("frontend")
    cors = origin(app_url) if frontend and origin(app_url) != f"http://localhost:{port}" else ""
    found.append(EnvVar("CORS_ALLOWED_ORIGINS", cors, "comma-separated exact origins"))
    found.append(EnvVar("TRUSTED_PROXIES", "", "addresses whose X-Forwarded-For is believed"))
    if mode >= 3:
        found.append(EnvVar("BOOTSTRAP_ADMIN_EMAILS", "", "verified accounts with these emails become admins"))
    for name, default in policy.tunables(mode).items():
        found.append(EnvVar(name, str(default), commented_out=True))
    return found
