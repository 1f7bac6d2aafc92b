import uuid

from django.db import models
from django.utils import timezone

from .account import Account


class UserSession(models.Model):
    """One login: the refresh-token family and the `sid` every access token names."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="auth_sessions")
    created_at = models.DateTimeField(default=timezone.now)
    authenticated_at = models.DateTimeField(default=timezone.now, help_text="last proof of the password or MFA")
    last_seen_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(help_text="the refresh token's expiry")
    absolute_expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=32, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=256, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "revoked_at"])]

    def __str__(self) -> str:
        return f"{self.user_id} {self.created_at:%Y-%m-%d %H:%M}"


class RefreshToken(models.Model):
    """A refresh token of a session, by its SHA-256; spent once it has been rotated."""

    token_hash = models.CharField(max_length=64, primary_key=True)
    session = models.ForeignKey(UserSession, on_delete=models.CASCADE, related_name="refresh_tokens")
    created_at = models.DateTimeField(default=timezone.now)
    spent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.token_hash[:8]}..."
