"""After-answer jobs: held until the request's response has been sent, then run on the pool."""

import threading

import pytest
from django.core.signals import request_finished, request_started

from identity.services import background

pytestmark = pytest.mark.django_db(transaction=True)  # on_commit runs only outside a test transaction


def test_a_job_queued_by_a_request_starts_only_once_its_response_is_sent(settings):
    settings.AUTH_RUN_IN_BACKGROUND = True
    ran = threading.Event()
    request_started.send(sender=None)
    try:
        background.later(ran.set)  # outside a transaction: committed at once
        assert not ran.wait(0.2), "the job ran while the request was still being answered"
    finally:
        request_finished.send(sender=None)
    assert ran.wait(5), "the job never ran after the response"


def test_a_job_queued_outside_a_request_starts_at_commit(settings):
    settings.AUTH_RUN_IN_BACKGROUND = True
    ran = threading.Event()
    background.later(ran.set)
    assert ran.wait(5)
