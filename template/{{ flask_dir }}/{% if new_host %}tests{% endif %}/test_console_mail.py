"""The reset flow end to end, reading the link from the mail the console backend prints."""

import re

from .conftest import PASSWORD


def test_forgot_and_reset_password(client, make_user, capsys):
    make_user("ada@example.com")
    client.login("ada@example.com")
    answer = client.post("/auth/password/forgot", {"email": "ada@example.com"})
    assert answer.status_code == 202 and answer.get_json() == {"status": "reset_sent"}
    printed = capsys.readouterr().out
    token = re.search(r"/reset-password\?token=([A-Za-z0-9_-]+)", printed)
    assert token, printed
    new = "a brand new long passphrase"
    assert client.post("/auth/password/reset", {"token": token[1], "password": new}).status_code == 204
    assert client.get("/auth/me").status_code == 401, "every session ends with a reset"
    again = client.post("/auth/password/reset", {"token": token[1], "password": new})
    assert again.status_code == 400 and again.get_json()["code"] == "token_invalid"
    assert client.login("ada@example.com", PASSWORD).status_code == 401
    assert client.login("ada@example.com", new).status_code == 200


def test_an_unknown_email_gets_the_same_answer_and_no_mail(client, capsys):
    answer = client.post("/auth/password/forgot", {"email": "nobody@example.com"})
    assert answer.status_code == 202 and answer.get_json() == {"status": "reset_sent"}
    assert "reset-password" not in capsys.readouterr().out
