from django.urls import path

from identity.conf import settings
from identity.views import core

urlpatterns = [
    path("health", core.HealthView.as_view()),
    path("health/ready", core.ReadinessView.as_view()),
    path("auth/register", core.RegisterView.as_view()),
    path("auth/login", core.LoginView.as_view()),
    path("auth/refresh", core.RefreshView.as_view()),
    path("auth/logout", core.LogoutView.as_view()),
    path("auth/me", core.MeView.as_view()),
    path("auth/password/forgot", core.PasswordForgotView.as_view()),
    path("auth/password/reset", core.PasswordResetView.as_view()),
    path("auth/password/change", core.PasswordChangeView.as_view()),
]
if settings.AUTH_TRANSPORT == "cookie":
    urlpatterns.append(path("auth/csrf", core.CsrfView.as_view()))
