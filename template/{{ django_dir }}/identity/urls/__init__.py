"""The auth feature's routes: one module per capability, listed in settings.AUTH_URL_MODULES."""

from django.conf import settings
from django.urls import include, path

urlpatterns = [path("", include(module)) for module in settings.AUTH_URL_MODULES]
