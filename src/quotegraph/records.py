"""The immutable records that flow through quotegraph.

Every span is a pair of character offsets ``(start, end)``, end-exclusive, into
the text of the article *as received* (a Python ``str`` index). A span that may
be broken (a quote interrupted by its attribution, or by a caption that was
taken out) is a tuple of such pairs, in text order.

This module imports nothing of ours: every other module may import it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

Span = tuple[int, int]
Fragments = tuple[Span, ...]


def merge_fragments(fragments: Iterable[Span]) -> Fragments:
    """Sort fragments and join those that overlap or touch, so no character counts twice."""
    merged: list[Span] = []
    for start, end in sorted(fragments):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


class Extent:
    """Where a content made of fragments begins and ends (``start``, ``end``)."""

    __slots__ = ()
    content: Fragments

    @property
    def start(self) -> int:
        """Where the content begins."""
        return self.content[0][0]

    @property
    def end(self) -> int:
        """Where the content ends."""
        return self.content[-1][1]


QuoteKind = Literal["direct", "indirect", "mixed"]
CueType = Literal["speech", "writing", "belief", "intention", "evidence", "stance"]
ActorType = Literal["person", "organisation", "unknown"]
MentionKind = Literal["name", "pronoun", "descriptor"]

QUOTE_KINDS: tuple[QuoteKind, ...] = ("direct", "indirect", "mixed")
CUE_TYPES: tuple[CueType, ...] = ("speech", "writing", "belief", "intention", "evidence", "stance")


@dataclass(frozen=True, slots=True)
class Removed:
    """A stretch of page furniture taken out of the article before analysis.

    ``kind`` names what it was: ``caption``, ``credit``, ``controls``,
    ``prompt``, ``comments``, ``tags``, ``advert``, ``headline``, ``dateline``,
    ``byline``, ``related``, ``blank``...  Captions are the publisher's words
    but sit outside the body's flow.
    """

    start: int
    end: int
    kind: str


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """What is known about an article besides its text."""

    source: str = ""
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    authors: tuple[str, ...] = ()
    language: str = "en"


@dataclass(frozen=True, slots=True)
class Mention:
    """A span that names or refers to an actor, linked to a document entity."""

    start: int
    end: int
    text: str
    kind: MentionKind
    entity: int


@dataclass(frozen=True, slots=True)
class Entity:
    """An actor as seen inside one article: all its mentions share ``id``.

    ``roles`` keeps what the text says the actor is ("a 38-year-old nurse from
    Leeds", "spokeswoman for the Harbour Trust"); ``affiliations`` the
    organisations or parties the text ties it to.
    """

    id: int
    name: str
    type: ActorType
    roles: tuple[str, ...] = ()
    affiliations: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Quote(Extent):
    """One attribution: content, the cue that introduces it and who said it.

    ``speaker`` is the id of an :class:`Entity` of the same analysis, or None
    when the speaker is unknown. ``source`` is the span the text uses for the
    speaker at this quote (a name, a pronoun, "a spokeswoman"). ``cue_type``
    says what the cue reports (speech, writing, a belief, ...) where its lemma
    tells it. ``continues`` says the quote carries on a quote of the previous
    paragraph. ``method`` names the rule or model that found it.
    """

    content: Fragments
    kind: QuoteKind
    cue: Span | None = None
    cue_lemma: str | None = None
    cue_type: CueType | None = None
    source: Span | None = None
    speaker: int | None = None
    confidence: float = 0.5
    continues: bool = False
    method: str = ""


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything one document yields: the output of :func:`quotegraph.analyze`."""

    text: str
    meta: ArticleMeta
    removed: tuple[Removed, ...] = ()
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    pipeline: str = ""
    notes: tuple[str, ...] = field(default=())

    def entity(self, entity_id: int | None) -> Entity | None:
        """The entity with this id, or None."""
        if entity_id is None:
            return None
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        return None

    def span_text(self, fragments: Fragments) -> str:
        """The text of a (possibly broken) span, fragments joined by ' … '."""
        return " … ".join(self.text[start:end] for start, end in fragments)
