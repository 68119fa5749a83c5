"""The store opens in Datasette, with full-text search over quotes working."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from quotegraph.corpus import Corpus

datasette_app = pytest.importorskip("datasette.app", reason="Datasette is not installed")

# What docs/web.md tells people to put in metadata.json.
METADATA = {
    "databases": {"web": {"tables": {"quotes": {"fts_table": "quotes_fts", "fts_pk": "sort_key"}}}}
}


def test_datasette_searches_quotes(corpus: Corpus, tmp_path: Path) -> None:
    """The FTS table answers ?_search= directly, and the quotes table does with the metadata."""
    db = tmp_path / "web.db"

    async def search() -> tuple[Any, Any, Any]:
        datasette = datasette_app.Datasette([str(db)], metadata=METADATA)
        await datasette.invoke_startup()
        fts = await datasette.client.get("/web/quotes_fts.json?_search=cranes&_shape=objects")
        table = await datasette.client.get(
            "/web/quotes.json?_search=harbour&_shape=objects&_col=content_text"
        )
        sql = await datasette.client.get(
            "/web.json?_shape=objects&sql="
            "select+quotes.content_text+from+quotes_fts+join+quotes+on+quotes.sort_key+%3D+quotes_fts.rowid"
            "+where+quotes_fts+match+%3Aq&q=marina"
        )
        return fts.json(), table.json(), sql.json()

    fts, table, sql = asyncio.run(search())
    assert [row["content_text"] for row in fts["rows"]] == ["the cranes had arrived"]
    assert sorted(row["content_text"] for row in table["rows"]) == [
        "The harbour wall will be ready in May,",
        "the harbour plan was sound",
    ]
    assert ["marina" in row["content_text"].lower() for row in sql["rows"]] == [True]
