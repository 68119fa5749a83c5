"""Settling where an attribution's spans end, as annotators draw them.

Conventions the tagger and the parse both miss at the edges of a span,
read off PolNeAR train. A parenthesis a span opens is closed inside it:
"Rep. Jo Ames (D-Ore.)", not "Rep. Jo Ames (D-Ore.". A source with an
apposition keeps the comma that closes the apposition: "Lena Obi, a nurse at
the clinic," is one source (a source that holds a comma and is followed by
one takes it in 864 of 963 cases, one without a comma in 3 of 752, a
content with a comma in 107 of 499: so only sources take it). A cue takes
the colon that follows it ("said:", 368 of 386). A content takes the
quotation marks around it (an opening mark just before it in 99% of cases,
a closing one just after it in all but a handful), unless the mark is an
apostrophe inside a word. A source or cue lies within one line (2 of
17,210 sources cross a line break, no cue does), so one that crosses keeps
its last line; and a source does not begin with the dateline of the story
("WASHINGTON -- President Ames": "President Ames") nor lie within it (no span
of any role touches one of the 111 datelines of train), so a source that is
only the dateline ("BUENA PARK, Calif." before "- Clinton promised ...") is
no source.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from quotegraph.records import Quote, Span

DATELINE_RE = re.compile(
    r"[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}"  # the place: one to three upper-case words
    r"(?:, [A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)?"  # its state or country: ", Calif.", ", N.H."
    r"(?: \([A-Za-z]+\))? ?(?:--|—|–|-) (?=\S)"  # the agency, "(AP)"; the dash
)
"""A dateline at the start of a line: "WASHINGTON (AP) — ", "MANCHESTER, N.H. - "."""
OPENING_MARKS = "“‘\"'"
CLOSING_MARKS = "”’\"'"


def settle_edges(text: str, quote: Quote) -> Quote:
    """The quote with its spans' parentheses closed, its content's quotation marks, its
    source's apposition comma and its cue's colon taken in, its source and cue on one line
    and its source without a dateline (none, with no speaker, where it lies within one).
    Spans begin and end on visible characters, as the rules and the tagger draw them."""
    cue = source = None
    if quote.cue:
        cue = _extended(text, _last_line(text, quote.cue), (_closed, _with_colon))
    speaker = quote.speaker
    if quote.source:
        source = _without_dateline(text, _last_line(text, quote.source))
        source = _extended(text, source, (_closed, _with_apposition_comma))
        if in_dateline(text, source):
            source = speaker = None
    return dataclasses.replace(
        quote,
        content=tuple(_extended(text, part, (_closed, _quoted)) for part in quote.content),
        cue=cue,
        source=source,
        speaker=speaker,
    )


def dateline_end(text: str, line_start: int) -> int | None:
    """Where the dateline that opens the line at ``line_start`` ends, if the line has one."""
    dateline = DATELINE_RE.match(text, line_start)
    return dateline.end() if dateline else None


def in_dateline(text: str, span: Span) -> bool:
    """Whether ``span`` lies within the dateline that opens its line."""
    end = dateline_end(text, text.rfind("\n", 0, span[0]) + 1)
    return end is not None and span[1] <= end


def _extended(text: str, span: Span, steps: tuple[Callable[[str, Span], Span], ...]) -> Span:
    """The span after its ``steps``, each of which only extends it, until none does."""
    while True:
        before = span
        for step in steps:
            span = step(text, span)
        if span == before:
            return span


def _last_line(text: str, span: Span) -> Span:
    start, end = span
    line_start = text.rfind("\n", start, end) + 1
    if line_start and text[line_start:end].strip():
        start = line_start
        while text[start].isspace():
            start += 1
    return start, end


def _without_dateline(text: str, span: Span) -> Span:
    start, end = span
    at_line_start = start == 0 or text[start - 1] == "\n"
    dateline = DATELINE_RE.match(text, start, end) if at_line_start else None
    return (dateline.end() if dateline else start), end


def _closed(text: str, span: Span) -> Span:
    start, end = span
    open_parentheses = text.count("(", start, end) - text.count(")", start, end)
    while open_parentheses > 0 and text[end : end + 1] == ")":
        end += 1
        open_parentheses -= 1
    return start, end


def _with_apposition_comma(text: str, span: Span) -> Span:
    start, end = span
    piece = text[start:end]
    if "," in piece and not piece.endswith(",") and text[end : end + 1] == ",":
        return start, end + 1
    return span


def _quoted(text: str, span: Span) -> Span:
    start, end = span
    while start > 0 and text[start - 1] in OPENING_MARKS and not _in_word(text, start - 2):
        start -= 1
    while end < len(text) and text[end] in CLOSING_MARKS and not _in_word(text, end + 1):
        end += 1
    return start, end


def _in_word(text: str, index: int) -> bool:
    """Whether ``index`` holds a letter or digit: a mark beside one is an apostrophe."""
    return 0 <= index < len(text) and text[index].isalnum()


def _with_colon(text: str, span: Span) -> Span:
    start, end = span
    if text[end : end + 1] == ":" and not text[start:end].endswith(":"):
        return start, end + 1
    return span
