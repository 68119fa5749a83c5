"""The Store: analysed articles in one database, one writer and readers beside it.

All writes go through the store's single writer connection, one transaction
per call, so an interrupted run never leaves half an article, and adding an
article twice is a no-op keyed by its content hash. Reads use their own
connections, one per thread at a time, which on a SQLite file (write-ahead log)
never wait for the writer and cannot write.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, Engine, Table, exists, func, insert, or_, select, update
from sqlalchemy.exc import SQLAlchemyError

from quotegraph.actors.aliases import AliasBook
from quotegraph.errors import StoreError, UsageError
from quotegraph.records import Analysis
from quotegraph.store import actors as actor_step
from quotegraph.store import convert
from quotegraph.store import corrections as correction_step
from quotegraph.store import query as quote_query
from quotegraph.store.connect import (
    create_reader_engine,
    create_store_engine,
    lock_writes,
    reason,
    safe_name,
)
from quotegraph.store.convert import Row
from quotegraph.store.migrations import migrate
from quotegraph.store.newest import set_article_keys
from quotegraph.store.query import QuoteQuery
from quotegraph.store.rows import (
    ActorProfile,
    ArticleRow,
    Correction,
    FailureRow,
    QuoteRow,
    RunRow,
    SpeakerRow,
    StoreStats,
)
from quotegraph.store.schema import (
    actors,
    articles,
    entities,
    failures,
    mentions,
    quotes,
    removed,
    runs,
)
from quotegraph.store.search import index_article_quotes

log = logging.getLogger(__name__)

# What PostgreSQL stores for a NUL character, which its text cannot hold.
NUL_STAND_IN = "\ufffd"


def open_store(target: str | Path) -> Store:
    """Open (creating or migrating as needed) the store at a file path, ":memory:" or a URL.

    A URL may name a PostgreSQL database (``postgresql://user@host/name``),
    which must exist; the store creates its tables there.
    """
    engine = create_store_engine(target)
    name = safe_name(target)
    writer: Connection | None = None
    try:
        writer = engine.connect()
        applied = migrate(writer)
    except (SQLAlchemyError, StoreError) as exc:
        if writer is not None:
            writer.close()
        engine.dispose()
        if isinstance(exc, StoreError):
            raise
        if engine.dialect.name == "sqlite":
            raise StoreError(
                f"{name}: cannot open as a quotegraph database ({reason(exc)}); "
                "give the path of a new file or of a database quotegraph made"
            ) from exc
        raise StoreError(
            f"{name}: cannot open the database ({reason(exc)}); check that the server "
            "is running and that the URL names a database you may create tables in"
        ) from exc
    if applied:
        log.info("%s: applied schema steps %s", name, ", ".join(applied))
    return Store(engine, writer, name=name)


class Store:
    """Analysed articles, their quotes and actors, and the runs that put them there.

    Use :func:`open_store` to get one; close it when done, or use it as a
    context manager. One Store is one writer: share it, do not open a second
    one on the same file to write.
    """

    def __init__(self, engine: Engine, writer: Connection, *, name: str) -> None:
        self._engine = engine
        self._reader_engine = create_reader_engine(engine)
        self._writer = writer
        self._readers = threading.local()
        self._watcher: Any = None
        self._watcher_lock = threading.Lock()
        self.name = name

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Release the writer and every reader connection."""
        if self._watcher is not None:
            self._watcher.close()
        self._writer.close()
        if self._reader_engine is not self._engine:
            self._reader_engine.dispose()
        self._engine.dispose()

    def version(self) -> int | None:
        """A number that differs after every commit to the store, by anyone; None if unknown.

        On a SQLite file it is ``PRAGMA data_version`` read on a reader
        connection of its own, which moves whenever another connection, in
        this process or another, commits. The number only means something
        beside an earlier one from the same store. A database in memory or on
        a server cannot tell, and gives None.
        """
        if self._dialect != "sqlite" or self._reader_engine is self._engine:
            return None
        with self._watcher_lock:
            if self._watcher is None:
                self._watcher = self._reader_engine.raw_connection()
            cursor = self._watcher.cursor()
            try:
                cursor.execute("PRAGMA data_version")
                return int(cursor.fetchone()[0])
            finally:
                cursor.close()

    # Writing

    def add_analysis(
        self,
        article_id: str,
        analysis: Analysis,
        *,
        format: str,
        encoding: str | None,
        run_id: int | None,
    ) -> bool:
        """Store one analysed article; False, writing nothing, when its id is already stored.

        One transaction per article, so an interrupted run never leaves half of one.
        """
        with self._writing(f"cannot store article {analysis.meta.source or article_id}") as db:
            if db.scalar(select(exists().where(articles.c.id == article_id))):
                return False
            rows = convert.rows_of(
                article_id,
                analysis,
                format=format,
                encoding=encoding,
                run_id=run_id,
                added_at=_now(),
            )
            if self._dialect == "postgresql":
                rows = _without_nul(rows, analysis.meta.source or article_id)
            for table, values in rows:
                if values:
                    db.execute(insert(table), values)
            set_article_keys(db, article_id, analysis.meta.published)
            index_article_quotes(db, article_id)
        return True

    def start_run(self, *, command: str, options: Mapping[str, object], pipeline: str) -> int:
        """Record that a command starts working on the store; return the run id."""
        with self._writing("cannot record the start of a run") as db:
            run_id: int = db.execute(
                insert(runs)
                .values(command=command, options=dict(options), pipeline=pipeline, started=_now())
                .returning(runs.c.id)
            ).scalar_one()
        return run_id

    def finish_run(self, run_id: int, *, summary: Mapping[str, int | float]) -> None:
        """Record that a run ended, with its counts and timings."""
        with self._writing(f"cannot record the end of run {run_id}") as db:
            db.execute(
                update(runs)
                .where(runs.c.id == run_id)
                .values(finished=_now(), summary=dict(summary))
            )

    def record_failure(self, run_id: int, *, source: str, kind: str, reason: str) -> None:
        """Record an input the run could not use, so the run can go on and report it."""
        with self._writing(f"cannot record the failure of {source}") as db:
            db.execute(
                insert(failures).values(
                    run_id=run_id, source=source, kind=kind, reason=reason, at=_now()
                )
            )

    def rebuild_actors(self) -> int:
        """Recompute the corpus actors from the stored entities; return how many there are."""
        with self._writing("cannot rebuild the actors") as db:
            return actor_step.rebuild_actors(db)

    def correct(
        self, kind: str, describe: Callable[[Connection], tuple[str, dict[str, Any]]]
    ) -> Correction:
        """Record a correction and rerun the actor step so it shows at once.

        ``describe`` builds the correction's target and value from the store as
        it is, raising UsageError when it names nothing known; then nothing is written.
        """
        with self._writing(f"cannot record the {kind} correction") as db:
            target, value = describe(db)
            correction = correction_step.add_correction(db, kind, target, value)
            actor_step.rebuild_actors(db)
        return correction

    def mark_quote(self, quote_id: str, kind: str) -> Correction:
        """Reject or accept a quote: record it, and set the flag without a full rebuild."""
        with self._writing(f"cannot record the {kind} correction") as db:
            quote = correction_step.quote_speaker(db, quote_id)
            correction = correction_step.add_correction(db, kind, quote_id, {})
            flag = quotes.c.rejected if kind == "reject" else quotes.c.reviewed
            db.execute(update(quotes).where(quotes.c.id == quote_id).values({flag: True}))
            if kind == "reject" and quote.actor_id is not None:
                db.execute(
                    update(actors)
                    .where(actors.c.id == quote.actor_id)
                    .values(
                        quote_count=select(func.count())
                        .where(quotes.c.actor_id == quote.actor_id, quotes.c.rejected.is_(False))
                        .scalar_subquery()
                    )
                )
        return correction

    def undo_correction(self, correction_id: int) -> Correction:
        """Mark a correction undone and rerun the actor step without it."""
        with self._writing(f"cannot undo correction {correction_id}") as db:
            correction = correction_step.mark_undone(db, correction_id)
            actor_step.rebuild_actors(db)
        return correction

    def set_aliases(self, book: AliasBook, *, rebuild: bool = True) -> None:
        """Keep an alias file in the store (an empty one removes it); rerun the actor step."""
        with self._writing("cannot store the alias file") as db:
            correction_step.save_aliases(db, book)
            if rebuild:
                actor_step.rebuild_actors(db)

    # Reading

    def aliases(self) -> AliasBook:
        """The alias file kept in the store (empty when there is none)."""
        with self._reading() as db:
            return actor_step.stored_aliases(db)

    def corrections(self, *, include_undone: bool = False) -> list[Correction]:
        """The corrections, oldest first."""
        with self._reading() as db:
            return correction_step.list_corrections(db, include_undone=include_undone)

    def find_actors(self, key: str) -> list[SpeakerRow]:
        """The actors with this id, or with this name or alias (any case)."""
        with self._reading() as db:
            return correction_step.find_actors(db, key)

    def actor_profile(self, key: str) -> ActorProfile | None:
        """One actor in full, by id or by a name or alias that names only it."""
        with self._reading() as db:
            return correction_step.actor_profile(db, key)

    def review_queue(self, *, limit: int, max_confidence: float) -> list[QuoteRow]:
        """Quotes to review: not reviewed, not rejected, least sure first."""
        with self._reading() as db:
            statement = quote_query.select_review_queue(limit=limit, max_confidence=max_confidence)
            return [quote_query.quote_row(row) for row in db.execute(statement)]

    def mention_actors(self, article_id: str) -> list[tuple[str, str, str | None]]:
        """The mentions of an article as (text, kind, corpus actor id), in text order."""
        statement = (
            select(mentions.c.text, mentions.c.kind, entities.c.actor_id)
            .join(
                entities,
                (entities.c.article_id == mentions.c.article_id)
                & (entities.c.entity_id == mentions.c.entity_id),
            )
            .where(mentions.c.article_id == article_id)
            .order_by(mentions.c.position)
        )
        with self._reading() as db:
            return [(text, kind, actor) for text, kind, actor in db.execute(statement)]

    def statement(self, quote_id: str) -> list[QuoteRow]:
        """Every occurrence of the statement a quote belongs to, earliest first."""
        with self._reading() as db:
            correction_step.quote_speaker(db, quote_id)
            return [
                quote_query.quote_row(row)
                for row in db.execute(quote_query.select_statement(quote_id))
            ]

    def has_article(self, article_id: str) -> bool:
        """Whether an article with this content hash is stored."""
        with self._reading() as db:
            return bool(db.scalar(select(exists().where(articles.c.id == article_id))))

    def load_analysis(self, article_id: str) -> Analysis:
        """The analysis stored under ``article_id``, equal to the one given to add_analysis."""
        with self._reading() as db:
            return _load(db, article_id)

    def iter_analyses(self) -> Iterator[tuple[str, Analysis]]:
        """Every stored analysis with its id, by source then id, read one at a time.

        Exhaust or close the iterator: until then reads in this thread share
        its snapshot of the database.
        """
        with self._reading() as db:
            ids = db.scalars(select(articles.c.id).order_by(articles.c.source, articles.c.id))
            for article_id in ids.all():
                yield article_id, _load(db, article_id)

    def find_quotes(self, query: QuoteQuery) -> list[QuoteRow]:
        """The quotes matching ``query``, newest first unless it asks otherwise."""
        return list(self.iter_quotes(query))

    def iter_quotes(self, query: QuoteQuery) -> Iterator[QuoteRow]:
        """Like :meth:`find_quotes`, one row at a time, for exports of any size.

        Exhaust or close the iterator: until then reads in this thread share
        its snapshot of the database.
        """
        with self._reading() as db:
            statement = quote_query.select_quotes(
                query,
                self._dialect,
                quote_query.speaker_ids(db, query),
                from_hits=quote_query.reads_hits(db, query),
            )
            for row in db.execute(statement):
                yield quote_query.quote_row(row)

    def count_quotes(self, query: QuoteQuery, *, at_most: int | None = None) -> int:
        """How many quotes match ``query``, ignoring its limit and offset.

        With ``at_most`` the count stops there, so that "over 1,000" costs no
        more than reading 1,000 of them.
        """
        with self._reading() as db:
            statement = quote_query.count_quotes(
                query, self._dialect, quote_query.speaker_ids(db, query), at_most=at_most
            )
            return int(db.scalar(statement) or 0)

    def quote_months(self, query: QuoteQuery) -> list[tuple[str, int]]:
        """How many quotes match ``query`` per month ("2021-04"), oldest first; undated left out."""
        with self._reading() as db:
            statement = quote_query.select_months(
                query, self._dialect, quote_query.speaker_ids(db, query)
            )
            return [(month, count) for month, count in db.execute(statement)]

    def outlets(self) -> list[str]:
        """The outlets of the stored articles, each once, in order."""
        statement = (
            select(articles.c.outlet)
            .where(articles.c.outlet.is_not(None))
            .distinct()
            .order_by(articles.c.outlet)
        )
        with self._reading() as db:
            return list(db.scalars(statement))

    def article_quotes(self, article_id: str) -> list[QuoteRow]:
        """The quotes of one article in text order, with their speakers."""
        with self._reading() as db:
            result = db.execute(quote_query.select_article_quotes(article_id))
            return [quote_query.quote_row(row) for row in result]

    def speakers(self, *, limit: int | None = None, search: str | None = None) -> list[SpeakerRow]:
        """The corpus actors, most quoted first (actors never quoted come last).

        ``search`` keeps the actors with it in their name or any alias (any case).
        """
        statement = select(actors).order_by(actors.c.quote_count.desc(), actors.c.name, actors.c.id)
        if search:
            by_alias = select(entities.c.actor_id).where(
                entities.c.name.icontains(search, autoescape=True)
            )
            statement = statement.where(
                or_(
                    actors.c.id == search,
                    actors.c.name.icontains(search, autoescape=True),
                    actors.c.id.in_(by_alias),
                )
            )
        if limit is not None:
            statement = statement.limit(limit)
        with self._reading() as db:
            return [correction_step.speaker_row(row) for row in db.execute(statement).mappings()]

    def articles(self) -> list[ArticleRow]:
        """Every stored article without its text, by source then id."""
        quote_count = (
            select(func.count()).where(quotes.c.article_id == articles.c.id).scalar_subquery()
        )
        columns = [
            column for column in articles.c if column.name not in ("text", "notes", "language")
        ]
        statement = select(*columns, quote_count.label("quote_count")).order_by(
            articles.c.source, articles.c.id
        )
        with self._reading() as db:
            return [
                ArticleRow(**{**row, "authors": tuple(row["authors"])})
                for row in db.execute(statement).mappings()
            ]

    def runs(self) -> list[RunRow]:
        """Every run, oldest first, with how many inputs each could not use."""
        failure_count = select(func.count()).where(failures.c.run_id == runs.c.id).scalar_subquery()
        statement = select(runs, failure_count.label("failure_count")).order_by(runs.c.id)
        with self._reading() as db:
            return [RunRow(**row) for row in db.execute(statement).mappings()]

    def failures(self, run_id: int | None = None) -> list[FailureRow]:
        """The inputs a run could not use, in the order met; None means the latest run."""
        with self._reading() as db:
            if run_id is None:
                run_id = db.scalar(select(func.max(runs.c.id)))
                if run_id is None:
                    return []
            statement = (
                select(
                    failures.c.run_id,
                    failures.c.source,
                    failures.c.kind,
                    failures.c.reason,
                    failures.c.at,
                )
                .where(failures.c.run_id == run_id)
                .order_by(failures.c.id)
            )
            return [FailureRow(**row) for row in db.execute(statement).mappings()]

    def stats(self) -> StoreStats:
        """Counts of articles, quotes and quoted actors, and the latest run's failures."""
        with self._reading() as db:
            last_run = db.scalar(select(func.max(runs.c.id)))
            return StoreStats(
                articles=_count(db, select(func.count()).select_from(articles)),
                quotes=_count(db, select(func.count()).select_from(quotes)),
                speakers=_count(
                    db, select(func.count()).select_from(actors).where(actors.c.quote_count > 0)
                ),
                failures=_count(db, select(func.count()).where(failures.c.run_id == last_run)),
                last_run=last_run,
            )

    @property
    def _dialect(self) -> str:
        return self._engine.dialect.name

    @contextmanager
    def _writing(self, what: str) -> Iterator[Connection]:
        """One transaction on the writer; database errors become a StoreError saying what failed."""
        try:
            with self._writer.begin():
                lock_writes(self._writer)
                yield self._writer
        except SQLAlchemyError as exc:
            raise StoreError(f"{self.name}: {what}: {reason(exc)}") from exc

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        """A reader connection apart from the writer, shared by nested reads in one thread.

        Nested reads (quotes looked up while iterating articles) see the same
        snapshot, and an in-memory database, which has a single connection,
        is never asked to begin a transaction inside another.
        """
        readers = self._readers
        try:
            if not getattr(readers, "users", 0):
                readers.connection = self._reader_engine.connect()
                readers.users = 0
            readers.users += 1
            try:
                yield readers.connection
            finally:
                readers.users -= 1
                if not readers.users:
                    readers.connection.close()
        except SQLAlchemyError as exc:
            raise StoreError(f"{self.name}: cannot read: {reason(exc)}") from exc


def _load(db: Connection, article_id: str) -> Analysis:
    article = db.execute(select(articles).where(articles.c.id == article_id)).mappings().first()
    if article is None:
        raise UsageError(
            f"no article {article_id} in the store; check the id against the articles listed"
        )
    children = [
        db.execute(select(table).where(table.c.article_id == article_id).order_by(table.c.position))
        .mappings()
        .all()
        for table in (removed, entities, mentions, quotes)
    ]
    return convert.analysis_from(article, *children)


def _without_nul(rows: list[tuple[Table, list[Row]]], source: str) -> list[tuple[Table, list[Row]]]:
    """The rows with each NUL in their text made U+FFFD, for PostgreSQL, whose text cannot
    hold NUL; one character for one, so every offset still holds."""
    if not any("\x00" in v for _, values in rows for row in values for v in _texts(row)):
        return rows
    log.warning("%s: NUL characters stored as U+FFFD (PostgreSQL text cannot hold them)", source)
    return [
        (table, [{k: _no_nul(v) for k, v in row.items()} for row in values])
        for table, values in rows
    ]


def _texts(row: Row) -> Iterator[str]:
    return (value for value in row.values() if isinstance(value, str))


def _no_nul(value: Any) -> Any:
    return value.replace("\x00", NUL_STAND_IN) if isinstance(value, str) else value


def _count(db: Connection, statement: Any) -> int:
    return int(db.scalar(statement) or 0)


def _now() -> datetime:
    return datetime.now(UTC)
