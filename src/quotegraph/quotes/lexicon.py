"""The reporting-verb lexicon: which verbs cue an attribution, and of what type.

A prepositional cue ("according to a poll", "in his eyes") takes its type from the
noun it governs, through ``quotes_holders.tsv``.
"""

from __future__ import annotations

import functools

from quotegraph.actors.lexicon import read_table
from quotegraph.records import CUE_TYPES, CueType

PREPOSITIONAL_CUES = frozenset({"according to", "in"})
"""Cue lemmas whose type is told by the noun they govern."""


def _typed_table(filename: str) -> dict[str, CueType]:
    table: dict[str, CueType] = {}
    for lemma, cue_type in read_table(filename):
        if cue_type not in CUE_TYPES:
            raise ValueError(f"{filename}: {lemma!r} has unknown cue type {cue_type!r}")
        table[lemma] = cue_type
    return table


@functools.cache
def cue_lexicon() -> dict[str, CueType]:
    """Reporting-verb lemmas and their cue type, loaded once from ``quotes_cues.tsv``."""
    return _typed_table("quotes_cues.tsv")


@functools.cache
def holder_types() -> dict[str, CueType]:
    """What a prepositional cue reports, by its noun's lemma, from ``quotes_holders.tsv``."""
    return _typed_table("quotes_holders.tsv")


def cue_type_of(lemma: str | None, holder: str | None = None) -> CueType | None:
    """The cue type of a cue's lemma, or None where the lexicon does not tell it.

    ``holder`` is the lemma of the noun a prepositional cue governs (the source of
    "according to a poll"), which tells that cue's type.
    """
    if not lemma:
        return None
    if lemma.lower() in PREPOSITIONAL_CUES:
        return holder_types().get(holder.lower()) if holder else None
    return cue_lexicon().get(lemma.lower())
