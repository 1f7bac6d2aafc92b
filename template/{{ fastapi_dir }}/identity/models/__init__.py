"""The auth's tables; each capability's models live in a module of their own."""

from identity.models.account import Account
from identity.models.session import RefreshToken, UserSession
from identity.models.token import OneTimeToken

__all__ = ["Account", "OneTimeToken", "RefreshToken", "UserSession"]
