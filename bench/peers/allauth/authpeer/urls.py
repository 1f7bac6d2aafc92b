from django.urls import include, path

from .views import health

urlpatterns = [
    path("health", health),
    path("_allauth/", include("allauth.headless.urls")),
]
