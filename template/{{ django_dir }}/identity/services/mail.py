"""Mail with a plain-text and an HTML part, sent in the background after the transaction commits,
so that a slow mail server neither delays the answer nor lets its timing reveal an account."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from identity.conf import settings

from . import background

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
    context = {"app_name": settings.APP_NAME, "site_url": settings.APP_URL, **context}
    message = EmailMultiAlternatives(
        subject=f"{settings.APP_NAME}: {SUBJECTS[kind]}",
        body=render_to_string(f"identity/email/{kind}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
    )
    message.attach_alternative(render_to_string(f"identity/email/{kind}.html", context), "text/html")
    background.later(message.send)
