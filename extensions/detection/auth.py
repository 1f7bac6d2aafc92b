"""Authentication the project already has, and the user model or table generation must coexist with."""

from __future__ import annotations

import re

from .model import Confidence, Finding
from .packages import Packages, provides
from .sources import Sources
from .tree import Tree

LIBRARIES: dict[tuple[str, str], str] = {
    ("python", "django-allauth"): "django-allauth", ("python", "djangorestframework-simplejwt"): "DRF simplejwt",
    ("python", "dj-rest-auth"): "dj-rest-auth", ("python", "flask-login"): "Flask-Login",
    ("python", "flask-jwt-extended"): "Flask-JWT-Extended", ("python", "flask-security-too"): "Flask-Security",
    ("python", "fastapi-users"): "FastAPI Users", ("python", "authlib"): "Authlib",
    ("npm", "passport"): "Passport", ("npm", "@nestjs/passport"): "Passport", ("npm", "next-auth"): "NextAuth.js",
    ("npm", "@auth/core"): "Auth.js", ("npm", "better-auth"): "Better Auth", ("npm", "lucia"): "Lucia",
    ("npm", "@clerk/nextjs"): "Clerk", ("npm", "express-session"): "express-session",
    ("composer", "laravel/sanctum"): "Laravel Sanctum", ("composer", "laravel/fortify"): "Laravel Fortify",
    ("composer", "laravel/breeze"): "Laravel Breeze", ("composer", "laravel/jetstream"): "Laravel Jetstream",
    ("composer", "laravel/passport"): "Laravel Passport", ("composer", "tymon/jwt-auth"): "jwt-auth",
    ("go", "github.com/markbates/goth"): "Goth",
    ("csproj", "Microsoft.AspNetCore.Identity"): "ASP.NET Core Identity",
}  # fmt: skip
AUTH_DIRS = ("auth", "authentication", "accounts")
USER_MODEL_SETTING = re.compile(r"""^\s*AUTH_USER_MODEL\s*=\s*["']([\w.]+)["']""", re.MULTILINE)
USER_MODEL_CLASS = re.compile(r"^class\s+(\w+)\s*\([^)]*\b(AbstractUser|AbstractBaseUser)\b", re.MULTILINE)
ALLAUTH_APP = re.compile(r"""["']allauth["']""")
USERS_TABLE = re.compile(
    r"""create\s+table\s+(?:if\s+not\s+exists\s+)?[`"'\[]?(users?|accounts?|app_users?)\b"""
    r"""|(?:Schema::create|create_table|createTable|op\.create_table)\s*\(\s*["'](users?|accounts?|app_users?)["']""",
    re.IGNORECASE,
)
MIGRATION_FOLDERS = ("migrations/", "migrate/", "alembic/versions/", "prisma/")
# Routes the project already serves under /auth, where the generated endpoints would clash.
AUTH_ROUTES = re.compile(
    r"""\b(?:re_)?path\(\s*r?["']\^?auth/"""  # Django
    r"""|\.(?:use|get|post|put|patch|delete|all|route|group|Group|Route|HandleFunc|Handle|Get|Post|include_router)"""
    r"""\(\s*["'`]/auth\b"""  # Express, Flask, Go routers
    r"""|\b(?:url_)?prefix\s*=\s*["']/auth\b"""  # FastAPI and Flask blueprints
    r"""|Route::(?:prefix|get|post|group)\(\s*["']/?auth\b"""  # Laravel
    r"""|@Controller\(\s*["']auth["']"""  # NestJS
    r"""|\bMap(?:Get|Post|Group)\(\s*"/auth\b"""  # ASP.NET Core minimal APIs
)


def detect_auth_routes(sources: Sources) -> Finding:
    """Files that already route under /auth, which the generated endpoints use."""
    files = tuple(source.rel for source in sources.code if AUTH_ROUTES.search(source.text))
    return Finding(files, Confidence.HIGH, f"/auth routes in {', '.join(files[:3])}") if files else Finding(())


def detect_existing_auth(tree: Tree, packages: Packages, sources: Sources) -> tuple[Finding, Finding]:
    """(what authentication exists, the user model or users table to reuse)."""
    found: list[str] = []
    for folder in packages.folders():
        for (kind, name), label in LIBRARIES.items():
            if provides(kind, packages.of(kind, folder), name) and label not in found:
                found.append(label)
    user_model, label = Finding(None), ""
    for source in sources.code:
        if source.name.endswith(".py"):
            if match := USER_MODEL_SETTING.search(source.text):
                user_model = Finding(match.group(1), Confidence.HIGH, f"AUTH_USER_MODEL in {source.rel}")
                label = f"custom user model {match.group(1)}"
            elif not user_model.known and (match := USER_MODEL_CLASS.search(source.text)):
                user_model = Finding(match.group(1), Confidence.MEDIUM, f"{match.group(2)} subclass in {source.rel}")
                label = f"custom user model {match.group(1)}"
            if "django-allauth" not in found and "setting" in source.name and ALLAUTH_APP.search(source.text):
                found.append("django-allauth")
        in_migrations = any(folder in source.rel for folder in MIGRATION_FOLDERS)
        if not user_model.known and in_migrations and (match := USERS_TABLE.search(source.text)):
            table = match.group(1) or match.group(2)
            user_model = Finding(table, Confidence.MEDIUM, f"{table} table created in {source.rel}")
            label = f"{table} table"
    if label:
        found.append(label)
    if routes := detect_auth_routes(sources).value:
        found.append(f"/auth routes in {routes[0]}" + (f" and {len(routes) - 1} more" if len(routes) > 1 else ""))
    confident = bool(found)
    found += [f"{rel}/ folder" for rel in tree.named(*AUTH_DIRS) if rel in tree.dir_set][:2]
    if not found:
        return Finding((), Confidence.LOW, "nothing found"), user_model
    return Finding(tuple(found), Confidence.HIGH if confident else Confidence.MEDIUM, "; ".join(found)), user_model
