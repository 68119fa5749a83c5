"""The corpus actor step over the store: read the entities, resolve them, write the actors.

Resolution itself is :func:`quotegraph.actors.across.resolve_actors`, a pure
function; this module only feeds it and records what it decided.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Connection,
    RowMapping,
    bindparam,
    delete,
    distinct,
    func,
    insert,
    select,
    update,
)

from quotegraph.store.schema import actors, articles, entities, quotes
from quotegraph.store.search import reindex_quotes

if TYPE_CHECKING:
    from quotegraph.actors.across import ActorAssignment, EntityObservation


def rebuild_actors(connection: Connection) -> int:
    """Recompute every corpus actor from the stored entities; return how many there are.

    Runs in the caller's transaction: actors, the ``actor_id`` of entities and
    quotes, and the speaker names in the search index change together.
    """
    # Imported here: the actors package loads spaCy, which reading a store never needs.
    from quotegraph.actors.across import EntityObservation, resolve_actors

    observations = [
        EntityObservation(
            article_id=row["article_id"],
            entity_id=row["entity_id"],
            name=row["name"],
            type=row["type"],
            roles=tuple(row["roles"]),
            affiliations=tuple(row["affiliations"]),
        )
        for row in _stored_entities(connection)
    ]
    assignments = resolve_actors(observations)
    rows = _actor_rows(observations, assignments)
    connection.execute(update(entities).values(actor_id=None))
    connection.execute(delete(actors))
    if rows:
        connection.execute(insert(actors), rows)
        connection.execute(
            update(entities)
            .where(
                entities.c.article_id == bindparam("of_article"),
                entities.c.entity_id == bindparam("of_entity"),
            )
            .values(actor_id=bindparam("to_actor")),
            [
                {
                    "of_article": item.article_id,
                    "of_entity": item.entity_id,
                    "to_actor": item.actor_id,
                }
                for item in assignments
            ],
        )
    connection.execute(
        update(quotes).values(
            actor_id=select(entities.c.actor_id)
            .where(
                entities.c.article_id == quotes.c.article_id,
                entities.c.entity_id == quotes.c.entity_id,
            )
            .scalar_subquery()
        )
    )
    _count_appearances(connection)
    reindex_quotes(connection)
    return len(rows)


def _stored_entities(connection: Connection) -> Sequence[RowMapping]:
    """The stored entities, oldest article first, each article's in its order."""
    return (
        connection.execute(
            select(entities)
            .join(articles, articles.c.id == entities.c.article_id)
            .order_by(articles.c.published.asc().nulls_last(), articles.c.id, entities.c.position)
        )
        .mappings()
        .all()
    )


def _actor_rows(
    observations: Sequence[EntityObservation], assignments: Sequence[ActorAssignment]
) -> list[dict[str, Any]]:
    """One row per actor: its names as written and its roles, in order of first appearance."""
    rows: dict[str, dict[str, Any]] = {}
    for entity, assigned in zip(observations, assignments, strict=True):
        row = rows.setdefault(
            assigned.actor_id,
            {
                "id": assigned.actor_id,
                "name": assigned.actor_name,
                "type": assigned.actor_type,
                "aliases": [],
                "roles": [],
                "quote_count": 0,
                "article_count": 0,
            },
        )
        for field, values in (("aliases", (entity.name,)), ("roles", entity.roles)):
            row[field].extend(value for value in values if value not in row[field])
    return list(rows.values())


def _count_appearances(connection: Connection) -> None:
    """Fill each actor's quote and article counts and the dates it was first and last seen."""
    seen_in = entities.join(articles, articles.c.id == entities.c.article_id)
    of_actor = entities.c.actor_id == actors.c.id
    connection.execute(
        update(actors).values(
            quote_count=select(func.count())
            .where(quotes.c.actor_id == actors.c.id)
            .scalar_subquery(),
            article_count=select(func.count(distinct(entities.c.article_id)))
            .where(of_actor)
            .scalar_subquery(),
            first_seen=select(func.min(articles.c.published))
            .select_from(seen_in)
            .where(of_actor)
            .scalar_subquery(),
            last_seen=select(func.max(articles.c.published))
            .select_from(seen_in)
            .where(of_actor)
            .scalar_subquery(),
        )
    )
