"""The application factory: configuration from the environment, then the auth mounted on it."""

import os

from flask import Flask

import auth


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__)
    secure_cookies = os.environ.get("AUTH_COOKIE_SECURE", "true").strip().lower() not in {"0", "false", "no", "off"}
    app.config.from_mapping(
        SECRET_KEY=os.environ["FLASK_SECRET_KEY"],
        SESSION_COOKIE_NAME="__Host-session" if secure_cookies else "session",
        SESSION_COOKIE_SECURE=secure_cookies,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        MAX_CONTENT_LENGTH=1024 * 1024,
    )
    app.config.update(config or {})
    auth.init_app(app)
    return app
