"""Hard-coded secrets and secret environment variables read with a fallback value."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .finding import Finding, Rule, Severity
from .text import entropy, placeholder, secret_like, secret_name
from .tree import SourceFile, is_env_example, is_env_file

FAMILY = "secrets"
NAMED = Rule(
    "UA-SECRET-NAMED",
    "Hard-coded secret",
    Severity.HIGH,
    "Read the value from the environment (no fallback), rotate the exposed secret, and keep it out of git.",
    FAMILY,
)
PATTERN = Rule(
    "UA-SECRET-PATTERN",
    "Credential in a known format",
    Severity.HIGH,
    "Revoke the credential at its provider, read a new one from the environment or a secret manager.",
    FAMILY,
)
ENTROPY = Rule(
    "UA-SECRET-ENTROPY",
    "High-entropy literal that may be a secret",
    Severity.MEDIUM,
    "If this is a key or token, move it to the environment and rotate it; otherwise add "
    "`universal-auth: ignore` on the line.",
    FAMILY,
)
FALLBACK = Rule(
    "UA-SECRET-FALLBACK",
    "Secret read from the environment with a fallback value",
    Severity.HIGH,
    "Drop the default: fail at start with a clear message when the variable is missing or too short.",
    FAMILY,
)
RULES = (NAMED, PATTERN, ENTROPY, FALLBACK)
READER = re.compile(
    r"(?:environ\.(?:get|setdefault)|get_?env\w*|(?<![\w.])env(?:_?or\w*|_?default\w*)?|env\.(?:str|bool|int)|"
    r"(?<![\w.])config)$"
)
ALPHABET_RUNS = ("abcdefgh", "ABCDEFGH", "01234567", "stuvwxyz", "STUVWXYZ")
WEAK_EXAMPLES = ("password", "pass", "postgres", "secret", "root", "app", "user")

# each pattern leads with a literal, which the regex engine finds fast
KNOWN_FORMATS = (
    ("AWS access key id", r"A[KS]IA[0-9A-Z]{16}\b"),
    ("GitHub token", r"gh[pousr]_[A-Za-z0-9]{36,}"),
    ("GitHub token", r"github_pat_[A-Za-z0-9_]{60,}"),
    ("Slack token", r"xox[abposr]-[A-Za-z0-9-]{10,}"),
    ("Stripe live key", r"_live_[A-Za-z0-9]{20,}"),
    ("Google API key", r"AIza[0-9A-Za-z_-]{35}\b"),
    ("SendGrid key", r"SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b"),
    ("OpenAI or Anthropic key", r"sk-(?:proj|svcacct|admin|ant-api\d\d)-[A-Za-z0-9_-]{30,}"),
    ("private key", r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY"),
    ("Django insecure secret key", r"django-insecure-[^\"'\s]{20,}"),
    ("JSON Web Token", r"eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}"),
)
KNOWN = tuple((label, re.compile(pattern)) for label, pattern in KNOWN_FORMATS)
DB_URL = re.compile(r"://[^:\s/\"'@]{1,64}:(?P<password>[^@\s\"'/]{3,})@")
DB_SCHEME = re.compile(r"(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver)$")

# a quoted literal after an assignment or key; the name before it is read backwards from the line
VALUE = re.compile(
    r"(?::=|=>|\?\?=|[=:])[ \t]*(?:new\s+\w+\(|\[\]byte\()?(?P<q>[\"'`])(?P<value>[^\"'`\s]{8,200})(?P=q)"
)
NAME_BEFORE = re.compile(r"(?P<name>[A-Za-z_$@][\w.$-]*)[\"'\]]?\s*(?::\s*[\w<>\[\]|.?]+\s*)?(?::|\?\?|=)?$")
SIGNING_CALL = re.compile(
    r"(?:jwt\.(?:encode|decode|sign|verify)\([^,()\n]+,\s*|SignedString\(\s*\[\]byte\(\s*|"
    r"SymmetricSecurityKey\(\s*Encoding\.\w+\.GetBytes\(\s*|Keys\.hmacShaKeyFor\(\s*)"
    r"(?P<q>[\"'`])(?P<value>[^\"'`\n]{8,200})(?P=q)"
)
SIGNING_HINTS = ("jwt.", "signedstring", "symmetricsecuritykey", "hmacshakeyfor")
ENV_LINE = re.compile(r"^[ \t]*(?:export[ \t]+)?(?P<name>[A-Za-z_][A-Za-z0-9_.]*)[ \t]*=[ \t]*(?P<value>[^\n#]*)", re.M)
LITERAL = re.compile(r"[\"'`](?P<value>[A-Za-z0-9+/=_-]{32,})[\"'`]")
NOT_A_SECRET_CONTEXT = re.compile(r"(?i)integrity|sha\d{3}|checksum|digest|hash|commit|nonce|uuid|fingerprint|etag")

FALLBACKS = (
    # os.environ.get("X", "y"), os.getenv, env("X", "y"), env.str, config("X", default="y"), Go and PHP helpers:
    # the pattern leads with the call's parenthesis; the function's name is checked by READER after
    (
        None,
        ("env", "config"),
        re.compile(
            r"\(\s*(?P<nq>[\"'])(?P<name>[A-Za-z_][\w.:-]*)(?P=nq)\s*,\s*"
            r"(?:default\s*=\s*)?(?P<q>[\"'`])(?P<value>[^\"'`\n]+)(?P=q)"
        ),
    ),
    # process.env.X || "y", process.env["X"] ?? 'y', import.meta.env.X, Deno.env.get("X")
    (
        ("js",),
        ("process.env", "import.meta.env", "deno.env"),
        re.compile(
            r"(?:process\.env|import\.meta\.env|Deno\.env)(?:\.(?P<name>\w+)|\[\s*[\"'](?P<name2>\w+)[\"']\s*\]|"
            r"\.get\(\s*[\"'](?P<name3>\w+)[\"']\s*\))\s*(?:\|\||\?\?)\s*(?P<q>[\"'`])(?P<value>[^\"'`\n]+)(?P=q)"
        ),
    ),
    # C#: Environment.GetEnvironmentVariable(name) ?? literal; Kotlin: System.getenv(name) ?: literal
    (
        ("csharp", "jvm"),
        ("getenvironmentvariable", "getenv("),
        re.compile(
            r"(?:GetEnvironmentVariable|getenv)\(\s*\"(?P<name>[^\"]+)\"\s*\)\s*(?:\?\?|\?:|\|\|)\s*"
            r"(?P<q>\")(?P<value>[^\"\n]+)(?P=q)"
        ),
    ),
    # C#: an indexer such as configuration[name] followed by ?? and a literal
    (
        ("csharp", "jvm", "js"),
        ("??", "?:"),
        re.compile(r"\[\s*\"(?P<name>[^\"]+)\"\s*\]\s*(?:\?\?|\?:)\s*(?P<q>\")(?P<value>[^\"\n]+)(?P=q)"),
    ),
    # Go: cmp.Or over os.Getenv and a literal
    (
        ("go",),
        ("cmp.or(",),
        re.compile(r"cmp\.Or\(\s*os\.Getenv\(\s*\"(?P<name>\w+)\"\s*\)\s*,\s*(?P<q>\")(?P<value>[^\"\n]+)(?P=q)"),
    ),
    # Java: Optional.ofNullable(System.getenv(name)).orElse(literal), System.getenv().getOrDefault(name, literal)
    (
        ("jvm",),
        ("getenv",),
        re.compile(
            r"getenv\((?:\s*\"(?P<name>\w+)\"\s*\)\s*\)?\s*\.orElse\(|\)\s*\.getOrDefault\(\s*\"(?P<name2>\w+)\"\s*,)"
            r"\s*(?P<q>\")(?P<value>[^\"\n]+)(?P=q)"
        ),
    ),
    # Python: os.environ.get(name) or literal
    (
        ("python",),
        ("environ.get(", "getenv("),
        re.compile(
            r"(?:environ\.get|getenv)\(\s*[\"'](?P<name>\w+)[\"']\s*\)\s*or\s*(?P<q>[\"'])(?P<value>[^\"'\n]+)(?P=q)"
        ),
    ),
    # Go: v := os.Getenv(name) followed by if v == "" { v = literal }
    (
        ("go",),
        ("os.getenv(",),
        re.compile(
            r"(?P<var>\w+)\s*:?=\s*os\.Getenv\(\s*\"(?P<name>\w+)\"\s*\)\s*\n\s*if\s+(?P=var)\s*==\s*\"\"\s*\{\s*"
            r"(?P=var)\s*=\s*(?P<q>\")(?P<value>[^\"\n]+)(?P=q)"
        ),
    ),
    # Spring: a @Value placeholder whose default follows the colon
    (("jvm", "config"), ("${",), re.compile(r"\$\{(?P<name>[\w.-]+):(?P<value>[^}\s]+)\}(?P<q>)")),
)


def check(source: SourceFile) -> Iterator[Finding]:
    name = source.name
    if source.is_test or (is_env_file(name) and not is_env_example(name)):
        return  # test fixtures hold fake secrets; .env holds real ones and is checked by env_files
    flagged: set[int] = set()
    yield from _known(source, flagged)
    if is_env_example(name):
        yield from _example(source, flagged)
        return
    yield from _named(source, flagged)
    yield from _fallbacks(source, flagged)
    if source.suffix != ".json":  # JSON data is full of checksums and identifiers
        yield from _high_entropy(source, flagged)


def _emit(source: SourceFile, rule: Rule, offset: int, message: str, flagged: set[int]) -> Iterator[Finding]:
    line = source.line_of(offset)
    if line in flagged or source.suppressed(line):
        return
    flagged.add(line)
    yield Finding(rule, message, source.rel, line)


def _known(source: SourceFile, flagged: set[int]) -> Iterator[Finding]:
    for label, pattern in KNOWN:
        for match in pattern.finditer(source.text):
            sample = source.lower[match.end() : match.end() + 48]
            if not any(filler in sample for filler in ("xxx", "...", "<", "your", "example")):
                yield from _emit(source, PATTERN, match.start(), f"{label} in the source", flagged)
    for match in DB_URL.finditer(source.text):
        scheme = source.lower[max(0, match.start() - 16) : match.start()]
        password = match["password"]
        if DB_SCHEME.search(scheme) and not placeholder(password) and password.lower() not in WEAK_EXAMPLES:
            yield from _emit(source, PATTERN, match.start(), "database URL with a password", flagged)


def _example(source: SourceFile, flagged: set[int]) -> Iterator[Finding]:
    for match in ENV_LINE.finditer(source.text):
        value = match["value"].strip().strip("\"'")
        if secret_name(match["name"]) and secret_like(value) and len(value) >= 16 and entropy(value) >= 3.5:
            message = f"{match['name']} in {source.name} holds a real-looking value instead of a placeholder"
            yield from _emit(source, NAMED, match.start(), message, flagged)


def _named(source: SourceFile, flagged: set[int]) -> Iterator[Finding]:
    text = source.text
    for match in VALUE.finditer(text):
        if not secret_like(match["value"]):
            continue
        line_start = text.rfind("\n", 0, match.start()) + 1
        before = NAME_BEFORE.search(text, max(line_start, match.start() - 120), match.start() + 1)
        if before is None or not secret_name(before["name"]) or _composed(text, match.end()):
            continue
        bare_key = before["name"].rsplit(".", 1)[-1].lower() == "key"
        value = match["value"]
        if bare_key and (len(value) < 16 or entropy(value) < 3.5 or not any(c.isdigit() for c in value)):
            continue  # "key" alone names dictionary keys and prefixes far more often than secrets
        yield from _emit(source, NAMED, match.start(), f"{before['name']} is set to a literal", flagged)
    if source.has(*SIGNING_HINTS):
        for match in SIGNING_CALL.finditer(text):
            if not placeholder(match["value"]):
                yield from _emit(source, NAMED, match.start(), "token signing key passed as a literal", flagged)


def _composed(text: str, end: int) -> bool:
    """Whether the literal ending at ``end`` is only the start of a longer expression (``"a" + b``)."""
    rest = text[end : end + 8].lstrip(" \t")
    return rest[:1] in ("+", ".", "%", "[")


def _fallbacks(source: SourceFile, flagged: set[int]) -> Iterator[Finding]:
    if not source.has("env", "config", "${", "??", "?:"):
        return
    for languages, hints, pattern in FALLBACKS:
        if (languages is not None and source.language not in languages) or not source.has(*hints):
            continue
        for match in pattern.finditer(source.text):
            if match.group(0)[0] == "(" and not READER.search(source.lower, max(0, match.start() - 40), match.start()):
                continue
            groups = match.groupdict()
            variable = groups.get("name") or groups.get("name2") or groups.get("name3") or ""
            value = match["value"].strip()
            if secret_name(variable.replace(":", "_").replace(".", "_")) and value:
                message = f"{variable} falls back to a literal when the environment lacks it"
                yield from _emit(source, FALLBACK, match.start(), message, flagged)


def _high_entropy(source: SourceFile, flagged: set[int]) -> Iterator[Finding]:
    for match in LITERAL.finditer(source.text):
        value = match["value"]
        hexadecimal = re.fullmatch(r"[0-9a-fA-F]+", value) is not None
        if hexadecimal and (len(value) < 40 or entropy(value) < 3.3):
            continue
        if not hexadecimal and (entropy(value) < 4.3 or not re.search(r"\d", value) or value.count("/") > 2):
            continue
        if any(run in value for run in ALPHABET_RUNS):
            continue  # an alphabet, such as base32's
        line = source.line_of(match.start())
        if NOT_A_SECRET_CONTEXT.search(source.line_text(line)):
            continue
        yield from _emit(source, ENTROPY, match.start(), f"{len(value)}-character random-looking literal", flagged)
