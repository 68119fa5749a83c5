"""Finding quotes: the query object and the SQL it becomes.

Every filter is a bound parameter; the full-text part comes from
:mod:`quotegraph.store.search`, so the rest stays the same on any database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, case, func, or_, select

from quotegraph.errors import UsageError
from quotegraph.records import QUOTE_KINDS
from quotegraph.store.convert import fragments, span
from quotegraph.store.rows import QuoteRow
from quotegraph.store.schema import actors, articles, entities, quotes
from quotegraph.store.search import quote_matches

QUOTE_ORDERS = ("newest", "confidence")


@dataclass(frozen=True, slots=True, kw_only=True)
class QuoteQuery:
    """Which quotes to find; every filter given must hold.

    ``speaker`` matches a corpus actor id, or part of any of the speaker's
    names: the actor's name or any alias (case-insensitive). Rejected quotes
    are never found; ``include_rejected`` is for reviewing them. ``search`` is
    full-text over the quote and its speaker's name: plain words, all
    required, "double quotes" for a phrase, a trailing ``*`` for a prefix.
    ``article`` is an article id or part of its path or URL. ``since`` and
    ``until`` bound the quote's date (the article's publication), both
    inclusive: a ``date`` covers its whole day. ``outlet`` matches part of
    the outlet's name, case-insensitive. ``order`` is
    "newest" (newest article first, then in text order) or "confidence"
    (most confident first, then newest).
    """

    speaker: str | None = None
    search: str | None = None
    article: str | None = None
    since: date | datetime | None = None
    until: date | datetime | None = None
    kind: str | None = None
    outlet: str | None = None
    limit: int | None = None
    offset: int = 0
    order: str = "newest"
    include_rejected: bool = False

    def __post_init__(self) -> None:
        if self.order not in QUOTE_ORDERS:
            raise UsageError(f"unknown order {self.order!r}; use one of {', '.join(QUOTE_ORDERS)}")
        if self.kind is not None and self.kind not in QUOTE_KINDS:
            raise UsageError(
                f"unknown quote kind {self.kind!r}; use one of {', '.join(QUOTE_KINDS)}"
            )
        if self.limit is not None and self.limit < 0:
            raise UsageError("the limit must be 0 or more")
        if self.offset < 0:
            raise UsageError("the offset must be 0 or more")


_SPEAKER_NAME = func.coalesce(actors.c.name, entities.c.name)

_JOINED = (
    quotes.join(articles, articles.c.id == quotes.c.article_id)
    .outerjoin(
        entities,
        (entities.c.article_id == quotes.c.article_id)
        & (entities.c.entity_id == quotes.c.entity_id),
    )
    .outerjoin(actors, actors.c.id == quotes.c.actor_id)
)

_COLUMNS = (
    quotes.c.id,
    quotes.c.article_id,
    articles.c.source,
    articles.c.title,
    articles.c.outlet,
    articles.c.published,
    quotes.c.content_text,
    quotes.c.content,
    quotes.c.cue_text,
    quotes.c.cue_start,
    quotes.c.cue_end,
    quotes.c.source_start,
    quotes.c.source_end,
    quotes.c.kind,
    quotes.c.confidence,
    quotes.c.actor_id,
    _SPEAKER_NAME.label("speaker_name"),
    func.coalesce(actors.c.type, entities.c.type).label("speaker_type"),
    entities.c.roles.label("speaker_roles"),
    quotes.c.continues,
    quotes.c.method,
    quotes.c.statement_id,
    quotes.c.reviewed,
)


def select_quotes(query: QuoteQuery, dialect_name: str) -> Select[Any]:
    """The quotes matching ``query``, in the order it asks for."""
    newest = (articles.c.published.desc().nulls_last(), articles.c.id, quotes.c.position)
    order = (quotes.c.confidence.desc(), *newest) if query.order == "confidence" else newest
    statement = (
        select(*_COLUMNS)
        .select_from(_JOINED)
        .where(*_conditions(query, dialect_name))
        .order_by(*order)
        .offset(query.offset)
    )
    return statement if query.limit is None else statement.limit(query.limit)


def count_quotes(query: QuoteQuery, dialect_name: str) -> Select[int]:
    """How many quotes match ``query``, ignoring its limit and offset."""
    return select(func.count()).select_from(_JOINED).where(*_conditions(query, dialect_name))


def select_article_quotes(article_id: str) -> Select[Any]:
    """The quotes of one article, in text order."""
    return (
        select(*_COLUMNS)
        .select_from(_JOINED)
        .where(quotes.c.article_id == article_id, quotes.c.rejected.is_(False))
        .order_by(quotes.c.position)
    )


def select_review_queue(*, limit: int, max_confidence: float) -> Select[Any]:
    """Quotes nobody has reviewed or rejected, least sure first (of the quote or its speaker)."""
    surest = case(
        (
            entities.c.actor_confidence < quotes.c.confidence,
            entities.c.actor_confidence,
        ),
        else_=quotes.c.confidence,
    )
    return (
        select(*_COLUMNS)
        .select_from(_JOINED)
        .where(
            quotes.c.rejected.is_(False),
            quotes.c.reviewed.is_(False),
            surest <= max_confidence,
        )
        .order_by(surest, articles.c.published.desc().nulls_last(), quotes.c.id)
        .limit(limit)
    )


def select_statement(quote_id: str) -> Select[Any]:
    """Every occurrence of the statement a quote belongs to, earliest first."""
    of_quote = select(quotes.c.statement_id).where(quotes.c.id == quote_id).scalar_subquery()
    return (
        select(*_COLUMNS)
        .select_from(_JOINED)
        .where(
            or_(quotes.c.id == quote_id, quotes.c.statement_id == of_quote),
            quotes.c.rejected.is_(False),
        )
        .order_by(articles.c.published.asc().nulls_last(), articles.c.id, quotes.c.position)
    )


def quote_row(row: Row[Any]) -> QuoteRow:
    """A result row of :func:`select_quotes` as a record."""
    values = row._mapping
    roles = values["speaker_roles"]
    return QuoteRow(
        id=values["id"],
        article_id=values["article_id"],
        source=values["source"],
        title=values["title"],
        outlet=values["outlet"],
        published=values["published"],
        content_text=values["content_text"],
        content=fragments(values["content"]),
        cue_text=values["cue_text"],
        cue=span(values["cue_start"], values["cue_end"]),
        source_span=span(values["source_start"], values["source_end"]),
        kind=values["kind"],
        confidence=values["confidence"],
        speaker_id=values["actor_id"],
        speaker_name=values["speaker_name"],
        speaker_type=values["speaker_type"],
        speaker_role=roles[0] if roles else None,
        continues=values["continues"],
        method=values["method"],
        statement_id=values["statement_id"],
        reviewed=bool(values["reviewed"]),
    )


def _conditions(query: QuoteQuery, dialect_name: str) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if not query.include_rejected:
        conditions.append(quotes.c.rejected.is_(False))
    if query.speaker is not None:
        alias = entities.alias("speaker_aliases")
        conditions.append(
            or_(
                actors.c.id == query.speaker,
                actors.c.name.icontains(query.speaker, autoescape=True),
                entities.c.name.icontains(query.speaker, autoescape=True),
                quotes.c.actor_id.in_(
                    select(alias.c.actor_id).where(
                        alias.c.actor_id.is_not(None),
                        alias.c.name.icontains(query.speaker, autoescape=True),
                    )
                ),
            )
        )
    if query.search is not None:
        conditions.append(quote_matches(dialect_name, query.search))
    if query.article is not None:
        conditions.append(
            or_(
                articles.c.id == query.article,
                articles.c.source.contains(query.article, autoescape=True),
            )
        )
    if query.since is not None:
        conditions.append(articles.c.published >= query.since)
    if query.until is not None:
        conditions.append(_until(query.until))
    if query.kind is not None:
        conditions.append(quotes.c.kind == query.kind)
    if query.outlet is not None:
        conditions.append(articles.c.outlet.icontains(query.outlet, autoescape=True))
    return conditions


def _until(bound: date | datetime) -> ColumnElement[bool]:
    """Published no later than ``bound``; a date includes its whole day."""
    if isinstance(bound, datetime):
        return articles.c.published <= bound
    return articles.c.published < bound + timedelta(days=1)
