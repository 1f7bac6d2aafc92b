"""The auth's tests run against a fresh SQLite database, migrated by the auth's own migrations,
with mail printed to the console (where `outbox` reads it) and in-memory rate limits."""

import base64
import os
import re
import secrets
import tempfile
from pathlib import Path

import pytest

DATABASE = Path(tempfile.mkdtemp(prefix="identity-tests-")) / "test.sqlite3"
os.environ.update(
    {
        "DATABASE_URL": f"sqlite:///{DATABASE}",
        "AUTH_JWT_SECRET": os.environ.get("AUTH_JWT_SECRET") or secrets.token_hex(32),
        "APP_URL": "https://app.example.com",
        "AUTH_COOKIE_SECURE": "false",
        "REDIS_URL": "",
        "SMTP_HOST": "",
        "AUTH_RUN_IN_BACKGROUND": "false",
        "CORS_ALLOWED_ORIGINS": "https://app.example.com",
        "TOTP_ENCRYPTION_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
        "RECOVERY_CODE_PEPPER": secrets.token_hex(32),
    }
)

from fastapi.testclient import TestClient  # noqa: E402 (the environment above comes first)
from sqlalchemy import update  # noqa: E402

from app.main import app  # noqa: E402
from identity import migrate  # noqa: E402
from identity.database import SessionLocal  # noqa: E402
from identity.models import Account  # noqa: E402
from identity.services import ratelimit  # noqa: E402
from identity.settings import settings  # noqa: E402

PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="session", autouse=True)
def _database():
    migrate.main()


@pytest.fixture(autouse=True)
def _fresh_counters():
    """Each test starts with no rate-limit counters."""
    ratelimit.storage().reset()


@pytest.fixture
def client() -> TestClient:
    client = TestClient(app)
    if settings.AUTH_TRANSPORT == "cookie":
        client.headers["X-CSRF-Token"] = client.get("/auth/csrf").json()["csrfToken"]
    return client


_emails = iter(range(1_000_000))


@pytest.fixture
def email() -> str:
    return f"user{next(_emails)}-{secrets.token_hex(3)}@example.com"


@pytest.fixture
def outbox(capsys):
    """The links of the mail printed so far (the console mail of development)."""

    def links() -> list[str]:
        printed = capsys.readouterr().out
        found = re.findall(r"https://app\.example\.com/[\w-]+\?token=[\w-]+", printed)
        return list(dict.fromkeys(found))  # each mail carries its link in both parts

    return links


def register(client: TestClient, email: str, password: str = PASSWORD, verified: bool = True):
    """Registers `email`; from mode 2, marks the address verified as its mailed link would (and, in
    mode 4, the current consent given)."""
    response = client.post("/auth/register", json={"email": email, "password": password})
    if verified and settings.AUTH_MODE >= 2 and response.status_code == 202:
        with SessionLocal() as db:
            state = {"email_verified": True}
            if settings.AUTH_MODE == 4:
                state["consent_version"] = settings.CONSENT_VERSION
            db.execute(update(Account).where(Account.email == email).values(**state))
            db.commit()
    return response


def login(client: TestClient, email: str, password: str = PASSWORD):
    response = client.post("/auth/login", json={"email": email, "password": password})
    if response.status_code == 200 and settings.AUTH_TRANSPORT == "bearer":
        client.headers["Authorization"] = f"Bearer {response.json()['accessToken']}"
    return response
