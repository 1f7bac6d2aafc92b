"""The generated documentation tables match the template; `bash dev docs` rewrites them."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import generate_docs

import manifests


def test_generated_docs_are_current():
    for path, content in generate_docs.generated().items():
        assert path.read_text(encoding="utf-8") == content, f"{path.name} is stale: run `bash dev docs`"


def test_support_matrix_has_a_row_per_stack():
    table = generate_docs.support_matrix()
    for stack in manifests.load_stacks().values():
        assert f"| `{stack.name}` |" in table
