"""Whether a content span is a direct, mixed or indirect quotation, read from its text.

The kind is measured: the share of the content's letters and digits that lie
between double quotation marks. Each mark is classed as opening or closing
from its neighbours (the usual smart-quote rule), its shape deciding only when
the context does not. Gold attributions carry no kind, so the scorer reads
theirs this way (direct when more than a threshold is quoted); the pipeline
calls a quote direct only when all of it is (:func:`quote_kind`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from quotegraph.quotes.kind_marks import (
    AFTER_CLOSING,
    ALWAYS_OPENING,
    BEFORE_OPENING,
    CLOSING_MARKS,
    DOUBLED_MARKS,
    EDGE_PUNCTUATION,
    ENCLOSING_REACH,
    OPENING_MARKS,
    SINGLE_CHARACTER_MARKS,
)
from quotegraph.records import Fragments, QuoteKind, merge_fragments

Facing = Literal["open", "close", "either"]


@dataclass(frozen=True, slots=True)
class Coverage:
    """Letters and digits of a content span, and how many of them are quoted."""

    quoted: int
    total: int

    def kind(self, threshold: float) -> QuoteKind:
        """Direct when most of it is quoted (over ``threshold``), mixed when some is."""
        if self.quoted == 0 or self.total == 0:
            return "indirect"
        return "direct" if self.quoted / self.total > threshold else "mixed"


class QuoteMarks:
    """The double quotation marks of one text and which way each faces."""

    def __init__(self, text: str) -> None:
        self._text = text

    def width(self, index: int) -> int:
        """Length of the mark starting at ``index``, 0 where there is none."""
        text = self._text
        char = text[index]
        if char in SINGLE_CHARACTER_MARKS:
            return 1
        if char in DOUBLED_MARKS and index + 1 < len(text) and text[index + 1] == char:
            return 2
        return 0

    def facing(self, index: int) -> Facing:
        """Which way the mark at ``index`` faces, judged by its neighbours first."""
        text = self._text
        width = self.width(index)
        mark = text[index : index + width]
        before = text[index - 1] if index > 0 else " "
        after = text[index + width] if index + width < len(text) else " "
        opens = before.isspace() or before in BEFORE_OPENING
        closes = after.isspace() or after in AFTER_CLOSING
        if mark == ALWAYS_OPENING:
            return "open"
        if opens != closes:
            return "open" if opens else "close"
        if mark in OPENING_MARKS:
            return "open"
        return "close" if mark in CLOSING_MARKS else "either"

    def coverage(self, content: Fragments) -> Coverage:
        """How much of the content lies inside quotation marks.

        Every fragment and every paragraph starts outside a quotation, since a
        quotation that runs over paragraphs opens again at each one. When the
        first mark of such a stretch closes, the stretch began inside a
        quotation: the text before the mark is quoted, or, if there is none,
        the mark is taken to open one.
        """
        quoted = total = 0
        for start, end in self._with_enclosing_marks(content):
            inside = seen_mark = False
            before_mark = 0
            index = start
            while index < end:
                char = self._text[index]
                width = self.width(index)
                if char == "\n":
                    inside = seen_mark = False
                    before_mark = 0
                elif width and index + width <= end:
                    facing = self.facing(index)
                    if facing == "either":
                        facing = "close" if inside else "open"
                    if facing == "close" and not inside and not seen_mark:
                        quoted += before_mark
                        inside = before_mark == 0
                    else:
                        inside = facing == "open"
                    seen_mark = True
                    index += width
                    continue
                elif char.isalnum():
                    total += 1
                    if inside:
                        quoted += 1
                    elif not seen_mark:
                        before_mark += 1
                index += 1
        return Coverage(quoted, total)

    def _with_enclosing_marks(self, content: Fragments) -> Fragments:
        """The content widened to the marks around it, when an opening one is just
        before it and a closing one just after (past whitespace or punctuation)."""
        opening = self._opening_before(content[0][0])
        closing_end = self._closing_end_after(content[-1][1])
        if opening is None or closing_end is None:
            return content
        widened = list(content)
        widened[0] = (opening, widened[0][1])
        widened[-1] = (widened[-1][0], closing_end)
        return merge_fragments(widened)

    def _opening_before(self, start: int) -> int | None:
        text = self._text
        index = start - 1
        while index >= 0 and start - index <= ENCLOSING_REACH and text[index].isspace():
            index -= 1
        if index >= 1 and text[index] in DOUBLED_MARKS and text[index - 1] == text[index]:
            index -= 1
        if index >= 0 and self.width(index) and self.facing(index) == "open":
            return index
        return None

    def _closing_end_after(self, end: int) -> int | None:
        text = self._text
        index = end
        while (
            index < len(text)
            and index - end < ENCLOSING_REACH
            and (text[index].isspace() or text[index] in EDGE_PUNCTUATION)
        ):
            index += 1
        if index < len(text) and self.width(index) and self.facing(index) == "close":
            return index + self.width(index)
        return None


def quote_kind(text: str, content: Fragments) -> QuoteKind:
    """The kind of ``content`` in ``text``: direct when all its letters and digits lie
    between quotation marks (the marks just around it count), even over several
    fragments; mixed when some do (said the plan was “a disaster”); else indirect."""
    coverage = QuoteMarks(text).coverage(content)
    if coverage.quoted == 0:
        return "indirect"
    return "direct" if coverage.quoted == coverage.total else "mixed"
