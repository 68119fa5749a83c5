"""Choosing among overlapping candidates, so each word belongs to one attribution.

A statement the layout sets apart (a turn its speaker's label opens, a block
quote after "X wrote:") wins over every other attribution that shares its
words (a transcript's turn often holds quotation marks and reporting verbs
of its own). Direct quotes with an attribution of their own
win over parse-based ones that overlap them; a parse-based attribution wins
over a quoted phrase inside it (attributed through the clause that holds it)
and over an unattributed quote; between two parse-based ones, the outer wins
and the one nested in its content is dropped.
"""

from __future__ import annotations

from collections.abc import Sequence

from quotegraph.quotes.candidates import Candidate

EMBEDDED = "direct-embedded"


def _inside(offset: int, candidate: Candidate) -> bool:
    return any(start <= offset < end for start, end in candidate.content)


def _clashes(candidate: Candidate, kept: Candidate) -> bool:
    """Whether two candidates share content words or one's cue sits in the other's content."""
    if any(kept.overlaps(start, end) for start, end in candidate.content):
        return True
    return candidate.cue is not None and _inside(candidate.cue[0], kept)


def select(
    direct: list[Candidate], reported: list[Candidate], laid_out: Sequence[Candidate]
) -> list[Candidate]:
    """The candidates to keep, in text order."""
    attributed = [c for c in direct if c.cue is not None or c.source is not None]
    embedded = [c for c in attributed if c.method == EMBEDDED]
    attributed = [c for c in attributed if c.method != EMBEDDED]
    bare = [c for c in direct if c.cue is None and c.source is None]
    outer_first = sorted(reported, key=lambda c: c.start - c.end)
    ranked = [*laid_out, *attributed, *outer_first, *embedded, *bare]
    kept: list[Candidate] = []
    for candidate in ranked:
        if not any(_clashes(candidate, other) for other in kept):
            kept.append(candidate)
    kept.sort(key=lambda c: (c.start, c.end))
    return kept
