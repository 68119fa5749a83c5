"""Pairing predicted contents with gold contents, one to one, within a document.

Both matchings return ``{prediction index: gold index}``.
"""

from __future__ import annotations

from collections.abc import Sequence


def match_exact(
    gold: Sequence[frozenset[int]], predicted: Sequence[frozenset[int]]
) -> dict[int, int]:
    """Pair contents that cover the same non-whitespace characters.

    Arguments are the covered character sets; each gold content goes to the
    first prediction that covers the same characters.
    """
    waiting: dict[frozenset[int], list[int]] = {}
    for gold_index, chars in enumerate(gold):
        waiting.setdefault(chars, []).append(gold_index)
    pairs = {}
    for predicted_index, chars in enumerate(predicted):
        candidates = waiting.get(chars)
        if candidates:
            pairs[predicted_index] = candidates.pop(0)
    return pairs


def word_f1(gold: frozenset[int], predicted: frozenset[int]) -> float:
    """Overlap of two word sets, 2|P ∩ G| / (|P| + |G|): 0 when either is empty."""
    shared = len(gold & predicted)
    return 2 * shared / (len(gold) + len(predicted)) if shared else 0.0


def match_partial(
    gold: Sequence[frozenset[int]], predicted: Sequence[frozenset[int]], threshold: float
) -> dict[int, int]:
    """Pair contents whose words overlap enough, best overlaps first.

    Arguments are word sets. Every pair with an overlap of at least
    ``threshold`` is a candidate; candidates are taken by decreasing overlap,
    ties going to the earlier gold and then the earlier prediction, skipping
    any whose gold or prediction is already paired.
    """
    candidates = sorted(
        (-overlap, gold_index, predicted_index)
        for gold_index, gold_words in enumerate(gold)
        for predicted_index, predicted_words in enumerate(predicted)
        if (overlap := word_f1(gold_words, predicted_words)) >= threshold and overlap > 0
    )
    pairs: dict[int, int] = {}
    paired_gold: set[int] = set()
    for _, gold_index, predicted_index in candidates:
        if gold_index not in paired_gold and predicted_index not in pairs:
            pairs[predicted_index] = gold_index
            paired_gold.add(gold_index)
    return pairs
