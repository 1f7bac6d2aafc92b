"""`flask auth migrate`: the auth's Alembic revisions, in a version table of their own."""

from pathlib import Path

import click
from alembic import command
from alembic.config import Config

from . import settings
from .db import sqlalchemy_url

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", sqlalchemy_url(settings.DATABASE_URL).replace("%", "%%"))
    return config


@click.group()
def auth() -> None:
    """The auth's database."""


@auth.command()
def migrate() -> None:
    """Apply every auth migration this mode has (each feature is a branch of its own: `heads`)."""
    command.upgrade(alembic_config(), "heads")
