"""Mailed single-use tokens (email verification, password reset): 256 random bits, stored hashed."""

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from identity.models import OneTimeToken


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create(user, purpose: str, ttl: int) -> str:
    token = secrets.token_urlsafe(32)
    OneTimeToken.objects.create(
        token_hash=_digest(token), user=user, purpose=purpose, expires_at=timezone.now() + timedelta(seconds=ttl)
    )
    return token


def peek(token: str, purpose: str):
    """The user of a usable token, without spending it."""
    if not token or len(token) > 128:
        return None
    found = OneTimeToken.objects.select_related("user").filter(
        token_hash=_digest(token), purpose=purpose, used_at__isnull=True, expires_at__gt=timezone.now()
    )
    token_row = found.first()
    return token_row.user if token_row else None


def redeem(token: str, purpose: str):
    """The user the token was made for, spending the token; None when unknown, used or expired."""
    if not token or len(token) > 128:
        return None
    now = timezone.now()
    with transaction.atomic():
        spent = OneTimeToken.objects.filter(
            token_hash=_digest(token), purpose=purpose, used_at__isnull=True, expires_at__gt=now
        ).update(used_at=now)
        if not spent:
            return None
        return OneTimeToken.objects.select_related("user").get(token_hash=_digest(token)).user


def void_all(user, purpose: str) -> None:
    OneTimeToken.objects.filter(user=user, purpose=purpose, used_at__isnull=True).update(used_at=timezone.now())
