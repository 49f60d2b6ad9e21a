"""Alembic environment: runs migrations on the engine handed in by `feeds.store.engine`."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from feeds.store import tables  # noqa: F401 - registers the tables on the metadata
from sqlmodel import SQLModel

target_metadata = SQLModel.metadata


def run_migrations_online() -> None:
    """Migrate through the engine given in the config, else one made from its URL."""
    config = context.config
    engine = config.attributes.get("engine") or create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect().execution_options(write=True) as connection:
        context.configure(connection=connection, target_metadata=target_metadata,
                          render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
