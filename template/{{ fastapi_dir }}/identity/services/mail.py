"""Mail with a plain-text and an HTML part: to the SMTP server at SMTP_HOST, else to the console.

Routes hand mail to FastAPI's background tasks, which run after the answer is sent, so that
a slow mail server neither delays the answer nor lets its timing reveal an account.
"""

import html
import logging
import smtplib
from concurrent.futures import ThreadPoolExecutor
from email.message import EmailMessage
from functools import cache
from pathlib import Path
from string import Template
from typing import Any

from identity.settings import settings

TEMPLATES = Path(__file__).resolve().parent.parent / "emails"
SMTP_TIMEOUT_SECONDS = 10
SUBJECTS = {
    "verify_email": "Confirm your email address",
    "account_exists": "Someone tried to register with your email address",
    "reset_password": "Reset your password",
    "password_changed": "Your password was changed",
    "new_sign_in": "New sign-in to your account",
    "recovery_code_used": "A recovery code was used",
}
logger = logging.getLogger("identity.mail")
_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="identity-mail")


def link(path: str, token: str) -> str:
    return f"{settings.APP_URL}/{path}?token={token}"


@cache
def _template(name: str) -> Template:
    return Template((TEMPLATES / name).read_text(encoding="utf-8"))


def compose(kind: str, to: str, **context: Any) -> EmailMessage:
    values = {"app_name": settings.APP_NAME, "site_url": settings.APP_URL, **context}
    message = EmailMessage()
    message["Subject"] = f"{settings.APP_NAME}: {SUBJECTS[kind]}"
    message["From"] = settings.EMAIL_FROM
    message["To"] = to
    message.set_content(_template(f"{kind}.txt").substitute(values))
    escaped = {name: html.escape(str(value)) for name, value in values.items()}
    message.add_alternative(_template(f"{kind}.html").substitute(escaped), subtype="html")
    return message


def deliver(message: EmailMessage) -> None:
    """Sends `message`; a failure is logged, never raised (the answer has already left)."""
    if not settings.SMTP_HOST:
        text = message.get_body(("plain",))
        plain = text.get_content() if isinstance(text, EmailMessage) else ""
        print(f"To: {message['To']}\nSubject: {message['Subject']}\n\n{plain}", flush=True)
        return
    try:
        with smtplib.SMTP(settings.SMTP_HOST, settings.SMTP_PORT, timeout=SMTP_TIMEOUT_SECONDS) as smtp:
            if settings.SMTP_STARTTLS:
                smtp.starttls()
            if settings.SMTP_USER:
                smtp.login(settings.SMTP_USER, settings.SMTP_PASSWORD)
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException):
        logger.exception("mail to the SMTP server at %s failed", settings.SMTP_HOST)


def send(kind: str, to: str, **context: Any) -> None:
    deliver(compose(kind, to, **context))


def send_later(kind: str, to: str, **context: Any) -> None:
    """Sends from a worker thread, for mail decided outside a route (a route uses its background tasks)."""
    _pool.submit(send, kind, to, **context)
