"""The Corpus: a store of analysed articles and everything done with it.

This is the API that the command line and the web face call: add articles,
query quotes and speakers, export, and read what past runs did.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import TextIO

from quotegraph import pipeline
from quotegraph.errors import UsageError
from quotegraph.export import export_attribution_jsonl, export_csv, export_jsonl
from quotegraph.settings import Options
from quotegraph.store import (
    FailureRow,
    QuoteQuery,
    QuoteRow,
    SpeakerRow,
    Store,
    StoreStats,
    open_store,
)

DEFAULT_DB = "quotegraph.db"

EXPORTERS: dict[str, Callable[[Store, TextIO], object]] = {
    "jsonl": export_jsonl,
    "csv": export_csv,
    "attribution-jsonl": export_attribution_jsonl,
}


class Corpus:
    """A corpus of analysed articles kept in a store (SQLite by default).

    >>> with Corpus("news.db") as corpus:            # doctest: +SKIP
    ...     corpus.add(["articles/"])
    ...     corpus.quotes(QuoteQuery(speaker="Okonjo-Vale"))
    """

    def __init__(self, target: str | Path = DEFAULT_DB) -> None:
        self.store = open_store(target)

    def __enter__(self) -> Corpus:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the store."""
        self.store.close()

    def add(
        self,
        paths: Sequence[str | Path],
        options: Options | None = None,
        *,
        on_files_found: Callable[[int], None] | None = None,
        on_file_done: Callable[[Path], None] | None = None,
    ) -> pipeline.RunSummary:
        """Ingest and analyse files and folders; already stored articles are skipped."""
        return pipeline.run(
            paths,
            self.store,
            options or Options(),
            on_files_found=on_files_found,
            on_file_done=on_file_done,
        )

    def quotes(self, query: QuoteQuery | None = None) -> list[QuoteRow]:
        """Quotes matching ``query`` (all quotes when it is None), newest first."""
        return self.store.find_quotes(query or QuoteQuery())

    def speakers(self, *, limit: int | None = None) -> list[SpeakerRow]:
        """Speakers with their quote counts, most quoted first."""
        return self.store.speakers(limit=limit)

    def stats(self) -> StoreStats:
        """Counts of articles, quotes and speakers, and the last run's failures."""
        return self.store.stats()

    def failures(self, run_id: int | None = None) -> list[FailureRow]:
        """What failed in a run (the latest when ``run_id`` is None)."""
        return self.store.failures(run_id)

    def export(self, format: str, out: TextIO) -> None:
        """Write the whole corpus to ``out`` as ``jsonl``, ``csv`` or ``attribution-jsonl``."""
        try:
            exporter = EXPORTERS[format]
        except KeyError:
            raise UsageError(
                f"unknown export format {format!r}; choose one of {', '.join(EXPORTERS)}"
            ) from None
        exporter(self.store, out)
