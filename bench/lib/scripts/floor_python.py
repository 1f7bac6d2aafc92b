"""A WSGI app that only verifies a password (POST /verify) and answers GET /health, served by gunicorn
with 2 sync workers on PORT, as the Python backends are served.

Its sequential latency is the floor under any Python login endpoint: the hash, HTTP and the
WSGI server, with no framework and no database.
"""

import json
import os

from argon2 import PasswordHasher
from gunicorn.app.base import BaseApplication

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


class FloorServer(BaseApplication):
    """gunicorn's documented custom application: this module's ``application``, without an import path."""

    def load_config(self) -> None:
        self.cfg.set("bind", f"127.0.0.1:{os.environ['PORT']}")
        self.cfg.set("workers", 2)

    def load(self):
        return application


if __name__ == "__main__":
    FloorServer().run()
