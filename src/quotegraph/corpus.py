"""The Corpus: a store of analysed articles and everything done with it.

This is the API that the command line and the web face call: add articles,
query quotes and speakers, export, and read what past runs did.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, TextIO

from quotegraph.actors.aliases import AliasBook, read_alias_file
from quotegraph.errors import UsageError
from quotegraph.export import export_attribution_jsonl, export_csv, export_jsonl
from quotegraph.settings import Options
from quotegraph.store import (
    ActorProfile,
    Correction,
    FailureRow,
    QuoteQuery,
    QuoteRow,
    SpeakerRow,
    Store,
    StoreStats,
    open_store,
)
from quotegraph.store import corrections as correction_step

if TYPE_CHECKING:
    from quotegraph import pipeline

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
        # Imported here: the language pipeline is large, and reading a corpus needs none of it.
        from quotegraph import pipeline

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

    # Actors

    def actors(self, *, limit: int | None = None, search: str | None = None) -> list[SpeakerRow]:
        """Corpus actors, most quoted first; ``search`` matches part of any of their names."""
        return self.store.speakers(limit=limit, search=search)

    def actor(self, key: str) -> ActorProfile | None:
        """One actor's profile by id or any of its names (any case); None if none or several."""
        return self.store.actor_profile(key)

    def statement(self, quote_id: str) -> list[QuoteRow]:
        """Every occurrence of the statement a quote belongs to (the same words), earliest first."""
        return self.store.statement(quote_id)

    def rebuild_actors(self) -> int:
        """Rerun the corpus actor step, aliases and corrections included; return the actor count."""
        return self.store.rebuild_actors()

    def set_aliases(self, aliases: AliasBook | str | Path | None, *, rebuild: bool = True) -> None:
        """Use an alias file (a path, a parsed book, or None to drop it) from now on."""
        if aliases is None:
            book = AliasBook()
        elif isinstance(aliases, AliasBook):
            book = aliases
        else:
            book = read_alias_file(aliases)
        self.store.set_aliases(book, rebuild=rebuild)

    def aliases(self) -> AliasBook:
        """The alias file the corpus steps use."""
        return self.store.aliases()

    # Review and corrections

    def review_queue(self, *, limit: int = 50, max_confidence: float = 0.6) -> list[QuoteRow]:
        """Quotes nobody has reviewed or rejected, whose quote or speaker is least sure first."""
        return self.store.review_queue(limit=limit, max_confidence=max_confidence)

    def correct_speaker(self, quote_id: str, actor: str) -> Correction:
        """Say who said a quote: an actor id, a name or alias, or a new name (a new actor)."""
        return self.store.correct(
            "speaker",
            lambda db: (
                correction_step.quote_speaker(db, quote_id).id,
                correction_step.speaker_value(db, actor),
            ),
        )

    def reject_quote(self, quote_id: str) -> Correction:
        """Mark a quote as not a quote: it leaves every query and export, and stays stored."""
        return self.store.mark_quote(quote_id, "reject")

    def accept_quote(self, quote_id: str) -> Correction:
        """Mark a quote as reviewed and right: it leaves the review queue."""
        return self.store.mark_quote(quote_id, "accept")

    def merge_actors(self, keep: str, others: Sequence[str]) -> Correction:
        """Make ``others`` one actor with ``keep`` (ids or names)."""
        return self.store.correct(
            "merge", lambda db: correction_step.merge_value(db, keep, list(others))
        )

    def split_actor(self, actor: str, *, quote_ids: Sequence[str], name: str) -> Correction:
        """Move these quotes of an actor, with the entities that said them, to a new actor."""
        return self.store.correct(
            "split", lambda db: correction_step.split_value(db, actor, list(quote_ids), name)
        )

    def rename_actor(self, actor: str, name: str) -> Correction:
        """Give an actor another name (its old names stay among its aliases)."""
        return self.store.correct(
            "rename", lambda db: correction_step.rename_value(db, actor, name)
        )

    def corrections(self, *, include_undone: bool = False) -> list[Correction]:
        """The corrections made so far, oldest first."""
        return self.store.corrections(include_undone=include_undone)

    def undo(self, correction_id: int) -> Correction:
        """Undo a correction: the actor step reruns without it."""
        return self.store.undo_correction(correction_id)

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
