"""The reporting-verb lexicon: which verbs cue an attribution, and of what type."""

from __future__ import annotations

import functools
from typing import Literal

from quotegraph.actors.lexicon import read_table

CueType = Literal["speech", "writing", "belief", "intention", "evidence", "stance"]
CUE_TYPES: tuple[CueType, ...] = ("speech", "writing", "belief", "intention", "evidence", "stance")


@functools.cache
def cue_lexicon() -> dict[str, CueType]:
    """Reporting-verb lemmas and their cue type, loaded once from ``quotes_cues.tsv``."""
    lexicon: dict[str, CueType] = {}
    for lemma, cue_type in read_table("quotes_cues.tsv"):
        if cue_type not in CUE_TYPES:
            raise ValueError(f"quotes_cues.tsv: {lemma!r} has unknown cue type {cue_type!r}")
        lexicon[lemma] = cue_type
    return lexicon
