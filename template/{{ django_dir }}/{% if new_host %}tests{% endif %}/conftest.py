import pytest
from rest_framework.test import APIClient

from identity import conf
from identity.cache import cache
from identity.services import users

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _fresh_state():
    """Each test starts with no rate-limit counters."""
    cache.clear()


class ProjectAndAuthSettings:
    """pytest-django's `settings` (changes undone after each test) that also reads the auth's own
    names, as identity.conf does: the project's value first, then identity/auth_settings.py."""

    def __init__(self, project) -> None:
        object.__setattr__(self, "_project", project)

    def __getattr__(self, name: str):
        return getattr(conf.settings, name)

    def __setattr__(self, name: str, value) -> None:
        setattr(self._project, name, value)

    def __delattr__(self, name: str) -> None:
        delattr(self._project, name)


@pytest.fixture
def settings(settings):
    return ProjectAndAuthSettings(settings)


@pytest.fixture
def client(settings) -> APIClient:
    client = APIClient(enforce_csrf_checks=True)
    if settings.AUTH_TRANSPORT == "cookie":
        token = client.get("/auth/csrf").json()["csrfToken"]
        client.credentials(HTTP_X_CSRF_TOKEN=token)
    return client


@pytest.fixture
def make_user(settings):
    def make(email: str = "ada@example.com", password: str = PASSWORD, **fields):
        fields.setdefault("email_verified", True)
        if consent_version := getattr(settings, "AUTH_CONSENT_VERSION", None):
            fields.setdefault("consent_version", consent_version)
        return users.create(email, password, **fields)

    return make


def login(client: APIClient, email: str, password: str = PASSWORD):
    return client.post("/auth/login", {"email": email, "password": password}, format="json")


def authorize(client: APIClient, response, settings) -> None:
    """Let `client` send the tokens of a successful login (the cookie jar already holds them)."""
    if settings.AUTH_TRANSPORT == "bearer":
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {response.json()['accessToken']}")
