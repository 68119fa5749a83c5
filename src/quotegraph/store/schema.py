"""The tables of the store, as SQLAlchemy Core objects.

Datetimes are ISO 8601 text as given (naive, or with their UTC offset), so the
database reads the same in Datasette, pandas or the ``sqlite3`` shell. Rows
that belong to an article keep a ``position``, so an analysis loads back in
the order it was stored. The migrations create these tables; queries use them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    false,
    func,
)
from sqlalchemy.types import TypeEngine


class IsoDateTime(TypeDecorator[datetime]):
    """A datetime kept as ISO 8601 text; dates bind as their ISO day, for comparisons.

    On PostgreSQL the text compares byte by byte (collation "C"), as on SQLite,
    whatever the database's own collation would make of digits and dashes.
    """

    impl = String
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            return String(collation="C")
        return super().load_dialect_impl(dialect)

    def process_bind_param(self, value: date | None, dialect: Dialect) -> str | None:
        return None if value is None else value.isoformat()

    def process_result_value(self, value: str | None, dialect: Dialect) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value)


metadata = MetaData()


def _article_key() -> Column[str]:
    return Column("article_id", String, ForeignKey("articles.id"), nullable=False)


runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("command", String, nullable=False),
    Column("options", JSON, nullable=False),
    Column("pipeline", String, nullable=False),
    Column("started", IsoDateTime, nullable=False),
    Column("finished", IsoDateTime),
    Column("summary", JSON),
)

failures = Table(
    "failures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False, index=True),
    Column("source", String, nullable=False),
    Column("kind", String, nullable=False),
    Column("reason", String, nullable=False),
    Column("at", IsoDateTime, nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String, primary_key=True, comment="content hash of the text"),
    Column("source", String, nullable=False, comment="path or URL as given"),
    Column("format", String, nullable=False),
    Column("encoding", String),
    Column("title", String),
    Column("url", String),
    Column("outlet", String, index=True),
    Column("published", IsoDateTime, index=True),
    Column("updated", IsoDateTime),
    Column("authors", JSON, nullable=False),
    Column("language", String, nullable=False),
    Column("text", Text, nullable=False),
    Column("notes", JSON, nullable=False),
    Column("pipeline", String, nullable=False),
    Column("added_at", IsoDateTime, nullable=False),
    Column("run_id", Integer, ForeignKey("runs.id")),
)

removed = Table(
    "removed",
    metadata,
    _article_key(),
    Column("position", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("kind", String, nullable=False),
    Index("removed_by_article", "article_id", "position", unique=True),
)

entities = Table(
    "entities",
    metadata,
    _article_key(),
    Column("entity_id", Integer, nullable=False),
    Column("position", Integer, nullable=False),
    Column("name", String, nullable=False),
    Column("type", String, nullable=False),
    Column("roles", JSON, nullable=False),
    Column("affiliations", JSON, nullable=False),
    Column("actor_id", String, index=True),
    Column("actor_reason", String, comment="why the actor step put the entity in its actor"),
    Column("actor_confidence", Float),
    Index("entities_by_article", "article_id", "entity_id", unique=True),
)

mentions = Table(
    "mentions",
    metadata,
    _article_key(),
    Column("position", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", String, nullable=False),
    Column("kind", String, nullable=False),
    Column("entity_id", Integer, nullable=False),
    Index("mentions_by_article", "article_id", "position", unique=True),
)

quotes = Table(
    "quotes",
    metadata,
    Column("seq", Integer, primary_key=True, comment="integer key for the search index"),
    Column("id", String, nullable=False, unique=True, comment="hash of article and content"),
    _article_key(),
    Column("position", Integer, nullable=False),
    Column("content", JSON, nullable=False, comment="[[start, end], ...]"),
    Column("content_text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("cue_text", String),
    Column("cue_lemma", String),
    Column("cue_type", String, comment="speech, writing, belief, ... where the cue tells it"),
    Column("source_start", Integer),
    Column("source_end", Integer),
    Column("kind", String, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("continues", Boolean, nullable=False),
    Column("method", String, nullable=False),
    Column("entity_id", Integer),
    Column("actor_id", String, index=True),
    Column("statement_id", String, index=True, comment="id of the earliest quote of its words"),
    Column("rejected", Boolean, nullable=False, default=False, server_default=false()),
    Column("reviewed", Boolean, nullable=False, default=False, server_default=false()),
    Column("published", IsoDateTime, comment="the article's date, copied for the date filters"),
    Column("sort_key", BigInteger, comment="the newest-first order as one number (store.newest)"),
    Index("quotes_by_article", "article_id", "position", unique=True),
)


# The newest-first order as an index, whole and per speaker, so that a page of
# quotes is read from the index instead of sorting every match.
NEWEST_QUOTE_INDEXES = (
    Index("quotes_by_sort_key", quotes.c.sort_key, unique=True),
    Index("quotes_newest_first", quotes.c.rejected, quotes.c.sort_key),
    # With the date, so that a speaker's quotes are counted by month from the index alone.
    Index(
        "quotes_newest_first_by_actor",
        quotes.c.actor_id,
        quotes.c.rejected,
        quotes.c.sort_key,
        quotes.c.published,
    ),
)

actors = Table(
    "actors",
    metadata,
    Column("id", String, primary_key=True),
    Column("name", String, nullable=False),
    Column("type", String, nullable=False),
    Column("aliases", JSON, nullable=False),
    Column("roles", JSON, nullable=False),
    Column("quote_count", Integer, nullable=False),
    Column("article_count", Integer, nullable=False),
    Column("first_seen", IsoDateTime),
    Column("last_seen", IsoDateTime),
    Column("affiliations", JSON),
    Column("external_id", String),
)

# Looking an actor up by a name in any case (find_actors) reads an index, not every entity.
FOLDED_NAME_INDEXES = (
    Index("entities_by_folded_name", func.lower(entities.c.name)),
    Index("actors_by_folded_name", func.lower(actors.c.name)),
)

corrections = Table(
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String, nullable=False),
    Column("target", String, nullable=False),
    Column("value", JSON, nullable=False),
    Column("created", IsoDateTime, nullable=False),
    Column("undone", Boolean, nullable=False, default=False),
)

corpus_settings = Table(
    "corpus_settings",
    metadata,
    Column("name", String, primary_key=True),
    Column("value", JSON, nullable=False),
    Column("updated", IsoDateTime, nullable=False),
    comment="what the corpus steps read besides the analyses, e.g. the alias file",
)

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("name", String, primary_key=True),
    Column("applied_at", IsoDateTime, nullable=False),
)
