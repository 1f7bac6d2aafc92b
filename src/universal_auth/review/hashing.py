"""Password hashing settings below the baseline, and weak primitives used for passwords."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .calls import balanced, split_args
from .finding import Finding, Rule, Severity
from .tree import SourceFile

FAMILY = "hashing"
BCRYPT_COST = Rule(
    "UA-HASH-BCRYPT-COST",
    "bcrypt cost below 12",
    Severity.MEDIUM,
    "Hash new passwords with argon2id (m=19456 KiB, t=2, p=1); until then use a bcrypt cost of at least 12 "
    "and rehash on login.",
    FAMILY,
)
PBKDF2_ITERATIONS = Rule(
    "UA-HASH-PBKDF2-ITERATIONS",
    "PBKDF2 with fewer than 600,000 iterations",
    Severity.MEDIUM,
    "Use argon2id for new hashes; keep PBKDF2-HMAC-SHA256 at 600,000 iterations or more and rehash on login.",
    FAMILY,
)
WEAK = Rule(
    "UA-HASH-WEAK",
    "MD5 or SHA-1 used for passwords",
    Severity.HIGH,
    "Hash passwords with argon2id through a maintained library; verify old hashes once and rehash on login.",
    FAMILY,
)
FERNET = Rule(
    "UA-CRYPTO-FERNET",
    "Fernet (AES-128-CBC) used for secrets",
    Severity.LOW,
    "Encrypt new secrets with AES-256-GCM (cryptography's AESGCM) with a key id stored for rotation.",
    FAMILY,
)
RULES = (BCRYPT_COST, PBKDF2_ITERATIONS, WEAK, FERNET)

BCRYPT_MINIMUM = 12
PBKDF2_MINIMUM = 600_000
NAMED_COSTS = {"bcrypt.defaultcost": 10, "bcrypt.mincost": 4, "": 10}
# the patterns below are lower case and run on the lower-cased text
BCRYPT = re.compile(
    r"bcrypt\w*\.(?:hash|hashsync)\(\s*[^,()]+,\s*(?P<cost>\d+)\s*[,)]"
    r"|gensalt(?:sync)?\(\s*(?:rounds\s*=\s*)?(?P<cost2>\d+)"
    r"|bcrypt\.generatefrompassword\([^,()]+(?:\([^)]*\))?,\s*(?P<cost4>\d+|bcrypt\.defaultcost|bcrypt\.mincost)"
    r"|bcrypt(?:\.net\.bcrypt)?\.(?:hashpassword|enhancedhashpassword)\([^,()]+,\s*(?:workfactor:\s*)?(?P<cost5>\d+)"
    r"|generatesalt\(\s*(?P<cost6>\d+)"
    r"|new\s+bcryptpasswordencoder\(\s*(?P<cost7>\d*)\s*\)"
    r"|password_bcrypt\s*,\s*\[\s*[\"']cost[\"']\s*=>\s*(?P<cost8>\d+)"
    r"|[\"']rounds[\"']\s*=>\s*(?:env\(\s*[\"']bcrypt_rounds[\"']\s*,\s*)?(?P<cost9>\d+)"
    r"|(?:salt_?rounds|bcrypt_?rounds|bcrypt_?cost|bcrypt_log_rounds)\s*[:=]\s*(?P<cost10>\d+)"
)
PBKDF2_CALL = re.compile(
    r"(?:pbkdf2_hmac|pbkdf2sync|pbkdf2|pbkdf2\.key|pbkdf2hmac|rfc2898derivebytes(?:\.pbkdf2)?|"
    r"keyderivation\.pbkdf2|pbekeyspec|hash_pbkdf2)\s*\("
)
ITERATIONS_ARG = re.compile(r"(?:iterations|iterationcount|iter)\s*[:=]\s*(?P<n>\d[\d_]*)")
ITERATIONS_SETTING = re.compile(r"^\s*(?:self\.)?iterations\s*[:=]\s*(?P<n>\d[\d_]*)", re.M)
WEAK_PRIMITIVE = re.compile(
    r"(?<![\w])(?:md5|sha1)\s*\(|createhash\(\s*[\"'](?:md5|sha1)[\"']|"
    r"messagedigest\.getinstance\(\s*\"(?:md5|sha-?1)\"|(?:md5|sha1)\.(?:create|hashdata|sum|new)\(|"
    r"digestutils\.(?:md5|sha1)\w*\("
)
# Django hashes new passwords with the first entry; later ones only verify legacy hashes until rehashed
DJANGO_FIRST_HASHER = re.compile(r"password_hashers\s*=\s*[\[(]\s*[\"'](?P<hasher>[\w.]+)[\"']")
WEAK_DJANGO_HASHER = re.compile(r"(?:^|\.)(?:unsalted)?(?:md5|sha1)passwordhasher$")
PASSWORD = re.compile(r"passw|\bpwd\b")
FERNET_USE = re.compile(r"\b(?:Multi)?Fernet\(")


def check(source: SourceFile) -> Iterator[Finding]:
    if source.is_test:
        return
    if source.has("bcrypt", "rounds"):
        yield from _bcrypt(source)
    if source.has("pbkdf2", "rfc2898", "pbekeyspec"):
        yield from _pbkdf2(source)
    if source.has("md5", "sha1", "sha-1") and source.has("pass", "pwd"):
        yield from _weak(source)
    if source.language == "python" and source.has("password_hashers"):
        first = DJANGO_FIRST_HASHER.search(source.lower)
        if first and WEAK_DJANGO_HASHER.search(first["hasher"]):
            name = source.text[first.start("hasher") : first.end("hasher")].rsplit(".", 1)[-1]
            yield from _emit(source, first.start("hasher"), WEAK, f"new passwords are hashed with {name}")
    if source.language == "python" and source.has("fernet"):
        for match in FERNET_USE.finditer(source.text):
            yield from _emit(source, match.start(), FERNET, "Fernet encrypts with AES-128-CBC")


def _emit(source: SourceFile, offset: int, rule: Rule, message: str) -> Iterator[Finding]:
    line = source.line_of(offset)
    if not source.suppressed(line):
        yield Finding(rule, message, source.rel, line)


def _bcrypt(source: SourceFile) -> Iterator[Finding]:
    for match in BCRYPT.finditer(source.lower):
        raw = next(value for value in match.groups() if value is not None)
        cost = NAMED_COSTS[raw] if raw in NAMED_COSTS else int(raw)
        if cost < BCRYPT_MINIMUM:
            yield from _emit(source, match.start(), BCRYPT_COST, f"bcrypt cost {cost} (at least {BCRYPT_MINIMUM})")


def _iterations(args: list[str]) -> int | None:
    for arg in args:
        named = ITERATIONS_ARG.search(arg)
        if named:
            return int(named["n"].replace("_", ""))
    for arg in args:
        if re.fullmatch(r"\d[\d_]*", arg) and int(arg.replace("_", "")) >= 1000:
            return int(arg.replace("_", ""))
    return None


def _pbkdf2(source: SourceFile) -> Iterator[Finding]:
    seen = set()
    for match in PBKDF2_CALL.finditer(source.lower):
        count = _iterations(split_args(balanced(source.lower, match.end() - 1)))
        if count is not None and count < PBKDF2_MINIMUM:
            seen.add(source.line_of(match.start()))
            yield from _emit(source, match.start(), PBKDF2_ITERATIONS, f"PBKDF2 with {count:,} iterations")
    for match in ITERATIONS_SETTING.finditer(source.lower):
        count = int(match["n"].replace("_", ""))
        if count < PBKDF2_MINIMUM and source.line_of(match.start()) not in seen:
            yield from _emit(source, match.start(), PBKDF2_ITERATIONS, f"PBKDF2 iterations set to {count:,}")


def _weak(source: SourceFile) -> Iterator[Finding]:
    text = source.lower
    for match in WEAK_PRIMITIVE.finditer(text):
        start = text.rfind("\n", 0, max(0, text.rfind("\n", 0, match.start())))
        end = text.find("\n", text.find("\n", match.end()) + 1)
        window = text[start + 1 : end if end != -1 else len(text)]
        if PASSWORD.search(window):
            name = source.text[match.start() : match.end()].rstrip("(").strip()
            yield from _emit(source, match.start(), WEAK, f"{name} hashes a password")
