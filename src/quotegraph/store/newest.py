"""The newest-first order of quotes as one integer, ``quotes.sort_key``.

A quote's key is its article's date, to the second, in the high bits, and
its place in the order of storing (``seq``) in the low bits, inverted, so
that sorting by the key from the largest down gives the newest article
first and each article's quotes in text order. Undated quotes come last.

On SQLite the key is also the quote's row id in the full-text index, whose
hits then come out newest first: a page of a search reads twenty hits
instead of collecting and sorting every quote with a common word.

The date part is the wall-clock time as written, without its UTC offset,
as the ISO text of ``published`` sorts; times before 1900 count as 1900 and
after 2443 as 2443.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Connection, bindparam, select, update

from quotegraph.store.schema import articles, quotes

TIE_BITS = 29
"""Low bits for the order of storing: 536,870,912 quotes a second before keys repeat."""

DATE_BITS = 34
"""High bits for seconds since 1900 (544 years)."""

_EPOCH = datetime(1900, 1, 1)
_LAST_SECOND = (1 << DATE_BITS) - 1
_TIES = (1 << TIE_BITS) - 1


def date_part(published: date | None) -> int:
    """The high part of the key of a quote published then; 0 when undated, 1 and up when dated."""
    if published is None:
        return 0
    if not isinstance(published, datetime):
        published = datetime(published.year, published.month, published.day)
    since = published.replace(tzinfo=None) - _EPOCH
    seconds = since.days * 86_400 + since.seconds
    return min(max(seconds, 1), _LAST_SECOND) << TIE_BITS


_KEYED = (
    update(quotes)
    .where(quotes.c.article_id == bindparam("article"), quotes.c.sort_key.is_(None))
    .values(sort_key=bindparam("base", type_=BigInteger) + _TIES - quotes.c.seq % (1 << TIE_BITS))
)


def set_article_keys(connection: Connection, article_id: str, published: date | None) -> None:
    """Give the quotes of one newly stored article their keys."""
    connection.execute(_KEYED, {"article": article_id, "base": date_part(published)})


def fill_keys(connection: Connection) -> None:
    """Give every quote without a key its key (a store written before keys existed)."""
    dated = connection.execute(select(articles.c.id, articles.c.published)).all()
    if dated:
        connection.execute(
            _KEYED,
            [{"article": article, "base": date_part(published)} for article, published in dated],
        )
