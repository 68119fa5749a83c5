"""Statistics of the training data: how tags follow one another, and which way links point."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from examples import piece_tags
from tokenizers import Tokenizer

from quotegraph.evaluate import GoldDocument
from quotegraph.evaluate.roles import contiguous_spans
from quotegraph.model.labels import LABELS
from quotegraph.model.link import LinkPriors
from quotegraph.model.windows import pieces_of


def tag_transitions(documents: Iterable[GoldDocument], tokenizer: Tokenizer) -> list[list[float]]:
    """log P(next tag | tag) over the word pieces of ``documents``, rows by tag.

    Every pair is counted once more than it occurs, so no step is impossible
    here; the BIO constraints of decoding rule out the invalid ones.
    """
    counts = np.ones((len(LABELS), len(LABELS)))
    for document in documents:
        tags = piece_tags(document, pieces_of(tokenizer, document.text))
        np.add.at(counts, (tags[:-1], tags[1:]), 1)
    return np.round(np.log(counts / counts.sum(axis=1, keepdims=True)), 4).tolist()


def link_priors(documents: Iterable[GoldDocument]) -> LinkPriors:
    """The share of content spans whose cue comes first, and of sources before their cue."""
    cue_first = contents = source_first = sources = 0
    for document in documents:
        for attribution in document.attributions:
            cues = sorted(contiguous_spans(document.text, attribution.cue))
            if not cues:
                continue
            cue = cues[0]
            for start, _ in contiguous_spans(document.text, attribution.content):
                contents += 1
                cue_first += cue[1] <= start
            for _, end in contiguous_spans(document.text, attribution.source):
                sources += 1
                source_first += end <= cue[0]
    return LinkPriors(
        cue_before_content=round(cue_first / max(contents, 1), 3),
        source_before_cue=round(source_first / max(sources, 1), 3),
    )
