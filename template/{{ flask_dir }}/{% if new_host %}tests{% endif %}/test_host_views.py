"""The application's own views require the signed-in user through one decorator."""

import pytest
from flask import Flask

from app import create_app
from auth import current_user, login_required

from .conftest import Client


@pytest.fixture(scope="module")
def host_app(app) -> Flask:
    host = create_app({"TESTING": True})

    @host.get("/orders")
    @login_required
    def orders():
        return {"owner": current_user.email}

    return host


def test_a_host_view_needs_a_session(host_app, make_user):
    client = Client(host_app)
    refused = client.get("/orders")
    assert refused.status_code == 401 and refused.get_json()["code"] == "token_invalid"
    make_user("ada@example.com")
    client.login("ada@example.com")
    assert client.get("/orders").get_json() == {"owner": "ada@example.com"}


def test_the_host_pages_keep_their_own_headers(host_app):
    page = Client(host_app).get("/orders")
    assert "Content-Security-Policy" not in page.headers
