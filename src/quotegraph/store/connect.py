"""Opening the database behind a store: a file, memory, or a SQLAlchemy URL.

SQLite connections are set up so that every transaction really is one
(SQLAlchemy emits BEGIN, including around schema changes), foreign keys are
enforced, and file databases use write-ahead logging so that readers on their
own connections never block the writer.
"""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Connection, Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from quotegraph.errors import StoreError

MEMORY = ":memory:"


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
            engine = create_engine(make_url(target), json_serializer=serializer)
        except (ArgumentError, ImportError) as exc:
            raise StoreError(
                f"{target}: not a database URL this installation can open ({exc})"
            ) from exc
    if engine.dialect.name == "sqlite":
        _set_up_sqlite(engine, wal=engine.url.database not in (None, "", MEMORY))
    return engine


def reason(exc: SQLAlchemyError) -> str:
    """The database's own words for an error, without the SQL around them."""
    if isinstance(exc, DBAPIError):
        return str(exc.orig)
    return str(exc).splitlines()[0]


def _set_up_sqlite(engine: Engine, *, wal: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: object) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        if wal:
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN")
