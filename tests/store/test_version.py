"""The store's version: it moves with every commit, whoever makes it, and only then."""

from __future__ import annotations

from pathlib import Path

from quotegraph.store import Store, open_store


def test_version_moves_with_commits_by_another_connection(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    with open_store(path) as watched, open_store(path) as other:
        before = watched.version()
        assert before is not None and watched.version() == before
        other.set_aliases(other.aliases())
        after = watched.version()
        assert after != before
        assert watched.version() == after


def test_version_moves_with_the_stores_own_writes(tmp_path: Path) -> None:
    with open_store(tmp_path / "news.db") as store:
        before = store.version()
        store.set_aliases(store.aliases())
        assert store.version() != before


def test_a_store_in_memory_or_on_a_server_cannot_tell(store: Store) -> None:
    """The store fixture: SQLite in memory, and PostgreSQL when its server runs."""
    assert store.version() is None
