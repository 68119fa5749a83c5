"""The reporting-verb lexicon: which verbs cue an attribution, and of what type."""

from __future__ import annotations

import functools

from quotegraph.actors.lexicon import read_table
from quotegraph.records import CUE_TYPES, CueType


@functools.cache
def cue_lexicon() -> dict[str, CueType]:
    """Reporting-verb lemmas and their cue type, loaded once from ``quotes_cues.tsv``."""
    lexicon: dict[str, CueType] = {}
    for lemma, cue_type in read_table("quotes_cues.tsv"):
        if cue_type not in CUE_TYPES:
            raise ValueError(f"quotes_cues.tsv: {lemma!r} has unknown cue type {cue_type!r}")
        lexicon[lemma] = cue_type
    return lexicon


def cue_type_of(lemma: str | None) -> CueType | None:
    """The cue type of a cue's lemma, or None where the lexicon does not tell it."""
    return cue_lexicon().get(lemma.lower()) if lemma else None
