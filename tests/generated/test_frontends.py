"""Each built web frontend's own checks on rendered projects: types, lint, format and its vitest suite.

node_modules is reused across renders through the harness's cache, keyed by the hash of
package-lock.json (~/.cache/universal-auth/node_modules/): the first run installs, later renders
hard-link the cached tree.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import copier
import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from manifests import load_stacks, stacks_of
from support.cells import ROOT
from support.project import install

# The lowest mode with bearer tokens and the highest with cookies: between them every page file
# and both credential strategies are rendered.
EXTREMES = ((1, "bearer"), (4, "cookie"))
FRONTENDS = [stack.name for stack in stacks_of("frontend") if stack.built]
BUILT = [(frontend, mode, transport) for frontend in FRONTENDS for mode, transport in EXTREMES]

# Pages that exist only from a mode on: a lower mode renders none of their files.
MODE_PAGES = {
    "react": {
        2: [
            "src/universal-auth/pages/MfaSetupPage.tsx",
            "src/universal-auth/pages/MfaChallengePage.tsx",
            "src/universal-auth/pages/VerifyEmailPage.tsx",
        ],
        3: [
            "src/universal-auth/pages/SessionsPage.tsx",
            "src/universal-auth/pages/AdminUsersPage.tsx",
            "src/universal-auth/pages/AuditLogPage.tsx",
        ],
        4: ["src/universal-auth/pages/ConsentPage.tsx"],
    },
    "nextjs": {
        2: [
            "app/(universal-auth)/(user)/mfa/setup/page.tsx",
            "app/(universal-auth)/(guest)/mfa/challenge/page.tsx",
            "app/(universal-auth)/verify-email/page.tsx",
        ],
        3: [
            "app/(universal-auth)/(user)/sessions/page.tsx",
            "app/(universal-auth)/(admin)/manage/users/page.tsx",
            "app/(universal-auth)/(admin)/manage/audit-log/page.tsx",
        ],
        4: ["app/(universal-auth)/(guest)/consent/page.tsx"],
    },
}

# The one source of the files both frontends render alike (extensions/shared_files.py).
SHARED = ROOT / "shared" / "web"


def render(destination: Path, frontend: str, mode: int, transport: str) -> Path:
    answers = {
        "project_name": "shop",
        "backend": "django",
        "frontend": frontend,
        "mobile": "none",
        "mode": mode,
        "transport": transport,
        "database": "sqlite",
        "backend_dir": "backend",
        "frontend_dir": "web",
    }
    copier.run_copy(str(ROOT), destination, data=answers, defaults=True, unsafe=True, vcs_ref="HEAD", quiet=True)
    return destination / "web"


@pytest.fixture(scope="module", params=BUILT, ids=[f"{f}-m{m}-{t}" for f, m, t in BUILT])
def project(request, tmp_path_factory):
    frontend, mode, transport = request.param
    folder = render(tmp_path_factory.mktemp(f"{frontend}-m{mode}-{transport}"), frontend, mode, transport)
    installed = install(load_stacks()[frontend], folder)
    return frontend, mode, folder, installed.env()


def npm(project, *args: str) -> subprocess.CompletedProcess:
    _frontend, _mode, folder, env = project
    return subprocess.run(["npm", "run", *args], cwd=folder, env=env, capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize("script", ["typecheck", "lint", "format:check"])
def test_static_checks_are_clean(project, script):
    result = npm(project, script)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]


def test_the_projects_own_tests_pass(project, tmp_path):
    # The project's `npm test` is plain vitest; the counts come from vitest's own JSON reporter,
    # asked for here, so the project carries nothing for this repository's CI.
    report = tmp_path / "vitest.json"
    result = npm(project, "test", "--", "--reporter=default", "--reporter=json", f"--outputFile.json={report}")
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    counts = json.loads(report.read_text(encoding="utf-8"))
    assert counts["success"] and counts["numFailedTests"] == 0, result.stdout[-6000:]
    assert counts["numPassedTests"] >= 15, counts["numPassedTests"]


def test_only_the_pages_of_the_mode_are_rendered(project):
    frontend, mode, folder, _env = project
    for level, pages in MODE_PAGES[frontend].items():
        for page in pages:
            assert (folder / page).exists() == (mode >= level), f"{page} in a mode {mode} render"


def rendered_name(part: str) -> str:
    """A link's name with its condition taken as true: `{% if has_mfa %}mfa.ts{% endif %}` -> `mfa.ts`."""
    return re.sub(r"\{%[^%]*%\}", "", part)


def test_shared_files_are_rendered_verbatim(project):
    frontend, _mode, folder, _env = project
    subtree = ROOT / "template" / f"{{{{ {frontend}_dir }}}}"
    links = [p for p in subtree.rglob("*") if p.is_symlink() and not p.name.endswith(".jinja")]
    rendered = 0
    for link in links:
        assert link.resolve().is_relative_to(SHARED), f"{link} points outside shared/web"
        target = folder.joinpath(*map(rendered_name, link.relative_to(subtree).parts))
        if target.exists():
            assert not target.is_symlink() and target.read_bytes() == link.resolve().read_bytes(), target
            rendered += 1
    assert rendered >= 10, f"only {rendered} shared files in the render"


def test_no_token_is_written_to_web_storage(project):
    _frontend, _mode, folder, _env = project
    sources = [p for p in folder.rglob("*.ts*") if "node_modules" not in p.parts and ".test." not in p.name]
    for path in sources:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\b(localStorage|sessionStorage)\s*[.[]|document\.cookie\s*=", text), path


# Each wire shape of docs/openapi.yaml and the TypeScript interface the frontends declare for it.
WIRE_TYPES = {
    ("User",): "User",
    ("BearerGrant", "CookieGrant"): "SessionGrant",
    ("MfaChallenge",): "MfaChallenge",
    ("Credentials",): "Credentials",
    ("MfaSetup",): "MfaSetup",
    ("Session",): "SessionInfo",
    ("AuditEntry",): "AuditEntry",
    ("Problem",): "Problem",
}


def interface_members(source: str, name: str) -> set[str]:
    body = re.search(rf"export interface {name}(?:<[^>]*>)? \{{(.*?)\n\}}", source, re.DOTALL)
    assert body, f"no interface {name}"
    return set(re.findall(r"^  (\w+)\??:", body.group(1), re.MULTILINE))


def test_wire_types_match_the_openapi_document():
    schemas = yaml.safe_load((ROOT / "docs" / "openapi.yaml").read_text(encoding="utf-8"))["components"]["schemas"]
    source = (SHARED / "lib" / "api-types.ts").read_text(encoding="utf-8")
    for schema_names, interface in WIRE_TYPES.items():
        expected = set().union(*(schemas[name]["properties"] for name in schema_names))
        assert interface_members(source, interface) == expected, f"{interface} differs from {schema_names}"
