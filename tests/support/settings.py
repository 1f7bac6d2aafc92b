"""The environment the suite gives every shared server of a cell."""

ADMIN_EMAILS = ("admin1@conformance.test", "admin2@conformance.test", "admin3@conformance.test")
ALLOWED_ORIGIN = "https://app.conformance.test"

# Every test of a cell shares one server, and every request comes from 127.0.0.1: the per-IP
# ceilings are raised so only the per-account limits under test apply; the per-IP limit has
# its own server in test_rate_limits.py.
SHARED_SERVER_ENV = {
    "RATE_LIMIT_LOGIN_PER_IP": 100000,
    "RATE_LIMIT_MFA_PER_IP": 100000,
    "RATE_LIMIT_RESET_PER_IP": 100000,
    "RATE_LIMIT_DEVICE_PER_IP": 100000,
    "RATE_LIMIT_REGISTER_PER_IP": 100000,
    "BOOTSTRAP_ADMIN_EMAILS": ",".join(ADMIN_EMAILS),
    "CORS_ALLOWED_ORIGINS": ALLOWED_ORIGIN,
}

# One more server per cell for the cases whose settings do not conflict: short token lifetimes
# (test_lifetimes.py) and a low per-IP login ceiling (test_rate_limits.py). The lifetime cases fail
# one login at most (an expired passkey challenge), and the ceiling's case sends from a loopback
# address of its own, so no other case's attempts count against it. The HIPAA idle timeout would
# cut short the lifetime cases' sessions: test_hipaa.py keeps a server of its own.
SHORT_LIFETIMES = {
    "ACCESS_TOKEN_TTL_SECONDS": 3,
    "REFRESH_TOKEN_TTL_SECONDS": 6,
    "MFA_TOKEN_TTL_SECONDS": 2,
    "EMAIL_TOKEN_TTL_SECONDS": 2,
    "RESET_TOKEN_TTL_SECONDS": 2,
    "DEVICE_TOKEN_TTL_SECONDS": 3,
    "PASSKEY_CHALLENGE_TTL_SECONDS": 2,
    "REFRESH_REUSE_GRACE_SECONDS": 1,
}
LOW_LOGIN_CEILING_PER_IP = 8
STRICT_SERVER_ENV = {**SHARED_SERVER_ENV, **SHORT_LIFETIMES, "RATE_LIMIT_LOGIN_PER_IP": LOW_LOGIN_CEILING_PER_IP}
