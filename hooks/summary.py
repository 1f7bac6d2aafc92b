"""The "Security Review Summary" box printed after every copy and update.

Built from the answers, the mode's numbers in extensions/policy.py and a review of the
destination by ``universal_auth.review``; nothing in it is fixed text about a project.
Copier's own Python runs this without the package installed, so the repository's
``src`` and ``extensions`` folders are put on the import path here.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT / "src", ROOT / "extensions", ROOT / "hooks"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import manifests  # noqa: E402
import policy  # noqa: E402
import retrofit_report  # noqa: E402
import review_command  # noqa: E402
from project import Project  # noqa: E402
from universal_auth.review import Report, Severity, review_tree  # noqa: E402

RULE = " " + "─" * 58
MARKS = ("+", "✓", "!", "·", "⚠")
WIDTH = 96
GAPS_SHOWN = 12


def summary(project_root: Path, answers: dict, wired: list[retrofit_report.Wired] | None = None) -> str:
    """The summary box for the project at ``project_root`` generated with ``answers``; ``wired`` are the parts
    added to an existing application, listed with the files created, the edits made and the host's commands."""
    mode = int(answers.get("mode", 1))
    report = review_tree(Path(project_root))
    lines = [RULE, "  🔒  SECURITY REVIEW SUMMARY", RULE]
    lines += header(answers, mode)
    if wired:
        lines += [RULE, "", "  Added to Your Existing Application"]
        for line in retrofit_report.section(Project(Path(project_root), answers), wired):
            mark, _, text = line.partition(" ")
            lines += bullets(mark, [text]) if mark in MARKS else ["  " + line]
    lines += [RULE, "", "  Protections Implemented"]
    lines += bullets("✓", protections(answers, mode))
    lines += ["", "  Vulnerabilities Mitigated"]
    for mark, text in mitigations(answers, mode, report):
        lines += bullets(mark, [text])
    lines += ["", "  Gaps Found in Existing Code"]
    lines += bullets("⚠", gaps(report, answers)) if report.findings else bullets("✓", ["none found" + scanned(report)])
    lines += ["", "  Recommended Improvements (out of scope)"]
    lines += bullets("→", improvements(answers, mode))
    lines += ["", RULE, "  Next steps:"]
    lines += bullets("·", next_steps(Path(project_root), answers, mode, wired or []))
    lines.append(RULE)
    return "\n".join(lines) + "\n"


def bullets(mark: str, items: list[str]) -> list[str]:
    out = []
    for item in items:
        out += textwrap.wrap(
            item, WIDTH, initial_indent=f"  {mark}  ", subsequent_indent="     ", break_on_hyphens=False
        )
    return out


def stack_label(name: str | None) -> str | None:
    if not name or name == "none":
        return None
    stack = manifests.load_stacks().get(name)
    return stack.label if stack else name


def header(answers: dict, mode: int) -> list[str]:
    parts = [stack_label(answers.get(kind)) for kind in ("backend", "frontend", "mobile")]
    if answers.get("backend", "none") != "none":
        parts.append(answers.get("database", "sqlite"))
    transport = {"cookie": "httpOnly cookie JWT", "bearer": "Bearer token"}.get(answers.get("transport", ""), "none")
    mode_name = policy.MODE_SUMMARIES[mode].split(":")[0]
    return [
        f"  Auth Mode  :  {mode} — {mode_name}",
        f"  Stack      :  {' + '.join(part for part in parts if part)}",
        f"  Transport  :  {transport}",
    ]


def minutes(seconds: int) -> str:
    if seconds % 86400 == 0:
        return f"{seconds // 86400} day{'s' if seconds != 86400 else ''}"
    if seconds % 3600 == 0:
        return f"{seconds // 3600} h"
    return f"{seconds // 60} min"


def protections(answers: dict, mode: int) -> list[str]:
    features = policy.features(mode)
    life = policy.lifetimes(mode)
    limits = policy.RATE_LIMITS
    argon = policy.ARGON2
    items = [
        f"Passwords hashed with argon2id (m={argon['memory_cost_kib']} KiB, t={argon['time_cost']}, "
        f"p={argon['parallelism']}); legacy bcrypt/PBKDF2 hashes rehashed on login",
        f"Passwords of {policy.PASSWORD_MIN_LENGTH} to {policy.PASSWORD_MAX_LENGTH} characters, common passwords "
        "and the email refused, no composition rules",
        f"JWT access tokens for {minutes(life['ACCESS_TOKEN_TTL_SECONDS'])}; refresh tokens for "
        f"{minutes(life['REFRESH_TOKEN_TTL_SECONDS'])}, rotated on use, reuse after "
        f"{life['REFRESH_REUSE_GRACE_SECONDS']} s revokes the family",
        f"Login limited to {limits['RATE_LIMIT_LOGIN_PER_EMAIL']} failures per email and "
        f"{limits['RATE_LIMIT_LOGIN_PER_IP']} per IP every {minutes(limits['RATE_LIMIT_LOGIN_WINDOW_SECONDS'])} "
        f"({'Redis' if answers.get('rate_limit_store') == 'redis' else 'embedded'} counters)",
        f"Password reset by a single-use link valid {minutes(life['RESET_TOKEN_TTL_SECONDS'])}; every session ends",
        f"Sessions checked on every request; at most {policy.MAX_SESSIONS_PER_USER} per user",
    ]
    if answers.get("transport") == "cookie":
        plain_http = str(answers.get("app_url", "")).startswith("http://")
        items.append(
            "Tokens in HttpOnly __Host- / __Secure- cookies (SameSite Lax / Strict) with a CSRF token and an Origin "
            "check"
            + ("; over plain http the prefixes and Secure stay off until app_url is https" if plain_http else "")
        )
    else:
        items.append("Bearer tokens in the Authorization header; nothing for a browser to send by itself")
    if features["has_mfa"]:
        items.append(
            f"TOTP MFA with {policy.RECOVERY_CODE_COUNT} single-use recovery codes; TOTP secrets "
            "encrypted with AES-256-GCM; replayed codes refused"
        )
    if features["has_email_verification"]:
        items.append(f"Email verification (link valid {minutes(life['EMAIL_TOKEN_TTL_SECONDS'])})")
    if features["has_devices"]:
        items.append(
            f"Device tokens for biometric login ({minutes(life['DEVICE_TOKEN_TTL_SECONDS'])}, "
            f"{policy.MAX_DEVICES_PER_USER} per user)"
        )
    if features["has_rbac"]:
        roles = answers.get("roles") or []
        items.append(f"Roles ({', '.join(roles) if roles else 'admin'}), an audit log and session revocation")
    if features["is_hipaa"]:
        items.append(
            f"Append-only, hash-chained audit kept {policy.AUDIT_RETENTION_DAYS // 365} years; consent "
            f"version {answers.get('consent_version', '1')} recorded; MFA enforced for providers; "
            f"{minutes(life['SESSION_IDLE_TIMEOUT_SECONDS'])} idle logoff; audited break-glass access"
        )
    return items


def families_with_findings(report: Report) -> set[str]:
    return {finding.rule.family for finding in report.findings if finding.level is not Severity.LOW}


def mitigations(answers: dict, mode: int, report: Report) -> list[tuple[str, str]]:
    features = policy.features(mode)
    cookie = answers.get("transport") == "cookie"
    mobile = answers.get("mobile", "none") != "none"
    rows = [
        ("Credential stuffing   — rate limits per email and per IP", set()),
        ("Token replay          — rotation + reuse detection", set()),
        ("Session hijacking     — session id checked on every request", {"cookies", "token storage"}),
        ("Enumeration           — same answer and timing for unknown emails", set()),
        ("Offline cracking      — argon2id", {"hashing"}),
        ("Secret leakage        — secrets only in a git-ignored .env", {"secrets", "env files"}),
        ("Clickjacking / MIME   — security headers", {"headers"}),
    ]
    if cookie:
        rows.append(("Cross-site requests   — CSRF token + Origin check", {"csrf"}))
    if features["has_mfa"]:
        rows.append(("TOTP secret theft     — AES-256-GCM at rest", set()))
    if features["has_devices"] and mobile:
        rows.append(("Biometric bypass      — device token bound to the device", set()))
    if features["has_rbac"]:
        rows.append(("Privilege escalation  — roles checked on every request", set()))
    if features["is_hipaa"]:
        rows.append(("Audit tampering       — append-only, hash-chained audit", set()))
    open_families = families_with_findings(report)
    return [
        ("⚠", f"{text} (the review found gaps, below)") if families & open_families else ("✓", text)
        for text, families in rows
    ]


def scanned(report: Report) -> str:
    return f" ({report.files_scanned} files reviewed)"


def gaps(report: Report, answers: dict) -> list[str]:
    findings = report.sorted_findings()
    shown = [f"{f.level.value}: {f.message} — {f.where} [{f.rule.id}]" for f in findings[:GAPS_SHOWN]]
    if len(findings) > GAPS_SHOWN:
        shown.append(f"{len(findings) - GAPS_SHOWN} more")
    shown.append(
        f"{report.count(Severity.HIGH)} high, {report.count(Severity.MEDIUM)} medium, {report.count(Severity.LOW)} "
        f"low in {report.files_scanned} files; details: {review_command.review_command(answers)} ."
    )
    return shown


def improvements(answers: dict, mode: int) -> list[str]:
    items = []
    if mode < 4:
        items.append(
            f"Mode {mode + 1} — {policy.MODE_SUMMARIES[mode + 1]} "
            f"(copier update --trust --defaults --data mode={mode + 1})"
        )
    if answers.get("backend", "none") != "none":
        if answers.get("rate_limit_store") != "redis":
            items.append("Redis counters (rate_limit_store=redis) once several server processes run")
        if answers.get("email") != "smtp":
            items.append("Real mail delivery (email=smtp) before users depend on verification and reset mails")
        if str(answers.get("app_url", "")).startswith("http://"):
            items.append("An https app_url in production, so cookies keep Secure and the __Host- prefix")
    return items or ["none — implementation is complete for this mode"]


def next_steps(root: Path, answers: dict, mode: int, wired: list[retrofit_report.Wired]) -> list[str]:
    steps = []
    backend = manifests.load_stacks().get(answers.get("backend", "none"))
    review = review_command.review_command(answers)
    if backend is not None:
        folder = answers.get("backend_dir", "backend")
        env = root / folder / ".env"
        state = "holds fresh secrets" if env.exists() else "is missing: copy .env.example and fill it in"
        steps.append(f"{folder}/.env {state} (git-ignored); {folder}/.env.example lists every key")
        project = Project(root, answers)
        if project.existing("backend"):
            listed = any(retrofit_report.host_commands(project, part.stack, part.folder) for part in wired)
            guide = f"{folder}/{backend.wiring_guide}" if backend.wiring_guide else "the summary above"
            steps.append(
                f"Install, migrate and start with the commands listed above; every wiring line is in {guide}"
                if listed
                else f"Wire it in, install and migrate with the lines in {guide}"
            )
            steps.append(f"Review the running server: {review} . --url http://127.0.0.1:<its port>")
        elif backend.commands is not None:
            steps.append(
                f"cd {folder} && {backend.commands.install}"
                + (f" && {backend.commands.migrate}" if backend.commands.migrate else "")
            )
            serve = backend.commands.serve.replace("$HOST", "127.0.0.1").replace("$PORT", str(backend.port))
            steps.append(f"Start: {serve}; test: {backend.commands.test}")
            steps.append(f"Review the running server: {review} . --url http://127.0.0.1:{backend.port}")
    flow = (
        ["register", "verify email", "login", "MFA setup", "recovery codes"]
        if mode >= 2
        else ["register", "login", "refresh", "logout", "password reset"]
    )
    steps.append("Test: " + " → ".join(flow))
    return steps
