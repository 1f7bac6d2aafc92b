"""Every stack marked built has each piece docs/adding-a-stack.md asks of it.

The rules are :func:`missing_pieces`, a function of the manifests and a repository tree; the
tests run it over this repository and over small trees in tmp_path, one piece removed at a time,
so each rule is seen to fail.
"""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import pytest
import yaml

import manifests
from manifests import Stack

ROOT = Path(__file__).resolve().parents[2]
SUBTREE = re.compile(r"^\{\{ (\w+)_dir \}\}$")
TEST_FILE = re.compile(r"(test_.+\.py|.+_test\.(py|go)|.+\.(test|spec)\.\w+)$")

# The lint configuration a stack's runtime expects in its subtree: (file names, text one of them must hold).
LINT_CONFIGS = {
    "python": (("ruff.toml", ".ruff.toml", "pyproject.toml"), "ruff"),
    "node": (("eslint.config.js",), ""),
    "go": (("staticcheck.conf",), "checks"),
}


def subtree(root: Path, name: str) -> Path:
    return root / "template" / f"{{{{ {name}_dir }}}}"


class Present(jinja2.Undefined):
    """An answer a name tests, taken as true: every conditional file of a subtree is considered."""

    def __bool__(self) -> bool:
        return True

    def __str__(self) -> str:
        return ""


NAMES = jinja2.Environment(undefined=Present)


def rendered_files(folder: Path) -> dict[str, Path]:
    """The subtree's files under the names they render to, whatever the answers: a new project's and an existing
    application's names (``new_host``, ``new_frontend``), every other condition true, ``.jinja`` dropped
    (`{% if not new_host %}SETUP.md{% endif %}.jinja` is SETUP.md)."""
    files = {}
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        for new in (True, False):
            names = path.relative_to(folder).parts
            parts = [NAMES.from_string(part).render(new_host=new, new_frontend=new) for part in names]
            if all(parts):
                parts[-1] = parts[-1].removesuffix(".jinja")
                files["/".join(parts)] = path
    return files


def is_test_file(path: str) -> bool:
    *folders, name = path.split("/")
    return bool({"test", "tests"} & set(folders)) or bool(TEST_FILE.match(name))


def missing_pieces(name: str, stacks: dict[str, Stack], root: Path) -> list[str]:
    """What the built stack ``name`` lacks, one line each; empty when it is complete."""
    stack = stacks[name]
    folder = subtree(root, name)
    if not folder.is_dir():
        return [f"its subtree {folder.relative_to(root)}/"]
    files = rendered_files(folder)
    missing = []

    def needs_file(path: str | None, what: str) -> None:
        if path is None:
            missing.append(f"{what} in stacks/{name}.yml")
        elif path not in files:
            missing.append(f"{what}: {path} in its subtree")

    needs_file("README.md", "its own README")
    if not any(is_test_file(path) for path in files):
        missing.append("its own tests (a tests/ folder or *.test.* / test_*.py files)")
    if stack.runtime is None:
        missing.append(f"runtime in stacks/{name}.yml")
    elif stack.runtime not in LINT_CONFIGS:
        missing.append(f"a lint rule for the runtime {stack.runtime} in LINT_CONFIGS of {Path(__file__).name}")
    else:
        names, marker = LINT_CONFIGS[stack.runtime]
        if not any(n in files and marker in files[n].read_text(encoding="utf-8") for n in names):
            missing.append(f"a lint config ({' or '.join(names)}{f' with {marker} settings' if marker else ''})")
    if not stack.install_cache:
        missing.append(f"install_cache in stacks/{name}.yml")
    for path in stack.install_cache:
        needs_file(path, "an install cache key file")
    for path in stack.rewritten_on_update:
        needs_file(path, "a file rewritten on update")
    if stack.commands is None:
        missing.append(f"commands in stacks/{name}.yml")
    elif stack.kind == "frontend" and not (stack.commands.build and stack.commands.preview):
        missing.append(f"commands.build and commands.preview (the browser journeys) in stacks/{name}.yml")
    if stack.adds_to_existing_app:
        # The guide is how an existing application wires the feature in; a backend rendered as a service of
        # its own is wired through its README's environment and proxy lines.
        needs_file(stack.wiring_guide, "a wiring guide")
    for path in stack.owned:
        if path not in files and not any(file.startswith(f"{path}/") for file in files):
            missing.append(f"an owned path: {path} in its subtree")
    if stack.integration_path is not None and not (root / stack.integration).is_file():
        missing.append(f"its integration module {stack.integration}")
    if stack.kind == "backend":
        partners = [stacks.get(partner) for partner in stack.e2e_partners]
        if not partners or any(p is None or p.kind != "frontend" or not p.built for p in partners):
            named = f"{stack.e2e_partner}"
            missing.append(f"an e2e_partner naming a built frontend (or a list) in stacks/{name}.yml ({named})")
        if stack.bench_peer is None or not (root / "bench" / "peers" / stack.bench_peer).is_dir():
            missing.append(f"a bench_peer naming a folder of bench/peers/ in stacks/{name}.yml ({stack.bench_peer})")
        if not stack.user_edits:
            missing.append(f"user_edits (files users own, edited by the upgrade test) in stacks/{name}.yml")
        for path in stack.user_edits:
            needs_file(path, "a file of user_edits")
    return missing


def unpaired_frontends(stacks: dict[str, Stack]) -> list[str]:
    """Built frontends no built backend names as its e2e_partner: the default journeys would skip them."""
    partners = {partner for s in stacks.values() if s.kind == "backend" and s.built for partner in s.e2e_partners}
    return sorted(s.name for s in stacks.values() if s.kind == "frontend" and s.built and s.name not in partners)


def orphan_subtrees(stacks: dict[str, Stack], root: Path) -> list[str]:
    """Subtrees under template/ with no manifest of that name."""
    found = [m.group(1) for p in (root / "template").iterdir() if p.is_dir() and (m := SUBTREE.match(p.name))]
    return sorted(name for name in found if name not in stacks)


BUILT = sorted(name for name, stack in manifests.load_stacks().items() if stack.built)


@pytest.mark.parametrize("name", BUILT)
def test_built_stack_is_complete(name):
    assert missing_pieces(name, manifests.load_stacks(), ROOT) == []


def test_every_built_frontend_is_in_a_default_journey():
    assert unpaired_frontends(manifests.load_stacks()) == []


def test_every_subtree_has_a_manifest():
    assert orphan_subtrees(manifests.load_stacks(), ROOT) == []


# A small repository tree holding one complete backend and one complete frontend.
BACKEND = {
    "name": "demo",
    "label": "Demo",
    "kind": "backend",
    "language": "python",
    "tier": "generated-only",
    "summary": "x",
    "port": 1,
    "databases": ["sqlite"],
    "detect": [{"kind": "file", "path": "x"}],
    "dependencies": {1: ["a"]},
    "commands": {"install": "true", "serve": "true", "test": "true"},
    "runtime": "python",
    "install_cache": ["requirements.txt"],
    "adds_to_existing_app": True,
    "owned": ["auth"],
    "wiring_guide": "SETUP.md",
    "rewritten_on_update": ["auth/settings.py"],
    "user_edits": {"app.py": "\n# ours\n"},
    "e2e_partner": "web",
    "bench_peer": "peer",
}
FRONTEND = {
    **{key: BACKEND[key] for key in ("label", "language", "tier", "summary", "detect", "dependencies")},
    "name": "web",
    "kind": "frontend",
    "commands": {"install": "true", "serve": "true", "test": "true", "build": "true", "preview": "true"},
    "runtime": "node",
    "install_cache": ["package-lock.json"],
}
TREE = {
    "template/{{ demo_dir }}/{% if new_host %}README.md{% endif %}.jinja": "# demo\n",
    "template/{{ demo_dir }}/{% if new_host %}pyproject.toml{% endif %}": "[tool.ruff]\nline-length = 100\n",
    "template/{{ demo_dir }}/{% if new_host %}requirements.txt{% endif %}.jinja": "a\n",
    "template/{{ demo_dir }}/{% if not new_host %}SETUP.md{% endif %}.jinja": "wire it\n",
    "template/{{ demo_dir }}/auth/settings.py.jinja": "MODE = {{ mode }}\n",
    "template/{{ demo_dir }}/auth/views.py": "def login(): ...\n",
    "template/{{ demo_dir }}/app.py": "app = 1\n",
    "template/{{ demo_dir }}/{% if new_host %}tests{% endif %}/test_app.py": "def test_app(): ...\n",
    "template/{{ web_dir }}/README.md.jinja": "# web\n",
    "template/{{ web_dir }}/eslint.config.js": "export default [];\n",
    "template/{{ web_dir }}/package-lock.json.jinja": "{}\n",
    "template/{{ web_dir }}/src/{% if has_mfa %}Mfa.test.tsx{% endif %}": "test('x', () => {});\n",
    "bench/peers/peer/README.md": "a peer\n",
}


def fake_repository(root: Path, backend: dict | None = None, frontend: dict | None = None, remove: str = "") -> dict:
    for path, text in TREE.items():
        if path != remove:
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text(text)
    (root / "stacks").mkdir()
    for manifest in (backend or BACKEND, frontend or FRONTEND):
        (root / "stacks" / f"{manifest['name']}.yml").write_text(yaml.safe_dump(manifest))
    return manifests.load_stacks.__wrapped__(root / "stacks")


def test_the_fake_repository_is_complete(tmp_path):
    stacks = fake_repository(tmp_path)
    assert [missing_pieces(name, stacks, tmp_path) for name in stacks] == [[], []]
    assert unpaired_frontends(stacks) == [] and orphan_subtrees(stacks, tmp_path) == []


@pytest.mark.parametrize(
    ("remove", "expected"),
    [
        ("template/{{ demo_dir }}/{% if new_host %}README.md{% endif %}.jinja", "its own README"),
        ("template/{{ demo_dir }}/{% if new_host %}tests{% endif %}/test_app.py", "its own tests"),
        ("template/{{ demo_dir }}/{% if new_host %}pyproject.toml{% endif %}", "a lint config (ruff.toml"),
        ("template/{{ demo_dir }}/{% if not new_host %}SETUP.md{% endif %}.jinja", "a wiring guide: SETUP.md"),
        ("template/{{ demo_dir }}/{% if new_host %}requirements.txt{% endif %}.jinja", "install cache key file"),
        ("template/{{ demo_dir }}/auth/settings.py.jinja", "a file rewritten on update: auth/settings.py"),
        ("template/{{ demo_dir }}/app.py", "a file of user_edits: app.py"),
        ("bench/peers/peer/README.md", "a bench_peer naming a folder of bench/peers/"),
    ],
)
def test_a_missing_file_is_named(tmp_path, remove, expected):
    stacks = fake_repository(tmp_path, remove=remove)
    problems = missing_pieces("demo", stacks, tmp_path)
    assert len(problems) == 1 and expected in problems[0], problems


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"wiring_guide": None}, "a wiring guide in stacks/demo.yml"),
        ({"e2e_partner": None}, "an e2e_partner naming a built frontend"),
        ({"e2e_partner": "demo"}, "an e2e_partner naming a built frontend"),
        ({"e2e_partner": ["web", "demo"]}, "an e2e_partner naming a built frontend"),
        ({"bench_peer": "nobody"}, "a bench_peer naming a folder of bench/peers/"),
        ({"runtime": None}, "runtime in stacks/demo.yml"),
        ({"runtime": "beam"}, "a lint rule for the runtime beam"),
        ({"install_cache": []}, "install_cache in stacks/demo.yml"),
        ({"user_edits": {}}, "user_edits"),
        ({"owned": ["auth", "nowhere"]}, "an owned path: nowhere in its subtree"),
        ({"integration": "hooks/integrations/nowhere.py"}, "its integration module hooks/integrations/nowhere.py"),
    ],
)
def test_a_missing_manifest_fact_is_named(tmp_path, change, expected):
    stacks = fake_repository(tmp_path, backend=BACKEND | change)
    problems = missing_pieces("demo", stacks, tmp_path)
    assert len(problems) == 1 and expected in problems[0], problems


def test_a_frontend_without_production_commands_is_incomplete(tmp_path):
    commands = {"install": "true", "serve": "true", "test": "true"}
    stacks = fake_repository(tmp_path, frontend=FRONTEND | {"commands": commands})
    assert missing_pieces("web", stacks, tmp_path) == [
        "commands.build and commands.preview (the browser journeys) in stacks/web.yml"
    ]


def test_a_frontend_no_backend_pairs_with_is_named(tmp_path):
    stacks = fake_repository(tmp_path, backend=BACKEND | {"tier": "planned"})
    assert unpaired_frontends(stacks) == ["web"]


def test_a_frontend_in_a_list_of_partners_is_paired(tmp_path):
    stacks = fake_repository(tmp_path, backend=BACKEND | {"e2e_partner": ["web"]})
    assert missing_pieces("demo", stacks, tmp_path) == []
    assert unpaired_frontends(stacks) == []


def test_a_subtree_without_a_manifest_is_named(tmp_path):
    stacks = fake_repository(tmp_path)
    (subtree(tmp_path, "ghost") / "README.md").parent.mkdir(parents=True)
    assert orphan_subtrees(stacks, tmp_path) == ["ghost"]


def test_a_missing_subtree_is_named(tmp_path):
    stacks = fake_repository(tmp_path, backend=BACKEND | {"name": "other"})
    assert missing_pieces("other", stacks, tmp_path) == ["its subtree template/{{ other_dir }}/"]
