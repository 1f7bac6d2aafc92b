"""`python -m identity.migrate`: bring the auth's tables up to date (Alembic, every head).

The auth keeps its own Alembic history (identity/migrations, version table
`identity_alembic_version`), apart from any history the application has.
"""

from pathlib import Path

from alembic import command
from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def main() -> None:
    command.upgrade(alembic_config(), "heads")


if __name__ == "__main__":
    main()
