"""The change counter: it moves with every commit, whoever makes it, and only then."""

from __future__ import annotations

from pathlib import Path

from quotegraph.store import open_store, safe_name
from quotegraph.store.changes import ChangeCounter
from quotegraph.store.connect import MEMORY


def test_counter_moves_with_commits_by_other_connections(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    with open_store(path) as store:
        counter = ChangeCounter(path)
        before = counter()
        assert before is not None and counter() == before
        store.set_aliases(store.aliases())
        assert counter() != before


def test_counter_knows_nothing_of_memory_or_missing_stores(tmp_path: Path) -> None:
    assert ChangeCounter(MEMORY)() is None
    assert ChangeCounter(tmp_path / "absent.db")() is None
    assert ChangeCounter("postgresql+psycopg://reader@/news")() is None


def test_store_names_in_messages_never_show_a_password(tmp_path: Path) -> None:
    named = safe_name("postgresql+psycopg://editor:s3cret@db.example/news")
    assert "s3cret" not in named and "editor" in named and "db.example/news" in named
    assert safe_name(tmp_path / "news.db") == str(tmp_path / "news.db")
