"""Mounting the auth into a Flask application: its Blueprint, its request rules and its CLI."""

import logging

from flask import Blueprint, Flask
from werkzeug.exceptions import HTTPException

from . import cli, dependencies, guard, ratelimit
from .db import Session
from .errors import Problem, problem_response, service_unavailable
from .features import BLUEPRINTS

logger = logging.getLogger("auth")
bp = Blueprint("auth", __name__)
for feature in BLUEPRINTS:
    bp.register_blueprint(feature)


@bp.errorhandler(Exception)
def _error(error: Exception):
    """Every error of the auth's views is a problem document; a server error gives back the
    rate-limit slots the request took (it was no guess), and an outage answers 503."""
    if isinstance(error, HTTPException):
        return error
    if isinstance(error, Problem):
        return error.response()
    Session.rollback()
    ratelimit.give_back()
    if dependencies.is_outage(error):
        logger.error("dependency unavailable: %s", type(error).__name__)
        return service_unavailable()
    logger.exception("unhandled error in %s", bp.name)
    return problem_response(500, "internal_error", "Something went wrong on our side.")


def _problem(error: Problem):
    return error.response()


def _remove_session(_error: BaseException | None) -> None:
    Session.remove()


def init_app(app: Flask) -> None:
    """Register the auth's routes, its rules for them, the `flask auth` commands and error pages."""
    app.register_blueprint(bp)
    app.register_error_handler(Problem, _problem)
    app.teardown_appcontext(_remove_session)
    app.cli.add_command(cli.auth)
    guard.install(app)
    app.extensions["auth"] = bp
