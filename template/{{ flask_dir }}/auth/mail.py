"""Mail with a plain-text and an HTML part: printed on the console, or sent through SMTP."""

import logging
import smtplib
from email.message import EmailMessage
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from . import background, settings

logger = logging.getLogger("auth.mail")
SUBJECTS = {
    "reset_password": "Reset your password",
    "password_changed": "Your password was changed",
    "verify_email": "Confirm your email address",
    "account_exists": "Someone tried to register with your email address",
    "recovery_code_used": "A recovery code was used",
    "new_sign_in": "New sign-in to your account",
}
templates = Environment(
    loader=FileSystemLoader(Path(__file__).resolve().parent / "templates" / "auth" / "email"),
    autoescape=select_autoescape(["html"]),
    keep_trailing_newline=True,
)


def link(path: str, token: str) -> str:
    return f"{settings.APP_URL}/{path}?token={token}"


def compose(kind: str, to: str, **context) -> EmailMessage:
    context = {"app_name": settings.APP_NAME, "site_url": settings.APP_URL, **context}
    message = EmailMessage()
    message["Subject"] = f"{settings.APP_NAME}: {SUBJECTS[kind]}"
    message["From"] = settings.EMAIL_FROM
    message["To"] = to
    message.set_content(templates.get_template(f"{kind}.txt").render(context))
    message.add_alternative(templates.get_template(f"{kind}.html").render(context), subtype="html")
    return message


def deliver(message: EmailMessage) -> None:
    if not settings.SMTP_HOST:
        text = message.get_body(("plain",))
        body = text.get_content() if text is not None else ""
        print(f"To: {message['To']}\nSubject: {message['Subject']}\n\n{body}", flush=True)
        return
    with smtplib.SMTP(settings.SMTP_HOST, settings.SMTP_PORT, timeout=10) as smtp:
        if settings.SMTP_STARTTLS:
            smtp.starttls()
        if settings.SMTP_USER:
            smtp.login(settings.SMTP_USER, settings.SMTP_PASSWORD)
        smtp.send_message(message)


def send(kind: str, to: str, **context) -> None:
    """Sent after the answer, so a slow mail server neither delays it nor lets its timing show."""
    background.later(deliver, compose(kind, to, **context))
