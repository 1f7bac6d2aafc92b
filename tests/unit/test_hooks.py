"""The copier task: .env, .env.example, .gitignore, formatter, and its guard for temporary renders."""

import base64
import os
import stat
from pathlib import Path

import pytest

import env_file
import env_vars
import gitignore
import run
from project import Project, in_temporary_render

ANSWERS = {
    "project_name": "shop",
    "backend": "django",
    "backend_dir": "backend",
    "frontend": "none",
    "mobile": "none",
    "mode": 2,
    "database": "sqlite",
    "transport": "cookie",
    "email": "console",
    "rate_limit_store": "embedded",
    "app_url": "http://localhost:8000",
}


def env_of(path: Path) -> dict[str, str]:
    return env_of_text(path.read_text())


def env_of_text(text: str) -> dict[str, str]:
    values = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            key, _, rest = line.partition("=")
            values[key] = rest.split("  #")[0]
    return values


def test_env_gets_fresh_strong_secrets(tmp_path):
    project = Project(tmp_path, ANSWERS)
    first, second = tmp_path / "a.env", tmp_path / "b.env"
    env_file.write_env(first, env_vars.variables(project))
    env_file.write_env(second, env_vars.variables(project))
    a, b = env_of(first), env_of(second)
    assert len(bytes.fromhex(a["AUTH_JWT_SECRET"])) == 32
    assert len(base64.b64decode(a["TOTP_ENCRYPTION_KEY"])) == 32
    assert len(bytes.fromhex(a["RECOVERY_CODE_PEPPER"])) == 32
    assert len(bytes.fromhex(a["DJANGO_SECRET_KEY"])) == 32
    for key in ("AUTH_JWT_SECRET", "TOTP_ENCRYPTION_KEY", "RECOVERY_CODE_PEPPER", "DJANGO_SECRET_KEY"):
        assert a[key] != b[key], f"{key} must be fresh for every project"
    assert stat.S_IMODE(first.stat().st_mode) == 0o600


def test_env_follows_the_answers(tmp_path):
    quick = {v.name for v in env_vars.variables(Project(tmp_path, ANSWERS | {"mode": 1}))}
    assert "TOTP_ENCRYPTION_KEY" not in quick and "BOOTSTRAP_ADMIN_EMAILS" not in quick
    enterprise = env_vars.variables(Project(tmp_path, ANSWERS | {"mode": 3, "rate_limit_store": "redis"}))
    names = {v.name: v for v in enterprise}
    assert "BOOTSTRAP_ADMIN_EMAILS" in names and "REDIS_URL" in names
    assert names["AUTH_COOKIE_SECURE"].env_value() == "false", "plain-http localhost relaxes Secure"
    bearer = {v.name for v in env_vars.variables(Project(tmp_path, ANSWERS | {"transport": "bearer"}))}
    assert "AUTH_COOKIE_SECURE" not in bearer
    https = env_vars.variables(Project(tmp_path, ANSWERS | {"app_url": "https://shop.example"}))
    assert {v.name: v for v in https}["AUTH_COOKIE_SECURE"].env_value() == "true"


def test_smtp_settings_are_live_only_when_chosen(tmp_path):
    console = {v.name: v for v in env_vars.variables(Project(tmp_path, ANSWERS))}
    smtp = {v.name: v for v in env_vars.variables(Project(tmp_path, ANSWERS | {"email": "smtp"}))}
    assert console["SMTP_HOST"].commented_out and not smtp["SMTP_HOST"].commented_out


def test_an_existing_env_is_never_touched(tmp_path):
    path = tmp_path / ".env"
    path.write_text("AUTH_JWT_SECRET=mine\n")
    assert env_file.write_env(path, env_vars.variables(Project(tmp_path, ANSWERS))) is False
    assert path.read_text() == "AUTH_JWT_SECRET=mine\n"


def test_example_merge_keeps_lines_and_adds_placeholders(tmp_path):
    path = tmp_path / ".env.example"
    path.write_text("# mine\nPORT=9999\n# HOST=0.0.0.0\nOTHER=1")
    added = env_file.merge_example(path, env_vars.variables(Project(tmp_path, ANSWERS)))
    text = path.read_text()
    assert text.startswith("# mine\nPORT=9999\n# HOST=0.0.0.0\nOTHER=1\n")
    assert "PORT" not in added and "HOST" not in added
    assert "AUTH_JWT_SECRET=<64 hex characters>" in text
    assert env_file.merge_example(path, env_vars.variables(Project(tmp_path, ANSWERS))) == []
    assert path.read_text() == text


def test_example_never_holds_a_secret(tmp_path):
    path = tmp_path / ".env.example"
    env_file.merge_example(path, env_vars.variables(Project(tmp_path, ANSWERS)))
    values = env_of(path)
    assert values["AUTH_JWT_SECRET"].startswith("<")
    assert values["TOTP_ENCRYPTION_KEY"].startswith("<")


def test_keys_in_reads_set_and_commented_keys():
    assert env_file.keys_in("A=1\n# B=2\nexport C=3\n#comment\n d = 4\n") == {"A", "B", "C"}


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (None, ".env\n"),
        ("node_modules/\n", "node_modules/\n.env\n"),
        ("dist", "dist\n.env\n"),
        (".env\n", ".env\n"),
        ("/.env\n", "/.env\n"),
    ],
)
def test_gitignore(tmp_path, before, after):
    path = tmp_path / ".gitignore"
    if before is not None:
        path.write_text(before)
    gitignore.ensure_ignored(path)
    gitignore.ensure_ignored(path)
    assert path.read_text() == after


def test_temporary_renders_are_recognised(tmp_path):
    assert not in_temporary_render(tmp_path)
    assert in_temporary_render(tmp_path / "copier._main.old_copy.ab12" / "sub")
    assert in_temporary_render(tmp_path / "copier._main.new_copy.zz")


def test_run_does_nothing_in_a_temporary_render(tmp_path):
    root = tmp_path / "copier._main.new_copy.x1"
    (root / "backend").mkdir(parents=True)
    assert run.run(root, "update", ANSWERS).lines == []
    assert sorted(p.name for p in root.rglob("*")) == ["backend"]


def test_run_is_idempotent(tmp_path):
    (tmp_path / "backend").mkdir()
    first = run.run(tmp_path, "copy", ANSWERS).lines
    env = (tmp_path / "backend" / ".env").read_text()
    example = (tmp_path / "backend" / ".env.example").read_text()
    assert any("fresh secrets" in line for line in first)
    second = run.run(tmp_path, "update", ANSWERS).lines
    assert not any("fresh secrets" in line or "keys to" in line for line in second)
    assert (tmp_path / "backend" / ".env").read_text() == env
    assert (tmp_path / "backend" / ".env.example").read_text() == example
    assert (tmp_path / ".gitignore").read_text() == ".env\n"


def test_a_mode_upgrade_adds_only_the_new_keys(tmp_path):
    (tmp_path / "backend").mkdir()
    run.run(tmp_path, "copy", ANSWERS | {"mode": 1})
    env = (tmp_path / "backend" / ".env").read_text()
    lines = run.run(tmp_path, "update", ANSWERS | {"mode": 2}).lines
    assert any("keys to" in line for line in lines)
    assert "TOTP_ENCRYPTION_KEY" in (tmp_path / "backend" / ".env.example").read_text()
    upgraded = (tmp_path / "backend" / ".env").read_text()
    assert upgraded.startswith(env), "every line of .env stays as the user left it"
    added = env_of(tmp_path / "backend" / ".env")
    assert len(base64.b64decode(added["TOTP_ENCRYPTION_KEY"])) == 32
    assert len(bytes.fromhex(added["RECOVERY_CODE_PEPPER"])) == 32
    assert set(env_of(tmp_path / "backend" / ".env")) - set(env_of_text(env)) == {
        "TOTP_ENCRYPTION_KEY",
        "RECOVERY_CODE_PEPPER",
    }, "only the missing secrets are added"
    run.run(tmp_path, "update", ANSWERS | {"mode": 2})
    assert (tmp_path / "backend" / ".env").read_text() == upgraded


def test_secrets_the_user_set_are_never_replaced(tmp_path):
    path = tmp_path / ".env"
    path.write_text("TOTP_ENCRYPTION_KEY=mine\n")
    added = env_file.add_missing_secrets(path, env_vars.variables(Project(tmp_path, ANSWERS)))
    assert "TOTP_ENCRYPTION_KEY" not in added and "AUTH_JWT_SECRET" in added
    assert path.read_text().startswith("TOTP_ENCRYPTION_KEY=mine\n")


def test_project_parts(tmp_path):
    project = Project(tmp_path, ANSWERS)
    assert [(k, s.name, f) for k, s, f in project.parts()] == [("backend", "django", (tmp_path / "backend").resolve())]
    assert project.folder("frontend") is None
    assert os.fspath(project.folder("backend")).endswith("backend")
