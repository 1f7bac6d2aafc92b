"""The user document of the API (`{id, email, emailVerified, createdAt}` plus each mode's members),
and the link between the project's users and their Accounts."""

from functools import cache

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils.module_loading import import_string

from identity.conf import settings
from identity.models import Account

from . import passwords


def iso(moment) -> str | None:
    return moment.isoformat().replace("+00:00", "Z") if moment else None


@cache
def _extensions():
    return [import_string(path) for path in settings.AUTH_USER_FIELDS]


def represent(account) -> dict:
    document = {"id": str(account.pk), "email": account.email, "emailVerified": account.email_verified}
    document["createdAt"] = iso(account.created_at)
    for extend in _extensions():
        document.update(extend(account))
    return document


def find_by_email(email: str):
    """The Account signing in with this email, or None.

    A user the project made itself (before the auth feature, or through its own sign-up) gets
    an Account on first sign-in, verified: the project vouches for the address. One whose address
    the project's django-allauth never confirmed does not sign in here until it is confirmed.
    """
    email = email.lower()
    account = Account.objects.select_related("user").filter(email=email).first()
    if account is not None:
        return account
    User = get_user_model()
    found = list(
        User._default_manager.filter(**{f"{User.get_email_field_name()}__iexact": email, "identity_account": None})[:2]
    )
    if len(found) != 1 or not vouched_for(found[0], email):  # two users sharing it: neither signs in by email
        return None
    try:
        with transaction.atomic():
            return Account.objects.create(user=found[0], email=email, email_verified=True)
    except IntegrityError:  # another request adopted it first
        return Account.objects.select_related("user").filter(email=email).first()


def vouched_for(user, email: str) -> bool:
    """Whether the project vouches for ``email`` as ``user``'s: django-allauth's own verification when
    the project uses it (its sign-up may hold addresses nobody confirmed), otherwise yes."""
    if not apps.is_installed("allauth.account"):
        return True
    addresses = apps.get_model("account", "EmailAddress")._default_manager
    return addresses.filter(user=user, email__iexact=email, verified=True).exists()


def create(email: str, password: str, **fields):
    """A new project user and its Account, in one transaction (IntegrityError: the email is taken)."""
    User = get_user_model()
    email = email.lower()
    user = User(**{User.get_email_field_name(): email})
    username_field = User.USERNAME_FIELD
    if username_field != User.get_email_field_name():
        username_length = User._meta.get_field(username_field).max_length or len(email)
        setattr(user, username_field, email if len(email) <= username_length else email[:username_length])
    user.password = passwords.encode(password)
    with transaction.atomic():
        taken = User._default_manager.filter(**{f"{User.get_email_field_name()}__iexact": email}).exists()
        if taken:
            raise IntegrityError("a project user has this email")
        user.save()
        return Account.objects.create(user=user, email=email, **fields)
