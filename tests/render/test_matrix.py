"""Every valid answer combination renders cleanly; every invalid one is refused with its reason.

The pairwise covering set runs on every CI run; the full product is marked ``matrix``
(`bash dev matrix`).
"""

from __future__ import annotations

import pytest
import yaml

from render.matrix import combination_id, covering_set, refused_examples, valid_product
from render.rendering import file_list, leftovers, render, ruff
from render.snapshot import compare

SNAPSHOTS = __import__("pathlib").Path(__file__).parent / "snapshots"
COVERING = covering_set()
FULL = [a for a in valid_product() if a not in COVERING]


def check_render(tmp_path, answers, update_snapshots=None):
    dst = render(tmp_path / "project", answers)
    assert leftovers(dst) == []
    recorded = yaml.safe_load((dst / ".copier-answers.yml").read_text())
    for key, value in answers.items():
        if not (key == "database" and answers["backend"] == "none"):
            assert recorded[key] == value
    assert not {"has_mfa", "is_hipaa", "tunables"} & set(recorded), "computed values are never stored"
    if answers["backend"] != "none":
        assert (dst / "backend" / ".env").is_file()
        assert ".env" in (dst / ".gitignore").read_text().split()
        assert "AUTH_JWT_SECRET" not in (dst / ".copier-answers.yml").read_text()
    if list(dst.rglob("*.py")):
        check = ruff("check", "--no-cache", ".", cwd=dst)
        assert check.returncode == 0, check.stdout + check.stderr
        fmt = ruff("format", "--check", "--no-cache", ".", cwd=dst)
        assert fmt.returncode == 0, fmt.stdout + fmt.stderr
    if update_snapshots is not None:
        compare(SNAPSHOTS / f"{combination_id(answers)}.txt", file_list(dst), update_snapshots)


def test_there_is_something_to_render():
    assert COVERING, "at least one stack must be built"


@pytest.mark.parametrize("answers", COVERING, ids=combination_id)
def test_covering_set_renders(tmp_path, answers, update_snapshots):
    check_render(tmp_path, answers, update_snapshots)


@pytest.mark.matrix
@pytest.mark.parametrize("answers", FULL, ids=combination_id)
def test_full_product_renders(tmp_path, answers):
    check_render(tmp_path, answers)


def example_id(value):
    return combination_id(value) if isinstance(value, dict) else ""


@pytest.mark.parametrize(("answers", "reason"), refused_examples(), ids=example_id)
def test_invalid_combinations_are_refused(tmp_path, answers, reason):
    with pytest.raises(ValueError, match="Validation error") as refused:
        render(tmp_path / "project", answers)
    assert reason in str(refused.value)
    assert not (tmp_path / "project").exists() or not any((tmp_path / "project").iterdir())


def test_snapshots_have_no_strays():
    expected = {f"{combination_id(a)}.txt" for a in COVERING}
    assert {p.name for p in SNAPSHOTS.glob("*.txt")} <= expected, "delete snapshots of combinations no longer covered"
