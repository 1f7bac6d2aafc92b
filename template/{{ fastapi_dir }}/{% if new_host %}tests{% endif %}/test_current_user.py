"""The application's own routes require a signed-in user with `current_user`."""

from fastapi import FastAPI
from fastapi.testclient import TestClient

from identity import add_auth
from identity.dependencies import CurrentUser
from identity.settings import settings
from tests.conftest import login, register

host = FastAPI()
add_auth(host)


@host.get("/orders")
def orders(user: CurrentUser) -> dict:
    return {"owner": user.email}


def test_a_host_route_sees_the_signed_in_user(email):
    client = TestClient(host)
    if settings.AUTH_TRANSPORT == "cookie":
        client.headers["X-CSRF-Token"] = client.get("/auth/csrf").json()["csrfToken"]
    assert client.get("/orders").status_code == 401
    register(client, email)
    login(client, email)
    assert client.get("/orders").json() == {"owner": email}
