"""The Security Review Summary box: computed from the answers, the policy and a review of the destination."""

import summary

from .conftest import write_tree

ANSWERS = {
    "project_name": "shop",
    "backend": "django",
    "backend_dir": "backend",
    "frontend": "none",
    "mobile": "none",
    "mode": 2,
    "database": "postgresql",
    "transport": "cookie",
    "email": "console",
    "rate_limit_store": "embedded",
    "app_url": "https://shop.example.com",
}
CLEAN = {".gitignore": ".env\n", "backend/.env": "X=1\n", "backend/.env.example": "X=\n"}


def section(box: str, title: str) -> str:
    start = box.index(title)
    return box[start : box.index("\n\n", start)]


def test_header_and_mode_two_protections(tmp_path):
    box = summary.summary(write_tree(tmp_path, CLEAN), ANSWERS)
    assert "🔒  SECURITY REVIEW SUMMARY" in box
    assert "Auth Mode  :  2 — Secure" in box
    assert "Stack      :  Django + postgresql" in box
    assert "Transport  :  httpOnly cookie JWT" in box
    protections = section(box, "Protections Implemented")
    assert "argon2id (m=19456 KiB, t=2, p=1)" in protections
    assert "5 failures per email and 100 per IP every 15 min" in protections
    assert "TOTP MFA with 8 single-use recovery codes" in protections
    assert "Roles" not in protections and "hash-chained" not in protections
    assert "plain http" not in protections  # https app_url
    mitigated = section(box, "Vulnerabilities Mitigated")
    assert "✓  Cross-site requests" in mitigated and "✓  TOTP secret theft" in mitigated
    assert "Privilege escalation" not in mitigated
    assert "✓  none found (2 files reviewed)" in box
    assert "Mode 3 — Enterprise" in section(box, "Recommended Improvements")
    assert "backend/.env holds fresh secrets" in box


def test_gaps_come_from_the_review_of_the_destination(tmp_path):
    files = {
        **CLEAN,
        "legacy/payments.py": 'STRIPE_SECRET = "s3cr3t-Value-42"\n',
        "legacy/web.js": 'localStorage.setItem("token", t);\n',
    }
    box = summary.summary(write_tree(tmp_path, files), ANSWERS)
    gaps = section(box, "Gaps Found in Existing Code")
    assert "⚠  high: STRIPE_SECRET is set to a literal — legacy/payments.py:1 [UA-SECRET-NAMED]" in gaps
    assert "legacy/web.js:1 [UA-TOKEN-STORAGE]" in gaps
    assert "2 high, 0 medium, 0 low in 4 files" in gaps
    mitigated = section(box, "Vulnerabilities Mitigated")
    assert "⚠  Secret leakage" in mitigated and "⚠  Session hijacking" in mitigated
    assert "✓  Clickjacking / MIME" in mitigated


def test_mode_four_bearer_without_env(tmp_path):
    answers = {
        **ANSWERS,
        "mode": 4,
        "transport": "bearer",
        "mobile": "expo",
        "mobile_dir": "mobile",
        "consent_version": "2026-01",
        "roles": ["admin", "member"],
        "rate_limit_store": "redis",
        "email": "smtp",
    }
    box = summary.summary(write_tree(tmp_path, {".gitignore": ".env\n"}), answers)
    assert "Auth Mode  :  4 — HIPAA" in box
    assert "Transport  :  Bearer token" in box
    protections = section(box, "Protections Implemented")
    assert "kept 6 years" in protections and "consent version 2026-01" in protections
    assert "Roles (admin, member)" in protections
    assert "15 min idle logoff" in protections
    assert "refresh tokens for 1 day" in protections
    mitigated = section(box, "Vulnerabilities Mitigated")
    assert "Biometric bypass" in mitigated and "Cross-site requests" not in mitigated
    assert "none — implementation is complete for this mode" in section(box, "Recommended Improvements")
    assert "backend/.env is missing" in box
