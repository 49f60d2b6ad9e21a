"""Shared fixtures: the repository paths and a fresh database on each storage backend.

`db_url` runs a test on SQLite, and also on PostgreSQL when the environment
variable WIREWATCH_TEST_PG holds an admin URL (`.ci/run` starts a server on
127.0.0.1 and sets it): each test then gets a database of its own, dropped after.
The compiled-pattern cache lives in the session's temporary folder.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
PG_ADMIN_URL = os.environ.get("WIREWATCH_TEST_PG")


@pytest.fixture(autouse=True, scope="session")
def regex_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The compiled-pattern cache (`feeds.extract.regexcache`) in the session's temporary
    folder, for this process and the commands it runs, not in the user's cache."""
    before = os.environ.get("WIREWATCH_CACHE_DIR")
    os.environ["WIREWATCH_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if before is None:
        del os.environ["WIREWATCH_CACHE_DIR"]
    else:
        os.environ["WIREWATCH_CACHE_DIR"] = before


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL: a SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'wirewatch.db'}"
        return
    if not PG_ADMIN_URL:
        pytest.skip("PostgreSQL tests need WIREWATCH_TEST_PG (set by .ci/run)")
    yield from _pg_database(PG_ADMIN_URL)


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL database (skipped without WIREWATCH_TEST_PG)."""
    if not PG_ADMIN_URL:
        pytest.skip("PostgreSQL tests need WIREWATCH_TEST_PG (set by .ci/run)")
    yield from _pg_database(PG_ADMIN_URL)


def _pg_database(admin_url: str) -> Iterator[str]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"ww_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def seed_config(tmp_path: Path) -> Path:
    """A config file that watches the shipped seeds folder (never a copy of it)."""
    path = tmp_path / "config.toml"
    path.write_text(f'[[sources]]\nkind = "folder"\nname = "Seeds"\npath = "{SEEDS}"\n'
                    'interval = 60\n', encoding="utf-8")
    return path
