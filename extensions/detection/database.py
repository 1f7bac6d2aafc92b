"""The database engine and ORM the project already uses."""

from __future__ import annotations

import re
from collections import defaultdict

from .model import Confidence, Finding
from .packages import Packages, provides
from .sources import Sources

SUPPORTED = ("sqlite", "postgresql", "mysql")
LABELS = {
    "sqlite": "SQLite",
    "postgresql": "PostgreSQL",
    "mysql": "MySQL",
    "mongodb": "MongoDB",
    "sqlserver": "SQL Server",
}

# (ecosystem, package) -> engine; a driver is evidence, an explicit setting is stronger.
DRIVERS: dict[tuple[str, str], str] = {
    ("python", "psycopg"): "postgresql", ("python", "psycopg2"): "postgresql",
    ("python", "psycopg2-binary"): "postgresql", ("python", "asyncpg"): "postgresql",
    ("python", "mysqlclient"): "mysql", ("python", "pymysql"): "mysql",
    ("python", "mysql-connector-python"): "mysql", ("python", "aiomysql"): "mysql",
    ("python", "aiosqlite"): "sqlite", ("python", "pymongo"): "mongodb", ("python", "motor"): "mongodb",
    ("python", "mongoengine"): "mongodb", ("python", "djongo"): "mongodb", ("python", "beanie"): "mongodb",
    ("npm", "pg"): "postgresql", ("npm", "postgres"): "postgresql", ("npm", "@neondatabase/serverless"): "postgresql",
    ("npm", "mysql"): "mysql", ("npm", "mysql2"): "mysql", ("npm", "better-sqlite3"): "sqlite",
    ("npm", "sqlite3"): "sqlite", ("npm", "@libsql/client"): "sqlite",
    ("npm", "mongoose"): "mongodb", ("npm", "mongodb"): "mongodb",
    ("go", "github.com/jackc/pgx"): "postgresql", ("go", "github.com/lib/pq"): "postgresql",
    ("go", "gorm.io/driver/postgres"): "postgresql", ("go", "github.com/go-sql-driver/mysql"): "mysql",
    ("go", "gorm.io/driver/mysql"): "mysql", ("go", "modernc.org/sqlite"): "sqlite",
    ("go", "github.com/mattn/go-sqlite3"): "sqlite", ("go", "gorm.io/driver/sqlite"): "sqlite",
    ("go", "go.mongodb.org/mongo-driver"): "mongodb",
    ("csproj", "Npgsql"): "postgresql", ("csproj", "Pomelo.EntityFrameworkCore.MySql"): "mysql",
    ("csproj", "MySql.EntityFrameworkCore"): "mysql", ("csproj", "MySqlConnector"): "mysql",
    ("csproj", "Microsoft.EntityFrameworkCore.Sqlite"): "sqlite", ("csproj", "Microsoft.Data.Sqlite"): "sqlite",
    ("csproj", "Microsoft.EntityFrameworkCore.SqlServer"): "sqlserver", ("csproj", "MongoDB.Driver"): "mongodb",
}  # fmt: skip

ORMS: dict[tuple[str, str], str] = {
    ("python", "django"): "Django ORM", ("python", "sqlalchemy"): "SQLAlchemy",
    ("python", "flask-sqlalchemy"): "SQLAlchemy", ("python", "sqlmodel"): "SQLModel",
    ("python", "tortoise-orm"): "Tortoise ORM", ("python", "peewee"): "Peewee",
    ("python", "mongoengine"): "MongoEngine",
    ("npm", "prisma"): "Prisma", ("npm", "@prisma/client"): "Prisma", ("npm", "sequelize"): "Sequelize",
    ("npm", "typeorm"): "TypeORM", ("npm", "mongoose"): "Mongoose", ("npm", "knex"): "Knex",
    ("npm", "kysely"): "Kysely", ("npm", "drizzle-orm"): "Drizzle", ("npm", "@mikro-orm/core"): "MikroORM",
    ("go", "gorm.io/gorm"): "GORM", ("go", "entgo.io/ent"): "ent", ("go", "github.com/jmoiron/sqlx"): "sqlx",
    ("csproj", "Microsoft.EntityFrameworkCore"): "Entity Framework Core",
    ("csproj", "Npgsql.EntityFrameworkCore"): "Entity Framework Core",
    ("csproj", "Pomelo.EntityFrameworkCore"): "Entity Framework Core",
    ("composer", "laravel/framework"): "Eloquent", ("composer", "doctrine/orm"): "Doctrine",
}  # fmt: skip
ORM_FILES = {"schema.prisma": "Prisma", "sqlc.yaml": "sqlc", "sqlc.yml": "sqlc", "sqlc.json": "sqlc"}

URL_SCHEMES = {"postgres": "postgresql", "postgresql": "postgresql", "mysql": "mysql", "mariadb": "mysql",
               "sqlite": "sqlite", "mongodb": "mongodb", "mongodb+srv": "mongodb"}  # fmt: skip
# Explicit settings, each capturing an engine name.
SETTINGS = (
    re.compile(r"django\.db\.backends\.(postgresql|postgresql_psycopg2|mysql|sqlite3)\b"),
    re.compile(r"\b(postgres(?:ql)?|mysql|mariadb|sqlite|mongodb(?:\+srv)?)(?:\+\w+)?://"),
    re.compile(r"datasource\s+\w+\s*\{[^}]*?provider\s*=\s*\"(\w+)\"", re.DOTALL),
    re.compile(r"^\s*DB_CONNECTION\s*=\s*[\"']?(pgsql|mysql|mariadb|sqlite|sqlsrv|mongodb)\b", re.MULTILINE),
    re.compile(r"^\s*image:\s*[\"']?(?:docker\.io/)?(?:library/)?(postgres|mysql|mariadb|mongo)\b", re.MULTILINE),
)
ENGINE_NAMES = {"postgresql_psycopg2": "postgresql", "sqlite3": "sqlite", "pgsql": "postgresql", "mongo": "mongodb",
                "sqlsrv": "sqlserver", "cockroachdb": "postgresql", **URL_SCHEMES}  # fmt: skip


def detect_database(packages: Packages, sources: Sources) -> Finding:
    votes: dict[str, list[str]] = defaultdict(list)
    for source in sources.everything:
        for pattern in SETTINGS:
            for found in {match.group(1) for match in pattern.finditer(source.text)}:
                engine = ENGINE_NAMES.get(found.lower(), found.lower())
                votes[engine] += [f"{source.rel}"] * 2  # an explicit setting outweighs a driver
    for folder in packages.folders():
        for (kind, name), engine in DRIVERS.items():
            if provides(kind, packages.of(kind, folder), name):
                votes[engine].append(f"{name} in {folder}/" if folder != "." else name)
    if not votes:
        return Finding(None)
    ranked = sorted(votes.items(), key=lambda item: len(item[1]), reverse=True)
    engine, evidence = ranked[0]
    confidence = Confidence.HIGH
    note = ", ".join(dict.fromkeys(evidence))
    if len(ranked) > 1:
        rival, rival_evidence = ranked[1]
        confidence = Confidence.LOW if len(rival_evidence) == len(evidence) else Confidence.MEDIUM
        note += f"; but also {LABELS.get(rival, rival)}"
    if engine not in SUPPORTED:
        note += f"; {LABELS.get(engine, engine)} is not supported yet"
    return Finding(engine, confidence, note)


def detect_orm(packages: Packages) -> Finding:
    found: dict[str, str] = {}
    for folder in packages.folders():
        for (kind, name), orm in ORMS.items():
            if provides(kind, packages.of(kind, folder), name):
                found.setdefault(orm, name)
    for name, orm in ORM_FILES.items():
        if packages.tree.named(name):
            found.setdefault(orm, name)
    if not found:
        return Finding(None)
    return Finding(", ".join(sorted(found)), Confidence.HIGH, ", ".join(sorted(set(found.values()))))
