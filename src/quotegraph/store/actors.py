"""The corpus actor step over the store: read, resolve, correct, group statements, write.

Resolution itself is :func:`quotegraph.actors.across.resolve_actors`, the
replay of corrections :func:`quotegraph.actors.corrections.apply_corrections`
and the grouping of repeated quotes
:func:`quotegraph.actors.statements.group_statements`, all pure functions;
this module only feeds them from the stored analyses (never re-parsing an
article) and records what they decided. Only rows whose values change are
written, so a rerun after one correction or one alias costs little more than
reading the entities.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from quotegraph.actors.across import EntityObservation, resolve_actors
from quotegraph.actors.aliases import AliasBook, parse_aliases
from quotegraph.actors.corrections import (
    CorrectionStep,
    EntityKey,
    Resolution,
    apply_corrections,
)
from quotegraph.actors.statements import QuoteSighting, group_statements
from quotegraph.store.schema import (
    actors,
    articles,
    corpus_settings,
    corrections,
    entities,
    mentions,
    quotes,
)
from quotegraph.store.search import reindex_names, reindex_quotes

ALIASES_SETTING = "aliases"

log = logging.getLogger(__name__)


def rebuild_actors(connection: Connection) -> int:
    """Recompute every corpus actor from the stored entities; return how many there are.

    Runs in the caller's transaction: actors, the ``actor_id`` of entities and
    quotes, statements, and the speaker names in the search index change together.
    """
    clock = _Clock()
    published = _published(connection)
    observations, current_entities = _observations(connection, published)
    clock.lap("read entities")
    resolution = Resolution.from_assignments(
        resolve_actors(observations, stored_aliases(connection))
    )
    clock.lap("resolve")
    stored_quotes = _quotes(connection)
    quote_entities = {
        row["id"]: (row["article_id"], row["entity_id"]) if row["entity_id"] is not None else None
        for row in stored_quotes
    }
    apply_corrections(resolution, active_corrections(connection), quote_entities)

    quote_actor = {
        quote_id: resolution.quote_actor.get(quote_id)
        or (resolution.entity_actor.get(entity) if entity is not None else None)
        for quote_id, entity in quote_entities.items()
    }
    statements = _statements(stored_quotes, quote_actor, resolution.rejected, published)
    clock.lap("corrections and statements")
    renamed = _write_entities(connection, resolution, current_entities)
    renamed |= _write_quotes(connection, stored_quotes, quote_actor, statements, resolution)
    clock.lap("write entities and quotes")
    old_names = dict(connection.execute(select(actors.c.id, actors.c.name)).all())
    rows = _actor_rows(observations, resolution, quote_actor, stored_quotes, published)
    connection.execute(delete(actors))
    if rows:
        connection.execute(insert(actors), rows)
    new_names = {row["id"]: row["name"] for row in rows}
    reindex_names(connection)
    clock.lap("write actors")
    if renamed or new_names != old_names:
        reindex_quotes(connection)
        clock.lap("reindex search")
    return len(rows)


class _Clock:
    """Logs how long each part of the actor step took, for -vv runs and benchmarks."""

    def __init__(self) -> None:
        self.last = time.perf_counter()

    def lap(self, what: str) -> None:
        now = time.perf_counter()
        log.debug("actor step: %s in %.2f s", what, now - self.last)
        self.last = now


def _statements(
    stored_quotes: list[Any],
    quote_actor: dict[str, str | None],
    rejected: set[str],
    published: dict[str, datetime | None],
) -> dict[str, str]:
    """The statement of every quote, regrouping only the actors whose quotes changed.

    An actor that keeps exactly the quotes it had keeps its statements, so a
    rerun after one correction or alias regroups a handful of actors, not all.
    """
    speaker = {
        row["id"]: None if row["id"] in rejected else quote_actor[row["id"]]
        for row in stored_quotes
    }
    changed: set[str | None] = set()
    for row in stored_quotes:
        before = None if row["rejected"] else row["actor_id"]
        if row["statement_id"] is None or before != speaker[row["id"]]:
            changed.update((before, speaker[row["id"]]))
    statements = {
        row["id"]: row["statement_id"]
        for row in stored_quotes
        if speaker[row["id"]] not in changed and speaker[row["id"]] is not None
    }
    statements.update(
        group_statements(
            QuoteSighting(
                quote_id=row["id"],
                actor_id=speaker[row["id"]],
                text=row["content_text"],
                order=(_day(published.get(row["article_id"])), row["article_id"], row["position"]),
            )
            for row in stored_quotes
            if row["id"] not in statements
        )
    )
    return statements


def stored_aliases(connection: Connection) -> AliasBook:
    """The alias file the store keeps, or an empty one."""
    value = connection.scalar(
        select(corpus_settings.c.value).where(corpus_settings.c.name == ALIASES_SETTING)
    )
    if not value:
        return AliasBook()
    return parse_aliases(value["text"], value["format"], where="the stored alias file")


def active_corrections(connection: Connection) -> list[CorrectionStep]:
    """The corrections not undone, oldest first."""
    result = connection.execute(
        select(corrections.c.id, corrections.c.kind, corrections.c.target, corrections.c.value)
        .where(corrections.c.undone.is_(False))
        .order_by(corrections.c.id)
    )
    return [
        CorrectionStep(id=row.id, kind=row.kind, target=row.target, value=row.value)
        for row in result
    ]


def _published(connection: Connection) -> dict[str, datetime | None]:
    return dict(connection.execute(select(articles.c.id, articles.c.published)).all())


def _day(value: datetime | None) -> str:
    return value.isoformat() if value is not None else "9999"


def _observations(
    connection: Connection, published: dict[str, datetime | None]
) -> tuple[list[EntityObservation], dict[EntityKey, tuple[Any, Any, Any]]]:
    """The stored entities, oldest article first, with the forms their names take."""
    forms: dict[EntityKey, list[str]] = defaultdict(list)
    for article_id, entity_id, text in connection.execute(
        select(mentions.c.article_id, mentions.c.entity_id, mentions.c.text).where(
            mentions.c.kind == "name"
        )
    ):
        forms[(article_id, entity_id)].append(text)
    has_mentions = {
        (a, e)
        for a, e in connection.execute(
            select(mentions.c.article_id, mentions.c.entity_id).distinct()
        )
    }
    rows = list(
        connection.execute(
            select(
                entities.c.article_id,
                entities.c.entity_id,
                entities.c.name,
                entities.c.type,
                entities.c.roles,
                entities.c.affiliations,
                entities.c.actor_id,
                entities.c.actor_reason,
                entities.c.actor_confidence,
                entities.c.position,
            )
        )
    )
    rows.sort(key=lambda r: (_day(published.get(r.article_id)), r.article_id, r.position))
    observations = []
    current = {}
    for row in rows:
        key = (row.article_id, row.entity_id)
        named = bool(forms.get(key)) or key not in has_mentions
        observations.append(
            EntityObservation(
                article_id=row.article_id,
                entity_id=row.entity_id,
                name=row.name,
                type=row.type,
                roles=tuple(row.roles),
                affiliations=tuple(row.affiliations),
                forms=tuple(forms.get(key, ())),
                named=named,
            )
        )
        current[key] = (row.actor_id, row.actor_reason, row.actor_confidence)
    return observations, current


def _quotes(connection: Connection) -> list[Any]:
    return list(
        connection.execute(
            select(
                quotes.c.id,
                quotes.c.article_id,
                quotes.c.position,
                quotes.c.entity_id,
                quotes.c.content_text,
                quotes.c.actor_id,
                quotes.c.statement_id,
                quotes.c.rejected,
                quotes.c.reviewed,
            )
        ).mappings()
    )


def _write_entities(
    connection: Connection,
    resolution: Resolution,
    current: dict[EntityKey, tuple[Any, Any, Any]],
) -> bool:
    changes = []
    for key, actor_id in resolution.entity_actor.items():
        reason, confidence = resolution.entity_reason[key]
        if current.get(key) != (actor_id, reason, confidence):
            changes.append(
                {
                    "of_article": key[0],
                    "of_entity": key[1],
                    "to_actor": actor_id,
                    "to_reason": reason,
                    "to_confidence": confidence,
                }
            )
    if changes:
        connection.execute(
            update(entities)
            .where(
                entities.c.article_id == bindparam("of_article"),
                entities.c.entity_id == bindparam("of_entity"),
            )
            .values(
                actor_id=bindparam("to_actor"),
                actor_reason=bindparam("to_reason"),
                actor_confidence=bindparam("to_confidence"),
            ),
            changes,
        )
    return bool(changes)


def _write_quotes(
    connection: Connection,
    stored: list[Any],
    quote_actor: dict[str, str | None],
    statements: dict[str, str],
    resolution: Resolution,
) -> bool:
    changes = []
    for row in stored:
        quote_id = row["id"]
        wanted = (
            quote_actor[quote_id],
            statements[quote_id],
            quote_id in resolution.rejected,
            quote_id in resolution.reviewed,
        )
        if (row["actor_id"], row["statement_id"], row["rejected"], row["reviewed"]) != wanted:
            changes.append(
                {
                    "of_quote": quote_id,
                    "to_actor": wanted[0],
                    "to_statement": wanted[1],
                    "to_rejected": wanted[2],
                    "to_reviewed": wanted[3],
                }
            )
    if changes:
        connection.execute(
            update(quotes)
            .where(quotes.c.id == bindparam("of_quote"))
            .values(
                actor_id=bindparam("to_actor"),
                statement_id=bindparam("to_statement"),
                rejected=bindparam("to_rejected"),
                reviewed=bindparam("to_reviewed"),
            ),
            changes,
        )
    return any(row["actor_id"] != quote_actor[row["id"]] for row in stored)


def _actor_rows(
    observations: list[EntityObservation],
    resolution: Resolution,
    quote_actor: dict[str, str | None],
    stored_quotes: list[Any],
    published: dict[str, datetime | None],
) -> list[dict[str, Any]]:
    """One row per actor with an entity or a quote: names, roles, counts and dates."""
    rows: dict[str, dict[str, Any]] = {}
    seen_in: dict[str, set[str]] = defaultdict(set)

    def row_of(actor_id: str) -> dict[str, Any]:
        row = rows.get(actor_id)
        if row is None:
            info = resolution.actors[actor_id]
            row = rows[actor_id] = {
                "id": actor_id,
                "name": info.name,
                "type": info.type,
                "aliases": [],
                "roles": [],
                "affiliations": [],
                "quote_count": 0,
                "article_count": 0,
                "first_seen": None,
                "last_seen": None,
                "external_id": info.external_id,
            }
        return row

    for entity in observations:
        actor_id = resolution.entity_actor[(entity.article_id, entity.entity_id)]
        row = row_of(actor_id)
        seen_in[actor_id].add(entity.article_id)
        for field, values in (
            ("aliases", (entity.name,)),
            ("roles", entity.roles),
            ("affiliations", entity.affiliations),
        ):
            row[field].extend(value for value in values if value not in row[field])
    for quote in stored_quotes:
        speaker = quote_actor[quote["id"]]
        if speaker is None or quote["id"] in resolution.rejected:
            continue
        row_of(speaker)["quote_count"] += 1
        seen_in[speaker].add(quote["article_id"])
    for actor_id, row in rows.items():
        row["aliases"] = row["aliases"] or [row["name"]]
        dates = [d for a in seen_in[actor_id] if (d := published.get(a)) is not None]
        row["article_count"] = len(seen_in[actor_id])
        if dates:
            row["first_seen"] = min(dates, key=_day)
            row["last_seen"] = max(dates, key=_day)
    return list(rows.values())
