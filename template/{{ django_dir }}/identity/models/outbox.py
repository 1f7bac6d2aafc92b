from django.db import models
from django.utils import timezone


class OutboxJob(models.Model):
    """Work an answer promised (a mail, the steps that follow a registration), written in the same
    transaction as the change that causes it and done by the outbox worker, retried until it succeeds."""

    task = models.CharField(max_length=200)
    payload = models.JSONField(default=dict)
    attempts = models.PositiveIntegerField(default=0)
    due_at = models.DateTimeField(default=timezone.now, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.task} #{self.pk}"
