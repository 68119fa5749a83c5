"""Direction statistics of the training data, for linking spans into attributions."""

from __future__ import annotations

from collections.abc import Iterable

from quotegraph.evaluate import GoldDocument
from quotegraph.evaluate.roles import contiguous_spans
from quotegraph.model.link import LinkPriors


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
