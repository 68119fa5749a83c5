"""Fragment arithmetic shared by the gold reader, the scorer and the role view.

Spans are compared by what they cover, not by their offsets: two spans that
differ only by whitespace at their edges are the same span, and a span touches
a word when it covers any of its characters.
"""

from __future__ import annotations

import bisect
import re
from typing import cast

from quotegraph.records import Fragments, Span, merge_fragments

WORD = re.compile(r"\w+")


def as_fragments(span: Span | Fragments | None) -> Fragments:
    """Normalise a single span, a broken span or nothing into merged fragments."""
    if not span:
        return ()
    if isinstance(span[0], int):
        return (cast(Span, span),)
    return merge_fragments(cast(Fragments, span))


def visible_chars(text: str, fragments: Fragments) -> frozenset[int]:
    """The non-whitespace positions covered: what decides whether two spans are equal."""
    return frozenset(
        index
        for start, end in fragments
        for index in range(start, end)
        if not text[index].isspace()
    )


def trim(text: str, start: int, end: int) -> Span:
    """The span without whitespace at either edge (empty spans collapse onto their end)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class WordIndex:
    """The words of a text (runs of ``\\w``), to tell which ones a span touches.

    Punctuation and quotation marks are not words, so partial matching does not
    depend on whether a span includes them.
    """

    def __init__(self, text: str) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for word in WORD.finditer(text):
            self._starts.append(word.start())
            self._ends.append(word.end())

    def touched(self, fragments: Fragments) -> frozenset[int]:
        """Numbers of the words that share at least one character with the fragments."""
        words: set[int] = set()
        for start, end in fragments:
            index = bisect.bisect_right(self._ends, start)
            while index < len(self._starts) and self._starts[index] < end:
                words.add(index)
                index += 1
        return frozenset(words)
