"""Full-text search over quotes and actor names, behind a few dialect-specific functions.

On SQLite the index is an FTS5 table, ``quotes_fts``, whose external content is
the view ``quote_search`` (a quote's text and its speaker's name), so no text
is stored twice. The writer indexes each article's quotes when it adds them and
reindexes everything after the actor step renames speakers. A second, small
FTS5 table, ``actor_names``, holds every name and alias of every actor, so a
speaker filter becomes a set of actor ids by whole words before any quote is
read. Another database (PostgreSQL with a tsvector column) adds its branch to
each function here.
"""

from __future__ import annotations

import re

from sqlalchemy import (
    ColumnElement,
    Connection,
    FromClause,
    Select,
    column,
    false,
    func,
    literal_column,
    select,
    table,
    text,
)

from quotegraph.errors import StoreError
from quotegraph.store.schema import quotes

# A "quoted phrase" or a run of non-space characters.
_QUERY_TERM = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w")

_CREATE_VIEW = """
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

_CREATE_INDEX = """
CREATE VIRTUAL TABLE quotes_fts USING fts5(
    content_text, speaker,
    content='quote_search', content_rowid='seq',
    tokenize='unicode61 remove_diacritics 2'
)
"""

_INDEX_ARTICLE = text(
    "INSERT INTO quotes_fts(rowid, content_text, speaker) "
    "SELECT seq, content_text, speaker FROM quote_search WHERE article_id = :article_id"
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


def create_search_index(connection: Connection) -> None:
    """Create the search index and fill it from the quotes already stored."""
    _require_sqlite(connection.dialect.name)
    connection.exec_driver_sql(_CREATE_VIEW)
    connection.exec_driver_sql(_CREATE_INDEX)
    reindex_quotes(connection)


def index_article_quotes(connection: Connection, article_id: str) -> None:
    """Add the quotes of one newly stored article to the index."""
    _require_sqlite(connection.dialect.name)
    connection.execute(_INDEX_ARTICLE, {"article_id": article_id})


def reindex_quotes(connection: Connection) -> None:
    """Rebuild the whole index, after speaker names have changed."""
    _require_sqlite(connection.dialect.name)
    connection.exec_driver_sql("INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild')")


def create_name_index(connection: Connection) -> None:
    """Create the index of actor names and fill it from the actors already stored."""
    _require_sqlite(connection.dialect.name)
    connection.exec_driver_sql(_CREATE_NAME_INDEX)
    reindex_names(connection)


def reindex_names(connection: Connection) -> None:
    """Rebuild the index of actor names, after the actor step has rewritten the actors."""
    _require_sqlite(connection.dialect.name)
    connection.exec_driver_sql("DELETE FROM actor_names")
    connection.exec_driver_sql(_INDEX_NAMES)


def actors_named(dialect_name: str, name: str) -> Select[tuple[str]]:
    """The ids of the actors with ``name`` as whole words, in order, in a name or alias.

    "Lee" and "ann lee" find Ann Lee; "Ann Le" and "Joann Leeds" do not.
    """
    _require_sqlite(dialect_name)
    phrase = name.strip()
    if not _WORD.search(phrase):
        return select(literal_column("actor_id")).select_from(table("actor_names")).where(false())
    return (
        select(literal_column("actor_id"))
        .select_from(table("actor_names"))
        .where(literal_column("actor_names").match('"' + phrase.replace('"', '""') + '"'))
    )


def quote_matches(dialect_name: str, search: str) -> ColumnElement[bool]:
    """A condition on ``quotes`` true where the text or the speaker matches ``search``."""
    _require_sqlite(dialect_name)
    expression = fts5_query(search)
    if expression is None:
        return false()
    hits: Select[tuple[int]] = (
        select(literal_column("rowid"))
        .select_from(table("quotes_fts"))
        .where(literal_column("quotes_fts").match(expression))
    )
    return quotes.c.seq.in_(hits)


def from_matches(
    dialect_name: str, search: str, quoted: FromClause
) -> tuple[FromClause, ColumnElement[bool]]:
    """``quoted`` (the quotes, maybe joined) read through the hits of ``search``, and the
    condition that keeps the hits.

    Reading the hits first streams them in the index's order, so a count
    that stops at 1,000 reads 1,000 hits, and a search with few hits sorts
    only those.
    """
    _require_sqlite(dialect_name)
    expression = fts5_query(search)
    hits = table("quotes_fts", column("rowid"))
    joined = hits.join(quoted, quotes.c.seq == hits.c.rowid)
    if expression is None:
        return joined, false()
    return joined, literal_column("quotes_fts").match(expression)


def count_hits(dialect_name: str, search: str, *, at_most: int) -> Select[int]:
    """How many quotes the index has for ``search``, up to ``at_most``, rejected ones included."""
    _require_sqlite(dialect_name)
    expression = fts5_query(search)
    if expression is None:
        return select(literal_column("0"))
    hits = (
        select(literal_column("rowid"))
        .select_from(table("quotes_fts"))
        .where(literal_column("quotes_fts").match(expression))
        .limit(at_most)
        .subquery("hits")
    )
    return select(func.count()).select_from(hits)


def fts5_query(search: str) -> str | None:
    """A user's search as an FTS5 query that cannot raise, or None when nothing is searchable.

    Every word and every "quoted phrase" becomes a quoted FTS5 string, so
    punctuation and words such as AND, OR, NEAR are searched for, not parsed;
    all terms are required, and a trailing ``*`` keeps its meaning of a prefix.
    """
    terms = []
    for phrase, word in _QUERY_TERM.findall(search):
        term = phrase or word
        prefix = bool(word) and word.endswith("*")
        term = term.rstrip("*") if prefix else term
        if _WORD.search(term):
            terms.append('"' + term.replace('"', '""') + '"' + ("*" if prefix else ""))
    return " ".join(terms) or None


def _require_sqlite(dialect_name: str) -> None:
    if dialect_name != "sqlite":
        raise StoreError(
            f"full-text search over quotes is not available on {dialect_name} yet; "
            "use a SQLite store (a file path) for now"
        )
