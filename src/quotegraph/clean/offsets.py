"""The map from positions in cleaned text back to the text as received.

Cleaning only ever drops stretches of the original, so the cleaned text is the
concatenation of the kept stretches. The map stores them as segments; every
offset found in cleaned text can then be reported, and highlighted, in the
original.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from quotegraph.records import Span


@dataclass(frozen=True, slots=True)
class Segment:
    """One kept stretch: ``length`` characters at ``cleaned`` in the cleaned text
    that come from ``original`` in the text as received."""

    cleaned: int
    original: int
    length: int

    @property
    def cleaned_end(self) -> int:
        """Where the segment ends in the cleaned text."""
        return self.cleaned + self.length


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps positions in the cleaned text to positions in the original text.

    Segments are in order and never empty; two segments that touch in the
    original are merged, so fragments split only where removed text lay between.
    """

    segments: tuple[Segment, ...] = ()

    @classmethod
    def from_kept(cls, kept: Iterable[Span]) -> OffsetMap:
        """Build the map from the kept spans of the original, in text order."""
        segments: list[Segment] = []
        cleaned = 0
        for start, end in kept:
            if end <= start:
                continue
            last = segments[-1] if segments else None
            if last is not None and last.original + last.length == start:
                segments[-1] = Segment(last.cleaned, last.original, last.length + end - start)
            else:
                segments.append(Segment(cleaned, start, end - start))
            cleaned += end - start
        return cls(tuple(segments))

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        """The map of a text that was kept whole."""
        return cls.from_kept([(0, length)])

    @property
    def cleaned_length(self) -> int:
        """The length of the cleaned text."""
        return self.segments[-1].cleaned_end if self.segments else 0

    def to_original(self, pos: int) -> int:
        """The original position of cleaned position ``pos``.

        A position on the seam between two segments is taken as the start of
        the later one (where the next character comes from); the end of the
        cleaned text maps to the end of the last kept stretch. For an end
        position that may fall on a seam use :meth:`span_to_original`.
        """
        if not 0 <= pos <= self.cleaned_length:
            raise ValueError(
                f"position {pos} is outside the cleaned text (0-{self.cleaned_length})"
            )
        if not self.segments:
            return 0
        index = bisect_right(self.segments, pos, key=lambda segment: segment.cleaned) - 1
        segment = self.segments[max(index, 0)]
        return segment.original + min(pos - segment.cleaned, segment.length)

    def span_to_original(self, start: int, end: int) -> tuple[Span, ...]:
        """The original fragments covered by cleaned ``[start, end)``.

        The span is split where removed text lay between; an empty span gives
        no fragment.
        """
        if not 0 <= start <= end <= self.cleaned_length:
            raise ValueError(
                f"span ({start}, {end}) is outside the cleaned text (0-{self.cleaned_length})"
            )
        fragments: list[Span] = []
        first = max(bisect_right(self.segments, start, key=lambda segment: segment.cleaned) - 1, 0)
        for segment in self.segments[first:]:
            if segment.cleaned >= end:
                break
            low = max(start, segment.cleaned)
            high = min(end, segment.cleaned_end)
            if low < high:
                offset = segment.original - segment.cleaned
                fragments.append((low + offset, high + offset))
        return tuple(fragments)
