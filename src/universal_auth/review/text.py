"""Small text helpers the checks share: secret-looking names, placeholders, entropy."""

from __future__ import annotations

import math
import re
from collections import Counter

SECRET_NAME = re.compile(
    r"(secret|passw(or)?d|passwd|pwd|api_?key|private_?key|signing_?key|access_?key|auth_?key|app_?key|"
    r"master_?key|encryption_?key|jwt_?key|token|pepper|credential|^key$)",
    re.IGNORECASE,
)
NOT_SECRET_NAME = re.compile(
    r"(ttl|lifetime|seconds|minutes|hours|days|expir|timeout|_?url$|_?uri$|file$|path$|_?id$|_?ids$|name$|header|"
    r"cookie|length|min_?len|max_?len|public|algorithm|issuer|audience|type$|field|param|label|placeholder|prompt|"
    r"storage_?key|_?endpoint|prefix|pattern|regex|policy|count|limit|rounds|cost|iterations|enabled|required|"
    r"reset_?link|route|event|message|error|hint|previous_secrets|_?env$|_?var$|validator)",
    re.IGNORECASE,
)
PLACEHOLDER = re.compile(
    r"^(\$|%|\{|<|\[|\*|#|process\.env|env\(|os\.environ|getenv|https?://(?![^/\s]*:[^/\s]*@)|/|\.\.?/)|"
    r"(x{3,}|\*{3,}|\.{3}|change.?me|changeit|replace|your[_-]|example|placeholder|dummy|fake|sample|redacted|"
    r"generate|insert|put[_-]|set[_-]?me|fill|todo|tbd|secret_here|not[_-]?set|none|null|undefined)",
    re.IGNORECASE,
)
INTERPOLATION = re.compile(r"\$\{|\{\{|#\{|%\(|%s|\{\w*\}")
IDENTIFIER = re.compile(r"^[a-z][a-z0-9]*(?:[_.:/-][a-z0-9]+)*$|^[A-Z][A-Z0-9]*(?:[_.:-][A-Z0-9]+)*$")


def secret_name(name: str) -> bool:
    name = name.strip("\"'$@")
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name.rsplit(".", 1)[-1])
    return bool(SECRET_NAME.search(name)) and not NOT_SECRET_NAME.search(name)


def placeholder(value: str) -> bool:
    return not value.strip() or bool(PLACEHOLDER.search(value.strip()))


def secret_like(value: str) -> bool:
    """A literal that reads like a credential, not a word, identifier, sentence or placeholder."""
    value = value.strip()
    if len(value) < 8 or any(ch.isspace() for ch in value) or placeholder(value) or INTERPOLATION.search(value):
        return False
    if len(value) >= 16 and entropy(value) >= 3.5:
        return True  # random enough to be a key, even in one letter case (hex)
    if IDENTIFIER.match(value):
        return False
    classes = sum(
        (
            any(c.islower() for c in value),
            any(c.isupper() for c in value),
            any(c.isdigit() for c in value),
            any(not c.isalnum() for c in value),
        )
    )
    return classes >= 2


def entropy(value: str) -> float:
    """Shannon entropy in bits per character."""
    counts = Counter(value)
    total = len(value)
    return -sum(n / total * math.log2(n / total) for n in counts.values())


def key_bits(value: str) -> int:
    """Bits a key string carries: 4 a character for hex, 6 for base64, less for repetitive text."""
    value = value.strip().strip("\"'")
    if value.startswith("base64:"):
        value = value[7:]
    value = value.rstrip("=")
    if not value:
        return 0
    per_char = 4.0 if re.fullmatch(r"[0-9a-fA-F]+", value) else 6.0
    return int(len(value) * min(per_char, entropy(value) + 2.0))
