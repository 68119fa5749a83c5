"""From per-piece tag scores to role spans in character offsets."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from quotegraph.model.labels import LABELS, OUTSIDE, Role, begins, role_of

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class RoleSpan:
    """A stretch of text the tagger gives one role; ``confidence`` is its mean tag probability."""

    role: Role
    start: int
    end: int
    confidence: float


def allowed_transitions() -> np.ndarray:
    """Which tag may follow which: an I tag only after the B or I tag of its role."""
    allowed = np.ones((len(LABELS), len(LABELS)), dtype=bool)
    for after in range(len(LABELS)):
        role = role_of(after)
        if role is not None and not begins(after):
            allowed[:, after] = [role_of(before) == role for before in range(len(LABELS))]
    return allowed


def best_tags(
    probabilities: np.ndarray,
    outside_weight: float = 1.0,
    transition_scores: np.ndarray | None = None,
) -> np.ndarray:
    """The most probable valid tag sequence (Viterbi over BIO constraints).

    Unlike the best tag of each piece on its own, it does not break a long
    span where one piece in the middle is uncertain. The outside tag's
    probability is multiplied by ``outside_weight`` first: below 1, the
    sequence leans towards tagging a piece when the model is unsure.
    ``transition_scores[before, after]``, when given, is added to the log
    probability of every step from tag ``before`` to tag ``after``: a prior
    on how tags follow one another, which the per-piece probabilities do not
    model.
    """
    scores = np.log(np.clip(probabilities, 1e-9, 1.0))
    scores[:, OUTSIDE] += np.log(outside_weight)
    barrier = np.where(allowed_transitions(), 0.0, -1e9)
    if transition_scores is not None:
        barrier = barrier + transition_scores
    starts_ok = np.array([role_of(tag) is None or begins(tag) for tag in range(len(LABELS))])
    best = scores[0] + np.where(starts_ok, 0.0, -1e9)
    back = np.zeros(scores.shape, dtype=np.int64)
    for index in range(1, len(scores)):
        candidates = best[:, None] + barrier
        back[index] = candidates.argmax(axis=0)
        best = candidates.max(axis=0) + scores[index]
    tags = np.zeros(len(scores), dtype=np.int64)
    tags[-1] = best.argmax()
    for index in range(len(scores) - 1, 0, -1):
        tags[index - 1] = back[index, tags[index]]
    return tags


def role_spans(
    probabilities: np.ndarray,
    offsets: tuple[Span, ...],
    outside_weight: float = 1.0,
    transition_scores: np.ndarray | None = None,
) -> tuple[RoleSpan, ...]:
    """Spans of the best valid tag sequence: a B tag and the I tags that follow it.

    ``probabilities`` has one row of tag probabilities per piece;
    ``outside_weight`` and ``transition_scores`` are as for :func:`best_tags`.
    A span's confidence is the mean of the model's own probabilities of its
    tags, unweighted.
    """
    tags = best_tags(probabilities, outside_weight, transition_scores)
    spans: list[RoleSpan] = []
    current: Role | None = None
    first = 0
    for index, tag in enumerate([*tags.tolist(), 0]):
        role = role_of(tag)
        if current is not None and (role != current or begins(tag)):
            spans.append(_span(current, first, index, probabilities, tags, offsets))
            current = None
        if role is not None and current is None:
            current, first = role, index
    return tuple(spans)


def _span(
    role: Role,
    first: int,
    stop: int,
    probabilities: np.ndarray,
    tags: np.ndarray,
    offsets: tuple[Span, ...],
) -> RoleSpan:
    chosen = probabilities[np.arange(first, stop), tags[first:stop]]
    return RoleSpan(role, offsets[first][0], offsets[stop - 1][1], float(chosen.mean()))
