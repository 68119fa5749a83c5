"""One-to-one pairing of predicted and gold contents, exact and partial."""

from __future__ import annotations

import pytest

from quotegraph.evaluate.matching import match_exact, match_partial, word_f1


def chars(*positions: int) -> frozenset[int]:
    return frozenset(positions)


def test_exact_pairs_equal_character_sets_once() -> None:
    """A gold content goes to the first prediction covering its characters; a repeat is unpaired."""
    gold = [chars(1, 2, 3), chars(7, 8)]
    predicted = [chars(7, 8), chars(1, 2), chars(7, 8)]
    assert match_exact(gold, predicted) == {0: 1}


@pytest.mark.parametrize(
    ("gold", "predicted", "overlap"),
    [
        (chars(0, 1, 2), chars(0, 1, 2), 1.0),
        (chars(0, 1, 2), chars(0), 0.5),
        (chars(0, 1), chars(1, 2), 0.5),
        (chars(0, 1), chars(2, 3), 0.0),
        (chars(), chars(), 0.0),
    ],
)
def test_word_f1(gold: frozenset[int], predicted: frozenset[int], overlap: float) -> None:
    """Overlap is 2|P ∩ G| / (|P| + |G|), and 0 for empty sets."""
    assert word_f1(gold, predicted) == overlap


def test_partial_threshold_is_inclusive() -> None:
    """A pair whose overlap equals the threshold is a match; one below it is not."""
    assert match_partial([chars(0, 1, 2)], [chars(0)], 0.5) == {0: 0}
    assert match_partial([chars(0, 1, 2, 3)], [chars(0)], 0.5) == {}


def test_partial_never_pairs_disjoint_contents() -> None:
    """No overlap is no match, even with a threshold of 0."""
    assert match_partial([chars(0, 1)], [chars(5)], 0.0) == {}


def test_partial_takes_the_best_overlap_first() -> None:
    """The prediction goes to the gold it overlaps most, leaving the other gold unpaired."""
    gold = [chars(0, 1, 2, 9), chars(0, 1, 2)]
    assert match_partial(gold, [chars(0, 1, 2)], 0.5) == {0: 1}


def test_partial_ties_go_to_the_earlier_gold() -> None:
    """Between two golds the prediction overlaps equally, the earlier gold wins."""
    gold = [chars(0, 1, 2, 3), chars(0, 1, 2, 3)]
    assert match_partial(gold, [chars(0, 1, 2, 3)], 0.5) == {0: 0}


def test_partial_ties_go_to_the_earlier_prediction() -> None:
    """Between two predictions overlapping a gold equally, the earlier prediction wins."""
    assert match_partial([chars(0, 1, 2, 3)], [chars(0, 1), chars(2, 3)], 0.5) == {0: 0}


def test_partial_is_greedy_not_optimal() -> None:
    """Greedy pairing may leave pairs unmade that a cleverer assignment would make."""
    gold = [chars(0, 1), chars(0, 1, 2, 3, 4, 5)]
    predicted = [chars(0, 1, 2), chars(0)]
    assert match_partial(gold, predicted, 0.6) == {0: 0}
