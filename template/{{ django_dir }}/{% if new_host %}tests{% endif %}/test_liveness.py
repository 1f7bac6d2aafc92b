"""A worker's memory of checked sessions: at most a second, and forgotten at the next change on the host."""

import pytest
from django.utils import timezone

from identity.models import UserSession
from identity.services import liveness, sessions
from tests.conftest import authorize, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def remembering(settings, monkeypatch):
    settings.SESSION_LIVENESS_SECONDS = 1
    monkeypatch.setattr(liveness, "_remembered", {})


@pytest.fixture
def signed_in(client, make_user, settings, remembering):
    user = make_user()
    authorize(client, login(client, user.email), settings)
    assert client.get("/auth/me").status_code == 200
    return user


def test_two_mappings_of_the_host_counter_see_each_other():
    first, second = liveness.HostCounter(), liveness.HostCounter()
    before = second.read()
    first.move()
    assert second.read() != before


def test_a_checked_session_is_answered_from_memory(client, signed_in, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get("/auth/me").status_code == 200


def test_a_logout_counts_from_the_next_request(client, signed_in, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/auth/logout", {}, format="json").status_code == 204
    assert client.get("/auth/me").status_code == 401


def test_a_revocation_elsewhere_counts_from_the_next_request(client, signed_in, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sessions.revoke_all(signed_in, "test")
    assert client.get("/auth/me").status_code == 401


def test_a_change_to_the_projects_user_counts_from_the_next_request(
    client, signed_in, django_capture_on_commit_callbacks
):
    signed_in.user.is_active = False
    with django_capture_on_commit_callbacks(execute=True):
        signed_in.user.save(update_fields=["is_active"])
    assert client.get("/auth/me").status_code == 401


def test_memory_lasts_at_most_the_setting(client, signed_in, monkeypatch):
    """A change the counter never saw (another host's) is seen once the second is over."""
    UserSession.objects.filter(user=signed_in).update(revoked_at=timezone.now(), revoked_reason="elsewhere")
    assert client.get("/auth/me").status_code == 200
    later = liveness.monotonic() + 1.01
    monkeypatch.setattr(liveness, "monotonic", lambda: later)
    assert client.get("/auth/me").status_code == 401
