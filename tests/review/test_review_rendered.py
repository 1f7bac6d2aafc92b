"""The template meets its own bar: a freshly rendered project has no high finding, for every stack that is
built, in every mode."""

import sys

import copier
import pytest

from universal_auth.review import Severity, review_tree

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "extensions"))

import manifests

BUILT = [stack for stack in manifests.load_stacks().values() if stack.tier != "planned"]
# each mode once, alternating the transport, so both transports' code is reviewed
MODES = [(1, "bearer"), (2, "cookie"), (3, "bearer"), (4, "cookie")]


def render(tmp_path, **data):
    destination = tmp_path / "project"
    copier.run_copy(str(ROOT), destination, data=data, defaults=True, unsafe=True, vcs_ref="HEAD", quiet=True)
    return destination


def highs(report):
    return [finding.as_dict() for finding in report.findings if finding.level is Severity.HIGH]


def test_the_default_django_project_has_no_high_finding(tmp_path):
    destination = render(tmp_path, backend="django")
    report = review_tree(destination)
    assert report.files_scanned > 0
    assert (destination / "backend" / ".env").is_file()  # the hook's fresh secrets are part of what is reviewed
    assert highs(report) == []


CELLS = [
    pytest.param({stack.kind: stack.name, "mode": mode, "transport": transport}, id=f"{stack.name}-mode{mode}")
    for stack in BUILT
    if stack.kind == "backend"
    for mode, transport in MODES
] + [
    pytest.param(
        # a web frontend with cookies; a mobile app alone takes bearer tokens
        {
            "backend": "django",
            stack.kind: stack.name,
            "mode": mode,
            "transport": "cookie" if stack.kind == "frontend" else "bearer",
        },
        id=f"{stack.name}-mode{mode}",
    )
    for stack in BUILT
    if stack.kind != "backend"
    for mode in (1, 4)
]


@pytest.mark.parametrize("data", CELLS)
def test_every_built_stack_in_every_mode_has_no_high_finding(tmp_path, data):
    report = review_tree(render(tmp_path, **data))
    assert report.files_scanned > 0
    assert highs(report) == []
