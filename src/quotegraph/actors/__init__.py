"""Actors: who is mentioned in a document, and who is who across the corpus.

``find_actors`` finds names, pronouns and descriptors in a parsed document and
links them into document-level entities (:mod:`.document`, :mod:`.coref`);
resolving those entities into corpus actors is a corpus step over stored
analyses (:mod:`.across`), steered by the user's alias file (:mod:`.aliases`)
and by corrections (:mod:`.corrections`). The document part needs spaCy and is
imported on first use, so the corpus steps run without loading it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quotegraph.actors.document import DocumentActors, find_actors

__all__ = ["DocumentActors", "find_actors"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from quotegraph.actors import document

        return getattr(document, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
