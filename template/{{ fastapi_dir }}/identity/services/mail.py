"""Mail with a plain-text and an HTML part: to the SMTP server at SMTP_HOST, else to the console.

Mail is queued with `later` in the transaction of the change that causes it and sent by the outbox
worker after the answer, so a slow or unreachable mail server neither delays the answer, lets its
timing reveal an account, nor loses the mail: a refused delivery is tried again.
"""

import html
import smtplib
from email.message import EmailMessage
from functools import cache
from pathlib import Path
from string import Template
from typing import Any

from sqlalchemy.orm import Session

from identity.services import outbox
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
    """Sends `message`; a refusal raises, so the outbox job that sends it is tried again."""
    if not settings.SMTP_HOST:
        text = message.get_body(("plain",))
        plain = text.get_content() if isinstance(text, EmailMessage) else ""
        print(f"To: {message['To']}\nSubject: {message['Subject']}\n\n{plain}", flush=True)
        return
    with smtplib.SMTP(settings.SMTP_HOST, settings.SMTP_PORT, timeout=SMTP_TIMEOUT_SECONDS) as smtp:
        if settings.SMTP_STARTTLS:
            smtp.starttls()
        if settings.SMTP_USER:
            smtp.login(settings.SMTP_USER, settings.SMTP_PASSWORD)
        smtp.send_message(message)


def send(kind: str, to: str, **context: Any) -> None:
    deliver(compose(kind, to, **context))


def later(db: Session, kind: str, to: str, **context: Any) -> None:
    """Queues the mail in `db`'s transaction; the outbox worker sends it once that commits."""
    outbox.later(db, send_job, kind=kind, to=to, **context)


def send_job(db: Session, kind: str, to: str, **context: Any) -> None:
    send(kind, to, **context)
