"""Full-text search on PostgreSQL: tsvector columns under GIN indexes.

``quotes_fts`` keeps, per quote, the words of its text and the words of its
speaker's name as two tsvectors, so that a phrase never runs from the one into
the other, as with the two columns of SQLite's FTS5 table; ``actor_names``
keeps each name and alias of each actor with its words.

Words are read as on SQLite: punctuation becomes a space, so a word is a run
of letters and digits ("Okonjo-Vale" is two), then the text search
configuration ``quotegraph_search`` folds case without stemming or stop words
(a copy of ``simple``) and, where the server has the ``unaccent`` extension,
diacritics too. A search term is text given to ``phraseto_tsquery``, never
tsquery syntax; a prefix is a single word written as a quoted tsquery lexeme.
"""

from __future__ import annotations

import logging
import re

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Select,
    String,
    Table,
    Text,
    and_,
    cast,
    column,
    delete,
    false,
    func,
    insert,
    literal,
    or_,
    select,
    table,
    text,
    true,
    union,
    update,
)
from sqlalchemy.dialects.postgresql import REGCONFIG, TSVECTOR
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.dml import Insert

from quotegraph.store.schema import actors, quotes
from quotegraph.store.terms import SearchTerm

CONFIGURATION = "quotegraph_search"
_PUNCTUATION = "[[:punct:]]+"
# Letters and digits, as a prefix search keeps them for its last word.
_ALNUM = re.compile(r"[^\W_]+")

log = logging.getLogger(__name__)

metadata = MetaData()

quotes_fts = Table(
    "quotes_fts",
    metadata,
    Column("seq", Integer, ForeignKey(quotes.c.seq, ondelete="CASCADE"), primary_key=True),
    Column("content_terms", TSVECTOR, nullable=False),
    Column("speaker_terms", TSVECTOR, nullable=False),
    Index("quotes_fts_content", "content_terms", postgresql_using="gin"),
    Index("quotes_fts_speaker", "speaker_terms", postgresql_using="gin"),
)

actor_names = Table(
    "actor_names",
    metadata,
    Column("name", Text, nullable=False),
    Column("actor_id", String, nullable=False),
    Column("terms", TSVECTOR, nullable=False),
    Index("actor_names_terms", "terms", postgresql_using="gin"),
)

quote_hits = quotes_fts
quote_key: ColumnElement[int] = quotes_fts.c.seq
quote_column: ColumnElement[int] = quotes.c.seq
hits_newest_first = False

_quote_search = table(
    "quote_search", column("seq"), column("article_id"), column("content_text"), column("speaker")
)


def words(value: ColumnElement[str]) -> ColumnElement[object]:
    """The tsvector of a text: its runs of letters and digits, folded."""
    return func.to_tsvector(_configuration(), _spaced(value))


def phrase_query(value: ColumnElement[str]) -> ColumnElement[object]:
    """A tsquery for a text's words, one after the other."""
    return func.phraseto_tsquery(_configuration(), _spaced(value))


def create_quote_index(connection: Connection) -> None:
    """Create the text search configuration and ``quotes_fts``, and fill it."""
    _create_configuration(connection)
    quotes_fts.create(connection)
    connection.execute(_index_quotes())


def rekey_quote_index(connection: Connection) -> None:
    """Nothing to do: ``quotes_fts`` is keyed by ``seq``, which a new order leaves alone."""


def index_article(connection: Connection, article_id: str) -> None:
    connection.execute(_index_quotes(_quote_search.c.article_id == article_id))


def reindex_quotes(connection: Connection) -> None:
    """Rewrite the speaker words of the quotes whose speaker's name changed."""
    speaker_terms = words(_quote_search.c.speaker)
    connection.execute(
        update(quotes_fts)
        .where(
            quotes_fts.c.seq == _quote_search.c.seq,
            quotes_fts.c.speaker_terms.is_distinct_from(speaker_terms),
        )
        .values(speaker_terms=speaker_terms)
    )


def create_name_index(connection: Connection) -> None:
    actor_names.create(connection)
    reindex_names(connection)


def reindex_names(connection: Connection) -> None:
    alias = func.json_array_elements_text(actors.c.aliases).table_valued("value").lateral("alias")
    names = union(
        select(actors.c.name, actors.c.id),
        select(alias.c.value, actors.c.id).select_from(actors.join(alias, true())),
    ).subquery("names")
    connection.execute(delete(actor_names))
    connection.execute(
        insert(actor_names).from_select(
            ["name", "actor_id", "terms"],
            select(names.c.name, names.c.id, words(names.c.name)),
        )
    )


def quote_condition(terms: list[SearchTerm]) -> ColumnElement[bool]:
    """True for the rows of ``quotes_fts`` that have every term, each in the text or the name.

    A term with no letter or digit in it has no words and is left out, as FTS5 does.
    """
    queries = [_term_query(term) for term in terms if _ALNUM.search(term.phrase)]
    if not queries:
        return false()
    return and_(
        *(
            or_(
                quotes_fts.c.content_terms.bool_op("@@")(query),
                quotes_fts.c.speaker_terms.bool_op("@@")(query),
            )
            for query in queries
        )
    )


def actors_named(phrase: str) -> Select[tuple[str]]:
    return select(actor_names.c.actor_id).where(
        actor_names.c.terms.bool_op("@@")(phrase_query(literal(phrase)))
    )


def _term_query(term: SearchTerm) -> ColumnElement[object]:
    """The tsquery of one term; a prefix term's last word matches any word it begins."""
    if not term.prefix:
        return phrase_query(literal(term.phrase))
    *head, last = _ALNUM.findall(term.phrase)
    prefix = func.to_tsquery(_configuration(), literal(f"'{last}':*"))
    if not head:
        return prefix
    return func.tsquery_phrase(phrase_query(literal(" ".join(head))), prefix)


def _index_quotes(*where: ColumnElement[bool]) -> Insert:
    return insert(quotes_fts).from_select(
        ["seq", "content_terms", "speaker_terms"],
        select(
            _quote_search.c.seq,
            words(_quote_search.c.content_text),
            words(_quote_search.c.speaker),
        ).where(*where),
    )


def _spaced(value: ColumnElement[str]) -> ColumnElement[str]:
    return func.regexp_replace(value, _PUNCTUATION, " ", "g")


def _configuration() -> ColumnElement[object]:
    return cast(literal(CONFIGURATION), REGCONFIG)


def _create_configuration(connection: Connection) -> None:
    """A copy of ``simple`` that also folds diacritics when ``unaccent`` can be had."""
    connection.exec_driver_sql(
        f"CREATE TEXT SEARCH CONFIGURATION {CONFIGURATION} (COPY = pg_catalog.simple)"
    )
    unaccent = _unaccent_dictionary(connection)
    if unaccent is None:
        log.warning(
            "the PostgreSQL server lacks the unaccent extension (postgresql-contrib); "
            "searches there will tell letters with and without diacritics apart"
        )
        return
    connection.exec_driver_sql(
        f"ALTER TEXT SEARCH CONFIGURATION {CONFIGURATION} "
        f"ALTER MAPPING FOR word, numword, hword, numhword, hword_part, hword_numpart "
        f"WITH {unaccent}, simple"
    )


_FIND_UNACCENT = text(
    "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
    "WHERE e.extname = 'unaccent'"
)


def _unaccent_dictionary(connection: Connection) -> str | None:
    """The qualified name of the ``unaccent`` dictionary, installing it if need be and allowed."""
    schema = connection.scalar(_FIND_UNACCENT)
    if schema is None:
        try:
            with connection.begin_nested():
                connection.exec_driver_sql("CREATE EXTENSION unaccent")
        except DBAPIError as exc:
            log.info("cannot install unaccent: %s", exc.orig)
            return None
        schema = connection.scalar(_FIND_UNACCENT)
    quote = connection.dialect.identifier_preparer.quote
    return f"{quote(schema)}.unaccent"
