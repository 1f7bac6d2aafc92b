"""After every other case of the cell: the server logs hold none of the secrets the tests used."""

import re
from pathlib import Path

import pytest

# Words of the API's own vocabulary ("password", "admin") appear in logs legitimately, even when a
# test also tried one as a password.
VOCABULARY = set(re.findall(r"[a-z]+", (Path(__file__).parents[2] / "docs" / "openapi.yaml").read_text().lower()))


def leaked(log: str, secrets: set[str]) -> list[str]:
    found = []
    for secret in secrets:
        if secret.lower() in VOCABULARY:
            continue
        if secret.isdigit():  # a TOTP code: a whole number of its own, not part of a timestamp
            if re.search(rf"(?<![0-9.:,]){secret}(?![0-9])", log):
                found.append(secret)
        elif len(secret) >= 8 and secret in log:
            found.append(secret)
    return found


@pytest.mark.log_hygiene
@pytest.mark.req("ASVS v5.0.0-16.2.5", "ASVS v5.0.0-16.1.1")
def test_no_secret_in_any_server_log(backend, server):
    checked = 0
    for running in backend.servers:
        log = running.log()
        assert not (found := leaked(log, running.secrets)), f"{running.name} logged {sorted(found)[:5]}"
        checked += len(running.secrets)
    assert checked > 0, "the cell's cases used no secret at all"
    assert re.search(r"login", server.log(), re.IGNORECASE), "the auth events are logged (and were checked)"
