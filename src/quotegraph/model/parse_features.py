"""What the parse says about each word piece, as ids for the tagging head to embed.

A tagger built with parse features reads, beside the encoder's features, four
ids per piece, all of the spaCy token the piece begins in: its dependency
label, its fine-grained tag, its head's dependency label, and three flags
packed in one id (inside quotation marks, the lemma of a reporting verb, the
first token of a sentence). A model built with entity features reads a fifth:
the label of the named entity the token is part of (0 outside one). Where a
reported clause ends is where the parse closes it, which a small encoder
learns slowly. Label ids follow the label lists recorded in the model card
when the model was built; id 0 stands for a label the list lacks, so a model
reads the parse of another pipeline too. The reporting lemmas are recorded
there as well, so that a model reads the flag as it was built even after the
rules' lexicon grows.
"""

from __future__ import annotations

import functools
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
    """The dependency labels and tags a model was built with, in id order (from 1),
    the lemmas its reporting flag marks (empty: the lexicon's of the day) and the
    entity labels of its fifth column (empty: no such column)."""

    dependencies: tuple[str, ...]
    tags: tuple[str, ...]
    reporting: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()

    @classmethod
    def of_pipeline(cls, nlp: Language, *, entities: bool = False) -> ParseVocabulary:
        """The labels of a spaCy pipeline's parser and tagger (and, with ``entities``,
        of its entity recogniser), and the reporting lexicon."""
        return cls(
            tuple(nlp.pipe_labels["parser"]),
            tuple(nlp.pipe_labels["tagger"]),
            tuple(sorted(cue_lexicon())),
            tuple(nlp.pipe_labels["ner"]) if entities else (),
        )

    @classmethod
    def from_card(cls, entry: dict[str, Any]) -> ParseVocabulary:
        """The vocabulary recorded under ``parse`` in a model card."""
        return cls(
            tuple(entry["dependencies"]),
            tuple(entry["tags"]),
            tuple(entry.get("reporting", ())),
            tuple(entry.get("entities", ())),
        )

    def as_card(self) -> dict[str, list[str]]:
        """The vocabulary as the model card records it."""
        card = {
            "dependencies": list(self.dependencies),
            "tags": list(self.tags),
            "reporting": list(self.reporting),
        }
        if self.entities:
            card["entities"] = list(self.entities)
        return card

    def sizes(self) -> tuple[int, ...]:
        """How many ids each column of :func:`piece_parse_ids` has."""
        dependencies = len(self.dependencies) + 1
        columns = (dependencies, len(self.tags) + 1, dependencies, FLAG_IDS)
        return (*columns, len(self.entities) + 1) if self.entities else columns

    @functools.cached_property
    def reporting_lemmas(self) -> frozenset[str]:
        """The lemmas the reporting flag marks."""
        return frozenset(self.reporting or cue_lexicon())

    @functools.cached_property
    def dependency_ids(self) -> dict[str, int]:
        """The id of each dependency label."""
        return {label: n for n, label in enumerate(self.dependencies, 1)}

    @functools.cached_property
    def tag_ids(self) -> dict[str, int]:
        """The id of each tag."""
        return {label: n for n, label in enumerate(self.tags, 1)}

    @functools.cached_property
    def entity_ids(self) -> dict[str, int]:
        """The id of each entity label."""
        return {label: n for n, label in enumerate(self.entities, 1)}


def piece_parse_ids(
    doc: Doc, offsets: Sequence[tuple[int, int]], vocabulary: ParseVocabulary
) -> np.ndarray:
    """Parse ids of every piece, shape (pieces, columns): dependency, tag, head's
    dependency, flags and, where the vocabulary has entity labels, the entity's label.

    ``offsets`` are the pieces' character spans in ``doc.text``.
    """
    columns = len(vocabulary.sizes())
    if not len(doc):
        return np.zeros((len(offsets), columns), dtype=np.int64)
    dependency, tag = vocabulary.dependency_ids, vocabulary.tag_ids
    reporting, entity = vocabulary.reporting_lemmas, vocabulary.entity_ids
    per_token = np.array(
        [
            (
                dependency.get(token.dep_, 0),
                tag.get(token.tag_, 0),
                dependency.get(token.head.dep_, 0),
                2 * (token.lemma_.lower() in reporting) + 4 * bool(token.is_sent_start),
                entity.get(token.ent_type_, 0),
            )[:columns]
            for token in doc
        ],
        dtype=np.int64,
    )
    starts = np.array([start for start, _ in offsets], dtype=np.int64)
    token_starts = np.array([token.idx for token in doc])
    rows = per_token[np.maximum(np.searchsorted(token_starts, starts, side="right") - 1, 0)]
    quoted = find_quoted(doc.text)
    if quoted:
        quote_starts = np.array([quote.start for quote in quoted])
        quote_ends = np.array([quote.end for quote in quoted])
        inside = np.searchsorted(quote_starts, starts, side="right") - 1
        rows[:, 3] += (inside >= 0) & (starts < quote_ends[np.maximum(inside, 0)])
    return rows
