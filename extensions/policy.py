"""The security baseline's numbers per mode, in one place for every stack.

Each stack's generated settings module renders these values; the environment can
override each of them at run time under the same names (see docs/openapi.yaml and
the design's configuration table).
"""

from __future__ import annotations

MINUTE = 60
HOUR = 60 * MINUTE
DAY = 24 * HOUR


def lifetimes(mode: int) -> dict[str, int]:
    """Token and session lifetimes in seconds, keyed by their environment variable."""
    hipaa = mode == 4
    return {
        "ACCESS_TOKEN_TTL_SECONDS": 15 * MINUTE,
        "REFRESH_TOKEN_TTL_SECONDS": DAY if hipaa else 7 * DAY,
        "MFA_TOKEN_TTL_SECONDS": 5 * MINUTE,
        "PASSKEY_CHALLENGE_TTL_SECONDS": 5 * MINUTE,
        "DEVICE_TOKEN_TTL_SECONDS": 30 * DAY,
        "EMAIL_TOKEN_TTL_SECONDS": DAY,
        "RESET_TOKEN_TTL_SECONDS": HOUR,
        "SESSION_IDLE_TIMEOUT_SECONDS": 15 * MINUTE if hipaa else 0,
        "SESSION_ABSOLUTE_TTL_SECONDS": 12 * HOUR if hipaa else 0,
        "REFRESH_REUSE_GRACE_SECONDS": 10,
    }


# (per account, per IP, window seconds) for each counter; "account" is the email or user.
_LIMITS = {
    "LOGIN": (5, 100, 15 * MINUTE),
    "MFA": (10, 100, 10 * MINUTE),
    "RESET": (3, 30, HOUR),
    "DEVICE": (10, 100, 15 * MINUTE),
    "REGISTER": (3, 10, HOUR),
}
RATE_LIMITS: dict[str, int] = {}
for _name, (_account, _ip, _window) in _LIMITS.items():
    RATE_LIMITS[f"RATE_LIMIT_{_name}_PER_EMAIL"] = _account
    RATE_LIMITS[f"RATE_LIMIT_{_name}_PER_IP"] = _ip
    RATE_LIMITS[f"RATE_LIMIT_{_name}_WINDOW_SECONDS"] = _window

ARGON2 = {"memory_cost_kib": 19456, "time_cost": 2, "parallelism": 1}
PASSWORD_MIN_LENGTH = 15
PASSWORD_MAX_LENGTH = 256
MAX_SESSIONS_PER_USER = 5
MAX_DEVICES_PER_USER = 3
RECOVERY_CODE_COUNT = 8
REAUTH_WINDOW_SECONDS = 5 * MINUTE
AUDIT_RETENTION_DAYS = 6 * 365
EMERGENCY_ACCESS_MAX_MINUTES = 4 * HOUR // MINUTE  # the longest break-glass grant an admin may give (mode 4)
HIPAA_ROLES = ("provider", "patient")


def tunables(mode: int) -> dict[str, int]:
    """Every number an operator may override through the environment, with its default."""
    return {
        **lifetimes(mode),
        **RATE_LIMITS,
        "MAX_SESSIONS_PER_USER": MAX_SESSIONS_PER_USER,
        "MAX_DEVICES_PER_USER": MAX_DEVICES_PER_USER,
        "PASSWORD_MIN_LENGTH": PASSWORD_MIN_LENGTH,
    }


def features(mode: int) -> dict[str, bool]:
    """The computed flags templates test, derived from the mode alone."""
    return {
        "has_mfa": mode >= 2,
        "has_email_verification": mode >= 2,
        "has_devices": mode >= 2,
        "has_passkeys": mode >= 2,
        "has_session_api": mode >= 3,
        "has_rbac": mode >= 3,
        "has_audit": mode >= 3,
        "is_hipaa": mode == 4,
    }


MODE_SUMMARIES = {
    1: "Quick: passwords, JWT with rotating refresh tokens, rate limits, password reset",
    2: "Secure: + TOTP with QR and recovery codes, replay detection, email verification, device tokens",
    3: "Enterprise: + roles (RBAC), audit log, session list and revocation",
    4: "HIPAA: + immutable audit, enforced MFA for providers, consent, idle logoff, break-glass",
}
