"""Actors across articles: which document entities are the same corpus actor.

This is the corpus step that turns each article's entities into actors of the
whole corpus. It is a pure function over observations, so it can be rerun in
seconds whenever the stored entities change, and replaced by a fuller
cross-document resolver behind the same signature.

The rules are cautious, because a wrong merge puts words in someone's mouth:

* entities of the same type whose normalised names are equal are one actor
  (names are casefolded, whitespace collapsed, and for people leading titles
  such as "Dr" or "Senator" dropped);
* a person named by one word only ("Okafor", "Maria") joins a full-name actor
  only when exactly one full name of the same article ends or begins with that
  word; otherwise it stays an actor of its own, local to its article.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from quotegraph.actors.lexicon import actor_lexicon
from quotegraph.records import ActorType

__all__ = ["ActorAssignment", "EntityObservation", "normalise_name", "resolve_actors"]

# How sure each rule is that the entity belongs to its actor. Equal full names
# can still be two people; a single word leans on the article's other names.
FULL_NAME_CONFIDENCE = 0.9
SURNAME_CONFIDENCE = 0.8
FIRST_NAME_CONFIDENCE = 0.7
SINGLE_NAME_CONFIDENCE = 0.5

# (type, normalised name) for actors across articles; a single name that stays
# on its own also carries its article id.
ActorKey = tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class EntityObservation:
    """One document entity, as the corpus step sees it."""

    article_id: str
    entity_id: int
    name: str
    type: ActorType
    roles: tuple[str, ...] = ()
    affiliations: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorAssignment:
    """The corpus actor an entity belongs to, with why and how sure.

    ``actor_id`` is stable: the same names give the same id on every rebuild,
    so corrections and links made against an actor survive a rerun.
    """

    article_id: str
    entity_id: int
    actor_id: str
    actor_name: str
    actor_type: ActorType
    reason: str
    confidence: float


def normalise_name(name: str, actor_type: ActorType) -> str:
    """The comparable form of a name: casefolded, single-spaced, people without titles."""
    return " ".join(word.casefold() for word in _display_words(name, actor_type))


def resolve_actors(observations: Iterable[EntityObservation]) -> list[ActorAssignment]:
    """Group document entities into corpus actors, one assignment per entity, in input order."""
    entities = list(observations)
    full_names = _full_names(entities)
    display = _display_names(entities)
    assignments = []
    for entity in entities:
        actor_key, reason, confidence = _actor_of(entity, full_names)
        assignments.append(
            ActorAssignment(
                article_id=entity.article_id,
                entity_id=entity.entity_id,
                actor_id=_actor_id(actor_key),
                actor_name=display.get(actor_key) or _written_name(entity),
                actor_type=entity.type,
                reason=reason,
                confidence=confidence,
            )
        )
    return assignments


def _actor_of(
    entity: EntityObservation, full_names: dict[tuple[str, str], set[str]]
) -> tuple[ActorKey, str, float]:
    """The key of an entity's actor, why, and how sure.

    A one-word person name is judged against the full names of its article.
    """
    key = normalise_name(entity.name, entity.type)
    if _is_full_name(key, entity.type):
        return (entity.type, key), "same full name", FULL_NAME_CONFIDENCE
    candidates = sorted(
        name
        for name in full_names.get((entity.article_id, entity.type), ())
        if key in (name.split()[0], name.split()[-1])
    )
    if len(candidates) == 1:
        name = candidates[0]
        part = "surname" if name.split()[-1] == key else "first name"
        confidence = SURNAME_CONFIDENCE if part == "surname" else FIRST_NAME_CONFIDENCE
        return (
            (entity.type, name),
            f"{part} of the one full name in the article with it",
            confidence,
        )
    reason = (
        f"single name shared by {len(candidates)} full names in the article"
        if candidates
        else "single name with no matching full name in the article"
    )
    return (entity.type, key, entity.article_id), reason, SINGLE_NAME_CONFIDENCE


def _full_names(entities: list[EntityObservation]) -> dict[tuple[str, str], set[str]]:
    """The normalised full names of each article, by article and type."""
    names: dict[tuple[str, str], set[str]] = defaultdict(set)
    for entity in entities:
        key = normalise_name(entity.name, entity.type)
        if _is_full_name(key, entity.type):
            names[(entity.article_id, entity.type)].add(key)
    return names


def _display_names(entities: list[EntityObservation]) -> dict[ActorKey, str]:
    """The canonical name of each full-name actor: its most frequent written form.

    Ties go to the longer form, then to the alphabetically first, so a rebuild
    never flips between spellings.
    """
    forms: dict[ActorKey, Counter[str]] = defaultdict(Counter)
    for entity in entities:
        key = normalise_name(entity.name, entity.type)
        if _is_full_name(key, entity.type):
            forms[(entity.type, key)][_written_name(entity)] += 1
    return {
        actor_key: min(counts, key=lambda form: (-counts[form], -len(form), form))
        for actor_key, counts in forms.items()
    }


def _is_full_name(key: str, actor_type: ActorType) -> bool:
    """Whether a normalised name can stand for an actor on its own across articles."""
    return actor_type != "person" or len(key.split()) >= 2


def _written_name(entity: EntityObservation) -> str:
    """The name as the article writes it, single-spaced, without leading titles."""
    return " ".join(_display_words(entity.name, entity.type))


def _display_words(name: str, actor_type: ActorType) -> list[str]:
    """The words of a name as written, without leading titles for people."""
    words = name.split()
    if actor_type != "person":
        return words
    titles = actor_lexicon().titles
    start = 0
    while start < len(words) - 1 and words[start].casefold() in titles:
        start += 1
    return words[start:]


def _actor_id(actor_key: ActorKey) -> str:
    """A stable id for an actor key, short enough to type."""
    return hashlib.sha256("\x1f".join(actor_key).encode("utf-8")).hexdigest()[:16]
