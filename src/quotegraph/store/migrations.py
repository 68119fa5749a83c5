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
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    ColumnElement,
    Connection,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    case,
    insert,
    inspect,
    select,
    update,
)
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.schema import CreateColumn, CreateIndex, DropIndex
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.visitors import InternalTraversal

from quotegraph.errors import StoreError
from quotegraph.store import schema, tsvector
from quotegraph.store.connect import lock_writes, reason
from quotegraph.store.newest import fill_keys
from quotegraph.store.search import create_name_index, rebuild_search_index


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


# What step 0003 created: the view and, on SQLite, an index keyed by ``seq``.
_SEQ_VIEW = """
CREATE VIEW quote_search AS
SELECT quotes.seq AS seq,
       quotes.article_id AS article_id,
       quotes.content_text AS content_text,
       coalesce(actors.name, entities.name, '') AS speaker
FROM quotes
LEFT JOIN entities
  ON entities.article_id = quotes.article_id AND entities.entity_id = quotes.entity_id
LEFT JOIN actors ON actors.id = quotes.actor_id
"""
_SEQ_INDEX = """
CREATE VIRTUAL TABLE quotes_fts USING fts5(
    content_text, speaker,
    content='quote_search', content_rowid='seq',
    tokenize='unicode61 remove_diacritics 2'
)
"""


def _quote_search(connection: Connection) -> None:
    connection.exec_driver_sql(_SEQ_VIEW)
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(_SEQ_INDEX)
        connection.exec_driver_sql("INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild')")
    else:
        tsvector.create_quote_index(connection)


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


class _NewestFirst(ColumnElement[Any]):
    """A column in an index in descending order with NULLs last, as step 0005 wrote it."""

    inherit_cache = True
    _traverse_internals = [("column", InternalTraversal.dp_clauseelement)]  # noqa: RUF012

    def __init__(self, column: ColumnElement[Any]) -> None:
        self.column = column
        self.type = column.type


@compiles(_NewestFirst)
def _descending(element: _NewestFirst, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.column.desc(), **kw)


@compiles(_NewestFirst, "postgresql")
def _descending_nulls_last(element: _NewestFirst, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.column.desc().nulls_last(), **kw)


# The quotes' columns that step 0005 indexed, outside the schema's metadata, so that
# a new database does not get these indexes from its table definitions.
_dated = Table(
    "quotes",
    MetaData(),
    *(
        Column(name, type_)
        for name, type_ in (
            ("rejected", Boolean()),
            ("published", schema.IsoDateTime()),
            ("article_id", String()),
            ("position", Integer()),
            ("actor_id", String()),
        )
    ),
)
_DATED_INDEXES = (
    Index(
        "quotes_newest",
        _dated.c.rejected,
        _NewestFirst(_dated.c.published),
        _dated.c.article_id,
        _dated.c.position,
    ),
    Index(
        "quotes_newest_by_actor",
        _dated.c.actor_id,
        _dated.c.rejected,
        _NewestFirst(_dated.c.published),
        _dated.c.article_id,
        _dated.c.position,
    ),
)


def _fast_reads(connection: Connection) -> None:
    """Index the orderings and lookups that pages use, so none reads every quote."""
    _add_columns(schema.quotes.c.published)(connection)
    connection.exec_driver_sql(
        "UPDATE quotes SET published = "
        "(SELECT articles.published FROM articles WHERE articles.id = quotes.article_id)"
    )
    for index in (*_DATED_INDEXES, *schema.FOLDED_NAME_INDEXES):
        connection.execute(CreateIndex(index, if_not_exists=True))
    create_name_index(connection)


def _search_newest_first(connection: Connection) -> None:
    """Key the quotes in newest-first order, index that key, and search in its order."""
    _add_columns(schema.quotes.c.sort_key)(connection)
    fill_keys(connection)
    for index in _DATED_INDEXES:
        connection.execute(DropIndex(index, if_exists=True))
    for index in schema.NEWEST_QUOTE_INDEXES:
        connection.execute(CreateIndex(index, if_not_exists=True))
    rebuild_search_index(connection)


def _cue_types(connection: Connection) -> None:
    """Give each quote the type of its cue, read from its cue's lemma."""
    # Imported here: the quotes package brings spaCy, which reading a store never needs.
    from quotegraph.quotes.lexicon import cue_lexicon

    _add_columns(schema.quotes.c.cue_type)(connection)
    quotes = schema.quotes
    lexicon = cue_lexicon()
    connection.execute(
        update(quotes)
        .where(quotes.c.cue_lemma.in_(lexicon), quotes.c.cue_type.is_(None))
        .values(cue_type=case(lexicon, value=quotes.c.cue_lemma))
    )


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
    Migration("0003_quote_search", _quote_search),
    Migration("0004_corrections_statements_aliases", _corrections_and_statements),
    Migration("0005_fast_reads", _fast_reads),
    Migration("0006_search_newest_first", _search_newest_first),
    Migration("0007_quote_cue_types", _cue_types),
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
