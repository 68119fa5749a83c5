"""The public face of quotegraph.ingest."""

from __future__ import annotations

import quotegraph.ingest


def test_ingest_exports() -> None:
    """The package exports exactly its documented names."""
    assert sorted(quotegraph.ingest.__all__) == [
        "DocumentFormat",
        "READERS",
        "Reader",
        "SourceDocument",
        "content_hash",
        "discover",
        "read_documents",
    ]


def test_every_reader_is_documented() -> None:
    """Each extension's reader says what it reads."""
    for reader in quotegraph.ingest.READERS.values():
        assert reader.__doc__
