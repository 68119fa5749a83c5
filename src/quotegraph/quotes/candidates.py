"""What the finders return: an attribution found in the parse, before it is recorded."""

from __future__ import annotations

from dataclasses import dataclass

from quotegraph.records import Extent, Fragments, QuoteKind, Span


@dataclass(frozen=True, slots=True)
class Candidate(Extent):
    """An attribution found by one rule, in character offsets.

    ``speaker_token`` is the token whose mention names the speaker (for
    "Arden, who said" it is "Arden", while ``source`` is "who").
    """

    content: Fragments
    kind: QuoteKind
    cue: Span | None
    cue_lemma: str | None
    source: Span | None
    speaker_token: int | None
    confidence: float
    method: str
    continues: bool = False

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any content fragment shares a character with ``[start, end)``."""
        return any(s < end and start < e for s, e in self.content)
