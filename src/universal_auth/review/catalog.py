"""Every rule, in the order the documentation lists them."""

from __future__ import annotations

from . import cookies, csrf, env_files, hashing, headers, live, packages, secrets, token_storage
from .finding import Rule

FAMILIES = (secrets, env_files, cookies, csrf, hashing, packages, token_storage, headers, live)
RULES: tuple[Rule, ...] = tuple(rule for family in FAMILIES for rule in family.RULES)
