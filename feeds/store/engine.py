"""Engines built from settings, never at import time; migrations to head.

Contract: `make_engine(url)` returns a SQLAlchemy engine. On SQLite it turns on
WAL, a busy timeout, foreign keys and synchronous=NORMAL for every connection,
and takes over pysqlite's transaction handling so that a connection opened with
`write=True` execution option begins with BEGIN IMMEDIATE (the write lock is
taken up front, so two writers queue instead of failing half-way); a SQLite file's folder
must exist unless it is the default data folder. `migrate` brings the schema to the
newest Alembic revision; `StorageError` carries a one-line message that says what to do
(`describe_open_error` for a database that cannot be opened at all).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, make_url, text
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

BUSY_TIMEOUT_MS = 15_000
MIGRATIONS = Path(__file__).with_name("migrations")


class StorageError(Exception):
    """A storage problem, phrased for the user in one line."""


def make_engine(url: str, *, create_folder: bool = False) -> Engine:
    """An engine for `url`; SQLite files get their pragmas set, and their folder created
    with `create_folder` (the default data folder), else a missing folder is an error."""
    if url.startswith("sqlite"):
        return _sqlite_engine(url, create_folder)
    return create_engine(url, pool_pre_ping=True)


def describe_open_error(url: str, exc: Exception) -> str:
    """One line for a database that cannot be opened: a driver that is not installed, a
    URL no driver reads, a server that does not answer."""
    shown = _shown(url)
    if isinstance(exc, ImportError) or "Can't load plugin" in str(exc):
        missing = f" ({exc.name} is missing)" if isinstance(exc, ImportError) and exc.name else ""
        return (f"{shown}: no driver for this database{missing}; Wirewatch runs on SQLite and "
                "PostgreSQL (pip install 'wirewatch[postgres]' for a postgresql+psycopg:// URL)")
    first = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or [type(exc).__name__])[0]
    if isinstance(exc, DBAPIError):
        return (f"cannot reach the database {shown}: {first}; check that the server runs and "
                "the URL (--db, WIREWATCH_DB or [storage] url)")
    return f"cannot open the database {shown}: {first}"


def _shown(url: str) -> str:
    """The URL without its password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - an unreadable URL is shown as given, less a password
        return url.split("@")[-1] if "@" in url else url


def _sqlite_file(url: str) -> Path | None:
    """The file a SQLite URL names (for an SQLite URI filename, `file:PATH?...`, its
    path), or None for a database in memory."""
    database = make_url(url).database or ""
    if database.startswith("file:"):
        database = urlsplit(database).path
    return Path(database) if database and database != ":memory:" else None


def _sqlite_engine(url: str, create_folder: bool) -> Engine:
    path = _sqlite_file(url)
    if path is not None and not path.parent.is_dir():
        if not create_folder:
            raise StorageError(f"{path.parent}: no such folder for the database {path.name} "
                               "(create it, or give another path with --db, WIREWATCH_DB or "
                               "[storage] url)")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(f"cannot create the database folder for {path}: "
                               f"{exc.strerror}") from None
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000,
                                              "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if path is not None:
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get("write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def alembic_config(engine: Engine) -> Config:
    """An Alembic configuration pointing at our migrations and this engine."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    url = engine.url.render_as_string(hide_password=False)
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))  # configparser escaping
    config.attributes["engine"] = engine
    return config


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None for an empty database)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


MIGRATION_LOCK_KEY = 0x5757_0002
"""The PostgreSQL advisory lock that lets one process at a time migrate."""


def migrate(engine: Engine) -> None:
    """Bring the schema to head; refuse a database written by a newer version.
    Processes starting together take turns (PostgreSQL advisory lock; on SQLite the
    migration's BEGIN IMMEDIATE)."""
    if engine.dialect.name != "postgresql":
        _migrate(engine)
        return
    with engine.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        conn.commit()
        try:
            _migrate(engine)
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK_KEY})
            conn.commit()


def _migrate(engine: Engine) -> None:
    config = alembic_config(engine)
    scripts = ScriptDirectory.from_config(config)
    try:
        current = current_revision(engine)
        known = {script.revision for script in scripts.walk_revisions()}
        if current is not None and current not in known:
            raise StorageError(
                f"the database {engine.url.database} was written by a newer Wirewatch "
                f"(schema {current}); upgrade Wirewatch or point --db at another file")
        if current != scripts.get_current_head():
            command.upgrade(config, "head")
    except StorageError:
        raise
    except Exception as exc:  # noqa: BLE001 - alembic raises many kinds
        raise StorageError(describe_storage_error(exc, engine)) from None


def describe_storage_error(exc: BaseException, engine: Engine) -> str:
    """One line saying what went wrong with the database and what to do."""
    where = engine.url.database or engine.url.render_as_string(hide_password=True)
    text = (str(getattr(exc, "orig", None) or exc).splitlines()[0] if str(exc)
            else type(exc).__name__)
    lowered = text.lower()
    if "readonly" in lowered or "read-only" in lowered:
        return f"the database {where} is read-only: check its permissions or use --db"
    if "disk is full" in lowered or "no space" in lowered:
        return f"the disk holding {where} is full: free some space and run again"
    if "not a database" in lowered or "malformed" in lowered:
        return f"{where} is not a Wirewatch database or is corrupt: move it aside or use --db"
    if "unable to open" in lowered:
        return f"cannot open the database {where}: check the path and permissions, or use --db"
    if isinstance(exc, (DBAPIError, SQLAlchemyError)):
        return f"database error on {where}: {text}"
    return f"cannot prepare the database {where}: {text}"
