"""Alembic's environment for the auth's tables; its version table is its own (auth_alembic_version),
so an application's own Alembic history is never touched."""

from alembic import context
from sqlalchemy import create_engine

VERSION_TABLE = "auth_alembic_version"


def run_migrations() -> None:
    url = context.config.get_main_option("sqlalchemy.url", "")
    if context.is_offline_mode():
        context.configure(url=url, version_table=VERSION_TABLE, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(url)
    with engine.connect() as connection:
        context.configure(connection=connection, version_table=VERSION_TABLE)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations()
