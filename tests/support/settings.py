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
