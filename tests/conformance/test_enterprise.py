"""Mode 3: session list and revocation, the audit log, RBAC with immediate role changes."""

import pytest

from support.assertions import problem, user_shape
from support.flows import login, register_verified

pytestmark = pytest.mark.min_mode(3)


@pytest.mark.req("ASVS v5.0.0-7.5.2")
def test_sessions_list_marks_the_current_one(api, inbox, cell, make_api):
    account = register_verified(api, inbox, cell.mode)
    login(api, account, cell.mode)
    login(make_api(), account, cell.mode)
    sessions = api.get("/auth/sessions").json()["sessions"]
    assert len(sessions) == 2, sessions
    assert [s["current"] for s in sessions].count(True) == 1
    for session in sessions:
        assert {"id", "createdAt", "lastSeenAt", "ip", "userAgent", "current"} <= set(session)


@pytest.mark.req("ASVS v5.0.0-8.2.2", "ASVS v5.0.0-7.5.2")
def test_another_users_session_is_not_found(api, inbox, cell, make_api):
    login(api, register_verified(api, inbox, cell.mode), cell.mode)
    other = make_api()
    login(other, register_verified(other, inbox, cell.mode), cell.mode)
    theirs = other.get("/auth/sessions").json()["sessions"][0]["id"]
    problem(api.delete(f"/auth/sessions/{theirs}"), 404, "not_found")
    assert other.me().status_code == 200


@pytest.mark.req("ASVS v5.0.0-6.3.2", "ASVS v5.0.0-8.2.1")
def test_no_default_admin_and_a_new_user_is_no_admin(api, inbox, cell):
    for email, password in (("admin@conformance.test", "admin"), ("admin@example.com", "password")):
        problem(api.login(email, password), (400, 401))
    login(api, register_verified(api, inbox, cell.mode), cell.mode)
    assert api.user["role"] != "admin"
    problem(api.get("/admin/users"), 403, "forbidden")
    problem(api.get("/auth/audit-log"), 403, "forbidden")
    problem(api.patch(f"/admin/users/{api.user['id']}/role", {"role": "admin"}), 403, "forbidden")


@pytest.mark.req("ASVS v5.0.0-8.3.1", "ASVS v5.0.0-8.3.2")
def test_role_changes_take_effect_at_once(admin, api, inbox, cell):
    login(api, register_verified(api, inbox, cell.mode), cell.mode)
    problem(api.get("/admin/users"), 403, "forbidden")
    promoted = admin.patch(f"/admin/users/{api.user['id']}/role", {"role": "admin"})
    assert promoted.status_code == 200, promoted.text
    user_shape(promoted.json(), cell.mode)
    assert promoted.json()["role"] == "admin"
    assert api.get("/admin/users").status_code == 200, "the same access token, the new role"
    assert admin.patch(f"/admin/users/{api.user['id']}/role", {"role": "viewer"}).status_code == 200
    problem(api.get("/admin/users"), 403, "forbidden")
    problem(admin.patch(f"/admin/users/{api.user['id']}/role", {"role": "emperor"}), 400, "validation_error")


def test_admin_lists_users_paginated(admin):
    page = admin.get("/admin/users", params={"page": 1, "pageSize": 2}).json()
    assert page["page"] == 1 and page["pageSize"] == 2 and len(page["items"]) <= 2 and page["total"] >= 1


def events_of(admin, user_id: str) -> list[str]:
    response = admin.get("/auth/audit-log", params={"userId": user_id, "pageSize": 100})
    assert response.status_code == 200, response.text
    body = response.json()
    assert {"items", "page", "pageSize", "total"} <= set(body)
    return [item["event"] for item in body["items"]]


@pytest.mark.req("ASVS v5.0.0-16.3.1", "ASVS v5.0.0-16.3.3", "ASVS v5.0.0-16.2.1")
def test_every_action_is_audited(admin, api, inbox, cell, make_api):
    account = register_verified(api, inbox, cell.mode)
    problem(api.login(account.email, "wrong " + account.password), 401)
    login(api, account, cell.mode)
    api.accept_grant(api.refresh())
    new_password = account.password + " changed"
    changed = api.post("/auth/password/change", {"currentPassword": account.password, "newPassword": new_password})
    assert changed.status_code == 204
    account.password = new_password
    second = make_api()
    login(second, account, cell.mode)
    target = next(s["id"] for s in api.get("/auth/sessions").json()["sessions"] if not s["current"])
    assert api.delete(f"/auth/sessions/{target}").status_code == 204
    assert api.logout().status_code == 204
    events = events_of(admin, api.user["id"])
    expected = {"USER_REGISTERED", "EMAIL_VERIFIED", "LOGIN_FAILED", "USER_LOGIN", "TOKEN_REFRESHED",
                "PASSWORD_CHANGED", "SESSION_REVOKED", "USER_LOGOUT"}  # fmt: skip
    assert expected <= set(events), f"missing {expected - set(events)} in {events}"
    one = admin.get("/auth/audit-log", params={"userId": api.user["id"], "event": "USER_LOGIN"}).json()["items"]
    assert one and {item["event"] for item in one} == {"USER_LOGIN"}
    for item in one:
        assert item["ip"] and item["createdAt"] and item["userId"] == api.user["id"]
