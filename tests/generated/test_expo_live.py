"""The Expo app's API and auth layers against live backends: the JavaScript of a rendered app
(universal-auth/lib, unchanged) run by jest in Node, with real HTTP to a backend this harness
renders and starts (tests/support: cells, the SMTP sink). Only the native modules are the app's
documented fakes (universal-auth/testing). Nothing here runs on a phone or a simulator.

Mode 2 in bearer transport: sign in, MFA, biometric register and login, a fingerprint mismatch, a
device the server removed, a refresh shared by concurrent requests. The first built backend is the
default case; every other backend runs under `full`.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from manifests import load_stacks, stacks_of
from support.cells import Cell, built_backends
from support.client import Api
from support.flows import enable_mfa, login, register_verified
from support.mail import SmtpSink
from support.project import RenderedBackend
from support.renders import Renders
from support.settings import SHARED_SERVER_ENV

MODE = 2
ACCESS_TTL = 3
LIVE_SUITE = Path(__file__).parent / "expo_live"
MOBILE = [stack.name for stack in stacks_of("mobile") if stack.built]


def pairs() -> list:
    found = []
    for mobile in MOBILE:
        for index, backend in enumerate(built_backends()):
            marks = () if index == 0 else (pytest.mark.full,)
            label = f"{mobile}-{backend.name}"
            found.append(pytest.param((mobile, backend.name), id=label, marks=(pytest.mark.xdist_group(label), *marks)))
    return found


def app_answers(case: tuple[str, int]) -> dict:
    mobile, mode = case
    return {
        "project_name": "clinic",
        "backend": "none",
        "frontend": "none",
        "mobile": mobile,
        "mode": mode,
        "transport": "bearer",
        "mobile_dir": "mobile",
    }


@pytest.fixture(scope="module")
def smtp():
    with SmtpSink() as sink:
        yield sink


@pytest.fixture(scope="module")
def apps(tmp_path_factory) -> dict[str, Renders]:
    return {name: Renders(tmp_path_factory, load_stacks()[name], app_answers, "mobile") for name in MOBILE}


@pytest.mark.parametrize("pair", pairs())
def test_the_apps_auth_layers_against_a_live_backend(pair, apps, smtp, tmp_path):
    mobile, backend_name = pair
    backend = RenderedBackend(Cell(backend_name, MODE, "bearer", "sqlite"), smtp=(smtp.host, smtp.port))
    try:
        server = backend.launch({**SHARED_SERVER_ENV, "ACCESS_TOKEN_TTL_SECONDS": ACCESS_TTL})
        plain = register_verified(Api(server, "bearer"), smtp.inbox, MODE)
        api = Api(server, "bearer")
        with_mfa = register_verified(api, smtp.inbox, MODE)
        login(api, with_mfa, MODE)
        enable_mfa(api, with_mfa)

        folder, env = apps[mobile].installed((mobile, MODE))
        shutil.copytree(LIVE_SUITE, folder / "live", dirs_exist_ok=True)
        report = tmp_path / "jest.json"
        env = env | {
            "EXPO_PUBLIC_API_URL": f"http://127.0.0.1:{server.port}",
            "LIVE_EMAIL": plain.email,
            "LIVE_PASSWORD": plain.password,
            "LIVE_MFA_EMAIL": with_mfa.email,
            "LIVE_MFA_PASSWORD": with_mfa.password,
            "LIVE_MFA_SECRET": with_mfa.totp.secret,
            "LIVE_ACCESS_TTL": str(ACCESS_TTL),
        }
        command = [
            "npx",
            "jest",
            "--ci",
            "--runInBand",
            "--testMatch",
            "**/live/*.live.test.ts",
            "--testEnvironment",
            "./live/live-environment.js",
            "--json",
            f"--outputFile={report}",
        ]
        result = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, timeout=900)
        assert result.returncode == 0, result.stderr[-8000:] + server.log()[-3000:]
        counts = json.loads(report.read_text(encoding="utf-8"))
        assert counts["numFailedTests"] == 0 and counts["numPassedTests"] >= 9, counts
    finally:
        backend.close()
