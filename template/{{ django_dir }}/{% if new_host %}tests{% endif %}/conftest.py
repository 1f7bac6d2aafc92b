import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _fresh_state():
    """Each test starts with no rate-limit counters."""
    cache.clear()


@pytest.fixture
def client(settings) -> APIClient:
    client = APIClient(enforce_csrf_checks=True)
    if settings.AUTH_TRANSPORT == "cookie":
        token = client.get("/auth/csrf").json()["csrfToken"]
        client.credentials(HTTP_X_CSRF_TOKEN=token)
    return client


@pytest.fixture
def make_user(django_user_model, settings):
    def make(email: str = "ada@example.com", password: str = PASSWORD, **fields):
        fields.setdefault("email_verified", True)
        if consent_version := getattr(settings, "AUTH_CONSENT_VERSION", None):
            fields.setdefault("consent_version", consent_version)
        return django_user_model.objects.create_user(email, password, **fields)

    return make


def login(client: APIClient, email: str, password: str = PASSWORD):
    return client.post("/auth/login", {"email": email, "password": password}, format="json")


def authorize(client: APIClient, response, settings) -> None:
    """Let `client` send the tokens of a successful login (the cookie jar already holds them)."""
    if settings.AUTH_TRANSPORT == "bearer":
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {response.json()['accessToken']}")
