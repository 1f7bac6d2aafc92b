"""Package names in the manifests' and the peers' dependency specifiers, whose installed versions the
runtime's versions script reports (bench/lib/scripts/versions_<runtime>.*)."""

from __future__ import annotations

import re

REQUIREMENT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def package_name(specifier: str) -> str:
    """``Django==5.2.19`` -> ``Django``, ``psycopg[binary]==3`` -> ``psycopg``, ``express@5`` -> ``express``,
    ``@types/node@22`` -> ``@types/node``: the name in a pip requirement or an npm ``name@range``."""
    if specifier.startswith("@"):
        scope, _, rest = specifier[1:].partition("/")
        return f"@{scope}/{rest.partition('@')[0]}"
    if "@" in specifier:
        return specifier.partition("@")[0]
    return REQUIREMENT_NAME.match(specifier).group(0)
