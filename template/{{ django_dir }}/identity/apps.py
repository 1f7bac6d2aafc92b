from django.apps import AppConfig
from django.core.signals import request_finished, request_started
from django.db.models.signals import post_delete, post_save


class IdentityConfig(AppConfig):
    name = "identity"
    verbose_name = "Identity and access"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth import get_user_model

        from identity.models import Account, UserSession
        from identity.services import liveness, outbox, ratelimit

        for model in (get_user_model(), Account, UserSession):
            post_save.connect(liveness.saved, sender=model, dispatch_uid=f"liveness-saved-{model.__name__}")
            post_delete.connect(liveness.changed, sender=model, dispatch_uid=f"liveness-deleted-{model.__name__}")
        request_started.connect(outbox.request_started, dispatch_uid="outbox-request-started")
        request_finished.connect(outbox.request_finished, dispatch_uid="outbox-request-finished")
        request_started.connect(ratelimit.request_started, dispatch_uid="ratelimit-request-started")
