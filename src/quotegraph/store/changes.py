"""Whether a store changed since it was last asked, cheaply enough to ask on every request.

For a SQLite file, ``PRAGMA data_version`` read on a connection of its own
changes whenever any other connection, in this process or another, commits:
a correction made through the web server and a ``quotegraph run`` in another
terminal alike. Other stores (in memory, or another database) have no such
counter, and the caller falls back to forgetting answers after a while.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from sqlalchemy import make_url
from sqlalchemy.exc import ArgumentError

from quotegraph.store.connect import MEMORY


class ChangeCounter:
    """Call it for a number that differs after every commit to the store; None if unknown.

    The number only means something compared with an earlier one from the same
    counter, so all threads ask through its one read-only connection.
    """

    def __init__(self, target: str | Path) -> None:
        path = _sqlite_file(str(target))
        self._connection: sqlite3.Connection | None = None
        if path is not None and path.is_file():
            self._connection = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
            )
        self._lock = threading.Lock()

    def __call__(self) -> int | None:
        if self._connection is None:
            return None
        with self._lock:
            try:
                row = self._connection.execute("PRAGMA data_version").fetchone()
            except sqlite3.Error:
                return None
        return int(row[0])


def _sqlite_file(target: str) -> Path | None:
    if target == MEMORY:
        return None
    if "://" not in target:
        return Path(target)
    try:
        url = make_url(target)
    except ArgumentError:
        return None
    if url.get_backend_name() != "sqlite" or url.database in (None, "", MEMORY):
        return None
    return Path(url.database)
