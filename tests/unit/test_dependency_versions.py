"""Versions written once, in the manifests: package.json renders them and npm's lock resolves them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import manifests
from dependency_versions import npm_dependencies, parse

ROOT = Path(__file__).resolve().parents[2]


def subtree(stack: str) -> Path:
    return ROOT / "template" / f"{{{{ {stack}_dir }}}}"


# The stacks whose package.json renders the manifest's versions.
RENDERED = [
    name
    for name in manifests.load_stacks()
    if (subtree(name) / "package.json.jinja").is_file()
    and "npm_dependencies(" in (subtree(name) / "package.json.jinja").read_text(encoding="utf-8")
]


def test_the_web_frontends_render_their_versions():
    assert {"react", "nextjs"} <= set(RENDERED)


@pytest.mark.parametrize("stack", RENDERED)
def test_the_lock_resolves_the_manifests_versions(stack):
    # npm's machine output; its only Jinja is the project name inside strings, so it parses as it is.
    lock = json.loads((subtree(stack) / "package-lock.json.jinja").read_text(encoding="utf-8"))
    packages = lock["packages"]
    wanted = {"dependencies": npm_dependencies(stack, 4), "devDependencies": npm_dependencies(stack, 4, dev=True)}
    for field, versions in wanted.items():
        assert packages[""].get(field, {}) == versions, f"{stack}: the lock's {field} differ from stacks/{stack}.yml"
        for name, version in versions.items():
            resolved = packages.get(f"node_modules/{name}", {}).get("version")
            assert resolved == version, f"{stack}: the lock resolves {name} to {resolved}, the manifest says {version}"


def test_a_specifier_is_a_package_at_an_exact_version():
    assert parse("react@19.3.1") == ("react", "19.3.1")
    assert parse("@types/node@20.19.43") == ("@types/node", "20.19.43")
    for loose in ("react", "react@^19.3.1", "express@5", "react@latest"):
        with pytest.raises(ValueError, match="exact version"):
            parse(loose)


def test_versions_come_in_npms_order_and_modes_add_up():
    assert list(npm_dependencies("nextjs", 1)) == sorted(npm_dependencies("nextjs", 1))
    assert npm_dependencies("react", 1).items() <= npm_dependencies("react", 4).items()
