from django.db import models
from django.utils import timezone

from .account import Account


class OneTimeToken(models.Model):
    """A mailed email-verification or password-reset token, stored as its SHA-256."""

    class Purpose(models.TextChoices):
        VERIFY_EMAIL = "verify_email"
        RESET_PASSWORD = "reset_password"

    token_hash = models.CharField(max_length=64, primary_key=True)
    user = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="one_time_tokens")
    purpose = models.CharField(max_length=16, choices=Purpose.choices)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.purpose} {self.token_hash[:8]}..."
