"""Forged access tokens (RFC 8725, ASVS V9): every forgery is refused, the control is accepted."""

import pytest

from support.assertions import problem
from support.flows import new_session
from support.jwt_forge import forgeries, parts, resign


@pytest.fixture
def session(server, cell, inbox):
    api, _ = new_session(server, cell.transport, inbox, cell.mode)
    return api


@pytest.mark.req("RFC 8725 2.1", "ASVS v5.0.0-9.1.1")
def test_the_access_token_carries_the_required_claims(session, backend):
    header, claims = parts(session.access_credential())
    assert header["alg"] == "HS256" and "kid" in header
    assert {"exp", "iat", "sub", "sid", "typ"} <= set(claims), claims
    assert claims["exp"] - claims["iat"] <= 15 * 60


def test_the_control_resigned_with_the_real_key_is_accepted(session, backend):
    session.set_access_credential(resign(session.access_credential(), backend.jwt_secret))
    assert session.me().status_code == 200


FORGERIES = {
    "alg_none": "ASVS v5.0.0-9.1.2",
    "alg_none_uppercase": "ASVS v5.0.0-9.1.2",
    "signature_stripped": "ASVS v5.0.0-9.1.1",
    "hs512_same_key": "RFC 8725 3.1",
    "rs256_other_key": "ASVS v5.0.0-9.1.2",
    "hs256_with_public_key": "RFC 8725 2.2",
    "hs256_other_key": "ASVS v5.0.0-9.1.1",
    "wrong_typ": "ASVS v5.0.0-9.2.2",
    "missing_exp": "ASVS v5.0.0-9.2.1",
    "expired": "ASVS v5.0.0-9.2.1",
    "future_nbf": "ASVS v5.0.0-9.2.1",
    "missing_sid": "ASVS v5.0.0-7.4.1",
    "tampered_payload": "ASVS v5.0.0-9.1.1",
    "embedded_jwk": "ASVS v5.0.0-9.1.3",
    "kid_injection": "ASVS v5.0.0-9.1.3",
}


@pytest.mark.req(*sorted(set(FORGERIES.values())))
def test_every_forgery_is_refused(session, backend):
    genuine = session.access_credential()
    accepted = []
    for name, token in forgeries(genuine, backend.jwt_secret).items():
        session.set_access_credential(token)
        response = session.me()
        if response.status_code != 401:
            accepted.append((name, FORGERIES[name], response.status_code))
        else:
            problem(response, 401)
    session.set_access_credential(genuine)
    assert session.me().status_code == 200
    assert not accepted, f"forged tokens not refused with 401: {accepted}"
