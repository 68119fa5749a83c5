"""Finding quotes: the query object and the SQL it becomes.

Every filter is a bound parameter; the full-text part comes from
:mod:`quotegraph.store.search`, so the rest stays the same on any database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Row,
    Select,
    case,
    false,
    func,
    literal_column,
    or_,
    select,
)

from quotegraph.errors import UsageError
from quotegraph.records import CUE_TYPES, QUOTE_KINDS
from quotegraph.store.convert import fragments, span
from quotegraph.store.rows import QuoteRow
from quotegraph.store.schema import actors, articles, entities, quotes
from quotegraph.store.search import (
    actors_named,
    count_hits,
    from_matches,
    newest_hits_first,
    quote_matches,
)

QUOTE_ORDERS = ("newest", "confidence")

# A search with fewer hits than this sorts them; one with more walks the quotes in order,
# unless the index gives its hits in the order asked for.
FEW_HITS = 2000


@dataclass(frozen=True, slots=True, kw_only=True)
class QuoteQuery:
    """Which quotes to find; every filter given must hold.

    ``speaker`` is a corpus actor id, or whole words of any of an actor's
    names, in order, in any case: "Lee" or "ann lee" find Ann Lee, never
    Joann Leeds. It becomes a set of actor ids before any quote is read. Rejected quotes
    are never found; ``include_rejected`` is for reviewing them. ``search`` is
    full-text over the quote and its speaker's name: plain words, all
    required, "double quotes" for a phrase, a trailing ``*`` for a prefix.
    ``article`` is an article id or part of its path or URL. ``since`` and
    ``until`` bound the quote's date (the article's publication), both
    inclusive: a ``date`` covers its whole day. ``kind`` is direct, indirect
    or mixed; ``cue_type`` what the cue reports (speech, writing, belief,
    intention, evidence, stance). ``outlet`` matches part of
    the outlet's name, case-insensitive. ``order`` is
    "newest" (newest article first, to the second; articles of the same
    second in the order they were stored; each article's quotes in text
    order) or "confidence" (most confident first, then newest).
    """

    speaker: str | None = None
    search: str | None = None
    article: str | None = None
    since: date | datetime | None = None
    until: date | datetime | None = None
    kind: str | None = None
    cue_type: str | None = None
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
        if self.cue_type is not None and self.cue_type not in CUE_TYPES:
            raise UsageError(
                f"unknown cue type {self.cue_type!r}; use one of {', '.join(CUE_TYPES)}"
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
    quotes.c.cue_type,
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


def speaker_ids(db: Connection, query: QuoteQuery) -> tuple[str, ...] | None:
    """The actor ids the query's speaker names, None without a speaker filter.

    An actor id stands for itself alone; anything else is looked up in the
    index of actor names, so the quotes are then filtered on their actor id.
    """
    if query.speaker is None:
        return None
    if db.scalar(select(actors.c.id).where(actors.c.id == query.speaker)) is not None:
        return (query.speaker,)
    return tuple(db.scalars(actors_named(db.dialect.name, query.speaker)))


def reads_hits(db: Connection, query: QuoteQuery) -> bool:
    """Whether a page of ``query`` is best read through its search hits.

    Always where the index gives its hits newest first and that order is
    asked for; otherwise when the index has fewer than FEW_HITS quotes for
    the words, so that sorting them costs less than walking every quote.
    """
    if query.search is None:
        return False
    if query.order == "newest" and newest_hits_first(db.dialect.name) is not None:
        return True
    statement = count_hits(db.dialect.name, query.search, at_most=FEW_HITS)
    return int(db.scalar(statement) or 0) < FEW_HITS


def select_quotes(
    query: QuoteQuery,
    dialect_name: str,
    actor_ids: tuple[str, ...] | None = None,
    *,
    from_hits: bool = False,
) -> Select[Any]:
    """The quotes matching ``query``, in the order it asks for.

    The page is chosen first on the quotes alone (their index holds the
    newest-first order, and a speaker is a set of actor ids by then); only
    the quotes on it are joined to their articles and speakers. With
    ``from_hits`` (see :func:`reads_hits`) a search reads its hits, in the
    index's order when that is the one asked for, else sorting them; any
    other walks the quotes in order until the page is full.
    """
    order = _order(query)
    page_order = order
    from_search = from_hits and query.search is not None
    if from_search:
        in_index = newest_hits_first(dialect_name) if query.order == "newest" else None
        page_order = (in_index,) if in_index is not None else _order(query, sorted_here=True)
    page = (
        select(quotes.c.seq)
        .select_from(_filtered(query, dialect_name, from_search=from_search))
        .where(*_conditions(query, dialect_name, actor_ids, from_search=from_search))
        .order_by(*page_order)
        .offset(query.offset)
    )
    if query.limit is not None:
        page = page.limit(query.limit)
    chosen = page.subquery("page")
    return (
        select(*_COLUMNS)
        .select_from(_JOINED.join(chosen, chosen.c.seq == quotes.c.seq))
        .order_by(*order)
    )


def count_quotes(
    query: QuoteQuery,
    dialect_name: str,
    actor_ids: tuple[str, ...] | None = None,
    *,
    at_most: int | None = None,
) -> Select[int]:
    """How many quotes match ``query``, ignoring its limit and offset, counting to ``at_most``."""
    if query.search is not None and _searches_only(query):
        return count_hits(
            dialect_name, query.search, at_most=at_most, rejected=query.include_rejected
        )
    from_search = query.search is not None
    matching = (
        select(quotes.c.seq)
        .select_from(_filtered(query, dialect_name, from_search=from_search))
        .where(*_conditions(query, dialect_name, actor_ids, from_search=from_search))
    )
    if at_most is not None:
        matching = matching.limit(at_most)
    return select(func.count()).select_from(matching.subquery("matching"))


def select_months(
    query: QuoteQuery, dialect_name: str, actor_ids: tuple[str, ...] | None = None
) -> Select[Any]:
    """How many quotes match ``query`` in each month ("2021-04") with a date, oldest first."""
    month = func.substr(quotes.c.published, 1, 7).label("month")
    return (
        select(month, func.count().label("quotes"))
        .select_from(_filtered(query, dialect_name))
        .where(*_conditions(query, dialect_name, actor_ids), quotes.c.published.is_not(None))
        .group_by(month)
        .order_by(month)
    )


def _order(query: QuoteQuery, *, sorted_here: bool = False) -> tuple[Any, ...]:
    """The order of ``query``; ``sorted_here`` hides the key from its index, so that
    SQLite sorts the few rows it has rather than walk every quote in key order."""
    key: Any = quotes.c.sort_key
    if sorted_here:
        key = key + literal_column("0")
    newest = (key.desc(),)
    return (quotes.c.confidence.desc(), *newest) if query.order == "confidence" else newest


def _searches_only(query: QuoteQuery) -> bool:
    """Whether ``query`` has no filter but its search (and whether to see rejected quotes)."""
    filters = (
        query.speaker,
        query.article,
        query.since,
        query.until,
        query.kind,
        query.cue_type,
        query.outlet,
    )
    return all(value is None for value in filters)


def _filtered(query: QuoteQuery, dialect_name: str, *, from_search: bool = False) -> Any:
    """The quotes, joined to their articles only when a filter is about the article,
    read through the search hits with ``from_search``."""
    quoted: Any = quotes
    if query.article is not None or query.outlet is not None:
        quoted = quotes.join(articles, articles.c.id == quotes.c.article_id)
    if from_search and query.search is not None:
        return from_matches(dialect_name, query.search, quoted)[0]
    return quoted


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
        cue_type=values["cue_type"],
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


def _conditions(
    query: QuoteQuery,
    dialect_name: str,
    actor_ids: tuple[str, ...] | None,
    *,
    from_search: bool = False,
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if not query.include_rejected and from_search:
        # Not on its index, so that SQLite reads the hits first and looks each quote up.
        conditions.append(func.coalesce(quotes.c.rejected, False).is_(False))
    elif not query.include_rejected:
        conditions.append(quotes.c.rejected.is_(False))
    if query.speaker is not None:
        if actor_ids is None:
            raise UsageError("resolve the speaker to actor ids first (speaker_ids)")
        conditions.append(quotes.c.actor_id.in_(actor_ids) if actor_ids else false())
    if query.search is not None and from_search:
        conditions.append(from_matches(dialect_name, query.search, quotes)[1])
    elif query.search is not None:
        conditions.append(quote_matches(dialect_name, query.search))
    if query.article is not None:
        conditions.append(
            or_(
                articles.c.id == query.article,
                articles.c.source.contains(query.article, autoescape=True),
            )
        )
    if query.since is not None:
        conditions.append(quotes.c.published >= query.since)
    if query.until is not None:
        conditions.append(_until(query.until))
    if query.kind is not None:
        conditions.append(quotes.c.kind == query.kind)
    if query.cue_type is not None:
        conditions.append(quotes.c.cue_type == query.cue_type)
    if query.outlet is not None:
        conditions.append(articles.c.outlet.icontains(query.outlet, autoescape=True))
    return conditions


def _until(bound: date | datetime) -> ColumnElement[bool]:
    """Published no later than ``bound``; a date includes its whole day."""
    if isinstance(bound, datetime):
        return quotes.c.published <= bound
    return quotes.c.published < bound + timedelta(days=1)
