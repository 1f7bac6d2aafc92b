"""The application on a fresh SQLite database migrated by the auth's own Alembic revisions.

The environment is set before the application is imported: the auth reads its settings once.
"""

import base64
import os
import secrets
import tempfile
from pathlib import Path

import pytest

DATABASE = Path(tempfile.mkdtemp(prefix="auth-tests-")) / "test.sqlite3"
os.environ.update(
    DATABASE_URL=f"sqlite:///{DATABASE}",
    AUTH_JWT_SECRET=secrets.token_hex(32),
    FLASK_SECRET_KEY=secrets.token_hex(32),
    TOTP_ENCRYPTION_KEY=base64.b64encode(secrets.token_bytes(32)).decode(),
    RECOVERY_CODE_PEPPER=secrets.token_hex(32),
    AUTH_COOKIE_SECURE="false",
    AUTH_RUN_IN_BACKGROUND="false",
    APP_URL="http://localhost:5173",
    REDIS_URL="",
    SMTP_HOST="",
)

from alembic import command  # noqa: E402
from sqlalchemy import delete  # noqa: E402

from app import create_app  # noqa: E402
from auth import settings, users  # noqa: E402
from auth.cli import alembic_config  # noqa: E402
from auth.db import Base, Session  # noqa: E402

PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="session")
def app():
    command.upgrade(alembic_config(), "heads")
    application = create_app({"TESTING": True})
    return application


APPEND_ONLY = {"auth_audit_events"}  # the database refuses to delete audit rows (mode 4)


@pytest.fixture(autouse=True)
def _empty_tables(app):
    yield
    Session.remove()
    for table in reversed(Base.metadata.sorted_tables):
        if table.name not in APPEND_ONLY:
            Session.execute(delete(table))
    Session.commit()
    Session.remove()


class Client:
    """The Flask test client speaking the auth's transport: the CSRF token, or the bearer tokens."""

    def __init__(self, app) -> None:
        self.http = app.test_client()
        self.headers: dict[str, str] = {}
        self.refresh_token: str | None = None
        if settings.TRANSPORT == "cookie":
            self.headers["X-CSRF-Token"] = self.http.get("/auth/csrf").get_json()["csrfToken"]

    def get(self, path: str):
        return self.http.get(path, headers=self.headers)

    def post(self, path: str, body: dict | None = None, **kwargs):
        headers = {**self.headers, **kwargs.pop("headers", {})}
        return self.http.post(path, json=body if body is not None else {}, headers=headers, **kwargs)

    def login(self, email: str, password: str = PASSWORD):
        response = self.post("/auth/login", {"email": email, "password": password})
        if response.status_code == 200:
            self.accept(response)
        return response

    def accept(self, response) -> None:
        """Keep the tokens of a token response (the cookie jar already holds them in cookie transport)."""
        if settings.TRANSPORT == "bearer":
            body = response.get_json()
            self.headers["Authorization"] = f"Bearer {body['accessToken']}"
            self.refresh_token = body["refreshToken"]

    def refresh(self):
        body = {"refreshToken": self.refresh_token} if settings.TRANSPORT == "bearer" else {}
        return self.post("/auth/refresh", body)


@pytest.fixture
def client(app) -> Client:
    return Client(app)


@pytest.fixture
def make_client(app):
    return lambda: Client(app)


@pytest.fixture
def make_user():
    def make(email: str = "ada@example.com", password: str = PASSWORD, **fields):
        fields.setdefault("email_verified", True)
        if consent_version := getattr(settings, "CONSENT_VERSION", None):
            fields.setdefault("consent_version", consent_version)
        return users.create(email, password, **fields)

    return make
