"""Mail with a plain-text and an HTML part, sent after the transaction commits.

Sending happens on a background thread so that a slow mail server neither delays the
answer nor lets its timing reveal whether an account exists.
"""

import logging
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string

logger = logging.getLogger("identity.mail")
_sender = ThreadPoolExecutor(max_workers=2, thread_name_prefix="mail")

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


def _deliver(message: EmailMultiAlternatives, kind: str) -> None:
    try:
        message.send()
    except Exception:  # a mail outage must not break sign-in; it is logged without the content
        logger.exception("could not send the %s mail", kind)


def send(kind: str, to: str, **context) -> None:
    context = {"app_name": settings.APP_NAME, "app_url": settings.APP_URL, **context}
    message = EmailMultiAlternatives(
        subject=f"{settings.APP_NAME}: {SUBJECTS[kind]}",
        body=render_to_string(f"identity/email/{kind}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
    )
    message.attach_alternative(render_to_string(f"identity/email/{kind}.html", context), "text/html")
    if settings.AUTH_MAIL_IN_BACKGROUND:
        transaction.on_commit(lambda: _sender.submit(_deliver, message, kind))
    else:
        transaction.on_commit(lambda: _deliver(message, kind))
