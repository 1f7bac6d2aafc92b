"""The user document of the API: `{id, email, emailVerified, createdAt}` plus each mode's members."""

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from identity.models import User


def iso(moment) -> str | None:
    return moment.isoformat().replace("+00:00", "Z") if moment else None


@cache
def _extensions():
    return [import_string(path) for path in settings.AUTH_USER_FIELDS]


def represent(user) -> dict:
    document = {"id": str(user.pk), "email": user.email, "emailVerified": user.email_verified}
    document["createdAt"] = iso(user.created_at)
    for extend in _extensions():
        document.update(extend(user))
    return document


def find_by_email(email: str):
    """The user with this (unique) email, or None."""
    try:
        return User.objects.get(email=email.lower())
    except User.DoesNotExist:
        return None
