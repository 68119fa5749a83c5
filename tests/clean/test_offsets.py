"""The offset map takes every cleaned position back to the original text."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quotegraph.clean import OffsetMap

ORIGINAL = "para one\n\nCAPTION\n\npara two"
KEPT = [(0, 10), (19, 27)]


def test_span_across_removed_text_splits_into_fragments() -> None:
    """A cleaned span that runs over a removal gives one fragment on each side."""
    offsets = OffsetMap.from_kept(KEPT)
    assert offsets.span_to_original(5, 14) == ((5, 10), (19, 23))
    assert offsets.to_original(10) == 19
    assert offsets.to_original(18) == 27


def test_touching_kept_spans_merge() -> None:
    """Kept spans with nothing removed between them give a single fragment."""
    offsets = OffsetMap.from_kept([(0, 3), (3, 8), (8, 8)])
    assert offsets.span_to_original(0, 8) == ((0, 8),)


@pytest.mark.parametrize(("start", "end"), [(-1, 2), (3, 2), (0, 19)])
def test_span_outside_the_cleaned_text_is_refused(start: int, end: int) -> None:
    """Positions beyond the cleaned text are a caller's mistake, not a silent clamp."""
    with pytest.raises(ValueError, match="outside the cleaned text"):
        OffsetMap.from_kept(KEPT).span_to_original(start, end)


def test_identity_map_keeps_every_position() -> None:
    """A text kept whole maps each position to itself."""
    offsets = OffsetMap.identity(5)
    assert [offsets.to_original(position) for position in range(6)] == list(range(6))
    assert offsets.span_to_original(1, 4) == ((1, 4),)


def test_empty_map() -> None:
    """A text cleaned to nothing maps its only position to 0."""
    offsets = OffsetMap.from_kept([])
    assert offsets.to_original(0) == 0
    assert offsets.span_to_original(0, 0) == ()


@st.composite
def texts_with_removals(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    """A text and the spans of it that are kept, in order."""
    text = draw(st.text(alphabet="ab\n ", max_size=60))
    cuts = sorted(set(draw(st.lists(st.integers(0, len(text)), max_size=10))) | {0, len(text)})
    keep = draw(st.lists(st.booleans(), min_size=len(cuts), max_size=len(cuts)))
    kept = [(start, end) for start, end, flag in zip(cuts, cuts[1:], keep, strict=False) if flag]
    return text, kept


@given(texts_with_removals())
def test_every_cleaned_character_maps_to_the_same_original_character(
    case: tuple[str, list[tuple[int, int]]],
) -> None:
    """Each cleaned character is the original character at its mapped position."""
    text, kept = case
    cleaned = "".join(text[start:end] for start, end in kept)
    offsets = OffsetMap.from_kept(kept)
    assert offsets.cleaned_length == len(cleaned)
    for position, char in enumerate(cleaned):
        assert text[offsets.to_original(position)] == char


@given(texts_with_removals(), st.data())
def test_fragments_of_a_span_rebuild_the_cleaned_slice(
    case: tuple[str, list[tuple[int, int]]], data: st.DataObject
) -> None:
    """Fragments are ordered, disjoint, non-empty, inside kept text and spell the slice."""
    text, kept = case
    cleaned = "".join(text[start:end] for start, end in kept)
    start = data.draw(st.integers(0, len(cleaned)))
    end = data.draw(st.integers(start, len(cleaned)))
    fragments = OffsetMap.from_kept(kept).span_to_original(start, end)
    assert "".join(text[a:b] for a, b in fragments) == cleaned[start:end]
    assert all(a < b for a, b in fragments)
    assert all(b1 < a2 for (_, b1), (a2, _) in pairwise(fragments))
    kept_positions = {position for a, b in kept for position in range(a, b)}
    assert all(set(range(a, b)) <= kept_positions for a, b in fragments)


@given(texts_with_removals())
def test_mapping_never_goes_backwards(case: tuple[str, list[tuple[int, int]]]) -> None:
    """Later cleaned positions map to later original positions."""
    _, kept = case
    offsets = OffsetMap.from_kept(kept)
    mapped = [offsets.to_original(position) for position in range(offsets.cleaned_length + 1)]
    assert mapped == sorted(mapped)
