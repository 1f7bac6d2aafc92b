"""Mode 1 endpoints: health, register, login, refresh, logout, me, password flows, CSRF token."""

import secrets

from django.db import transaction
from django.utils.module_loading import import_string
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from identity import serializers, signin
from identity.api import APIView
from identity.conf import settings
from identity.errors import Problem, service_unavailable
from identity.middleware import csrf_cookie_name
from identity.models import OneTimeToken
from identity.services import dependencies, events, mail, one_time, outbox, passwords, ratelimit, sessions
from identity.services.requests import client_ip
from identity.services.users import find_by_email, represent
from identity.transport import clear_tokens, presented_refresh_token, token_response


def valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class PublicView(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]


class HealthView(PublicView):
    """Liveness: the worker answers."""

    def get(self, request):
        return Response({"status": "ok"})


class ReadinessView(PublicView):
    """Readiness, for load balancers: 200 when every dependency answers, else 503 naming them."""

    def get(self, request):
        states = dependencies.check()
        if all(state == "ok" for state in states.values()):
            return Response({"status": "ready", "dependencies": states})
        return service_unavailable(dependencies=states)


class CsrfView(PublicView):
    def get(self, request):
        token = request.COOKIES.get(csrf_cookie_name()) or secrets.token_urlsafe(32)
        response = Response({"csrfToken": token})
        secure = settings.AUTH_COOKIE_SECURE
        response.set_cookie(csrf_cookie_name(), token, path="/", secure=secure, httponly=True, samesite="Lax")
        return response


class RegisterView(PublicView):
    def post(self, request):
        data = valid(serializers.CredentialsSerializer, request)
        ratelimit.consume("REGISTER", data["email"], client_ip(request))
        return import_string(settings.AUTH_REGISTRATION)(data["email"], data["password"], request)


class LoginView(PublicView):
    def post(self, request):
        data = valid(serializers.CredentialsSerializer, request)
        slots = ratelimit.consume("LOGIN", data["email"], client_ip(request))
        user = find_by_email(data["email"])
        if not passwords.matches(user, data["password"]) or not user.is_active:
            events.emit("LOGIN_FAILED", request, user)
            raise Problem(401, "invalid_credentials", "The email or password is wrong.")
        slots.release()
        return signin.after_password(user, request)


class RefreshView(PublicView):
    allow_provider_without_mfa = True

    def post(self, request):
        presented = presented_refresh_token(request)
        if not presented:
            raise Problem(401, "token_invalid", "No refresh token was sent.")
        return token_response(sessions.rotate(presented, request))


class LogoutView(APIView):
    permission_classes = [AllowAny]
    allow_provider_without_mfa = True

    def post(self, request):
        ended = [request.auth] if request.auth is not None else []
        if presented := presented_refresh_token(request):
            session = sessions.session_of_refresh(presented)
            if session is not None:
                ended.append(session)
        if not ended:
            raise Problem(401, "token_invalid", "No valid token was sent.")
        for session in ended:
            sessions.revoke(session, "logout")
            events.emit("USER_LOGOUT", request, user_id=session.user_id, session=str(session.pk))
        return clear_tokens(Response(status=204))


class MeView(APIView):
    allow_provider_without_mfa = True

    def get(self, request):
        return Response(represent(request.user))


class PasswordForgotView(PublicView):
    def post(self, request):
        data = valid(serializers.EmailSerializer, request)
        ratelimit.consume("RESET", data["email"], client_ip(request))
        user = find_by_email(data["email"])
        outbox.later(send_reset_link, email=data["email"])  # for any email, so the answer tells nothing
        events.emit("PASSWORD_RESET_REQUESTED", request, user)
        return Response({"status": "reset_sent"}, status=202)


def send_reset_link(email: str) -> None:
    user = find_by_email(email)
    if user is None or not user.is_active:
        return
    token = one_time.create(user, OneTimeToken.Purpose.RESET_PASSWORD, settings.RESET_TOKEN_TTL_SECONDS)
    link = mail.link("reset-password", token)
    mail.send("reset_password", user.email, link=link, minutes=settings.RESET_TOKEN_TTL_SECONDS // 60)


class PasswordResetView(PublicView):
    def post(self, request):
        data = valid(serializers.ResetSerializer, request)
        purpose = OneTimeToken.Purpose.RESET_PASSWORD
        user = one_time.peek(data["token"], purpose)
        if user is None:
            raise Problem(400, "token_invalid", "This reset link is invalid, used or expired.")
        passwords.validate(data["password"], user)
        if one_time.redeem(data["token"], purpose) is None:
            raise Problem(400, "token_invalid", "This reset link is invalid, used or expired.")
        with transaction.atomic():
            passwords.set_password(user, data["password"])
            one_time.void_all(user, purpose)
            sessions.revoke_all(user, "password_reset")
            circumstances = " through a reset link; every session was signed out"
            mail.send("password_changed", user.email, circumstances=circumstances)
        events.emit("PASSWORD_RESET_COMPLETED", request, user)
        return Response(status=204)


class PasswordChangeView(APIView):
    def post(self, request):
        data = valid(serializers.PasswordChangeSerializer, request)
        user = request.user
        slots = ratelimit.consume("LOGIN", user.email, client_ip(request))
        if not passwords.matches(user, data["currentPassword"]):
            events.emit("LOGIN_FAILED", request, user, reason="password_change")
            raise Problem(401, "invalid_credentials", "The current password is wrong.")
        slots.release()
        passwords.validate(data["newPassword"], user, field="newPassword")
        with transaction.atomic():
            passwords.set_password(user, data["newPassword"])
            sessions.revoke_all(user, "password_changed", keep=request.auth)
            sessions.mark_authenticated(request.auth)
            mail.send("password_changed", user.email, circumstances="")
        events.emit("PASSWORD_CHANGED", request, user)
        return Response(status=204)
