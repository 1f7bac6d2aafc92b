"""Health and the first flows: the cell is alive and speaks the contract."""

import pytest

from support.flows import login, register_verified


@pytest.mark.req("ASVS v5.0.0-3.4.1")
def test_health(api, host_paths):
    if "/health" in host_paths:
        pytest.skip("the application the auth was added to answers /health itself")
    response = api.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_register_and_login(api, inbox, cell):
    account = register_verified(api, inbox, cell.mode)
    body = login(api, account, cell.mode)
    assert body["user"]["email"] == account.email
    me = api.me()
    assert me.status_code == 200, me.text
    assert me.json()["email"] == account.email
