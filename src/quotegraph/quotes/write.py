"""Turning the chosen candidates into :class:`~quotegraph.records.Quote` records."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from quotegraph.quotes.candidates import Candidate
from quotegraph.quotes.lexicon import cue_type_of
from quotegraph.quotes.sources import stand_ins
from quotegraph.records import Mention, Quote

if TYPE_CHECKING:
    from quotegraph.actors import DocumentActors


class SpeakerIndex:
    """Finds the entity whose mention covers a token."""

    def __init__(self, actors: DocumentActors) -> None:
        self.mentions: list[Mention] = sorted(actors.mentions, key=lambda m: (m.start, m.end))
        self.starts = [mention.start for mention in self.mentions]

    def entity_at(self, offset: int) -> int | None:
        """The entity of the mention covering character ``offset``, or None."""
        n = bisect.bisect_right(self.starts, offset) - 1
        while n >= 0 and self.mentions[n].start <= offset:
            if offset < self.mentions[n].end:
                return self.mentions[n].entity
            n -= 1
            if n >= 0 and offset - self.mentions[n].start > 200:
                break
        return None

    def speaker_of(self, token: Token) -> int | None:
        """The entity ``token`` names, or else the first that one of its stand-ins
        names (a name in apposition, the author of a document)."""
        for candidate in [token, *stand_ins(token)]:
            speaker = self.entity_at(candidate.idx)
            if speaker is not None:
                return speaker
        return None


def write_quotes(
    doc: Doc, candidates: list[Candidate], actors: DocumentActors
) -> tuple[Quote, ...]:
    """The quote records of the chosen candidates, each with its speaker entity."""
    speakers = SpeakerIndex(actors)
    quotes = []
    for candidate in candidates:
        speaker = holder = None
        if candidate.speaker_token is not None:
            speaker = speakers.speaker_of(doc[candidate.speaker_token])
            holder = doc[candidate.speaker_token].lemma_
        quotes.append(
            Quote(
                content=candidate.content,
                kind=candidate.kind,
                cue=candidate.cue,
                cue_lemma=candidate.cue_lemma,
                cue_type=cue_type_of(candidate.cue_lemma, holder),
                source=candidate.source,
                speaker=speaker,
                confidence=candidate.confidence,
                continues=candidate.continues,
                method=candidate.method,
            )
        )
    return tuple(quotes)
