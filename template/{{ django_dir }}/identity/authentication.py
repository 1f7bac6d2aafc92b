from rest_framework.authentication import BaseAuthentication

from identity.services import jwt_tokens, sessions
from identity.transport import presented_access_token


class AccessTokenAuthentication(BaseAuthentication):
    """The access JWT (header or cookie, per transport), and its session still alive.

    `request.auth` is the session, so views can end it or list its siblings. A revocation or a
    role, MFA or consent change counts from the next request (see services/sessions.live_session).
    """

    def authenticate(self, request):
        token = presented_access_token(request)
        if not token:
            return None
        claims = jwt_tokens.read(token, jwt_tokens.ACCESS)
        session = sessions.live_session(str(claims["sid"]), str(claims["sub"]))
        return session.user, session

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'
