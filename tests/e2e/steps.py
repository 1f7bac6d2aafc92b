"""The steps of the journeys, written against what a person sees: labels, roles, headings.

Every generated web frontend shows the same labels, so the same steps drive each of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyotp
from playwright.sync_api import CDPSession, expect

from support.flows import Account, fresh_code

from .journey import Journey
from .live_app import LiveApp


def heading(journey: Journey, name: str):
    return journey.page.get_by_role("heading", name=name, exact=True)


def nav_link(journey: Journey, name: str):
    return journey.page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True)


def register(journey: Journey, app: LiveApp, account: Account) -> None:
    page = journey.page
    journey.open_signed_out(app.url("/register"))
    expect(heading(journey, "Create an account")).to_be_visible()
    journey.shot("register")
    page.get_by_label("Email").fill(account.email)
    page.get_by_label("Password", exact=True).fill(account.password)
    page.get_by_label("Confirm password").fill(account.password)
    page.get_by_role("button", name="Create account").click()
    expect(heading(journey, "Check your email")).to_be_visible()
    journey.shot("registered")


def verify_email(journey: Journey, app: LiveApp, account: Account) -> None:
    """Opens the link of the verification mail, as the user's mail client would."""
    token = app.inbox.token(account.email, app.base_url, "verify-email")
    journey.open_signed_out(app.url(f"/verify-email?token={token}"))
    expect(journey.page.get_by_text("Your email address is verified")).to_be_visible()
    journey.shot("email-verified")


def submit_login(journey: Journey, account: Account) -> None:
    page = journey.page
    expect(heading(journey, "Sign in")).to_be_visible()
    page.get_by_label("Email").fill(account.email)
    page.get_by_label("Password", exact=True).fill(account.password)
    page.get_by_role("button", name="Sign in", exact=True).click()


def consent(journey: Journey, account: Account) -> None:
    """Mode 4: the first login asks for consent; then the user signs in again."""
    page = journey.page
    with journey.expecting(("POST", "/auth/login", 403)):
        submit_login(journey, account)
        expect(heading(journey, "Consent to the use of your information")).to_be_visible()
    journey.shot("consent")
    page.get_by_label("I have read and agree to these terms").check()
    page.get_by_role("button", name="I agree").click()
    expect(page.get_by_text("Your consent is recorded")).to_be_visible()
    journey.shot("consent-recorded")
    page.get_by_role("main").get_by_role("link", name="Sign in").click()


def expect_dashboard(journey: Journey, account: Account) -> None:
    expect(heading(journey, "Your account")).to_be_visible()
    expect(journey.page.get_by_test_id("user-email")).to_have_text(account.email)


def assert_no_script_readable_token(journey: Journey) -> None:
    """No token in web storage or a cookie a script can read (the CSRF cookie is not a token)."""
    found = journey.page.evaluate(
        "() => ({ local: localStorage.length, session: sessionStorage.length, cookies: document.cookie })"
    )
    assert found["local"] == 0 and found["session"] == 0, found
    assert not re.search(r"(access|refresh)_token", found["cookies"]), found


def enable_mfa(journey: Journey, account: Account) -> None:
    page = journey.page
    nav_link(journey, "Security").click()
    expect(heading(journey, "Security settings")).to_be_visible()
    journey.shot("security")
    page.get_by_role("link", name="Set it up").click()
    page.get_by_role("button", name="Begin setup").click()
    qr = page.get_by_role("img", name=re.compile("QR code"))
    expect(qr).to_be_visible()
    assert qr.evaluate("image => image.complete && image.naturalWidth > 0"), "the QR image did not load"
    secret = page.get_by_test_id("mfa-secret")
    expect(secret).to_be_hidden()
    page.get_by_text("Cannot scan? Enter the key by hand").click()
    expect(secret).to_be_visible()
    account.totp = pyotp.TOTP(secret.inner_text().strip())
    listed = page.get_by_test_id("recovery-codes").locator("li").all_inner_texts()
    account.recovery_codes = [code.strip() for code in listed]
    assert len(account.recovery_codes) == 8, account.recovery_codes
    journey.shot("mfa-setup")
    page.get_by_label("6-digit code").fill(fresh_code(account.totp))
    page.get_by_role("button", name="Turn on").click()
    expect(heading(journey, "Two-factor authentication is on")).to_be_visible()
    journey.shot("mfa-enabled")


def regenerate_recovery_codes(journey: Journey, account: Account) -> None:
    """Security settings with MFA on: a new set of codes replaces the old one."""
    page = journey.page
    nav_link(journey, "Security").click()
    expect(heading(journey, "Security settings")).to_be_visible()
    expect(page.get_by_role("button", name="Turn off")).to_be_visible()
    journey.shot("security-mfa-on")
    page.get_by_role("button", name="Generate new codes").click()
    codes = page.get_by_test_id("recovery-codes").locator("li")
    expect(codes).to_have_count(8)
    fresh = [code.strip() for code in codes.all_inner_texts()]
    assert not set(fresh) & set(account.recovery_codes), "the new set repeats old codes"
    account.recovery_codes = fresh
    journey.shot("recovery-codes-regenerated")


def sign_out(journey: Journey) -> None:
    journey.page.get_by_role("button", name="Sign out").click()
    expect(heading(journey, "Sign in")).to_be_visible()
    journey.shot("signed-out")


def answer_totp(journey: Journey, account: Account, step: int = 1) -> None:
    page = journey.page
    expect(heading(journey, "Two-factor check")).to_be_visible()
    journey.shot("mfa-challenge")
    page.get_by_label("Code from your authenticator app").fill(fresh_code(account.totp, step))
    page.get_by_role("button", name="Verify").click()


def answer_recovery_code(journey: Journey, code: str) -> None:
    page = journey.page
    expect(heading(journey, "Two-factor check")).to_be_visible()
    page.get_by_role("button", name="Use a recovery code instead").click()
    page.get_by_label("Recovery code").fill(code)
    journey.shot("recovery-code")
    page.get_by_role("button", name="Verify").click()


def virtual_authenticator(journey: Journey) -> VirtualAuthenticator:
    """A platform authenticator of Chromium's own (the DevTools protocol's WebAuthn domain) in the
    journey's page: resident keys, user verification, and presence given without a prompt."""
    session = journey.page.context.new_cdp_session(journey.page)
    session.send("WebAuthn.enable", {"enableUI": False})
    added = session.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "ctap2Version": "ctap2_1",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return VirtualAuthenticator(session, added["authenticatorId"])


@dataclass
class VirtualAuthenticator:
    session: CDPSession
    id: str

    def credentials(self) -> list[dict]:
        return self.session.send("WebAuthn.getCredentials", {"authenticatorId": self.id})["credentials"]

    def present(self, present: bool) -> None:
        """Whether the person answers the browser's requests: without presence, a request waits (as
        an autofill offer does until a passkey is picked); presence given later answers only new ones."""
        self.session.send("WebAuthn.setAutomaticPresenceSimulation", {"authenticatorId": self.id, "enabled": present})


def add_passkey(journey: Journey, name: str) -> None:
    page = journey.page
    nav_link(journey, "Security").click()
    expect(heading(journey, "Passkeys")).to_be_visible()
    expect(page.get_by_text("You have no passkeys yet.")).to_be_visible()
    page.get_by_label("Passkey name").fill(name)
    page.get_by_role("button", name="Add a passkey").click()
    expect(page.get_by_text(f"The passkey “{name}” is added.")).to_be_visible()
    expect(page.get_by_role("list", name="Your passkeys").get_by_test_id("passkey-row")).to_have_count(1)
    journey.shot("passkey-added")


def sign_in_with_passkey_button(journey: Journey, authenticator: VirtualAuthenticator) -> None:
    """Signed in, sign out and press "Sign in with a passkey" while the autofill offer waits."""
    authenticator.present(False)
    sign_out(journey)
    authenticator.present(True)
    with journey.page.expect_response(lambda response: response.url.endswith("/auth/passkeys/login/finish")) as done:
        journey.page.get_by_role("button", name="Sign in with a passkey").click()
    assert done.value.status == 200


def sign_in_with_passkey_autofill(journey: Journey) -> None:
    """Signed in, sign out: the login page's autofill offer is answered by the passkey (as when the
    person picks it among the email field's suggestions), with no button pressed."""
    with journey.page.expect_response(lambda response: response.url.endswith("/auth/passkeys/login/finish")) as done:
        journey.page.get_by_role("button", name="Sign out").click()
    assert done.value.status == 200


def remove_passkey(journey: Journey, name: str) -> None:
    page = journey.page
    nav_link(journey, "Security").click()
    page.get_by_role("button", name=f"Remove {name}").click()
    expect(page.get_by_text(f"The passkey “{name}” is removed")).to_be_visible()
    expect(page.get_by_text("You have no passkeys yet.")).to_be_visible()
    journey.shot("passkey-removed")
