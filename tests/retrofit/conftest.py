"""Fixtures of the retrofit tests: the template as a tagged repository and each host application."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.template_repo import make_template_repo


@pytest.fixture(scope="session")
def template(tmp_path_factory) -> Path:
    return make_template_repo(tmp_path_factory.mktemp("tpl") / "universal-auth")
