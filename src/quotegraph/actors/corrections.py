"""Applying people's corrections on top of what the automatic actor step decided.

Corrections are kept apart from what the machine computes and replayed, in
the order they were made, after every automatic step, so a rerun never loses
them. Each one records the entities it was about as well as actor ids: an
article's entities never change once it is stored, while an actor's id may
when the corpus grows (a lone surname that later meets its full name), so an
actor a correction names is found again by the entities it had.

This module is pure: assignments and corrections in, a corrected resolution out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from quotegraph.actors.across import ActorAssignment
from quotegraph.records import ActorType

__all__ = [
    "CORRECTION_KINDS",
    "ActorInfo",
    "CorrectionStep",
    "EntityKey",
    "Resolution",
    "apply_corrections",
]

EntityKey = tuple[str, int]

CORRECTION_KINDS = ("speaker", "reject", "accept", "merge", "split", "rename")


@dataclass(frozen=True, slots=True, kw_only=True)
class CorrectionStep:
    """One correction as the replay needs it: its kind, target and recorded value."""

    id: int
    kind: str
    target: str
    value: Mapping[str, Any]


@dataclass(slots=True, kw_only=True)
class ActorInfo:
    """What the corpus knows of an actor besides its entities."""

    name: str
    type: ActorType
    external_id: str | None = None
    reason: str = ""


@dataclass(slots=True)
class Resolution:
    """Who is who after the automatic step and the corrections.

    ``entity_actor`` maps each entity to its actor; ``quote_actor`` holds the
    quotes whose speaker a person set directly.
    """

    entity_actor: dict[EntityKey, str] = field(default_factory=dict)
    entity_reason: dict[EntityKey, tuple[str, float]] = field(default_factory=dict)
    actors: dict[str, ActorInfo] = field(default_factory=dict)
    quote_actor: dict[str, str] = field(default_factory=dict)
    rejected: set[str] = field(default_factory=set)
    reviewed: set[str] = field(default_factory=set)

    @classmethod
    def from_assignments(cls, assignments: Iterable[ActorAssignment]) -> Resolution:
        resolution = cls()
        for item in assignments:
            key = (item.article_id, item.entity_id)
            resolution.entity_actor[key] = item.actor_id
            resolution.entity_reason[key] = (item.reason, item.confidence)
            resolution.actors.setdefault(
                item.actor_id,
                ActorInfo(name=item.actor_name, type=item.actor_type, external_id=item.external_id),
            )
        return resolution

    def members(self, actor_id: str) -> list[EntityKey]:
        """The entities of an actor, in a stable order."""
        return sorted(key for key, actor in self.entity_actor.items() if actor == actor_id)

    def find(self, actor_id: str, members: Sequence[Sequence[Any]] = ()) -> str | None:
        """The actor a correction names: by id, or else the one holding most of its entities."""
        if actor_id in self.actors:
            return actor_id
        votes = Counter(
            self.entity_actor[(str(a), int(e))]
            for a, e in members
            if (str(a), int(e)) in self.entity_actor
        )
        return votes.most_common(1)[0][0] if votes else None

    def ensure(self, actor_id: str, value: Mapping[str, Any]) -> str:
        """The actor a correction names, created from what it recorded when it is gone."""
        found = self.find(actor_id, value.get("members", ()))
        if found is not None:
            return found
        self.actors[actor_id] = ActorInfo(
            name=str(value.get("name") or actor_id), type=value.get("type") or "person"
        )
        return actor_id


def apply_corrections(
    resolution: Resolution,
    corrections: Iterable[CorrectionStep],
    quote_entities: Mapping[str, EntityKey | None],
) -> Resolution:
    """Replay corrections, oldest first, over an automatic resolution (changed in place)."""
    for step in corrections:
        _APPLY[step.kind](resolution, step, quote_entities)
    return resolution


def _speaker(
    resolution: Resolution, step: CorrectionStep, quote_entities: Mapping[str, EntityKey | None]
) -> None:
    if step.target not in quote_entities:
        return
    resolution.quote_actor[step.target] = resolution.ensure(str(step.value["actor"]), step.value)
    resolution.actors[resolution.quote_actor[step.target]].reason = "speaker set by a correction"


def _reject(
    resolution: Resolution, step: CorrectionStep, quote_entities: Mapping[str, EntityKey | None]
) -> None:
    resolution.rejected.add(step.target)


def _accept(
    resolution: Resolution, step: CorrectionStep, quote_entities: Mapping[str, EntityKey | None]
) -> None:
    resolution.reviewed.add(step.target)


def _merge(
    resolution: Resolution, step: CorrectionStep, quote_entities: Mapping[str, EntityKey | None]
) -> None:
    keep = resolution.ensure(step.target, {**step.value, "members": step.value["keep_members"]})
    others = {
        found
        for other in step.value["others"]
        if (found := resolution.find(str(other))) is not None and found != keep
    }
    moved = {(str(a), int(e)) for a, e in step.value["other_members"]}
    for key, actor in list(resolution.entity_actor.items()):
        if actor in others or key in moved:
            resolution.entity_actor[key] = keep
            resolution.entity_reason[key] = ("merged by a correction", 1.0)
    for quote, actor in list(resolution.quote_actor.items()):
        if actor in others:
            resolution.quote_actor[quote] = keep


def _split(
    resolution: Resolution, step: CorrectionStep, quote_entities: Mapping[str, EntityKey | None]
) -> None:
    new = str(step.value["id"])
    resolution.actors[new] = ActorInfo(
        name=str(step.value["name"]),
        type=step.value.get("type") or "person",
        reason="split off by a correction",
    )
    for a, e in step.value["entities"]:
        key = (str(a), int(e))
        if key in resolution.entity_actor:
            resolution.entity_actor[key] = new
            resolution.entity_reason[key] = ("split off by a correction", 1.0)
    for quote in step.value["quotes"]:
        if quote in quote_entities and quote_entities[quote] is None:
            resolution.quote_actor[quote] = new


def _rename(
    resolution: Resolution, step: CorrectionStep, quote_entities: Mapping[str, EntityKey | None]
) -> None:
    actor = resolution.find(step.target, step.value.get("members", ()))
    if actor is not None:
        resolution.actors[actor].name = str(step.value["name"])


_APPLY = {
    "speaker": _speaker,
    "reject": _reject,
    "accept": _accept,
    "merge": _merge,
    "split": _split,
    "rename": _rename,
}
