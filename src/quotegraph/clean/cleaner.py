"""Cleaning: the article body without its page furniture, and the way back.

Furniture is dropped a whole line at a time, with its line break, so the
paragraphs on either side of a removed caption join as if it had never been
there and a quote that runs across it is not interrupted. Of the blank lines
around removed lines, one paragraph separator is kept between two kept
paragraphs; the rest go, as kind ``blank``. Kept text is never changed:
removed and kept spans partition the original, and :class:`OffsetMap` takes
every position in the cleaned text back to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from quotegraph.clean.furniture import find_furniture
from quotegraph.clean.lines import Line, split_lines
from quotegraph.clean.offsets import OffsetMap
from quotegraph.clean.outlet import outlet_named
from quotegraph.clean.rules import furniture_rules
from quotegraph.records import Removed, Span


@dataclass(frozen=True, slots=True)
class Cleaned:
    """An article's body text, what was removed from it, and what the head said.

    ``removed`` spans are offsets into the original text; ``offsets`` maps
    positions in ``text`` back to it. ``headline_span`` is where the headline
    stands in ``text``, which it opens, when there is one.
    """

    text: str
    offsets: OffsetMap
    removed: tuple[Removed, ...]
    headline: str | None
    published: datetime | None
    updated: datetime | None
    authors: tuple[str, ...]
    outlet: str | None = None
    headline_span: Span | None = None


def _removals(lines: tuple[Line, ...], kinds: tuple[str | None, ...]) -> list[Removed]:
    """The lines to drop, each with its kind, in text order."""
    removed: list[Removed] = []
    start = 0
    while start < len(lines):
        if kinds[start] is None and not lines[start].blank:
            start += 1
            continue
        end = start
        while end < len(lines) and (kinds[end] is not None or lines[end].blank):
            end += 1
        run = range(start, end)
        if any(kinds[index] is not None for index in run):
            between_paragraphs = start > 0 and end < len(lines)
            kept_separator = _first_blank_group(lines, run) if between_paragraphs else set()
            removed.extend(
                Removed(lines[index].start, lines[index].end, kinds[index] or "blank")
                for index in run
                if index not in kept_separator
            )
        start = end
    return _merged(removed)


def _first_blank_group(lines: tuple[Line, ...], run: range) -> set[int]:
    group: set[int] = set()
    for index in run:
        if lines[index].blank:
            group.add(index)
        elif group:
            break
    return group


def _merged(removed: list[Removed]) -> list[Removed]:
    merged: list[Removed] = []
    for item in removed:
        last = merged[-1] if merged else None
        if last is not None and last.kind == item.kind and last.end == item.start:
            merged[-1] = Removed(last.start, item.end, last.kind)
        else:
            merged.append(item)
    return merged


def _kept(length: int, removed: list[Removed]) -> list[Span]:
    kept: list[Span] = []
    position = 0
    for item in removed:
        if item.start > position:
            kept.append((position, item.start))
        position = item.end
    if position < length:
        kept.append((position, length))
    return kept


def _kept_before(kept: list[Span], offset: int) -> int:
    """How many kept characters come before ``offset`` of the original text."""
    return sum(max(0, min(end, offset) - start) for start, end in kept)


def clean(text: str, *, title: str | None = None, outlet: str | None = None) -> Cleaned:
    """Take the page furniture out of an article's text.

    ``title`` (from the page's metadata) lets a repeated headline be
    recognised for sure; ``outlet`` (a name or web address) says whether
    numeric dates are written day first. The result's ``outlet`` is the name
    the furniture gives the outlet (a copyright line, a masthead), if any.
    """
    lines = split_lines(text)
    findings = find_furniture(lines, furniture_rules(), title=title, outlet=outlet)
    removed = _removals(lines, findings.kinds)
    kept = _kept(len(text), removed)
    head = findings.head
    headline_span = None
    if head.headline_lines:
        first, last = lines[head.headline_lines[0]], lines[head.headline_lines[-1]]
        start, end = first.start, last.start + len(last.text.rstrip())
        headline_span = (_kept_before(kept, start), _kept_before(kept, end))
    return Cleaned(
        text="".join(text[start:end] for start, end in kept),
        offsets=OffsetMap.from_kept(kept),
        removed=tuple(removed),
        headline=head.headline,
        published=head.published,
        updated=head.updated,
        authors=head.authors,
        headline_span=headline_span,
        outlet=outlet_named(
            [(kind, line.content) for line, kind in zip(lines, findings.kinds, strict=True) if kind]
        ),
    )
