"""npm specifiers of a manifest (``express@5.3.0``, ``@types/node@20.19.43``) as package.json entries.

A manifest's ``dependencies`` and ``dev_dependencies`` are the only place an npm stack's versions are
written; its package.json renders them through :func:`npm_packages`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

EXACT_VERSION = re.compile(r"\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?")


def split_npm_spec(spec: str) -> tuple[str, str]:
    """``name@version``; the leading ``@`` of a scoped name belongs to the name."""
    name, at, version = spec.rpartition("@")
    if not name or not at or not EXACT_VERSION.fullmatch(version):
        raise ValueError(f"{spec!r} is not an exact npm specifier such as express@5.3.0")
    return name, version


def npm_packages(specs: Iterable[str]) -> dict[str, str]:
    """Name -> exact version, sorted by name as npm writes package.json."""
    return dict(sorted(split_npm_spec(spec) for spec in specs))
