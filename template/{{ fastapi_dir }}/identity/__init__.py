"""The auth feature, added to a FastAPI application in one line: `add_auth(app)`.

It includes the auth's routers (the route modules of identity/features.py) and its middleware,
which applies the auth's headers, CORS and CSRF to those routes only. Routes of the application
use `identity.dependencies.current_user` (or the `CurrentUser` annotation) to require a signed-in user.
"""

import logging
from importlib import import_module

from fastapi import APIRouter, FastAPI

from identity import features
from identity.middleware import AuthRoutesMiddleware


def routers() -> list[APIRouter]:
    return [import_module(module).router for module in features.ROUTERS]


def _log_events() -> None:
    """Auth events are one JSON line each on stderr, whatever logging the application configured
    (a logger of its own named `identity` keeps the application's handlers instead)."""
    logger = logging.getLogger("identity")
    if logger.handlers:
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False


def add_auth(app: FastAPI) -> None:
    _log_events()
    paths = set()
    for router in routers():
        app.include_router(router)
        paths |= {route.path for route in router.routes if hasattr(route, "path")}
    # A route with a path parameter covers everything under its fixed part (/records/{id}: /records/).
    prefixes = {"/auth/", *(path.split("{", 1)[0] for path in paths if "{" in path)}
    app.add_middleware(AuthRoutesMiddleware, paths=paths, prefixes=prefixes)


__all__ = ["add_auth", "routers"]
