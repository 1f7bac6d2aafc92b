"""Full journeys of a person in a real browser: a generated frontend against a live backend."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from manifests import stacks_of
from support.client import strong_password, unique_email
from support.flows import Account

from . import steps
from .journey import Journey
from .live_app import ADMIN_EMAIL, FullStackCell, LiveApp

BACKENDS = [stack for stack in stacks_of("backend") if stack.built]
FRONTENDS = [stack.name for stack in stacks_of("frontend") if stack.built]
# The default run pairs each backend with its manifest's e2e_partner, and every frontend is some backend's
# partner (tests/unit/test_stack_completeness.py); `pytest -m full` adds the other pairs.
DEFAULT_PAIRS = {(stack.name, partner) for stack in BACKENDS for partner in stack.e2e_partners}


def cell(backend: str, frontend: str, mode: int, transport: str):
    default = (backend, frontend) in DEFAULT_PAIRS and transport == "cookie"
    marks = [] if default else [pytest.mark.full]
    return pytest.param(FullStackCell(backend, mode, transport, "sqlite", frontend=frontend), marks=marks)


# Mode 4 with cookies has every page: consent, MFA, sessions and the admin pages; it is each default
# pair's one cell. Mode 2 with bearer tokens (kept in memory only) shows the other transport in a real
# browser, through one frontend (the first backend's partner) since the transport is the backend's part.
FULL = [cell(backend.name, frontend, 4, "cookie") for backend in BACKENDS for frontend in FRONTENDS]
BEARER = [cell(backend.name, BACKENDS[0].e2e_partners[0], 2, "bearer") for backend in BACKENDS]


def on(cells: list):
    """Runs a journey on each of ``cells``; journeys of one cell share its running app."""
    return pytest.mark.parametrize("app", cells, indirect=True, scope="module", ids=lambda cell: cell.id)


@pytest.fixture(scope="module")
def app(request, smtp):
    live = LiveApp(request.param, (smtp.host, smtp.port), smtp.inbox)
    yield live
    live.close()


@pytest.fixture
def journey(context, request, app):
    probe = app.cell.transport == "cookie"
    started = Journey.start(context, f"{app.cell.id}/{request.node.originalname}", session_probe=probe)
    yield started
    if started.problems:
        print(app.logs())


def new_account(tag: str) -> Account:
    return Account(unique_email(tag).replace("conformance.test", "e2e.test"), strong_password())


def signed_up(journey: Journey, app: LiveApp, account: Account) -> None:
    """Register, verify from the mail, consent (mode 4) and sign in: the user ends on the dashboard."""
    steps.register(journey, app, account)
    steps.verify_email(journey, app, account)
    journey.page.get_by_role("main").get_by_role("link", name="Sign in").click()
    if app.cell.mode == 4:
        steps.consent(journey, account)
    steps.submit_login(journey, account)
    steps.expect_dashboard(journey, account)
    journey.shot("dashboard")


@on(FULL + BEARER)
def test_sign_up_mfa_and_sign_in_with_totp_and_recovery_code(journey, app, browser):
    account = new_account("journey")
    signed_up(journey, app, account)
    steps.enable_mfa(journey, account)

    steps.sign_out(journey)
    steps.submit_login(journey, account)
    steps.answer_totp(journey, account)
    steps.expect_dashboard(journey, account)
    steps.assert_no_script_readable_token(journey)
    expect(journey.page.get_by_test_id("mfa-status")).to_have_text("On")
    journey.shot("dashboard-after-totp")

    steps.sign_out(journey)
    steps.submit_login(journey, account)
    steps.answer_recovery_code(journey, account.recovery_codes[0])
    steps.expect_dashboard(journey, account)
    journey.shot("dashboard-after-recovery-code")

    steps.regenerate_recovery_codes(journey, account)
    steps.sign_out(journey)
    steps.submit_login(journey, account)
    steps.answer_recovery_code(journey, account.recovery_codes[0])
    steps.expect_dashboard(journey, account)
    journey.assert_clean()


@on(FULL)
def test_revoke_a_session_from_another_browser(journey, app, browser):
    account = new_account("sessions")
    signed_up(journey, app, account)

    other_context = browser.new_context(viewport={"width": 1100, "height": 800}, locale="en-US")
    other = Journey.start(other_context, f"{app.cell.id}/revoke-other-browser")
    try:
        other.open_signed_out(app.url("/login"))
        steps.submit_login(other, account)
        steps.expect_dashboard(other, account)
        other.shot("signed-in")

        steps.nav_link(journey, "Sessions").click()
        rows = journey.page.get_by_test_id("session-row")
        expect(rows).to_have_count(2)
        expect(rows.filter(has_text="This session")).to_have_count(1)
        journey.shot("sessions")
        rows.get_by_role("button", name=re.compile("Sign out session")).click()
        expect(journey.page.get_by_text("The session is signed out.")).to_be_visible()
        expect(rows).to_have_count(1)
        journey.shot("session-revoked")

        # The other browser's next request is refused and its refresh token is dead: signed out.
        with other.expecting(("GET", "/auth/sessions", 401), ("POST", "/auth/refresh", 401)):
            steps.nav_link(other, "Sessions").click()
            expect(steps.heading(other, "Sign in")).to_be_visible()
        other.shot("revoked-signed-out")
        other.assert_clean()
    finally:
        other_context.close()
    journey.assert_clean()


@on(FULL + BEARER)
def test_forgot_and_reset_password(journey, app):
    account = new_account("reset")
    signed_up(journey, app, account)
    steps.sign_out(journey)

    page = journey.page
    page.get_by_role("link", name="Forgot your password?").click()
    expect(steps.heading(journey, "Reset your password")).to_be_visible()
    page.get_by_label("Email").fill(account.email)
    page.get_by_role("button", name="Send reset link").click()
    expect(page.get_by_text("a reset link is on its way")).to_be_visible()
    journey.shot("reset-requested")

    token = app.inbox.token(account.email, app.base_url, "reset-password")
    journey.open_signed_out(app.url(f"/reset-password?token={token}"))
    expect(steps.heading(journey, "Choose a new password")).to_be_visible()
    account.password = strong_password()
    page.get_by_label("New password", exact=True).fill(account.password)
    page.get_by_label("Confirm new password").fill(account.password)
    journey.shot("reset-form")
    page.get_by_role("button", name="Set new password").click()
    expect(page.get_by_text("every session was signed out")).to_be_visible()
    journey.shot("password-reset")

    page.get_by_role("main").get_by_role("link", name="Sign in").click()
    steps.submit_login(journey, account)
    steps.expect_dashboard(journey, account)
    journey.assert_clean()


@on(FULL)
def test_add_a_passkey_sign_in_with_it_and_remove_it(journey, app):
    authenticator = steps.virtual_authenticator(journey)
    account = new_account("passkey")
    signed_up(journey, app, account)
    steps.add_passkey(journey, "Journey laptop")
    [stored] = authenticator.credentials()
    assert stored["isResidentCredential"], stored

    steps.sign_in_with_passkey_button(journey, authenticator)
    steps.expect_dashboard(journey, account)
    journey.shot("dashboard-after-passkey-button")
    [used] = authenticator.credentials()
    assert used["signCount"] > stored["signCount"], (stored, used)

    steps.sign_in_with_passkey_autofill(journey)
    steps.expect_dashboard(journey, account)
    journey.shot("dashboard-after-passkey-autofill")

    steps.remove_passkey(journey, "Journey laptop")
    journey.assert_clean()


@on(FULL)
def test_admin_sees_users_and_audit_log(journey, app):
    admin = Account(ADMIN_EMAIL, strong_password())
    signed_up(journey, app, admin)
    expect(journey.page.get_by_test_id("user-role")).to_have_text("admin")

    steps.nav_link(journey, "Users").click()
    expect(steps.heading(journey, "Users")).to_be_visible()
    expect(journey.page.get_by_role("cell", name=ADMIN_EMAIL, exact=True)).to_be_visible()
    journey.shot("admin-users")

    steps.nav_link(journey, "Audit log").click()
    expect(steps.heading(journey, "Audit log")).to_be_visible()
    journey.page.get_by_label("Event").fill("USER_LOGIN")
    journey.page.get_by_role("button", name="Filter").click()
    expect(journey.page.get_by_role("cell", name="USER_LOGIN", exact=True).first).to_be_visible()
    journey.shot("audit-log")
    journey.assert_clean()
