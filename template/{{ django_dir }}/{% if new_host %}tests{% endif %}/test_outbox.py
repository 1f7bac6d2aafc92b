"""The outbox: after-answer work is a row written with the change that causes it, run after the
response, and kept and tried again when it fails."""

import threading
from datetime import timedelta

import pytest
from django.core import mail as sent
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.utils import timezone

from identity.models import OutboxJob
from identity.services import mail, outbox

pytestmark = pytest.mark.django_db(transaction=True)  # on_commit runs only outside a test transaction
ran = threading.Event()


def mark_ran() -> None:
    ran.set()


def test_a_job_queued_by_a_request_starts_only_once_its_response_is_sent(settings):
    settings.AUTH_RUN_IN_BACKGROUND = True
    ran.clear()
    request_started.send(sender=None)
    try:
        outbox.later(mark_ran)  # outside a transaction: committed at once
        assert not ran.wait(0.2), "the job ran while the request was still being answered"
    finally:
        request_finished.send(sender=None)
    assert ran.wait(5), "the job never ran after the response"
    for _ in range(50):
        if not OutboxJob.objects.exists():
            break
        threading.Event().wait(0.1)
    assert not OutboxJob.objects.exists(), "a job that ran is deleted"


def test_mail_is_written_with_its_transaction_and_lost_with_its_rollback():
    with pytest.raises(RuntimeError), transaction.atomic():
        mail.send("password_changed", "rolled@example.com", circumstances="")
        assert OutboxJob.objects.count() == 1
        raise RuntimeError("the change failed")
    assert not OutboxJob.objects.exists()
    assert sent.outbox == []


def test_a_mail_the_server_refuses_is_kept_and_sent_once_it_is_back(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", 9, False  # nothing listens
    mail.send("password_changed", "kept@example.com", circumstances="")
    job = OutboxJob.objects.get()
    assert job.attempts == 1 and job.due_at > timezone.now() and "refused" in job.last_error.lower()
    assert outbox.run_one() is False, "a failed job waits for its retry"

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutboxJob.objects.update(due_at=timezone.now() - timedelta(seconds=1))
    assert outbox.run_one() is True
    assert [message.to for message in sent.outbox] == [["kept@example.com"]]
    assert not OutboxJob.objects.exists()
