"""Mail with a plain-text and an HTML part, queued in the outbox with the change that causes it and
sent after the answer, so that a slow or stopped mail server neither delays the answer, nor lets
its timing reveal an account, nor loses the message."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from identity.conf import settings

from . import outbox

SUBJECTS = {
    "verify_email": "Confirm your email address",
    "account_exists": "Someone tried to register with your email address",
    "reset_password": "Reset your password",
    "password_changed": "Your password was changed",
    "new_sign_in": "New sign-in to your account",
    "recovery_code_used": "A recovery code was used",
}


def link(path: str, token: str) -> str:
    return f"{settings.APP_URL}/{path}?token={token}"


def send(kind: str, to: str, **context) -> None:
    """Queues the message; `context` is what its templates show, JSON values only."""
    outbox.later(deliver, kind=kind, to=to, context=context)


def deliver(kind: str, to: str, context: dict) -> None:
    context = {"app_name": settings.APP_NAME, "site_url": settings.APP_URL, **context}
    message = EmailMultiAlternatives(
        subject=f"{settings.APP_NAME}: {SUBJECTS[kind]}",
        body=render_to_string(f"identity/email/{kind}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
    )
    message.attach_alternative(render_to_string(f"identity/email/{kind}.html", context), "text/html")
    message.send()
