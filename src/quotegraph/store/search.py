"""Full-text search over quotes and actor names, the same on every database.

A user's search becomes terms in :mod:`quotegraph.store.terms`; how they are
matched is the index's business: :mod:`quotegraph.store.fts5` on SQLite,
:mod:`quotegraph.store.tsvector` on PostgreSQL. The functions here build the
rest of each query once, for both.

Both index each quote under its text and its speaker's name, read through the
view ``quote_search``, so that a search finds the quotes of "Okafor" wherever
the actor step has named their speaker. The writer indexes each article's
quotes when it adds them and reindexes after the actor step renames speakers.
A second, small index, ``actor_names``, holds every name and alias of every
actor, so a speaker filter becomes a set of actor ids by whole words before
any quote is read.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import (
    ColumnElement,
    Connection,
    FromClause,
    Select,
    false,
    func,
    literal_column,
    select,
    table,
)
from sqlalchemy.sql.elements import UnaryExpression

from quotegraph.errors import StoreError
from quotegraph.store import fts5, tsvector
from quotegraph.store.schema import quotes
from quotegraph.store.terms import SearchTerm, has_word, search_terms

_CREATE_VIEW = """
CREATE VIEW quote_search AS
SELECT quotes.seq AS seq,
       quotes.sort_key AS sort_key,
       quotes.article_id AS article_id,
       quotes.content_text AS content_text,
       coalesce(actors.name, entities.name, '') AS speaker
FROM quotes
LEFT JOIN entities
  ON entities.article_id = quotes.article_id AND entities.entity_id = quotes.entity_id
LEFT JOIN actors ON actors.id = quotes.actor_id
"""


class SearchIndex(Protocol):
    """What a database's full-text index provides (a module: fts5, tsvector)."""

    @property
    def quote_hits(self) -> FromClause: ...
    @property
    def quote_key(self) -> ColumnElement[int]: ...
    @property
    def quote_column(self) -> ColumnElement[int]: ...
    @property
    def hits_newest_first(self) -> bool: ...

    def rekey_quote_index(self, connection: Connection) -> None: ...
    def index_article(self, connection: Connection, article_id: str) -> None: ...
    def reindex_quotes(self, connection: Connection) -> None: ...
    def create_name_index(self, connection: Connection) -> None: ...
    def reindex_names(self, connection: Connection) -> None: ...
    def quote_condition(self, terms: list[SearchTerm]) -> ColumnElement[bool]: ...
    def actors_named(self, phrase: str) -> Select[tuple[str]]: ...


def rebuild_search_index(connection: Connection) -> None:
    """Recreate the view, and the index where its key changed, for quotes keyed by date."""
    connection.exec_driver_sql("DROP VIEW quote_search")
    connection.exec_driver_sql(_CREATE_VIEW)
    _index(connection.dialect.name).rekey_quote_index(connection)


def index_article_quotes(connection: Connection, article_id: str) -> None:
    """Add the quotes of one newly stored article to the index."""
    _index(connection.dialect.name).index_article(connection, article_id)


def reindex_quotes(connection: Connection) -> None:
    """Bring the index up to date after speaker names have changed."""
    _index(connection.dialect.name).reindex_quotes(connection)


def create_name_index(connection: Connection) -> None:
    """Create the index of actor names and fill it from the actors already stored."""
    _index(connection.dialect.name).create_name_index(connection)


def reindex_names(connection: Connection) -> None:
    """Rebuild the index of actor names, after the actor step has rewritten the actors."""
    _index(connection.dialect.name).reindex_names(connection)


def actors_named(dialect_name: str, name: str) -> Select[tuple[str]]:
    """The ids of the actors with ``name`` as whole words, in order, in a name or alias.

    "Lee" and "ann lee" find Ann Lee; "Ann Le" and "Joann Leeds" do not.
    """
    index = _index(dialect_name)
    phrase = name.strip()
    if not has_word(phrase):
        return select(literal_column("actor_id")).select_from(table("actor_names")).where(false())
    return index.actors_named(phrase)


def quote_matches(dialect_name: str, search: str) -> ColumnElement[bool]:
    """A condition on ``quotes`` true where the text or the speaker matches ``search``."""
    index = _index(dialect_name)
    terms = search_terms(search)
    if not terms:
        return false()
    hits: Select[int] = (
        select(index.quote_key).select_from(index.quote_hits).where(index.quote_condition(terms))
    )
    return index.quote_column.in_(hits)


def from_matches(
    dialect_name: str, search: str, quoted: FromClause
) -> tuple[FromClause, ColumnElement[bool]]:
    """``quoted`` (the quotes, maybe joined) read through the hits of ``search``, and the
    condition that keeps the hits.

    Reading the hits first streams them in the index's order, so a count
    that stops at 1,000 reads 1,000 hits, and a search with few hits sorts
    only those.
    """
    index = _index(dialect_name)
    terms = search_terms(search)
    joined = index.quote_hits.join(quoted, index.quote_column == index.quote_key)
    if not terms:
        return joined, false()
    return joined, index.quote_condition(terms)


def newest_hits_first(dialect_name: str) -> UnaryExpression[int] | None:
    """The order of the index's hits that is the newest-first order, None where it has none."""
    index = _index(dialect_name)
    return index.quote_key.desc() if index.hits_newest_first else None


def count_hits(
    dialect_name: str, search: str, *, at_most: int | None, rejected: bool = True
) -> Select[int]:
    """How many quotes the index has for ``search``, up to ``at_most``; without the
    rejected ones unless ``rejected``.

    Reads the index alone, leaving out the (few) rejected quotes by their keys,
    so that counting to 1,000 never looks up 1,000 quotes.
    """
    index = _index(dialect_name)
    terms = search_terms(search)
    if not terms:
        return select(literal_column("0"))
    hits = select(index.quote_key).select_from(index.quote_hits).where(index.quote_condition(terms))
    if not rejected:
        hits = hits.where(
            index.quote_key.not_in(select(index.quote_column).where(quotes.c.rejected.is_(True)))
        )
    if at_most is not None:
        hits = hits.limit(at_most)
    return select(func.count()).select_from(hits.subquery("hits"))


_INDEXES: dict[str, SearchIndex] = {"sqlite": fts5, "postgresql": tsvector}


def _index(dialect_name: str) -> SearchIndex:
    index = _INDEXES.get(dialect_name)
    if index is None:
        raise StoreError(
            f"full-text search over quotes is not available on {dialect_name}; "
            "use a SQLite file or a PostgreSQL database"
        )
    return index
