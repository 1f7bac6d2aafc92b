"""Alembic's environment for the auth's tables, run by `python -m identity.migrate`."""

from alembic import context

import identity.models  # noqa: F401 (registers every table on Base.metadata)
from identity.database import Base, engine

VERSION_TABLE = "identity_alembic_version"


def run_offline() -> None:
    context.configure(url=engine.url, target_metadata=Base.metadata, version_table=VERSION_TABLE, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=Base.metadata, version_table=VERSION_TABLE)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
