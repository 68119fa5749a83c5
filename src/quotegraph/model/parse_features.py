"""What the parse says about each word piece, as ids for the tagging head to embed.

A tagger built with parse features reads, beside the encoder's features, four
ids per piece, all of the spaCy token the piece begins in: its dependency
label, its fine-grained tag, its head's dependency label, and three flags
packed in one id (inside quotation marks, the lemma of a reporting verb, the
first token of a sentence). Where a reported clause ends is where the parse
closes it, which a small encoder learns slowly. Label ids follow the label
lists recorded in the model card when the model was built; id 0 stands for a
label the list lacks, so a model reads the parse of another pipeline too.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from quotegraph.quotes.lexicon import cue_lexicon
from quotegraph.quotes.marks import find_quoted

FLAG_IDS = 8
"""Ids of the packed flags: quoted (1), reporting verb (2), sentence start (4)."""


@dataclass(frozen=True)
class ParseVocabulary:
    """The dependency labels and tags a model was built with, in id order (from 1)."""

    dependencies: tuple[str, ...]
    tags: tuple[str, ...]

    @classmethod
    def of_pipeline(cls, nlp: Language) -> ParseVocabulary:
        """The labels of a spaCy pipeline's parser and tagger."""
        return cls(tuple(nlp.pipe_labels["parser"]), tuple(nlp.pipe_labels["tagger"]))

    @classmethod
    def from_card(cls, entry: dict[str, Any]) -> ParseVocabulary:
        """The vocabulary recorded under ``parse`` in a model card."""
        return cls(tuple(entry["dependencies"]), tuple(entry["tags"]))

    def as_card(self) -> dict[str, list[str]]:
        """The vocabulary as the model card records it."""
        return {"dependencies": list(self.dependencies), "tags": list(self.tags)}

    def sizes(self) -> tuple[int, ...]:
        """How many ids each column of :func:`piece_parse_ids` has."""
        dependencies = len(self.dependencies) + 1
        return (dependencies, len(self.tags) + 1, dependencies, FLAG_IDS)


def piece_parse_ids(
    doc: Doc, offsets: Sequence[tuple[int, int]], vocabulary: ParseVocabulary
) -> np.ndarray:
    """Parse ids of every piece, shape (pieces, 4): dependency, tag, head's dependency, flags.

    ``offsets`` are the pieces' character spans in ``doc.text``.
    """
    dependency = {label: n for n, label in enumerate(vocabulary.dependencies, 1)}
    tag = {label: n for n, label in enumerate(vocabulary.tags, 1)}
    reporting = cue_lexicon()
    per_token = np.array(
        [
            (
                dependency.get(token.dep_, 0),
                tag.get(token.tag_, 0),
                dependency.get(token.head.dep_, 0),
                2 * (token.lemma_.lower() in reporting) + 4 * bool(token.is_sent_start),
            )
            for token in doc
        ],
        dtype=np.int64,
    ).reshape(-1, 4)
    if not len(doc):
        return np.zeros((len(offsets), 4), dtype=np.int64)
    starts = [token.idx for token in doc]
    quoted = find_quoted(doc.text)
    quoted_starts = [quote.start for quote in quoted]
    rows = np.empty((len(offsets), 4), dtype=np.int64)
    for row, (start, _) in enumerate(offsets):
        rows[row] = per_token[max(0, bisect.bisect_right(starts, start) - 1)]
        inside = bisect.bisect_right(quoted_starts, start) - 1
        rows[row, 3] += int(inside >= 0 and start < quoted[inside].end)
    return rows
