"""An npm stack's versions are written once, in its manifest; npm's lock file must resolve the same.

package-lock.json.jinja is npm's own output (regenerate it with `npm install` in a rendered project),
so nothing renders it from the manifest: these checks catch a manifest bumped without the lock, or
a lock regenerated against other versions.
"""

import json
from pathlib import Path

import pytest
from jinja2 import Template

import manifests
from npm_packages import npm_packages, split_npm_spec

TEMPLATE = Path(__file__).resolve().parents[2] / "template"


def lock_of(stack: manifests.Stack) -> Path:
    return TEMPLATE / f"{{{{ {stack.name}_dir }}}}" / "package-lock.json.jinja"


# The stacks whose manifest is the source of their npm versions: a lock file and declared dev dependencies.
NPM_STACKS = [s for s in manifests.load_stacks().values() if s.built and s.dev_dependencies and lock_of(s).is_file()]


def test_express_is_one_of_them():
    assert "express" in {s.name for s in NPM_STACKS}


@pytest.mark.parametrize("stack", NPM_STACKS, ids=lambda s: s.name)
def test_the_lock_resolves_the_manifests_versions(stack):
    lock = json.loads(Template(lock_of(stack).read_text(encoding="utf-8")).render(project_name="shop"))
    root = lock["packages"][""]
    for mode in range(1, 5):
        assert root["dependencies"] == npm_packages(stack.dependencies_for(mode)), f"mode {mode}"
    assert root["devDependencies"] == npm_packages(stack.dev_dependencies)
    for name, version in {**root["dependencies"], **root["devDependencies"]}.items():
        assert lock["packages"][f"node_modules/{name}"]["version"] == version, name


def test_specifiers_are_exact_and_keep_a_scope():
    assert split_npm_spec("express@5.3.0") == ("express", "5.3.0")
    assert split_npm_spec("@types/node@20.19.43") == ("@types/node", "20.19.43")
    assert npm_packages(["vitest@4.1.12", "@eslint/js@9.39.5"]) == {"@eslint/js": "9.39.5", "vitest": "4.1.12"}
    for loose in ("express", "express@5", "express@^5.3.0", "@types/node"):
        with pytest.raises(ValueError, match="not an exact npm specifier"):
            split_npm_spec(loose)
