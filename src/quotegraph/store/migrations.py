"""The schema's history as named steps, applied forward when a store opens.

Each step runs in its own transaction together with its row in
``schema_migrations``, so a database is always at a known step, and holds
the writer's lock, so that two processes opening a new database apply each
step once. Steps are
never edited once released: a change to the schema is a new step at the end.
A step that creates a table builds it from its definition in
:mod:`quotegraph.store.schema`; a later step that changes such a table must
therefore check what is there before altering it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Column, Connection, Table, insert, inspect, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.schema import CreateColumn, CreateIndex

from quotegraph.errors import StoreError
from quotegraph.store import schema
from quotegraph.store.connect import lock_writes, reason
from quotegraph.store.search import create_name_index, create_search_index


@dataclass(frozen=True, slots=True)
class Migration:
    """One named step of the schema."""

    name: str
    apply: Callable[[Connection], None]


def _create(*tables: Table) -> Callable[[Connection], None]:
    def apply(connection: Connection) -> None:
        schema.metadata.create_all(connection, tables=list(tables))

    return apply


def _add_columns(*columns: Column[object]) -> Callable[[Connection], None]:
    """Add the columns a table lacks (a store created at an older step lacks them)."""

    def apply(connection: Connection) -> None:
        for column in columns:
            table = column.table.name
            present = {c["name"] for c in inspect(connection).get_columns(table)}
            if column.name not in present:
                ddl = CreateColumn(column).compile(dialect=connection.dialect)
                connection.exec_driver_sql(f'ALTER TABLE "{table}" ADD COLUMN {ddl}')

    return apply


def _corrections_and_statements(connection: Connection) -> None:
    _add_columns(
        schema.entities.c.actor_reason,
        schema.entities.c.actor_confidence,
        schema.quotes.c.statement_id,
        schema.quotes.c.rejected,
        schema.quotes.c.reviewed,
        schema.actors.c.affiliations,
        schema.actors.c.external_id,
    )(connection)
    schema.metadata.create_all(connection, tables=[schema.corpus_settings])
    connection.exec_driver_sql(
        "CREATE INDEX IF NOT EXISTS ix_quotes_statement_id ON quotes (statement_id)"
    )


def _fast_reads(connection: Connection) -> None:
    """Index the orderings and lookups that pages use, so none reads every quote."""
    _add_columns(schema.quotes.c.published)(connection)
    connection.exec_driver_sql(
        "UPDATE quotes SET published = "
        "(SELECT articles.published FROM articles WHERE articles.id = quotes.article_id)"
    )
    for index in (*schema.NEWEST_QUOTE_INDEXES, *schema.FOLDED_NAME_INDEXES):
        connection.execute(CreateIndex(index, if_not_exists=True))
    create_name_index(connection)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        "0001_documents",
        _create(
            schema.runs,
            schema.failures,
            schema.articles,
            schema.removed,
            schema.entities,
            schema.mentions,
            schema.quotes,
        ),
    ),
    Migration("0002_corpus_actors", _create(schema.actors, schema.corrections)),
    Migration("0003_quote_search", create_search_index),
    Migration("0004_corrections_statements_aliases", _corrections_and_statements),
    Migration("0005_fast_reads", _fast_reads),
)


def migrate(connection: Connection, steps: Sequence[Migration] = MIGRATIONS) -> list[str]:
    """Apply the steps this database has not had yet, in order; return their names.

    Raises StoreError when the database has steps this version does not know
    (it was written by a newer quotegraph) or when a step fails.
    """
    with connection.begin():
        lock_writes(connection)
        schema.schema_migrations.create(connection, checkfirst=True)
        applied = _applied(connection)
    unknown = applied - {step.name for step in MIGRATIONS}
    if unknown:
        raise StoreError(
            "the database has schema steps this quotegraph does not know "
            f"({', '.join(sorted(unknown))}); upgrade quotegraph to open it"
        )
    done = []
    for step in steps:
        if step.name in applied:
            continue
        try:
            with connection.begin():
                lock_writes(connection)
                if step.name in _applied(connection):
                    continue  # another process applied it while this one waited for the lock
                step.apply(connection)
                connection.execute(
                    insert(schema.schema_migrations),
                    {"name": step.name, "applied_at": datetime.now(UTC)},
                )
        except SQLAlchemyError as exc:
            raise StoreError(
                f"cannot apply schema step {step.name}: {reason(exc)}; "
                "the database is left at the step before, unchanged"
            ) from exc
        done.append(step.name)
    return done


def _applied(connection: Connection) -> set[str]:
    return set(connection.scalars(select(schema.schema_migrations.c.name)))
