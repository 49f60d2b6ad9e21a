"""Rules of the house: `feeds` never imports textual; the schema equals its migrations."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

import feeds
from feeds.store import Store
from feeds.store import tables  # noqa: F401


def test_feeds_never_imports_textual() -> None:
    modules = [m.name for m in pkgutil.walk_packages(feeds.__path__, "feeds.")]
    code = ("import importlib, sys\n"
            f"for name in {modules!r}:\n    importlib.import_module(name)\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert len(modules) > 15
    assert result.stdout.strip() == "[]"


def test_migrations_build_exactly_the_tables(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'm.db'}")
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
        journal = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
        foreign = conn.exec_driver_sql("PRAGMA foreign_keys").scalar()
    assert diff == []
    assert (journal, foreign) == ("wal", 1)
