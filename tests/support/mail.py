"""A real SMTP sink (aiosmtpd) and the reading of the links the backends mail.

Links follow docs/api.md: ``{APP_URL}/verify-email?token=<token>`` and
``{APP_URL}/reset-password?token=<token>``, tokens URL-safe.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller

from .ports import free_port

TOKEN = r"[A-Za-z0-9_-]+"


@dataclass(frozen=True)
class Mail:
    mail_from: str
    recipients: tuple[str, ...]
    message: EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message.get("Subject", ""))

    def parts(self) -> dict[str, str]:
        """Text of each part by content type (text/plain, text/html)."""
        found = {}
        for part in self.message.walk():
            if part.get_content_maintype() == "text":
                found.setdefault(part.get_content_type(), part.get_content())
        return found

    @property
    def text(self) -> str:
        return "\n".join(self.parts().values())


def link_token(text: str, app_url: str, page: str) -> str | None:
    """The token of the first ``{app_url}/{page}?token=...`` link in ``text``."""
    pattern = re.escape(app_url.rstrip("/")) + "/" + re.escape(page) + r"\?token=(" + TOKEN + ")"
    match = re.search(pattern, text)
    return match.group(1) if match else None


class Inbox:
    """Messages received by the sink; safe to read while the sink thread appends."""

    def __init__(self) -> None:
        self._mails: list[Mail] = []
        self._changed = threading.Condition()

    def add(self, mail: Mail) -> None:
        with self._changed:
            self._mails.append(mail)
            self._changed.notify_all()

    def to(self, address: str) -> list[Mail]:
        with self._changed:
            return [mail for mail in self._mails if address.lower() in (r.lower() for r in mail.recipients)]

    def wait_for(self, address: str, count: int = 1, timeout: float = 10.0) -> list[Mail]:
        """The first ``count`` mails to ``address``, waiting up to ``timeout`` seconds for them."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = [m for m in self._mails if address.lower() in (r.lower() for r in m.recipients)]
                if len(found) >= count:
                    return found
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"expected {count} mail(s) to {address}, got {len(found)}")
                self._changed.wait(remaining)

    def count(self, address: str) -> int:
        return len(self.to(address))

    def token(self, address: str, app_url: str, page: str, timeout: float = 10.0, after: int = 0) -> str:
        """The token of the newest ``page`` link mailed to ``address`` among its mails after the
        first ``after`` (pass ``count()`` taken before the request, so an older link is never used)."""
        deadline = time.monotonic() + timeout
        while True:
            for mail in reversed(self.to(address)[after:]):
                if token := link_token(mail.text, app_url, page):
                    return token
            if time.monotonic() > deadline:
                subjects = [m.subject for m in self.to(address)]
                raise AssertionError(f"no {app_url}/{page}?token= link mailed to {address}; got {subjects}")
            time.sleep(0.05)


class _Handler:
    def __init__(self, inbox: Inbox) -> None:
        self.inbox = inbox

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.inbox.add(Mail(envelope.mail_from, tuple(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


class SmtpSink:
    """An SMTP server on a free loopback port that keeps every message it receives."""

    def __init__(self) -> None:
        self.inbox = Inbox()
        self.host = "127.0.0.1"
        self.port = free_port()  # aiosmtpd cannot bind port 0: it connects to itself to check
        self._controller: Controller | None = None

    @property
    def running(self) -> bool:
        return self._controller is not None

    def resume(self) -> SmtpSink:
        """Listens (again) on its port; a stopped controller cannot restart, so each start makes one."""
        self._controller = Controller(_Handler(self.inbox), hostname=self.host, port=self.port)
        self._controller.start()
        return self

    def halt(self) -> None:
        """Stops listening, as a mail server that is down: connections are refused until `resume`."""
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def __enter__(self) -> SmtpSink:
        return self.resume()

    def __exit__(self, *exc) -> None:
        self.halt()
