"""Password policy: NIST 800-63B-4 3.1.1.2 and ASVS V6.2."""

import random
import string
import unicodedata
from pathlib import Path

import pytest

from support.assertions import problem
from support.client import unique_email
from support.flows import Account, login, register_verified

# The one list every backend renders (shared/, at its manifest's `common_passwords` path).
COMMON_LIST = Path(__file__).resolve().parents[2] / "shared" / "common-passwords.txt"
# Its two longest ASCII entries: long enough for every mode's minimum, so only the list can refuse them.
LONGEST_COMMON = sorted(
    (line.strip() for line in COMMON_LIST.read_text(encoding="utf-8").splitlines() if line.strip().isascii()),
    key=lambda entry: (-len(entry), entry),
)[:2]


def letters(n: int) -> str:
    return "".join(random.choice(string.ascii_lowercase) for _ in range(n))


def registers(api, inbox, cell, password: str) -> Account:
    return register_verified(api, inbox, cell.mode, password=password)


@pytest.mark.req("ASVS v5.0.0-6.2.1", "NIST 800-63B-4 3.1.1.2")
def test_fifteen_characters_minimum(api, inbox, cell):
    body = problem(api.register(unique_email(), letters(14)), 400, "weak_password", "validation_error")
    assert "15" in str(body), f"the refusal says why: {body}"
    login(api, registers(api, inbox, cell, letters(15)), cell.mode)


@pytest.mark.req("NIST 800-63B-4 3.1.1.2: each code point counts one")
def test_length_counts_code_points(api, inbox, cell):
    login(api, registers(api, inbox, cell, "é" * 7 + "ß" * 4 + "鍵" * 4), cell.mode)


@pytest.mark.req("ASVS v5.0.0-6.2.5")
def test_no_composition_rule(api, inbox, cell):
    login(api, registers(api, inbox, cell, letters(24)), cell.mode)


@pytest.mark.req("ASVS v5.0.0-6.2.9")
@pytest.mark.parametrize("length", [64, 128, 256])
def test_long_passwords(api, inbox, cell, length):
    login(api, registers(api, inbox, cell, letters(length)), cell.mode)


@pytest.mark.req("ASVS v5.0.0-6.2.9", "NIST 800-63B-4 3.1.1.2: Unicode, NFKC")
def test_unicode_is_normalised_nfkc(api, inbox, cell):
    fullwidth = "".join(chr(0xFF00 + ord(c) - 0x20) for c in "Pass phrase")  # NFKC folds these to ASCII
    composed = f"{fullwidth}\u3000caf\u00e9 \ufb01nal " + letters(6)
    account = registers(api, inbox, cell, composed)
    account.password = unicodedata.normalize("NFKC", composed)
    assert account.password != composed
    login(api, account, cell.mode)
    account.password = unicodedata.normalize("NFD", composed)
    login(api, account, cell.mode)


@pytest.mark.req("ASVS v5.0.0-6.2.4", "NIST 800-63B-4 3.1.1.2: blocklist, say why")
@pytest.mark.parametrize("common", LONGEST_COMMON)
def test_common_passwords_are_refused_with_the_reason(api, common):
    body = problem(api.register(unique_email(), common), 400, "weak_password")
    assert "common" in str(body).lower(), body
    assert not any(word in str(body).lower() for word in ("uppercase", "digit", "special character", "symbol"))


@pytest.mark.req("ASVS v5.0.0-6.1.2", "ASVS v5.0.0-6.2.11")
def test_a_password_containing_the_email_is_refused(api):
    email = unique_email("context")
    problem(api.register(email, f"{email} {email}"), 400, "weak_password")


@pytest.mark.req("ASVS v5.0.0-6.2.8")
def test_no_truncation_and_no_case_folding(api, inbox, cell):
    password = letters(80) + "X" + letters(20)
    account = registers(api, inbox, cell, password)
    for variant in (password[:72], password[:-1], password + "a", password.lower()):  # 4: under the limit
        problem(api.login(account.email, variant), 401, "invalid_credentials")
    login(api, account, cell.mode)
