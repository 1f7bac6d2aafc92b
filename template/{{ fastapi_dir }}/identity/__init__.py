"""The auth feature, added to a FastAPI application in one line: `add_auth(app)`.

It includes the auth's routers (the route modules of identity/features.py) and its middleware,
which applies the auth's headers, CORS and CSRF to those routes only. Routes of the application
use `identity.dependencies.current_user` (or the `CurrentUser` annotation) to require a signed-in user.
"""

from importlib import import_module

from fastapi import APIRouter, FastAPI

from identity import features
from identity.middleware import AuthRoutesMiddleware


def routers() -> list[APIRouter]:
    return [import_module(module).router for module in features.ROUTERS]


def add_auth(app: FastAPI) -> None:
    paths = set()
    for router in routers():
        app.include_router(router)
        paths |= {route.path for route in router.routes if hasattr(route, "path")}
    # A route with a path parameter covers everything under its fixed part (/records/{id}: /records/).
    prefixes = {"/auth/", *(path.split("{", 1)[0] for path in paths if "{" in path)}
    app.add_middleware(AuthRoutesMiddleware, paths=paths, prefixes=prefixes)


__all__ = ["add_auth", "routers"]
