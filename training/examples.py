"""Training targets: gold attributions turned into one BIO tag per word piece."""

from __future__ import annotations

from quotegraph.evaluate import GoldDocument
from quotegraph.evaluate.roles import contiguous_spans
from quotegraph.model.labels import OUTSIDE, ROLES, Role, label_id
from quotegraph.model.windows import Pieces


def piece_tags(document: GoldDocument, pieces: Pieces) -> list[int]:
    """The BIO tag of every piece: the role of its first annotated character.

    Role spans are those of the role-exact score: fragments merged where only
    whitespace parts them.
    """
    span_at = [-1] * len(document.text)
    roles: list[Role] = []
    for attribution in document.attributions:
        for role, fragments in zip(
            ROLES, (attribution.source, attribution.cue, attribution.content), strict=True
        ):
            for start, end in sorted(contiguous_spans(document.text, fragments)):
                for char in range(start, end):
                    span_at[char] = len(roles)
                roles.append(role)
    tags = []
    previous = -1
    for start, end in pieces.offsets:
        span = next((span_at[char] for char in range(start, end) if span_at[char] >= 0), -1)
        tags.append(OUTSIDE if span < 0 else label_id(roles[span], span != previous))
        previous = span
    return tags
