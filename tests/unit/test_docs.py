"""The generated documentation tables match the template; `bash dev docs` rewrites them."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import generate_docs
import pytest
import yaml

import manifests

# One worker takes the module under xdist: its tests share the renders of each backend's modes.
pytestmark = pytest.mark.xdist_group("generated-docs")


def test_generated_docs_are_current():
    for path, content in generate_docs.generated().items():
        assert path.read_text(encoding="utf-8") == content, f"{path.name} is stale: run `bash dev docs`"


def test_support_matrix_has_a_row_per_stack():
    table = generate_docs.support_matrix()
    for stack in manifests.load_stacks().values():
        assert f"| `{stack.name}` |" in table


def test_ownership_table_has_a_row_per_built_stack_with_its_rewritten_files():
    table = generate_docs.file_ownership()
    for stack in manifests.load_stacks().values():
        row = next((line for line in table.splitlines() if line.startswith(f"| `{stack.name}` |")), None)
        assert (row is not None) == stack.built, stack.name
        for path in (*stack.rewritten_on_update, *stack.user_edits) if stack.built else ():
            assert f"`{path}`" in row


def test_the_modes_an_upgrade_step_compares_share_one_project_name():
    backend = next(s.name for s in manifests.stacks_of("backend") if s.built)
    folders = generate_docs.render_modes(backend)
    names = {yaml.safe_load((f / ".copier-answers.yml").read_text())["project_name"] for f in folders.values()}
    assert names == {generate_docs.PROJECT_NAME}, "a name that differs per mode reads as a changed file"
