"""A WSGI app that only verifies a password (POST /verify) and answers GET /health, served by gunicorn.

Its sequential latency is the floor under any Python login endpoint: the hash, HTTP and the
WSGI server, with no framework and no database.
"""

import json

from argon2 import PasswordHasher

hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
encoded = hasher.hash("correct horse battery staple")


def application(environ, start_response):
    if environ["PATH_INFO"] == "/verify":
        body = json.loads(environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0)))
        answer = {"valid": hasher.verify(encoded, body["password"])}
    else:
        answer = {"status": "ok"}
    payload = json.dumps(answer).encode()
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(payload)))])
    return [payload]
