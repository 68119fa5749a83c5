"""Actors inside one document: who is mentioned, and which mentions are the same actor."""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc

from quotegraph.actors.coref import link_mentions
from quotegraph.actors.mentions import find_mentions
from quotegraph.records import Entity, Mention


@dataclass(frozen=True, slots=True)
class DocumentActors:
    """The entities of one document and every mention linked to them."""

    entities: tuple[Entity, ...]
    mentions: tuple[Mention, ...]

    def without_entities_only_in(
        self, start: int, end: int
    ) -> tuple[DocumentActors, dict[int, int]]:
        """These actors without those whose every mention lies in ``[start, end)``
        (character offsets), the others renumbered in order, and each kept id's new id."""
        outside = {m.entity for m in self.mentions if not start <= m.start < end}
        kept = [entity for entity in self.entities if entity.id in outside]
        new_ids = {entity.id: number for number, entity in enumerate(kept)}
        actors = DocumentActors(
            entities=tuple(replace(e, id=new_ids[e.id]) for e in kept),
            mentions=tuple(
                replace(m, entity=new_ids[m.entity]) for m in self.mentions if m.entity in new_ids
            ),
        )
        return actors, new_ids

    def entity(self, entity_id: int | None) -> Entity | None:
        """The entity with this id, or None."""
        if entity_id is None or not 0 <= entity_id < len(self.entities):
            return None
        return self.entities[entity_id]


def find_actors(doc: Doc) -> DocumentActors:
    """Find and link the actors of a parsed document, so quotes can name their speakers."""
    entities, mentions = link_mentions(doc, find_mentions(doc))
    return DocumentActors(entities=entities, mentions=mentions)
