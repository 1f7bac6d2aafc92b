"""The auth feature's routes: one module per capability, listed in settings.AUTH_URL_MODULES."""

from django.urls import include, path

from identity.conf import settings

urlpatterns = [path("", include(module)) for module in settings.AUTH_URL_MODULES]
