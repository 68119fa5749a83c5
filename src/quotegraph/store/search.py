"""Full-text search over quotes, behind a few dialect-specific functions.

On SQLite the index is an FTS5 table, ``quotes_fts``, whose external content is
the view ``quote_search`` (a quote's text and its speaker's name), so no text
is stored twice. The writer indexes each article's quotes when it adds them and
reindexes everything after the actor step renames speakers. Another database
(PostgreSQL with a tsvector column) adds its branch to each function here.
"""

from __future__ import annotations

import re

from sqlalchemy import ColumnElement, Connection, Select, false, literal_column, select, table, text

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
