"""Role spans as a token tagger sees them, for the role-exact scores.

A tagger labels tokens, so it cannot tell two fragments separated only by
whitespace from one span, nor one attribution's source from the same source
of another. A role's spans in a document are therefore its fragments merged
across whitespace, trimmed, and counted once however many attributions share
them. Trimmed spans cover the same non-whitespace characters exactly when
their offsets are equal, so spans can be compared as offset pairs.
"""

from __future__ import annotations

from collections.abc import Iterable

from quotegraph.evaluate.spans import trim
from quotegraph.records import Fragments, Span, merge_fragments


def contiguous_spans(text: str, fragments: Fragments) -> set[Span]:
    """One attribution's role as trimmed spans, joined where only whitespace parts them."""
    spans: list[Span] = []
    for start, end in merge_fragments(fragments):
        start, end = trim(text, start, end)
        if start == end:
            continue
        if spans and not text[spans[-1][1] : start].strip():
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return set(spans)


def role_spans(text: str, roles: Iterable[Fragments]) -> set[Span]:
    """The distinct spans of one role over all the attributions of a document."""
    spans: set[Span] = set()
    for fragments in roles:
        spans |= contiguous_spans(text, fragments)
    return spans
