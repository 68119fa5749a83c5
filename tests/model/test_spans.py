"""Decoding tag probabilities into role spans: the best valid BIO sequence."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from quotegraph.model.labels import LABELS, begins, label_id, role_of
from quotegraph.model.spans import allowed_transitions, best_tags, role_spans

TAGS = len(LABELS)


def probabilities(pieces: int) -> st.SearchStrategy[np.ndarray]:
    """Rows of tag probabilities, one per piece, each summing to one."""
    return arrays(
        np.float64, (pieces, TAGS), elements=st.floats(0.001, 1.0, allow_subnormal=False)
    ).map(lambda raw: raw / raw.sum(axis=1, keepdims=True))


def valid(tags: tuple[int, ...]) -> bool:
    """Whether every I tag follows a B or I tag of its role."""
    return all(
        role_of(tag) is None
        or begins(tag)
        or (index > 0 and role_of(tags[index - 1]) == role_of(tag))
        for index, tag in enumerate(tags)
    )


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 4).flatmap(probabilities))
def test_best_tags_is_the_most_probable_valid_sequence(scores: np.ndarray) -> None:
    """On short inputs, Viterbi decoding agrees with trying every valid sequence."""
    logs = np.log(scores)
    best = max(
        (tags for tags in itertools.product(range(TAGS), repeat=len(scores)) if valid(tags)),
        key=lambda tags: logs[np.arange(len(tags)), tags].sum(),
    )
    found = tuple(best_tags(scores).tolist())
    assert valid(found)
    path_score = logs[np.arange(len(found)), found].sum()
    assert np.isclose(path_score, logs[np.arange(len(best)), best].sum())


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 60).flatmap(probabilities))
def test_best_tags_never_continue_a_span_that_did_not_begin(scores: np.ndarray) -> None:
    """No I tag comes first, after O, or after a tag of another role."""
    assert valid(tuple(best_tags(scores).tolist()))


def test_an_uncertain_piece_does_not_break_a_span() -> None:
    """One piece that leans to O inside a confident content span stays in the span."""
    inside = label_id("content", begins=False)
    rows = np.full((5, TAGS), 0.01)
    rows[0, label_id("content", begins=True)] = 0.9
    rows[1:, inside] = 0.9
    rows[2, 0], rows[2, inside] = 0.5, 0.45
    scores = rows / rows.sum(axis=1, keepdims=True)
    offsets = tuple((5 * index, 5 * index + 4) for index in range(5))
    (span,) = role_spans(scores, offsets)
    assert (span.role, span.start, span.end) == ("content", 0, 24)


def test_transitions_forbid_only_a_dangling_inside_tag() -> None:
    """An I tag may follow only B or I of its own role; every other tag may follow anything."""
    allowed = allowed_transitions()
    for before, after in itertools.product(range(TAGS), repeat=2):
        expected = role_of(after) is None or begins(after) or role_of(before) == role_of(after)
        assert allowed[before, after] == expected


def test_an_outside_weight_below_one_commits_to_an_uncertain_span() -> None:
    """A piece that leans a little to O becomes a cue once O weighs less; its
    confidence stays the model's own probability."""
    rows = np.full((1, TAGS), 0.01)
    rows[0, 0], rows[0, label_id("cue", begins=True)] = 0.5, 0.4
    scores = rows / rows.sum(axis=1, keepdims=True)
    assert role_spans(scores, ((0, 4),)) == ()
    (span,) = role_spans(scores, ((0, 4),), outside_weight=0.6)
    assert (span.role, span.start, span.end) == ("cue", 0, 4)
    assert np.isclose(span.confidence, scores[0, label_id("cue", begins=True)])


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 30).flatmap(probabilities), st.floats(0.05, 1.0))
def test_a_lower_outside_weight_never_tags_fewer_pieces(scores: np.ndarray, weight: float) -> None:
    """Weighing O down can only turn O pieces into tagged ones, in number."""
    tagged = np.count_nonzero(best_tags(scores, weight))
    assert tagged >= np.count_nonzero(best_tags(scores))


def test_a_transition_prior_keeps_a_span_whole_where_the_model_wavers() -> None:
    """A content broken by one piece that leans a little to O is kept whole once the
    prior says a one-piece content is rare."""
    inside, start = label_id("content", begins=False), label_id("content", begins=True)
    rows = np.full((3, TAGS), 0.01)
    rows[0, start] = 0.9
    rows[1, 0], rows[1, inside] = 0.7, 0.25
    rows[2, start], rows[2, inside] = 0.45, 0.5
    scores = rows / rows.sum(axis=1, keepdims=True)
    offsets = ((0, 4), (5, 9), (10, 14))
    assert len(role_spans(scores, offsets)) == 2
    prior = np.zeros((TAGS, TAGS))
    prior[start, 0] = np.log(0.01)
    (span,) = role_spans(scores, offsets, transition_scores=prior)
    assert (span.role, span.start, span.end) == ("content", 0, 14)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 30).flatmap(probabilities))
def test_a_prior_of_zeros_changes_nothing(scores: np.ndarray) -> None:
    """Transition scores add to the log probabilities; zeros leave the best sequence as it is."""
    zeros = np.zeros((TAGS, TAGS))
    assert (best_tags(scores, transition_scores=zeros) == best_tags(scores)).all()
