"""How stores are named in messages."""

from __future__ import annotations

from pathlib import Path

from quotegraph.store import safe_name


def test_store_names_in_messages_never_show_a_password(tmp_path: Path) -> None:
    named = safe_name("postgresql+psycopg://editor:s3cret@db.example/news")
    assert "s3cret" not in named and "editor" in named and "db.example/news" in named
    assert safe_name(tmp_path / "news.db") == str(tmp_path / "news.db")
