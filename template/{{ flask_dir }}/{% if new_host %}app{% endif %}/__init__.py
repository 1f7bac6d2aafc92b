"""The application factory: configuration from the environment, then the auth mounted on it."""

import logging
import os

from flask import Flask
from werkzeug.exceptions import HTTPException

import auth
from auth.env import hex_secret
from auth.errors import as_problem


def create_app(config: dict | None = None) -> Flask:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    app = Flask(__name__)
    secure_cookies = os.environ.get("AUTH_COOKIE_SECURE", "true").strip().lower() not in {"0", "false", "no", "off"}
    app.config.from_mapping(
        SECRET_KEY=hex_secret("FLASK_SECRET_KEY"),
        SESSION_COOKIE_NAME="__Host-session" if secure_cookies else "session",
        SESSION_COOKIE_SECURE=secure_cookies,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        MAX_CONTENT_LENGTH=1024 * 1024,
    )
    app.config.update(config or {})
    auth.init_app(app)
    app.register_error_handler(HTTPException, api_error)
    return app


def api_error(error: HTTPException):
    """This application is an API: its own errors are problem documents too, as the auth's are."""
    return as_problem(error.get_response())
