"""Corrections, the alias file and actor look-ups, as queries over the store.

Recording a correction only adds a row to ``corrections``; what it changes is
made by the actor step, which replays every correction not undone (see
:mod:`quotegraph.actors.corrections`). This module builds the recorded value
of each kind, with the entities it is about, so the replay can find its
actors again after any rerun.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, func, insert, or_, select, update

from quotegraph.actors.across import actor_id_of, normalise_name
from quotegraph.actors.aliases import AliasBook
from quotegraph.errors import UsageError
from quotegraph.store.actors import ALIASES_SETTING
from quotegraph.store.rows import ActorProfile, ActorRole, Correction, SpeakerRow
from quotegraph.store.schema import actors, articles, corpus_settings, corrections, entities, quotes


def correction_row(row: Any) -> Correction:
    return Correction(
        id=row.id,
        kind=row.kind,
        target=row.target,
        value=dict(row.value),
        created=row.created,
        undone=bool(row.undone),
    )


def add_correction(db: Connection, kind: str, target: str, value: dict[str, Any]) -> Correction:
    """Record a correction; the caller reruns the actor step to apply it."""
    correction_id = db.execute(
        insert(corrections)
        .values(kind=kind, target=target, value=value, created=_now(), undone=False)
        .returning(corrections.c.id)
    ).scalar_one()
    return get_correction(db, correction_id)


def get_correction(db: Connection, correction_id: int) -> Correction:
    row = db.execute(select(corrections).where(corrections.c.id == correction_id)).first()
    if row is None:
        raise UsageError(
            f"no correction {correction_id}; `quotegraph correct list` shows their ids"
        )
    return correction_row(row)


def list_corrections(db: Connection, *, include_undone: bool) -> list[Correction]:
    statement = select(corrections).order_by(corrections.c.id)
    if not include_undone:
        statement = statement.where(corrections.c.undone.is_(False))
    return [correction_row(row) for row in db.execute(statement)]


def mark_undone(db: Connection, correction_id: int) -> Correction:
    get_correction(db, correction_id)
    db.execute(update(corrections).where(corrections.c.id == correction_id).values(undone=True))
    return get_correction(db, correction_id)


def save_aliases(db: Connection, book: AliasBook) -> None:
    """Keep the alias file's text in the store, replacing the one kept before."""
    db.execute(corpus_settings.delete().where(corpus_settings.c.name == ALIASES_SETTING))
    if book.text.strip():
        db.execute(
            insert(corpus_settings).values(
                name=ALIASES_SETTING,
                value={"text": book.text, "format": book.format},
                updated=_now(),
            )
        )


# Actors


def find_actors(db: Connection, key: str) -> list[SpeakerRow]:
    """The actors whose id is ``key``, or with ``key`` as their name or an alias (any case)."""
    rows = db.execute(select(actors).where(actors.c.id == key)).mappings().all()
    if not rows:
        folded = key.strip().casefold()
        by_entity = select(entities.c.actor_id).where(
            func.lower(entities.c.name) == folded, entities.c.actor_id.is_not(None)
        )
        rows = (
            db.execute(
                select(actors).where(
                    or_(func.lower(actors.c.name) == folded, actors.c.id.in_(by_entity))
                )
            )
            .mappings()
            .all()
        )
        if len(rows) > 1:
            named = [row for row in rows if row["name"].casefold() == folded]
            rows = named or rows
    return [speaker_row(row) for row in rows]


def speaker_row(row: Any) -> SpeakerRow:
    return SpeakerRow(
        **{
            **row,
            "aliases": tuple(row["aliases"]),
            "roles": tuple(row["roles"]),
            "affiliations": tuple(row["affiliations"] or ()),
        }
    )


def one_actor(db: Connection, key: str) -> SpeakerRow:
    """The one actor ``key`` names, or a UsageError that says how to name it."""
    found = find_actors(db, key)
    if not found:
        raise UsageError(
            f"no actor {key!r}; `quotegraph actors --search {key!r}` lists actors "
            "with their ids and aliases"
        )
    if len(found) > 1:
        listed = ", ".join(f"{row.name} ({row.id})" for row in found[:6])
        raise UsageError(f"{key!r} names {len(found)} actors: {listed}; give the id instead")
    return found[0]


def members(db: Connection, actor_id: str) -> list[list[Any]]:
    """The entities of an actor, as [article id, entity id] pairs."""
    return [
        [a, e]
        for a, e in db.execute(
            select(entities.c.article_id, entities.c.entity_id)
            .where(entities.c.actor_id == actor_id)
            .order_by(entities.c.article_id, entities.c.entity_id)
        )
    ]


def quote_speaker(db: Connection, quote_id: str) -> Any:
    row = db.execute(
        select(quotes.c.id, quotes.c.article_id, quotes.c.entity_id, quotes.c.actor_id).where(
            quotes.c.id == quote_id
        )
    ).first()
    if row is None:
        raise UsageError(f"no quote {quote_id!r}; `quotegraph quotes --json` shows quote ids")
    return row


def speaker_value(db: Connection, actor: str, *, actor_type: str | None = None) -> dict[str, Any]:
    """The recorded value for "this actor": an existing one, or a new one named ``actor``."""
    found = find_actors(db, actor)
    if len(found) > 1:
        one_actor(db, actor)
    if found:
        row = found[0]
        return {
            "actor": row.id,
            "name": row.name,
            "type": row.type,
            "members": members(db, row.id),
        }
    kind = actor_type or "person"
    return {
        "actor": actor_id_of(("corrected", kind, normalise_name(actor, kind))),
        "name": actor.strip(),
        "type": kind,
        "members": [],
        "new": True,
    }


def merge_value(db: Connection, keep: str, others: Sequence[str]) -> tuple[str, dict[str, Any]]:
    kept = one_actor(db, keep)
    merged = [one_actor(db, other) for other in others]
    if not merged:
        raise UsageError("name at least one actor to merge into the one kept")
    if any(row.id == kept.id for row in merged):
        raise UsageError(f"{kept.name} ({kept.id}) cannot be merged into itself")
    return kept.id, {
        "name": kept.name,
        "type": kept.type,
        "keep_members": members(db, kept.id),
        "others": [row.id for row in merged],
        "other_names": [row.name for row in merged],
        "other_members": [pair for row in merged for pair in members(db, row.id)],
    }


def split_value(
    db: Connection, actor: str, quote_ids: Sequence[str], name: str
) -> tuple[str, dict[str, Any]]:
    row = one_actor(db, actor)
    if not quote_ids:
        raise UsageError("give the ids of the quotes that belong to the new actor")
    if not name.strip():
        raise UsageError("give the new actor a name")
    moved_entities = []
    for quote_id in quote_ids:
        quote = quote_speaker(db, quote_id)
        if quote.actor_id != row.id:
            raise UsageError(f"quote {quote_id} is not one of {row.name}'s ({row.id})")
        if quote.entity_id is not None:
            pair = [quote.article_id, quote.entity_id]
            if pair not in moved_entities:
                moved_entities.append(pair)
    return row.id, {
        "id": actor_id_of(("split", row.id, name.strip())),
        "name": name.strip(),
        "type": row.type,
        "quotes": list(quote_ids),
        "entities": moved_entities,
        "from_name": row.name,
    }


def rename_value(db: Connection, actor: str, name: str) -> tuple[str, dict[str, Any]]:
    row = one_actor(db, actor)
    if not name.strip():
        raise UsageError("give the actor a new name")
    return row.id, {"name": name.strip(), "old_name": row.name, "members": members(db, row.id)}


def actor_profile(db: Connection, key: str) -> ActorProfile | None:
    found = find_actors(db, key)
    if len(found) != 1:
        return None
    row = found[0]
    roles = []
    seen = set()
    reasons: Counter[str] = Counter()
    for reason, mentions in db.execute(
        select(entities.c.actor_reason, func.count())
        .where(entities.c.actor_id == row.id)
        .group_by(entities.c.actor_reason)
    ):
        reasons[reason or "unknown"] += mentions
    for role_list, article_id, published in db.execute(
        select(entities.c.roles, entities.c.article_id, articles.c.published)
        .join(articles, articles.c.id == entities.c.article_id)
        .where(entities.c.actor_id == row.id, func.json_array_length(entities.c.roles) > 0)
        .order_by(articles.c.published.asc().nulls_last(), articles.c.id, entities.c.position)
    ):
        for role in role_list:
            if (role, article_id) not in seen:
                seen.add((role, article_id))
                roles.append(ActorRole(role=role, article_id=article_id, date=published))
    return ActorProfile(
        id=row.id,
        name=row.name,
        type=row.type,
        aliases=row.aliases,
        roles=tuple(roles),
        affiliations=row.affiliations,
        quote_count=row.quote_count,
        article_count=row.article_count,
        first_seen=row.first_seen,
        last_seen=row.last_seen,
        external_id=row.external_id,
        reasons=tuple(reasons.most_common()),
    )


def _now() -> datetime:
    return datetime.now(UTC)
