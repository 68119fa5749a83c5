"""Finding the stretches of text between quotation marks, paragraph by paragraph.

Straight, curly and doubled (``these'') marks are told apart as opening or
closing from the characters around them, so a closing glyph typed as an
opener still opens. Single quotation marks are left alone: inside double
quotes they nest, elsewhere they are mostly apostrophes and titles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MARK_RE = re.compile("``|''|[\"\u201c\u201d\u201e\u201f\u00ab\u00bb]")
PARAGRAPH_RE = re.compile(r"[^\n]+")
OPENING_SHAPES = frozenset({"``", "\u201c", "\u201e", "\u201f", "\u00ab"})
CLOSING_SHAPES = frozenset({"''", "\u201d", "\u00bb"})
OPENING_CONTEXT = "([{\u2014\u2013-/\u201c\u201e\u201f\u00ab"
CLOSING_CONTEXT = ",.;:!?)]}\u2014\u2013\u201d\u00bb"


@dataclass(frozen=True, slots=True)
class Quoted:
    """A stretch between quotation marks (marks included) inside one paragraph.

    ``closed`` is False when the paragraph ends before a closing mark: the
    quote goes on in the next paragraph, which re-opens it.
    """

    start: int
    end: int
    paragraph: int
    closed: bool
    whole_paragraph: bool


def mark_role(text: str, start: int, end: int) -> str:
    """``open``, ``close`` or ``either`` for the quotation mark at ``text[start:end]``."""
    mark = text[start:end]
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    opens = before.isspace() or before in OPENING_CONTEXT
    closes = after.isspace() or after in CLOSING_CONTEXT
    if mark == "``" or (opens and not closes):
        return "open"
    if closes and not opens:
        return "close"
    if mark in OPENING_SHAPES:
        return "open"
    if mark in CLOSING_SHAPES:
        return "close"
    return "either"


def _paragraph_quotes(text: str, start: int, end: int, paragraph: int) -> list[Quoted]:
    found = []
    opened: int | None = None
    for match in MARK_RE.finditer(text, start, end):
        role = mark_role(text, match.start(), match.end())
        if role == "either":
            role = "open" if opened is None else "close"
        if role == "open" and opened is None:
            opened = match.start()
        elif role == "close" and opened is not None:
            found.append(Quoted(opened, match.end(), paragraph, True, False))
            opened = None
    if opened is not None:
        found.append(Quoted(opened, end, paragraph, False, False))
    if len(found) == 1 and found[0].start == start and text[found[0].end : end].strip() == "":
        only = found[0]
        found[0] = Quoted(only.start, only.end, paragraph, only.closed, True)
    return found


def find_paragraphs(text: str) -> tuple[tuple[int, int], ...]:
    """The ``(start, end)`` of every non-blank line, trimmed of edge whitespace."""
    paragraphs = []
    for match in PARAGRAPH_RE.finditer(text):
        start, end = match.start(), match.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            paragraphs.append((start, end))
    return tuple(paragraphs)


def find_quoted(text: str) -> tuple[Quoted, ...]:
    """Every quoted stretch of the text, in order, each within one paragraph."""
    found: list[Quoted] = []
    for paragraph, (start, end) in enumerate(find_paragraphs(text)):
        found.extend(_paragraph_quotes(text, start, end, paragraph))
    return tuple(found)
