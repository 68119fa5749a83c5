"""Offsets of phrases in hand-written test texts."""

from __future__ import annotations

from quotegraph.quotes.candidates import Candidate
from quotegraph.records import Span


def at(text: str, phrase: str, *, nth: int = 0, within: str = "") -> Span:
    """The offsets of the ``nth`` occurrence (from 0) of ``phrase`` in ``text``,
    counted inside the first ``within`` when given."""
    start = text.index(within) - 1 if within else -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def as_text(text: str, found: Candidate) -> tuple[str, str, list[str]]:
    """A candidate's source, cue and content fragments as the words of ``text``."""
    return (
        text[slice(*found.source)] if found.source else "",
        text[slice(*found.cue)] if found.cue else "",
        [text[start:end] for start, end in found.content],
    )
