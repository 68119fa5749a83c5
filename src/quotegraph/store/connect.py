"""Opening the database behind a store: a file, memory, or a SQLAlchemy URL.

SQLite connections are set up so that every transaction really is one
(SQLAlchemy emits BEGIN, including around schema changes), foreign keys are
enforced, and file databases use write-ahead logging so that readers on their
own connections never block the writer. Readers of a file come from an engine
of their own whose connections cannot write and keep more of the file in
memory (a larger page cache, and the file mapped rather than read).

PostgreSQL (``postgresql://`` URLs, through psycopg) needs none of that; its
readers are read-only transactions that each see one snapshot, as on SQLite,
and its writers take a lock for their transaction, so that two runs on one
database write one after the other as they would on a SQLite file.
"""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Connection, Engine, create_engine, event, func, make_url, select
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from quotegraph.errors import StoreError

MEMORY = ":memory:"

# Per reader connection: pages kept in its cache (negative: KiB), bytes of the file mapped.
READER_CACHE_KIB = 32_768
READER_MMAP_BYTES = 256 * 1024 * 1024

# The key of the PostgreSQL advisory lock a writer holds for its transaction.
WRITER_LOCK = 0x71756F7465  # "quote"

POSTGRES_DRIVER = "postgresql+psycopg"


def create_store_engine(target: str | Path) -> Engine:
    """An engine for ``target``: a file path (created if missing), ":memory:" or a URL."""
    serializer = partial(json.dumps, ensure_ascii=False)
    if isinstance(target, str) and target == MEMORY:
        engine = create_engine(
            "sqlite://",
            poolclass=StaticPool,
            connect_args={"check_same_thread": False},
            json_serializer=serializer,
        )
    elif isinstance(target, Path) or "://" not in target:
        path = Path(target)
        if not path.parent.is_dir():
            raise StoreError(
                f"{path.parent}: no such folder for the database; create it or choose another path"
            )
        engine = create_engine(
            URL.create("sqlite", database=str(path)),
            connect_args={"check_same_thread": False},
            json_serializer=serializer,
        )
    else:
        try:
            url = make_url(target)
            if url.drivername in ("postgres", "postgresql"):
                url = url.set(drivername=POSTGRES_DRIVER)
            engine = create_engine(url, json_serializer=serializer)
        except ImportError as exc:
            raise StoreError(
                f"{safe_name(target)}: cannot load the database driver ({exc}); "
                "for PostgreSQL: pip install 'quotegraph[postgres]'"
            ) from exc
        except ArgumentError as exc:
            raise StoreError(
                f"{safe_name(target)}: not a database URL this installation can open ({exc})"
            ) from exc
    if engine.dialect.name == "sqlite":
        _set_up_sqlite(engine, wal=engine.url.database not in (None, "", MEMORY))
    return engine


def create_reader_engine(engine: Engine) -> Engine:
    """An engine for reading what ``engine`` writes: read-only connections to a SQLite file,
    read-only snapshot transactions on PostgreSQL.

    An in-memory database has one connection, and other databases their own
    settings, so for them the writer's engine is returned.
    """
    database = engine.url.database
    if engine.dialect.name == "postgresql":
        return engine.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
    if engine.dialect.name != "sqlite" or database in (None, "", MEMORY):
        return engine
    readers = create_engine(
        engine.url,
        connect_args={"check_same_thread": False},
        json_serializer=partial(json.dumps, ensure_ascii=False),
    )
    _set_up_sqlite(readers, wal=False, reader=True)
    return readers


def lock_writes(connection: Connection) -> None:
    """Make the transaction begun on ``connection`` the database's only writer until it ends.

    SQLite allows one writer at a time by itself; PostgreSQL is asked to, with
    an advisory lock that its transaction releases.
    """
    if connection.dialect.name == "postgresql":
        connection.execute(select(func.pg_advisory_xact_lock(WRITER_LOCK)))


def safe_name(target: str | Path) -> str:
    """How to name a store in messages: its path, or its URL without the password."""
    if isinstance(target, Path) or "://" not in target:
        return str(target)
    try:
        return make_url(target).render_as_string(hide_password=True)
    except ArgumentError:
        return target


def reason(exc: SQLAlchemyError) -> str:
    """The database's own words for an error, without the SQL around them."""
    if isinstance(exc, DBAPIError):
        return str(exc.orig)
    return str(exc).splitlines()[0]


def _set_up_sqlite(engine: Engine, *, wal: bool, reader: bool = False) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: object) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        if wal:
            cursor.execute("PRAGMA journal_mode = WAL")
        if reader:
            cursor.execute("PRAGMA query_only = ON")
            cursor.execute(f"PRAGMA cache_size = -{READER_CACHE_KIB}")
            cursor.execute(f"PRAGMA mmap_size = {READER_MMAP_BYTES}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN")
