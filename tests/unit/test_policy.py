"""The baseline's numbers (../shared/design/security-baseline.md) as the stacks receive them."""

import yaml

import policy
from manifests import ROOT


def test_lifetimes_follow_the_baseline():
    quick, hipaa = policy.lifetimes(1), policy.lifetimes(4)
    assert quick["ACCESS_TOKEN_TTL_SECONDS"] == 15 * 60
    assert quick["REFRESH_TOKEN_TTL_SECONDS"] == 7 * 24 * 3600
    assert hipaa["REFRESH_TOKEN_TTL_SECONDS"] == 24 * 3600
    assert hipaa["SESSION_IDLE_TIMEOUT_SECONDS"] == 15 * 60
    assert hipaa["SESSION_ABSOLUTE_TTL_SECONDS"] == 12 * 3600
    assert quick["SESSION_IDLE_TIMEOUT_SECONDS"] == 0
    assert quick["MFA_TOKEN_TTL_SECONDS"] == 300
    assert quick["DEVICE_TOKEN_TTL_SECONDS"] == 30 * 24 * 3600
    assert quick["EMAIL_TOKEN_TTL_SECONDS"] == 24 * 3600
    assert quick["RESET_TOKEN_TTL_SECONDS"] == 3600
    assert quick["REFRESH_REUSE_GRACE_SECONDS"] == 10


def test_rate_limits_follow_the_baseline():
    limits = policy.RATE_LIMITS
    assert (limits["RATE_LIMIT_LOGIN_PER_EMAIL"], limits["RATE_LIMIT_LOGIN_WINDOW_SECONDS"]) == (5, 900)
    assert limits["RATE_LIMIT_LOGIN_PER_IP"] == 100
    assert (limits["RATE_LIMIT_MFA_PER_EMAIL"], limits["RATE_LIMIT_MFA_WINDOW_SECONDS"]) == (10, 600)
    assert (limits["RATE_LIMIT_RESET_PER_EMAIL"], limits["RATE_LIMIT_RESET_WINDOW_SECONDS"]) == (3, 3600)
    assert (limits["RATE_LIMIT_DEVICE_PER_EMAIL"], limits["RATE_LIMIT_DEVICE_WINDOW_SECONDS"]) == (10, 900)
    for counter in ("LOGIN", "MFA", "RESET", "DEVICE", "REGISTER"):
        for suffix in ("PER_EMAIL", "PER_IP", "WINDOW_SECONDS"):
            assert f"RATE_LIMIT_{counter}_{suffix}" in limits


def test_tunables_hold_every_overridable_number():
    tunables = policy.tunables(2)
    assert tunables["PASSWORD_MIN_LENGTH"] == 15
    assert tunables["MAX_SESSIONS_PER_USER"] == 5
    assert tunables["MAX_DEVICES_PER_USER"] == 3
    assert set(policy.lifetimes(2)) <= set(tunables)


def test_features_are_cumulative():
    previous = set()
    for mode in (1, 2, 3, 4):
        on = {name for name, enabled in policy.features(mode).items() if enabled}
        assert previous <= on
        previous = on
    assert previous == set(policy.features(4))
    assert not any(policy.features(1).values())


def test_argon2_parameters():
    assert policy.ARGON2 == {"memory_cost_kib": 19456, "time_cost": 2, "parallelism": 1}


def test_every_mode_has_a_summary():
    assert sorted(policy.MODE_SUMMARIES) == [1, 2, 3, 4]


def test_break_glass_grants_last_at_most_four_hours():
    assert policy.EMERGENCY_ACCESS_MAX_MINUTES == 240


def test_the_contract_documents_the_break_glass_limit():
    spec = yaml.safe_load((ROOT / "docs" / "openapi.yaml").read_text(encoding="utf-8"))
    body = spec["paths"]["/admin/emergency-access"]["post"]["requestBody"]["content"]["application/json"]
    assert body["schema"]["properties"]["minutes"]["maximum"] == policy.EMERGENCY_ACCESS_MAX_MINUTES
    api = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    assert f"(admin; 1 to {policy.EMERGENCY_ACCESS_MAX_MINUTES} minutes)" in api
