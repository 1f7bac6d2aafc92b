from django.db import models


class CacheEntry(models.Model):
    """The table of identity.cache's database cache (Django's DatabaseCache layout), created by
    this app's migrations so that the project's CACHES stay as they are."""

    cache_key = models.CharField(max_length=255, primary_key=True)
    value = models.TextField()
    expires = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "identity_cache"

    def __str__(self) -> str:
        return self.cache_key
