"""hooks/integrations/express.py: where the mount line goes, in which module format, and what the host installs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import integration
import manifests
from project import Project

EXPRESS = manifests.load_stacks()["express"]
module = integration.load_module(EXPRESS.integration_path, "express")

CJS_APP = """const express = require('express');
const { notFound } = require('./errors');

function createApp() {
  const app = express();
  app.use(express.json());
  app.use(notFound);
  return app;
}

module.exports = { createApp };
"""

ESM_APP = """import express from "express";
import {
  pinoHttp,
} from "pino-http";

export const app = express()
app.use(pinoHttp())
"""


def host(tmp_path: Path, files: dict[str, str], package: dict) -> Path:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    (tmp_path / "package.json").write_text(json.dumps(package))
    return tmp_path


def wire(folder: Path) -> list[integration.Outcome]:
    return integration.apply_edits(module.edits(Project(folder, {"backend": "express", "mode": 1}), folder))


def test_a_commonjs_app_reached_from_main_gets_one_marked_require_line(tmp_path):
    folder = host(
        tmp_path,
        {
            "src/server.js": "const { createApp } = require('./app');\ncreateApp().listen(3000);\n",
            "src/app.js": CJS_APP,
        },
        {"main": "src/server.js"},
    )
    assert [outcome.status for outcome in wire(folder)] == ["applied"]
    text = (folder / "src/app.js").read_text()
    assert (
        "  const app = express();\n  app.use(require('../auth').createAuth().router);  // AUTH_INTEGRATION_POINT\n"
        in text
    )
    assert integration.removed_lines(CJS_APP, text) == []
    assert [outcome.status for outcome in wire(folder)] == ["already there"]
    assert (folder / "src/app.js").read_text() == text


def test_a_typescript_esm_app_gets_the_import_after_its_imports_in_its_own_style(tmp_path):
    folder = host(tmp_path, {"src/app.ts": ESM_APP}, {"type": "module", "main": "dist/app.js", "scripts": {}})
    assert [outcome.status for outcome in wire(folder)] == ["applied"]
    text = (folder / "src/app.ts").read_text()
    assert text.splitlines()[4:7] == [
        'import { createAuth } from "../auth/dist/index.js"  // AUTH_INTEGRATION_POINT',
        "",
        "export const app = express()",
    ]
    assert "export const app = express()\napp.use(createAuth().router)  // AUTH_INTEGRATION_POINT\n" in text


def test_an_app_it_does_not_recognise_is_left_as_it_was_and_the_lines_printed(tmp_path):
    two_apps = "const express = require('express');\nconst app = express();\nconst admin = express();\n"
    folder = host(tmp_path, {"index.js": two_apps}, {"main": "index.js"})
    [outcome] = wire(folder)
    assert outcome.status == "printed"
    assert (folder / "index.js").read_text() == two_apps
    assert "createAuth().router" in outcome.edit.lines and "AUTH_INTEGRATION_POINT" in outcome.edit.lines


def test_a_javascript_edit_that_would_not_parse_is_printed(tmp_path):
    broken = "const express = require('express');\nconst app = express();\nif (true) {\n"
    folder = host(tmp_path, {"app.js": broken}, {"main": "app.js"})
    assert [outcome.status for outcome in wire(folder)] == ["printed"]
    assert (folder / "app.js").read_text() == broken


@pytest.mark.parametrize(
    ("lock", "add"), [("package-lock.json", "npm install"), ("pnpm-lock.yaml", "pnpm add"), ("yarn.lock", "yarn add")]
)
def test_missing_packages_are_added_with_the_hosts_package_manager_in_ranges(tmp_path, lock, add):
    folder = host(tmp_path, {lock: ""}, {"dependencies": {"express": "^4.21.2", "bcryptjs": "^2.4.3", "pg": "^8.0.0"}})
    install = module.install_commands(Project(folder, {"backend": "express", "mode": 1}), folder)
    runtime, build, compile_step = install
    assert runtime.startswith(f"{add} ") and "argon2@^" in runtime
    assert " express@" not in runtime and "bcryptjs@" not in runtime and " pg@" not in runtime
    assert "@types/express@^4" in build and "@types/bcryptjs@^2" in build and "typescript@^" in build
    assert compile_step == "npx tsc -p auth"
    versions = dict(spec.rsplit("@", 1) for spec in EXPRESS.dependencies_for(1))
    assert f"argon2@^{versions['argon2']}" in runtime.split()


def test_a_host_with_every_package_only_compiles_and_migrates(tmp_path):
    every = [
        *EXPRESS.dependencies_for(4),
        *(s for s in EXPRESS.dev_dependencies if s.startswith(("@types/", "typescript@"))),
    ]
    declared = dict(spec.rsplit("@", 1) for spec in every) | {"express": "^4.21.2", "@types/express": "^4.17.21"}
    folder = host(tmp_path, {}, {"dependencies": declared})
    assert module.install_commands(Project(folder, {"backend": "express", "mode": 4}), folder) == ["npx tsc -p auth"]


def test_the_commands_name_the_hosts_own_scripts(tmp_path):
    folder = host(tmp_path, {"yarn.lock": ""}, {"scripts": {"start": "node index.js", "test": "jest"}})
    commands = module.commands(Project(folder, {"backend": "express", "mode": 2}), folder)
    assert commands["start"] == "yarn start" and commands["test"] == "yarn test"
    assert commands["create or upgrade its tables (after every update too)"] == "node auth/dist/migrate.js"
