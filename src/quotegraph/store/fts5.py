"""Full-text search on SQLite: FTS5 tables over the quotes and over actor names.

The quote index, ``quotes_fts``, has the view ``quote_search`` as external
content, so no text is stored twice, and each quote's ``sort_key`` as its row
id, so that hits come out newest first (:mod:`quotegraph.store.newest`).
``actor_names`` holds each name and alias with its actor's id. Both fold case
and diacritics, and a word is a run of letters and digits (the ``unicode61``
tokenizer). Every search term becomes a quoted FTS5 string, so nothing in a
search is taken for FTS5 syntax.
"""

from __future__ import annotations

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    column,
    literal_column,
    select,
    table,
    text,
)

from quotegraph.store.schema import quotes
from quotegraph.store.terms import SearchTerm

quote_hits = table("quotes_fts", column("rowid"))
quote_key: ColumnElement[int] = quote_hits.c.rowid
quote_column: ColumnElement[int] = quotes.c.sort_key
hits_newest_first = True

_CREATE_INDEX = """
CREATE VIRTUAL TABLE quotes_fts USING fts5(
    content_text, speaker,
    content='quote_search', content_rowid='sort_key',
    tokenize='unicode61 remove_diacritics 2'
)
"""

_INDEX_ARTICLE = text(
    "INSERT INTO quotes_fts(rowid, content_text, speaker) "
    "SELECT sort_key, content_text, speaker FROM quote_search WHERE article_id = :article_id"
)

_CREATE_NAME_INDEX = """
CREATE VIRTUAL TABLE actor_names USING fts5(
    name, actor_id UNINDEXED,
    tokenize='unicode61 remove_diacritics 2'
)
"""

_INDEX_NAMES = """
INSERT INTO actor_names(name, actor_id)
SELECT name, id FROM actors
UNION
SELECT alias.value, actors.id FROM actors, json_each(actors.aliases) AS alias
"""


def create_quote_index(connection: Connection) -> None:
    """Create ``quotes_fts`` over the view and fill it."""
    connection.exec_driver_sql(_CREATE_INDEX)
    reindex_quotes(connection)


def rekey_quote_index(connection: Connection) -> None:
    """Recreate ``quotes_fts`` with the quotes' ``sort_key`` as row ids."""
    connection.exec_driver_sql("DROP TABLE IF EXISTS quotes_fts")
    create_quote_index(connection)


def index_article(connection: Connection, article_id: str) -> None:
    connection.execute(_INDEX_ARTICLE, {"article_id": article_id})


def reindex_quotes(connection: Connection) -> None:
    connection.exec_driver_sql("INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild')")


def create_name_index(connection: Connection) -> None:
    connection.exec_driver_sql(_CREATE_NAME_INDEX)
    reindex_names(connection)


def reindex_names(connection: Connection) -> None:
    connection.exec_driver_sql("DELETE FROM actor_names")
    connection.exec_driver_sql(_INDEX_NAMES)


def quote_condition(terms: list[SearchTerm]) -> ColumnElement[bool]:
    """True for the rows of ``quotes_fts`` that have every term, in either column."""
    return literal_column("quotes_fts").match(fts5_query(terms))


def actors_named(phrase: str) -> Select[tuple[str]]:
    return (
        select(literal_column("actor_id"))
        .select_from(table("actor_names"))
        .where(literal_column("actor_names").match(_quoted(phrase)))
    )


def fts5_query(terms: list[SearchTerm]) -> str:
    """The terms as an FTS5 query that cannot raise: quoted strings, a prefix marked ``*``."""
    return " ".join(_quoted(term.phrase) + ("*" if term.prefix else "") for term in terms)


def _quoted(phrase: str) -> str:
    return '"' + phrase.replace('"', '""') + '"'
