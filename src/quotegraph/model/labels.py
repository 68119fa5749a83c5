"""The tag set of the attribution tagger: BIO over the three PolNeAR roles.

PolNeAR is univocal (each token has at most one role), so one tag per word
piece is enough. The order of :data:`LABELS` is the order of the model's
output logits and must not change without retraining.
"""

from __future__ import annotations

from typing import Literal

Role = Literal["source", "cue", "content"]

ROLES: tuple[Role, ...] = ("source", "cue", "content")

OUTSIDE = 0

LABELS: tuple[str, ...] = ("O", *(f"{tag}-{role}" for role in ROLES for tag in ("B", "I")))


def label_id(role: Role, begins: bool) -> int:
    """The id of the B (``begins``) or I tag of ``role``."""
    return 1 + 2 * ROLES.index(role) + (0 if begins else 1)


def role_of(label: int) -> Role | None:
    """The role a tag id stands for, or None for the outside tag."""
    return None if label == OUTSIDE else ROLES[(label - 1) // 2]


def begins(label: int) -> bool:
    """Whether a tag id is a B tag."""
    return label != OUTSIDE and (label - 1) % 2 == 0
