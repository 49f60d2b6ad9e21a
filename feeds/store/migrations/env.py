"""Alembic environment: runs migrations on the engine handed in by `feeds.store.engine`.

On SQLite, foreign keys are off while migrating: batch operations rebuild a
table (copy, drop, rename), which would otherwise trip the references to it.
They are checked afterwards (`PRAGMA foreign_key_check`) and turned back on.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine
from sqlmodel import SQLModel

from feeds.store import tables  # noqa: F401 - registers the tables on the metadata

target_metadata = SQLModel.metadata


def _sqlite_foreign_keys(connection: Connection, on: bool) -> None:
    """Outside any transaction, as SQLite requires for this pragma."""
    raw = connection.connection.driver_connection
    raw.execute(f"PRAGMA foreign_keys = {'ON' if on else 'OFF'}")


def run_migrations_online() -> None:
    """Migrate through the engine given in the config, else one made from its URL."""
    config = context.config
    engine = (config.attributes.get("engine")
              or create_engine(config.get_main_option("sqlalchemy.url")))
    with engine.connect().execution_options(write=True) as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            _sqlite_foreign_keys(connection, on=False)
        try:
            context.configure(connection=connection, target_metadata=target_metadata,
                              render_as_batch=True, include_name=tables.modelled)
            with context.begin_transaction():
                context.run_migrations()
                if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise RuntimeError("a migration left rows that break a foreign key")
        finally:
            if sqlite:
                connection.commit()
                _sqlite_foreign_keys(connection, on=True)


run_migrations_online()
