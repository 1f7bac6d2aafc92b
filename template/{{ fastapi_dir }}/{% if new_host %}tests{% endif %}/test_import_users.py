"""`python -m identity.import_users`: an application's users copied in once, signing in with their old passwords."""

import sqlite3
from contextlib import closing

import bcrypt

from identity import import_users
from identity.settings import settings
from tests.conftest import PASSWORD, login


def application_database(tmp_path, rows) -> str:
    path = tmp_path / "app.sqlite3"
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE users (name TEXT, mail TEXT, hashed_password TEXT)")
        connection.executemany("INSERT INTO users VALUES (?, ?, ?)", rows)
        connection.commit()
    return f"sqlite:///{path}"


QUERY = "SELECT mail AS email, hashed_password AS password_hash FROM users"


def test_users_are_imported_once_and_sign_in_with_their_password(client, email, tmp_path, capsys):
    old_hash = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(rounds=4)).decode()
    url = application_database(tmp_path, [("ada", email.upper(), old_hash), ("api-only", "bot@example.com", None)])
    assert import_users.main([url, QUERY]) == 0
    assert capsys.readouterr().out.strip() == "imported: 1, already there: 0, without an email or a usable hash: 1"
    assert import_users.main([url, QUERY]) == 0
    assert capsys.readouterr().out.strip() == "imported: 0, already there: 1, without an email or a usable hash: 1"
    signed_in = login(client, email)
    if settings.AUTH_MODE == 4:  # the password was right; an imported user gives the consent first
        assert signed_in.json()["code"] == "consent_required", signed_in.text
    else:
        assert signed_in.status_code == 200, signed_in.text
        assert signed_in.json()["user"]["emailVerified"] is True


def test_a_query_without_the_two_columns_or_a_missing_database_is_refused(tmp_path, capsys):
    url = application_database(tmp_path, [])
    assert import_users.main([url, "SELECT name FROM users"]) == 0  # no rows: nothing to check, nothing imported
    assert import_users.main([url, "SELECT name, mail FROM users UNION SELECT 'x', 'y'"]) == 1
    assert "the columns email and password_hash, not name, mail" in capsys.readouterr().err
    assert import_users.main([f"sqlite:///{tmp_path}/none.sqlite3", QUERY]) == 1
    assert "no SQLite database" in capsys.readouterr().err
    assert import_users.main([url]) == 2
