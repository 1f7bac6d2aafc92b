"""The template meets its own bar: a freshly rendered project has no high finding."""

import copier
import pytest

from universal_auth.review import Severity, review_tree

from .conftest import ROOT


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


@pytest.mark.parametrize("mode", [1, 4])
@pytest.mark.parametrize("transport", ["cookie", "bearer"])
def test_django_in_the_lowest_and_highest_mode_has_no_high_finding(tmp_path, mode, transport):
    report = review_tree(render(tmp_path, backend="django", mode=mode, transport=transport))
    assert report.files_scanned > 0
    assert highs(report) == []
