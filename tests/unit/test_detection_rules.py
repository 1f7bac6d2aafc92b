"""Database, ORM, existing auth, transport, cache, tenancy, sensitivity, name and code style rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detection import Confidence, detect

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "projects"


def project(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text)
    return root


@pytest.mark.parametrize(
    ("fixture", "engine"),
    [
        ("django", "postgresql"),  # DATABASES ENGINE and psycopg
        ("flask", "mysql"),  # a SQLAlchemy URL and PyMySQL
        ("fastapi", "postgresql"),  # asyncpg in pyproject.toml
        ("laravel", "mysql"),  # DB_CONNECTION in .env.example
        ("go", "postgresql"),  # the gorm postgres driver
        ("dotnet", "postgresql"),  # the Npgsql EF Core provider
        ("nestjs", "sqlite"),  # better-sqlite3
        ("monorepo", "postgresql"),  # docker-compose image and psycopg
    ],
)
def test_database_engine(fixture, engine):
    found = detect(FIXTURES / fixture).database
    assert (found.value, found.confidence) == (engine, Confidence.HIGH), found.evidence


@pytest.mark.parametrize(
    ("files", "engine"),
    [
        ({"prisma/schema.prisma": 'datasource db {\n  provider = "mysql"\n  url = env("DATABASE_URL")\n}\n'}, "mysql"),
        ({".env.example": "DATABASE_URL=postgres://user@localhost/app\n"}, "postgresql"),
        ({"package.json": json.dumps({"dependencies": {"knex": "3", "sqlite3": "5"}})}, "sqlite"),
    ],
)
def test_database_from_prisma_urls_and_drivers(tmp_path, files, engine):
    assert detect(project(tmp_path, files)).database.value == engine


def test_mongodb_is_reported_as_not_supported(tmp_path):
    project(tmp_path, {"package.json": json.dumps({"dependencies": {"express": "5", "mongoose": "8"}})})
    profile = detect(tmp_path)
    assert profile.database.value == "mongodb"
    assert "not supported yet" in profile.database.evidence
    assert profile.orm.value == "Mongoose"


def test_two_engines_of_equal_weight_are_uncertain(tmp_path):
    project(tmp_path, {"requirements.txt": "psycopg\nmysqlclient\n"})
    assert detect(tmp_path).database.confidence == Confidence.LOW


def test_an_explicit_setting_outweighs_a_driver():
    found = detect(FIXTURES / "conflicting").database
    assert (found.value, found.confidence) == ("sqlite", Confidence.MEDIUM)
    assert "MySQL" in found.evidence


@pytest.mark.parametrize(
    ("fixture", "orm"),
    [
        ("django", "Django ORM"),
        ("flask", "SQLAlchemy"),
        ("nestjs", "TypeORM"),
        ("go", "GORM"),
        ("dotnet", "Entity Framework Core"),
        ("laravel", "Eloquent"),
    ],
)
def test_orm(fixture, orm):
    assert orm in detect(FIXTURES / fixture).orm.value


@pytest.mark.parametrize(
    ("files", "orm"),
    [
        ({"prisma/schema.prisma": "model User {\n  id Int @id\n}\n"}, "Prisma"),
        ({"package.json": json.dumps({"dependencies": {"drizzle-orm": "1", "kysely": "0.28"}})}, "Drizzle, Kysely"),
        ({"sqlc.yaml": "version: '2'\n", "go.mod": "module x\n"}, "sqlc"),
    ],
)
def test_orm_from_files_and_several_libraries(tmp_path, files, orm):
    assert detect(project(tmp_path, files)).orm.value == orm


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("django", {"DRF simplejwt", "custom user model accounts.Member"}),
        ("flask", {"Flask-Login"}),
        ("nextjs", {"NextAuth.js"}),
        ("laravel", {"Laravel Sanctum", "users table"}),
    ],
)
def test_existing_auth(fixture, expected):
    found = detect(FIXTURES / fixture).existing_auth
    assert expected <= set(found.value) and found.confidence == Confidence.HIGH


def test_the_user_model_to_coexist_with():
    assert detect(FIXTURES / "django").user_model.value == "accounts.Member"
    assert detect(FIXTURES / "laravel").user_model.value == "users"


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"requirements.txt": "django-allauth\nDjango\n"}, "django-allauth"),
        ({"package.json": json.dumps({"dependencies": {"passport": "0.7", "express": "5"}})}, "Passport"),
        ({"package.json": json.dumps({"dependencies": {"better-auth": "1"}})}, "Better Auth"),
        ({"composer.json": json.dumps({"require": {"laravel/fortify": "1"}})}, "Laravel Fortify"),
        ({"app/settings.py": "INSTALLED_APPS = ['allauth', 'allauth.account']\n"}, "django-allauth"),
        ({"db/migrations/001.sql": "CREATE TABLE IF NOT EXISTS users (id int);\n"}, "users table"),
    ],
)
def test_each_existing_auth_signal(tmp_path, files, expected):
    assert expected in detect(project(tmp_path, files)).existing_auth.value


def test_an_auth_folder_alone_is_medium(tmp_path):
    found = detect(project(tmp_path, {"src/auth/login.ts": "export {}\n"})).existing_auth
    assert found.value == ("src/auth/ folder",) and found.confidence == Confidence.MEDIUM


def test_no_existing_auth(tmp_path):
    assert detect(project(tmp_path, {"main.py": "print(1)\n"})).existing_auth.value == ()


@pytest.mark.parametrize(
    ("fixture", "transport", "confidence"),
    [
        ("django", "bearer", Confidence.HIGH),  # simplejwt + JWTAuthentication
        ("express", "cookie", Confidence.HIGH),  # express-session + httpOnly cookie
        ("expo", "bearer", Confidence.HIGH),  # a mobile app without a web frontend
        ("react", "cookie", Confidence.MEDIUM),  # one fetch with credentials: 'include'
    ],
)
def test_transport(fixture, transport, confidence):
    found = detect(FIXTURES / fixture).transport
    assert (found.value, found.confidence) == (transport, confidence), found.evidence


def test_tokens_in_local_storage_mean_bearer(tmp_path):
    project(
        tmp_path,
        {
            "src/api.ts": "localStorage.setItem('accessToken', token)\n",
            "src/http.ts": "headers: { Authorization: `Bearer ${token}` }\n",
        },
    )
    assert detect(tmp_path).transport.value == "bearer"


def test_cookie_and_bearer_evidence_in_balance_is_unknown(tmp_path):
    project(tmp_path, {"a.ts": "fetch(u, { credentials: 'include' })\n", "b.ts": "localStorage.setItem('token', t)\n"})
    found = detect(tmp_path).transport
    assert found.value is None and "both" in found.evidence


def test_redis_as_rate_limit_store():
    assert detect(FIXTURES / "monorepo").rate_limit_store.value == "redis"
    assert not detect(FIXTURES / "express").rate_limit_store.known


def test_redis_only_in_compose_is_medium(tmp_path):
    found = detect(project(tmp_path, {"compose.yaml": "services:\n  cache:\n    image: redis:8\n"})).rate_limit_store
    assert (found.value, found.confidence) == ("redis", Confidence.MEDIUM)


def test_healthcare_terms_call_for_mode_4():
    profile = detect(FIXTURES / "monorepo")
    assert profile.sensitivity.value == "healthcare"
    assert (profile.mode.value, profile.mode.confidence) == (4, Confidence.HIGH)
    assert "patient" in profile.mode.evidence


def test_one_health_term_suggests_mode_4_without_preselecting_it(tmp_path):
    mode = detect(project(tmp_path, {"models.py": "class Patient:\n    pass\n"})).mode
    assert (mode.value, mode.confidence) == (4, Confidence.MEDIUM)


def test_provider_alone_is_not_healthcare(tmp_path):
    project(tmp_path, {"app.tsx": "export const AuthProvider = ({ provider }) => provider;\n"})
    assert not detect(tmp_path).mode.known


def test_payment_libraries_call_for_mode_3(tmp_path):
    profile = detect(project(tmp_path, {"requirements.txt": "Django\nstripe\n"}))
    assert profile.sensitivity.value == "financial"
    assert (profile.mode.value, profile.mode.confidence) == (3, Confidence.HIGH)


def test_tenancy(tmp_path):
    assert detect(FIXTURES / "monorepo").tenancy.value == "multi-tenant"
    project(tmp_path, {"models.py": "class Workspace:\n    pass\n\nclass Doc:\n    workspace_id = 1\n"})
    profile = detect(tmp_path)
    assert (profile.tenancy.value, profile.tenancy.confidence) == ("multi-tenant", Confidence.HIGH)
    assert (profile.mode.value, profile.mode.confidence) == (3, Confidence.MEDIUM)
    assert detect(FIXTURES / "express").tenancy.value == "single-tenant"


@pytest.mark.parametrize(
    ("fixture", "name"),
    [("express", "orders-api"), ("fastapi", "ledger-api"), ("laravel", "portal"), ("go", "inventory"),
     ("flutter", "field-notes"), ("django", None)],
)  # fmt: skip
def test_project_name_from_the_root_manifest(fixture, name):
    assert detect(FIXTURES / fixture).project_name.value == name


def test_code_style_of_scripts_without_a_formatter(tmp_path):
    code = "export function loadUser(id) {\n  const user = fetch('/u/' + id)\n  return [\n    user,\n    id,\n  ]\n}\n"
    project(tmp_path, {f"src/user-store-{n}.js": code for n in range(6)})
    found = detect(tmp_path).code_style
    assert found.confidence == Confidence.HIGH
    assert found.value == {
        "quotes": "single",
        "semicolons": "no",
        "indent": "2 spaces",
        "trailing_commas": "yes",
        "function_naming": "camelCase",
        "file_naming": "kebab-case",
    }


def test_code_style_of_python(tmp_path):
    project(tmp_path, {f"pkg/user_store{n}.py": 'def load_user(name):\n    return "x" + name\n' for n in range(5)})
    found = detect(tmp_path).code_style.value
    assert (found["quotes"], found["indent"], found["function_naming"], found["file_naming"]) == (
        "double",
        "4 spaces",
        "snake_case",
        "snake_case",
    )


def test_a_formatter_configuration_wins_over_inference():
    assert detect(FIXTURES / "monorepo").code_style.value == {"formatter": "prettier"}


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("config/urls.py", 'urlpatterns = [path("auth/", include("accounts.urls"))]\n'),
        ("src/app.ts", "app.use('/auth', authRouter)\n"),
        ("app/routes.py", 'bp = Blueprint("auth", __name__, url_prefix="/auth")\n'),
        ("main.py", 'app.include_router(router, prefix="/auth")\n'),
        ("routes/api.php", "Route::prefix('auth')->group(function () {});\n"),
        ("src/auth.controller.ts", "@Controller('auth')\nexport class AuthController {}\n"),
        ("main.go", 'r.Group("/auth")\n'),
        ("Program.cs", 'app.MapGroup("/auth");\n'),
    ],
)
def test_existing_routes_under_auth_would_clash(tmp_path, path, code):
    profile = detect(project(tmp_path, {path: code}))
    assert profile.auth_routes.value == (path,)
    assert f"/auth routes in {path}" in profile.existing_auth.value


def test_other_routes_do_not_clash(tmp_path):
    project(tmp_path, {"src/app.ts": "app.use('/authors', authors)\napp.get('/api/auth-status', s)\n"})
    assert detect(tmp_path).auth_routes.value == ()
